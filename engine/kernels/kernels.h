/* kernels.h: drawing on frames wherever the evaluation runs: the CPU kernels (engine/kernels/cpu/)
 * when ev->gpu is NULL, their CUDA twins (cuda/) on the pipeline's stream otherwise. Frames
 * passed in must live where ev works (mr_clip_picture moves a source's host picture to the
 * GPU for a GPU evaluation). Each returns 0 (or a frame), or -1 (NULL) with ev->err set. */
#ifndef MR_KERNELS_H
#define MR_KERNELS_H

#include <stdbool.h>
#include <stdint.h>
#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/kernel_params.h"
#include "engine/kernels/warp_params.h"
#include "engine/kernels/yuva_params.h"

/* A new frame where ev works (undefined pixels). */
mr_frame *mr_k_new(mr_eval *ev, int w, int h);

int mr_k_fill(mr_eval *ev, mr_frame *f, uint32_t premul);
int mr_k_over(mr_eval *ev, mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity);
/* Mixes f with the premultiplied colour c: f*k/255 + c*(255-k)/255 (opacity, fades). */
int mr_k_mix(mr_eval *ev, mr_frame *f, unsigned k, uint32_t c);
int mr_k_copy_rect(mr_eval *ev, mr_frame *dst, const mr_frame *src, int sx, int sy, int w, int h);
/* src resampled to dst's size by filter (mr_warp_filter), its edge texels repeated outward: the
 * warp's arithmetic, so both engines give the same bits. A shrink past MR_WARP_MAX_WIDEN times
 * goes in steps. Returns 0, or -1 with ev->err set. */
int mr_k_resize(mr_eval *ev, const mr_frame *src, mr_frame *dst, int filter);

/* Turns and mirrors src into dst (its shown size, in the same memory) as k says. */
int mr_k_orient(mr_eval *ev, const mr_frame *src, const mr_orient_params *k, mr_frame *dst);

/* dst drawn from src by the affine warp k (rotations, scales, mirrors, crops, sub-pixel moves),
 * resampled by k's filter: the caller fills m, sw, sh and filter, the rest is prepared here.
 * Returns 0, or -1 with ev->err set (no memory for the CPU's tables, a CUDA error). */
int mr_k_warp(mr_eval *ev, const mr_frame *src, const mr_warp_params *k, mr_frame *dst);

/* YUV planes (in ev's memory: device pointers for the GPU) into dst. */
int mr_k_yuv_to_rgba(mr_eval *ev, const mr_yuv_image *src, const mr_yuv2rgb_params *k, mr_frame *dst);

/* src into 4:2:0 planes dst (in src's memory), padding odd sizes with the edge. */
int mr_k_rgba_to_yuv420(mr_eval *ev, const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuv_image *dst);

/* src into YUV planes with alpha dst (in src's memory; the matrix k at the planes' depth),
 * straight colour as alpha formats hold it, padding odd sizes with the edge. */
int mr_k_rgba_to_yuva(mr_eval *ev, const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuva_image *dst);

/* Replaces the host frame *f by a copy on the GPU (the caller's reference moves to it). */
int mr_k_to_device(mr_eval *ev, mr_frame **f);

/* A host copy of a GPU frame, copied on g's stream (the lane that made f) and waited for;
 * NULL with err set on failure. */
mr_frame *mr_k_to_host(const struct mr_gpu *g, const mr_frame *f, mr_err *err);

/* Device scratch of at least `bytes` for ev's own use (slot 0: resampling, blur, morphology
 * (k_blur.h, k_morph.h), pixelate (k_detail.h), each only for the span of one call; 1: uploads,
 * 2: pictures for the encoder),
 * kept and reused by ev, so steady-state evaluation allocates nothing. */
void *mr_eval_gpu_scratch(mr_eval *ev, int slot, size_t bytes);

#endif
