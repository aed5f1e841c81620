/* transition_params.h: the per-pixel arithmetic of transitions, shared by the CPU loop
 * (engine/kernels/cpu/transition.c) and its CUDA twin (cuda/transition.cu): plain C that nvcc
 * reads too, integers only, so both engines give the same bits. The host turns a transition's
 * numbers into one mr_tr_params a frame (engine/transitions/tr_mask.c).
 *
 * Most transitions are a coverage c (0..255) of b over a at each pixel, then
 *     out = b * c/255 + a * (255 - c)/255        (per premultiplied channel, rounded once)
 * where c comes from a value v at the pixel and a moving edge: c = ramp(edge - v, soft), a
 * ramp `soft` wide centred on the edge (0 below it, 255 above, 128 on it):
 *  - UNIFORM: c everywhere (a crossfade);
 *  - LINEAR: v = the pixel centre along an axis (1/256 px), wrapped by `period` (blinds);
 *  - CIRCLE: v = the distance of the pixel centre from (cx, cy) (1/256 px); `invert`: b outside;
 *  - CLOCK: covered where the pixel's angle (clockwise from 12 o'clock) is below the hand's,
 *    the ramp over the distance to the nearer of the two rays;
 *  - NOISE: v = a hash of (x, y, seed), 0..65535 (a dissolve);
 *  - MAP: v = the luma of a grey picture's pixel, 0..65535 (MLT's luma wipes).
 * Each pixel reads only itself, so the result may be drawn over a in place. */
#ifndef MR_TRANSITION_PARAMS_H
#define MR_TRANSITION_PARAMS_H

#include <stdint.h>
#include "engine/kernels/detail_params.h" /* mr_detail_hash, the noise effect's */
#include "engine/kernels/isqrt.h"
#include "engine/kernels/kernel_params.h"

typedef enum {
    MR_TR_UNIFORM,
    MR_TR_LINEAR,
    MR_TR_CIRCLE,
    MR_TR_CLOCK,
    MR_TR_NOISE,
    MR_TR_MAP,
} mr_tr_shape;

#define MR_TR_SUB 256            /* LINEAR, CIRCLE, CLOCK: positions in 1/256 px */
#define MR_TR_ANGLE (1 << 16)    /* CLOCK: a quarter turn of the pseudo-angle */
#define MR_TR_HAND_ONE (1 << 15) /* CLOCK: the hand's unit vector */

typedef struct mr_tr_params {
    int32_t shape;      /* mr_tr_shape */
    int32_t cov;        /* UNIFORM: b's share, 0..255 */
    int64_t edge, soft; /* the ramp: its centre and width (> 0), in the shape's units of v */
    int32_t ax, ay;     /* LINEAR: v = ax X + ay Y + off (X, Y: pixel centres), mod period when > 0 */
    int64_t off, period;
    int32_t invert;     /* CIRCLE: b outside the circle (the ramp turned round) */
    int64_t cx, cy;     /* CIRCLE, CLOCK: the centre, 1/256 px */
    int64_t hx, hy;     /* CLOCK: the hand's direction (MR_TR_HAND_ONE long) */
    int64_t hand;       /* CLOCK: the hand's pseudo-angle (mr_tr_pseudo_angle); 4 quarters: all */
    uint32_t seed;      /* NOISE */
} mr_tr_params;

/* The ramp's coverage of a pixel at signed distance d (inside: positive) for a width s > 0. */
static inline MR_HD uint32_t mr_tr_ramp(int64_t d, int64_t s)
{
    int64_t t = 2 * d + s;
    t = t < 0 ? 0 : t > 2 * s ? 2 * s : t;
    return (uint32_t)((t * 255 + s) / (2 * s));
}

/* A pseudo-angle of (px, py) (y down) clockwise from 12 o'clock: 0 .. 4 MR_TR_ANGLE, one
 * MR_TR_ANGLE a quarter turn, growing with the true angle (not in proportion inside a quarter).
 * |px|, |py| below 2^40. */
static inline MR_HD int64_t mr_tr_pseudo_angle(int64_t px, int64_t py)
{
    const int64_t K = MR_TR_ANGLE;
    if (px == 0 && py == 0)
        return 0;
    if (px >= 0 && py < 0)
        return K * px / (px - py);
    if (px > 0 && py >= 0)
        return K + K * py / (px + py);
    if (px <= 0 && py > 0)
        return 2 * K + K * -px / (py - px);
    return 3 * K + K * -py / (-px - py);
}

/* CLOCK: pixel centre (px, py) from the centre: the signed distance (1/256 px) to the edge of
 * the swept part, positive inside it. */
static inline MR_HD int64_t mr_tr_clock_distance(const mr_tr_params *k, int64_t px, int64_t py)
{
    const int64_t far = (int64_t)1 << 40;
    if (k->hand >= 4 * MR_TR_ANGLE)
        return far;
    int inside = mr_tr_pseudo_angle(px, py) < k->hand;
    int64_t d = far;
    if (py < 0) /* beside the ray to 12 o'clock */
        d = px < 0 ? -px : px;
    if (px * k->hx + py * k->hy > 0) { /* beside the hand */
        int64_t c = (px * k->hy - py * k->hx) / MR_TR_HAND_ONE;
        c = c < 0 ? -c : c;
        d = c < d ? c : d;
    }
    return inside ? d : -d;
}

/* b's coverage (0..255) at pixel (x, y); m: the MAP picture's pixel there (else unused). */
static inline MR_HD uint32_t mr_tr_coverage(const mr_tr_params *k, int x, int y, uint32_t m)
{
    int64_t X = (int64_t)x * MR_TR_SUB + MR_TR_SUB / 2, Y = (int64_t)y * MR_TR_SUB + MR_TR_SUB / 2, v;
    switch (k->shape) {
    case MR_TR_LINEAR:
        v = k->ax * X + k->ay * Y + k->off;
        if (k->period > 0) {
            v %= k->period;
            v += v < 0 ? k->period : 0;
        }
        return mr_tr_ramp(k->edge - v, k->soft);
    case MR_TR_CIRCLE: {
        int64_t dx = X - k->cx, dy = Y - k->cy;
        v = (int64_t)mr_isqrt((uint64_t)(dx * dx + dy * dy));
        return mr_tr_ramp(k->invert ? v - k->edge : k->edge - v, k->soft);
    }
    case MR_TR_CLOCK: return mr_tr_ramp(mr_tr_clock_distance(k, X - k->cx, Y - k->cy), MR_TR_SUB);
    case MR_TR_NOISE:
        v = (int64_t)(mr_detail_hash((uint32_t)x + mr_detail_hash((uint32_t)y + k->seed)) & 0xffff);
        return mr_tr_ramp(k->edge - v, k->soft);
    case MR_TR_MAP: /* the luma of premultiplied m: 0.2126, 0.7152, 0.0722 in 256ths (as masks) */
        v = (int64_t)((54 * (m & 255) + 183 * ((m >> 8) & 255) + 19 * ((m >> 16) & 255) + 128) >> 8) * 257;
        return mr_tr_ramp(k->edge - v, k->soft);
    default: return (uint32_t)k->cov;
    }
}

/* The pixel of a transition: b over a by coverage c (mr_mix_pixel of kernel_params.h). */
static inline MR_HD uint32_t mr_tr_mix(uint32_t a, uint32_t b, uint32_t c) { return mr_mix_pixel(b, c, a); }

#endif
