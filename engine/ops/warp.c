/* warp.c: the operations drawn by the affine warp (engine/warp_params.h): rotate (any angle,
 * moving or not) and scale (a Ken Burns zoom), both about a pivot (the clip's anchor, else its
 * centre), and mirror. Each picture is one warp of the input's picture, on the CPU or its
 * CUDA twin. A box that grows keeps the pivot where it was: the anchor moves with it. */
#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/op.h"
#include "engine/ops/param.h"

typedef enum { WARP_ROTATE, WARP_SCALE, WARP_MIRROR } warp_kind;

typedef struct warp_priv {
    warp_kind kind;
    mr_param amount;     /* rotate: degrees clockwise; scale: the factor */
    double px, py;       /* rotate, scale: the pivot in the input's pixels */
    double qx, qy;       /* ... and where it is in the node's box */
    int axis;            /* mirror: 0 x (left-right), 1 y (top-bottom) */
    int filter;          /* rotate, scale: mr_warp_filter */
} warp_priv;

/* The warp of c at t: the source point of each destination point. Returns 0, 1 when the
 * picture shrinks to nothing (a scale of 0: a pop-in's start), or -1 (err set). */
static int warp_at(const mr_clip *c, double t, mr_warp_params *k, mr_err *err)
{
    const warp_priv *p = c->priv;
    const mr_clip *in = c->input;
    double a = 0;
    if (p->kind != WARP_MIRROR && mr_param_at(&p->amount, t, &a, err) < 0)
        return -1;
    double m[6] = {1, 0, 0, 0, 1, 0};
    switch (p->kind) {
    case WARP_ROTATE: { /* the pivot stays at (qx, qy) of the box; clockwise on screen (y down) */
        double r = a * M_PI / 180, cs = cos(r), sn = sin(r);
        m[0] = cs, m[1] = sn, m[2] = p->px - cs * p->qx - sn * p->qy;
        m[3] = -sn, m[4] = cs, m[5] = p->py + sn * p->qx - cs * p->qy;
        break;
    }
    case WARP_SCALE: {
        if (!(a <= 1000))
            return mr_err_set(err, "scale: %g at %.3f s is larger than 1000", a, t);
        if (!(a > 1e-3))
            return 1; /* nothing to see (a curve from or through 0, or below it) */
        m[0] = 1 / a, m[2] = p->px - p->qx / a;
        m[4] = 1 / a, m[5] = p->py - p->qy / a; /* shrunk: the kernels widen the filter, no aliasing */
        break;
    }
    case WARP_MIRROR:
        if (p->axis == 0)
            m[0] = -1, m[2] = in->w;
        else
            m[4] = -1, m[5] = in->h;
        break;
    }
    *k = (mr_warp_params){{(float)m[0], (float)m[1], (float)m[2], (float)m[3], (float)m[4], (float)m[5]},
                          in->w, in->h, 1, p->filter};
    return 0;
}

static int warp_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    mr_warp_params k;
    int r = warp_at(c, t, &k, ev->err);
    if (r < 0)
        return -1;
    if (r == 1) {
        mr_frame *empty = mr_k_new(ev, c->w, c->h);
        if (!empty || mr_k_fill(ev, empty, 0) < 0) {
            mr_frame_unref(empty);
            return -1;
        }
        *out = empty;
        return 0;
    }
    mr_frame *src;
    if (mr_clip_picture(c->input, t, ev, &src) < 0)
        return -1;
    mr_frame *dst = mr_k_new(ev, c->w, c->h);
    r = dst ? mr_k_warp(ev, src, &k, dst) : -1;
    mr_frame_unref(src);
    if (r < 0) {
        mr_frame_unref(dst);
        return -1;
    }
    *out = dst;
    return 0;
}

static void warp_describe(const mr_clip *c, char *buf, size_t n)
{
    const warp_priv *p = c->priv;
    if (p->kind == WARP_MIRROR)
        snprintf(buf, n, "%s", p->axis ? "y" : "x");
    else if (p->amount.curve)
        snprintf(buf, n, "moving");
    else
        snprintf(buf, n, p->kind == WARP_ROTATE ? "%g deg" : "x%g", p->amount.v);
}

static void warp_destroy(mr_clip *c)
{
    mr_param_release(&((warp_priv *)c->priv)->amount);
}

static const mr_clip_ops rotate_ops = {"rotate", warp_picture, mr_pass_sound, warp_describe, warp_destroy};
static const mr_clip_ops scale_ops = {"scale", warp_picture, mr_pass_sound, warp_describe, warp_destroy};
static const mr_clip_ops mirror_ops = {"mirror", warp_picture, mr_pass_sound, warp_describe, warp_destroy};

/* A warp node of ops over in with p, w x h. NULL with err set. */
static mr_clip *warp_new(const mr_clip_ops *ops, mr_clip *in, warp_priv p, int w, int h, mr_err *err)
{
    if (!in->has_video) {
        mr_err_set(err, "%s: the clip has no picture", ops->kind);
        mr_param_release(&p.amount);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(ops, sizeof p, in, err);
    if (!c) {
        mr_param_release(&p.amount);
        return NULL;
    }
    *(warp_priv *)c->priv = p;
    c->w = w;
    c->h = h;
    if (mr_param_moves(&p.amount))
        c->is_static = false;
    return c;
}

/* A warp node as warp_new makes it; in a box of another size its anchor (when it has one)
 * moves to (ax, ay), the pixel where the anchor's point now is. */
static mr_clip *pivoted(const mr_clip_ops *ops, mr_clip *in, warp_priv p, int w, int h, double ax, double ay,
                        mr_err *err)
{
    mr_clip *c = warp_new(ops, in, p, w, h, err);
    if (c && c->pos.anchored && (w != in->w || h != in->h)) {
        c->pos.ax = ax / w;
        c->pos.ay = ay / h;
    }
    return c;
}

/* The input's pivot: its anchor (a fraction of its box; the centre when it has none). */
static void pivot_of(const mr_clip *in, warp_priv *p)
{
    p->px = p->qx = in->pos.ax * in->w;
    p->py = p->qy = in->pos.ay * in->h;
}

/* rotate's box: the input's own (expand false); or one that holds the picture at its angle,
 * the pivot where the turned picture puts it; or, for a moving angle, a square about the
 * pivot that holds the picture at every angle. Sets p's qx, qy and *w, *h. */
static int rotate_box(const mr_clip *in, const mr_arg *a, warp_priv *p, int *w, int *h, mr_err *err)
{
    *w = in->w, *h = in->h;
    if (!a[1].num)
        return 0;
    double cx = in->w / 2.0, cy = in->h / 2.0;
    if (p->amount.curve && !mr_curve_is_constant(p->amount.curve)) {
        double reach = 0; /* the farthest corner from the pivot */
        for (int k = 0; k < 4; k++)
            reach = fmax(reach, hypot((k & 1) * in->w - p->px, (k >> 1) * in->h - p->py));
        bool centred = p->px == cx && p->py == cy;
        *w = *h = (int)ceil((centred ? sqrt((double)in->w * in->w + (double)in->h * in->h) : 2 * reach) - 1e-9);
        p->qx = p->qy = *w / 2.0;
        return 0;
    }
    double deg = a[0].num;
    if (p->amount.curve && mr_param_at(&p->amount, 0, &deg, err) < 0)
        return -1;
    double r = deg * M_PI / 180, cs = cos(r), sn = sin(r);
    *w = (int)ceil(in->w * fabs(cs) + in->h * fabs(sn) - 1e-6);
    *h = (int)ceil(in->w * fabs(sn) + in->h * fabs(cs) - 1e-6);
    /* the picture's centre goes to the box's centre; the pivot turns about it */
    p->qx = *w / 2.0 + cs * (p->px - cx) - sn * (p->py - cy);
    p->qy = *h / 2.0 + sn * (p->px - cx) + cs * (p->py - cy);
    return 0;
}

static mr_clip *make_rotate(mr_clip *in, const mr_arg *a, mr_err *err)
{
    warp_priv p = {WARP_ROTATE, mr_param_make(a[0].num, a[0].curve), 0, 0, 0, 0, 0, (int)a[2].num};
    pivot_of(in, &p);
    int w, h;
    if (rotate_box(in, a, &p, &w, &h, err) < 0) {
        mr_param_release(&p.amount);
        return NULL;
    }
    if (w > 16384 || h > 16384) {
        mr_param_release(&p.amount);
        return mr_err_set(err, "rotate: the turned picture (%dx%d) is larger than 16384 pixels", w, h), NULL;
    }
    return pivoted(&rotate_ops, in, p, w < 1 ? 1 : w, h < 1 ? 1 : h, p.qx, p.qy, err); /* the pivot: the anchor */
}

/* The largest value of a scale's factor over the clip's frames (its curve sampled at each
 * frame time, or the number). Returns 0, or -1 with err set (no end to sample to). */
static int largest_factor(const mr_clip *in, const mr_param *k, double *out, mr_err *err)
{
    *out = k->v;
    if (!mr_param_moves(k))
        return k->curve ? mr_param_at(k, 0, out, err) : 0;
    if (!isfinite(in->duration))
        return mr_err_set(err, "scale: a growing box for a moving k needs the clip's length: give it :dur() first");
    double fps = in->fps.num ? mr_q2d(in->fps) : 30;
    long n = (long)ceil(in->duration * fps);
    *out = 0;
    for (long i = 0; i <= n && i < 1000000; i++) {
        double v;
        if (mr_param_at(k, fmin(i / fps, in->duration), &v, err) < 0)
            return -1;
        *out = fmax(*out, v);
    }
    return 0;
}

static mr_clip *make_scale(mr_clip *in, const mr_arg *a, mr_err *err)
{
    warp_priv p = {WARP_SCALE, mr_param_make(a[0].num, a[0].curve), 0, 0, 0, 0, 0, (int)a[3].num};
    pivot_of(in, &p);
    if (!isnan(a[1].num)) /* a pivot of its own */
        p.px = p.qx = a[1].num * in->w;
    if (!isnan(a[2].num))
        p.py = p.qy = a[2].num * in->h;
    int w = in->w, h = in->h;
    double k = 1;
    if (a[4].num) { /* expand: the box holds the picture at its largest */
        if (largest_factor(in, &p.amount, &k, err) < 0) {
            mr_param_release(&p.amount);
            return NULL;
        }
        if (!(in->w * k < 16384.5 && in->h * k < 16384.5)) {
            mr_param_release(&p.amount);
            return mr_err_set(err, "scale: the grown box (%gx%g) is larger than 16384 pixels", in->w * k, in->h * k),
                   NULL;
        }
        w = (int)fmax(1, ceil(in->w * k - 1e-6));
        h = (int)fmax(1, ceil(in->h * k - 1e-6));
        p.qx = p.px * k + (w - in->w * k) / 2; /* the picture at its largest, centred in the box */
        p.qy = p.py * k + (h - in->h * k) / 2;
    }
    /* the anchor's point, drawn k times as far from the pivot (at the largest k) */
    double ax = p.qx + (in->pos.ax * in->w - p.px) * k, ay = p.qy + (in->pos.ay * in->h - p.py) * k;
    return pivoted(&scale_ops, in, p, w, h, ax, ay, err);
}

static mr_clip *make_mirror(mr_clip *in, const mr_arg *a, mr_err *err)
{
    warp_priv p = {WARP_MIRROR, {0, NULL}, 0, 0, 0, 0, (int)a[0].num, MR_WARP_NEAREST};
    return warp_new(&mirror_ops, in, p, in->w, in->h, err);
}

static const mr_param_desc rotate_params[] = {
    {"deg", MR_P_NUMBER, false, true, -1e6, 1e6, 0, NULL, "degrees, clockwise, about the clip's anchor (else its centre)"},
    {"expand", MR_P_BOOL, true, false, 0, 1, 1, NULL,
     "the box grows to hold the turned picture (for a moving angle: its diagonal); false: the clip's size"},
    {"filter", MR_P_ENUM, true, false, 0, 3, 0, MR_WARP_FILTER_CHOICES, MR_WARP_FILTER_DOC},
};
static const mr_param_desc scale_params[] = {
    {"k", MR_P_NUMBER, false, true, 0, 1000, 0, NULL,
     "times larger, drawn inside the clip's own box (what grows past it is cut: give the clip a :margin() first); 0: nothing"},
    {"x", MR_P_NUMBER, true, false, 0, 1, NAN, NULL,
     "the point that stays put, across the picture (0 left, 1 right); default: the clip's anchor, else its centre"},
    {"y", MR_P_NUMBER, true, false, 0, 1, NAN, NULL, "... and down it (0 top, 1 bottom)"},
    {"filter", MR_P_ENUM, true, false, 0, 3, 0, MR_WARP_FILTER_CHOICES, MR_WARP_FILTER_DOC},
    {"expand", MR_P_BOOL, true, false, 0, 1, 0, NULL,
     "true: the box grows to hold the picture at its largest k (the pivot stays put); false: the clip's own box"},
};
static const mr_param_desc mirror_params[] = {
    {"axis", MR_P_ENUM, true, false, 0, 1, 0, "x|y", "\"x\": left and right swap; \"y\": top and bottom"},
};

const mr_op mr_op_rotate = {"rotate", "the picture turned by any angle (resampled by its filter; outside is transparent)",
                            "local tilted = photo:rotate(-8)", rotate_params, 3, NULL, make_rotate};
const mr_op mr_op_scale = {"scale", "the picture drawn k times larger around an anchor, in its own box (a Ken Burns zoom)",
                           "local zoom = photo:scale(keys{ {0, 1}, {6, 1.25} })", scale_params, 5, NULL, make_scale};
const mr_op mr_op_mirror = {"mirror", "the picture mirrored", "local flipped = clip:mirror(\"x\")", mirror_params, 1,
                            NULL, make_mirror};
