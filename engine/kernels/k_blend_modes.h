/* k_blend_modes.h: a compose layer drawn by its blend mode wherever the evaluation runs
 * (kernels.h's rules): the CPU loop or its CUDA twin, blend_mode_params.h's arithmetic. */
#ifndef MR_K_BLEND_MODES_H
#define MR_K_BLEND_MODES_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/blend_mode_params.h"

/* Draws src onto dst with its top-left at (x, y) by mode, src scaled by opacity/255 first;
 * clipped at dst's edges. MR_BLEND_NORMAL is mr_k_over itself (the same bits). Borrows both
 * frames. Returns 0, or -1 with ev->err set. */
int mr_k_blend_mode(mr_eval *ev, mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity,
                    mr_blend_mode mode);

#endif
