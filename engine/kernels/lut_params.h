/* lut_params.h: a 3D colour LUT (a .cube file's table), trilinear, per pixel, shared by the CPU
 * loop (engine/kernels/cpu/lut.c) and its CUDA twin (cuda/lut.cu): plain C that nvcc reads too,
 * integers only, so both engines give the same bits.
 *
 * The grid holds n x n x n colours (red varying fastest, as in the file), each as 16-bit
 * values 0 .. 65535 (the file's 0 .. 1, clamped). Where an input value falls in the grid is
 * a table made once on the host from the file's domain: for channel ch and value v (0 .. 255),
 * pos[256 ch + v] = cell << 16 | fraction, the fraction in 1/4096 of a cell (0 .. 4096).
 * The colour is then three rounds of linear interpolation (red, green, blue), rounded to 8
 * bits, and mixed with the input by `amount`. An identity table gives the input back
 * exactly. Pixels are unpremultiplied first and premultiplied again by their own alpha. */
#ifndef MR_LUT_PARAMS_H
#define MR_LUT_PARAMS_H

#include <stdint.h>
#include "engine/kernels/key_params.h"

#define MR_LUT_FRAC_BITS 12
#define MR_LUT_FRAC_ONE (1 << MR_LUT_FRAC_BITS)

typedef struct mr_lut_params {
    int32_t n;              /* grid points a side (2 .. 256) */
    int32_t amount;         /* 0 .. 256: how much of the looked-up colour replaces the input's */
    const uint32_t *pos;    /* [3][256] positions (host or device memory, as the frame) */
    const uint16_t *grid;   /* n^3 entries of 4 values (r, g, b, unused): 8 bytes each */
} mr_lut_params;

/* a + (b - a) f / 4096, rounded, for 16-bit a, b and 0 <= f <= 4096. */
static inline MR_HD uint32_t mr_lut_lerp(uint32_t a, uint32_t b, uint32_t f)
{
    return (a * (MR_LUT_FRAC_ONE - f) + b * f + MR_LUT_FRAC_ONE / 2) >> MR_LUT_FRAC_BITS;
}

/* One channel of the trilinear lookup: q points at the channel in the cell's first corner; dg,
 * db are the steps to the next green and blue points. */
static inline MR_HD uint32_t mr_lut_cell(const uint16_t *q, long dg, long db, uint32_t fr, uint32_t fg, uint32_t fb)
{
    uint32_t x00 = mr_lut_lerp(q[0], q[4], fr), x10 = mr_lut_lerp(q[dg], q[dg + 4], fr);
    uint32_t x01 = mr_lut_lerp(q[db], q[db + 4], fr), x11 = mr_lut_lerp(q[db + dg], q[db + dg + 4], fr);
    uint32_t z = mr_lut_lerp(mr_lut_lerp(x00, x10, fg), mr_lut_lerp(x01, x11, fg), fb);
    return (z + 128) / 257; /* 65535 / 255 = 257 */
}

/* The colour c (0 .. 255 each, in place) looked up in grid by positions pos. */
static inline MR_HD void mr_lut_apply(int32_t *c, const uint32_t *pos, const uint16_t *grid, int32_t n,
                                      int32_t amount)
{
    uint32_t pr = pos[c[0]], pg = pos[256 + c[1]], pb = pos[512 + c[2]];
    uint32_t fr = pr & 0xffff, fg = pg & 0xffff, fb = pb & 0xffff;
    long dg = 4L * n, db = 4L * n * n;
    const uint16_t *q = grid + ((long)(pb >> 16) * n + (pg >> 16)) * dg + (long)(pr >> 16) * 4;
    int32_t r = (int32_t)mr_lut_cell(q, dg, db, fr, fg, fb), g = (int32_t)mr_lut_cell(q + 1, dg, db, fr, fg, fb);
    int32_t b = (int32_t)mr_lut_cell(q + 2, dg, db, fr, fg, fb);
    if (amount != 256) {
        r = (c[0] * (256 - amount) + r * amount + 128) >> 8;
        g = (c[1] * (256 - amount) + g * amount + 128) >> 8;
        b = (c[2] * (256 - amount) + b * amount + 128) >> 8;
    }
    c[0] = r;
    c[1] = g;
    c[2] = b;
}

/* Packed premultiplied pixel p through the LUT k. */
static inline MR_HD uint32_t mr_lut_pixel(uint32_t p, const mr_lut_params *k)
{
    int32_t a = (int32_t)(p >> 24), c[3];
    if (a == 255) { /* opaque: no division */
        c[0] = (int32_t)(p & 255);
        c[1] = (int32_t)(p >> 8 & 255);
        c[2] = (int32_t)(p >> 16 & 255);
        mr_lut_apply(c, k->pos, k->grid, k->n, k->amount);
        return 0xff000000u | (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16;
    }
    if (a == 0)
        return 0;
    mr_key_unpremul(p, a, c);
    mr_lut_apply(c, k->pos, k->grid, k->n, k->amount);
    return mr_key_pack(c, a, 255);
}

#endif
