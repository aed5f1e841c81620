/* detail.c: the detail operations' shared node, and those that work pixel by pixel or on a
 * 3x3 neighbourhood: clip:pixelate(size), clip:vignette(amount, inner, outer),
 * clip:noise(amount, seed, mono), clip:edge(amount), clip:emboss(amount). The blurs and what is
 * made of them are in detail_blur.c. Every number may be a curve, read at every frame; what
 * each does to a pixel is said in engine/kernels/detail_params.h, conv3_params.h and
 * pixelate_params.h. */
#include "engine/ops/detail.h"

#include <math.h>
#include <stdio.h>
#include "engine/kernels/k_detail.h"
#include "engine/kernels/kernels.h"

int mr_detail_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const detail_priv *p = c->priv;
    double v[DETAIL_MAX];
    for (int i = 0; i < p->kind->nv; i++)
        if (mr_param_at(&p->v[i], t, &v[i], ev->err) < 0)
            return -1;
    if (mr_clip_picture(c->input, t, ev, out) < 0)
        return -1;
    if (p->kind->run(c, t, v, ev, out) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    return 0;
}

void mr_detail_describe(const mr_clip *c, char *buf, size_t n)
{
    const detail_priv *p = c->priv;
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < p->kind->nv && k < n; i++) {
        const char *name = p->kind->op->params[i].name, *sep = i ? " " : "";
        if (p->v[i].curve)
            k += (size_t)snprintf(buf + k, n - k, "%s%s moving", sep, name);
        else
            k += (size_t)snprintf(buf + k, n - k, "%s%s %g", sep, name, p->v[i].v);
    }
}

void mr_detail_destroy(mr_clip *c)
{
    detail_priv *p = c->priv;
    for (int i = 0; i < p->kind->nv; i++)
        mr_param_release(&p->v[i]);
}

mr_clip *mr_detail_new(const detail_kind *kind, mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "%s: the clip has no picture", kind->ops.kind), NULL;
    mr_clip *n = mr_clip_alloc(&kind->ops, sizeof(detail_priv), in, err);
    if (!n)
        return NULL;
    detail_priv *p = n->priv;
    p->kind = kind;
    for (int i = 0; i < kind->nv; i++) {
        p->v[i] = mr_param_make(a[i].num, a[i].curve);
        if (mr_param_moves(&p->v[i]))
            n->is_static = false;
    }
    return n;
}

mr_frame *mr_detail_like(mr_eval *ev, const mr_frame *f)
{
    return mr_k_new(ev, f->w, f->h);
}

/* *io made writable for an effect in place. Returns 0, or -1 with ev->err set. */
static int writable(mr_eval *ev, mr_frame **io)
{
    return mr_frame_make_writable(io, ev->gpu, ev->err);
}

/* pixelate: v[0] the block size, rounded to whole pixels. */
static int run_pixelate(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)c, (void)t;
    int size = (int)lround(v[0] < 1 ? 1 : v[0] > MR_PIXELATE_MAX ? MR_PIXELATE_MAX : v[0]);
    if (size == 1)
        return 0;
    return writable(ev, io) < 0 ? -1 : mr_k_pixelate(ev, *io, size);
}

/* vignette: v = amount, inner, outer. */
static int run_vignette(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)c, (void)t;
    if (!(v[0] > 0))
        return 0;
    mr_detail_params k = mr_vignette_params_make((*io)->w, (*io)->h, v[0], v[1], v[2]);
    return writable(ev, io) < 0 ? -1 : mr_k_detail(ev, *io, *io, NULL, &k);
}

/* The frame number clip c shows at clip-local t: at its own rate, 30 a second for stills. */
static int64_t frame_number(const mr_clip *c, double t)
{
    double fps = c->fps.num > 0 && c->fps.den > 0 ? (double)c->fps.num / c->fps.den : 30;
    return (int64_t)floor(t * fps + 1e-6);
}

/* noise: v = amount, seed, mono. */
static int run_noise(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    if (!(v[0] > 0))
        return 0;
    double seed = floor(v[1]);
    mr_detail_params k = mr_noise_params_make(v[0], frame_number(c, t), (uint32_t)(int64_t)seed, v[2] != 0);
    return writable(ev, io) < 0 ? -1 : mr_k_detail(ev, *io, *io, NULL, &k);
}

/* edge and emboss: v[0] the gain. */
static int run_conv3(const mr_clip *c, const double *v, mr_conv3_op op, mr_eval *ev, mr_frame **io)
{
    (void)c;
    mr_conv3_params k = mr_conv3_params_make(op, v[0]);
    mr_frame *out = mr_detail_like(ev, *io);
    if (!out || mr_k_conv3(ev, *io, out, &k) < 0) {
        mr_frame_unref(out);
        return -1;
    }
    mr_frame_unref(*io);
    *io = out;
    return 0;
}

static int run_edge(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)t;
    return run_conv3(c, v, MR_CONV3_EDGE, ev, io);
}

static int run_emboss(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)t;
    return run_conv3(c, v, MR_CONV3_EMBOSS, ev, io);
}

#define DETAIL_OPS(name) {name, mr_detail_picture, mr_pass_sound, mr_detail_describe, mr_detail_destroy}

extern const mr_op mr_op_pixelate, mr_op_vignette, mr_op_noise, mr_op_edge, mr_op_emboss;
static const detail_kind pixelate_kind = {DETAIL_OPS("pixelate"), &mr_op_pixelate, 1, run_pixelate};
static const detail_kind vignette_kind = {DETAIL_OPS("vignette"), &mr_op_vignette, 3, run_vignette};
static const detail_kind noise_kind = {DETAIL_OPS("noise"), &mr_op_noise, 3, run_noise};
static const detail_kind edge_kind = {DETAIL_OPS("edge"), &mr_op_edge, 1, run_edge};
static const detail_kind emboss_kind = {DETAIL_OPS("emboss"), &mr_op_emboss, 1, run_emboss};

static mr_clip *make_pixelate(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&pixelate_kind, in, a, err);
}

/* vignette: inner above outer is an error when both are numbers. */
static mr_clip *make_vignette(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!a[1].curve && !a[2].curve && a[1].num > a[2].num)
        return mr_err_set(err, "vignette: inner %g is beyond outer %g", a[1].num, a[2].num), NULL;
    return mr_detail_new(&vignette_kind, in, a, err);
}

/* noise: a new picture every frame. */
static mr_clip *make_noise(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *n = mr_detail_new(&noise_kind, in, a, err);
    if (n)
        n->is_static = false;
    return n;
}

static mr_clip *make_edge(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&edge_kind, in, a, err);
}

static mr_clip *make_emboss(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&emboss_kind, in, a, err);
}

static const mr_param_desc pixelate_params[] = {
    {"size", MR_P_NUMBER, false, true, 1, MR_PIXELATE_MAX, 0, NULL,
     "the blocks' side in pixels (rounded to whole pixels; 1 leaves the picture as it is)"},
};
static const mr_param_desc vignette_params[] = {
    {"amount", MR_P_NUMBER, true, true, 0, 1, 0.5, NULL,
     "how dark the corners get: the colour times 1 - amount there (0: no change, 1: black)"},
    {"inner", MR_P_NUMBER, true, true, 0, 2, 0.4, NULL,
     "where the darkening starts: the distance from the centre, 1 at the corners (on the ellipse that fits the "
     "frame, so the edges' middles are at 0.71)"},
    {"outer", MR_P_NUMBER, true, true, 0, 2, 1, NULL, "where it is full (a smooth curve from inner to outer)"},
};
static const mr_param_desc noise_params[] = {
    {"amount", MR_P_NUMBER, true, true, 0, 1, 0.1, NULL,
     "the grain's largest deviation, a fraction of the full range (triangular: most are far smaller; 0: none)"},
    {"seed", MR_P_INT, true, true, 0, 2147483647, 0, NULL,
     "which grain: the same seed and frame number give the same grain, on both engines"},
    {"mono", MR_P_BOOL, true, false, 0, 1, 1, NULL, "one number for red, green and blue (grey grain); false: colour"},
};
static const mr_param_desc edge_params[] = {
    {"amount", MR_P_NUMBER, true, true, 0, 16, 1, NULL,
     "the gain: at 1 a full black-to-white step is white (the Sobel magnitude / 4)"},
};
static const mr_param_desc emboss_params[] = {
    {"amount", MR_P_NUMBER, true, true, 0, 16, 1, NULL,
     "the relief's depth: at 1 a full step is lit or shaded by half the range (the Sobel x + y / 8)"},
};

const mr_op mr_op_pixelate = {"pixelate",
                              "the picture in size x size blocks from its top-left corner, each the mean of its "
                              "pixels (premultiplied: transparency averages as it should)",
                              "local anonymous = face:pixelate(16)", pixelate_params, 1, NULL, make_pixelate};
const mr_op mr_op_vignette = {"vignette",
                              "the picture darkened towards its corners, radially; the alpha is kept",
                              "local framed = clip:vignette(0.6)", vignette_params, 3, NULL, make_vignette};
const mr_op mr_op_noise = {"noise",
                           "film grain: a random number added to each pixel, an integer hash of (x, y, frame number, "
                           "seed), so the same on both engines and in every render (the clip's own frame rate, 30 for "
                           "stills); scaled by the alpha, which is kept",
                           "local grainy = clip:noise(0.08, 7)", noise_params, 3, NULL, make_noise};
const mr_op mr_op_edge = {"edge",
                          "the edges: the Sobel gradient's magnitude of each colour channel (black where flat); the "
                          "alpha is kept",
                          "local lines = clip:edge()", edge_params, 1, NULL, make_edge};
const mr_op mr_op_emboss = {"emboss",
                            "a relief lit from the top left: grey where flat, the Sobel x + y of each colour channel "
                            "lighter or darker; the alpha is kept",
                            "local relief = clip:emboss(1.5)", emboss_params, 1, NULL, make_emboss};
