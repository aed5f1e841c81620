/* warp.h: the affine warp on the CPU (twin of cuda/warp.cu; the arithmetic is
 * engine/warp_params.h's). */
#ifndef MR_CPU_WARP_H
#define MR_CPU_WARP_H

#include <stdbool.h>
#include "engine/core/frame.h"
#include "engine/kernels/warp_params.h"

/* Whether every pixel of a dw x dh warp by k samples inside the source (a zoom or pan within
 * it): the result of an opaque source is then opaque. */
bool mr_warp_covers(const mr_warp_params *k, int dw, int dh);

/* Writes every pixel of dst from src as k says. Cannot fail. */
void mr_cpu_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst);

#endif
