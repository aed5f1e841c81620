/* detail_blur.c: the blurs and what is made of them: clip:blur(radius) (Gaussian),
 * clip:box_blur(radius), clip:sharpen(amount, radius) (unsharp mask: the picture less its
 * blur, added back) and clip:glow(radius, amount, threshold) (the bright parts blurred and
 * screened over). All on the separable blur of engine/kernels/k_blur.h, which blurs the
 * premultiplied values (transparent pixels lend no colour) and repeats the edge pixels
 * beyond the frame; every number may be a curve. The node is detail.c's. */
#include <math.h>
#include "engine/kernels/k_blur.h"
#include "engine/kernels/k_detail.h"
#include "engine/ops/detail.h"

#define RADIUS_MAX (2 * MR_BLUR_SIGMA_MAX) /* a Gaussian's radius is 2 sigma */

/* r kept inside 0 .. RADIUS_MAX (NaN: 0). */
static double radius_of(double r)
{
    return r > 0 ? (r < RADIUS_MAX ? r : RADIUS_MAX) : 0;
}

/* *io replaced by its blur by the kernels kx = ky = k. Returns 0, or -1 with ev->err set. */
static int blur_by(mr_eval *ev, mr_frame **io, const mr_blur_taps *k)
{
    if (k->radius == 0)
        return 0;
    mr_frame *out = mr_detail_like(ev, *io);
    if (!out || mr_k_blur_taps(ev, *io, out, k, k) < 0) {
        mr_frame_unref(out);
        return -1;
    }
    mr_frame_unref(*io);
    *io = out;
    return 0;
}

/* blur: v[0] the radius, sigma = radius / 2. */
static int run_blur(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)c, (void)t;
    mr_blur_taps k;
    mr_blur_taps_make(radius_of(v[0]) / 2, &k);
    return blur_by(ev, io, &k);
}

/* box_blur: v[0] the radius. */
static int run_box_blur(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)c, (void)t;
    mr_blur_taps k;
    mr_blur_box_taps_make(radius_of(v[0]), &k);
    return blur_by(ev, io, &k);
}

/* A new frame: the Gaussian blur of f by radius (sigma radius / 2), or NULL with ev->err set. */
static mr_frame *blurred(mr_eval *ev, const mr_frame *f, double radius)
{
    mr_frame *b = mr_detail_like(ev, f);
    float sigma = (float)(radius_of(radius) / 2);
    if (b && mr_k_blur(ev, f, b, sigma, sigma) < 0) {
        mr_frame_unref(b);
        return NULL;
    }
    return b;
}

/* sharpen: v = amount, radius. The blur becomes the result, in place. */
static int run_sharpen(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)c, (void)t;
    if (!(v[0] > 0) || !(v[1] > 0))
        return 0;
    mr_detail_params k = mr_sharpen_params_make(v[0]);
    mr_frame *b = blurred(ev, *io, v[1]);
    if (!b || mr_k_detail(ev, b, *io, b, &k) < 0) {
        mr_frame_unref(b);
        return -1;
    }
    mr_frame_unref(*io);
    *io = b;
    return 0;
}

/* glow: v = radius, amount, threshold: the bright pass, its blur, screened over. */
static int run_glow(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io)
{
    (void)c, (void)t;
    if (!(v[1] > 0))
        return 0;
    mr_detail_params kb = mr_bright_params_make(v[2]), kg = mr_glow_params_make(v[1]);
    mr_frame *bright = mr_detail_like(ev, *io);
    if (!bright || mr_k_detail(ev, bright, *io, NULL, &kb) < 0) {
        mr_frame_unref(bright);
        return -1;
    }
    mr_frame *g = blurred(ev, bright, v[0]);
    mr_frame_unref(bright);
    if (!g || mr_k_detail(ev, g, *io, g, &kg) < 0) {
        mr_frame_unref(g);
        return -1;
    }
    mr_frame_unref(*io);
    *io = g;
    return 0;
}

#define DETAIL_OPS(name) {name, mr_detail_picture, mr_pass_sound, mr_detail_describe, mr_detail_destroy}

extern const mr_op mr_op_blur, mr_op_box_blur, mr_op_sharpen, mr_op_glow;
static const detail_kind blur_kind = {DETAIL_OPS("blur"), &mr_op_blur, 1, run_blur};
static const detail_kind box_blur_kind = {DETAIL_OPS("box_blur"), &mr_op_box_blur, 1, run_box_blur};
static const detail_kind sharpen_kind = {DETAIL_OPS("sharpen"), &mr_op_sharpen, 2, run_sharpen};
static const detail_kind glow_kind = {DETAIL_OPS("glow"), &mr_op_glow, 3, run_glow};

static mr_clip *make_blur(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&blur_kind, in, a, err);
}

static mr_clip *make_box_blur(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&box_blur_kind, in, a, err);
}

static mr_clip *make_sharpen(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&sharpen_kind, in, a, err);
}

static mr_clip *make_glow(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_detail_new(&glow_kind, in, a, err);
}

static const mr_param_desc blur_params[] = {
    {"radius", MR_P_NUMBER, false, true, 0, RADIUS_MAX, 0, NULL,
     "how far it spreads, in pixels: a Gaussian of sigma radius / 2 (as a mask's feather), reaching 1.5 radius"},
};
static const mr_param_desc box_blur_params[] = {
    {"radius", MR_P_NUMBER, false, true, 0, RADIUS_MAX, 0, NULL,
     "the box's half-width in pixels: the mean of the (2 radius + 1)^2 pixels around (a fraction weighs the next "
     "ring out by it)"},
};
static const mr_param_desc sharpen_params[] = {
    {"amount", MR_P_NUMBER, true, true, 0, 10, 1, NULL,
     "how much of the detail (the picture less its blur) is added back (0: no change)"},
    {"radius", MR_P_NUMBER, true, true, 0, RADIUS_MAX, 2, NULL,
     "the blur's radius in pixels (sigma radius / 2): how fine the detail sharpened is"},
};
static const mr_param_desc glow_params[] = {
    {"radius", MR_P_NUMBER, false, true, 0, RADIUS_MAX, 0, NULL,
     "how far the glow spreads, in pixels (a Gaussian of sigma radius / 2)"},
    {"amount", MR_P_NUMBER, true, true, 0, 10, 1, NULL, "its strength: the blurred bright copy times this (0: none)"},
    {"threshold", MR_P_NUMBER, true, true, 0, 1, 0.6, NULL,
     "the luma (0..1, premultiplied) from which a pixel glows, more so up to white"},
};

const mr_op mr_op_blur = {"blur",
                          "a Gaussian blur (separable: large radii stay fast); premultiplied, so transparent pixels "
                          "lend no colour and edges of a see-through layer soften; the edge pixels are repeated "
                          "beyond the frame (pad with margin() to blur past it)",
                          "local plate = clip:blur(20)", blur_params, 1, NULL, make_blur};
const mr_op mr_op_box_blur = {"box_blur",
                              "a box blur: each pixel the mean of the square around it (separable; premultiplied, "
                              "edges repeated, as blur)",
                              "local soft = clip:box_blur(3)", box_blur_params, 1, NULL, make_box_blur};
const mr_op mr_op_sharpen = {"sharpen",
                             "an unsharp mask: each colour channel p + amount (p - blur(p)), kept inside the alpha, "
                             "which is kept",
                             "local crisp = clip:sharpen(0.8, 3)", sharpen_params, 2, NULL, make_sharpen};
const mr_op mr_op_glow = {"glow",
                          "the bright parts blurred and screened over the picture (its alpha too, so a title on a "
                          "transparent layer glows past its letters, within its box: give it room with margin(px) first)",
                          "local neon = title:glow(12, 1.5)", glow_params, 3, NULL, make_glow};
