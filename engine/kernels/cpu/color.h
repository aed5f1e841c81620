/* color.h: the colour transform on the CPU (twin of cuda/color.cu), the per-pixel arithmetic of
 * engine/kernels/color_params.h. */
#ifndef MR_CPU_COLOR_H
#define MR_CPU_COLOR_H

#include "engine/core/frame.h"
#include "engine/kernels/color_params.h"

/* Every pixel of f through k, in place (alpha and f->opaque unchanged). */
void mr_cpu_color(mr_frame *f, const mr_color_params *k);

#endif
