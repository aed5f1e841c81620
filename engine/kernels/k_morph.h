/* k_morph.h: grow and shrink (dilation and erosion by a disc) of a premultiplied frame, on
 * the CPU kernel (engine/kernels/cpu/morph.c) or its CUDA twin (cuda/morph.cu) by where ev
 * works; both give the same bits (morph_params.h says how). */
#ifndef MR_K_MORPH_H
#define MR_K_MORPH_H

#include <stdbool.h>
#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/morph_params.h"

/* The parameters for a radius (0 <= radius <= MR_MORPH_RADIUS_MAX, checked by the caller):
 * R = floor(radius), frac = the rest in 256ths, rounded (a rest that rounds to 256 is
 * R + 1, frac 0). Cannot fail. */
mr_morph_params mr_morph_params_make(float radius, bool grow);

/* dst (the same size as src and in the same memory, not src itself) becomes, channel by
 * channel, the maximum (grow: dilation) or the minimum (shrink: erosion) of src over the disc
 * of the radius around each pixel: offsets with dx^2 + dy^2 <= R^2, so a grown square gets
 * round corners. A fractional radius mixes the discs of floor(radius) and the next one up
 * linearly (rounded in 256ths, each channel rounded half up). Pixels outside the frame take
 * no part: for grow they count as transparent, for shrink as the edge, so a mask filling the
 * frame keeps its border when shrunk. Radius 0 copies. dst->opaque follows src's. Returns 0,
 * or -1 with ev->err set (a radius below 0, above MR_MORPH_RADIUS_MAX or not a number, frames
 * that do not match, memory). */
int mr_k_morph(mr_eval *ev, const mr_frame *src, mr_frame *dst, float radius, bool grow);

#endif
