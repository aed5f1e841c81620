/* orient.h: turning working frames by quarter turns and mirrors (CPU twin of
 * cuda/orient.cu). Parameters from mr_orient_params_make (engine/orient.h). */
#ifndef MR_CPU_ORIENT_H
#define MR_CPU_ORIENT_H

#include "engine/core/frame.h"
#include "engine/kernels/kernel_params.h"

/* Writes every pixel of dst (the shown size) from src (the stored size) as k says; dst is
 * opaque when src is. Cannot fail. */
void mr_cpu_orient(const mr_frame *src, const mr_orient_params *k, mr_frame *dst);

#endif
