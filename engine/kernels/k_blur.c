/* k_blur.c: the blur's kernels (one per axis) and its dispatch, CPU or CUDA. */
#include "engine/kernels/k_blur.h"

#include <math.h>
#include <stdlib.h>
#include "engine/kernels/cpu/blur.h"
#include "engine/kernels/k_launch.h"
#include "engine/kernels/kernels.h"

typedef struct tap_rest {
    double frac;
    int t;
} tap_rest;

/* Largest fraction first; ties to the tap nearer the centre (the order is total, so the
 * kernel does not depend on qsort's). */
static int by_remainder(const void *a, const void *b)
{
    const tap_rest *x = a, *y = b;
    if (x->frac != y->frac)
        return x->frac < y->frac ? 1 : -1;
    return x->t - y->t;
}

void mr_blur_taps_make(double sigma, mr_blur_taps *k)
{
    int r = sigma > 0 ? (int)ceil(3 * sigma) : 0;
    if (r > MR_BLUR_RADIUS_MAX)
        r = MR_BLUR_RADIUS_MAX;
    double g[MR_BLUR_RADIUS_MAX + 1], total = 1;
    g[0] = 1;
    for (int t = 1; t <= r; t++)
        total += 2 * (g[t] = exp(-(double)t * t / (2 * sigma * sigma)));
    tap_rest rem[MR_BLUR_RADIUS_MAX];
    uint32_t sum = 0;
    for (int t = 0; t <= r; t++) {
        double ideal = g[t] / total * (1 << MR_BLUR_SHIFT);
        k->w[t] = (uint32_t)floor(ideal);
        sum += (t ? 2 : 1) * k->w[t];
        if (t)
            rem[t - 1] = (tap_rest){ideal - floor(ideal), t};
    }
    uint32_t deficit = (1u << MR_BLUR_SHIFT) - sum; /* below 2r + 1: the fractions' sum */
    if (deficit & 1) {
        k->w[0]++;
        deficit--;
    }
    qsort(rem, (size_t)r, sizeof(tap_rest), by_remainder);
    for (uint32_t i = 0; i < deficit / 2; i++)
        k->w[rem[i].t]++;
    while (r > 0 && k->w[r] == 0)
        r--;
    k->radius = r;
}

/* The checks every backend shares. Returns 0, or -1 with ev->err set. */
static int check_args(mr_eval *ev, const mr_frame *src, const mr_frame *dst, float sx, float sy)
{
    const float s[2] = {sx, sy};
    for (int i = 0; i < 2; i++)
        if (!(s[i] >= 0 && s[i] <= MR_BLUR_SIGMA_MAX))
            return mr_err_set(ev->err, "blur: sigma_%c must be between 0 and %d pixels, got %g", "xy"[i],
                              MR_BLUR_SIGMA_MAX, (double)s[i]);
    if (src->w != dst->w || src->h != dst->h || src->gpu != dst->gpu || src == dst)
        return mr_err_set(ev->err, "blur: the output must be another frame of the input's size and memory "
                                   "(%dx%d%s into %dx%d%s)", src->w, src->h, src->gpu ? " on the GPU" : "",
                          dst->w, dst->h, dst->gpu ? " on the GPU" : "");
    return 0;
}

int mr_k_blur(mr_eval *ev, const mr_frame *src, mr_frame *dst, float sigma_x, float sigma_y)
{
    if (check_args(ev, src, dst, sigma_x, sigma_y) < 0)
        return -1;
    mr_blur_taps kx, ky;
    mr_blur_taps_make(sigma_x, &kx);
    mr_blur_taps_make(sigma_y, &ky);
    if (kx.radius == 0 && ky.radius == 0)
        return mr_k_copy_rect(ev, dst, src, 0, 0, src->w, src->h);
    if (!dst->gpu)
        return mr_cpu_blur(ev, src, dst, &kx, &ky);
    uint16_t *tmp = mr_eval_gpu_scratch(ev, 0, sizeof(uint16_t) * 4 * (size_t)src->w * src->h);
    if (!tmp)
        return -1;
    dst->opaque = src->opaque;
    return MR_K_LAUNCH(ev, "blur", mr_cu_blur(src->data, src->stride, dst->data, dst->stride, src->w, src->h, &kx,
                                              &ky, tmp, MR_K_STREAM(ev)));
}
