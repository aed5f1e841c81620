/* curve.h: values that change over time. A curve gives 1 to 4 numbers (a level, a position
 * x, y, a colour r, g, b, a) at each clip-local time t: keyframes eased between, a function
 * the script gives (sampled through a callback, so the engine stays free of Lua), a spring,
 * or another curve delayed, scaled, or combined with a second one. Curves are immutable and
 * refcounted, and safe to evaluate from every render worker at once.
 *
 * Ownership: constructors return a new curve (one reference, the caller's) and borrow the
 * curves they are given; NULL with err set when the parameters do not fit. */
#ifndef MR_CURVE_H
#define MR_CURVE_H

#include <stdbool.h>
#include <stddef.h>
#include "engine/ops/ease.h"
#include "engine/core/error.h"

#define MR_CURVE_DIM 4   /* the most numbers a curve gives */

typedef struct mr_curve mr_curve;

/* One keyframe: at time t the curve is v; `ease` shapes the segment arriving at this key
 * (from the key before). */
typedef struct mr_curve_key {
    double t;
    double v[MR_CURVE_DIM];
    mr_ease ease;
} mr_curve_key;

/* A script's function of time: writes the curve's dim numbers for t into out. Returns 0, or
 * -1 with err naming the script line. Called from any render worker; the callback serialises
 * whatever it needs (a Lua state); the curve remembers recent answers, so each t is asked
 * once while it is in use. */
typedef int (*mr_curve_fn)(void *ud, double t, double *out, mr_err *err);

mr_curve *mr_curve_constant(int dim, const double *v, mr_err *err);

/* Keyframes in strictly increasing time; before the first the first value holds, after the
 * last the last. */
mr_curve *mr_curve_keys(int dim, const mr_curve_key *keys, int n, mr_err *err);

/* A function curve; `release(ud)` is called when the curve is freed (may be NULL). */
mr_curve *mr_curve_function(int dim, mr_curve_fn fn, void *ud, void (*release)(void *ud), mr_err *err);

/* from + (to - from) * the spring's position at t - delay (a spring e, natural timing). */
mr_curve *mr_curve_spring(const mr_ease *e, double from, double to, double delay, mr_err *err);

/* a * mul + add, componentwise. */
mr_curve *mr_curve_affine(mr_curve *a, double mul, double add, mr_err *err);

/* a held to lo..hi componentwise, and rounded to whole numbers when `whole` (a curve driving
 * a parameter with a range: an operation never sees a value its checks would refuse). */
mr_curve *mr_curve_clamp(mr_curve *a, double lo, double hi, bool whole, mr_err *err);

/* a at t - d (starts d seconds later). */
mr_curve *mr_curve_delay(mr_curve *a, double d, mr_err *err);

/* a at offset + scale * (period > 0 ? t mod period : t): a curve seen through a time map
 * (sub, speed, loop), so a moving place follows its clip's time. */
mr_curve *mr_curve_timemap(mr_curve *a, double offset, double scale, double period, mr_err *err);

/* a op b for op one of + - * /, componentwise; a one-number curve is used for every component
 * of the other. */
mr_curve *mr_curve_combine(char op, mr_curve *a, mr_curve *b, mr_err *err);

mr_curve *mr_curve_ref(mr_curve *c);
void mr_curve_unref(mr_curve *c);

/* How many numbers c gives. */
int mr_curve_dim(const mr_curve *c);

/* Whether c gives the same numbers at every time (then evaluating it needs no t). */
bool mr_curve_is_constant(const mr_curve *c);

/* c's numbers at t into out[0..dim). Returns 0, or -1 with err set (a function curve's error,
 * or a non-finite number, saying at which time). */
int mr_curve_eval(const mr_curve *c, double t, double *out, mr_err *err);

/* "keys(3: 0 s .. 3 s)", "function", "spring", ... for tostring. */
void mr_curve_describe(const mr_curve *c, char *buf, size_t n);

#endif
