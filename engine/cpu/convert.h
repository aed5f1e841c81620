/* convert.h: colour conversion between decoded/encoded YUV and the working RGBA (CPU twin
 * of cuda/convert.cu). Coefficients come from engine/colorspace.h. */
#ifndef MR_CPU_CONVERT_H
#define MR_CPU_CONVERT_H

#include <stdint.h>
#include "engine/frame.h"
#include "engine/kernel_params.h"

/* A YUV picture as planes: 8-bit or 16-bit samples, planar or with interleaved UV (NV12, P010). */
typedef struct mr_yuv_image {
    uint8_t *plane[3];
    int stride[3];
    int w, h;
    int cshift_x, cshift_y; /* chroma subsampling: 1, 1 for 4:2:0 */
    int bytes;              /* 1: 8-bit samples; 2: 16-bit containers */
    int down;               /* right shift of 16-bit samples (6 for P010, 0 for yuv420p10) */
    int semi;               /* U and V interleaved in plane[1] */
} mr_yuv_image;

/* Converts rows [y0, y1) of src into dst (same size) as opaque RGBA. */
void mr_cpu_yuv_to_rgba(const mr_yuv_image *src, const mr_yuv2rgb_params *k, mr_frame *dst, int y0, int y1);

/* Converts src into 4:2:0 dst (planar or semi-planar, 8 or 16-bit per k->depth). dst may be
 * larger than src by padding to even sizes: the last column and row are repeated. Rows of
 * dst from y0 to y1 (both even) are written. */
void mr_cpu_rgba_to_yuv420(const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuv_image *dst, int y0, int y1);

#endif
