/* transform.c: nodes that change the picture's size or its place: resize, margin, at,
 * anchor, fit (crop.c crops, warp.c turns and scales). */
#include <math.h>
#include <stdio.h>
#include "engine/kernels/kernels.h"
#include "engine/ops/curve.h"
#include "engine/core/eval.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"

/* resize: the filter (mr_warp_filter) it resamples by */
typedef struct resize_priv {
    int filter;
} resize_priv;

static int resize_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    int r = f ? mr_k_resize(ev, in, f, ((const resize_priv *)c->priv)->filter) : -1;
    mr_frame_unref(in);
    if (r < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static void at_describe(const mr_clip *c, char *buf, size_t n)
{
    mr_pos_describe(&c->pos, buf, n);
}

static const mr_clip_ops resize_ops = {"resize", resize_picture, mr_pass_sound, NULL, NULL};
/* at: the node owns the curve of a moving place (every copy of its pos borrows it) */
typedef struct at_priv {
    mr_curve *curve;
} at_priv;

static void at_destroy(mr_clip *c)
{
    mr_curve_unref(((at_priv *)c->priv)->curve);
}

static const mr_clip_ops at_ops = {"at", mr_pass_picture, mr_pass_sound, at_describe, at_destroy};

static bool check_picture(const mr_clip *c, const char *op, mr_err *err)
{
    if (!c->has_video)
        mr_err_set(err, "%s: the clip has no picture", op);
    return c->has_video;
}

/* mr_clip_resize by filter. */
static mr_clip *resize_by(mr_clip *c, int w, int h, int filter, mr_err *err)
{
    if (!check_picture(c, "resize", err))
        return NULL;
    if (w < 1 || h < 1 || w > 16384 || h > 16384) {
        mr_err_set(err, "resize: %dx%d is not a picture size (1..16384)", w, h);
        return NULL;
    }
    if (w == c->w && h == c->h)
        return mr_clip_ref(c);
    mr_clip *n = mr_clip_alloc(&resize_ops, sizeof(resize_priv), c, err);
    if (n) {
        n->w = w;
        n->h = h;
        ((resize_priv *)n->priv)->filter = filter;
    }
    return n;
}

mr_clip *mr_clip_resize(mr_clip *c, int w, int h, mr_err *err)
{
    return resize_by(c, w, h, MR_WARP_BICUBIC, err);
}

mr_clip *mr_clip_at(mr_clip *c, mr_pos pos, mr_err *err)
{
    if (!isfinite(pos.x) || !isfinite(pos.y)) {
        mr_err_set(err, "at: position must be finite");
        return NULL;
    }
    if (pos.curve && mr_curve_dim(pos.curve) != 2) {
        mr_err_set(err, "at: a moving position needs a curve of two numbers (x, y), not %d", mr_curve_dim(pos.curve));
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&at_ops, sizeof(at_priv), c, err);
    if (n) {
        ((at_priv *)n->priv)->curve = mr_curve_ref((mr_curve *)pos.curve);
        n->pos = pos;
        n->pos.anchored = c->pos.anchored; /* a place does not move the anchor */
        n->pos.ax = c->pos.ax;
        n->pos.ay = c->pos.ay;
    }
    return n;
}

mr_clip *mr_clip_fit(mr_clip *c, int w, int h, mr_rgba bg, mr_err *err)
{
    if (!c->has_video || (c->w == w && c->h == h))
        return mr_clip_ref(c);
    /* the largest size of the same shape that fits, centred on bg */
    double k = fmin((double)w / c->w, (double)h / c->h);
    int fw = (int)lround(c->w * k), fh = (int)lround(c->h * k);
    fw = fw < 1 ? 1 : fw > w ? w : fw;
    fh = fh < 1 ? 1 : fh > h ? h : fh;
    mr_clip *scaled = mr_clip_resize(c, fw, fh, err);
    if (!scaled)
        return NULL;
    mr_clip *placed = mr_clip_at(scaled, mr_pos_edges(MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0), err);
    mr_clip_unref(scaled);
    if (!placed)
        return NULL;
    placed->start = 0;
    placed->blend = MR_BLEND_NORMAL; /* the frame keeps the mode (below) */
    mr_compose_opts o = mr_compose_opts_default();
    o.w = w;
    o.h = h;
    o.fps = c->fps;
    o.duration = c->duration;
    o.bg = bg;
    mr_clip *framed = mr_compose_new(&placed, 1, &o, err);
    mr_clip_unref(placed);
    if (framed) {
        framed->start = c->start;
        framed->pos = c->pos;
        framed->blend = c->blend;
        snprintf(framed->origin, sizeof framed->origin, "%s", c->origin);
    }
    return framed;
}

/* The registry's entries (op_table.c lists them). */

/* resize's forms: scale alone, or w and/or h (the other keeping the shape). */
static mr_clip *make_resize(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "resize: the clip has no picture"), NULL;
    bool w = a[0].given, h = a[1].given, k = a[2].given;
    if (k && (w || h))
        return mr_err_set(err, "resize: give a scale, or a width and/or a height, not both"), NULL;
    if (!k && !w && !h)
        return mr_err_set(err, "resize: give a scale (clip:resize(0.5)), a size (clip:resize(640, 360)) or "
                               "{w = ...} / {h = ...}"), NULL;
    double W = k ? in->w * a[2].num : w ? a[0].num : a[1].num * in->w / in->h;
    double H = k ? in->h * a[2].num : h ? a[1].num : a[0].num * in->h / in->w;
    if (!(W >= 0.5 && H >= 0.5 && W < 16384.5 && H < 16384.5))
        return mr_err_set(err, "resize: %gx%g is not a picture size (1..16384)", W, H), NULL;
    return resize_by(in, (int)lround(W), (int)lround(H), (int)a[3].num, err);
}

/* margin: the picture on a larger canvas of colour (transparent when none), px on every side
 * or each side its own. */
static mr_clip *make_margin(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "margin: the clip has no picture"), NULL;
    double all = a[0].given ? a[0].num : 0;
    int l = (int)(a[1].given ? a[1].num : all), r = (int)(a[2].given ? a[2].num : all);
    int t = (int)(a[3].given ? a[3].num : all), b = (int)(a[4].given ? a[4].num : all);
    if (in->w + l + r > 16384 || in->h + t + b > 16384)
        return mr_err_set(err, "margin: %dx%d would be larger than 16384 pixels", in->w + l + r, in->h + t + b), NULL;
    mr_clip *placed = mr_clip_at(in, mr_pos_edges(MR_EDGE_START, MR_EDGE_START, l, t), err);
    if (!placed)
        return NULL;
    placed->start = 0;
    placed->blend = MR_BLEND_NORMAL; /* the frame keeps the mode (below) */
    mr_compose_opts o = mr_compose_opts_default();
    o.w = in->w + l + r;
    o.h = in->h + t + b;
    o.fps = in->fps;
    o.duration = in->duration;
    o.bg = a[5].given ? a[5].color : (mr_rgba){0, 0, 0, 0};
    mr_clip *framed = mr_compose_new(&placed, 1, &o, err);
    mr_clip_unref(placed);
    if (framed) {
        framed->start = in->start;
        framed->pos = in->pos;
        framed->blend = in->blend;
    }
    return framed;
}

/* at: a place given by the script, which puts the clip's anchor when it has one. */
static mr_clip *make_at(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_pos pos = a[0].pos;
    pos.placed = true;
    return mr_clip_at(in, pos, err);
}

/* One coordinate of an anchor as a fraction of a side of w pixels: an edge with its offset
 * inwards, the centre with its offset, or a fraction. */
static double anchor_axis(mr_edge e, double off, bool frac, int w)
{
    double f = frac ? off : off / w;
    return e == MR_EDGE_CENTER ? 0.5 + f : e == MR_EDGE_END ? 1 - f : f;
}

static const mr_clip_ops anchor_ops = {"anchor", mr_pass_picture, mr_pass_sound, at_describe, NULL};

/* anchor: the point of the clip that rotate and scale pivot on and that at() puts. */
static mr_clip *make_anchor(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!check_picture(in, "anchor", err))
        return NULL;
    const mr_pos *p = &a[0].pos;
    double ax = anchor_axis(p->ex, p->x, p->xfrac, in->w), ay = anchor_axis(p->ey, p->y, p->yfrac, in->h);
    if (!isfinite(ax) || !isfinite(ay))
        return mr_err_set(err, "anchor: the point must be finite"), NULL;
    mr_clip *n = mr_clip_alloc(&anchor_ops, 0, in, err);
    if (n) {
        n->pos.anchored = true;
        n->pos.ax = ax;
        n->pos.ay = ay;
    }
    return n;
}

static mr_clip *make_fit(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_rgba bg = a[2].given ? a[2].color : (mr_rgba){0, 0, 0, 255};
    return mr_clip_fit(in, (int)a[0].num, (int)a[1].num, bg, err);
}

static const mr_param_desc resize_params[] = {
    {"w", MR_P_NUMBER, true, false, 1, 16384, NAN, NULL, "the width in pixels (alone: the height keeps the shape)"},
    {"h", MR_P_NUMBER, true, false, 1, 16384, NAN, NULL, "the height in pixels (alone: the width keeps the shape)"},
    {"scale", MR_P_NUMBER, true, false, 1e-6, 16384, NAN, NULL, "times the size (clip:resize(0.5))"},
    {"filter", MR_P_ENUM, true, false, 0, 3, MR_WARP_BICUBIC, MR_WARP_FILTER_CHOICES, MR_WARP_FILTER_DOC},
};
static const char *const resize_forms[] = {"scale", "w h", NULL};
static const mr_param_desc margin_params[] = {
    {"px", MR_P_INT, true, false, 0, 8192, 0, NULL, "pixels added on every side"},
    {"left", MR_P_INT, true, false, 0, 8192, 0, NULL, "or on the left side ..."},
    {"right", MR_P_INT, true, false, 0, 8192, 0, NULL, "... the right ..."},
    {"top", MR_P_INT, true, false, 0, 8192, 0, NULL, "... the top ..."},
    {"bottom", MR_P_INT, true, false, 0, 8192, 0, NULL, "... and the bottom"},
    {"color", MR_P_COLOR, true, false, 0, 0, 0, NULL, "the margin's colour (default transparent)"},
};
static const char *const margin_forms[] = {"px", "px color", NULL};
static const mr_param_desc at_params[] = {
    {"pos", MR_P_POS, false, true, 0, 0, 0, NULL,
     "(x, y) pixels of the top-left corner; (\"center\"); (h, v[, margin]) with h left/center/right and v "
     "top/center/bottom; a Position; or a curve of x, y (keys, a function of t)"},
};
static const mr_param_desc anchor_params[] = {
    {"pos", MR_P_POS, false, false, 0, 0, 0, NULL,
     "(\"center\"); (h, v) with h left/center/right and v top/center/bottom; (x, y) pixels of the clip; "
     "(\"25%\", \"75%\") fractions of it"},
};
static const mr_param_desc fit_params[] = {
    {"w", MR_P_INT, false, false, 1, 16384, 0, NULL, "the box's width"},
    {"h", MR_P_INT, false, false, 1, 16384, 0, NULL, "the box's height"},
    {"bg", MR_P_COLOR, true, false, 0, 0, 0, NULL, "the bars' colour (default black)"},
};

const mr_op mr_op_resize = {"resize", "the picture scaled (bicubic unless a filter is given; the edge pixels "
                            "repeat, so the border does not darken): by a factor, to w x h, or to a width or height "
                            "keeping its shape", "local half = clip:resize(0.5)", resize_params, 4, resize_forms,
                            make_resize};
const mr_op mr_op_margin = {"margin", "the picture on a larger canvas: px on every side, or each side its own, "
                            "transparent or a colour", "local framed = photo:margin(20, \"white\")", margin_params, 6,
                            margin_forms, make_margin};
const mr_op mr_op_at = {"at", "where the clip goes inside a compose", "local logo = image(\"logo.png\"):at(\"right\", \"top\", 40)",
                        at_params, 1, NULL, make_at};
const mr_op mr_op_anchor = {"anchor", "the point of the clip that rotate and scale pivot on (else its centre) and "
                            "that at() puts (else its top-left corner); it stays a fraction of the box",
                            "local hand = image(\"hand.png\"):anchor(\"center\", \"bottom\"):rotate(fn)",
                            anchor_params, 1, NULL, make_anchor};
const mr_op mr_op_fit = {"fit", "scaled to fit inside w x h keeping its shape, centred on bars (letterboxed)",
                         "local boxed = clip:fit(1920, 1080)", fit_params, 3, NULL, make_fit};
