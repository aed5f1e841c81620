/* memo.h: a node's last picture, kept with the values it was made from, so that a node whose
 * values have come to rest (an animation that ended, a mask that stopped moving) draws once
 * and then hands out that picture while its values stay the same. One picture for the host
 * and one for each GPU lane that asked lately (MR_MEMO_LANES; a picture is handed out on the
 * lane that made it alone, so segments rendering on lanes each keep their own); safe to use
 * from the threads that render frames in parallel. */
#ifndef MR_MEMO_H
#define MR_MEMO_H

#include <pthread.h>
#include <stddef.h>
#include "engine/core/eval.h"
#include "engine/core/frame.h"

#define MR_MEMO_LANES 4 /* GPU lanes kept at once: auto segments use at most four; more
                           lanes take turns, each drawing again what another pushed out */

typedef struct mr_memo {
    pthread_mutex_t lock;
    struct {
        void *key;              /* the values, n bytes (owned) */
        size_t n;
        mr_frame *input;        /* the input picture it was made from, or NULL; a reference kept so
                                 * its address names it alone */
        mr_frame *frame;        /* the picture (a reference); NULL: the slot is free */
        const struct mr_gpu *lane; /* where it was made (NULL: the host); a lane that goes empties
                                    * its slots first (mr_memo_forget_lane) */
    } slot[1 + MR_MEMO_LANES];  /* [0] host, then GPU pictures, a lane's in one slot */
    int evict;                  /* the GPU slot a new lane takes when all are used */
    struct mr_memo *prev, *next; /* every memo alive, for mr_memo_forget_lane */
} mr_memo;

/* Makes m empty and known to mr_memo_forget_lane; m must stay where it is until mr_memo_free. */
void mr_memo_init(mr_memo *m);

/* Drops what m keeps and forgets m. */
void mr_memo_free(mr_memo *m);

/* A new reference to the picture m keeps for key (n bytes, compared byte for byte) and input
 * (NULL: none) where ev works (the host, or ev->gpu's lane), or NULL when it keeps none. */
mr_frame *mr_memo_get(mr_memo *m, const mr_eval *ev, const void *key, size_t n, const mr_frame *input);

/* Keeps f (not NULL) for a copy of key and for input in the slot of where ev works, taking
 * references to f and input; a lane new to m takes a free slot, else pushes out another lane's
 * picture. Without memory for the key the slot is left empty: m is only a saving. */
void mr_memo_put(mr_memo *m, const mr_eval *ev, const void *key, size_t n, mr_frame *input, mr_frame *f);

/* Empties every memo's slot for `lane` (engine/gpu/gpu.h), a lane about to be freed whose
 * stream is idle: nothing could use those pictures, and the lane's address may be reused. */
void mr_memo_forget_lane(const struct mr_gpu *lane);

#endif
