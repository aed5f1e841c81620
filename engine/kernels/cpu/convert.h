/* convert.h: colour conversion between decoded/encoded YUV and the working RGBA (CPU twin
 * of cuda/convert.cu). Coefficients come from engine/colorspace.h. */
#ifndef MR_CPU_CONVERT_H
#define MR_CPU_CONVERT_H

#include <stdint.h>
#include "engine/core/frame.h"
#include "engine/kernels/kernel_params.h"


/* Converts rows [y0, y1) of src into dst (same size) as opaque RGBA. */
void mr_cpu_yuv_to_rgba(const mr_yuv_image *src, const mr_yuv2rgb_params *k, mr_frame *dst, int y0, int y1);

/* Converts src into 4:2:0 dst (planar or semi-planar, 8 or 16-bit per k->depth). dst may be
 * larger than src by padding to even sizes: the last column and row are repeated. Rows of
 * dst from y0 to y1 (both even) are written. */
void mr_cpu_rgba_to_yuv420(const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuv_image *dst, int y0, int y1);

#endif
