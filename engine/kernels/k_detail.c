/* k_detail.c: the detail effects on the CPU or their CUDA twins, chosen by the frame; their
 * parameters, made once a frame on the host. */
#include "engine/kernels/k_detail.h"

#include <math.h>
#include "engine/kernels/cpu/detail.h"
#include "engine/kernels/k_launch.h"
#include "engine/kernels/kernels.h"

/* v kept inside lo .. hi (NaN: lo). */
static double keep(double v, double lo, double hi)
{
    return v > lo ? (v < hi ? v : hi) : lo;
}

mr_detail_params mr_vignette_params_make(int w, int h, double amount, double inner, double outer)
{
    mr_detail_params k = {0};
    k.op = MR_DETAIL_VIGNETTE;
    k.kx = (uint32_t)llround(2147483648.0 / ((double)w * w));
    k.ky = (uint32_t)llround(2147483648.0 / ((double)h * h));
    amount = keep(amount, 0, 1);
    for (int i = 0; i <= MR_VIGNETTE_STEPS; i++) {
        double d = sqrt((double)i / MR_VIGNETTE_STEPS), s;
        if (outer > inner) {
            double u = keep((d - inner) / (outer - inner), 0, 1);
            s = u * u * (3 - 2 * u);
        } else {
            s = d >= inner ? 1 : 0;
        }
        k.factor[i] = (uint16_t)lround((1 - amount * s) * MR_VIGNETTE_ONE);
    }
    return k;
}

mr_detail_params mr_noise_params_make(double amount, int64_t frame, uint32_t seed, bool mono)
{
    mr_detail_params k = {0};
    k.op = MR_DETAIL_NOISE;
    k.amount = (int32_t)lround(keep(amount, 0, 1) * 255 * 256);
    k.frame_seed = mr_detail_frame_seed(frame, seed);
    k.mono = mono;
    return k;
}

mr_detail_params mr_bright_params_make(double threshold)
{
    mr_detail_params k = {0};
    k.op = MR_DETAIL_BRIGHT;
    k.low = (int32_t)lround(keep(threshold, 0, 1) * 255 * 256);
    k.span = 255 * 256 - k.low; /* 0 at threshold 1: nothing is past white */
    k.inv = k.span > 0 ? (uint32_t)lround((double)(1 << 24) / k.span) : 0;
    return k;
}

mr_detail_params mr_sharpen_params_make(double amount)
{
    mr_detail_params k = {0};
    k.op = MR_DETAIL_SHARPEN;
    k.amount = (int32_t)lround(keep(amount, 0, 64) * 256);
    return k;
}

mr_detail_params mr_glow_params_make(double amount)
{
    mr_detail_params k = {0};
    k.op = MR_DETAIL_GLOW;
    k.amount = (int32_t)lround(keep(amount, 0, 64) * 256);
    return k;
}

mr_conv3_params mr_conv3_params_make(mr_conv3_op op, double amount)
{
    return (mr_conv3_params){op, (int32_t)lround(keep(amount, 0, 16) * 256)};
}

int mr_k_detail(mr_eval *ev, mr_frame *dst, const mr_frame *src, const mr_frame *b, const mr_detail_params *k)
{
    if (dst->w != src->w || dst->h != src->h || dst->gpu != src->gpu ||
        (b && (b->w != src->w || b->h != src->h || b->gpu != src->gpu)))
        return mr_err_set(ev->err, "detail: the frames do not match (%dx%d into %dx%d)", src->w, src->h, dst->w,
                          dst->h);
    if (!dst->gpu) {
        mr_cpu_detail(dst, src, b, k);
        return 0;
    }
    bool opaque = src->opaque || (k->op == MR_DETAIL_GLOW && b && b->opaque);
    dst->opaque = k->op == MR_DETAIL_BRIGHT ? false : opaque;
    return MR_K_LAUNCH(ev, "detail", mr_cu_detail(dst->data, dst->stride, src->data, src->stride, b ? b->data : NULL,
                                                  b ? b->stride : 0, src->w, src->h, k, MR_K_STREAM(ev)));
}

int mr_k_conv3(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_conv3_params *k)
{
    if (dst->w != src->w || dst->h != src->h || dst->gpu != src->gpu || dst == src)
        return mr_err_set(ev->err, "%s: the output must be another frame of the input's size and memory",
                          k->op == MR_CONV3_EDGE ? "edge" : "emboss");
    if (!dst->gpu) {
        mr_cpu_conv3(src, dst, k);
        return 0;
    }
    dst->opaque = src->opaque;
    return MR_K_LAUNCH(ev, k->op == MR_CONV3_EDGE ? "edge" : "emboss",
                       mr_cu_conv3(src->data, src->stride, dst->data, dst->stride, src->w, src->h, k, MR_K_STREAM(ev)));
}

int mr_k_pixelate(mr_eval *ev, mr_frame *f, int size)
{
    if (!(size >= 1 && size <= MR_PIXELATE_MAX))
        return mr_err_set(ev->err, "pixelate: the block size must be 1 .. %d pixels, got %d", MR_PIXELATE_MAX, size);
    if (size == 1)
        return 0;
    if (!f->gpu)
        return mr_cpu_pixelate(ev, f, size);
    size_t nbx = (size_t)(f->w + size - 1) / size, nby = (size_t)(f->h + size - 1) / size;
    void *tmp = mr_eval_gpu_scratch(ev, 0, 16 * nbx * f->h + 4 * nbx * nby);
    if (!tmp)
        return -1;
    return MR_K_LAUNCH(ev, "pixelate", mr_cu_pixelate(f->data, f->stride, f->w, f->h, size, tmp, MR_K_STREAM(ev)));
}
