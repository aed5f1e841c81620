/* kernels.h: the CUDA kernels, callable from C. Each launches on `stream` and returns 0 or
 * a cudaError_t code (the launch's; execution errors surface at the next synchronisation).
 * Pointers are device pointers. The arithmetic is that of the CPU twins in engine/kernels/cpu/,
 * through the shared parameters of engine/kernels/kernel_params.h. */
#ifndef MR_CUDA_KERNELS_H
#define MR_CUDA_KERNELS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"
#include "engine/kernels/warp_params.h"
#include "engine/kernels/blur_params.h"
#include "engine/kernels/morph_params.h"
#include "engine/kernels/key_params.h"
#include "engine/kernels/yuva_params.h"
#include "engine/kernels/color_params.h"
#include "engine/kernels/lut_params.h"
#include "engine/kernels/coverage_params.h"
#include "engine/kernels/shape_params.h"
#include "engine/kernels/transition_params.h"
#include "engine/kernels/detail_params.h"
#include "engine/kernels/conv3_params.h"
#include "engine/kernels/frame_mix_params.h"

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

/* color.cu: the colour transform in place (mr_color_pixel). */
int mr_cu_color(uint8_t *p, int stride, int w, int h, const mr_color_params *k, mr_cu_stream stream);

/* lut.cu: a 3D LUT in place (mr_lut_pixel; k's tables in device memory). */
int mr_cu_lut(uint8_t *p, int stride, int w, int h, const mr_lut_params *k, mr_cu_stream stream);

/* coverage.cu: mask arithmetic, mr_cov_pixel over every pixel (b may be NULL). */
int mr_cu_coverage(uint8_t *dst, int dst_stride, const uint8_t *a, int a_stride, const uint8_t *b, int b_stride,
                   int w, int h, mr_cov_op op, unsigned v, mr_cu_stream stream);

/* blur.cu: the Gaussian blur of src into dst (w x h) by the kernels kx across and ky down;
 * tmp holds w x h x 4 uint16 (the horizontal pass, 8.8 fixed point), then the box passes'
 * lines in device memory where they want some (mr_blur_box_global_bytes). */
int mr_cu_blur(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
               const mr_blur_taps *kx, const mr_blur_taps *ky, uint16_t *tmp, mr_cu_stream stream);

/* blur_box.cu: kx's box passes across src into tmp (w x h x 4, 8.8), ky's down tmp into dst;
 * lines: room for the lines too long for shared memory (mr_blur_box_global_bytes), or NULL
 * where none is. mr_cu_blur calls them for kernels with box passes. */
int mr_cu_blur_box_rows(const uint8_t *src, int src_stride, int w, int h, const mr_blur_taps *kx,
                        uint16_t *tmp, uint16_t *lines, mr_cu_stream stream);
int mr_cu_blur_box_cols(const uint16_t *tmp, int w, int h, const mr_blur_taps *ky, uint8_t *dst,
                        int dst_stride, uint16_t *lines, mr_cu_stream stream);

/* morph.cu: each channel's maximum (k->grow) or minimum over the disc of k into dst (w x h);
 * tmp holds mr_morph_levels(k, w) x w x h packed pixels (running extremes). */
int mr_cu_morph(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                const mr_morph_params *k, uint32_t *tmp, mr_cu_stream stream);

/* shape.cu: a shape's coverage (mr_shape_coverage in all four channels), and a gradient's
 * colours along a linear or radial ramp (mr_gradient_pixel), over every pixel. */
int mr_cu_shape(uint8_t *dst, int stride, int w, int h, const mr_shape_params *s, mr_cu_stream stream);
int mr_cu_gradient(uint8_t *dst, int stride, int w, int h, const mr_shape_params *s, const mr_gradient_stops *g,
                   mr_cu_stream stream);

/* frame_mix.cu: dst (w x h) = the weighted sum of the k->n frames src[i] (mr_frame_mix_pixel); src and
 * src_stride are host arrays of k->n device pointers and their strides. */
int mr_cu_frame_mix(const uint8_t *const *src, const int *src_stride, uint8_t *dst, int dst_stride, int w, int h,
                    const mr_mix_params *k, mr_cu_stream stream);

/* detail.cu: the detail effects: dst = mr_detail_pixel of src (and b, the second picture of
 * sharpen and glow, else NULL) over every pixel, dst may be src; the 3x3 effects of src into
 * dst (mr_conv3_pixel); pixelate's block means in place, tmp holding 16 nbx h + 4 nbx nby
 * bytes (nbx, nby: the blocks across and down). */
int mr_cu_detail(uint8_t *dst, int dst_stride, const uint8_t *src, int src_stride, const uint8_t *b, int b_stride,
                 int w, int h, const mr_detail_params *k, mr_cu_stream stream);
int mr_cu_conv3(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                const mr_conv3_params *k, mr_cu_stream stream);
int mr_cu_pixelate(uint8_t *p, int stride, int w, int h, int size, void *tmp, mr_cu_stream stream);

/* transition.cu: b over a by a transition's coverage (mr_tr_coverage) into dst (may be a);
 * map: the MAP shape's grey picture, else NULL. */
int mr_cu_transition(uint8_t *dst, int dst_stride, const uint8_t *a, int a_stride, const uint8_t *b, int b_stride,
                     const uint8_t *map, int map_stride, int w, int h, const mr_tr_params *k, mr_cu_stream stream);

#ifdef __cplusplus
}
#endif

#endif
