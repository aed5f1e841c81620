/* k_morph.c: grow and shrink, dispatched to the CPU or CUDA. */
#include "engine/kernels/k_morph.h"

#include <math.h>
#include "engine/kernels/cpu/morph.h"
#include "engine/kernels/k_launch.h"
#include "engine/kernels/kernels.h"

mr_morph_params mr_morph_params_make(float radius, bool grow)
{
    int r = (int)floorf(radius), f = (int)lroundf((radius - (float)r) * 256);
    if (f == 256) {
        r++;
        f = 0;
    }
    return (mr_morph_params){r, f, grow};
}

int mr_k_morph(mr_eval *ev, const mr_frame *src, mr_frame *dst, float radius, bool grow)
{
    if (!(radius >= 0 && radius <= MR_MORPH_RADIUS_MAX))
        return mr_err_set(ev->err, "%s: the radius must be between 0 and %d pixels, got %g", grow ? "grow" : "shrink",
                          MR_MORPH_RADIUS_MAX, (double)radius);
    if (src->w != dst->w || src->h != dst->h || src->gpu != dst->gpu || src == dst)
        return mr_err_set(ev->err, "%s: the output must be another frame of the input's size and memory "
                                   "(%dx%d%s into %dx%d%s)", grow ? "grow" : "shrink", src->w, src->h,
                          src->gpu ? " on the GPU" : "", dst->w, dst->h, dst->gpu ? " on the GPU" : "");
    mr_morph_params k = mr_morph_params_make(radius, grow);
    if (k.radius == 0 && k.frac == 0)
        return mr_k_copy_rect(ev, dst, src, 0, 0, src->w, src->h);
    if (!dst->gpu)
        return mr_cpu_morph(ev, src, dst, &k);
    size_t levels = (size_t)mr_morph_levels(&k, src->w);
    uint32_t *tmp = mr_eval_gpu_scratch(ev, 0, sizeof(uint32_t) * (levels ? levels : 1) * src->w * src->h);
    if (!tmp)
        return -1;
    dst->opaque = src->opaque;
    return MR_K_LAUNCH(ev, grow ? "grow" : "shrink",
                       mr_cu_morph(src->data, src->stride, dst->data, dst->stride, src->w, src->h, &k, tmp,
                                   MR_K_STREAM(ev)));
}
