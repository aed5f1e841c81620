/* color_fx.c: the colour effects (brightness, contrast, saturation, gamma, hue, exposure,
 * temperature, tint, levels, curves, grayscale, sepia, invert, multiply_color, posterize,
 * threshold): one node kind, the colour transform of engine/kernels/color_params.h, whose
 * parameters each effect builds from its numbers (color_build.c) at every frame, or once when
 * none of them moves. The 3D LUT is its own node (lut.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_color.h"
#include "engine/ops/color_build.h"
#include "engine/ops/op.h"
#include "engine/ops/param.h"

#define MAX_NUMBERS 5

struct color_priv;

/* What one effect is: its node's ops (named after it), its descriptor, and how its
 * parameters are built from its numbers at a time. */
typedef struct color_kind {
    mr_clip_ops ops;
    const mr_op *op;
    void (*build)(const struct color_priv *p, const double *v, mr_color_params *k);
} color_kind;

typedef struct color_priv {
    const color_kind *kind;
    int n;                    /* numbers in v */
    int first;                /* the descriptor's index of v[0] (for describe) */
    mr_param v[MAX_NUMBERS];
    mr_rgba color;            /* tint */
    uint8_t curve[3][256];    /* curves: the tables, made once */
    bool fixed;               /* no number moves: k was built once */
    bool identity;            /* fixed, and k changes nothing */
    mr_color_params k;        /* when fixed */
} color_priv;

/* The parameters of p's effect at clip-local t into k. Returns 0, or -1 with err set. */
static int color_build(const color_priv *p, double t, mr_color_params *k, mr_err *err)
{
    double v[MAX_NUMBERS] = {0};
    for (int i = 0; i < p->n; i++)
        if (mr_param_at(&p->v[i], t, &v[i], err) < 0)
            return -1;
    p->kind->build(p, v, k);
    return 0;
}

/* The input's picture at t through the effect: a new reference in *out. Returns 0, or -1 with
 * ev->err set (nothing in *out). */
static int color_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const color_priv *p = c->priv;
    mr_color_params moving;
    const mr_color_params *k = &p->k;
    if (!p->fixed) {
        if (color_build(p, t, &moving, ev->err) < 0)
            return -1;
        k = &moving;
    }
    if (mr_clip_picture(c->input, t, ev, out) < 0)
        return -1;
    if (p->fixed ? p->identity : mr_color_is_identity(k))
        return 0;
    if (mr_frame_make_writable(out, ev->gpu, ev->err) < 0 || mr_k_color(ev, *out, k) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    return 0;
}

/* "k=1.5", "color=#ff8800 amount=moving": the effect's values by their names. */
static void color_describe(const mr_clip *c, char *buf, size_t n)
{
    const color_priv *p = c->priv;
    size_t k = 0;
    buf[0] = 0;
    if (p->kind->op->nparams && p->kind->op->params[0].type == MR_P_COLOR)
        k += (size_t)snprintf(buf, n, "color=#%02x%02x%02x", p->color.r, p->color.g, p->color.b);
    for (int i = 0; i < p->n && k < n; i++) {
        const char *name = p->kind->op->params[p->first + i].name;
        if (p->v[i].curve)
            k += (size_t)snprintf(buf + k, n - k, "%s%s=moving", k ? " " : "", name);
        else
            k += (size_t)snprintf(buf + k, n - k, "%s%s=%g", k ? " " : "", name, p->v[i].v);
    }
}

/* Drops the curves the numbers hold. */
static void color_destroy(mr_clip *c)
{
    color_priv *p = c->priv;
    for (int i = 0; i < p->n; i++)
        mr_param_release(&p->v[i]);
}

/* A colour node of kind over in, its numbers a[first .. first + n); set(p) fills what else
 * the kind holds (NULL: nothing). NULL with err set. */
static mr_clip *color_new(const color_kind *kind, mr_clip *in, const mr_arg *a, int first, int n,
                          void (*set)(color_priv *p, const mr_arg *a), mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "%s: the clip has no picture", kind->op->name), NULL;
    mr_clip *c = mr_clip_alloc(&kind->ops, sizeof(color_priv), in, err);
    if (!c)
        return NULL;
    color_priv *p = c->priv;
    p->kind = kind;
    p->n = n;
    p->first = first;
    p->fixed = true;
    for (int i = 0; i < n; i++) {
        p->v[i] = mr_param_make(a[first + i].num, a[first + i].curve);
        if (mr_param_moves(&p->v[i]))
            p->fixed = c->is_static = false;
    }
    if (set)
        set(p, a);
    if (p->fixed) {
        if (color_build(p, 0, &p->k, err) < 0) {
            mr_clip_unref(c);
            return NULL;
        }
        p->identity = mr_color_is_identity(&p->k);
    }
    return c;
}

/* The builders: each effect's numbers v into k. */
static void b_brightness(const color_priv *p, const double *v, mr_color_params *k) { mr_color_brightness(k, v[0]); }
static void b_contrast(const color_priv *p, const double *v, mr_color_params *k) { mr_color_contrast(k, v[0]); }
static void b_saturation(const color_priv *p, const double *v, mr_color_params *k) { mr_color_saturation(k, v[0]); }
static void b_gamma(const color_priv *p, const double *v, mr_color_params *k) { mr_color_gamma(k, v[0]); }
static void b_hue(const color_priv *p, const double *v, mr_color_params *k) { mr_color_hue(k, v[0]); }
static void b_exposure(const color_priv *p, const double *v, mr_color_params *k) { mr_color_exposure(k, v[0]); }
static void b_temperature(const color_priv *p, const double *v, mr_color_params *k)
{
    mr_color_temperature(k, v[0]);
}
static void b_tint(const color_priv *p, const double *v, mr_color_params *k) { mr_color_tint(k, p->color, v[0]); }
static void b_levels(const color_priv *p, const double *v, mr_color_params *k)
{
    mr_color_levels(k, v[0], v[1], v[2], v[3], v[4]);
}
static void b_curves(const color_priv *p, const double *v, mr_color_params *k)
{
    mr_color_identity(k);
    memcpy(k->pre, p->curve, sizeof k->pre);
}
static void b_grayscale(const color_priv *p, const double *v, mr_color_params *k)
{
    double a = v[0] > 0 ? (v[0] < 1 ? v[0] : 1) : 0;
    mr_color_saturation(k, 1 - a);
}
static void b_sepia(const color_priv *p, const double *v, mr_color_params *k) { mr_color_sepia(k, v[0]); }
static void b_invert(const color_priv *p, const double *v, mr_color_params *k) { mr_color_invert(k); }
static void b_multiply(const color_priv *p, const double *v, mr_color_params *k) { mr_color_multiply(k, v[0]); }
static void b_posterize(const color_priv *p, const double *v, mr_color_params *k) { mr_color_posterize(k, v[0]); }
static void b_threshold(const color_priv *p, const double *v, mr_color_params *k) { mr_color_threshold(k, v[0]); }

extern const mr_op mr_op_brightness, mr_op_contrast, mr_op_saturation, mr_op_gamma, mr_op_hue, mr_op_exposure,
    mr_op_temperature, mr_op_tint, mr_op_levels, mr_op_curves, mr_op_grayscale, mr_op_sepia, mr_op_invert,
    mr_op_multiply_color, mr_op_posterize, mr_op_threshold;

#define KIND(NAME, OP, BUILD)                                                                                      \
    static const color_kind kind_##NAME = {{#NAME, color_picture, mr_pass_sound, color_describe, color_destroy},   \
                                           &OP, BUILD}
KIND(brightness, mr_op_brightness, b_brightness);
KIND(contrast, mr_op_contrast, b_contrast);
KIND(saturation, mr_op_saturation, b_saturation);
KIND(gamma, mr_op_gamma, b_gamma);
KIND(hue, mr_op_hue, b_hue);
KIND(exposure, mr_op_exposure, b_exposure);
KIND(temperature, mr_op_temperature, b_temperature);
KIND(tint, mr_op_tint, b_tint);
KIND(levels, mr_op_levels, b_levels);
KIND(curves, mr_op_curves, b_curves);
KIND(grayscale, mr_op_grayscale, b_grayscale);
KIND(sepia, mr_op_sepia, b_sepia);
KIND(invert, mr_op_invert, b_invert);
KIND(multiply_color, mr_op_multiply_color, b_multiply);
KIND(posterize, mr_op_posterize, b_posterize);
KIND(threshold, mr_op_threshold, b_threshold);

/* The makers: one number first (most effects), or their own checks. */
static mr_clip *make_brightness(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_brightness, in, a, 0, 1, NULL, err);
}
static mr_clip *make_contrast(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_contrast, in, a, 0, 1, NULL, err);
}
static mr_clip *make_saturation(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_saturation, in, a, 0, 1, NULL, err);
}
static mr_clip *make_gamma(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_gamma, in, a, 0, 1, NULL, err);
}
static mr_clip *make_hue(mr_clip *in, const mr_arg *a, mr_err *err) { return color_new(&kind_hue, in, a, 0, 1, NULL, err); }
static mr_clip *make_exposure(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_exposure, in, a, 0, 1, NULL, err);
}
static mr_clip *make_temperature(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_temperature, in, a, 0, 1, NULL, err);
}
static void set_tint(color_priv *p, const mr_arg *a) { p->color = a[0].color; }
static mr_clip *make_tint(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_tint, in, a, 1, 1, set_tint, err);
}
static mr_clip *make_levels(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!a[0].curve && !a[1].curve && a[0].num >= a[1].num)
        return mr_err_set(err, "levels: in_lo %g is not below in_hi %g", a[0].num, a[1].num), NULL;
    return color_new(&kind_levels, in, a, 0, 5, NULL, err);
}
static mr_clip *make_grayscale(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_grayscale, in, a, 0, 1, NULL, err);
}
static mr_clip *make_sepia(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_sepia, in, a, 0, 1, NULL, err);
}
static mr_clip *make_invert(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_invert, in, a, 0, 0, NULL, err);
}
static mr_clip *make_multiply(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_multiply_color, in, a, 0, 1, NULL, err);
}
static mr_clip *make_posterize(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_posterize, in, a, 0, 1, NULL, err);
}
static mr_clip *make_threshold(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return color_new(&kind_threshold, in, a, 0, 1, NULL, err);
}

/* curves: the points of each channel checked (inside 0..1, x not repeated) and sorted. */
static int cmp_x(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return x < y ? -1 : x > y;
}

/* The table of the curve through pts into t (nothing given: the identity). Returns 0, or -1
 * with err naming the parameter and the point. */
static int curve_of(const mr_points *pts, const char *name, uint8_t t[256], mr_err *err)
{
    if (!pts) {
        for (int v = 0; v < 256; v++)
            t[v] = (uint8_t)v;
        return 0;
    }
    double (*xy)[2] = malloc(sizeof *xy * (size_t)pts->n);
    if (!xy)
        return mr_err_set(err, "curves: out of memory");
    for (int i = 0; i < pts->n; i++) {
        xy[i][0] = pts->xy[i][0];
        xy[i][1] = pts->xy[i][1];
        if (!(xy[i][0] >= 0 && xy[i][0] <= 1 && xy[i][1] >= 0 && xy[i][1] <= 1)) {
            free(xy);
            return mr_err_set(err, "curves: %s's point %d {%g, %g} is outside 0..1", name, i + 1, pts->xy[i][0],
                              pts->xy[i][1]);
        }
    }
    qsort(xy, (size_t)pts->n, sizeof *xy, cmp_x);
    for (int i = 0; i + 1 < pts->n; i++)
        if (xy[i][0] == xy[i + 1][0]) {
            double x = xy[i][0];
            free(xy);
            return mr_err_set(err, "curves: %s has two points at x %g", name, x);
        }
    mr_color_curve_table((const double(*)[2])xy, pts->n, t);
    free(xy);
    return 0;
}

static mr_clip *make_curves(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!a[0].given && !a[1].given && !a[2].given && !a[3].given)
        return mr_err_set(err, "curves: give at least one curve (all, r, g or b)"), NULL;
    uint8_t all[256], ch[3][256];
    static const char *const names[] = {"all", "r", "g", "b"};
    if (curve_of(a[0].points, names[0], all, err) < 0)
        return NULL;
    for (int i = 0; i < 3; i++)
        if (curve_of(a[1 + i].points, names[1 + i], ch[i], err) < 0)
            return NULL;
    mr_clip *c = color_new(&kind_curves, in, a, 0, 0, NULL, err);
    if (!c)
        return NULL;
    color_priv *p = c->priv;
    for (int i = 0; i < 3; i++)
        for (int v = 0; v < 256; v++)
            p->curve[i][v] = all[ch[i][v]]; /* the channel's own curve, then the one of all */
    b_curves(p, NULL, &p->k);
    p->identity = mr_color_is_identity(&p->k);
    return c;
}

/* The registry's entries (op_table.c lists them). Colours are 0..1 below (8-bit / 255);
 * every effect reads the unpremultiplied colour and leaves the alpha as it is. */
static const mr_param_desc brightness_params[] = {
    {"v", MR_P_NUMBER, false, true, -1, 1, 0, NULL,
     "added to each channel (as ffmpeg's eq brightness): -1 black, 0 unchanged, 1 white"},
};
static const mr_param_desc contrast_params[] = {
    {"k", MR_P_NUMBER, false, true, 0, 10, 1, NULL,
     "each channel's distance from mid grey times k: (c - 0.5) k + 0.5; 0 flat grey, 1 unchanged"},
};
static const mr_param_desc saturation_params[] = {
    {"k", MR_P_NUMBER, false, true, 0, 10, 1, NULL,
     "each pixel's distance from its BT.709 grey times k: 0 grey, 1 unchanged, 2 twice as vivid"},
};
static const mr_param_desc gamma_params[] = {
    {"g", MR_P_NUMBER, false, true, 0.1, 10, 1, NULL,
     "each channel c becomes c^(1/g) (as ffmpeg's eq gamma): above 1 lightens the mid tones, below 1 darkens them"},
};
static const mr_param_desc hue_params[] = {
    {"deg", MR_P_NUMBER, false, true, -360, 360, 0, NULL,
     "degrees the hues turn round the grey axis (CSS's hue-rotate): 120 takes red to green"},
};
static const mr_param_desc exposure_params[] = {
    {"stops", MR_P_NUMBER, false, true, -10, 10, 0, NULL,
     "a gain of 2^stops applied in linear light (sRGB's curve undone, then redone): +1 is twice the light"},
};
static const mr_param_desc temperature_params[] = {
    {"kelvin", MR_P_NUMBER, false, true, 1000, 40000, 6500, NULL,
     "the colour of the light the picture seems lit by: each channel times the black body's colour at this "
     "temperature over its colour at 6500 K (ffmpeg's colortemperature fit); 3000 warm, 6500 unchanged, 10000 "
     "cool"},
};
static const mr_param_desc tint_params[] = {
    {"color", MR_P_COLOR, false, false, 0, 0, 0, NULL, "the colour of the gel"},
    {"amount", MR_P_NUMBER, true, true, 0, 1, 0.5, NULL,
     "each channel times 1 - amount + amount x the colour's: 0 unchanged, 1 seen through the colour"},
};
static const mr_param_desc levels_params[] = {
    {"in_lo", MR_P_NUMBER, true, true, 0, 1, 0, NULL, "the input value that becomes out_lo (below: out_lo too)"},
    {"in_hi", MR_P_NUMBER, true, true, 0, 1, 1, NULL, "the input value that becomes out_hi (above: out_hi too)"},
    {"out_lo", MR_P_NUMBER, true, true, 0, 1, 0, NULL, "the darkest output (above out_hi: inverted)"},
    {"out_hi", MR_P_NUMBER, true, true, 0, 1, 1, NULL, "the lightest output"},
    {"gamma", MR_P_NUMBER, true, true, 0.1, 10, 1, NULL,
     "the mid tones between: x^(1/gamma) of the input's place x (0..1) in [in_lo, in_hi]"},
};
static const mr_param_desc curves_params[] = {
    {"all", MR_P_POINTS, true, false, 2, 64, 0, NULL,
     "points {x, y} (0..1) of the curve applied to every channel, after its own"},
    {"r", MR_P_POINTS, true, false, 2, 64, 0, NULL, "points of red's curve"},
    {"g", MR_P_POINTS, true, false, 2, 64, 0, NULL, "points of green's curve"},
    {"b", MR_P_POINTS, true, false, 2, 64, 0, NULL, "points of blue's curve"},
};
static const mr_param_desc amount_params[] = {
    {"amount", MR_P_NUMBER, true, true, 0, 1, 1, NULL, "how much: 0 unchanged, 1 all of it"},
};
static const mr_param_desc multiply_params[] = {
    {"k", MR_P_NUMBER, false, true, 0, 255, 1, NULL, "the factor (8-bit results truncated, as MoviePy's)"},
};
static const mr_param_desc posterize_params[] = {
    {"levels", MR_P_INT, true, true, 2, 256, 4, NULL,
     "values per channel: 0..255 cut into this many equal bands, each shown as one value from black to white"},
};
static const mr_param_desc threshold_params[] = {
    {"v", MR_P_NUMBER, true, true, 0, 1, 0.5, NULL, "the BT.709 luma (0..1) from which a pixel is white"},
};

const mr_op mr_op_brightness = {"brightness", "lighter or darker: v added to each channel (ffmpeg's eq brightness)",
                                "local lit = clip:brightness(0.1)", brightness_params, 1, NULL, make_brightness};
const mr_op mr_op_contrast = {"contrast", "contrast scaled around mid grey: (c - 0.5) k + 0.5",
                              "local punchy = clip:contrast(1.3)", contrast_params, 1, NULL, make_contrast};
const mr_op mr_op_saturation = {"saturation", "colour intensity: the pixel moved from its BT.709 grey by k",
                                "local muted = clip:saturation(0.5)", saturation_params, 1, NULL, make_saturation};
const mr_op mr_op_gamma = {"gamma", "mid tones lighter (g > 1) or darker: c^(1/g), black and white stay",
                           "local lifted = clip:gamma(1.4)", gamma_params, 1, NULL, make_gamma};
const mr_op mr_op_hue = {"hue", "hues turned round the colour wheel by deg (CSS's hue-rotate matrix)",
                         "local shifted = clip:hue(keys{ {0, 0}, {4, 360} })", hue_params, 1, NULL, make_hue};
const mr_op mr_op_exposure = {"exposure", "exposure in stops: light times 2^stops in linear light, clipped at white",
                              "local brighter = clip:exposure(0.5)", exposure_params, 1, NULL, make_exposure};
const mr_op mr_op_temperature = {"temperature",
                                 "white balance: as if lit by a light of this colour temperature, from 6500 K "
                                 "(lower warms, higher cools)",
                                 "local warm = clip:temperature(4000)", temperature_params, 1, NULL, make_temperature};
const mr_op mr_op_tint = {"tint", "seen through a coloured gel: each channel times the colour's, mixed by amount",
                          "local night = clip:tint(\"#4060ff\", 0.4)", tint_params, 2, NULL, make_tint};
const mr_op mr_op_levels = {"levels",
                            "input levels [in_lo, in_hi] stretched onto output levels [out_lo, out_hi], with a "
                            "mid-tone gamma (Photoshop's Levels), the same for each channel",
                            "local crushed = clip:levels{0.06, 0.94, 0, 1}", levels_params, 5, NULL, make_levels};
const mr_op mr_op_curves = {"curves",
                            "tone curves: per channel (r, g, b) and for all, each a monotone spline through "
                            "points {x, y} in 0..1 (Fritsch-Carlson: no overshoot), flat past its end points",
                            "local s_curve = clip:curves{all = { {0, 0}, {0.25, 0.2}, {0.75, 0.8}, {1, 1} }}",
                            curves_params, 4, NULL, make_curves};
const mr_op mr_op_grayscale = {"grayscale", "black and white: the BT.709 luma in each channel (amount < 1: partly)",
                               "local bw = clip:grayscale()", amount_params, 1, NULL, make_grayscale};
const mr_op mr_op_sepia = {"sepia", "an old photograph's brown (CSS's sepia matrix), mixed by amount",
                           "local old = clip:sepia(0.8)", amount_params, 1, NULL, make_sepia};
const mr_op mr_op_invert = {"invert", "a negative: each channel c becomes 255 - c (MoviePy's invert_colors); alpha "
                            "stays",
                            "local negative = clip:invert()", NULL, 0, NULL, make_invert};
const mr_op mr_op_multiply_color = {"multiply_color",
                                    "each channel times k, at most 255 (MoviePy's multiply_color)",
                                    "local brighter = clip:multiply_color(1.5)", multiply_params, 1, NULL,
                                    make_multiply};
const mr_op mr_op_posterize = {"posterize", "fewer values per channel: flat bands of colour",
                               "local poster = clip:posterize(4)", posterize_params, 1, NULL, make_posterize};
const mr_op mr_op_threshold = {"threshold", "black and white only: white where the BT.709 luma is at least v",
                               "local ink = clip:threshold(0.4)", threshold_params, 1, NULL, make_threshold};
