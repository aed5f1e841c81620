/* key.c: chroma and luma keys: clip:chromakey{color, similarity, blend, spill} makes the key
 * colour's pixels transparent (a green screen) and takes its cast off the rest; clip:lumakey{low,
 * high, soft} makes a band of brightness transparent. What each number means is in
 * engine/kernels/key_params.h; the numbers may be curves, read at every frame. */
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_key.h"
#include "engine/ops/op.h"
#include "engine/ops/param.h"

typedef struct key_priv {
    bool luma;
    mr_rgba color;      /* chroma: the key colour */
    mr_param v[3];      /* chroma: similarity, blend, spill; luma: low, high, soft */
} key_priv;

/* The three numbers of c at clip-local t into v. Returns 0, or -1 with err set (a curve failed). */
static int key_values(const mr_clip *c, double t, double *v, mr_err *err)
{
    const key_priv *p = c->priv;
    for (int i = 0; i < 3; i++)
        if (mr_param_at(&p->v[i], t, &v[i], err) < 0)
            return -1;
    return 0;
}

/* The input's picture at t keyed by the numbers at t: a new reference in *out. Returns 0, or -1
 * with ev->err set (nothing in *out). */
static int key_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const key_priv *p = c->priv;
    double v[3];
    if (key_values(c, t, v, ev->err) < 0 || mr_clip_picture(c->input, t, ev, out) < 0)
        return -1;
    if (mr_frame_make_writable(out, ev->gpu, ev->err) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    mr_key_params k = p->luma ? mr_lumakey_params_make(v[0], v[1], v[2])
                              : mr_chromakey_params_make(p->color, v[0], v[1], v[2]);
    if (mr_k_key(ev, *out, &k) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    return 0;
}

/* One number for describe: "0.1" or "moving". */
static void value_words(const mr_param *p, char *buf, size_t n)
{
    if (p->curve)
        snprintf(buf, n, "moving");
    else
        snprintf(buf, n, "%g", p->v);
}

/* "#00ff00 similarity 0.1 blend 0 spill moving", "low 0 high 0.1 soft 0". */
static void key_describe(const mr_clip *c, char *buf, size_t n)
{
    const key_priv *p = c->priv;
    char a[32], b[32], d[32];
    value_words(&p->v[0], a, sizeof a);
    value_words(&p->v[1], b, sizeof b);
    value_words(&p->v[2], d, sizeof d);
    if (p->luma)
        snprintf(buf, n, "low %s high %s soft %s", a, b, d);
    else
        snprintf(buf, n, "#%02x%02x%02x similarity %s blend %s spill %s", p->color.r, p->color.g, p->color.b, a, b,
                 d);
}

/* Drops the curves the numbers hold. */
static void key_destroy(mr_clip *c)
{
    key_priv *p = c->priv;
    for (int i = 0; i < 3; i++)
        mr_param_release(&p->v[i]);
}

static const mr_clip_ops chromakey_ops = {"chromakey", key_picture, mr_pass_sound, key_describe, key_destroy};
static const mr_clip_ops lumakey_ops = {"lumakey", key_picture, mr_pass_sound, key_describe, key_destroy};

/* A key node over in, its numbers from a[first..first+3). NULL with err set. */
static mr_clip *key_new(const mr_clip_ops *ops, mr_clip *in, const mr_arg *a, int first, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "%s: the clip has no picture", ops->kind), NULL;
    mr_clip *n = mr_clip_alloc(ops, sizeof(key_priv), in, err);
    if (!n)
        return NULL;
    key_priv *p = n->priv;
    p->luma = ops == &lumakey_ops;
    for (int i = 0; i < 3; i++) {
        p->v[i] = mr_param_make(a[first + i].num, a[first + i].curve);
        if (mr_param_moves(&p->v[i]))
            n->is_static = false;
    }
    return n;
}

/* chromakey: the colour (green when left out), similarity, blend, spill. NULL with err set. */
static mr_clip *make_chromakey(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *n = key_new(&chromakey_ops, in, a, 1, err);
    if (n)
        ((key_priv *)n->priv)->color = a[0].given ? a[0].color : (mr_rgba){0, 255, 0, 255};
    return n;
}

/* lumakey: low, high (low above high is an error when both are numbers), soft. NULL with err set. */
static mr_clip *make_lumakey(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!a[0].curve && !a[1].curve && a[0].num > a[1].num)
        return mr_err_set(err, "lumakey: low %g is above high %g", a[0].num, a[1].num), NULL;
    return key_new(&lumakey_ops, in, a, 0, err);
}

static const mr_param_desc chromakey_params[] = {
    {"color", MR_P_COLOR, true, false, 0, 0, 0, NULL, "the screen's colour (default \"#00ff00\", a green screen)"},
    {"similarity", MR_P_NUMBER, true, true, 0, 1, 0.1, NULL,
     "how near the key colour's chroma (distance in BT.709 U, V, 0..1 as ffmpeg's chromakey) becomes transparent"},
    {"blend", MR_P_NUMBER, true, true, 0, 1, 0, NULL,
     "the width of the soft edge past similarity, where the alpha ramps up to opaque (0: a hard edge)"},
    {"spill", MR_P_NUMBER, true, true, 0, 1, 0, NULL,
     "spill suppression of what is kept: the key's main channel pulled towards the larger of the other two (green "
     "to max(red, blue)), by this much"},
};
static const mr_param_desc lumakey_params[] = {
    {"low", MR_P_NUMBER, true, true, 0, 1, 0, NULL, "luma (BT.709, 0..1) from which the picture becomes transparent"},
    {"high", MR_P_NUMBER, true, true, 0, 1, 0.1, NULL, "... up to this luma"},
    {"soft", MR_P_NUMBER, true, true, 0, 1, 0, NULL,
     "the width of the ramp outside [low, high] from transparent to opaque (0: a hard edge)"},
};

const mr_op mr_op_chromakey = {"chromakey",
                               "pixels near a key colour become transparent (a green screen), with a soft edge and "
                               "spill suppression; the result is premultiplied as every picture",
                               "local actor = video(\"greenscreen.mp4\"):chromakey{similarity = 0.15, blend = 0.1, "
                               "spill = 0.5}",
                               chromakey_params, 4, NULL, make_chromakey};
const mr_op mr_op_lumakey = {"lumakey",
                             "pixels whose luma lies in [low, high] become transparent, with a ramp `soft` wide "
                             "outside it (ffmpeg's lumakey: low, high = threshold -/+ tolerance)",
                             "local sparks = video(\"sparks_on_black.mp4\"):lumakey{high = 0.08, soft = 0.05}",
                             lumakey_params, 3, NULL, make_lumakey};
