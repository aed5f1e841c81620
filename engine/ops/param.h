/* param.h: a node's numeric parameter: a number, or a curve that moves it over the clip's
 * time. Nodes read it through mr_param_at and never ask which it is. */
#ifndef MR_PARAM_H
#define MR_PARAM_H

#include <stdbool.h>
#include "engine/ops/curve.h"

typedef struct mr_param {
    double v;            /* the number, when there is no curve */
    mr_curve *curve;     /* owned reference, or NULL */
} mr_param;

/* A parameter holding v, or curve c when not NULL (a new reference to it is taken). */
static inline mr_param mr_param_make(double v, mr_curve *c)
{
    return (mr_param){v, mr_curve_ref(c)};
}

/* The value at clip-local time t into *out (the curve's first number). Returns 0, or -1 with
 * err set (a function curve failed, or gave no finite number). */
static inline int mr_param_at(const mr_param *p, double t, double *out, mr_err *err)
{
    if (!p->curve) {
        *out = p->v;
        return 0;
    }
    double v[MR_CURVE_DIM];
    if (mr_curve_eval(p->curve, t, v, err) < 0)
        return -1;
    *out = v[0];
    return 0;
}

/* Whether the value changes over time. */
static inline bool mr_param_moves(const mr_param *p)
{
    return p->curve && !mr_curve_is_constant(p->curve);
}

/* Drops the curve. */
static inline void mr_param_release(mr_param *p)
{
    mr_curve_unref(p->curve);
    p->curve = NULL;
}

#endif
