/* eval.c: evaluation contexts. */
#include "engine/core/eval.h"

#include <stdlib.h>
#include <string.h>
#include "engine/kernels/cpu/scale.h"
#include "engine/core/frame_share.h"
#include "engine/gpu/gpu.h"

void mr_eval_init(mr_eval *ev, mr_err *err, const volatile sig_atomic_t *cancel)
{
    memset(ev, 0, sizeof *ev);
    ev->err = err;
    ev->cancel = cancel;
}

void mr_eval_free(mr_eval *ev)
{
    for (int i = 0; i < MR_EVAL_MAX_DEPTH; i++)
        free(ev->tmp[i]);
    mr_scaler_cache_free(ev->scalers);
    if (ev->share) { /* empty between frames; a frame cut short leaves its pictures */
        for (int i = 0; i < ev->share->n; i++)
            mr_frame_unref(ev->share->e[i].frame);
        free(ev->share);
    }
    if (ev->gpu_scratch[0] || ev->gpu_scratch[1] || ev->gpu_scratch[2]) {
        mr_err ignored;
        mr_gpu_sync(ev->gpu, &ignored); /* queued work may still read the scratch */
        for (int i = 0; i < 3; i++)
            mr_gpu_free(ev->gpu_scratch[i], ev->gpu_scratch_bytes[i]);
    }
    memset(ev, 0, sizeof *ev);
}

float *mr_eval_tmp_push(mr_eval *ev, size_t nfloats)
{
    int d = ev->tmp_depth;
    if (d >= MR_EVAL_MAX_DEPTH) {
        mr_err_set(ev->err, "clip graph nested too deeply (more than %d levels)", MR_EVAL_MAX_DEPTH);
        return NULL;
    }
    if (ev->tmp_cap[d] < nfloats) {
        float *p = realloc(ev->tmp[d], nfloats * sizeof(float));
        if (!p) {
            mr_err_set(ev->err, "out of memory for a scratch buffer of %zu bytes", nfloats * sizeof(float));
            return NULL;
        }
        ev->tmp[d] = p;
        ev->tmp_cap[d] = nfloats;
    }
    ev->tmp_depth++;
    return ev->tmp[d];
}

void mr_eval_tmp_pop(mr_eval *ev)
{
    ev->tmp_depth--;
}
