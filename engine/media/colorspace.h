/* colorspace.h: which matrix and range a picture uses, and the kernel coefficients for them. */
#ifndef MR_COLORSPACE_H
#define MR_COLORSPACE_H

#include <stdbool.h>
#include "engine/kernels/kernel_params.h"

typedef enum { MR_MATRIX_BT601, MR_MATRIX_BT709, MR_MATRIX_BT2020 } mr_matrix;

/* Coefficients to turn `bits`-deep YUV of `m` (full or limited range) into 8-bit RGB. */
mr_yuv2rgb_params mr_yuv2rgb_params_make(mr_matrix m, bool full_range, int bits);

/* Coefficients to turn 8-bit RGB into `bits`-deep limited-range YUV of `m`. */
mr_rgb2yuv_params mr_rgb2yuv_params_make(mr_matrix m, int bits);

/* Name for messages: "bt709". */
const char *mr_matrix_name(mr_matrix m);

#endif
