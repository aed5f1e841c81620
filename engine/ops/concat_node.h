/* concat_node.h: what a concat node holds, shared by its builder (concat.c) and its sound
 * (concat_sound.c). Private to those files. */
#ifndef MR_CONCAT_NODE_H
#define MR_CONCAT_NODE_H

#include "engine/ops/concat.h"

/* Cut i, between clips i and i + 1. */
typedef struct concat_cut {
    mr_transition *tr;             /* owned; NULL: the clips do not overlap here */
    mr_arg args[MR_OP_MAX_PARAMS]; /* tr's arguments with their masks and clips built at the size */
    mr_clip *built;                /* transition.custom: the overlap's picture (owned), else NULL */
    double overlap;                /* seconds the two clips overlap (0 without a transition) */
    int64_t w0, w1;                /* the sound's crossfade: samples [w0, w1) of the concat (a cut at
                                    * w0 when they are equal); before it only clip i sounds, after
                                    * it only clip i + 1 */
} concat_cut;

typedef struct concat_priv {
    mr_clip **clips;   /* each w x h with a picture (a video concat), or as given (sound only) */
    double *begin;     /* seconds: when clip i begins */
    double *end;       /* and when it ends */
    concat_cut *cuts;  /* n - 1 */
    int n;
    uint32_t bg;       /* premultiplied: the gaps */
    int ramp;          /* samples of the ramps at hard cuts (declick.h), 0: none */
} concat_priv;

/* The concat's sound (concat_sound.c): the clips' sound, crossfaded at the cuts on an
 * equal-power curve. */
int mr_concat_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev);

#endif
