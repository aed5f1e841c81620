/* move.c: masks moved, turned and scaled inside the picture they are built for: m:at(x, y),
 * m:rotate(deg), m:scale(k[, x, y]). Turns and scales are those of clips (engine/ops/warp.c)
 * in the picture's own box; a move is a warp by the point's offset (sub-pixel, bilinear). */
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/masks/mask.h"
#include "engine/ops/ops.h"

typedef struct shift_priv {
    mr_pos by;           /* its curve owned */
} shift_priv;

static int shift_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const shift_priv *p = c->priv;
    double dx, dy;
    if (mr_pos_point(&p->by, c->w, c->h, t, &dx, &dy, ev->err) < 0)
        return -1;
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    mr_warp_params k = {.m = {1, 0, (float)-dx, 0, 1, (float)-dy}, .sw = in->w, .sh = in->h, .samples = 1};
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    int r = f ? mr_k_warp(ev, in, &k, f) : -1;
    mr_frame_unref(in);
    if (r < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static void shift_describe(const mr_clip *c, char *buf, size_t n)
{
    mr_pos_describe(&((const shift_priv *)c->priv)->by, buf, n);
}

static void shift_destroy(mr_clip *c)
{
    mr_curve_unref((mr_curve *)((shift_priv *)c->priv)->by.curve);
}

static const mr_clip_ops shift_ops = {"at", shift_picture, mr_pass_sound, shift_describe, shift_destroy};

static mr_clip *make_at(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *c = mr_clip_alloc(&shift_ops, sizeof(shift_priv), in, err);
    if (!c)
        return NULL;
    shift_priv *p = c->priv;
    p->by = a[0].pos;
    mr_curve_ref((mr_curve *)p->by.curve);
    if (p->by.curve && !mr_curve_is_constant(p->by.curve))
        c->is_static = false;
    return c;
}

/* Applies the clip operation called name to in with the named values given (the rest left
 * to their defaults). NULL with err set. */
static mr_clip *as_clip_op(const char *name, mr_clip *in, const char *const *names, const mr_arg *values, int n,
                           mr_err *err)
{
    const mr_op *op = mr_op_find(name);
    mr_arg args[MR_OP_MAX_PARAMS] = {{0}};
    for (int i = 0; i < n; i++)
        if (values[i].given)
            args[mr_op_param(op, names[i])] = values[i]; /* borrowed: not cleared below */
    return mr_op_apply(op, in, args, err);
}

static mr_clip *make_rotate(mr_clip *in, const mr_arg *a, mr_err *err)
{
    static const char *const names[] = {"deg", "expand"};
    mr_arg v[2] = {a[0], {.given = true, .num = 0}}; /* a mask keeps the picture's box */
    return as_clip_op("rotate", in, names, v, 2, err);
}

static mr_clip *make_scale(mr_clip *in, const mr_arg *a, mr_err *err)
{
    static const char *const names[] = {"k", "x", "y"};
    return as_clip_op("scale", in, names, a, 3, err);
}

static const mr_param_desc at_params[] = {
    {"pos", MR_P_POS, false, true, 0, 0, 0, NULL,
     "where the mask's top-left corner goes: (x, y) pixels, (\"25%\", \"10%\"), or a curve of x, y"},
};
static const mr_param_desc rotate_params[] = {
    {"deg", MR_P_NUMBER, false, true, -1e6, 1e6, 0, NULL, "degrees, clockwise, about the picture's centre"},
};
static const mr_param_desc scale_params[] = {
    {"k", MR_P_NUMBER, false, true, 0, 1000, 0, NULL, "times larger"},
    {"x", MR_P_NUMBER, true, false, 0, 1, 0.5, NULL, "the point that stays put, across the picture (0 left, 1 right)"},
    {"y", MR_P_NUMBER, true, false, 0, 1, 0.5, NULL, "... and down it (0 top, 1 bottom)"},
};

const mr_op mr_mask_at = {"at", "the mask moved: its top-left corner to (x, y) (sub-pixel; a curve moves it)",
                          "local sweep = mask.rect(0, 0, 200, 1080):at(keys{ {0, {-200, 0}}, {2, {1920, 0}} })",
                          at_params, 1, NULL, make_at, MR_ROLE_MASK};
const mr_op mr_mask_rotate = {"rotate", "the mask turned about the picture's centre (a curve turns it)",
                              "local tilted = mask.rect(660, 440, 600, 200):rotate(15)", rotate_params, 1, NULL,
                              make_rotate, MR_ROLE_MASK};
const mr_op mr_mask_scale = {"scale", "the mask k times larger about a point of the picture (a curve zooms it)",
                             "local iris = mask.circle(960, 540, 100):scale(keys{ {0, 0}, {1, 12} })", scale_params, 3,
                             NULL, make_scale, MR_ROLE_MASK};
