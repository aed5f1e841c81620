/* k_frame_mix.c: the weighted sum of frames on the CPU or its CUDA twin, chosen by the frame;
 * its weights, made once a frame on the host. */
#include "engine/kernels/k_frame_mix.h"

#include <math.h>
#include "engine/kernels/cpu/frame_mix.h"
#include "engine/kernels/k_launch.h"

void mr_mix_weights_make(const double *w, int n, mr_mix_params *k)
{
    double total = 0, rest[MR_MIX_MAX];
    for (int i = 0; i < n; i++)
        total += w[i] > 0 ? w[i] : 0;
    k->n = n;
    uint32_t sum = 0;
    for (int i = 0; i < MR_MIX_MAX; i++) {
        double ideal = i < n && total > 0 && w[i] > 0 ? w[i] / total * (1 << MR_MIX_SHIFT) : 0;
        k->w[i] = (uint32_t)floor(ideal);
        rest[i] = i < n ? ideal - floor(ideal) : -1;
        sum += k->w[i];
    }
    if (total <= 0) { /* nothing to weigh by: the first frame */
        k->w[0] = 1u << MR_MIX_SHIFT;
        return;
    }
    for (uint32_t left = (1u << MR_MIX_SHIFT) - sum; left > 0; left--) {
        int best = 0;
        for (int i = 1; i < n; i++)
            if (rest[i] > rest[best])
                best = i;
        k->w[best]++;
        rest[best] = -1;
    }
}

int mr_k_frame_mix(mr_eval *ev, mr_frame *dst, const mr_frame *const *src, const mr_mix_params *k)
{
    if (k->n < 1 || k->n > MR_MIX_MAX)
        return mr_err_set(ev->err, "frame mix: %d frames (1 to %d)", k->n, MR_MIX_MAX);
    for (int i = 0; i < k->n; i++)
        if (src[i]->w != dst->w || src[i]->h != dst->h || src[i]->gpu != dst->gpu || src[i] == dst)
            return mr_err_set(ev->err, "frame mix: frame %d (%dx%d%s) does not match the output (%dx%d%s)", i + 1,
                              src[i]->w, src[i]->h, src[i]->gpu ? " on the GPU" : "", dst->w, dst->h,
                              dst->gpu ? " on the GPU" : "");
    if (!dst->gpu) {
        mr_cpu_frame_mix(dst, src, k);
        return 0;
    }
    const uint8_t *p[MR_MIX_MAX];
    int stride[MR_MIX_MAX];
    bool opaque = true;
    for (int i = 0; i < k->n; i++) {
        p[i] = src[i]->data;
        stride[i] = src[i]->stride;
        opaque = opaque && src[i]->opaque;
    }
    dst->opaque = opaque;
    (void)p, (void)stride; /* unused without CUDA */
    return MR_K_LAUNCH(ev, "frame mix", mr_cu_frame_mix(p, stride, dst->data, dst->stride, dst->w, dst->h, k,
                                                        MR_K_STREAM(ev)));
}
