/* curve.c: keyframes, function curves (with a small cache of answers), springs and curve
 * arithmetic. */
#include "engine/ops/curve.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { CONSTANT, KEYS, FUNCTION, SPRING, AFFINE, DELAY, COMBINE, TIMEMAP, CLAMP } curve_kind;

#define CACHE 16   /* a function curve's recent answers: frames in flight, and their holds */

struct mr_curve {
    atomic_int refs;
    curve_kind kind;
    int dim;
    double v[MR_CURVE_DIM];        /* CONSTANT; SPRING: from, to, delay; CLAMP: lo, hi, whole */
    double mul, add;               /* AFFINE; DELAY: add is the delay; TIMEMAP: scale and offset */
    double period;                 /* TIMEMAP */
    char op;                       /* COMBINE */
    mr_curve *a, *b;               /* AFFINE, DELAY, COMBINE, TIMEMAP, CLAMP (owned references) */
    mr_curve_key *keys;            /* KEYS */
    int nkeys;
    mr_ease ease;                  /* SPRING */
    mr_curve_fn fn;                /* FUNCTION */
    void *ud;
    void (*release)(void *ud);
    pthread_mutex_t lock;          /* FUNCTION: guards the cache */
    double cache_t[CACHE], cache_v[CACHE][MR_CURVE_DIM];
    int cached, next_slot;
};

static mr_curve *curve_new(curve_kind kind, int dim, mr_err *err)
{
    if (dim < 1 || dim > MR_CURVE_DIM) {
        mr_err_set(err, "a curve gives 1 to %d numbers, not %d", MR_CURVE_DIM, dim);
        return NULL;
    }
    mr_curve *c = calloc(1, sizeof *c);
    if (!c) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    atomic_store(&c->refs, 1);
    c->kind = kind;
    c->dim = dim;
    return c;
}

mr_curve *mr_curve_constant(int dim, const double *v, mr_err *err)
{
    mr_curve *c = curve_new(CONSTANT, dim, err);
    if (c)
        memcpy(c->v, v, sizeof(double) * dim);
    return c;
}

mr_curve *mr_curve_keys(int dim, const mr_curve_key *keys, int n, mr_err *err)
{
    if (n < 1)
        return mr_err_set(err, "keys: give at least one keyframe {t, value}"), NULL;
    for (int i = 0; i < n; i++) {
        if (!isfinite(keys[i].t))
            return mr_err_set(err, "keys: keyframe %d has no finite time", i + 1), NULL;
        if (i > 0 && !(keys[i].t > keys[i - 1].t))
            return mr_err_set(err, "keys: keyframe %d (at %g s) is not after keyframe %d (at %g s); give them in time order",
                              i + 1, keys[i].t, i, keys[i - 1].t), NULL;
        for (int k = 0; k < dim; k++)
            if (!isfinite(keys[i].v[k]))
                return mr_err_set(err, "keys: keyframe %d has a value that is not a finite number", i + 1), NULL;
    }
    mr_curve *c = curve_new(KEYS, dim, err);
    if (!c)
        return NULL;
    if (!(c->keys = malloc(sizeof *keys * n))) {
        free(c);
        return mr_err_set(err, "out of memory"), NULL;
    }
    memcpy(c->keys, keys, sizeof *keys * n);
    c->nkeys = n;
    return c;
}

mr_curve *mr_curve_function(int dim, mr_curve_fn fn, void *ud, void (*release)(void *ud), mr_err *err)
{
    mr_curve *c = curve_new(FUNCTION, dim, err);
    if (!c)
        return NULL;
    c->fn = fn;
    c->ud = ud;
    c->release = release;
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

mr_curve *mr_curve_spring(const mr_ease *e, double from, double to, double delay, mr_err *err)
{
    if (e->kind != MR_EASE_SPRING || !isfinite(from) || !isfinite(to) || !isfinite(delay))
        return mr_err_set(err, "spring: from, to and delay must be finite numbers"), NULL;
    mr_curve *c = curve_new(SPRING, 1, err);
    if (c) {
        c->ease = *e;
        c->v[0] = from;
        c->v[1] = to;
        c->v[2] = delay;
    }
    return c;
}

mr_curve *mr_curve_affine(mr_curve *a, double mul, double add, mr_err *err)
{
    if (!isfinite(mul) || !isfinite(add))
        return mr_err_set(err, "a curve can only be scaled and shifted by finite numbers"), NULL;
    mr_curve *c = curve_new(AFFINE, a->dim, err);
    if (c) {
        c->a = mr_curve_ref(a);
        c->mul = mul;
        c->add = add;
    }
    return c;
}

mr_curve *mr_curve_clamp(mr_curve *a, double lo, double hi, bool whole, mr_err *err)
{
    mr_curve *c = curve_new(CLAMP, a->dim, err);
    if (c) {
        c->a = mr_curve_ref(a);
        c->v[0] = lo;
        c->v[1] = hi;
        c->v[2] = whole;
    }
    return c;
}

mr_curve *mr_curve_delay(mr_curve *a, double d, mr_err *err)
{
    if (!isfinite(d))
        return mr_err_set(err, "delay: %g s is not a finite time", d), NULL;
    mr_curve *c = curve_new(DELAY, a->dim, err);
    if (c) {
        c->a = mr_curve_ref(a);
        c->add = d;
    }
    return c;
}

mr_curve *mr_curve_timemap(mr_curve *a, double offset, double scale, double period, mr_err *err)
{
    if (!isfinite(offset) || !(scale > 0) || !isfinite(scale) || !(period >= 0))
        return mr_err_set(err, "a curve's time can only be shifted, sped up and looped"), NULL;
    mr_curve *c = curve_new(TIMEMAP, a->dim, err);
    if (c) {
        c->a = mr_curve_ref(a);
        c->add = offset;
        c->mul = scale;
        c->period = period;
    }
    return c;
}

mr_curve *mr_curve_combine(char op, mr_curve *a, mr_curve *b, mr_err *err)
{
    if (!strchr("+-*/", op) || !op)
        return mr_err_set(err, "curves combine with + - * /, not '%c'", op), NULL;
    if (a->dim != b->dim && a->dim != 1 && b->dim != 1)
        return mr_err_set(err, "curves of %d and %d numbers cannot be combined", a->dim, b->dim), NULL;
    mr_curve *c = curve_new(COMBINE, a->dim > b->dim ? a->dim : b->dim, err);
    if (c) {
        c->op = op;
        c->a = mr_curve_ref(a);
        c->b = mr_curve_ref(b);
    }
    return c;
}

mr_curve *mr_curve_ref(mr_curve *c)
{
    if (c)
        atomic_fetch_add(&c->refs, 1);
    return c;
}

void mr_curve_unref(mr_curve *c)
{
    if (!c || atomic_fetch_sub(&c->refs, 1) != 1)
        return;
    if (c->kind == FUNCTION) {
        if (c->release)
            c->release(c->ud);
        pthread_mutex_destroy(&c->lock);
    }
    mr_curve_unref(c->a);
    mr_curve_unref(c->b);
    free(c->keys);
    free(c);
}

int mr_curve_dim(const mr_curve *c) { return c->dim; }

bool mr_curve_is_constant(const mr_curve *c)
{
    switch (c->kind) {
    case CONSTANT: return true;
    case KEYS: return c->nkeys == 1;
    case AFFINE:
    case DELAY:
    case CLAMP:
    case TIMEMAP: return mr_curve_is_constant(c->a);
    case COMBINE: return mr_curve_is_constant(c->a) && mr_curve_is_constant(c->b);
    default: return false;
    }
}

/* Keyframes at t: the segment holding t, eased by its arriving key. */
static void keys_at(const mr_curve *c, double t, double *out)
{
    const mr_curve_key *k = c->keys;
    int n = c->nkeys, i = 1;
    if (t <= k[0].t || n == 1) {
        memcpy(out, k[0].v, sizeof(double) * c->dim);
        return;
    }
    if (t >= k[n - 1].t) {
        memcpy(out, k[n - 1].v, sizeof(double) * c->dim);
        return;
    }
    while (k[i].t < t) /* a few keys: a scan; the loop ends at the last since t < its time */
        i++;
    double x = mr_ease_apply(&k[i].ease, (t - k[i - 1].t) / (k[i].t - k[i - 1].t));
    for (int d = 0; d < c->dim; d++)
        out[d] = k[i - 1].v[d] + (k[i].v[d] - k[i - 1].v[d]) * x;
}

/* A function curve at t: from the cache, or asked (outside the lock: the callback may be
 * slow, and another worker may ask for another t meanwhile). */
static int function_at(mr_curve *c, double t, double *out, mr_err *err)
{
    pthread_mutex_lock(&c->lock);
    for (int i = 0; i < c->cached; i++)
        if (c->cache_t[i] == t) {
            memcpy(out, c->cache_v[i], sizeof(double) * c->dim);
            pthread_mutex_unlock(&c->lock);
            return 0;
        }
    pthread_mutex_unlock(&c->lock);
    if (c->fn(c->ud, t, out, err) < 0)
        return -1;
    pthread_mutex_lock(&c->lock);
    int slot = c->next_slot;
    c->next_slot = (slot + 1) % CACHE;
    if (c->cached < CACHE)
        c->cached++;
    c->cache_t[slot] = t;
    memcpy(c->cache_v[slot], out, sizeof(double) * c->dim);
    pthread_mutex_unlock(&c->lock);
    return 0;
}

static int eval(const mr_curve *c, double t, double *out, mr_err *err)
{
    double a[MR_CURVE_DIM], b[MR_CURVE_DIM];
    switch (c->kind) {
    case CONSTANT:
        memcpy(out, c->v, sizeof(double) * c->dim);
        return 0;
    case KEYS:
        keys_at(c, t, out);
        return 0;
    case FUNCTION:
        return function_at((mr_curve *)c, t, out, err);
    case SPRING:
        out[0] = c->v[0] + (c->v[1] - c->v[0]) * mr_spring_at(&c->ease, t - c->v[2]);
        return 0;
    case AFFINE:
        if (eval(c->a, t, out, err) < 0)
            return -1;
        for (int d = 0; d < c->dim; d++)
            out[d] = out[d] * c->mul + c->add;
        return 0;
    case DELAY:
        return eval(c->a, t - c->add, out, err);
    case CLAMP:
        if (eval(c->a, t, out, err) < 0)
            return -1;
        for (int d = 0; d < c->dim; d++) {
            double v = c->v[2] ? round(out[d]) : out[d];
            out[d] = v < c->v[0] ? c->v[0] : v > c->v[1] ? c->v[1] : v; /* (NaN stays: said below) */
        }
        return 0;
    case TIMEMAP:
        if (c->period > 0)
            t = fmod(t, c->period);
        return eval(c->a, c->add + c->mul * t, out, err);
    case COMBINE:
        if (eval(c->a, t, a, err) < 0 || eval(c->b, t, b, err) < 0)
            return -1;
        for (int d = 0; d < c->dim; d++) {
            double x = a[c->a->dim == 1 ? 0 : d], y = b[c->b->dim == 1 ? 0 : d];
            out[d] = c->op == '+' ? x + y : c->op == '-' ? x - y : c->op == '*' ? x * y : x / y;
        }
        return 0;
    }
    return mr_err_set(err, "internal error: a curve of unknown kind");
}

int mr_curve_eval(const mr_curve *c, double t, double *out, mr_err *err)
{
    if (eval(c, t, out, err) < 0)
        return -1;
    for (int d = 0; d < c->dim; d++)
        if (!isfinite(out[d]))
            return mr_err_set(err, "the curve gave %s at %.3f s, not a finite number",
                              isnan(out[d]) ? "NaN" : out[d] > 0 ? "inf" : "-inf", t);
    return 0;
}

void mr_curve_describe(const mr_curve *c, char *buf, size_t n)
{
    static const char *const names[] = {"constant", "keys", "function", "spring", "scaled", "delayed", "combined",
                                        "time-mapped", "held"};
    if (c->kind == KEYS)
        snprintf(buf, n, "%d keys from %g s to %g s", c->nkeys, c->keys[0].t, c->keys[c->nkeys - 1].t);
    else if (c->kind == CONSTANT && c->dim == 1)
        snprintf(buf, n, "constant %g", c->v[0]);
    else if (c->kind == SPRING)
        snprintf(buf, n, "spring from %g to %g, stiffness %g, damping %g, mass %g%s", c->v[0], c->v[1], c->ease.p[0],
                 c->ease.p[1], c->ease.p[2], c->v[2] ? ", delayed" : "");
    else if (c->kind == AFFINE)
        snprintf(buf, n, "scaled x%g%+g", c->mul, c->add);
    else if (c->kind == DELAY)
        snprintf(buf, n, "delayed %g s", c->add);
    else if (c->kind == COMBINE)
        snprintf(buf, n, "combined (%c)", c->op);
    else if (c->kind == CLAMP)
        snprintf(buf, n, "held to %g..%g", c->v[0], c->v[1]);
    else
        snprintf(buf, n, "%s", names[c->kind]);
    if (c->dim > 1) {
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, ", %d numbers", c->dim);
    }
}
