/* blur.h: the Gaussian blur on the CPU (twin of cuda/blur.cu; the arithmetic is
 * engine/kernels/blur_params.h's). */
#ifndef MR_CPU_BLUR_H
#define MR_CPU_BLUR_H

#include <stdbool.h>
#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/blur_params.h"

/* Blurs host frame src into dst (the same size, another frame) by the kernels kx across and
 * ky down: the two passes below (or blur_box.h's, for a kernel with box passes), on all rows,
 * through a 16-bit buffer from ev's scratch.
 * Returns 0, or -1 with ev->err set when that buffer cannot be had. */
int mr_cpu_blur(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_blur_taps *kx, const mr_blur_taps *ky);

/* The horizontal pass over rows [y0, y1) of src into mid (4 w values a row, 8.8 fixed
 * point); pad is the caller's room for 4 (w + 2 kx->radius) values. Rows are independent:
 * threads may share the work out by rows, each with its own pad. Cannot fail. */
void mr_cpu_blur_rows(const mr_frame *src, const mr_blur_taps *kx, uint16_t *mid, int y0, int y1, uint16_t *pad);

/* The vertical pass: rows [y0, y1) of dst from mid (all dst->h rows of it, finished).
 * Cannot fail. */
void mr_cpu_blur_cols(const uint16_t *mid, const mr_blur_taps *ky, mr_frame *dst, int y0, int y1);

/* Whether the AVX2 loops may run where the machine has them (on by default): tests turn them
 * off to check that the plain loops give the same bits. */
void mr_cpu_blur_use_simd(bool on);

/* Whether the AVX2 loops run: wanted (above) and the machine has them. */
bool mr_cpu_blur_simd(void);

#endif
