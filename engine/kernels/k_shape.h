/* k_shape.h: the coverage of shapes and the colours of gradients wherever the evaluation runs
 * (kernels.h's rules): the CPU loops of engine/kernels/cpu/shape.c or their CUDA twins in
 * cuda/shape.cu, both by the per-pixel arithmetic of engine/kernels/shape_params.h. */
#ifndef MR_K_SHAPE_H
#define MR_K_SHAPE_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/shape_params.h"

/* Draws s's coverage c (0..255) into every pixel of dst as c in all four channels (a mask's
 * premultiplied white); dst lives where ev works, s is borrowed. dst->opaque becomes false.
 * Returns 0, or -1 with ev->err set (a parameter not a finite number, more than
 * MR_SHAPE_MAX_POINTS points, memory, the GPU). */
int mr_k_shape(mr_eval *ev, mr_frame *dst, const mr_shape_params *s);

/* Draws the gradient g along the ramp of s (LINEAR or RADIAL) into every pixel of dst, which
 * lives where ev works; dst->opaque says whether every stop is opaque. Returns 0, or -1 with
 * ev->err set (another kind, bad stops, a parameter not finite, the GPU). */
int mr_k_gradient(mr_eval *ev, mr_frame *dst, const mr_shape_params *s, const mr_gradient_stops *g);

#endif
