/* key_params.h: chroma and luma keys, per pixel, shared by the CPU loop
 * (engine/kernels/cpu/key.c) and its CUDA twin (cuda/key.cu): plain C that nvcc reads too,
 * integers only, so both engines give the same bits. The host turns an operation's numbers
 * into one mr_key_params once a frame (mr_chromakey_params_make, mr_lumakey_params_make in
 * engine/kernels/k_key.h).
 *
 * Chroma key (as ffmpeg's chromakey, per pixel rather than over a 3x3 neighbourhood): the
 * distance between the pixel's chroma and the key colour's, in BT.709's U, V,
 *     diff = sqrt(dU^2 + dV^2) / (255 sqrt 2)             (0 .. 1, 8-bit U and V)
 * makes the alpha 0 up to `similarity`, then a ramp to 1 over `blend` (a hard edge with
 * blend 0). Spill suppression then pulls the key colour's main channel (green for a green
 * screen) of what is kept towards the larger of the other two, by `spill`:
 *     g' = g - spill * max(0, g - max(r, b))
 * (the classic "limit green to max(red, blue)" despill; a grey key has no cast to remove).
 *
 * Luma key: the pixel's BT.709 luma Y (0 .. 1) inside [low, high] becomes transparent; with
 * `soft` > 0 the alpha ramps from 0 at the band's edge to 1 at `soft` beyond it. ffmpeg's
 * lumakey (threshold, tolerance, softness) is low = threshold - tolerance, high = threshold +
 * tolerance, soft = softness.
 *
 * Both read the unpremultiplied colour of a see-through pixel, multiply its alpha by the
 * key's, and write premultiplied RGBA. */
#ifndef MR_KEY_PARAMS_H
#define MR_KEY_PARAMS_H

#include <stdint.h>
#include "engine/kernels/isqrt.h"
#include "engine/kernels/kernel_params.h"

#define MR_KEY_UV_SHIFT 14       /* U, V coefficients: 14 fractional bits */
#define MR_KEY_Y_SHIFT 16        /* luma coefficients: 16 fractional bits */

/* BT.709 (Kr 0.2126, Kb 0.0722): U = (B - Y) / 1.8556, V = (R - Y) / 1.5748, and Y. */
#define MR_KEY_UR (-1877)        /* -0.114572 */
#define MR_KEY_UG (-6315)        /* -0.385428 */
#define MR_KEY_UB 8192           /*  0.5      */
#define MR_KEY_VR 8192           /*  0.5      */
#define MR_KEY_VG (-7441)        /* -0.454153 */
#define MR_KEY_VB (-751)         /* -0.045847 */
#define MR_KEY_YR 13933          /*  0.2126 (the three sum to 65536) */
#define MR_KEY_YG 46871          /*  0.7152 */
#define MR_KEY_YB 4732           /*  0.0722 */

/* A chroma key or a luma key. */
typedef struct mr_key_params {
    int32_t luma;            /* 0: the chroma key, 1: the luma key */
    /* chroma */
    int32_t key_u, key_v;    /* the key colour's U, V (MR_KEY_UV_SHIFT fractional bits, no offset) */
    int64_t sim, blend;      /* similarity and blend as distances in those units */
    int64_t near2, far2;     /* (sim + 1)^2: below, transparent; (sim + blend)^2: from there, kept */
    int32_t spill;           /* 0 .. 256 */
    int32_t key_ch;          /* the key's main channel (0 r, 1 g, 2 b), or -1: no spill to remove */
    /* luma */
    int64_t low, high, soft; /* Y thresholds, times 255 << MR_KEY_Y_SHIFT */
} mr_key_params;

/* U and V of an 8-bit RGB colour (MR_KEY_UV_SHIFT fractional bits, centred on 0). */
static inline MR_HD void mr_key_uv(int32_t r, int32_t g, int32_t b, int32_t *u, int32_t *v)
{
    *u = MR_KEY_UR * r + MR_KEY_UG * g + MR_KEY_UB * b;
    *v = MR_KEY_VR * r + MR_KEY_VG * g + MR_KEY_VB * b;
}

/* The unpremultiplied colour of packed premultiplied p with alpha a > 0, into c[3]. */
static inline MR_HD void mr_key_unpremul(uint32_t p, int32_t a, int32_t *c)
{
    for (int i = 0; i < 3; i++) {
        int32_t v = (int32_t)((p >> (8 * i)) & 255);
        v = a == 255 ? v : (v * 255 + a / 2) / a;
        c[i] = v > 255 ? 255 : v;
    }
}

/* Packed premultiplied pixel of unpremultiplied colour c at alpha a times key alpha k/255. */
static inline MR_HD uint32_t mr_key_pack(const int32_t *c, int32_t a, int32_t k)
{
    uint32_t ao = mr_div255((uint32_t)(a * k)), out = ao << 24;
    for (int i = 0; i < 3; i++) {
        uint32_t v = mr_div255((uint32_t)c[i] * ao);
        out |= (v < ao ? v : ao) << (8 * i);
    }
    return out;
}

/* The chroma key's alpha (0 .. 255) for colour c. */
static inline MR_HD int32_t mr_chromakey_alpha(const int32_t *c, const mr_key_params *k)
{
    int32_t u, v;
    mr_key_uv(c[0], c[1], c[2], &u, &v);
    int64_t du = u - k->key_u, dv = v - k->key_v, d2 = du * du + dv * dv;
    if (d2 < k->near2)
        return 0;
    if (d2 >= k->far2)
        return 255;
    int64_t r = (int64_t)mr_isqrt((uint64_t)d2) - k->sim; /* 1 .. blend - 1 */
    return (int32_t)((r * 255 + k->blend / 2) / k->blend);
}

/* The luma key's alpha (0 .. 255) for colour c. */
static inline MR_HD int32_t mr_lumakey_alpha(const int32_t *c, const mr_key_params *k)
{
    int64_t y = (int64_t)(MR_KEY_YR * c[0] + MR_KEY_YG * c[1] + MR_KEY_YB * c[2]);
    int64_t below = k->low - y, above = y - k->high, out = below > above ? below : above;
    if (out <= 0)
        return 0;
    if (out >= k->soft)
        return 255;
    return (int32_t)((out * 255 + k->soft / 2) / k->soft);
}

/* Packed premultiplied pixel p keyed by k (spill taken off first where k says). */
static inline MR_HD uint32_t mr_key_pixel(uint32_t p, const mr_key_params *k)
{
    int32_t a = (int32_t)(p >> 24), c[3];
    if (a == 0)
        return 0;
    mr_key_unpremul(p, a, c);
    int32_t ka = k->luma ? mr_lumakey_alpha(c, k) : mr_chromakey_alpha(c, k);
    if (k->key_ch >= 0 && k->spill > 0) {
        int32_t o1 = c[(k->key_ch + 1) % 3], o2 = c[(k->key_ch + 2) % 3], lim = o1 > o2 ? o1 : o2;
        int32_t over = c[k->key_ch] - lim;
        if (over > 0)
            c[k->key_ch] -= (over * k->spill + 128) >> 8;
    }
    return mr_key_pack(c, a, ka);
}

#endif
