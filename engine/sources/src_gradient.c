/* src_gradient.c: gradient.linear{} and gradient.radial{} nodes: colours along a ramp
 * (engine/kernels/shape_params.h's linear or radial position), mixed between stops in
 * premultiplied space. Static: drawn once where it is first asked for, then cached. */
#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_shape.h"
#include "engine/kernels/kernels.h"
#include "engine/sources/sources.h"

typedef struct gradient_priv {
    mr_shape_params ramp;
    mr_gradient_stops stops;
} gradient_priv;

/* Draws the picture where ev works (on the GPU for a GPU evaluation): a new frame in *out, the
 * caller's; -1 with ev->err set when memory or the GPU fails. */
static int gradient_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const gradient_priv *p = c->priv;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (!f || mr_k_gradient(ev, f, &p->ramp, &p->stops) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

/* "linear (0, 90) -> (320, 90), 3 stops" for tostring(). */
static void gradient_describe(const mr_clip *c, char *buf, size_t n)
{
    const gradient_priv *p = c->priv;
    if (p->ramp.kind == MR_SHAPE_LINEAR)
        snprintf(buf, n, "linear (%g, %g) -> (%g, %g), %d stops", p->ramp.p1[0], p->ramp.p1[1], p->ramp.p2[0],
                 p->ramp.p2[1], p->stops.n);
    else
        snprintf(buf, n, "radial (%g, %g) r %g, %d stops", p->ramp.cx, p->ramp.cy, p->ramp.r, p->stops.n);
}

static const mr_clip_ops gradient_ops = {"gradient", gradient_picture, NULL, gradient_describe, NULL};

/* Checks the stops and puts them into g premultiplied. Returns 0, or -1 with err set. */
static int set_stops(mr_gradient_stops *g, int n, const double *pos, const mr_rgba *colors, mr_err *err)
{
    if (n < 2 || n > MR_GRADIENT_MAX_STOPS)
        return mr_err_set(err, "gradient: %d stops (2..%d are needed)", n, MR_GRADIENT_MAX_STOPS);
    g->n = n;
    for (int i = 0; i < n; i++) {
        if (!(pos[i] >= 0 && pos[i] <= 1))
            return mr_err_set(err, "gradient: stop %d is at %g, outside 0..1", i + 1, pos[i]);
        if (i && pos[i] < pos[i - 1])
            return mr_err_set(err, "gradient: stop %d (%g) comes before stop %d (%g): stops go in order", i + 1,
                              pos[i], i, pos[i - 1]);
        g->pos[i] = (float)pos[i];
        float a = colors[i].a;
        g->rgba[i][0] = colors[i].r * a / 255.0f;
        g->rgba[i][1] = colors[i].g * a / 255.0f;
        g->rgba[i][2] = colors[i].b * a / 255.0f;
        g->rgba[i][3] = a;
    }
    return 0;
}

mr_clip *mr_gradient_new(const mr_shape_params *ramp, int n, const double *pos, const mr_rgba *colors, int w, int h,
                         mr_err *err)
{
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        mr_err_set(err, "gradient: size %dx%d is not a picture size", w, h);
        return NULL;
    }
    if (ramp->kind != MR_SHAPE_LINEAR && ramp->kind != MR_SHAPE_RADIAL) {
        mr_err_set(err, "gradient: the ramp must be linear or radial");
        return NULL;
    }
    float v[] = {ramp->p1[0], ramp->p1[1], ramp->p2[0], ramp->p2[1], ramp->cx, ramp->cy, ramp->r, ramp->inner};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!isfinite(v[i])) {
            mr_err_set(err, "gradient: its points and radii must be finite numbers");
            return NULL;
        }
    gradient_priv p = {*ramp, {0}};
    if (set_stops(&p.stops, n, pos, colors, err) < 0)
        return NULL;
    mr_clip *c = mr_clip_alloc(&gradient_ops, sizeof(gradient_priv), NULL, err);
    if (!c)
        return NULL;
    *(gradient_priv *)c->priv = p;
    c->w = w;
    c->h = h;
    c->has_video = true;
    c->is_static = true;
    return c;
}
