/* k_blur.h: the Gaussian blur of a premultiplied frame, on the CPU kernel
 * (engine/kernels/cpu/blur.c) or its CUDA twin (cuda/blur.cu) by where ev works; both give
 * the same bits (blur_params.h says how). */
#ifndef MR_K_BLUR_H
#define MR_K_BLUR_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/blur_params.h"

/* Fills k with the kernel of one axis for sigma (0 <= sigma <= MR_BLUR_SIGMA_MAX, which the
 * caller has checked): radius ceil(3 sigma), weights exp(-t^2 / (2 sigma^2)) scaled to sum
 * to exactly 1 << 16, each within 1 of its ideal value (the largest remainders are rounded
 * up, in symmetric pairs; an odd unit goes to the centre), the radius then cut back past the
 * last non-zero weight. sigma 0 gives radius 0: the axis is left as it is. From
 * MR_BLUR_BOX_SIGMA the blur runs k's box passes instead (k->passes, blur_params.h: three
 * boxes of the same variance, within 6 % of the Gaussian). Cannot fail. */
void mr_blur_taps_make(double sigma, mr_blur_taps *k);

/* Fills k with a box of radius (0 <= radius < MR_BLUR_RADIUS_MAX, kept inside): the pixels
 * up to floor(radius) away weigh alike, the next one out the fractional rest (so an animated
 * radius widens smoothly), scaled to sum to exactly 1 << 16 as above; from
 * MR_BLUR_BOX_RADIUS, the same weights as one box pass (a sliding sum). Cannot fail. */
void mr_blur_box_taps_make(double radius, mr_blur_taps *k);

/* dst (the same size as src and in the same memory, not src itself) becomes src blurred by
 * a Gaussian of sigma_x and sigma_y pixels: separable, every channel alike (the frame is
 * premultiplied, so transparent pixels lend no colour), the edge pixels repeated beyond the
 * frame, support +-ceil(3 sigma) (the box passes' of a large sigma: about 3 sigma + 3); a
 * sigma of 0 leaves that axis untouched, both 0 copy. Rounding: the horizontal pass keeps 8
 * fractional bits, each pass rounds half up once (the box passes keep 4 between them).
 * dst->opaque follows src's. Returns 0, or -1 with ev->err set (a sigma below 0, above
 * MR_BLUR_SIGMA_MAX or not a number, frames that do not match, device memory). */
int mr_k_blur(mr_eval *ev, const mr_frame *src, mr_frame *dst, float sigma_x, float sigma_y);

/* The same by ready kernels: kx across, ky down (mr_blur_taps_make, mr_blur_box_taps_make).
 * Returns 0, or -1 with ev->err set (frames that do not match, device memory). */
int mr_k_blur_taps(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_blur_taps *kx, const mr_blur_taps *ky);

#endif
