/* k_detail.h: the detail effects' kernels wherever the evaluation runs (kernels.h's rules):
 * the per-pixel ones (detail_params.h: vignette, noise, glow's bright pass, sharpen's and
 * glow's combination), the 3x3 ones (conv3_params.h: edge, emboss) and pixelate
 * (pixelate_params.h); and their parameters from an operation's numbers, made once a frame. */
#ifndef MR_K_DETAIL_H
#define MR_K_DETAIL_H

#include <stdbool.h>
#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/conv3_params.h"
#include "engine/kernels/detail_params.h"
#include "engine/kernels/pixelate_params.h"

/* The vignette of a w x h frame: no darkening inside `inner`, the most (1 - amount of the
 * colour left) from `outer` on, a smoothstep between; distances on the ellipse that fits the
 * frame, 0 at the centre, 1 at the corners. amount is kept inside 0 .. 1; outer at or below
 * inner is a hard edge at inner. */
mr_detail_params mr_vignette_params_make(int w, int h, double amount, double inner, double outer);

/* Noise of the largest deviation amount (0 .. 1 of the full range, kept inside) for frame
 * number `frame` and `seed`; mono: one number for r, g and b. */
mr_detail_params mr_noise_params_make(double amount, int64_t frame, uint32_t seed, bool mono);

/* Glow's bright pass: pixels whose luma (0 .. 1) is past threshold, more so the brighter. */
mr_detail_params mr_bright_params_make(double threshold);

/* Sharpen's combination with the blurred picture, by amount; glow's with the blurred
 * bright copy by amount (each kept inside 0 .. 64). */
mr_detail_params mr_sharpen_params_make(double amount);
mr_detail_params mr_glow_params_make(double amount);

/* edge or emboss with the gain amount (kept inside 0 .. 16). */
mr_conv3_params mr_conv3_params_make(mr_conv3_op op, double amount);

/* dst becomes k's effect of src (dst may be src: in place; else another frame of its size
 * in the same memory); b, of src's size and memory, is sharpen's blurred picture or glow's
 * blurred bright copy, else NULL. Returns 0, or -1 with ev->err set. */
int mr_k_detail(mr_eval *ev, mr_frame *dst, const mr_frame *src, const mr_frame *b, const mr_detail_params *k);

/* dst (another frame of src's size, in its memory) becomes k's 3x3 effect of src. Returns 0,
 * or -1 with ev->err set. */
int mr_k_conv3(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_conv3_params *k);

/* Writable f pixelated in place by blocks of size pixels (1 .. MR_PIXELATE_MAX; 1 leaves it
 * as it is). Returns 0, or -1 with ev->err set (memory). */
int mr_k_pixelate(mr_eval *ev, mr_frame *f, int size);

#endif
