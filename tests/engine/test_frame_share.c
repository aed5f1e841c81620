/* test_frame_share.c: a node that two parts of a frame ask for at one time is made once
 * from the second frame on (frame_share.h), and sharing its picture never lets one consumer
 * see what another drew. */
#include <stdatomic.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "tests/engine/check.h"

static atomic_int made; /* pictures the ramp node made */

/* A 64 x 8 ramp: red = 2x + t*30 (the frame number), green 0, blue 255, opaque. */
static int ramp_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    atomic_fetch_add(&made, 1);
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (!f)
        return -1;
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            p[0] = (uint8_t)(2 * x + (int)(t * 30 + 0.5));
            p[1] = 0;
            p[2] = 255;
            p[3] = 255;
        }
    f->opaque = true;
    *out = f;
    return 0;
}

static const mr_clip_ops ramp_ops = {"ramp", ramp_picture, NULL, NULL, NULL};

/* The red of pixel x in row 3 of c at frame n (30 fps), or -1. */
static int red_at(mr_clip *c, int n, int x)
{
    mr_err err;
    mr_frame *f = mr_render_frame(c, n / 30.0, NULL, NULL, &err);
    if (!f)
        return -1;
    int r = mr_frame_row(f, 3)[4 * x];
    mr_frame_unref(f);
    return r;
}

int main(void)
{
    mr_err err;
    mr_clip *ramp = mr_clip_alloc(&ramp_ops, 0, NULL, &err);
    ramp->w = 64;
    ramp->h = 8;
    ramp->fps = (mr_rational){30, 1};
    ramp->duration = 10;
    ramp->has_video = true;

    /* the ramp under itself moved 10 px right: both layers ask it for the same time */
    mr_clip *moved = mr_clip_at(ramp, mr_pos_edges(MR_EDGE_START, MR_EDGE_START, 10, 0), &err);
    mr_clip *layers[] = {ramp, moved};
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *comp = mr_compose_new(layers, 2, &o, &err);
    CHECK(moved && comp);

    /* the first frame learns that it is asked twice; from the second frame on it is made once */
    atomic_store(&made, 0);
    CHECK_INT(red_at(comp, 0, 5), 10);
    CHECK_INT(atomic_load(&made), 2);
    for (int n = 1; n <= 3; n++) {
        atomic_store(&made, 0);
        /* left of the moved layer: the bottom one; right of it: the moved one, drawn from the
         * same picture and not from what compose drew onto its canvas */
        CHECK_INT(red_at(comp, n, 5), 10 + n);
        CHECK_INT(atomic_load(&made), 1);
        CHECK_INT(red_at(comp, n, 30), 2 * 20 + n);
        CHECK_INT(red_at(comp, n, 63), 2 * 53 + n);
    }

    /* once a frame asks it only once, it is no longer kept for a second consumer */
    CHECK_INT(atomic_load(&ramp->consumers), 2);
    mr_clip *alone = mr_clip_at(ramp, mr_pos_edges(MR_EDGE_START, MR_EDGE_START, 3, 0), &err);
    mr_clip *one[] = {alone};
    mr_clip *single = mr_compose_new(one, 1, &o, &err);
    CHECK_INT(red_at(single, 4, 3), 4);
    CHECK_INT(atomic_load(&ramp->consumers), 1);

    mr_clip_unref(single);
    mr_clip_unref(alone);
    mr_clip_unref(comp);
    mr_clip_unref(moved);
    mr_clip_unref(ramp);
    return CHECK_DONE();
}
