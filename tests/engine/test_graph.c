/* test_graph.c: the clip graph: properties, time mapping (frame-exact through sub, speed,
 * loop, concat, compose starts), laziness, and the errors of misuse. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>
#include "engine/media/demux.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/counter.h"

int main(void)
{
    mr_err err;
    mr_clip *counter = mr_pattern_new("counter", 96, 64, (mr_rational){30, 1}, &err);
    CHECK(counter && isinf(counter->duration) && counter->fps.num == 30 && !counter->is_static);
    mr_clip *four = mr_clip_dur(counter, 4, &err);
    CHECK_NEAR(four->duration, 4, 1e-12);
    CHECK_INT(mr_frame_count(four->duration, four->fps), 120);

    /* sub: frame-exact start and length */
    mr_clip *mid = mr_clip_sub(four, 2, 4, &err);
    CHECK_NEAR(mid->duration, 2, 1e-12);
    CHECK_INT(mr_frame_count(mid->duration, mid->fps), 60);
    CHECK_INT(counter_at(mid, 0), 60);
    CHECK_INT(counter_at(mid, 59.0 / 30), 119);
    mr_clip *last = mr_clip_sub(four, -1, NAN, &err);
    CHECK_INT(counter_at(last, 0), 90);
    mr_clip *inner = mr_clip_sub(four, 0.5, -0.5, &err);
    CHECK_NEAR(inner->duration, 3, 1e-12);
    CHECK_INT(counter_at(inner, 0), 15);

    /* speed, loop */
    mr_clip *fast = mr_clip_speed(four, 2, &err);
    CHECK_NEAR(fast->duration, 2, 1e-12);
    CHECK_INT(counter_at(fast, 0.5), 30);
    mr_clip *one = mr_clip_sub(four, 0, 1, &err);
    mr_clip *loop = mr_clip_loop(one, 3, &err);
    CHECK_NEAR(loop->duration, 3, 1e-12);
    CHECK_INT(counter_at(loop, 1.0), 0);
    CHECK_INT(counter_at(loop, 1.0 + 5.0 / 30), 5);
    CHECK_INT(counter_at(loop, 2.0 + 29.0 / 30), 29);

    /* concat: the second clip starts exactly at the first's end */
    mr_clip *two = mr_clip_sub(four, 2, 3, &err);
    mr_clip *parts[] = {one, two};
    mr_clip *cat = mr_concat_new(parts, 2, 0, 0, &err);
    CHECK_NEAR(cat->duration, 2, 1e-12);
    CHECK_INT(counter_at(cat, 29.0 / 30), 29);
    CHECK_INT(counter_at(cat, 1.0), 60);

    /* compose: start offsets, duration from the bounded layers, size from the first */
    mr_clip *bg = mr_color_new((mr_rgba){0, 0, 0, 255}, 96, 64, &err);
    mr_clip *late = mr_clip_start_at(one, 1, &err);
    mr_clip *layers[] = {bg, late};
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *comp = mr_compose_new(layers, 2, &o, &err);
    CHECK(comp != NULL);
    CHECK_NEAR(comp->duration, 2, 1e-12);
    CHECK(comp->w == 96 && comp->h == 64 && comp->fps.num == 30);
    CHECK_INT(counter_at(comp, 1.5), 15);

    /* immutability: methods leave their receiver as it was */
    CHECK_NEAR(four->duration, 4, 1e-12);
    mr_clip *moved = mr_clip_at(one, mr_pos_edges(MR_EDGE_END, MR_EDGE_START, 40, 40), &err);
    CHECK(one->pos.ex == MR_EDGE_START && moved->pos.ex == MR_EDGE_END);
    double x, y;
    mr_pos_resolve(&moved->pos, 1920, 1080, 400, 200, 0, &x, &y, NULL);
    CHECK(x == 1480 && y == 40);
    /* an anchored place puts the anchor on the point its edges name */
    mr_pos anchored = mr_pos_edges(MR_EDGE_END, MR_EDGE_START, 40, 40);
    anchored.anchored = anchored.placed = true;
    mr_pos_resolve(&anchored, 1920, 1080, 400, 200, 0, &x, &y, NULL);
    CHECK(x == 1680 && y == -60); /* its centre 40 px in from the right, 40 down */
    mr_pos centred = mr_pos_edges(MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0);
    mr_pos_resolve(&centred, 1920, 1080, 101, 51, 0, &x, &y, NULL);
    CHECK(x == 909 && y == 514);
    centred.anchored = centred.placed = true; /* the same whole pixel when the anchor is the centre */
    mr_pos_resolve(&centred, 1920, 1080, 101, 51, 0, &x, &y, NULL);
    CHECK(x == 909 && y == 514);
    centred.ax = 0, centred.ay = 1; /* bottom-left corner on the centre */
    mr_pos_resolve(&centred, 1920, 1080, 101, 51, 0, &x, &y, NULL);
    CHECK(x == 960 && y == 489);
    mr_pos quarter = mr_pos_edges(MR_EDGE_START, MR_EDGE_END, 0.25, 0.1);
    quarter.xfrac = true;
    mr_pos_point(&quarter, 1920, 1080, 0, &x, &y, NULL);
    CHECK(x == 480 && y == 1079.9);

    /* misuse names the operation and the reason */
    CHECK(mr_clip_sub(four, 5, NAN, &err) == NULL);
    CHECK_STR(err.msg, "sub: start 5.000 s is outside the clip");
    CHECK(mr_clip_sub(four, 1, 9, &err) == NULL);
    CHECK_STR(err.msg, "past the end");
    CHECK(mr_clip_sub(counter, -1, NAN, &err) == NULL);
    CHECK_STR(err.msg, "no end");
    CHECK(mr_clip_loop(counter, 2, &err) == NULL);
    CHECK(mr_clip_fadeout(counter, 1, NULL, &err) == NULL);
    CHECK_STR(err.msg, "fadeout");
    CHECK(mr_clip_crop(four, 50, 0, 50, 10, &err) == NULL);
    CHECK_STR(err.msg, "does not fit");
    CHECK(mr_clip_speed(four, 0, &err) == NULL);
    CHECK(mr_clip_opacity(four, 1.5, NULL, &err) == NULL);
    mr_clip *tone = mr_tone_new(440, &err);
    CHECK(mr_clip_resize(tone, 10, 10, &err) == NULL);
    CHECK_STR(err.msg, "no picture");
    mr_clip *unb[] = {counter};
    CHECK(mr_concat_new(unb, 1, 0, 0, &err) == NULL);
    CHECK(mr_render_frame(four, 4.5, NULL, NULL, &err) == NULL);
    CHECK_STR(err.msg, "outside the clip");

    /* a media file: made here, then read lazily and frame-exactly across GOPs */
    char dir[] = "/tmp/mr_test_graph_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/counter.mp4", dir);
    mr_render_opts ro = mr_render_opts_default();
    ro.out.preset = "ultrafast";
    ro.out.crf = 18;
    mr_clip *ten = mr_clip_dur(counter, 10, &err);
    CHECK(mr_render(ten, path, &ro, &err) == 0);
    long before = mr_demux_open_count();
    mr_clip *v = mr_video_new(path, &err);
    CHECK(v && v->w == 96 && v->h == 64 && v->fps.num == 30 && !v->has_audio);
    CHECK_NEAR(v->duration, 10, 0.05);
    mr_clip *vs = mr_clip_sub(v, 9, 9.5, &err);
    mr_clip *vr = mr_clip_resize(vs, 48, 32, &err);
    CHECK_INT(mr_demux_open_count(), before); /* building the graph decoded nothing */
    CHECK_INT(counter_at(vs, 0), 270);         /* past x264's first GOP (keyint 250) */
    CHECK(mr_demux_open_count() > before);
    CHECK_INT(counter_at(v, 1.0), 30);         /* backwards: a seek */
    CHECK_INT(counter_at(v, 8.5), 255);
    CHECK_INT(counter_at(v, 8.5 + 1.0 / 30), 256);
    CHECK_INT(counter_at(v, 0), 0);
    mr_clip_unref(vr);
    mr_clip_unref(vs);
    mr_clip_unref(v);
    unlink(path);
    rmdir(dir);

    mr_clip *all[] = {counter, four, mid, last, inner, fast, one, loop, two, cat, bg, late, comp, moved, tone, ten};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
