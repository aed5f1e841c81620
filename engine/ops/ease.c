/* ease.c: easing formulas, CSS's cubic-bezier and a damped spring. */
#include "engine/ops/ease.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define KIND_NAME(E, name) #name,
static const char *const kind_names[] = {"linear", "step", MR_EASE_CURVES(KIND_NAME) "bezier", "spring"};
static const char *const dir_names[] = {"in", "out", "in_out"};

int mr_ease_parse(const char *name, mr_ease *e, mr_err *err)
{
    *e = (mr_ease){MR_EASE_LINEAR, MR_EASE_IN, {0}, 0};
    if (!strcmp(name, "linear"))
        return 0;
    if (!strcmp(name, "step")) {
        e->kind = MR_EASE_STEP;
        return 0;
    }
    for (int d = 2; d >= 0; d--) { /* "in_out_" before "in_" */
        size_t k = strlen(dir_names[d]);
        if (strncmp(name, dir_names[d], k) || name[k] != '_')
            continue;
        for (int i = MR_EASE_SINE; i <= MR_EASE_BOUNCE; i++)
            if (!strcmp(name + k + 1, kind_names[i])) {
                e->kind = (mr_ease_kind)i;
                e->dir = (mr_ease_dir)d;
                return 0;
            }
    }
    char curves[160] = "";
    for (int i = MR_EASE_SINE; i <= MR_EASE_BOUNCE; i++)
        snprintf(curves + strlen(curves), sizeof curves - strlen(curves), "%s%s",
                 i == MR_EASE_SINE ? "" : i == MR_EASE_BOUNCE ? " or " : ", ", kind_names[i]);
    return mr_err_set(err, "unknown easing '%s' (linear, step, or in_/out_/in_out_ with %s; or bezier(x1, y1, x2, y2), "
                      "spring{...})", name, curves);
}

void mr_ease_describe(const mr_ease *e, char *buf, size_t n)
{
    if (e->kind == MR_EASE_BEZIER)
        snprintf(buf, n, "bezier(%g, %g, %g, %g)", e->p[0], e->p[1], e->p[2], e->p[3]);
    else if (e->kind == MR_EASE_SPRING)
        snprintf(buf, n, "spring{stiffness = %g, damping = %g, mass = %g}", e->p[0], e->p[1], e->p[2]);
    else if (e->kind <= MR_EASE_STEP)
        snprintf(buf, n, "%s", kind_names[e->kind]);
    else
        snprintf(buf, n, "%s_%s", dir_names[e->dir], kind_names[e->kind]);
}

int mr_ease_bezier(double x1, double y1, double x2, double y2, mr_ease *e, mr_err *err)
{
    if (!(x1 >= 0 && x1 <= 1 && x2 >= 0 && x2 <= 1) || !isfinite(y1) || !isfinite(y2))
        return mr_err_set(err, "bezier: x1 and x2 must lie in 0..1 (got %g and %g), y1 and y2 be finite", x1, x2);
    *e = (mr_ease){MR_EASE_BEZIER, MR_EASE_IN, {x1, y1, x2, y2}, 0};
    return 0;
}

/* The spring's displacement from its target: x(t) - 1 for a mass at rest at 0 pulled to 1.
 * w0 = sqrt(k/m), zeta = c / (2 sqrt(k m)); under-, critically and over-damped solutions. */
static double spring_offset(const double p[3], double t)
{
    double k = p[0], c = p[1], m = p[2];
    double w0 = sqrt(k / m), zeta = c / (2 * sqrt(k * m));
    if (zeta < 1 - 1e-9) {
        double wd = w0 * sqrt(1 - zeta * zeta);
        return -exp(-zeta * w0 * t) * (cos(wd * t) + zeta * w0 / wd * sin(wd * t));
    }
    if (zeta <= 1 + 1e-9)
        return -exp(-w0 * t) * (1 + w0 * t);
    double s = w0 * sqrt(zeta * zeta - 1), r1 = -zeta * w0 + s, r2 = -zeta * w0 - s;
    /* x - 1 = A e^(r1 t) + B e^(r2 t), with x(0) - 1 = -1 and x'(0) = 0 */
    double a = r2 / (r1 - r2), b = -r1 / (r1 - r2);
    return a * exp(r1 * t) + b * exp(r2 * t);
}

int mr_ease_spring(double stiffness, double damping, double mass, mr_ease *e, mr_err *err)
{
    if (!(stiffness > 0 && damping > 0 && mass > 0) || !isfinite(stiffness + damping + mass))
        return mr_err_set(err, "spring: stiffness, damping and mass must be positive (got %g, %g, %g)", stiffness,
                          damping, mass);
    *e = (mr_ease){MR_EASE_SPRING, MR_EASE_IN, {stiffness, damping, mass, 0}, 0};
    /* settled: from when on it stays within 0.1 % of the target (scanned in 1 ms steps) */
    double last = 0;
    for (double t = 0; t < 600; t += 1e-3)
        if (fabs(spring_offset(e->p, t)) > 1e-3)
            last = t;
        else if (t - last > 5) /* long enough: the envelope only shrinks */
            break;
    e->settle = last + 1e-3;
    return 0;
}

double mr_spring_at(const mr_ease *e, double t)
{
    return t <= 0 ? 0 : 1 + spring_offset(e->p, t);
}

/* CSS cubic-bezier: the curve's y where its x is x (Newton's method, bisection if it stalls). */
static double bezier_at(const double p[4], double x)
{
    double cx = 3 * p[0], bx = 3 * (p[2] - p[0]) - cx, ax = 1 - cx - bx;
    double cy = 3 * p[1], by = 3 * (p[3] - p[1]) - cy, ay = 1 - cy - by;
    double s = x;
    for (int i = 0; i < 8; i++) {
        double fx = ((ax * s + bx) * s + cx) * s - x, d = (3 * ax * s + 2 * bx) * s + cx;
        if (fabs(fx) < 1e-12)
            break;
        if (fabs(d) < 1e-9) {
            s = -1; /* flat: bisect instead */
            break;
        }
        s -= fx / d;
    }
    if (s < 0 || s > 1) {
        double lo = 0, hi = 1;
        s = x;
        for (int i = 0; i < 60; i++) {
            double fx = ((ax * s + bx) * s + cx) * s;
            if (fx < x)
                lo = s;
            else
                hi = s;
            s = (lo + hi) / 2;
        }
    }
    return ((ay * s + by) * s + cy) * s;
}

static double bounce_out(double x)
{
    const double n1 = 7.5625, d1 = 2.75;
    if (x < 1 / d1)
        return n1 * x * x;
    if (x < 2 / d1)
        return x -= 1.5 / d1, n1 * x * x + 0.75;
    if (x < 2.5 / d1)
        return x -= 2.25 / d1, n1 * x * x + 0.9375;
    return x -= 2.625 / d1, n1 * x * x + 0.984375;
}

/* The "in" form of a named easing (the others are made from it, below). */
static double ease_in(mr_ease_kind k, double x)
{
    const double c1 = 1.70158, c3 = c1 + 1, c4 = 2 * M_PI / 3;
    switch (k) {
    case MR_EASE_SINE: return 1 - cos(x * M_PI / 2);
    case MR_EASE_QUAD: return x * x;
    case MR_EASE_CUBIC: return x * x * x;
    case MR_EASE_QUART: return x * x * x * x;
    case MR_EASE_QUINT: return x * x * x * x * x;
    case MR_EASE_EXPO: return x == 0 ? 0 : pow(2, 10 * x - 10);
    case MR_EASE_CIRC: return 1 - sqrt(1 - x * x);
    case MR_EASE_BACK: return c3 * x * x * x - c1 * x * x;
    case MR_EASE_ELASTIC: return x == 0 ? 0 : x == 1 ? 1 : -pow(2, 10 * x - 10) * sin((x * 10 - 10.75) * c4);
    case MR_EASE_BOUNCE: return 1 - bounce_out(1 - x);
    default: return x;
    }
}

double mr_ease_apply(const mr_ease *e, double x)
{
    x = x < 0 ? 0 : x > 1 ? 1 : x;
    switch (e->kind) {
    case MR_EASE_LINEAR: return x;
    case MR_EASE_STEP: return x < 1 ? 0 : 1;
    case MR_EASE_BEZIER: return x <= 0 ? 0 : x >= 1 ? 1 : bezier_at(e->p, x);
    case MR_EASE_SPRING: return x >= 1 ? 1 : mr_spring_at(e, x * e->settle);
    default: break;
    }
    /* out and in_out mirror the in form, as easings.net defines them, except back's and
     * elastic's in_out, which have constants of their own there */
    if (e->dir == MR_EASE_IN)
        return ease_in(e->kind, x);
    if (e->dir == MR_EASE_OUT)
        return 1 - ease_in(e->kind, 1 - x);
    if (e->kind == MR_EASE_BACK) {
        const double c2 = 1.70158 * 1.525;
        return x < 0.5 ? (4 * x * x * ((c2 + 1) * 2 * x - c2)) / 2
                       : ((2 * x - 2) * (2 * x - 2) * ((c2 + 1) * (x * 2 - 2) + c2) + 2) / 2;
    }
    if (e->kind == MR_EASE_ELASTIC) {
        const double c5 = 2 * M_PI / 4.5;
        if (x == 0 || x == 1)
            return x;
        return x < 0.5 ? -(pow(2, 20 * x - 10) * sin((20 * x - 11.125) * c5)) / 2
                       : pow(2, -20 * x + 10) * sin((20 * x - 11.125) * c5) / 2 + 1;
    }
    return x < 0.5 ? ease_in(e->kind, 2 * x) / 2 : 1 - ease_in(e->kind, 2 - 2 * x) / 2;
}
