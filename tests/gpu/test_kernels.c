/* test_kernels.c: every CUDA kernel against its CPU twin on random inputs, through the
 * dispatch layer (engine/kernels/kernels.h): bit-exact for conversion, blending and
 * orientation, within 1 LSB for the warp (each filter), bit-exact for resampling (a picture
 * with edges, up and down, every filter). Exit 77 (skipped) without a GPU. */
#include <stdlib.h>
#include "engine/media/colorspace.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernels.h"
#include "engine/media/orient.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"
#include "tests/gpu/gpu_check.h"

static mr_eval cpu, dev;
static mr_err err;

static mr_frame *up(const mr_frame *h) { return gpu_up(&dev, h); }

static mr_frame *down(const mr_frame *d) { return gpu_down(d, &err); }

/* Planes for a 4:2:0 picture of w x h (even), host or device. */
typedef struct planes { uint8_t *mem; size_t size; mr_yuv_image img; } planes;

static planes planes_new(int w, int h, int bytes, bool semi, bool gpu)
{
    planes p;
    int ys = w * bytes, cs = semi ? w * bytes : w / 2 * bytes;
    p.size = (size_t)ys * h + (size_t)cs * (h / 2) * (semi ? 1 : 2);
    p.mem = gpu ? mr_gpu_malloc(p.size, &err) : calloc(1, p.size);
    uint8_t *u = p.mem + (size_t)ys * h;
    p.img = (mr_yuv_image){{p.mem, u, semi ? NULL : u + (size_t)cs * (h / 2)}, {ys, cs, semi ? 0 : cs}, w, h, 1, 1,
                           bytes, bytes == 2 ? 6 : 0, semi};
    return p;
}

static void planes_free(planes *p, bool gpu)
{
    if (gpu)
        mr_gpu_free(p->mem, p->size);
    else
        free(p->mem);
}

static void yuv_round_trip(int w, int h, int bytes, bool semi)
{
    int W = (w + 1) & ~1, H = (h + 1) & ~1;
    mr_rgb2yuv_params k = mr_rgb2yuv_params_make(MR_MATRIX_BT709, bytes == 2 ? 10 : 8);
    mr_frame *src = frame_random_opaque(w, h, (unsigned)(w * 31 + bytes + semi)), *dsrc = up(src);
    planes hp = planes_new(W, H, bytes, semi, false), dp = planes_new(W, H, bytes, semi, true);
    CHECK(mr_k_rgba_to_yuv420(&cpu, src, &k, &hp.img) == 0);
    CHECK(mr_k_rgba_to_yuv420(&dev, dsrc, &k, &dp.img) == 0);
    uint8_t *back = malloc(hp.size);
    CHECK(mr_gpu_copy2d(mr_gpu_ready(), back, hp.size, dp.mem, hp.size, hp.size, 1, &err) == 0 && mr_gpu_sync(mr_gpu_ready(), &err) == 0);
    CHECK(memcmp(back, hp.mem, hp.size) == 0); /* RGBA -> YUV: bit-exact */

    /* and back to RGBA from those planes: bit-exact too */
    mr_yuv2rgb_params ki = mr_yuv2rgb_params_make(MR_MATRIX_BT709, false, bytes == 2 ? 10 : 8);
    mr_frame *hc = mr_frame_new(W, H, NULL), *dc = mr_frame_new_gpu(mr_gpu_ready(), W, H, &err);
    CHECK(mr_k_yuv_to_rgba(&cpu, &hp.img, &ki, hc) == 0);
    CHECK(mr_k_yuv_to_rgba(&dev, &dp.img, &ki, dc) == 0);
    mr_frame *dch = down(dc);
    CHECK(frame_same(hc, dch));
    free(back);
    planes_free(&hp, false);
    planes_free(&dp, true);
    mr_frame_unref(src); mr_frame_unref(dsrc); mr_frame_unref(hc); mr_frame_unref(dc); mr_frame_unref(dch);
}

int main(void)
{
    gpu_start(&cpu, &dev, &err);

    /* colour conversion both ways, 8-bit planar, NV12, P010, odd sizes padded */
    yuv_round_trip(64, 36, 1, false);
    yuv_round_trip(67, 35, 1, false);
    yuv_round_trip(1921, 1081, 1, true);
    yuv_round_trip(130, 66, 2, true);
    yuv_round_trip(99, 51, 2, true);

    /* over: offsets that clip on every side, full and partial opacity */
    int offs[][2] = {{5, 9}, {-10, -4}, {40, 20}, {-3, 25}};
    unsigned ops[] = {255, 77};
    for (int i = 0; i < 4; i++)
        for (int o = 0; o < 2; o++) {
            mr_frame *d = frame_random(64, 40, 10 + i), *s = frame_random(33, 21, 20 + i);
            mr_frame *dd = up(d), *ds = up(s);
            CHECK(mr_k_over(&cpu, d, s, offs[i][0], offs[i][1], ops[o]) == 0);
            CHECK(mr_k_over(&dev, dd, ds, offs[i][0], offs[i][1], ops[o]) == 0);
            mr_frame *back = down(dd);
            CHECK(frame_same(d, back));
            mr_frame_unref(d); mr_frame_unref(s); mr_frame_unref(dd); mr_frame_unref(ds); mr_frame_unref(back);
        }

    /* mix (fades, opacity: towards transparent, black, a colour) and fill */
    static const uint32_t towards[] = {0, 0xff000000u, 0xff3080f0u};
    for (int rgb = 0; rgb < 3; rgb++) {
        mr_frame *f = frame_random(50, 30, 30 + rgb), *df = up(f);
        CHECK(mr_k_mix(&cpu, f, 133, towards[rgb]) == 0 && mr_k_mix(&dev, df, 133, towards[rgb]) == 0);
        mr_frame *back = down(df);
        CHECK(frame_same(f, back));
        CHECK(mr_k_fill(&cpu, f, 0x80402010u) == 0 && mr_k_fill(&dev, df, 0x80402010u) == 0);
        mr_frame_unref(back);
        back = down(df);
        CHECK(frame_same(f, back));
        mr_frame_unref(f); mr_frame_unref(df); mr_frame_unref(back);
    }

    /* crop */
    mr_frame *big = frame_random(80, 60, 40), *part = mr_frame_new(31, 17, NULL);
    mr_frame *dbig = up(big), *dpart = mr_frame_new_gpu(mr_gpu_ready(), 31, 17, &err);
    CHECK(mr_k_copy_rect(&cpu, part, big, 13, 7, 31, 17) == 0 && mr_k_copy_rect(&dev, dpart, dbig, 13, 7, 31, 17) == 0);
    mr_frame *bpart = down(dpart);
    CHECK(frame_same(part, bpart));

    /* orientation (display matrices): every quarter turn, mirrored or not, bit-exact, on odd
     * sizes, a phone's 1920x1080 and a transparent picture (which stays not opaque) */
    int osz[][2] = {{67, 35}, {1920, 1080}, {33, 70}};
    for (int s = 0; s < 3; s++)
        for (int rot = 0; rot < 360; rot += 90)
            for (int flip = 0; flip < 2; flip++) {
                mr_orient o = {rot, flip};
                int w, h;
                mr_orient_size(o, osz[s][0], osz[s][1], &w, &h);
                mr_orient_params k = mr_orient_params_make(o, osz[s][0], osz[s][1]);
                mr_frame *src = s == 2 ? frame_random(osz[s][0], osz[s][1], 50 + s)
                                       : frame_random_opaque(osz[s][0], osz[s][1], 50 + s);
                mr_frame *dsrc = up(src), *h_out = mr_frame_new(w, h, NULL), *d_out = mr_frame_new_gpu(mr_gpu_ready(), w, h, &err);
                CHECK(mr_k_orient(&cpu, src, &k, h_out) == 0 && mr_k_orient(&dev, dsrc, &k, d_out) == 0);
                mr_frame *back = down(d_out);
                if (!frame_same(h_out, back))
                    fprintf(stderr, "orient %dx%d by %d%s: GPU and CPU differ\n", osz[s][0], osz[s][1], rot,
                            flip ? " mirrored" : "");
                CHECK(frame_same(h_out, back));
                CHECK(back && back->opaque == h_out->opaque && h_out->opaque == (s != 2));
                mr_frame_unref(src); mr_frame_unref(dsrc); mr_frame_unref(h_out); mr_frame_unref(d_out);
                mr_frame_unref(back);
            }

    /* the affine warp (rotate, scale, mirror, crop) with each filter: the same integer
     * arithmetic, so the same bits (1 LSB allowed); turned, zoomed, shrunk (widened filter,
     * and 3x3 samples when turned), mirrored, 8x smaller */
    static const float warps[][6] = {
        {0.866f, 0.5f, -20.3f, -0.5f, 0.866f, 40.7f},   /* 30 degrees */
        {0.5f, 0, 40.25f, 0, 0.5f, 22.1f},              /* zoomed twice */
        {2.5f, 0, -3.0f, 0, 2.5f, 1.5f},                /* shrunk 2.5 times: the filter widened */
        {2.2f, 0.9f, -3.0f, -0.9f, 2.2f, 1.5f},         /* turned and shrunk: 3x3 samples */
        {-1, 0, 97, 0, 1, 0},                           /* mirrored */
        {8, 0, -300, 0, 8, -200}};                      /* 8 times smaller */
    static const char *const filters[] = {"bilinear", "bicubic", "lanczos", "nearest"};
    for (int i = 0; i < 6; i++)
        for (int f = 0; f < 4; f++) {
            mr_frame *s = frame_random(97, 61, 60 + i), *h = mr_frame_new(120, 80, NULL);
            mr_warp_params k = {{warps[i][0], warps[i][1], warps[i][2], warps[i][3], warps[i][4], warps[i][5]}, 97,
                                61, 1, f};
            mr_frame *ds = up(s), *d = mr_frame_new_gpu(mr_gpu_ready(), 120, 80, &err);
            CHECK(mr_k_warp(&cpu, s, &k, h) == 0 && mr_k_warp(&dev, ds, &k, d) == 0);
            mr_frame *back = down(d);
            int worst = frame_worst(h, back, NULL);
            printf("warp %d, %s: largest difference %d\n", i, filters[f], worst);
            CHECK(worst <= 1 && back && back->opaque == h->opaque);
            mr_frame_unref(s); mr_frame_unref(ds); mr_frame_unref(h); mr_frame_unref(d); mr_frame_unref(back);
        }
    /* a 1080p Ken Burns zoom of an opaque picture, each filter: opaque on both */
    for (int f = 0; f < 4; f++) {
        mr_frame *s = frame_random_opaque(1920, 1080, 70 + f), *h = mr_frame_new(1920, 1080, NULL);
        mr_warp_params k = {{1 / 1.07f, 0, 960 - 960 / 1.07f, 0, 1 / 1.07f, 540 - 540 / 1.07f}, 1920, 1080, 1, f};
        mr_frame *ds = up(s), *d = mr_frame_new_gpu(mr_gpu_ready(), 1920, 1080, &err);
        CHECK(mr_k_warp(&cpu, s, &k, h) == 0 && mr_k_warp(&dev, ds, &k, d) == 0);
        mr_frame *back = down(d);
        CHECK(frame_same(h, back) && h->opaque && d->opaque);
        if (back && !frame_same(h, back))
            fprintf(stderr, "warp 1080p zoom, %s: GPU and CPU differ\n", filters[f]);
        mr_frame_unref(s); mr_frame_unref(ds); mr_frame_unref(h); mr_frame_unref(d); mr_frame_unref(back);
    }

    /* resampling (the warp with its edges repeated): the same bits on both engines, up and
     * down, with every filter, and past the widest filter in steps (a 4K frame to a thumbnail) */
    int sizes[][4] = {{640, 360, 960, 540}, {1920, 1080, 960, 540}, {1280, 720, 1920, 1080}, {400, 200, 123, 61},
                      {3840, 2160, 96, 54}};
    for (int i = 0; i < 5; i++)
        for (int f = 0; f < 4; f++) {
            mr_frame *s = frame_natural(sizes[i][0], sizes[i][1], false, false);
            mr_frame *ds = up(s), *h = mr_frame_new(sizes[i][2], sizes[i][3], NULL),
                     *d = mr_frame_new_gpu(mr_gpu_ready(), sizes[i][2], sizes[i][3], &err);
            CHECK(mr_k_resize(&cpu, s, h, f) == 0 && mr_k_resize(&dev, ds, d, f) == 0);
            mr_frame *back = down(d);
            bool eq = frame_same(h, back);
            printf("resize %dx%d -> %dx%d, %s: %s\n", sizes[i][0], sizes[i][1], sizes[i][2], sizes[i][3], filters[f],
                   eq ? "the same bits" : "GPU and CPU differ");
            CHECK(eq);
            mr_frame_unref(s); mr_frame_unref(ds); mr_frame_unref(h); mr_frame_unref(d); mr_frame_unref(back);
        }
    mr_frame_unref(big); mr_frame_unref(part); mr_frame_unref(dbig); mr_frame_unref(dpart); mr_frame_unref(bpart);
    mr_eval_free(&cpu);
    mr_eval_free(&dev);
    return CHECK_DONE();
}
