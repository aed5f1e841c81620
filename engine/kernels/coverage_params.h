/* coverage_params.h: the per-pixel arithmetic of masks, shared by the CPU loop
 * (engine/kernels/cpu/coverage.c) and its CUDA twin (cuda/coverage.cu): plain C that nvcc reads
 * too. A mask's frame holds its coverage in all four channels (premultiplied white), so one
 * rule per channel serves a mask and a picture alike: a picture times a mask is MR_COV_MUL. */
#ifndef MR_COVERAGE_PARAMS_H
#define MR_COVERAGE_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

typedef enum {
    MR_COV_MUL,       /* a * b: a picture masked, or the intersection of two masks */
    MR_COV_SCREEN,    /* a + b - a * b: the union of two masks */
    MR_COV_SUB,       /* a * (1 - b): a with b taken out */
    MR_COV_MAX,
    MR_COV_MIN,
    MR_COV_INVERT,    /* 1 - a (b unused) */
    MR_COV_THRESHOLD, /* 1 where a >= v/255, else 0 (b unused) */
    MR_COV_LUMA,      /* the coverage of a picture: its luma (BT.709, premultiplied: transparent is 0) */
    MR_COV_ALPHA,     /* ... its alpha */
    MR_COV_RED,       /* ... one of its channels */
    MR_COV_GREEN,
    MR_COV_BLUE,
} mr_cov_op;

/* One coverage value c in all four channels. */
static inline MR_HD uint32_t mr_cov_splat(uint32_t c) { return c * 0x01010101u; }

/* Pixel a (premultiplied RGBA) under op, with b's coverage (its alpha) for the two-mask
 * rules and v for the threshold. Channel by channel, rounded once (mr_div255). */
static inline MR_HD uint32_t mr_cov_pixel(mr_cov_op op, uint32_t a, uint32_t b, uint32_t v)
{
    uint32_t cb = b >> 24, out = 0;
    switch (op) {
    case MR_COV_INVERT: return mr_cov_splat(255 - (a >> 24));
    case MR_COV_THRESHOLD: return (a >> 24) >= v ? 0xffffffffu : 0;
    case MR_COV_LUMA: /* 0.2126, 0.7152, 0.0722 in 256ths: 54 + 183 + 19 = 256 */
        return mr_cov_splat((54 * (a & 255) + 183 * ((a >> 8) & 255) + 19 * ((a >> 16) & 255) + 128) >> 8);
    case MR_COV_ALPHA: return mr_cov_splat(a >> 24);
    case MR_COV_RED: return mr_cov_splat(a & 255);
    case MR_COV_GREEN: return mr_cov_splat((a >> 8) & 255);
    case MR_COV_BLUE: return mr_cov_splat((a >> 16) & 255);
    default: break;
    }
    for (int s = 0; s < 32; s += 8) {
        uint32_t ca = (a >> s) & 255, c;
        switch (op) {
        case MR_COV_MUL: c = mr_div255(ca * cb); break;
        case MR_COV_SCREEN: c = ca + cb - mr_div255(ca * cb); break;
        case MR_COV_SUB: c = mr_div255(ca * (255 - cb)); break;
        case MR_COV_MAX: c = ca > cb ? ca : cb; break;
        default: c = ca < cb ? ca : cb; break; /* MR_COV_MIN */
        }
        out |= c << s;
    }
    return out;
}

/* Whether op reads a second frame. */
static inline MR_HD int mr_cov_binary(mr_cov_op op) { return op <= MR_COV_MIN; }

#endif
