/* test_blur_box.c: the blur's box passes on the CPU (engine/kernels/cpu/blur_box.c, the rule in
 * engine/kernels/blur_params.h): the boxes' integers are well formed and their variance is
 * sigma^2; a blur is within the stated tolerance of a Gaussian in doubles; a flat colour stays
 * flat; premultiplied stays premultiplied; the edges repeat (the same bits as blurring a copy
 * padded by hand); box_blur's one pass matches its taps; the plain loops give the AVX2 loops'
 * bits; a replay of cuda/blur_box.cu's split of the work (pieces of lines by
 * mr_blur_box_lane) gives the same bits; and the time at 1080p, boxes against taps. */
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include "engine/kernels/cpu/blur.h"
#include "engine/kernels/cpu/blur_box.h"
#include "engine/kernels/k_blur.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static mr_err err;
static mr_eval ev;

static mr_frame *blurred_by(const mr_frame *src, const mr_blur_taps *kx, const mr_blur_taps *ky)
{
    mr_frame *d = mr_frame_new(src->w, src->h, &err);
    if (mr_k_blur_taps(&ev, src, d, kx, ky) < 0)
        fprintf(stderr, "blur: %s\n", err.msg);
    return d;
}

static mr_frame *blurred(const mr_frame *src, double sx, double sy)
{
    mr_blur_taps kx, ky;
    mr_blur_taps_make(sx, &kx);
    mr_blur_taps_make(sy, &ky);
    return blurred_by(src, &kx, &ky);
}

static int worst(const mr_frame *a, const mr_frame *b) { return frame_worst(a, b, NULL); }

/* Edges, gradients, a soft round hole: a picture like a user's (tests/gpu/test_blur.c's). */
static mr_frame *natural(int w, int h)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = frame_px(f, x, y);
            bool box = ((x / 37) + (y / 29)) & 1;
            double d = hypot(x - w / 2.0, y - h / 2.0);
            int a = d < 20 ? 0 : d < 60 ? (int)((d - 20) * 255 / 40) : 255;
            p[0] = (uint8_t)(x * 255 / w * a / 255);
            p[1] = (uint8_t)((box ? 200 : y * 255 / h) * a / 255);
            p[2] = (uint8_t)((128 + 100 * sin(x * 0.05) * cos(y * 0.07)) * a / 255);
            p[3] = (uint8_t)a;
        }
    f->opaque = false;
    return f;
}

/* The boxes of every sigma past the threshold: integers as blur_params.h says, three alike,
 * the cascade's variance sigma^2 within 0.3 % (the end taps' weight is an integer ratio);
 * below the threshold, the taps. */
static void test_boxes(void)
{
    double worst_var = 0;
    for (double s = 0.5; s <= MR_BLUR_SIGMA_MAX; s *= 1.03) {
        mr_blur_taps k;
        mr_blur_taps_make(s, &k);
        if (s < MR_BLUR_BOX_SIGMA) {
            CHECK_INT(k.passes, 0);
            continue;
        }
        CHECK_INT(k.passes, MR_BLUR_BOX_PASSES);
        double var = 0;
        for (int p = 0; p < k.passes; p++) {
            const mr_blur_box *b = &k.box[p];
            CHECK_INT(b->A * (2 * b->r + 1) + 2 * b->a, 1u << b->shift);
            CHECK(b->A < 32768 && b->a < 32768 && b->shift <= 20 && b->A % 2 == 0);
            double r = b->r;
            var += (b->A * r * (r + 1) * (2 * r + 1) / 3 + 2.0 * b->a * (r + 1) * (r + 1)) / (1 << b->shift);
        }
        worst_var = fmax(worst_var, fabs(var / (s * s) - 1));
        CHECK(mr_blur_box_reach(&k) <= 3 * s + 3);
    }
    printf("boxes: variance within %.4f %% of sigma^2\n", 100 * worst_var);
    CHECK(worst_var < 0.003);
    mr_blur_taps k;
    mr_blur_box_taps_make(MR_BLUR_BOX_RADIUS - 0.5, &k);
    CHECK_INT(k.passes, 0);
    mr_blur_box_taps_make(37.25, &k);
    CHECK(k.passes == 1 && k.box[0].r == 37);
    CHECK_NEAR(k.box[0].a / (double)k.box[0].A, 0.25, 0.01);
}

/* The normalised discrete Gaussian's weights for t in -r..r (r = ceil(3 sigma)), in g. */
static int gauss_of(double sigma, double *g)
{
    int r = (int)ceil(3 * sigma);
    double total = 0;
    for (int t = -r; t <= r; t++)
        total += g[t + r] = exp(-(double)t * t / (2 * sigma * sigma));
    for (int t = -r; t <= r; t++)
        g[t + r] /= total;
    return r;
}

/* A true Gaussian blur of s in doubles (edges repeated, separable, rounded once). */
static mr_frame *reference(const mr_frame *s, double sigma)
{
    double *g = malloc(sizeof(double) * (6 * (size_t)ceil(sigma) + 3));
    double *tmp = malloc(sizeof(double) * 4 * (size_t)s->w * s->h);
    int r = gauss_of(sigma, g);
    mr_frame *d = mr_frame_new(s->w, s->h, &err);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            for (int c = 0; c < 4; c++) {
                double acc = 0;
                for (int t = -r; t <= r; t++)
                    acc += g[t + r] * frame_px(s, x + t < 0 ? 0 : x + t >= s->w ? s->w - 1 : x + t, y)[c];
                tmp[4 * ((size_t)y * s->w + x) + c] = acc;
            }
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            for (int c = 0; c < 4; c++) {
                double acc = 0;
                for (int t = -r; t <= r; t++) {
                    int yy = y + t < 0 ? 0 : y + t >= s->h ? s->h - 1 : y + t;
                    acc += g[t + r] * tmp[4 * ((size_t)yy * s->w + x) + c];
                }
                frame_px(d, x, y)[c] = (uint8_t)lround(acc);
            }
    free(g);
    free(tmp);
    return d;
}

/* Within 4 of a true Gaussian on a natural picture, 3 on a step edge (blur_params.h's figure:
 * 2.5 before rounding), 6 on random noise (10 for the worst picture there can be); colour
 * never above alpha. */
static void test_reference(void)
{
    static const double sigmas[] = {MR_BLUR_BOX_SIGMA, 5, 7.3, 12, 25};
    mr_frame *nat = natural(160, 120), *rnd = frame_random(97, 83, 9);
    mr_frame *step = frame_filled(160, 8, 0);
    for (int y = 0; y < 8; y++)
        for (int x = 80; x < 160; x++)
            memset(frame_px(step, x, y), 255, 4);
    for (size_t i = 0; i < sizeof sigmas / sizeof *sigmas; i++) {
        mr_frame *pics[] = {nat, step, rnd};
        int d[3];
        for (int j = 0; j < 3; j++) {
            mr_frame *b = blurred(pics[j], sigmas[i], sigmas[i]), *r = reference(pics[j], sigmas[i]);
            d[j] = worst(b, r);
            bool premul = true;
            for (int y = 0; y < b->h; y++)
                for (int x = 0; x < b->w; x++)
                    for (int c = 0; c < 3; c++)
                        premul = premul && frame_px(b, x, y)[c] <= frame_px(b, x, y)[3];
            CHECK(premul);
            mr_frame_unref(b);
            mr_frame_unref(r);
        }
        printf("sigma %g: from a true Gaussian: natural %d, step %d, random %d\n", sigmas[i], d[0], d[1], d[2]);
        CHECK(d[0] <= 4 && d[1] <= 3 && d[2] <= 6);
    }
    mr_frame_unref(nat); mr_frame_unref(rnd); mr_frame_unref(step);
}

/* A flat colour stays flat, the alpha and the opaque flag kept, for sigmas and box radii of
 * every kind, and one pass of each kind on the axes. */
static void test_flat(void)
{
    static const double sig[][2] = {{4, 4}, {25, 50}, {256, 256}, {0, 30}, {30, 0}, {2, 9}, {100, 3}};
    mr_frame *f = frame_filled(67, 45, 0xa0785030u), *o = frame_filled(30, 20, 0xff102030u);
    for (size_t i = 0; i < sizeof sig / sizeof *sig; i++) {
        mr_frame *b = blurred(f, sig[i][0], sig[i][1]), *ob = blurred(o, sig[i][0], sig[i][1]);
        CHECK_INT(worst(b, f), 0);
        CHECK(!b->opaque && ob->opaque);
        CHECK_INT(worst(ob, o), 0);
        mr_frame_unref(b); mr_frame_unref(ob);
    }
    for (double r = MR_BLUR_BOX_RADIUS; r < 512; r = r * 1.7 + 0.3) {
        mr_blur_taps k;
        mr_blur_box_taps_make(r, &k);
        mr_frame *b = blurred_by(f, &k, &k);
        CHECK_INT(worst(b, f), 0);
        mr_frame_unref(b);
    }
    /* the largest values: white opaque stays white */
    mr_frame *w = frame_filled(40, 40, 0xffffffffu), *wb = blurred(w, 13, 13);
    CHECK_INT(worst(w, wb), 0);
    mr_frame_unref(f); mr_frame_unref(o); mr_frame_unref(w); mr_frame_unref(wb);
}

/* The edge rule: the same bits as the blur of a copy whose edge pixels are repeated by hand
 * far enough past the frame, then cut back. */
static void test_edges(void)
{
    mr_frame *s = frame_random(53, 41, 4);
    static const double sig[][2] = {{6, 9}, {20, 4}, {2, 30}};
    for (int i = 0; i < 3; i++) {
        const int m = 100;
        mr_frame *wide = mr_frame_new(s->w + 2 * m, s->h + 2 * m, NULL);
        for (int y = 0; y < wide->h; y++)
            for (int x = 0; x < wide->w; x++) {
                int sx = x - m < 0 ? 0 : x - m >= s->w ? s->w - 1 : x - m;
                int sy = y - m < 0 ? 0 : y - m >= s->h ? s->h - 1 : y - m;
                memcpy(frame_px(wide, x, y), frame_px(s, sx, sy), 4);
            }
        wide->opaque = false;
        mr_frame *b = blurred(s, sig[i][0], sig[i][1]), *wb = blurred(wide, sig[i][0], sig[i][1]);
        bool same = true;
        for (int y = 0; y < s->h; y++)
            same = same && !memcmp(mr_frame_row(b, y), frame_px(wb, m, y + m), 4 * (size_t)s->w);
        CHECK(same);
        mr_frame_unref(wide); mr_frame_unref(b); mr_frame_unref(wb);
    }
    mr_frame_unref(s);
}

/* box_blur's one pass is its taps within 1 (the same weights, rounded otherwise). */
static void test_box_blur(void)
{
    mr_frame *s = frame_random(71, 53, 6);
    static const double radii[] = {MR_BLUR_BOX_RADIUS, 6.5, 11.25, 30};
    for (int i = 0; i < 4; i++) {
        mr_blur_taps k, t;
        mr_blur_box_taps_make(radii[i], &k);
        t = k;
        t.passes = 0;
        mr_frame *a = blurred_by(s, &k, &k), *b = blurred_by(s, &t, &t);
        printf("box_blur %g: one pass against the taps: %d\n", radii[i], worst(a, b));
        CHECK(k.passes == 1 && worst(a, b) <= 1);
        mr_frame_unref(a); mr_frame_unref(b);
    }
    mr_frame_unref(s);
}

/* The plain loops give the AVX2 loops' bits, with tails of every kind (widths not a multiple
 * of 4 pixels, heights not of 4 rows). */
static void test_plain_loops(void)
{
    static const int sizes[][2] = {{8, 5}, {61, 37}, {67, 4}, {200, 93}, {3, 70}};
    for (int i = 0; i < 5; i++) {
        mr_frame *s = frame_random(sizes[i][0], sizes[i][1], 40 + i);
        double sx = 4 + 7 * i, sy = 30 - 5 * i;
        mr_frame *fast = blurred(s, sx, sy);
        mr_cpu_blur_use_simd(false);
        mr_frame *plain = blurred(s, sx, sy);
        mr_cpu_blur_use_simd(true);
        CHECK_INT(worst(fast, plain), 0);
        mr_frame_unref(s); mr_frame_unref(fast); mr_frame_unref(plain);
    }
}

/* cuda/blur_box.cu's work, replayed here: a line of 4 channels, each pass split into 64
 * pieces a channel, each piece by mr_blur_box_lane. Returns the buffer with the results. */
static const uint16_t *gpu_passes(uint16_t *cur, uint16_t *other, int nfinal, const mr_blur_taps *k, int last)
{
    int len = nfinal + 2 * mr_blur_box_reach(k);
    for (int p = 0; p < k->passes; p++) {
        const mr_blur_box *b = &k->box[p];
        const int nout = len - 2 * (b->r + 1), per = (nout + 63) / 64;
        for (int thread = 0; thread < 256; thread++) {
            int c = thread & 3, piece = thread >> 2;
            int j0 = piece * per < nout ? piece * per : nout, j1 = j0 + per < nout ? j0 + per : nout;
            mr_blur_box_lane(cur + c, other + c, 4, j0, j1, b, mr_blur_box_shift(b, p == k->passes - 1 ? last : 0));
        }
        uint16_t *t = cur;
        cur = other;
        other = t;
        len = nout;
    }
    return cur;
}

/* The GPU's box passes replayed (box_rows, then box_cols) on src. */
static mr_frame *gpu_replay(const mr_frame *src, const mr_blur_taps *kx, const mr_blur_taps *ky)
{
    const int w = src->w, h = src->h, rx = mr_blur_box_reach(kx), ry = mr_blur_box_reach(ky);
    uint16_t *tmp = malloc(sizeof(uint16_t) * 4 * (size_t)w * h);
    const size_t most = (size_t)(w + h + 2 * (rx + ry)); /* longer than either line */
    uint16_t *b0 = malloc(sizeof(uint16_t) * 8 * most), *b1 = b0 + 4 * most;
    for (int y = 0; y < h; y++) {
        const int len = w + 2 * rx;
        const uint8_t *in = mr_frame_row(src, y);
        for (int i = 0; i < 4 * len; i++) {
            int x = (i >> 2) - rx;
            b0[i] = mr_blur_box_in8(in[4 * (x < 0 ? 0 : x > w - 1 ? w - 1 : x) + (i & 3)]);
        }
        memcpy(tmp + (size_t)y * 4 * w, gpu_passes(b0, b1, w, kx, 1), sizeof(uint16_t) * 4 * w);
    }
    mr_frame *d = mr_frame_new(w, h, NULL);
    for (int x = 0; x < w; x++) {
        const int len = h + 2 * ry;
        for (int i = 0; i < 4 * len; i++) {
            int y = (i >> 2) - ry;
            b0[i] = mr_blur_box_in16(tmp[(size_t)(y < 0 ? 0 : y > h - 1 ? h - 1 : y) * 4 * w + 4 * x + (i & 3)]);
        }
        const uint16_t *res = gpu_passes(b0, b1, h, ky, 2);
        for (int i = 0; i < 4 * h; i++)
            mr_frame_row(d, i >> 2)[4 * x + (i & 3)] = (uint8_t)res[i];
    }
    free(tmp);
    free(b0);
    return d;
}

static void test_gpu_replay(void)
{
    static const int sizes[][2] = {{90, 70}, {1, 1}, {301, 2}, {5, 150}};
    static const double sig[][2] = {{4, 4}, {25, 11}, {50, 256}, {7.7, 60}};
    for (int i = 0; i < 4; i++) {
        mr_frame *s = frame_random(sizes[i][0], sizes[i][1], 60 + i);
        mr_blur_taps kx, ky;
        mr_blur_taps_make(sig[i][0], &kx);
        mr_blur_taps_make(sig[i][1], &ky);
        mr_frame *cpu = blurred_by(s, &kx, &ky), *gpu = gpu_replay(s, &kx, &ky);
        CHECK_INT(worst(cpu, gpu), 0);
        mr_frame_unref(s); mr_frame_unref(cpu); mr_frame_unref(gpu);
    }
}

/* Milliseconds of this thread's CPU time (best of 3) for a 1920x1080 blur of clip:blur's
 * radius 2, 10, 50, 100 (sigma radius / 2), by the kernel chosen and by the taps alone. */
static void time_1080p(void)
{
    mr_frame *s = frame_random(1920, 1080, 5), *d = mr_frame_new(1920, 1080, &err);
    static const double radii[] = {2, 10, 50, 100};
    for (int i = 0; i < 4; i++) {
        mr_blur_taps k, t;
        mr_blur_taps_make(radii[i] / 2, &k);
        t = k;
        t.passes = 0;
        double best[2] = {1e9, 1e9};
        for (int which = 0; which < 2; which++) {
            mr_k_blur_taps(&ev, s, d, which ? &t : &k, which ? &t : &k); /* warm the scratch */
            for (int n = 0; n < 3; n++) {
                struct timespec a, b;
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
                mr_k_blur_taps(&ev, s, d, which ? &t : &k, which ? &t : &k);
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
                best[which] = fmin(best[which], (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
            }
        }
        printf("CPU blur 1920x1080, radius %g (sigma %g, %s): %.1f ms (the exact taps: %.1f ms)\n", radii[i],
               radii[i] / 2, k.passes ? "boxes" : "taps", best[0], best[1]);
    }
    mr_frame_unref(s); mr_frame_unref(d);
}

int main(void)
{
    mr_eval_init(&ev, &err, NULL);
    test_boxes();
    test_reference();
    test_flat();
    test_edges();
    test_box_blur();
    test_plain_loops();
    test_gpu_replay();
    time_1080p();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
