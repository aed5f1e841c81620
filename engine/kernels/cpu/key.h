/* key.h: chroma and luma keys on the CPU (twin of cuda/key.cu), the per-pixel arithmetic of
 * engine/kernels/key_params.h. */
#ifndef MR_CPU_KEY_H
#define MR_CPU_KEY_H

#include "engine/core/frame.h"
#include "engine/kernels/key_params.h"

/* Keys every pixel of f in place by k; f is no longer marked opaque. */
void mr_cpu_key(mr_frame *f, const mr_key_params *k);

#endif
