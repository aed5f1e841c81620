/* soften.c: a mask's edge changed: m:feather(px) (a Gaussian blur of the coverage, the edge
 * fading over about px pixels each side, the picture's border included), m:grow(px) and m:shrink(px) (dilation and erosion
 * by a disc: round corners). Each amount may be a curve. */
#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/core/memo.h"
#include "engine/kernels/k_blur.h"
#include "engine/kernels/k_morph.h"
#include "engine/kernels/kernels.h"
#include "engine/masks/mask.h"
#include "engine/ops/param.h"

typedef enum { SOFTEN_FEATHER, SOFTEN_GROW, SOFTEN_SHRINK } soften_kind;

typedef struct soften_priv {
    soften_kind kind;
    mr_param px;         /* its curve owned */
    mr_memo last;        /* the last result, by its input picture and amount (a mask at rest) */
} soften_priv;

/* dst becomes in feathered by sigma, nothing counted beyond the picture's edge (a shape on the
 * border fades there too): in is blurred on a transparent margin of 3 sigma, then cut back.
 * Returns 0, or -1 with ev->err set. */
static int feather_into(mr_eval *ev, const mr_frame *in, mr_frame *dst, float sigma)
{
    int pad = (int)ceilf(3 * sigma);
    if (pad == 0)
        return mr_k_blur(ev, in, dst, 0, 0);
    mr_frame *wide = mr_k_new(ev, in->w + 2 * pad, in->h + 2 * pad);
    mr_frame *soft = wide ? mr_k_new(ev, wide->w, wide->h) : NULL;
    int r = soft && mr_k_fill(ev, wide, 0) == 0 && mr_k_over(ev, wide, in, pad, pad, 255) == 0 &&
                    mr_k_blur(ev, wide, soft, sigma, sigma) == 0 &&
                    mr_k_copy_rect(ev, dst, soft, pad, pad, dst->w, dst->h) == 0
                ? 0
                : -1;
    mr_frame_unref(wide);
    mr_frame_unref(soft);
    dst->opaque = false;
    return r;
}

static int soften_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const soften_priv *p = c->priv;
    double px;
    if (mr_param_at(&p->px, t, &px, ev->err) < 0)
        return -1;
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    px = px < 0 ? 0 : px;
    soften_priv *own = c->priv;
    if ((*out = mr_memo_get(&own->last, ev, &px, sizeof px, in))) {
        mr_frame_unref(in);
        return 0;
    }
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    int r = !f ? -1
            : p->kind == SOFTEN_FEATHER ? feather_into(ev, in, f, (float)(px / 2))
                                        : mr_k_morph(ev, in, f, (float)px, p->kind == SOFTEN_GROW);
    if (r == 0)
        mr_memo_put(&own->last, ev, &px, sizeof px, in, f);
    mr_frame_unref(in);
    if (r < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static void soften_describe(const mr_clip *c, char *buf, size_t n)
{
    const soften_priv *p = c->priv;
    if (p->px.curve)
        snprintf(buf, n, "moving");
    else
        snprintf(buf, n, "%g px", p->px.v);
}

static void soften_destroy(mr_clip *c)
{
    mr_param_release(&((soften_priv *)c->priv)->px);
    mr_memo_free(&((soften_priv *)c->priv)->last);
}

static const mr_clip_ops feather_ops = {"feather", soften_picture, mr_pass_sound, soften_describe, soften_destroy};
static const mr_clip_ops grow_ops = {"grow", soften_picture, mr_pass_sound, soften_describe, soften_destroy};
static const mr_clip_ops shrink_ops = {"shrink", soften_picture, mr_pass_sound, soften_describe, soften_destroy};

/* A node of kind over in by a[0]'s pixels. NULL with err set. */
static mr_clip *soften_new(const mr_clip_ops *ops, soften_kind kind, mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *c = mr_clip_alloc(ops, sizeof(soften_priv), in, err);
    if (!c)
        return NULL;
    soften_priv *p = c->priv;
    *p = (soften_priv){kind, mr_param_make(a[0].num, a[0].curve)};
    mr_memo_init(&p->last);
    if (mr_param_moves(&p->px))
        c->is_static = false;
    return c;
}

static mr_clip *make_feather(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return soften_new(&feather_ops, SOFTEN_FEATHER, in, a, err);
}

static mr_clip *make_grow(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return soften_new(&grow_ops, SOFTEN_GROW, in, a, err);
}

static mr_clip *make_shrink(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return soften_new(&shrink_ops, SOFTEN_SHRINK, in, a, err);
}

static const mr_param_desc feather_params[] = {
    {"px", MR_P_NUMBER, false, true, 0, 2 * MR_BLUR_SIGMA_MAX, 0, NULL,
     "how far the edge fades, in pixels each side (a Gaussian of sigma px / 2)"},
};
static const mr_param_desc morph_params[] = {
    {"px", MR_P_NUMBER, false, true, 0, MR_MORPH_RADIUS_MAX, 0, NULL, "by how many pixels (a disc: corners round)"},
};

const mr_op mr_mask_feather = {"feather", "the edge softened: a real blur of the coverage",
                               "local soft = mask.rect{40, 40, 400, 225, radius = 24}:feather(8)", feather_params, 1,
                               NULL, make_feather, MR_ROLE_MASK};
const mr_op mr_mask_grow = {"grow", "the mask made larger by px all round", "local halo = title:alpha():grow(6)",
                            morph_params, 1, NULL, make_grow, MR_ROLE_MASK};
const mr_op mr_mask_shrink = {"shrink", "the mask made smaller by px all round", "local inset = m:shrink(4)",
                              morph_params, 1, NULL, make_shrink, MR_ROLE_MASK};
