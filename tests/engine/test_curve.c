/* test_curve.c: easings against their formulas at chosen points (easings.net's, CSS's
 * cubic-bezier values), the spring against its equation of motion and settling, keyframes,
 * function curves (each time asked once while cached), curve arithmetic, and the errors. */
#include <math.h>
#include "engine/ops/curve.h"
#include "tests/engine/check.h"

static double eased(const char *name, double x)
{
    mr_ease e;
    mr_err err;
    if (mr_ease_parse(name, &e, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return NAN;
    }
    return mr_ease_apply(&e, x);
}

static int calls;

/* A function curve of two numbers: (t, 2t); counts its calls. */
static int twice(void *ud, double t, double *out, mr_err *err)
{
    (void)ud;
    calls++;
    if (t > 100)
        return mr_err_set(err, "edit.lua:7: too late");
    out[0] = t;
    out[1] = 2 * t;
    return 0;
}

int main(void)
{
    mr_err err;
    /* the named easings (easings.net's formulas) */
    CHECK_NEAR(eased("linear", 0.3), 0.3, 1e-12);
    CHECK_NEAR(eased("step", 0.99), 0, 0);
    CHECK_NEAR(eased("step", 1), 1, 0);
    CHECK_NEAR(eased("in_out_sine", 0.25), 0.1464466094067262, 1e-12);
    CHECK_NEAR(eased("in_quad", 0.5), 0.25, 1e-12);
    CHECK_NEAR(eased("in_out_cubic", 0.75), 0.9375, 1e-12);
    CHECK_NEAR(eased("out_quart", 0.5), 0.9375, 1e-12);
    CHECK_NEAR(eased("in_quint", 0.5), 0.03125, 1e-12);
    CHECK_NEAR(eased("in_out_expo", 0.25), 0.015625, 1e-12);
    CHECK_NEAR(eased("out_circ", 0.5), 0.8660254037844386, 1e-12);
    CHECK_NEAR(eased("in_back", 0.3), -0.08019954, 1e-9);
    CHECK_NEAR(eased("in_out_back", 0.3), -0.078833484, 1e-9);
    CHECK_NEAR(eased("out_elastic", 0.2), 1.125, 1e-9);
    CHECK_NEAR(eased("in_out_elastic", 0.7), 0.9760611111525319, 1e-9);
    CHECK_NEAR(eased("out_bounce", 0.7), 0.930625, 1e-9);
    CHECK_NEAR(eased("in_out_bounce", 0.3), 0.045, 1e-9);
    const char *all[] = {"in_sine", "out_expo", "in_out_quad", "in_elastic", "out_back", "in_bounce", "in_out_circ"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) { /* every easing starts at 0 and ends at 1 */
        CHECK_NEAR(eased(all[i], 0), 0, 1e-9);
        CHECK_NEAR(eased(all[i], 1), 1, 1e-9);
    }
    mr_ease e;
    CHECK(mr_ease_parse("out_wobble", &e, &err) < 0);
    CHECK_STR(err.msg, "unknown easing 'out_wobble'");
    CHECK(mr_ease_parse("in_", &e, &err) < 0);

    /* CSS cubic-bezier: ease, ease-in, ease-out */
    CHECK(mr_ease_bezier(0.25, 0.1, 0.25, 1, &e, &err) == 0);
    CHECK_NEAR(mr_ease_apply(&e, 0.5), 0.802403387584857, 1e-6);
    CHECK(mr_ease_bezier(0.42, 0, 1, 1, &e, &err) == 0);
    CHECK_NEAR(mr_ease_apply(&e, 0.5), 0.31535681257253945, 1e-6);
    CHECK(mr_ease_bezier(0, 0, 0.58, 1, &e, &err) == 0);
    CHECK_NEAR(mr_ease_apply(&e, 0.3), 0.4451859674713371, 1e-6);
    CHECK(mr_ease_bezier(1.2, 0, 0.5, 1, &e, &err) < 0);

    /* a spring (k 100, c 10, m 1: under-damped) against x'' = -k (x - 1) - c x' (integrated
     * numerically to 1.12435659 at 0.3 s), settling, and stretched as an easing */
    CHECK(mr_ease_spring(100, 10, 1, &e, &err) == 0);
    CHECK_NEAR(mr_spring_at(&e, 0.1), 0.34029984660829826, 1e-9);
    CHECK_NEAR(mr_spring_at(&e, 0.3), 1.12435659, 1e-5);
    CHECK(e.settle > 1.0 && e.settle < 1.6); /* e^(-5 t) < 0.001 from about 1.38 s */
    CHECK(fabs(mr_spring_at(&e, e.settle + 0.5) - 1) < 1e-3);
    CHECK_NEAR(mr_ease_apply(&e, 1), 1, 0);
    CHECK_NEAR(mr_ease_apply(&e, 0.5), mr_spring_at(&e, 0.5 * e.settle), 1e-12);
    mr_ease crit, over;
    CHECK(mr_ease_spring(100, 20, 1, &crit, &err) == 0 && mr_ease_spring(100, 60, 1, &over, &err) == 0);
    CHECK(mr_spring_at(&crit, 0.3) < 1 && mr_spring_at(&over, 0.3) < mr_spring_at(&crit, 0.3)); /* no overshoot */
    CHECK(mr_ease_spring(0, 10, 1, &e, &err) < 0);

    /* keyframes: held before and after, eased by the arriving key */
    mr_curve_key k[3] = {{0, {0, 100}, {0}}, {1.5, {300, 100}, {0}}, {3, {300, 0}, {0}}};
    CHECK(mr_ease_parse("out_cubic", &k[1].ease, &err) == 0);
    mr_curve *keys = mr_curve_keys(2, k, 3, &err);
    double v[MR_CURVE_DIM];
    CHECK(keys && mr_curve_eval(keys, -1, v, &err) == 0 && v[0] == 0 && v[1] == 100);
    CHECK(mr_curve_eval(keys, 0.75, v, &err) == 0);
    CHECK_NEAR(v[0], 300 * 0.875, 1e-9); /* out_cubic at 0.5 */
    CHECK(mr_curve_eval(keys, 2.25, v, &err) == 0);
    CHECK_NEAR(v[0], 300, 1e-9);
    CHECK_NEAR(v[1], 50, 1e-9); /* linear */
    CHECK(mr_curve_eval(keys, 99, v, &err) == 0 && v[1] == 0);
    mr_curve_key bad[2] = {{1, {0}, {0}}, {0.5, {1}, {0}}};
    CHECK(mr_curve_keys(1, bad, 2, &err) == NULL);
    CHECK_STR(err.msg, "keyframe 2 (at 0.5 s) is not after keyframe 1 (at 1 s)");

    /* function curves: asked once per time while the answer is cached; errors pass through */
    mr_curve *fn = mr_curve_function(2, twice, NULL, NULL, &err);
    CHECK(mr_curve_eval(fn, 0.5, v, &err) == 0 && v[1] == 1);
    CHECK(mr_curve_eval(fn, 0.5, v, &err) == 0 && v[1] == 1);
    CHECK_INT(calls, 1);
    CHECK(mr_curve_eval(fn, 200, v, &err) < 0);
    CHECK_STR(err.msg, "edit.lua:7: too late");

    /* arithmetic: shifted, scaled, delayed, combined (a one-number curve for every component) */
    double one[1] = {10};
    mr_curve *ten = mr_curve_constant(1, one, &err);
    mr_curve *sum = mr_curve_combine('+', keys, ten, &err);
    CHECK(sum && mr_curve_dim(sum) == 2 && mr_curve_eval(sum, 3, v, &err) == 0 && v[0] == 310 && v[1] == 10);
    mr_curve *later = mr_curve_delay(keys, 1, &err);
    CHECK(mr_curve_eval(later, 3.25, v, &err) == 0);
    CHECK_NEAR(v[1], 50, 1e-9);
    mr_curve *half = mr_curve_affine(fn, 0.5, 1, &err);
    CHECK(mr_curve_eval(half, 4, v, &err) == 0 && v[0] == 3 && v[1] == 5);
    CHECK(mr_curve_is_constant(ten) && !mr_curve_is_constant(keys) && !mr_curve_is_constant(half));
    double zero[1] = {0};
    mr_curve *nothing = mr_curve_constant(1, zero, &err);
    mr_curve *ratio = mr_curve_combine('/', ten, nothing, &err);
    CHECK(mr_curve_eval(ratio, 0, v, &err) < 0);
    CHECK_STR(err.msg, "not a finite number");
    mr_curve *wide = mr_curve_constant(3, (double[]){1, 2, 3}, &err);
    CHECK(mr_curve_combine('*', keys, wide, &err) == NULL);
    mr_ease spring;
    mr_ease_spring(100, 10, 1, &spring, &err);
    mr_curve *bounce = mr_curve_spring(&spring, 0, 200, 0.5, &err);
    CHECK(mr_curve_eval(bounce, 0.4, v, &err) == 0 && v[0] == 0);
    CHECK(mr_curve_eval(bounce, 0.8, v, &err) == 0);
    CHECK_NEAR(v[0], 200 * 1.12435659, 1e-3);

    mr_curve *curves[] = {keys, fn, ten, sum, later, half, nothing, ratio, wide, bounce};
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
        mr_curve_unref(curves[i]);
    return CHECK_DONE();
}
