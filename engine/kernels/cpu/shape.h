/* shape.h: the coverage of shapes and gradient colours on the CPU (twins of cuda/shape.cu;
 * the per-pixel arithmetic is engine/kernels/shape_params.h's). */
#ifndef MR_CPU_SHAPE_H
#define MR_CPU_SHAPE_H

#include "engine/core/error.h"
#include "engine/core/frame.h"
#include "engine/kernels/shape_params.h"

/* Writes s's coverage c into every pixel of dst as c in all four channels (premultiplied
 * white), bit for bit what mr_shape_coverage gives: spans known to be empty or full are filled
 * without it; dst->opaque is the caller's to set. Returns 0, or -1 with err set when scratch memory runs out (polygons). */
int mr_cpu_shape(mr_frame *dst, const mr_shape_params *s, mr_err *err);

/* Writes the colour of gradient g along the ramp of s (LINEAR or RADIAL) into every pixel of
 * dst, bit for bit mr_gradient_pixel (dst->opaque is the caller's). Cannot fail. */
void mr_cpu_gradient(mr_frame *dst, const mr_shape_params *s, const mr_gradient_stops *g);

#endif
