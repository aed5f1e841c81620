/* shapes.c: the masks drawn from geometry: mask.rect, ellipse, circle, polygon, and the ramps
 * mask.linear and mask.radial. Each is drawn at the picture's size by the shape kernel pair
 * (engine/kernels/shape_params.h: coverage by area, antialiased); every number and point
 * but a polygon's may be a curve, read at each frame. */
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/core/memo.h"
#include "engine/kernels/k_shape.h"
#include "engine/kernels/kernels.h"
#include "engine/masks/mask.h"
#include "engine/ops/param.h"

typedef struct shape_priv {
    mr_shape_kind kind;
    int nargs;
    mr_arg args[MR_OP_MAX_PARAMS]; /* the descriptor's, in its order; owned references */
    mr_memo last;                  /* the last shape drawn, by its parameters (a shape at rest) */
} shape_priv;

/* Argument i of p as a number at t. Returns 0, or -1 with err set. */
static int num_at(const shape_priv *p, int i, double t, float *out, mr_err *err)
{
    mr_param v = {p->args[i].num, p->args[i].curve};
    double d;
    if (mr_param_at(&v, t, &d, err) < 0)
        return -1;
    *out = (float)d;
    return 0;
}

/* Argument i of p as a point of a w x h picture at t. Returns 0, or -1 with err set. */
static int point_at(const shape_priv *p, int i, int w, int h, double t, float out[2], mr_err *err)
{
    double x, y;
    if (mr_pos_point(&p->args[i].pos, w, h, t, &x, &y, err) < 0)
        return -1;
    out[0] = (float)x;
    out[1] = (float)y;
    return 0;
}

/* The kernel's parameters of c's shape at t. Returns 0, or -1 with err set. */
static int shape_at(const mr_clip *c, double t, mr_shape_params *s, mr_err *err)
{
    const shape_priv *p = c->priv;
    s->kind = p->kind;
    switch (p->kind) {
    case MR_SHAPE_RECT:
        return num_at(p, 0, t, &s->x, err) | num_at(p, 1, t, &s->y, err) | num_at(p, 2, t, &s->w, err) |
               num_at(p, 3, t, &s->h, err) | num_at(p, 4, t, &s->radius, err);
    case MR_SHAPE_ELLIPSE:
        if (p->nargs == 3) { /* a circle */
            if (num_at(p, 2, t, &s->rx, err) < 0)
                return -1;
            s->ry = s->rx;
        } else if ((num_at(p, 2, t, &s->rx, err) | num_at(p, 3, t, &s->ry, err)) < 0) {
            return -1;
        }
        return num_at(p, 0, t, &s->cx, err) | num_at(p, 1, t, &s->cy, err);
    case MR_SHAPE_POLYGON:
        s->npoints = p->args[0].points->n;
        for (int i = 0; i < s->npoints; i++) {
            s->pts[i][0] = (float)p->args[0].points->xy[i][0];
            s->pts[i][1] = (float)p->args[0].points->xy[i][1];
        }
        return 0;
    case MR_SHAPE_LINEAR:
        return point_at(p, 0, c->w, c->h, t, s->p1, err) | point_at(p, 1, c->w, c->h, t, s->p2, err);
    case MR_SHAPE_RADIAL: {
        float centre[2] = {0, 0};
        int r = point_at(p, 0, c->w, c->h, t, centre, err) | num_at(p, 1, t, &s->r, err) |
                num_at(p, 2, t, &s->inner, err);
        s->cx = centre[0];
        s->cy = centre[1];
        return r;
    }
    }
    return mr_err_set(err, "mask: an unknown shape (an engine defect)");
}

static int shape_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    mr_shape_params s = {0};
    if (shape_at(c, t, &s, ev->err) < 0)
        return -1;
    shape_priv *p = c->priv;
    if ((*out = mr_memo_get(&p->last, ev, &s, sizeof s, NULL)))
        return 0;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (!f || mr_k_shape(ev, f, &s) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    mr_memo_put(&p->last, ev, &s, sizeof s, NULL, f);
    *out = f;
    return 0;
}

static void shape_destroy(mr_clip *c)
{
    shape_priv *p = c->priv;
    mr_op_args_clear(p->args, p->nargs);
    mr_memo_free(&p->last);
}

static const mr_clip_ops shape_ops = {"shape", shape_picture, mr_pass_sound, NULL, shape_destroy};

/* A shape node of kind over in (the picture it is drawn for), keeping a copy of args (n of
 * them). NULL with err set. */
static mr_clip *shape_new(mr_shape_kind kind, mr_clip *in, const mr_arg *args, int n, mr_err *err)
{
    mr_clip *c = mr_clip_alloc(&shape_ops, sizeof(shape_priv), in, err);
    if (!c)
        return NULL;
    shape_priv *p = c->priv;
    p->kind = kind;
    p->nargs = n;
    mr_op_args_copy(p->args, args, n);
    mr_memo_init(&p->last);
    for (int i = 0; i < n; i++) {
        const mr_curve *moving = args[i].curve ? args[i].curve : args[i].pos.curve;
        if (moving && !mr_curve_is_constant(moving))
            c->is_static = false;
    }
    return c;
}

static mr_clip *make_rect(mr_clip *in, const mr_arg *a, mr_err *err) { return shape_new(MR_SHAPE_RECT, in, a, 5, err); }
static mr_clip *make_ellipse(mr_clip *in, const mr_arg *a, mr_err *err) { return shape_new(MR_SHAPE_ELLIPSE, in, a, 4, err); }
static mr_clip *make_circle(mr_clip *in, const mr_arg *a, mr_err *err) { return shape_new(MR_SHAPE_ELLIPSE, in, a, 3, err); }
static mr_clip *make_polygon(mr_clip *in, const mr_arg *a, mr_err *err) { return shape_new(MR_SHAPE_POLYGON, in, a, 1, err); }
static mr_clip *make_linear(mr_clip *in, const mr_arg *a, mr_err *err) { return shape_new(MR_SHAPE_LINEAR, in, a, 2, err); }
/* radial: inner beyond r is an error when both are numbers (a curve is read as it is). */
static mr_clip *make_radial(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!a[1].curve && !a[2].curve && a[2].num > a[1].num)
        return mr_err_set(err, "inner %g is beyond r %g (the ramp falls from 1 at inner to 0 at r)",
                          a[2].num, a[1].num), NULL;
    return shape_new(MR_SHAPE_RADIAL, in, a, 3, err);
}

#define SIDE 1e6 /* how far a shape's numbers may go, in pixels */
static const mr_param_desc rect_params[] = {
    {"x", MR_P_NUMBER, false, true, -SIDE, SIDE, 0, NULL, "the left edge, in pixels of the picture"},
    {"y", MR_P_NUMBER, false, true, -SIDE, SIDE, 0, NULL, "the top edge"},
    {"w", MR_P_NUMBER, false, true, 0, SIDE, 0, NULL, "the width"},
    {"h", MR_P_NUMBER, false, true, 0, SIDE, 0, NULL, "the height"},
    {"radius", MR_P_NUMBER, true, true, 0, SIDE, 0, NULL, "the corners' radius (at most half the shorter side)"},
};
static const mr_param_desc ellipse_params[] = {
    {"cx", MR_P_NUMBER, false, true, -SIDE, SIDE, 0, NULL, "the centre, across"},
    {"cy", MR_P_NUMBER, false, true, -SIDE, SIDE, 0, NULL, "the centre, down"},
    {"rx", MR_P_NUMBER, false, true, 0, SIDE, 0, NULL, "the radius across"},
    {"ry", MR_P_NUMBER, false, true, 0, SIDE, 0, NULL, "the radius down"},
};
static const mr_param_desc circle_params[] = {
    {"cx", MR_P_NUMBER, false, true, -SIDE, SIDE, 0, NULL, "the centre, across"},
    {"cy", MR_P_NUMBER, false, true, -SIDE, SIDE, 0, NULL, "the centre, down"},
    {"r", MR_P_NUMBER, false, true, 0, SIDE, 0, NULL, "the radius"},
};
static const mr_param_desc polygon_params[] = {
    {"points", MR_P_POINTS, false, false, 3, MR_SHAPE_MAX_POINTS, 0, NULL,
     "the corners { {x, y}, ... } in order, closed (nonzero rule: where it winds over itself, it covers)"},
};
static const mr_param_desc linear_params[] = {
    {"p1", MR_P_POS, false, true, 0, 0, 0, NULL, "where the ramp is 0: {x, y} pixels, {\"50%\", \"0%\"}, {\"left\", \"center\"}"},
    {"p2", MR_P_POS, false, true, 0, 0, 0, NULL, "where it reaches 1 (beyond each end it stays)"},
};
static const mr_param_desc radial_params[] = {
    {"center", MR_P_POS, false, true, 0, 0, 0, NULL, "the centre: {x, y} pixels, {\"50%\", \"50%\"}, \"center\" (in order: one value)"},
    {"r", MR_P_NUMBER, false, true, 0, SIDE, 0, NULL, "where it has fallen to 0"},
    {"inner", MR_P_NUMBER, true, true, 0, SIDE, 0, NULL, "within this radius it is 1"},
};

const mr_op mr_mask_rect = {"rect", "a rectangle, its corners rounded by radius",
                            "local card = mask.rect{40, 40, 400, 225, radius = 24}", rect_params, 5, NULL, make_rect,
                            MR_ROLE_MASK_NEW};
const mr_op mr_mask_ellipse = {"ellipse", "an ellipse", "local lens = mask.ellipse{960, 540, 500, 300}", ellipse_params, 4,
                               NULL, make_ellipse, MR_ROLE_MASK_NEW};
const mr_op mr_mask_circle = {"circle", "a disc", "local round = mask.circle(240, 135, 120)", circle_params, 3, NULL,
                              make_circle, MR_ROLE_MASK_NEW};
const mr_op mr_mask_polygon = {"polygon", "a polygon (3 to 256 corners)",
                               "local tri = mask.polygon{ {960, 100}, {1500, 980}, {420, 980} }", polygon_params, 1,
                               NULL, make_polygon, MR_ROLE_MASK_NEW};
const mr_op mr_mask_linear = {"linear", "a linear ramp from nothing at p1 to whole at p2 (MoviePy's linear color_gradient)",
                              "local fade = mask.linear{p1 = {0, 800}, p2 = {0, 1080}}", linear_params, 2, NULL,
                              make_linear, MR_ROLE_MASK_NEW};
const mr_op mr_mask_radial = {"radial", "a radial ramp: whole within inner, nothing from r (a vignette, inverted)",
                              "local vignette = mask.radial{center = \"center\", r = 1100, inner = 500}", radial_params,
                              3, NULL, make_radial, MR_ROLE_MASK_NEW};
