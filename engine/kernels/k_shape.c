/* k_shape.c: shapes' coverage and gradients on the CPU or their CUDA twins, chosen by the
 * frame; the parameters are checked here once for both. */
#include "engine/kernels/k_shape.h"

#include <math.h>
#include "engine/kernels/cpu/shape.h"
#include "engine/kernels/k_launch.h"

/* Whether every number s uses is finite, its kind known and its points fit. */
static bool shape_ok(const mr_shape_params *s)
{
    float v[] = {s->x, s->y, s->w, s->h, s->radius, s->cx, s->cy, s->rx, s->ry, s->r, s->inner,
                 s->p1[0], s->p1[1], s->p2[0], s->p2[1]};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!isfinite(v[i]))
            return false;
    if (s->kind != MR_SHAPE_POLYGON)
        return (unsigned)s->kind <= MR_SHAPE_RADIAL;
    if (s->npoints < 0 || s->npoints > MR_SHAPE_MAX_POINTS)
        return false;
    for (int i = 0; i < s->npoints; i++)
        if (!isfinite(s->pts[i][0]) || !isfinite(s->pts[i][1]))
            return false;
    return true;
}

/* Whether g has 2..MR_GRADIENT_MAX_STOPS stops in order, in 0..1, with premultiplied colours. */
static bool stops_ok(const mr_gradient_stops *g)
{
    if (g->n < 2 || g->n > MR_GRADIENT_MAX_STOPS)
        return false;
    for (int i = 0; i < g->n; i++) {
        if (!(g->pos[i] >= 0 && g->pos[i] <= 1) || (i && g->pos[i] < g->pos[i - 1]))
            return false;
        for (int c = 0; c < 4; c++)
            if (!(g->rgba[i][c] >= 0 && g->rgba[i][c] <= g->rgba[i][3] && g->rgba[i][3] <= 255))
                return false;
    }
    return true;
}

int mr_k_shape(mr_eval *ev, mr_frame *dst, const mr_shape_params *s)
{
    if (!shape_ok(s))
        return mr_err_set(ev->err, "shape: a parameter is not a finite number, or there are over %d points",
                          MR_SHAPE_MAX_POINTS);
    dst->opaque = false;
    if (!dst->gpu)
        return mr_cpu_shape(dst, s, ev->err);
    return MR_K_LAUNCH(ev, "shape", mr_cu_shape(dst->data, dst->stride, dst->w, dst->h, s, MR_K_STREAM(ev)));
}

int mr_k_gradient(mr_eval *ev, mr_frame *dst, const mr_shape_params *s, const mr_gradient_stops *g)
{
    if (!shape_ok(s) || (s->kind != MR_SHAPE_LINEAR && s->kind != MR_SHAPE_RADIAL))
        return mr_err_set(ev->err, "gradient: a linear or radial ramp of finite numbers is needed");
    if (!stops_ok(g))
        return mr_err_set(ev->err, "gradient: 2..%d stops in order in 0..1 are needed", MR_GRADIENT_MAX_STOPS);
    bool opaque = true;
    for (int i = 0; i < g->n; i++)
        opaque = opaque && g->rgba[i][3] >= 255.0f;
    dst->opaque = opaque;
    if (!dst->gpu) {
        mr_cpu_gradient(dst, s, g);
        return 0;
    }
    return MR_K_LAUNCH(ev, "gradient",
                       mr_cu_gradient(dst->data, dst->stride, dst->w, dst->h, s, g, MR_K_STREAM(ev)));
}
