/* test_ink.c: a frame's ink box (frame.h): compose draws the box alone and skips a layer whose
 * ink is empty, with the same picture as drawing it whole; a writer's make_writable drops the
 * promise; an upload keeps it. */
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static bool promise = true;  /* whether the layer says where its ink is */
static bool blank = false;   /* whether the layer is all transparent */

/* A 64 x 32 layer, transparent but for a half-transparent orange box at (20, 8) 10 x 6. */
static int layer_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    (void)t;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (!f)
        return -1;
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            bool in = !blank && x >= 20 && x < 30 && y >= 8 && y < 14;
            ((uint32_t *)mr_frame_row(f, y))[x] = in ? 0x80004080u : 0;
        }
    f->opaque = false;
    if (promise)
        blank ? mr_frame_set_ink(f, 0, 0, 0, 0) : mr_frame_set_ink(f, 20, 8, 10, 6);
    *out = f;
    return 0;
}

static const mr_clip_ops layer_ops = {"layer", layer_picture, NULL, NULL, NULL};

/* The compose of bars and the layer moved to (5, 3), at t = 0. */
static mr_frame *composed(mr_clip *bars, mr_clip *layer)
{
    mr_err err;
    mr_clip *moved = mr_clip_at(layer, mr_pos_edges(MR_EDGE_START, MR_EDGE_START, 5, 3), &err);
    mr_clip *layers[] = {bars, moved};
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *comp = mr_compose_new(layers, 2, &o, &err);
    mr_frame *f = comp ? mr_render_frame(comp, 0, NULL, NULL, &err) : NULL;
    mr_clip_unref(comp);
    mr_clip_unref(moved);
    return f;
}

int main(void)
{
    mr_err err;
    mr_clip *bars = mr_pattern_new("bars", 64, 32, (mr_rational){30, 1}, &err);
    mr_clip *layer = mr_clip_alloc(&layer_ops, 0, NULL, &err);
    layer->w = 64;
    layer->h = 32;
    layer->duration = 1;
    layer->has_video = true;

    promise = false;
    mr_frame *whole = composed(bars, layer);
    promise = true;
    mr_frame *boxed = composed(bars, layer);
    CHECK(whole && boxed && frame_same(whole, boxed));
    CHECK(whole && frame_px(whole, 30, 14)[3] == 255 && frame_px(whole, 30, 14)[0] != frame_px(whole, 2, 2)[0]);

    blank = true;
    mr_frame *skipped = composed(bars, layer);
    mr_frame *plain = mr_render_frame(bars, 0, NULL, NULL, &err);
    CHECK(skipped && plain && frame_same(skipped, plain));

    /* a writer may draw anywhere: make_writable drops the promise, an unshared frame too */
    mr_frame *f = mr_frame_new(8, 8, &err);
    mr_frame_set_ink(f, 2, 2, 3, 3);
    CHECK(f->has_ink && f->ink_w == 3);
    mr_frame *g = mr_frame_ref(f);
    CHECK(mr_frame_make_writable(&g, NULL, &err) == 0 && g != f && !g->has_ink);
    CHECK(mr_frame_make_writable(&f, NULL, &err) == 0 && !f->has_ink);
    /* a box past the edge is clipped to the frame */
    mr_frame_set_ink(f, 6, -3, 10, 5);
    CHECK(f->ink_x == 6 && f->ink_y == 0 && f->ink_w == 2 && f->ink_h == 2);

    mr_frame_unref(f); mr_frame_unref(g); mr_frame_unref(whole); mr_frame_unref(boxed);
    mr_frame_unref(skipped); mr_frame_unref(plain);
    mr_clip_unref(layer);
    mr_clip_unref(bars);
    return CHECK_DONE();
}
