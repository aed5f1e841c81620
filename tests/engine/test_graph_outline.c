/* test_graph_outline.c: a compose's layers and a concat's segments listed with their times,
 * and one of them alone (graph_outline.h). */
#include <math.h>
#include <stdlib.h>
#include "engine/ops/graph_outline.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

int main(void)
{
    mr_err err;
    mr_clip *red = mr_color_new((mr_rgba){255, 0, 0, 255}, 64, 36, &err), *red2 = mr_clip_dur(red, 2, &err);
    mr_clip *blue = mr_color_new((mr_rgba){0, 0, 255, 255}, 16, 16, &err), *b1 = mr_clip_dur(blue, 1, &err);
    mr_clip *late = mr_clip_start_at(b1, 0.5, &err);
    mr_clip *layers[] = {red2, late};
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *comp = mr_compose_new(layers, 2, &o, &err);

    mr_outline_kind kind;
    mr_outline_item *it;
    CHECK_INT(mr_outline(comp, &kind, &it, &err), 2);
    CHECK_INT(kind, MR_OUTLINE_COMPOSE);
    CHECK_NEAR(it[0].start, 0, 1e-9);
    CHECK_NEAR(it[0].duration, 2, 1e-9);
    CHECK_NEAR(it[1].start, 0.5, 1e-9);
    CHECK_NEAR(it[1].duration, 1, 1e-9);
    CHECK_STR(it[1].summary, "16x16");
    free(it);

    /* the blue layer alone: at its place and time, black elsewhere */
    mr_clip *solo = mr_outline_solo(comp, 1, &err);
    CHECK(solo && solo->w == 64 && solo->h == 36 && fabs(solo->duration - 2) < 1e-9);
    mr_frame *f = mr_render_frame(solo, 0.75, NULL, NULL, &err);
    CHECK(f && f->data[2] == 255 && f->data[0] == 0);                       /* (0, 0): blue */
    const uint8_t *far = f->data + 20 * f->stride + 40 * 4;
    CHECK(far[0] == 0 && far[1] == 0 && far[2] == 0 && far[3] == 255);      /* (40, 20): black */
    mr_frame_unref(f);
    f = mr_render_frame(solo, 0.25, NULL, NULL, &err);                       /* before it starts */
    CHECK(f && f->data[2] == 0);
    mr_frame_unref(f);
    mr_clip_unref(solo);
    CHECK(!mr_outline_solo(comp, 2, &err));

    /* a concat's segments one after another */
    mr_clip *segs[] = {red2, b1};
    mr_clip *cat = mr_concat_new(segs, 2, 0, 0, &err);
    CHECK_INT(mr_outline(cat, &kind, &it, &err), 2);
    CHECK_INT(kind, MR_OUTLINE_CONCAT);
    CHECK_NEAR(it[1].start, 2, 1e-9);
    CHECK_NEAR(it[1].duration, 1, 1e-9);
    free(it);

    /* any other clip is one item, itself */
    CHECK_INT(mr_outline(red2, &kind, &it, &err), 1);
    CHECK_INT(kind, MR_OUTLINE_CLIP);
    free(it);

    mr_clip_unref(cat);
    mr_clip_unref(comp);
    mr_clip_unref(late);
    mr_clip_unref(b1);
    mr_clip_unref(blue);
    mr_clip_unref(red2);
    mr_clip_unref(red);
    return CHECK_DONE();
}
