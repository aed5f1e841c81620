/* k_transition.h: a transition's pixels wherever the evaluation runs (kernels.h's rules);
 * transition_params.h says what the parameters mean. */
#ifndef MR_K_TRANSITION_H
#define MR_K_TRANSITION_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/transition_params.h"

/* dst = b over a by k's coverage. a, b and dst (and map for MR_TR_MAP) are the same size and
 * live where ev works; dst is writable and may be a. Returns 0, or -1 with ev->err set
 * (different sizes: an engine defect; a CUDA error). */
int mr_k_transition(mr_eval *ev, mr_frame *dst, const mr_frame *a, const mr_frame *b, const mr_frame *map,
                    const mr_tr_params *k);

#endif
