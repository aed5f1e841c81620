/* test_compose.c: compose's time rules: a compose of unbounded layers stays unbounded until
 * something bounds it, and a compose held past its end shows its last picture (no layer
 * drops out at the hold). */
#include <math.h>
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/counter.h"

int main(void)
{
    mr_err err;
    mr_clip *counter = mr_pattern_new("counter", 96, 64, (mr_rational){30, 1}, &err);
    mr_clip *red = mr_color_new((mr_rgba){255, 0, 0, 255}, 96, 64, &err);
    mr_clip *dot = mr_color_new((mr_rgba){0, 0, 255, 255}, 8, 8, &err);
    mr_compose_opts o = mr_compose_opts_default();

    /* laziness: stills only make an unbounded compose; a later :dur() bounds it */
    mr_clip *stills[] = {red, dot};
    mr_clip *card = mr_compose_new(stills, 2, &o, &err);
    CHECK(card != NULL && isinf(card->duration) && card->is_static);
    mr_render_opts ro = mr_render_opts_default();
    CHECK(mr_render(card, "/tmp/mr_test_compose_unbounded.mp4", &ro, &err) < 0);
    CHECK_STR(err.msg, "no end");
    mr_clip *card1 = mr_clip_dur(card, 1, &err);
    CHECK(card1 && card1->duration == 1);
    mr_frame *f = mr_render_frame(card1, 0.5, NULL, NULL, &err);
    CHECK(f && mr_frame_row(f, 0)[0] == 0 && mr_frame_row(f, 0)[2] == 255 && mr_frame_row(f, 30)[0] == 255);
    mr_frame_unref(f);
    /* ... or its place in a bounded compose, or opts.duration */
    mr_clip *two = mr_clip_dur(counter, 2, &err);
    mr_clip *outer_layers[] = {card, two};
    mr_clip *outer = mr_compose_new(outer_layers, 2, &o, &err);
    CHECK(outer && outer->duration == 2);
    mr_compose_opts od = o;
    od.duration = 3;
    mr_clip *given = mr_compose_new(stills, 2, &od, &err);
    CHECK(given && given->duration == 3);

    /* holding: a cut extended past its end keeps its last frame, also inside a compose */
    mr_clip *ten = mr_clip_dur(counter, 10, &err);
    mr_clip *cut = mr_clip_sub(ten, 0, 2, &err);
    mr_clip *held = mr_clip_dur(cut, 3, &err);
    CHECK_INT(counter_at(held, 59.0 / 30), 59);
    CHECK_INT(counter_at(held, 2.0), 59);
    CHECK_INT(counter_at(held, 2.9), 59);
    mr_clip *title = mr_clip_at(dot, mr_pos_edges(MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0), &err);
    mr_clip *scene_layers[] = {cut, title};
    mr_clip *scene = mr_compose_new(scene_layers, 2, &o, &err);
    CHECK(scene && scene->duration == 2);
    mr_clip *scene3 = mr_clip_dur(scene, 3, &err);
    CHECK_INT(counter_at(scene3, 59.0 / 30), 59);
    CHECK_INT(counter_at(scene3, 2.0), 59);
    CHECK_INT(counter_at(scene3, 2.5), 59);
    CHECK_INT(counter_at(scene3, 89.0 / 30), 59);
    /* a layer that ends before the compose does is gone after its end */
    mr_clip *one = mr_clip_sub(cut, 0, 1, &err);
    mr_clip *black = mr_color_new((mr_rgba){0, 0, 0, 255}, 96, 64, &err);
    mr_clip *bg = mr_clip_dur(black, 2, &err);
    mr_clip *short_layers[] = {bg, one};
    mr_clip *shorter = mr_compose_new(short_layers, 2, &o, &err);
    CHECK_INT(counter_at(shorter, 29.0 / 30), 29);
    CHECK(counter_at(shorter, 1.0) == 0 && corner_black_at(shorter, 1.0)); /* only the black layer */
    CHECK(counter_at(shorter, 1.5) == 0 && corner_black_at(shorter, 1.5));

    mr_clip *all[] = {counter, red, dot, card, card1, two, outer, given, ten, cut, held, title, scene, scene3, one,
                      black, bg, shorter};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
