/* ease.h: easings: how progress through a keyframe segment (0..1) becomes progress of the
 * value (0..1, overshooting for back, elastic and springs). The named ones are the usual set
 * (easings.net's formulas, as CSS and Remotion use them); cubic-bezier is CSS's; a spring
 * is a damped mass on a spring, as Remotion's spring(). */
#ifndef MR_EASE_H
#define MR_EASE_H

#include <stdbool.h>
#include <stddef.h>
#include "engine/core/error.h"

/* The named curves, in the order of mr_ease_kind from MR_EASE_SINE: each is used as in_NAME,
 * out_NAME and in_out_NAME. The one list the enum, the parser's names and MR_EASE_NAMES
 * come from. */
#define MR_EASE_CURVES(X) X(SINE, sine) X(QUAD, quad) X(CUBIC, cubic) X(QUART, quart) X(QUINT, quint) \
    X(EXPO, expo) X(CIRC, circ) X(BACK, back) X(ELASTIC, elastic) X(BOUNCE, bounce)

#define MR_EASE_ENUM_(E, name) MR_EASE_##E,
typedef enum {
    MR_EASE_LINEAR, MR_EASE_STEP,
    MR_EASE_CURVES(MR_EASE_ENUM_)
    MR_EASE_BEZIER, MR_EASE_SPRING
} mr_ease_kind;

/* Every easing a name gives, as a registry enum's choices: "linear|step|in_sine|out_sine|...". */
#define MR_EASE_CHOICES_(E, name) "|in_" #name "|out_" #name "|in_out_" #name
#define MR_EASE_NAMES "linear|step" MR_EASE_CURVES(MR_EASE_CHOICES_)

typedef enum { MR_EASE_IN, MR_EASE_OUT, MR_EASE_IN_OUT } mr_ease_dir;

typedef struct mr_ease {
    mr_ease_kind kind;
    mr_ease_dir dir;    /* the named curves from sine to bounce */
    double p[4];        /* bezier: x1, y1, x2, y2; spring: stiffness, damping, mass */
    double settle;      /* spring: seconds its natural motion takes to settle (set by mr_ease_spring) */
} mr_ease;

/* "linear", "step", "in_cubic", "out_back", "in_out_elastic", ... into *e. Returns 0, or -1
 * with err listing the names. */
int mr_ease_parse(const char *name, mr_ease *e, mr_err *err);

/* The name of e ("out_cubic", "bezier(0.25, 0.1, 0.25, 1)", "spring"), into buf. */
void mr_ease_describe(const mr_ease *e, char *buf, size_t n);

/* CSS cubic-bezier(x1, y1, x2, y2): x1 and x2 must lie in 0..1. Returns 0 or -1 (err set). */
int mr_ease_bezier(double x1, double y1, double x2, double y2, mr_ease *e, mr_err *err);

/* A spring (stiffness, damping, mass > 0), its settling time computed. Returns 0 or -1. */
int mr_ease_spring(double stiffness, double damping, double mass, mr_ease *e, mr_err *err);

/* The spring's position at t seconds of its natural motion: from 0 at rest towards 1. */
double mr_spring_at(const mr_ease *e, double t);

/* Progress x (clamped to 0..1) eased. As an easing a spring is stretched so that it settles
 * at x = 1 (as Remotion's durationInFrames does). */
double mr_ease_apply(const mr_ease *e, double x);

#endif
