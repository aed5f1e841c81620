/* test_blend_modes.c: the blend modes and the chroma and luma keys on CUDA against their CPU
 * twins on 1920x1080 frames (the same integer arithmetic: within 1 LSB, bit-exact expected),
 * and the time of a chroma key at 1080p (the goal: under 0.5 ms a frame). Exit 77 (skipped)
 * without a GPU. */
#include <math.h>
#include <stdlib.h>
#include "engine/core/clock.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/k_blend_modes.h"
#include "engine/kernels/k_key.h"
#include "engine/kernels/kernels.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"
#include "tests/gpu/gpu_check.h"

#define FW 1920
#define FH 1080

static mr_eval cpu, dev;
static mr_err err;

/* A green screen with noise and a foreground of a few colours with soft edges, opaque. */
static void green_screen(mr_frame *f)
{
    static const int fg[4][3] = {{224, 172, 140}, {200, 30, 30}, {30, 60, 200}, {128, 128, 128}};
    srand(9);
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            int i = (x / 480) & 3;
            double d = hypot(x % 480 - 240.0, y - 540.0), cov = fmin(1, fmax(0, 200 - d));
            int s[3] = {rand() % 25, 225 + rand() % 31, rand() % 25};
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)lround(fg[i][c] * cov + s[c] * (1 - cov));
            p[3] = 255;
        }
    f->opaque = true;
}

static mr_frame *up(const mr_frame *h) { return gpu_up(&dev, h); }

static mr_frame *down(const mr_frame *d) { return gpu_down(d, &err); }

/* Every mode, on a full frame and on a layer hanging off the top-left, CPU against CUDA. */
static void blend_modes(void)
{
    static const char *const names[MR_BLEND_COUNT] = {"normal", "multiply", "screen", "overlay", "add",
                                                      "subtract", "darken", "lighten", "difference", "soft_light"};
    mr_frame *src = frame_random(FW, FH, 1), *base = frame_random(FW, FH, 2);
    mr_frame *dsrc = up(src);
    for (int m = 0; m < MR_BLEND_COUNT; m++)
        for (int off = 0; off < 2; off++) {
            int x = off ? -301 : 0, y = off ? -17 : 0;
            unsigned opacity = off ? 180 : 255;
            mr_frame *h = mr_frame_new(FW, FH, NULL);
            mr_k_copy_rect(&cpu, h, base, 0, 0, FW, FH);
            mr_frame *d = up(h);
            CHECK(mr_k_blend_mode(&cpu, h, src, x, y, opacity, (mr_blend_mode)m) == 0);
            CHECK(mr_k_blend_mode(&dev, d, dsrc, x, y, opacity, (mr_blend_mode)m) == 0);
            mr_frame *back = down(d);
            int w = frame_worst(h, back, NULL);
            printf("blend %-10s %s: largest difference %d\n", names[m], off ? "off the edge, opacity 180" : "full frame",
                   w);
            CHECK(w <= 1);
            mr_frame_unref(h); mr_frame_unref(d); mr_frame_unref(back);
        }
    mr_frame_unref(src); mr_frame_unref(base); mr_frame_unref(dsrc);
}

/* Keys f (host) on both engines by k; returns the largest difference. */
static int key_both(const mr_frame *f, const mr_key_params *k)
{
    mr_frame *h = mr_frame_new(f->w, f->h, NULL);
    mr_k_copy_rect(&cpu, h, f, 0, 0, f->w, f->h);
    mr_frame *d = up(h);
    CHECK(mr_k_key(&cpu, h, k) == 0 && mr_k_key(&dev, d, k) == 0);
    mr_frame *back = down(d);
    int w = frame_worst(h, back, NULL);
    CHECK(back && !back->opaque);
    mr_frame_unref(h); mr_frame_unref(d); mr_frame_unref(back);
    return w;
}

static void keys(void)
{
    mr_frame *shot = mr_frame_new(FW, FH, NULL), *rnd = frame_random(FW, FH, 3);
    green_screen(shot);
    static const double chroma[][3] = {{0.15, 0, 0}, {0.15, 0.1, 0.7}, {0.05, 0.5, 1}, {0, 1, 0.3}};
    for (int i = 0; i < 4; i++) {
        mr_key_params k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, chroma[i][0], chroma[i][1],
                                                         chroma[i][2]);
        int a = key_both(shot, &k), b = key_both(rnd, &k);
        printf("chromakey %g %g %g: largest difference %d (green screen), %d (random)\n", chroma[i][0], chroma[i][1],
               chroma[i][2], a, b);
        CHECK(a <= 1 && b <= 1);
    }
    static const double luma[][3] = {{0, 0.1, 0}, {0.2, 0.5, 0.3}, {0.9, 1, 0.05}};
    for (int i = 0; i < 3; i++) {
        mr_key_params k = mr_lumakey_params_make(luma[i][0], luma[i][1], luma[i][2]);
        int a = key_both(shot, &k), b = key_both(rnd, &k);
        printf("lumakey %g %g %g: largest difference %d (green screen), %d (random)\n", luma[i][0], luma[i][1],
               luma[i][2], a, b);
        CHECK(a <= 1 && b <= 1);
    }
    mr_frame_unref(rnd);

    /* the time a frame: a fresh copy of the shot keyed each time (the copy timed alone too) */
    mr_frame *dshot = up(shot), *work = mr_frame_new_gpu(mr_gpu_ready(), FW, FH, &err);
    mr_key_params k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, 0.15, 0.1, 0.5);
    const int n = 200;
    double ms[2];
    for (int pass = 0; pass < 2; pass++) {
        CHECK(mr_gpu_sync(mr_gpu_ready(), &err) == 0);
        double t0 = mr_clock_seconds();
        for (int i = 0; i < n; i++) {
            mr_k_copy_rect(&dev, work, dshot, 0, 0, FW, FH);
            if (pass == 1)
                mr_k_key(&dev, work, &k);
        }
        CHECK(mr_gpu_sync(mr_gpu_ready(), &err) == 0);
        ms[pass] = (mr_clock_seconds() - t0) * 1000 / n;
    }
    printf("chromakey 1920x1080 on the GPU: %.3f ms a frame (%.3f ms with a copy of the frame, the copy alone "
           "%.3f ms; goal: under 0.5 ms)\n", ms[1] - ms[0], ms[1], ms[0]);
    mr_frame_unref(shot); mr_frame_unref(dshot); mr_frame_unref(work);
}

int main(void)
{
    gpu_start(&cpu, &dev, &err);
    blend_modes();
    keys();
    mr_eval_free(&cpu);
    mr_eval_free(&dev);
    return CHECK_DONE();
}
