/* morph.h: grow and shrink (dilation and erosion by a disc) on the CPU, twin of
 * cuda/morph.cu; what the disc and the edges are is engine/kernels/morph_params.h's. */
#ifndef MR_CPU_MORPH_H
#define MR_CPU_MORPH_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/morph_params.h"

/* Writes into dst (a host frame of src's size, not src) each channel's maximum (k->grow) or
 * minimum of src over the disc k describes. Returns 0, or -1 with ev->err set when its
 * scratch (a row's running extremes, and a second frame's worth for a fractional radius)
 * cannot be had. */
int mr_cpu_morph(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_morph_params *k);

#endif
