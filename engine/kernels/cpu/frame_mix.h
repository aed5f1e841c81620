/* frame_mix.h: the weighted sum of frames on the CPU (twin of cuda/frame_mix.cu), the
 * arithmetic of engine/kernels/frame_mix_params.h. */
#ifndef MR_CPU_FRAME_MIX_H
#define MR_CPU_FRAME_MIX_H

#include "engine/core/frame.h"
#include "engine/kernels/frame_mix_params.h"

/* dst = the sum of src[i] weighted by k->w[i], for the k->n host frames src (each dst's size;
 * dst may not be one of them). dst is opaque when every source is. Cannot fail. */
void mr_cpu_frame_mix(mr_frame *dst, const mr_frame *const *src, const mr_mix_params *k);

#endif
