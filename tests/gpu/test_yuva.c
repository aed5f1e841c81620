/* test_yuva.c: the GPU's conversion of premultiplied RGBA into YUV planes with alpha (what
 * ProRes 4444 and VP9 with alpha are encoded from) against the CPU's: the same bits for
 * 4:4:4 at 10 bits, 4:2:2 and 4:2:0 at 8 bits, on a random 1920x1080 frame and an odd-sized
 * one padded to even, and the GPU's time at 1080p by CUDA events. Exit 77 (skipped) without
 * a GPU. */
#include <stdlib.h>
#include <string.h>
#include "engine/kernels/kernels.h"
#include "engine/media/colorspace.h"
#include "engine/gpu/gpu.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"
#include "tests/gpu/gpu_check.h"

static mr_eval cpu, dev;
static mr_err err;

/* One picture's planes in one allocation, on the host or the device. */
typedef struct planes {
    uint8_t *mem;
    size_t size;
    mr_yuva_image img;
} planes;

static planes planes_new(int W, int H, int cx, int cy, int bytes, bool gpu)
{
    planes p;
    int cw = (W + (1 << cx) - 1) >> cx, ch = (H + (1 << cy) - 1) >> cy;
    size_t ys = (size_t)W * bytes, cs = (size_t)cw * bytes;
    p.size = ys * H * 2 + cs * ch * 2;
    p.mem = gpu ? mr_gpu_malloc(p.size, &err) : calloc(1, p.size);
    uint8_t *u = p.mem + ys * H, *v = u + cs * ch, *a = v + cs * ch;
    p.img = (mr_yuva_image){{{p.mem, u, v}, {(int)ys, (int)cs, (int)cs}, W, H, cx, cy, bytes, 0, 0}, a, (int)ys};
    return p;
}

static void planes_free(planes *p, bool gpu)
{
    if (gpu)
        mr_gpu_free(p->mem, p->size);
    else
        free(p->mem);
}

typedef struct job {
    const mr_frame *src;
    const mr_rgb2yuv_params *k;
    planes *p;
} job;

static void run_job(void *arg)
{
    job *j = arg;
    mr_k_rgba_to_yuva(&dev, j->src, j->k, &j->p->img);
}

/* Converts a w x h random frame (padded to W x H) with chroma blocks 1 << cx by 1 << cy at
 * `bits` on both engines and compares the planes; prints the GPU's time when `timed`. */
static void compare(mr_gpu *gpu, int w, int h, int cx, int cy, int bits, bool timed)
{
    int W = (w + (1 << cx) - 1) >> cx << cx, H = (h + (1 << cy) - 1) >> cy << cy, bytes = bits > 8 ? 2 : 1;
    mr_rgb2yuv_params k = mr_rgb2yuv_params_make(MR_MATRIX_BT709, bits);
    mr_frame *src = frame_random(w, h, (unsigned)(w + 7 * cx + 13 * bits)), *dsrc = gpu_up(&dev, src);
    planes hp = planes_new(W, H, cx, cy, bytes, false), dp = planes_new(W, H, cx, cy, bytes, true);
    CHECK(mr_k_rgba_to_yuva(&cpu, src, &k, &hp.img) == 0);
    CHECK(dsrc && mr_k_rgba_to_yuva(&dev, dsrc, &k, &dp.img) == 0);
    uint8_t *back = malloc(dp.size);
    CHECK(mr_gpu_copy2d(mr_gpu_ready(), back, dp.size, dp.mem, dp.size, dp.size, 1, &err) == 0 && mr_gpu_sync(mr_gpu_ready(), &err) == 0);
    bool same = memcmp(back, hp.mem, hp.size) == 0;
    printf("yuva %d:%d:%d %d-bit, %dx%d%s: %s", 4, cx ? 2 : 4, cy ? 0 : cx ? 2 : 4, bits, w, h,
           W != w || H != h ? " (padded)" : "", same ? "the same bits" : "GPU and CPU differ");
    CHECK(same);
    if (timed) {
        job j = {dsrc, &k, &dp};
        printf(", %.3f ms a frame on the GPU", gpu_ms(gpu, run_job, &j));
    }
    printf("\n");
    free(back);
    planes_free(&hp, false);
    planes_free(&dp, true);
    mr_frame_unref(src);
    mr_frame_unref(dsrc);
}

int main(void)
{
    mr_gpu *gpu = gpu_start(&cpu, &dev, &err);
    compare(gpu, 1920, 1080, 0, 0, 10, true); /* ProRes 4444 */
    compare(gpu, 1920, 1080, 1, 1, 8, true);  /* VP9 with alpha */
    compare(gpu, 1920, 1080, 1, 0, 8, false);
    compare(gpu, 641, 359, 1, 1, 8, false);
    compare(gpu, 641, 359, 0, 0, 10, false);
    mr_eval_free(&cpu);
    mr_eval_free(&dev);
    return CHECK_DONE();
}
