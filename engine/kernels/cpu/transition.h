/* transition.h: a transition's pixels on the CPU (twin of cuda/transition.cu), the arithmetic
 * of engine/kernels/transition_params.h. */
#ifndef MR_CPU_TRANSITION_H
#define MR_CPU_TRANSITION_H

#include "engine/core/frame.h"
#include "engine/kernels/transition_params.h"

/* dst = b over a by k's coverage, pixel by pixel. a, b, dst (and map, for MR_TR_MAP) are the
 * same size; dst may be a. Sets dst->opaque when a and b are. */
void mr_cpu_transition(mr_frame *dst, const mr_frame *a, const mr_frame *b, const mr_frame *map,
                       const mr_tr_params *k);

#endif
