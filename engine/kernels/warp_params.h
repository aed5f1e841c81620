/* warp_params.h: the affine warp's parameters and its per-pixel arithmetic, shared by the CPU
 * loops (engine/kernels/cpu/warp.c) and their CUDA twin (cuda/warp.cu): plain C that nvcc reads
 * too, and integers only, so that both engines compute the same bits (no float rounding, no
 * fused multiply-adds).
 *
 * A warp draws a w x h picture whose pixel (x, y) shows the source at M (x + 1/2, y + 1/2):
 * rotations, scales around an anchor, mirrors, crops and sub-pixel moves are all one warp. The
 * source is resampled by a separable filter (bilinear, bicubic (Catmull-Rom), Lanczos-3, or
 * nearest), transparent outside (or, for a resize, its edge texels repeated). Positions and weights have 14 fractional bits, and the weights
 * of one axis sum to exactly 1 << 14. A sample is
 *     t_i = (sum_j wy_j P(i, j) + 128) >> 8        (each source column i over the rows j)
 *     v   = (sum_i wx_i t_i + (1 << 19)) >> 20     (clamped to 0..255, colour at most alpha)
 * (t keeps 6 fractional bits, and fits 16 bits with every filter's overshoot), which the CPU
 * computes in two passes (rows into a buffer, then columns) and the GPU per
 * pixel: the same integer sums either way. A warp without a turn (a zoom, a crop, a mirror)
 * widens its filter by the factor it shrinks the picture (up to MR_WARP_MAX_WIDEN), so it does
 * not alias; a turned one that shrinks averages n x n samples a pixel (n up to
 * MR_WARP_MAX_SAMPLES). */
#ifndef MR_WARP_PARAMS_H
#define MR_WARP_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

/* The filters, in the order of the operations' `filter` choices (engine/ops/warp.c). */
typedef enum { MR_WARP_BILINEAR, MR_WARP_BICUBIC, MR_WARP_LANCZOS, MR_WARP_NEAREST, MR_WARP_FILTERS } mr_warp_filter;
/* Their names, in that order: the choices of the operations' `filter` parameter. */
#define MR_WARP_FILTER_CHOICES "bilinear|bicubic|lanczos|nearest"
/* What they do, in words: the doc of the operations' `filter` parameter. */
#define MR_WARP_FILTER_DOC                                                                                         \
    "how the picture is resampled: \"bicubic\" (Catmull-Rom) and \"lanczos\" (Lanczos-3) are sharper, "         \
    "\"nearest\" keeps hard pixels; shrinking averages every pixel under the new one (no aliasing)"

#define MR_WARP_ONE (1 << 14)      /* 1 in positions, filter arguments and weights */
#define MR_WARP_MAX_WIDEN 16       /* a shrinking axis-aligned warp widens its filter this much at most */
#define MR_WARP_MAX_TAPS (6 * MR_WARP_MAX_WIDEN + 4) /* taps on one axis (Lanczos-3 widened) */
#define MR_WARP_MAX_SAMPLES 8      /* a shrinking turned warp: n x n samples a pixel at most */

typedef struct mr_warp_params {
    float m[6];     /* source point of a destination point: sx = m0 x + m1 y + m2, sy = m3 x + m4 y + m5
                     * (pixel centres at +0.5) */
    int sw, sh;     /* the source's size */
    int samples;    /* n x n samples a pixel: set by mr_warp_prepare */
    int filter;     /* mr_warp_filter; 0 (bilinear) in a zeroed struct */
    int clamp;      /* 0: transparent outside the source; 1: its edge texels repeat outward (a resize),
                     * for warps without a turn (mr_warp_prepare clears it for a turned one) */
    /* set by mr_warp_prepare (engine/kernels/cpu/warp.h) from the above, before either engine runs: */
    int64_t q[6];   /* m with 32 fractional bits */
    int32_t kx, ky; /* the filter's scale on each axis, 16 fractional bits: 1 << 16 as drawn,
                     * 1 << 12 widened 16 times */
    int axis;       /* no turn: each axis on its own (separable), one sample a pixel */
} mr_warp_params;

/* floor(a / b) for b > 0. */
static inline MR_HD int64_t mr_warp_floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return q - (a % b != 0 && a < 0);
}

/* Lanczos-3 (sinc(u) sinc(u/3)) on [k, k+1) as a polynomial in u - k, coefficients with 30
 * fractional bits, highest degree first (tests/tools/lanczos_fit.py; within 3.1e-5 of the formula
 * after rounding, exactly 1 at 0 and 0 at 1 and 2). */
#define MR_WARP_LANCZOS_P0 -9483109LL, 194861051LL, -592342188LL, 127196449LL, 1160611262LL, 8717557LL, \
    -1963334447LL, 31982LL, 1073741627LL
#define MR_WARP_LANCZOS_P1 24559650LL, -213446158LL, 506666021LL, -83312494LL, -936662347LL, 350444141LL, \
    1239753270LL, -888002357LL, 154LL
#define MR_WARP_LANCZOS_P2 -29608597LL, 173884197LL, -304361682LL, -24157240LL, 501371755LL, -182581607LL, \
    -356553689LL, 222006980LL, -78LL

/* A degree-8 polynomial (coefficients c[0] highest) at r / 2^14, with 14 fractional bits. */
static inline MR_HD int32_t mr_warp_poly8(int64_t r, int64_t c0, int64_t c1, int64_t c2, int64_t c3, int64_t c4,
                                          int64_t c5, int64_t c6, int64_t c7, int64_t c8)
{
    int64_t acc = c0;
    acc = ((acc * r) >> 14) + c1;
    acc = ((acc * r) >> 14) + c2;
    acc = ((acc * r) >> 14) + c3;
    acc = ((acc * r) >> 14) + c4;
    acc = ((acc * r) >> 14) + c5;
    acc = ((acc * r) >> 14) + c6;
    acc = ((acc * r) >> 14) + c7;
    acc = ((acc * r) >> 14) + c8;
    return (int32_t)((acc + (1 << 15)) >> 16);
}

/* The filter's support on each side, in 14-bit fixed point. */
static inline MR_HD int32_t mr_warp_radius(int filter)
{
    return filter == MR_WARP_NEAREST ? MR_WARP_ONE / 2 : filter == MR_WARP_BILINEAR ? MR_WARP_ONE
           : filter == MR_WARP_BICUBIC ? 2 * MR_WARP_ONE : 3 * MR_WARP_ONE;
}

/* The filter's kernel at a (14 fractional bits), with 14 fractional bits: a box for nearest
 * (-1/2 < a <= 1/2), a triangle for bilinear, Catmull-Rom's cubic (B = 0, C = 1/2) for
 * bicubic, Lanczos-3. */
static inline MR_HD int32_t mr_warp_kernel(int filter, int32_t a)
{
    int64_t x = a < 0 ? -(int64_t)a : a;
    switch (filter) {
    case MR_WARP_NEAREST:
        return a > -MR_WARP_ONE / 2 && a <= MR_WARP_ONE / 2 ? MR_WARP_ONE : 0;
    case MR_WARP_BICUBIC: /* 3/2 x^3 - 5/2 x^2 + 1 below 1, -1/2 x^3 + 5/2 x^2 - 4 x + 2 below 2, over 2^29 */
        if (x < MR_WARP_ONE)
            return (int32_t)((3 * x * x * x - 5 * (x * x << 14) + (1LL << 43) + (1 << 28)) >> 29);
        if (x < 2 * MR_WARP_ONE)
            return (int32_t)((-x * x * x + 5 * (x * x << 14) - (x << 31) + (1LL << 44) + (1 << 28)) >> 29);
        return 0;
    case MR_WARP_LANCZOS:
        if (x < MR_WARP_ONE)
            return mr_warp_poly8(x, MR_WARP_LANCZOS_P0);
        if (x < 2 * MR_WARP_ONE)
            return mr_warp_poly8(x - MR_WARP_ONE, MR_WARP_LANCZOS_P1);
        if (x < 3 * MR_WARP_ONE)
            return mr_warp_poly8(x - 2 * MR_WARP_ONE, MR_WARP_LANCZOS_P2);
        return 0;
    default: /* bilinear */
        return x < MR_WARP_ONE ? (int32_t)(MR_WARP_ONE - x) : 0;
    }
}

/* A filter scale k (16 fractional bits) held to 1/MR_WARP_MAX_WIDEN .. 1. */
static inline MR_HD int32_t mr_warp_held(int32_t k)
{
    return k < 65536 / MR_WARP_MAX_WIDEN ? 65536 / MR_WARP_MAX_WIDEN : k > 65536 ? 65536 : k;
}

/* How far the filter reaches on each side when scaled by k (held), 14 fractional bits. */
static inline MR_HD int64_t mr_warp_reach(int filter, int32_t k)
{
    int64_t r = mr_warp_radius(filter);
    return k == 65536 ? r : (r * 65536 + k - 1) / k;
}

/* The taps of one axis at source position s (14 fractional bits, texel centres on whole
 * numbers) for a filter scaled by k (16 fractional bits; 1 << 16: as drawn): writes the weights
 * of a window of texels into w (MR_WARP_MAX_TAPS), which sum to exactly MR_WARP_ONE (what
 * rounding leaves over goes to the first largest), and the window's first texel into *first.
 * Returns how many taps; 0 when the window misses texels 0 .. size-1 (transparent). The
 * weights depend on s, k and the filter alone, never on size, nor on how many texels with a
 * weight of 0 the window holds (they add nothing to the sum, and come before no largest one). */
static inline MR_HD int mr_warp_window(int filter, int32_t k, int64_t s, int size, int *first, int32_t *w)
{
    k = mr_warp_held(k);
    int64_t lo, hi, r = mr_warp_radius(filter) >> 14; /* (>> 14: floor, for negative numbers too) */
    if (k == 65536 && filter == MR_WARP_BILINEAR) { /* the usual case, at once: what the loop gives */
        lo = s >> 14;
        if (lo + 1 < 0 || lo >= size)
            return 0;
        w[1] = (int32_t)(s & (MR_WARP_ONE - 1));
        w[0] = MR_WARP_ONE - w[1];
        *first = (int)lo;
        return 2;
    }
    if (k == 65536 && filter == MR_WARP_NEAREST) { /* as drawn: the texels the kernel is not 0 on */
        lo = hi = (s + MR_WARP_ONE / 2) >> 14;
    } else if (k == 65536) {
        lo = (s >> 14) - r + 1, hi = (s >> 14) + r;
    } else { /* widened: the texels within its reach, and a few more where the kernel is 0 */
        int64_t reach = mr_warp_reach(filter, k);
        lo = (s - reach) >> 14, hi = ((s + reach) >> 14) + 1;
    }
    if (hi < 0 || lo >= size)
        return 0;
    int n = (int)(hi - lo + 1), top = 0;
    int64_t sum = 0;
    for (int i = 0; i < n; i++) {
        int64_t d = (lo + i) * MR_WARP_ONE - s;
        w[i] = mr_warp_kernel(filter, (int32_t)((d * k + 32768) >> 16));
        sum += w[i];
        top = w[i] > w[top] ? i : top;
    }
    if (sum <= 0)
        return 0;
    if (sum != MR_WARP_ONE) { /* normalise: each weight times 2^14 / sum, rounded */
        int64_t inv = mr_warp_floordiv(1LL << 44, sum), left = MR_WARP_ONE;
        for (int i = 0; i < n; i++) {
            w[i] = (int32_t)((w[i] * inv + (1 << 29)) >> 30);
            left -= w[i];
        }
        w[top] += (int32_t)left;
    }
    *first = (int)lo;
    return n;
}

/* mr_warp_window's taps without the zero weights at either end: from the first non-zero
 * weight to the last (the CPU's tables hold no more than that). */
static inline MR_HD int mr_warp_taps(int filter, int32_t k, int64_t s, int size, int *first, int32_t *w)
{
    int n = mr_warp_window(filter, k, s, size, first, w), a = 0;
    while (a < n && w[a] == 0)
        a++;
    while (n > a && w[n - 1] == 0)
        n--;
    for (int i = a; i < n; i++)
        w[i - a] = w[i];
    *first += a;
    return n - a;
}

/* A clamped warp's taps (n of them from texel *first, as mr_warp_taps gives them): the weight of
 * the taps before texel 0 moved onto texel 0, and of those past size - 1 onto size - 1, as if the
 * edge texels repeated outward. The sum stays exactly MR_WARP_ONE and the sums of mr_warp_sum
 * stay the same integers as with the edge texels repeated. Returns the taps left (at least 1
 * when n is). */
static inline MR_HD int mr_warp_fold(int size, int *first, int n, int32_t *w)
{
    int a = *first, last = a + n - 1;
    if (n == 0 || (a >= 0 && last < size))
        return n;
    int lo = a < 0 ? 0 : a, hi = last >= size ? size - 1 : last;
    if (hi < lo) /* every tap on one side of the source */
        lo = hi = last < 0 ? 0 : size - 1;
    int32_t below = 0, above = 0, all = 0;
    for (int i = 0; i < n; i++) {
        below += a + i <= lo ? w[i] : 0;
        above += a + i >= hi ? w[i] : 0;
        all += w[i];
    }
    for (int k = 1; k < hi - lo; k++)
        w[k] = w[lo - a + k];
    w[0] = hi == lo ? all : below;
    if (hi > lo)
        w[hi - lo] = above;
    *first = lo;
    return hi - lo + 1;
}

/* Source position (14 fractional bits, texel centres on whole numbers) of sample (si, sj) of n x n
 * in destination pixel (x, y): along x (vertical = 0) or y (vertical = 1). */
static inline MR_HD int64_t mr_warp_point(const mr_warp_params *k, int vertical, int x, int y, int si, int sj, int n)
{
    const int64_t *q = k->q + 3 * vertical;
    int64_t num = q[0] * (2 * (int64_t)n * x + 2 * si + 1) + q[1] * (2 * (int64_t)n * y + 2 * sj + 1) +
                  2 * n * q[2] - ((int64_t)n << 32);
    return n == 1 ? (num + (1 << 18)) >> 19 : mr_warp_floordiv(num + ((int64_t)n << 18), (int64_t)n << 19);
}

/* Position of destination column x (vertical = 0) or row y (vertical = 1) of an axis-aligned
 * warp: mr_warp_point's value for that pixel, which the other coordinate does not change. */
static inline MR_HD int64_t mr_warp_axis_point(const mr_warp_params *k, int vertical, int x)
{
    int64_t scale = vertical ? k->q[4] : k->q[0], shift = vertical ? k->q[5] : k->q[2];
    return (scale * (2 * (int64_t)x + 1) + 2 * shift - (1LL << 32) + (1 << 18)) >> 19;
}

/* Adds one sample's sum (the columns' taps wx from texel i0, each over the rows' taps wy from
 * texel j0) into h[4]: t_i and v of the header's formula, v before its rounding. */
static inline MR_HD void mr_warp_sum(const uint8_t *src, int stride, int sw, int sh, int i0, int nx, const int32_t *wx,
                                     int j0, int ny, const int32_t *wy, int64_t *h)
{
    if (i0 >= 0 && i0 + nx <= sw && j0 >= 0 && j0 + ny <= sh) { /* inside: the same sums without checks */
        const uint8_t *p0 = src + (long)j0 * stride + 4 * i0;
        for (int a = 0; a < nx; a++) {
            int32_t v[4] = {0, 0, 0, 0};
            for (int b = 0; b < ny; b++)
                for (int c = 0; c < 4; c++)
                    v[c] += wy[b] * p0[(long)b * stride + 4 * a + c];
            for (int c = 0; c < 4; c++)
                h[c] += (int64_t)wx[a] * ((v[c] + 128) >> 8);
        }
        return;
    }
    for (int a = 0; a < nx; a++) {
        int i = i0 + a;
        if (i < 0 || i >= sw)
            continue;
        int32_t v[4] = {0, 0, 0, 0};
        for (int b = 0; b < ny; b++) {
            int j = j0 + b;
            if (j < 0 || j >= sh)
                continue;
            const uint8_t *p = src + (long)j * stride + 4 * i;
            for (int c = 0; c < 4; c++)
                v[c] += wy[b] * p[c];
        }
        for (int c = 0; c < 4; c++)
            h[c] += (int64_t)wx[a] * ((v[c] + 128) >> 8);
    }
}

/* The packed premultiplied pixel of the sums h of n2 samples: their mean rounded, clamped to
 * 0..255, colour never above alpha. */
static inline MR_HD uint32_t mr_warp_pack(const int64_t *h, int64_t n2)
{
    int32_t v[4];
    for (int c = 0; c < 4; c++) {
        int64_t q = n2 == 1 ? (h[c] + (1 << 19)) >> 20 : mr_warp_floordiv(h[c] + (n2 << 19), n2 << 20);
        v[c] = q < 0 ? 0 : q > 255 ? 255 : (int32_t)q;
    }
    uint32_t out = (uint32_t)v[3] << 24;
    for (int c = 0; c < 3; c++)
        out |= (uint32_t)(v[c] > v[3] ? v[3] : v[c]) << (8 * c);
    return out;
}

/* Destination pixel (x, y) of the warp k (prepared) over src: packed premultiplied RGBA. */
static inline MR_HD uint32_t mr_warp_pixel(const mr_warp_params *k, const uint8_t *src, int stride, int x, int y)
{
    int32_t wx[MR_WARP_MAX_TAPS], wy[MR_WARP_MAX_TAPS];
    int64_t h[4] = {0, 0, 0, 0};
    int n = k->axis ? 1 : k->samples;
    for (int sj = 0; sj < n; sj++)
        for (int si = 0; si < n; si++) {
            int64_t sx = k->axis ? mr_warp_axis_point(k, 0, x) : mr_warp_point(k, 0, x, y, si, sj, n);
            int64_t sy = k->axis ? mr_warp_axis_point(k, 1, y) : mr_warp_point(k, 1, x, y, si, sj, n);
            int i0 = 0, j0 = 0;
            int nx = mr_warp_window(k->filter, k->kx, sx, k->sw, &i0, wx);
            int ny = nx ? mr_warp_window(k->filter, k->ky, sy, k->sh, &j0, wy) : 0;
            if (k->clamp && ny) {
                nx = mr_warp_fold(k->sw, &i0, nx, wx);
                ny = mr_warp_fold(k->sh, &j0, ny, wy);
            }
            if (ny)
                mr_warp_sum(src, stride, k->sw, k->sh, i0, nx, wx, j0, ny, wy, h);
        }
    return mr_warp_pack(h, (int64_t)n * n);
}

#endif
