/* speed_ramp.c: speed(curve): the speed is read on a grid of the new clip's time (every
 * 1/120 s) and taken as linear between grid points, so the clip's time is a sum of exact
 * quadratic pieces: a speed ramp drawn by keys on the grid (or linear across it) is integrated
 * exactly, and any other within microseconds. The table is built once, when the node is made. */
#include "engine/ops/speed_ramp.h"

#include <stdio.h>
#include <stdlib.h>
#include "engine/core/eval.h"
#include "engine/core/timefmt.h"
#include "engine/ops/time_pos.h"

#define STEP (1.0 / 120)   /* the grid of the speed, in seconds of the new clip */

/* The speed at the grid points and the clip time reached there; shared by the node and by its
 * place curve (refcounted). */
typedef struct ramp_table {
    _Atomic int refs;
    int64_t n;              /* points, at least 2 */
    double *k;              /* speed at i * STEP */
    double *T;              /* the clip's time at i * STEP */
} ramp_table;

typedef struct ramp_priv {
    ramp_table *tab;        /* a reference */
    mr_curve *pos_curve;    /* the input's moving place through the ramp (owned), or NULL */
} ramp_priv;

static void table_unref(void *ud)
{
    ramp_table *t = ud;
    if (t && atomic_fetch_sub(&t->refs, 1) == 1) {
        free(t->k);
        free(t->T);
        free(t);
    }
}

/* mr_time_pos_map, and the clip's time at the new clip's time u (0 before 0; past the table
 * the last piece continues). */
static double clip_time(const void *ud, double u)
{
    const ramp_table *t = ud;
    if (!(u > 0))
        return 0;
    int64_t i = (int64_t)(u / STEP);
    if (i > t->n - 2)
        i = t->n - 2;
    double x = u - i * STEP;
    return t->T[i] + t->k[i] * x + (t->k[i + 1] - t->k[i]) * x * x / (2 * STEP);
}

static int ramp_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    return mr_clip_picture(c->input, clip_time(((const ramp_priv *)c->priv)->tab, t), ev, out);
}

/* The sound: each sample at its clip time, linear between the input's samples. */
static int ramp_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const ramp_table *tab = ((const ramp_priv *)c->priv)->tab;
    double x0 = clip_time(tab, (double)s0 / MR_AUDIO_RATE) * MR_AUDIO_RATE;
    double x1 = clip_time(tab, (double)(s0 + n - 1) / MR_AUDIO_RATE) * MR_AUDIO_RATE;
    int64_t a = (int64_t)floor(x0), b = (int64_t)floor(x1) + 2;
    if (b - a > 1 << 28)
        return mr_err_set(ev->err, "speed: %lld samples of sound asked at once", (long long)(b - a));
    size_t nin = (size_t)(b - a);
    float *in = mr_eval_tmp_push(ev, 2 * nin);
    if (!in)
        return -1;
    int r = mr_clip_sound(c->input, a, (int)nin, in, ev);
    for (int i = 0; r == 0 && i < n; i++) {
        double x = clip_time(tab, (double)(s0 + i) / MR_AUDIO_RATE) * MR_AUDIO_RATE - a;
        int64_t k = (int64_t)floor(x);
        k = k < 0 ? 0 : k > (int64_t)nin - 2 ? (int64_t)nin - 2 : k;
        float f = (float)(x - k);
        f = f < 0 ? 0 : f > 1 ? 1 : f;
        out[2 * i] = in[2 * k] + f * (in[2 * k + 2] - in[2 * k]);
        out[2 * i + 1] = in[2 * k + 1] + f * (in[2 * k + 3] - in[2 * k + 1]);
    }
    mr_eval_tmp_pop(ev);
    return r;
}

static void ramp_describe(const mr_clip *c, char *buf, size_t n)
{
    (void)c;
    snprintf(buf, n, "ramp");
}

static void ramp_destroy(mr_clip *c)
{
    ramp_priv *p = c->priv;
    mr_curve_unref(p->pos_curve);
    table_unref(p->tab);
}

static const mr_clip_ops ramp_ops = {"speed", ramp_picture, ramp_sound, ramp_describe, ramp_destroy};

/* Appends point i (speed k, clip time T) to t, growing it. Returns 0, or -1 with err set. */
static int table_push(ramp_table *t, int64_t *cap, double k, double T, mr_err *err)
{
    if (t->n == *cap) {
        int64_t nc = *cap ? 2 * *cap : 256;
        double *nk = realloc(t->k, sizeof(double) * (size_t)nc);
        if (nk)
            t->k = nk;
        double *nT = nk ? realloc(t->T, sizeof(double) * (size_t)nc) : NULL;
        if (!nT)
            return mr_err_set(err, "out of memory");
        t->T = nT;
        *cap = nc;
    }
    t->k[t->n] = k;
    t->T[t->n++] = T;
    return 0;
}

/* The speed at u, checked to lie in 0..100. Returns 0, or -1 with err set. */
static int speed_at(mr_curve *speed, double u, double *k, mr_err *err)
{
    double v[MR_CURVE_DIM];
    if (mr_curve_eval(speed, u, v, err) < 0)
        return -1;
    *k = v[0];
    if (!(*k >= 0 && *k <= 100)) {
        char when[32];
        mr_time_format(u, when, sizeof when);
        return mr_err_set(err, "speed: the curve gives %g at %s; a speed is 0 to 100", *k, when);
    }
    return 0;
}

/* The table of speed over [0, U] where the integral reaches d, and U into *out_d. NULL with
 * err set. */
static ramp_table *table_make(mr_curve *speed, double d, double *out_d, mr_err *err)
{
    ramp_table *t = calloc(1, sizeof *t);
    if (!t)
        return mr_err_set(err, "out of memory"), NULL;
    atomic_init(&t->refs, 1);
    int64_t cap = 0, limit = (int64_t)(MR_RAMP_MAX_S / STEP);
    double k, T = 0;
    if (speed_at(speed, 0, &k, err) < 0 || table_push(t, &cap, k, 0, err) < 0)
        goto fail;
    while (T < d) {
        if (t->n > limit) {
            char dd[32];
            mr_time_format(d, dd, sizeof dd);
            mr_err_set(err, "speed: the curve plays the clip (%s) so slowly that it would last more than %g hours",
                       dd, MR_RAMP_MAX_S / 3600);
            goto fail;
        }
        double k1;
        if (speed_at(speed, t->n * STEP, &k1, err) < 0)
            goto fail;
        T += (k + k1) * STEP / 2;
        if (table_push(t, &cap, k1, T, err) < 0)
            goto fail;
        k = k1;
    }
    /* the end lies in the last piece: T_j + b x + a x^2 = d */
    int64_t j = t->n - 2;
    double a = (t->k[j + 1] - t->k[j]) / (2 * STEP), b = t->k[j], c = t->T[j] - d;
    double disc = b * b - 4 * a * c, x = -2 * c / (b + sqrt(disc > 0 ? disc : 0));
    *out_d = j * STEP + (x > 0 ? (x < STEP ? x : STEP) : 0);
    return t;
fail:
    table_unref(t);
    return NULL;
}

mr_clip *mr_clip_speed_ramp(mr_clip *in, mr_curve *speed, mr_err *err)
{
    if (isinf(in->duration))
        return mr_err_set(err, "speed: a moving speed needs a clip with an end; give it one with :dur()"), NULL;
    double d;
    ramp_table *tab = table_make(speed, in->duration, &d, err);
    if (!tab)
        return NULL;
    mr_curve *pos = NULL;
    if (in->pos.curve) {
        atomic_fetch_add(&tab->refs, 1);
        if (!(pos = mr_time_pos_curve(in->pos.curve, clip_time, tab, table_unref, err))) {
            table_unref(tab);
            return NULL;
        }
    }
    mr_clip *c = mr_clip_alloc(&ramp_ops, sizeof(ramp_priv), in, err);
    if (!c) {
        mr_curve_unref(pos);
        table_unref(tab);
        return NULL;
    }
    *(ramp_priv *)c->priv = (ramp_priv){tab, pos};
    if (pos)
        c->pos.curve = pos;
    c->duration = d;
    c->is_static = in->is_static;
    return c;
}
