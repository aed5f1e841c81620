/* coverage_node.h: the node every mask rule draws with: its input (a mask so far, or a clip
 * being masked) under one rule of coverage_params.h, with a second mask where the rule takes
 * one and a threshold that may move. */
#ifndef MR_COVERAGE_NODE_H
#define MR_COVERAGE_NODE_H

#include "engine/core/clip.h"
#include "engine/kernels/coverage_params.h"
#include "engine/ops/param.h"

/* A node over in showing op(in, other, v) (other: the same size as in, or NULL; v a fraction
 * 0..1 for the threshold). Takes its own references to other and v's curve. kind names it
 * ("invert"). NULL with err set. */
mr_clip *mr_coverage_node(const char *kind, mr_clip *in, mr_clip *other, mr_cov_op op, const mr_param *v,
                          mr_err *err);

#endif
