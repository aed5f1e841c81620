/* compare.c: CPU against GPU, frame by frame. */
#include "engine/core/compare.h"

#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/media/readers.h"
#include "engine/render/render.h"

/* Largest channel difference and PSNR (dB) of two host frames of one size. */
static void measure(const mr_frame *a, const mr_frame *b, int *maxd, double *psnr)
{
    double se = 0;
    int m = 0;
    for (int y = 0; y < a->h; y++) {
        const uint8_t *p = mr_frame_row(a, y), *q = mr_frame_row(b, y);
        for (int i = 0; i < 4 * a->w; i++) {
            int d = p[i] > q[i] ? p[i] - q[i] : q[i] - p[i];
            m = d > m ? d : m;
            se += (double)d * d;
        }
    }
    double mse = se / (4.0 * a->w * a->h);
    *maxd = m;
    *psnr = mse == 0 ? INFINITY : 10 * log10(255.0 * 255.0 / mse);
}

int mr_compare_backends(mr_clip *clip, mr_rational fps, struct mr_gpu *gpu, double min_psnr,
                        void (*line)(const char *, void *), void *ud, mr_compare_stats *st,
                        const volatile sig_atomic_t *cancel, mr_err *err)
{
    if (!gpu)
        return mr_err_set(err, "no GPU to compare with");
    if (mr_clip_check_renderable(clip, fps, err) < 0)
        return -1;
    if (!clip->has_video)
        return mr_err_set(err, "the clip has no picture");
    *st = (mr_compare_stats){0, 0, 0, INFINITY, 0, 0};
    mr_eval cpu, dev;
    mr_eval_init(&cpu, err, cancel);
    mr_eval_init(&dev, err, cancel);
    dev.gpu = gpu;
    long g0, c0, g1, c1;
    int r = 0;
    int64_t frames = mr_frame_count(clip->duration, fps);
    for (int64_t n = 0; n < frames && r == 0; n++) {
        double t = mr_frame_time(n, fps);
        mr_frame *a = NULL, *b = NULL, *bh = NULL;
        cpu.blamed = dev.blamed = false;
        r = mr_clip_picture(clip, t, &cpu, &a);
        mr_decode_counts(&g0, &c0);
        if (r == 0)
            r = mr_clip_picture(clip, t, &dev, &b);
        mr_decode_counts(&g1, &c1);
        st->gpu_decoded += g1 - g0;
        if (r == 0 && !b->gpu)
            r = mr_err_set(err, "frame %lld came back from the GPU evaluation on the host: the CUDA path did not run",
                           (long long)n);
        if (r == 0 && !(bh = mr_k_to_host(dev.gpu, b, err)))
            r = -1;
        if (r == 0) {
            int d;
            double p;
            measure(a, bh, &d, &p);
            bool ok = d <= 1 || p >= min_psnr;
            st->frames++;
            st->differing += !ok;
            st->max_diff = d > st->max_diff ? d : st->max_diff;
            st->min_psnr = p < st->min_psnr ? p : st->min_psnr;
            char text[128];
            snprintf(text, sizeof text, "frame %lld: max diff %d, PSNR %s%.1f dB%s", (long long)n, d,
                     isinf(p) ? "inf " : "", isinf(p) ? 0.0 : p, ok ? "" : "  DIFFERS");
            line(text, ud);
        }
        mr_frame_unref(a);
        mr_frame_unref(b);
        mr_frame_unref(bh);
    }
    mr_decode_counts(&g1, &c1);
    st->cpu_decoded = c1;
    mr_eval_free(&cpu);
    mr_eval_free(&dev);
    return r;
}
