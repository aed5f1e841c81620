/* k_color.h: the colour transform and the 3D LUT wherever the evaluation runs (kernels.h's
 * rules). What their parameters mean is in color_params.h and lut_params.h; the colour
 * effects build them (engine/ops/color_build.c, engine/ops/lut.c). */
#ifndef MR_K_COLOR_H
#define MR_K_COLOR_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/color_params.h"
#include "engine/kernels/lut_params.h"
#include <stddef.h>

/* Transforms f in place by k (a writable frame where ev works; its alpha and f->opaque stay).
 * Returns 0, or -1 with ev->err set. */
int mr_k_color(mr_eval *ev, mr_frame *f, const mr_color_params *k);

/* A LUT's positions (lut_params.h) for a grid of n points a side (2 .. 256) standing for the
 * inputs lo[ch] .. hi[ch] (lo < hi) of each channel; inputs outside take the grid's ends. */
void mr_lut_positions(int n, const float *lo, const float *hi, uint32_t pos[3 * 256]);

/* A LUT's grid from cells rows of r, g, b (0 .. 1; kept inside) into grid (cells x 4). */
void mr_lut_grid(const float *rgb, size_t cells, uint16_t *grid);

/* Looks f up in place in the LUT k (a writable frame where ev works; k's tables in the same
 * memory as f: host or device). Returns 0, or -1 with ev->err set. */
int mr_k_lut(mr_eval *ev, mr_frame *f, const mr_lut_params *k);

#endif
