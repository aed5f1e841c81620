/* coverage.h: mask arithmetic on the CPU (twin of cuda/coverage.cu). */
#ifndef MR_CPU_COVERAGE_H
#define MR_CPU_COVERAGE_H

#include "engine/core/frame.h"
#include "engine/kernels/coverage_params.h"

/* dst = op(a, b, v) pixel by pixel (coverage_params.h); the three frames are the same size,
 * b only read by the two-mask rules, dst may be a. */
void mr_cpu_coverage(mr_frame *dst, const mr_frame *a, const mr_frame *b, mr_cov_op op, unsigned v);

#endif
