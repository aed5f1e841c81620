/* detail_params.h: the per-pixel effects of the detail operations (engine/ops/detail.c), shared
 * by the CPU loop (engine/kernels/cpu/detail.c) and its CUDA twin (cuda/detail.cu): plain C
 * that nvcc reads too, integers only, so both engines give the same bits. The host turns an
 * operation's numbers into one mr_detail_params once a frame (engine/kernels/k_detail.h).
 *
 * Pictures are premultiplied RGBA. Each effect keeps every colour channel at or below its
 * alpha, so what comes out is premultiplied as well:
 *   vignette  colour times a factor that falls from 1 (inside `inner`) to 1 - amount (at
 *             `outer` and beyond), by a smoothstep of the distance from the centre on the
 *             ellipse that fits the frame (0 at the centre, 1 at the corners); alpha kept;
 *   noise     a triangular random number in [-amount, amount] of the full range, scaled by the
 *             pixel's alpha, added to each colour channel (one number for all three: `mono`);
 *             the number is an integer hash of (x, y, frame, seed); alpha kept;
 *   bright    glow's first step: the pixel (alpha too) times how far its premultiplied luma
 *             is past `threshold`, on a ramp up to white;
 *   sharpen   unsharp mask: each colour channel p + amount (p - b), b the blurred picture's
 *             colour brought to p's alpha (b a_p / a_b), so the edge of a see-through layer,
 *             where the blur's alpha falls, gets no dark outline; alpha kept;
 *   glow      the blurred bright copy b, times amount, screened over the pixel, alpha too:
 *             p + g - p g / 255. */
#ifndef MR_DETAIL_PARAMS_H
#define MR_DETAIL_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

typedef enum {
    MR_DETAIL_VIGNETTE,
    MR_DETAIL_NOISE,
    MR_DETAIL_BRIGHT,
    MR_DETAIL_SHARPEN, /* reads a second picture: the blurred one */
    MR_DETAIL_GLOW,    /* reads a second picture: the blurred bright copy */
} mr_detail_op;

#define MR_VIGNETTE_STEPS 1024   /* the factor's table: steps of d^2 from 0 to 1 */
#define MR_VIGNETTE_ONE 32768    /* a factor of 1 */
#define MR_DETAIL_Y_SHIFT 16     /* luma coefficients: 16 fractional bits (BT.709) */
#define MR_DETAIL_YR 13933
#define MR_DETAIL_YG 46871
#define MR_DETAIL_YB 4732

typedef struct mr_detail_params {
    int32_t op;                  /* mr_detail_op */
    int32_t amount;              /* sharpen, glow: gain in 256ths; noise: the largest deviation, 255 * 256ths */
    /* vignette: d^2 = (dx^2 kx + dy^2 ky) / 2^32, with dx = 2x + 1 - w, dy = 2y + 1 - h (half
     * pixels from the centre) */
    uint32_t kx, ky;
    uint16_t factor[MR_VIGNETTE_STEPS + 1]; /* the factor at d^2 = i / MR_VIGNETTE_STEPS, of MR_VIGNETTE_ONE */
    /* noise */
    uint32_t frame_seed;         /* the hash of the frame number and the seed */
    int32_t mono;                /* 1: one number for r, g and b */
    /* bright: premultiplied luma (8.8 fixed point) from which the ramp starts, its width, and
     * 256 << 16 / span: the weight (of 256) is (y - low) inv >> 16, rounded */
    int32_t low, span;
    uint32_t inv;
} mr_detail_params;

/* Channel i (0 r, 1 g, 2 b, 3 a) of packed pixel p. */
static inline MR_HD int32_t mr_detail_ch(uint32_t p, int i)
{
    return (int32_t)((p >> (8 * i)) & 255);
}

/* v kept inside lo .. hi. */
static inline MR_HD int32_t mr_detail_clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* floor((v + 2^(s-1)) / 2^s) for 1 <= s <= 24 and |v| < 2^30: a signed value rounded half up
 * to a shift, in unsigned arithmetic (no reliance on how negative numbers shift). */
static inline MR_HD int32_t mr_detail_round_shift(int32_t v, int s)
{
    return (int32_t)(((uint32_t)(v + (1 << 30)) + (1u << (s - 1))) >> s) - (1 << (30 - s));
}

/* An integer hash (Chris Wellons' lowbias32): every bit of x changes about half of the result. */
static inline MR_HD uint32_t mr_detail_hash(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

/* The hash of (frame, seed): the start of every pixel's hash in that frame. */
static inline MR_HD uint32_t mr_detail_frame_seed(int64_t frame, uint32_t seed)
{
    return mr_detail_hash((uint32_t)frame ^ mr_detail_hash(seed ^ (uint32_t)((uint64_t)frame >> 32) * 0x9e3779b9u));
}

/* The vignette's factor (of MR_VIGNETTE_ONE) at pixel (x, y) of a w x h frame. */
static inline MR_HD int32_t mr_vignette_factor(int x, int y, int w, int h, const mr_detail_params *k)
{
    int64_t dx = 2 * x + 1 - w, dy = 2 * y + 1 - h;
    uint64_t d2 = (uint64_t)(dx * dx) * k->kx + (uint64_t)(dy * dy) * k->ky; /* d^2 times 2^32 */
    uint64_t at = d2 >> 12;                                             /* d^2 in 2^20ths */
    uint32_t i = (uint32_t)(at >> 10), f = (uint32_t)(at & 1023);
    if (i >= MR_VIGNETTE_STEPS)
        return k->factor[MR_VIGNETTE_STEPS];
    return (int32_t)((k->factor[i] * (1024 - f) + k->factor[i + 1] * f + 512) >> 10);
}

/* Triangular noise in -32767 .. 32767 from a hash (the sum of two 15-bit parts of it). */
static inline MR_HD int32_t mr_noise_tri(uint32_t h)
{
    return (int32_t)(h & 0x7fff) + (int32_t)((h >> 16) & 0x7fff) - 32767;
}

/* The noise n (mr_noise_tri) times the deviation amp (255 * 256ths, at most 65280) in levels,
 * rounded half up: n amp / 2^23, in unsigned arithmetic (|n amp| < 2^31). */
static inline MR_HD int32_t mr_noise_levels(int32_t n, uint32_t amp)
{
    uint32_t v = (uint32_t)(n * (int32_t)amp) + 0x80000000u; /* n amp + 2^31, below 2^32 */
    return (int32_t)((v + (1u << 22)) >> 23) - 256;
}

/* vignette: packed premultiplied pixel p at (x, y) of a w x h frame. */
static inline MR_HD uint32_t mr_vignette_pixel(uint32_t p, int x, int y, int w, int h, const mr_detail_params *k)
{
    int32_t f = mr_vignette_factor(x, y, w, h, k);
    uint32_t out = p & 0xff000000u;
    for (int i = 0; i < 3; i++)
        out |= (uint32_t)((mr_detail_ch(p, i) * f + MR_VIGNETTE_ONE / 2) >> 15) << (8 * i);
    return out;
}

/* noise: packed premultiplied pixel p at (x, y); row is mr_detail_hash(y ^ k->frame_seed). */
static inline MR_HD uint32_t mr_noise_pixel(uint32_t p, int x, uint32_t row, const mr_detail_params *k)
{
    uint32_t a = p >> 24, h0 = mr_detail_hash((uint32_t)x + row), out = a << 24;
    uint32_t amp = a == 255 ? (uint32_t)k->amount : ((uint32_t)k->amount * a + 127) / 255; /* at this alpha */
    for (int i = 0; i < 3; i++) {
        uint32_t hi = k->mono || i == 0 ? h0 : mr_detail_hash(h0 + (uint32_t)i);
        int32_t v = mr_detail_ch(p, i) + mr_noise_levels(mr_noise_tri(hi), amp);
        out |= (uint32_t)mr_detail_clamp(v, 0, (int32_t)a) << (8 * i);
    }
    return out;
}

/* bright (glow's first step): packed premultiplied pixel p. */
static inline MR_HD uint32_t mr_bright_pixel(uint32_t p, const mr_detail_params *k)
{
    int32_t y = (MR_DETAIL_YR * mr_detail_ch(p, 0) + MR_DETAIL_YG * mr_detail_ch(p, 1) +
                 MR_DETAIL_YB * mr_detail_ch(p, 2) + 128) >> 8; /* 8.8 fixed point */
    int32_t past = y - k->low;
    if (past <= 0)
        return 0;
    uint32_t wt = past >= k->span ? 256 : (uint32_t)(((uint64_t)past * k->inv + (1u << 15)) >> 16);
    uint32_t out = 0;
    for (int i = 0; i < 4; i++)
        out |= (((p >> (8 * i)) & 255) * wt + 128) >> 8 << (8 * i);
    return out;
}

/* sharpen: packed premultiplied pixel p with b, the blurred picture's. */
static inline MR_HD uint32_t mr_sharpen_pixel(uint32_t p, uint32_t b, const mr_detail_params *k)
{
    int32_t a = mr_detail_ch(p, 3), ab = mr_detail_ch(b, 3);
    uint32_t out = (uint32_t)a << 24;
    for (int i = 0; i < 3; i++) {
        int32_t c = mr_detail_ch(p, i), bc = ab ? (mr_detail_ch(b, i) * a + ab / 2) / ab : c, d = c - bc;
        int32_t v = c + mr_detail_round_shift(d * k->amount, 8);
        out |= (uint32_t)mr_detail_clamp(v, 0, a) << (8 * i);
    }
    return out;
}

/* glow: packed premultiplied pixel p with g, the blurred bright copy's. */
static inline MR_HD uint32_t mr_glow_pixel(uint32_t p, uint32_t g, const mr_detail_params *k)
{
    uint32_t out = 0;
    for (int i = 0; i < 4; i++) {
        uint32_t c = (uint32_t)mr_detail_ch(p, i);
        uint32_t v = ((uint32_t)mr_detail_ch(g, i) * (uint32_t)k->amount + 128) >> 8;
        v = v < 255 ? v : 255;
        out |= (c + v - mr_div255(c * v)) << (8 * i);
    }
    return out;
}

/* Any of them: packed premultiplied pixel p at (x, y) of a w x h frame; q is the second
 * picture's pixel for sharpen and glow (the GPU's one kernel; the CPU loops call each one). */
static inline MR_HD uint32_t mr_detail_pixel(uint32_t p, uint32_t q, int x, int y, int w, int h,
                                             const mr_detail_params *k)
{
    switch (k->op) {
    case MR_DETAIL_VIGNETTE: return mr_vignette_pixel(p, x, y, w, h, k);
    case MR_DETAIL_NOISE: return mr_noise_pixel(p, x, mr_detail_hash((uint32_t)y ^ k->frame_seed), k);
    case MR_DETAIL_BRIGHT: return mr_bright_pixel(p, k);
    case MR_DETAIL_SHARPEN: return mr_sharpen_pixel(p, q, k);
    default: return mr_glow_pixel(p, q, k);
    }
}

#endif
