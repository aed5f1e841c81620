/* lut.h: a 3D LUT on the CPU (twin of cuda/lut.cu), the per-pixel arithmetic of
 * engine/kernels/lut_params.h. */
#ifndef MR_CPU_LUT_H
#define MR_CPU_LUT_H

#include <stdbool.h>
#include "engine/core/frame.h"
#include "engine/kernels/lut_params.h"

/* Every pixel of f through the LUT k (host tables), in place (alpha and f->opaque unchanged). */
void mr_cpu_lut(mr_frame *f, const mr_lut_params *k);

/* Lets the AVX2 loop run where the machine has it (on), or keeps to the plain loop (tests). */
void mr_cpu_lut_use_simd(bool on);

#endif
