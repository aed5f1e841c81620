/* blend_modes.h: a layer drawn by a blend mode on the CPU (twin of cuda/blend_modes.cu), the
 * per-pixel arithmetic of engine/kernels/blend_mode_params.h. */
#ifndef MR_CPU_BLEND_MODES_H
#define MR_CPU_BLEND_MODES_H

#include "engine/core/frame.h"
#include "engine/kernels/blend_mode_params.h"

/* Draws src onto dst with its top-left at (x, y) by `mode`, src scaled by opacity (0..255)
 * first; parts outside dst are clipped. dst stays opaque if it was. */
void mr_cpu_blend_mode(mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity, mr_blend_mode mode);

#endif
