/* crop.c: a rectangle of the picture, given by its corner and size, its two corners, or its
 * centre and size; each number may move (a pan, a push-in). A rectangle on whole pixels that
 * stays put is copied; one that moves, or lies between pixels, is resampled by the warp into
 * a box the size of the rectangle at the clip's start. */
#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/ops/param.h"

typedef enum { CROP_CORNER, CROP_CORNERS, CROP_CENTER } crop_form;

typedef struct crop_priv {
    crop_form form;
    /* CROP_CORNER: x, y, w, h; CROP_CORNERS: x1, y1, x2, y2; CROP_CENTER: -, -, w, h */
    mr_param v[4];
    mr_pos center;       /* CROP_CENTER: the rectangle's centre; its curve owned here */
    bool copied;         /* a still rectangle on whole pixels: copied at (x, y) */
    int x, y;
    int filter;          /* mr_warp_filter of a resampled one */
} crop_priv;

/* The rectangle of c at clip time t: corner (x, y) and size w x h in the input's pixels.
 * Returns 0, or -1 with err set (a curve failed). */
static int rect_at(const mr_clip *c, const crop_priv *p, double t, double r[4], mr_err *err)
{
    for (int i = 0; i < 4; i++)
        if (mr_param_at(&p->v[i], t, &r[i], err) < 0)
            return -1;
    if (p->form == CROP_CORNERS) {
        r[2] -= r[0];
        r[3] -= r[1];
    } else if (p->form == CROP_CENTER) {
        double cx, cy;
        if (mr_pos_point(&p->center, c->input->w, c->input->h, t, &cx, &cy, err) < 0)
            return -1;
        r[0] = cx - r[2] / 2;
        r[1] = cy - r[3] / 2;
    }
    return 0;
}

/* The warp that draws rectangle r into c's box: each box pixel shows r's matching point (a
 * larger rectangle is shrunk by a widened filter: no aliasing). */
static mr_warp_params rect_warp(const mr_clip *c, const crop_priv *p, const double r[4])
{
    return (mr_warp_params){.m = {(float)(r[2] / c->w), 0, (float)r[0], 0, (float)(r[3] / c->h), (float)r[1]},
                            .sw = c->input->w, .sh = c->input->h, .filter = p->filter};
}

static int crop_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const crop_priv *p = c->priv;
    double r[4];
    if (!p->copied && rect_at(c, p, t, r, ev->err) < 0)
        return -1;
    if (!p->copied && !(r[2] > 0 && r[3] > 0 && r[2] <= 16384 && r[3] <= 16384))
        return mr_err_set(ev->err, "crop: the rectangle at %.3f s is %gx%g, not a picture size", t, r[2], r[3]);
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    int ret = -1;
    if (f && p->copied) {
        ret = mr_k_copy_rect(ev, f, in, p->x, p->y, c->w, c->h);
    } else if (f) {
        mr_warp_params k = rect_warp(c, p, r);
        ret = mr_k_warp(ev, in, &k, f);
    }
    mr_frame_unref(in);
    if (ret < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static void crop_describe(const mr_clip *c, char *buf, size_t n)
{
    const crop_priv *p = c->priv;
    if (p->copied)
        snprintf(buf, n, "at %d,%d", p->x, p->y);
    else
        snprintf(buf, n, "moving");
}

static void crop_destroy(mr_clip *c)
{
    crop_priv *p = c->priv;
    for (int i = 0; i < 4; i++)
        mr_param_release(&p->v[i]);
    mr_curve_unref((mr_curve *)p->center.curve);
}

static const mr_clip_ops crop_ops = {"crop", crop_picture, mr_pass_sound, crop_describe, crop_destroy};

/* A crop node over c drawing p (its curves are taken over: released on failure too). The box
 * is the rectangle's size at the clip's start. NULL with err set. */
static mr_clip *crop_new(mr_clip *c, crop_priv p, mr_err *err)
{
    mr_clip *n = NULL;
    double r[4];
    bool moves = mr_param_moves(&p.v[0]) || mr_param_moves(&p.v[1]) || mr_param_moves(&p.v[2]) ||
                 mr_param_moves(&p.v[3]) || (p.center.curve && !mr_curve_is_constant(p.center.curve));
    if (rect_at(&(mr_clip){.input = c}, &p, 0, r, err) < 0)
        goto fail;
    long w = lround(r[2]), h = lround(r[3]);
    if (!(w >= 1 && h >= 1 && w <= 16384 && h <= 16384)) {
        mr_err_set(err, "crop: the rectangle is %gx%g, not a picture size", r[2], r[3]);
        goto fail;
    }
    p.copied = !moves && r[0] == floor(r[0]) && r[1] == floor(r[1]) && r[2] == w && r[3] == h;
    if (p.copied && (r[0] < 0 || r[1] < 0 || r[0] + w > c->w || r[1] + h > c->h)) {
        mr_err_set(err, "crop: %ldx%ld at %g,%g does not fit inside the %dx%d picture", w, h, r[0], r[1], c->w, c->h);
        goto fail;
    }
    p.x = (int)r[0];
    p.y = (int)r[1];
    if (!(n = mr_clip_alloc(&crop_ops, sizeof p, c, err)))
        goto fail;
    *(crop_priv *)n->priv = p;
    n->w = (int)w;
    n->h = (int)h;
    if (moves)
        n->is_static = false;
    return n;
fail:
    crop_destroy(&(mr_clip){.priv = &p});
    return NULL;
}

mr_clip *mr_clip_crop(mr_clip *c, int x, int y, int w, int h, mr_err *err)
{
    if (!c->has_video)
        return mr_err_set(err, "crop: the clip has no picture"), NULL;
    crop_priv p = {CROP_CORNER, {{x, NULL}, {y, NULL}, {w, NULL}, {h, NULL}}, mr_pos_origin(), false, 0, 0, 0};
    return crop_new(c, p, err);
}

/* crop's forms: x, y, w, h; x1, y1, x2, y2 (corners, the second excluded); center with w, h.
 * Every edge not given is the picture's. */
static mr_clip *make_crop(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "crop: the clip has no picture"), NULL;
    bool corners = a[4].given || a[5].given || a[6].given || a[7].given, centre = a[8].given;
    if ((corners && (a[0].given || a[1].given || a[2].given || a[3].given || centre)) ||
        (centre && (a[0].given || a[1].given)))
        return mr_err_set(err, "crop: give x, y, w, h; or x1, y1, x2, y2; or center, w, h (not a mix)"), NULL;
    if (centre && !(a[2].given && a[3].given))
        return mr_err_set(err, "crop: a center goes with the rectangle's w and h"), NULL;
    crop_priv p = {corners ? CROP_CORNERS : centre ? CROP_CENTER : CROP_CORNER, {{0}}, mr_pos_origin(), false, 0, 0,
                   (int)a[9].num};
    /* each of the four numbers: given (a number or a curve), or the picture's edge */
    const double whole[4] = {0, 0, in->w, in->h};
    for (int i = 0; i < 4; i++) {
        const mr_arg *v = &a[corners ? 4 + i : i];
        p.v[i] = mr_param_make(v->given ? v->num : whole[i], v->curve);
    }
    if (p.form == CROP_CORNER) { /* w, h not given: to the picture's edge */
        if (!a[2].given)
            p.v[2].v = in->w - (a[0].given && !a[0].curve ? a[0].num : 0);
        if (!a[3].given)
            p.v[3].v = in->h - (a[1].given && !a[1].curve ? a[1].num : 0);
    }
    if (centre) {
        p.center = a[8].pos;
        mr_curve_ref((mr_curve *)p.center.curve); /* the node's own reference */
    } else {
        p.center = mr_pos_edges(MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0);
    }
    return crop_new(in, p, err);
}

static const mr_param_desc crop_params[] = {
    {"x", MR_P_NUMBER, true, true, -16384, 16384, 0, NULL, "the rectangle's left edge"},
    {"y", MR_P_NUMBER, true, true, -16384, 16384, 0, NULL, "its top edge"},
    {"w", MR_P_NUMBER, true, true, 1, 16384, 0, NULL, "its width (default: to the picture's edge)"},
    {"h", MR_P_NUMBER, true, true, 1, 16384, 0, NULL, "its height"},
    {"x1", MR_P_NUMBER, true, true, -16384, 16384, 0, NULL, "or: the left edge ..."},
    {"y1", MR_P_NUMBER, true, true, -16384, 16384, 0, NULL, "... the top edge ..."},
    {"x2", MR_P_NUMBER, true, true, -16384, 16384, 0, NULL, "... the right edge (excluded) ..."},
    {"y2", MR_P_NUMBER, true, true, -16384, 16384, 0, NULL, "... and the bottom edge (excluded)"},
    {"center", MR_P_POS, true, true, 0, 0, 0, NULL,
     "or: the rectangle's centre (with w, h): {x, y} pixels, {\"50%\", \"40%\"}, or a curve of x, y"},
    {"filter", MR_P_ENUM, true, false, 0, 3, 0, MR_WARP_FILTER_CHOICES,
     "how a moving rectangle is resampled (rotate's filters)"},
};

const mr_op mr_op_crop = {"crop", "a rectangle of the picture: x, y, w, h; or its corners x1, y1, x2, y2; or its "
                          "center with w, h. Any of them may move: the box keeps the rectangle's size at the "
                          "start, and a rectangle that moves, grows or lies between pixels is resampled (by its filter); "
                          "a still one must lie inside the picture, a moving one shows transparency outside it",
                          "local pan = clip:crop{x = keys{ {0, 0}, {4, 640} }, y = 0, w = 1280, h = 720}",
                          crop_params, 10, NULL, make_crop};
