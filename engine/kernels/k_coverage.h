/* k_coverage.h: mask arithmetic wherever the evaluation runs (kernels.h's rules). */
#ifndef MR_K_COVERAGE_H
#define MR_K_COVERAGE_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/coverage_params.h"

/* dst = op(a, b, v) pixel by pixel (coverage_params.h): frames of one size where ev works, b
 * NULL for the one-frame rules, dst may be a. Returns 0, or -1 with ev->err set. */
int mr_k_coverage(mr_eval *ev, mr_frame *dst, const mr_frame *a, const mr_frame *b, mr_cov_op op, unsigned v);

#endif
