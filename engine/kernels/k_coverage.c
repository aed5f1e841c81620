/* k_coverage.c: mask arithmetic on the CPU or its CUDA twin, chosen by the frames. */
#include "engine/kernels/k_coverage.h"

#include "engine/gpu/gpu.h"
#include "engine/kernels/cpu/coverage.h"
#ifdef MR_HAVE_CUDA
#include "cuda/kernels.h"
#endif

/* Whether dst comes out opaque: where a rule keeps the more covered of two frames. */
static bool stays_opaque(const mr_frame *a, const mr_frame *b, mr_cov_op op)
{
    return (op == MR_COV_SCREEN || op == MR_COV_MAX) && (a->opaque || b->opaque);
}

int mr_k_coverage(mr_eval *ev, mr_frame *dst, const mr_frame *a, const mr_frame *b, mr_cov_op op, unsigned v)
{
    bool opaque = mr_cov_binary(op) && stays_opaque(a, b, op);
    if (mr_cov_binary(op) && (!b || b->w != a->w || b->h != a->h || dst->w != a->w || dst->h != a->h))
        return mr_err_set(ev->err, "mask: frames of different sizes (an engine defect)");
    if (!dst->gpu) {
        mr_cpu_coverage(dst, a, b, op, v);
        dst->opaque = opaque;
        return 0;
    }
#ifdef MR_HAVE_CUDA
    dst->opaque = opaque;
    const mr_frame *pb = mr_cov_binary(op) ? b : NULL;
    return mr_gpu_check(mr_cu_coverage(dst->data, dst->stride, a->data, a->stride, pb ? pb->data : NULL,
                                       pb ? pb->stride : 0, dst->w, dst->h, op, v, (mr_cu_stream)mr_gpu_stream(ev->gpu)),
                        "mask", ev->err);
#else
    return mr_err_set(ev->err, "this moonreel was built without CUDA");
#endif
}
