/* k_blur.c: the blur's kernels (one per axis) and its dispatch, CPU or CUDA. */
#include "engine/kernels/k_blur.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
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

/* k from the ideal weights g[0..r] (g[0] > 0, none negative; total: g[0] + 2 (g[1] + ...)):
 * scaled to sum to exactly 1 << 16 as mr_blur_taps_make says. */
static void taps_from(const double *g, int r, double total, mr_blur_taps *k)
{
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

/* b: the extended box of half-width r (0 <= r < MR_BLUR_RADIUS_MAX) whose end taps weigh
 * alpha (0 <= alpha < 1) times the others, in integers: shift as large as keeps A below 2^15
 * (at most 20, as sums of 8.4 values must fit in 32 bits), A the even number that brings
 * a / A nearest to alpha, a what is left to make the sum exactly 1 << shift (blur_params.h
 * says why). Cannot fail. */
static void box_make(int r, double alpha, mr_blur_box *b)
{
    int shift = 20;
    while (shift > 1 && (double)(1 << shift) / (2 * r + 1) >= 32768)
        shift--;
    const long total = 1L << shift, ideal = 2 * (long)floor(total / (2 * r + 1 + 2 * alpha) / 2);
    const long A0 = 2 * (total / (2 * (2 * r + 1))); /* always fits: a below 2 r + 1 */
    *b = (mr_blur_box){r, shift, (uint32_t)A0, (uint32_t)((total - A0 * (2 * r + 1)) / 2)};
    double best = fabs((double)b->a / b->A - alpha);
    for (long A = ideal - 4; A <= ideal + 6; A += 2) {
        long rest = total - A * (2 * r + 1);
        if (A <= 0 || A >= 32768 || rest < 0 || rest / 2 >= 32768)
            continue;
        double miss = fabs((double)(rest / 2) / A - alpha);
        if (miss < best) {
            best = miss;
            *b = (mr_blur_box){r, shift, (uint32_t)A, (uint32_t)(rest / 2)};
        }
    }
}

/* The box passes of k for a Gaussian of sigma: MR_BLUR_BOX_PASSES alike, each of variance
 * sigma^2 / passes (Gwosdek et al. 2011: the box of the largest r whose variance
 * r (r + 1) / 3 fits, its end taps weighed to make up the rest). */
static void gauss_boxes(double sigma, mr_blur_taps *k)
{
    double var = sigma * sigma / MR_BLUR_BOX_PASSES;
    int r = (int)floor((sqrt(12 * var + 1) - 1) / 2);
    while (r > 0 && r * (r + 1) / 3.0 > var)
        r--;
    while ((r + 1) * (r + 2) / 3.0 <= var)
        r++;
    double alpha = (2 * r + 1) * (var - r * (r + 1) / 3.0) / (2 * ((r + 1.0) * (r + 1) - var));
    k->passes = MR_BLUR_BOX_PASSES;
    for (int p = 0; p < MR_BLUR_BOX_PASSES; p++)
        box_make(r, alpha, &k->box[p]);
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
    taps_from(g, r, total, k);
    k->passes = 0;
    memset(k->box, 0, sizeof k->box);
    if (sigma >= MR_BLUR_BOX_SIGMA && k->radius > 0)
        gauss_boxes(sigma, k);
}

void mr_blur_box_taps_make(double radius, mr_blur_taps *k)
{
    radius = radius > 0 ? (radius < MR_BLUR_RADIUS_MAX - 1 ? radius : MR_BLUR_RADIUS_MAX - 1) : 0;
    int whole = (int)floor(radius), r = whole + (radius > whole);
    double g[MR_BLUR_RADIUS_MAX + 1], total = 1;
    g[0] = 1;
    for (int t = 1; t <= r; t++)
        total += 2 * (g[t] = t <= whole ? 1 : radius - whole);
    taps_from(g, r, total, k);
    k->passes = 0;
    memset(k->box, 0, sizeof k->box);
    if (radius >= MR_BLUR_BOX_RADIUS) {
        k->passes = 1;
        box_make(whole, radius - whole, &k->box[0]);
    }
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
    return mr_k_blur_taps(ev, src, dst, &kx, &ky);
}

int mr_k_blur_taps(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_blur_taps *kx, const mr_blur_taps *ky)
{
    if (check_args(ev, src, dst, 0, 0) < 0)
        return -1;
    if (kx->radius == 0 && ky->radius == 0)
        return mr_k_copy_rect(ev, dst, src, 0, 0, src->w, src->h);
    if (!dst->gpu)
        return mr_cpu_blur(ev, src, dst, kx, ky);
    size_t lx = kx->passes ? mr_blur_box_global_bytes(src->h, src->w + 2 * mr_blur_box_reach(kx)) : 0;
    size_t ly = ky->passes ? mr_blur_box_global_bytes(src->w, src->h + 2 * mr_blur_box_reach(ky)) : 0;
    uint16_t *tmp = mr_eval_gpu_scratch(ev, 0, sizeof(uint16_t) * 4 * (size_t)src->w * src->h + (lx > ly ? lx : ly));
    if (!tmp)
        return -1;
    dst->opaque = src->opaque;
    return MR_K_LAUNCH(ev, "blur", mr_cu_blur(src->data, src->stride, dst->data, dst->stride, src->w, src->h, kx,
                                              ky, tmp, MR_K_STREAM(ev)));
}
