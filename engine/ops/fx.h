/* fx.h: effects as values. An mr_fx is an operation of the registry (op.h) with its
 * arguments, without a clip, so scripts can keep effects in tables and apply them to many
 * clips; the clip methods (clip:fadein(1)) build one and apply it. */
#ifndef MR_FX_H
#define MR_FX_H

#include <stddef.h>
#include "engine/core/clip.h"
#include "engine/ops/op.h"

typedef struct mr_fx {
    const mr_op *op;
    mr_arg args[MR_OP_MAX_PARAMS];   /* owns the curves and clips in them (mr_fx_clear) */
} mr_fx;

/* Applies fx to c: a new clip (the caller's reference), or NULL with err set. fx is left as
 * it was (the arguments are checked on a copy). */
mr_clip *mr_fx_apply(const mr_fx *fx, mr_clip *c, mr_err *err);

/* "fadein 1 s", "resize scale=0.5" */
void mr_fx_describe(const mr_fx *fx, char *buf, size_t n);

/* Drops what fx's arguments hold. */
void mr_fx_clear(mr_fx *fx);

#endif
