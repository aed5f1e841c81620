/* k_frame_mix.h: the weighted sum of several frames wherever the evaluation runs (kernels.h's
 * rules: the CPU loop or its CUDA twin, the same bits), and its integer weights from real ones
 * (frame_mix_params.h says what they mean). Frame blending, echoes and motion blur use it. */
#ifndef MR_K_FRAME_MIX_H
#define MR_K_FRAME_MIX_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/frame_mix_params.h"

/* The weights of n frames (1 <= n <= MR_MIX_MAX) in proportion to w[i] >= 0 (not all 0),
 * scaled to sum to exactly 1 << MR_MIX_SHIFT: each the floor of its share, the units left
 * over going to the largest remainders (ties: the earlier frame). Cannot fail. */
void mr_mix_weights_make(const double *w, int n, mr_mix_params *k);

/* dst = the sum of the k->n frames src[i] weighted by k->w (all of dst's size and in ev's
 * memory; dst not one of them). dst is opaque when every source is. Returns 0, or -1 with
 * ev->err set (sizes or memories that do not match, a bad count, a CUDA error). */
int mr_k_frame_mix(mr_eval *ev, mr_frame *dst, const mr_frame *const *src, const mr_mix_params *k);

#endif
