/* kernels.h: the CUDA kernels, callable from C. Each launches on `stream` and returns 0 or
 * a cudaError_t code (the launch's; execution errors surface at the next synchronisation).
 * Pointers are device pointers. The arithmetic is that of the CPU twins in engine/cpu/,
 * through the shared parameters of engine/kernel_params.h. */
#ifndef MR_CUDA_KERNELS_H
#define MR_CUDA_KERNELS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"
#include "engine/kernels/warp_params.h"
#include "engine/kernels/blur_params.h"
#include "engine/kernels/morph_params.h"
#include "engine/kernels/key_params.h"
#include "engine/kernels/yuva_params.h"
#include "engine/kernels/coverage_params.h"
#include "engine/kernels/shape_params.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct CUstream_st *mr_cu_stream;

/* convert.cu: YUV (planar, NV12, P010, 8/10-bit) -> RGBA, and RGBA -> 4:2:0 YUV (planar or
 * semi-planar, 8-bit or P010), padding with the edge as the CPU kernel does. */
int mr_cu_yuv_to_rgba(const mr_yuv_image *src, const mr_yuv2rgb_params *k, uint8_t *dst, int dst_stride,
                      mr_cu_stream stream);
int mr_cu_rgba_to_yuv420(const uint8_t *src, int src_stride, int sw, int sh, const mr_rgb2yuv_params *k,
                         const mr_yuv_image *dst, mr_cu_stream stream);

/* blend.cu: premultiplied RGBA drawing. */
int mr_cu_over(uint8_t *dst, int dst_stride, int dw, int dh, const uint8_t *src, int src_stride, int sw, int sh,
               int x, int y, unsigned opacity, mr_cu_stream stream);
int mr_cu_mix(uint8_t *p, int stride, int w, int h, unsigned k, uint32_t c, mr_cu_stream stream);
int mr_cu_fill(uint8_t *p, int stride, int w, int h, uint32_t premul, mr_cu_stream stream);

/* yuva.cu: premultiplied RGBA (sw x sh) into YUV planes with alpha (mr_yuva_block). */
int mr_cu_rgba_to_yuva(const uint8_t *src, int src_stride, int sw, int sh, const mr_rgb2yuv_params *k,
                       const mr_yuva_image *dst, mr_cu_stream stream);

/* orient.cu: the dw x dh shown picture from the stored one, turned and mirrored by k. */
int mr_cu_orient(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int dw, int dh,
                 const mr_orient_params *k, mr_cu_stream stream);

/* warp.cu: the dw x dh picture of the affine warp k over src. */
int mr_cu_warp(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int dw, int dh,
               const mr_warp_params *k, mr_cu_stream stream);

/* blend_modes.cu: src drawn onto dst at (x, y) by a blend mode (mr_blend_mode_pixel). */
int mr_cu_blend_mode(uint8_t *dst, int dst_stride, int dw, int dh, const uint8_t *src, int src_stride, int sw,
                     int sh, int x, int y, unsigned opacity, int mode, mr_cu_stream stream);

/* key.cu: a chroma or luma key in place (mr_key_pixel). */
int mr_cu_key(uint8_t *p, int stride, int w, int h, const mr_key_params *k, mr_cu_stream stream);

/* coverage.cu: mask arithmetic, mr_cov_pixel over every pixel (b may be NULL). */
int mr_cu_coverage(uint8_t *dst, int dst_stride, const uint8_t *a, int a_stride, const uint8_t *b, int b_stride,
                   int w, int h, mr_cov_op op, unsigned v, mr_cu_stream stream);

/* blur.cu: the Gaussian blur of src into dst (w x h) by the kernels kx across and ky down;
 * tmp holds w x h x 4 uint16 (the horizontal pass, 8.8 fixed point). */
int mr_cu_blur(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
               const mr_blur_taps *kx, const mr_blur_taps *ky, uint16_t *tmp, mr_cu_stream stream);

/* morph.cu: each channel's maximum (k->grow) or minimum over the disc of k into dst (w x h);
 * tmp holds mr_morph_levels(k, w) x w x h packed pixels (running extremes). */
int mr_cu_morph(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                const mr_morph_params *k, uint32_t *tmp, mr_cu_stream stream);

/* shape.cu: a shape's coverage (mr_shape_coverage in all four channels), and a gradient's
 * colours along a linear or radial ramp (mr_gradient_pixel), over every pixel. */
int mr_cu_shape(uint8_t *dst, int stride, int w, int h, const mr_shape_params *s, mr_cu_stream stream);
int mr_cu_gradient(uint8_t *dst, int stride, int w, int h, const mr_shape_params *s, const mr_gradient_stops *g,
                   mr_cu_stream stream);

#ifdef __cplusplus
}
#endif

#endif
