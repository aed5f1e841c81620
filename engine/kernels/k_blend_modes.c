/* k_blend_modes.c: blend modes on the CPU or its CUDA twin, chosen by the frames. */
#include "engine/kernels/k_blend_modes.h"

#include "engine/gpu/gpu.h"
#include "engine/kernels/cpu/blend_modes.h"
#include "engine/kernels/kernels.h"
#ifdef MR_HAVE_CUDA
#include "cuda/kernels.h"
#endif

int mr_k_blend_mode(mr_eval *ev, mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity,
                    mr_blend_mode mode)
{
    if (mode == MR_BLEND_NORMAL)
        return mr_k_over(ev, dst, src, x, y, opacity);
    if ((unsigned)mode >= MR_BLEND_COUNT)
        return mr_err_set(ev->err, "compose: blend mode %d is not one (an engine defect)", (int)mode);
    if (!dst->gpu) {
        mr_cpu_blend_mode(dst, src, x, y, opacity, mode);
        return 0;
    }
#ifdef MR_HAVE_CUDA
    /* the alpha is source-over's: dst stays as opaque as it was */
    return mr_gpu_check(mr_cu_blend_mode(dst->data, dst->stride, dst->w, dst->h, src->data, src->stride, src->w,
                                         src->h, x, y, opacity, (int)mode, (mr_cu_stream)mr_gpu_stream(ev->gpu)),
                        "compose", ev->err);
#else
    return mr_err_set(ev->err, "this moonreel was built without CUDA");
#endif
}
