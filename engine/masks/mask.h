/* mask.h: masks, one-channel values 0..1 over time. A mask is a recipe, built where it is used:
 * a chain of steps of the mask functions of the registry (mask_table.c), each an operation
 * with its checked arguments, from a new mask (a shape, a clip's luma) through its changes
 * (feather, invert, a second mask combined). Built at a size, it is a clip whose frames hold
 * the coverage in all four channels (premultiplied white), so masks move, turn, blur and
 * cache as every clip does; a shape has no size of its own and takes the picture's. */
#ifndef MR_MASK_H
#define MR_MASK_H

#include "engine/core/clip.h"
#include "engine/ops/op.h"

typedef struct mr_mask mr_mask;

/* A new mask: step op (an entry of mr_mask_table) with args over in (NULL for a new mask).
 * Checks args against op (the registry's errors) and builds the mask once at a small size, so
 * that a bad mask fails where it is made. Takes its own references to args and in. Returns
 * the caller's reference, or NULL with err set. */
mr_mask *mr_mask_new(const mr_op *op, mr_arg *args, mr_mask *in, mr_err *err);

/* Where the script made m's last step ("edit.lua:12"): what an error of its frames names. */
void mr_mask_set_origin(mr_mask *m, const char *origin);

mr_mask *mr_mask_ref(mr_mask *m);
void mr_mask_unref(mr_mask *m);

/* The mask as a w x h clip without end: its frames hold the coverage in every channel.
 * Returns the caller's reference, or NULL with err set. */
mr_clip *mr_mask_build(const mr_mask *m, int w, int h, mr_err *err);

/* "rect > feather 4" for tostring(). */
void mr_mask_describe(const mr_mask *m, char *buf, size_t n);

/* The operation on clips that multiplies a clip by a mask (clip:mask(m)). */
extern const mr_op mr_op_mask;

#endif
