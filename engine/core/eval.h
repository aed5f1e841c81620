/* eval.h: the per-thread context in which clips are evaluated.
 * Each thread that evaluates frames (a render worker, the REPL) owns one mr_eval: it holds
 * the error buffer, the cancel flag, scaler contexts, and scratch space for sound, so that
 * nodes themselves stay immutable and shareable between threads. */
#ifndef MR_EVAL_H
#define MR_EVAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include "engine/core/error.h"

#define MR_EVAL_MAX_DEPTH 64

struct mr_scaler_cache;
struct mr_gpu;
struct mr_conceal;
struct mr_frame_share;

typedef struct mr_eval {
    mr_err *err;
    const volatile sig_atomic_t *cancel; /* non-zero asks every evaluation to stop */
    struct mr_gpu *gpu; /* evaluate on this GPU (engine/gpu/gpu.h), or NULL: on the CPU */
    bool blamed;        /* the error already names the clip that failed */
    int in_flight;      /* frames the render has in flight at once (readers keep that many) */
    struct mr_conceal *conceal; /* the render's tally of damaged source frames, or NULL */
    struct mr_scaler_cache *scalers;
    struct mr_frame_share *share;     /* pictures kept for a node's other consumers this frame
                                       * (frame_share.h), allocated at the first picture */
    float *tmp[MR_EVAL_MAX_DEPTH];    /* sound scratch, one buffer per nesting level */
    size_t tmp_cap[MR_EVAL_MAX_DEPTH];
    int tmp_depth;
    void *gpu_scratch[3];             /* device scratch (engine/kernels/kernels.h) */
    size_t gpu_scratch_bytes[3];
} mr_eval;

/* Prepares ev to report into err. Returns 0 (it allocates lazily). */
void mr_eval_init(mr_eval *ev, mr_err *err, const volatile sig_atomic_t *cancel);

/* Frees what ev allocated. */
void mr_eval_free(mr_eval *ev);

/* Scratch buffer of at least nfloats floats, valid until the matching pop. Returns NULL
 * (err set) when memory runs out or nesting is too deep. */
float *mr_eval_tmp_push(mr_eval *ev, size_t nfloats);
void mr_eval_tmp_pop(mr_eval *ev);

#endif
