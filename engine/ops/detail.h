/* detail.h: the node the detail operations share (detail.c, detail_blur.c): the input's
 * picture at t changed by the effect's numbers at t, each a number or a curve. Internal to
 * engine/ops/. */
#ifndef MR_OPS_DETAIL_H
#define MR_OPS_DETAIL_H

#include "engine/core/eval.h"
#include "engine/ops/op.h"
#include "engine/ops/param.h"

#define DETAIL_MAX 4 /* numbers an effect takes */

typedef struct detail_priv detail_priv;

/* One effect: how many numbers it reads (its first parameters, in order; a boolean among
 * them reads as 0 or 1) and what it does with them. */
typedef struct detail_kind {
    mr_clip_ops ops;
    const mr_op *op; /* its descriptor: the numbers' names */
    int nv;
    /* *io (the input's picture, the caller's reference) becomes the effect's picture of
     * clip c at clip-local t with the numbers v: a new reference replaces it. Returns 0, or
     * -1 with ev->err set (*io then still the caller's to drop). */
    int (*run)(const mr_clip *c, double t, const double *v, mr_eval *ev, mr_frame **io);
} detail_kind;

struct detail_priv {
    const detail_kind *kind;
    mr_param v[DETAIL_MAX]; /* their curves owned */
};

/* The picture of a detail node (mr_clip_ops.picture). */
int mr_detail_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out);

/* "radius 4 amount moving" (mr_clip_ops.describe). */
void mr_detail_describe(const mr_clip *c, char *buf, size_t n);

/* Drops the curves (mr_clip_ops.destroy). */
void mr_detail_destroy(mr_clip *c);

/* A node of kind over in, its numbers from a[0 .. kind->nv). NULL with err set (a clip
 * without a picture, memory). */
mr_clip *mr_detail_new(const detail_kind *kind, mr_clip *in, const mr_arg *a, mr_err *err);

/* A new frame of f's size where ev works, or NULL with ev->err set. */
mr_frame *mr_detail_like(mr_eval *ev, const mr_frame *f);

#endif
