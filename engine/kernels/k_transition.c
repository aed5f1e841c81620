/* k_transition.c: a transition's pixels on the CPU or its CUDA twin, chosen by the frame. */
#include "engine/kernels/k_transition.h"

#include "engine/kernels/cpu/transition.h"
#include "engine/kernels/k_launch.h"

/* Whether f is w x h. */
static bool sized(const mr_frame *f, int w, int h) { return f && f->w == w && f->h == h; }

int mr_k_transition(mr_eval *ev, mr_frame *dst, const mr_frame *a, const mr_frame *b, const mr_frame *map,
                    const mr_tr_params *k)
{
    int w = dst->w, h = dst->h;
    if (!sized(a, w, h) || !sized(b, w, h) || (k->shape == MR_TR_MAP && !sized(map, w, h)))
        return mr_err_set(ev->err, "transition: frames of different sizes (an engine defect)");
    if (!dst->gpu) {
        mr_cpu_transition(dst, a, b, map, k);
        return 0;
    }
    dst->opaque = a->opaque && b->opaque;
    const mr_frame *m = k->shape == MR_TR_MAP ? map : NULL;
    (void)m;
    return MR_K_LAUNCH(ev, "transition",
                       mr_cu_transition(dst->data, dst->stride, a->data, a->stride, b->data, b->stride,
                                        m ? m->data : NULL, m ? m->stride : 0, w, h, k, MR_K_STREAM(ev)));
}
