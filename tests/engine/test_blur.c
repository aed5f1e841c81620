/* test_blur.c: the Gaussian blur on the CPU (engine/kernels/k_blur.h): its integer kernel
 * sums to 1 << 16, a flat colour stays flat, an impulse takes the Gaussian's shape, the
 * edges repeat, x then y is both at once within 1 LSB, premultiplied edges keep their colour,
 * sigma 0 copies, a random frame matches a reference in doubles (the exact taps, below
 * MR_BLUR_BOX_SIGMA; the box passes above it are tests/engine/test_blur_box.c's), the plain
 * loops give the AVX2 loops' bits, and bad sigmas are refused. */
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include "engine/kernels/cpu/blur.h"
#include "engine/kernels/k_blur.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static mr_err err;
static mr_eval ev;

static mr_frame *blurred(const mr_frame *src, float sx, float sy)
{
    mr_frame *d = mr_frame_new(src->w, src->h, &err);
    if (mr_k_blur(&ev, src, d, sx, sy) < 0)
        fprintf(stderr, "blur: %s\n", err.msg);
    return d;
}

static int worst(const mr_frame *a, const mr_frame *b) { return frame_worst(a, b, NULL); }

/* The normalised discrete Gaussian's weight t away (radius ceil(3 sigma)). */
static double gauss(double sigma, int t)
{
    int r = (int)ceil(3 * sigma);
    double total = 0;
    for (int i = -r; i <= r; i++)
        total += exp(-(double)i * i / (2 * sigma * sigma));
    return abs(t) > r ? 0 : exp(-(double)t * t / (2 * sigma * sigma)) / total;
}

static void test_taps(void)
{
    static const double sigmas[] = {0, 0.1, 0.3, 0.5, 1, 2.5, 10, 37.3, 100, 256};
    for (size_t i = 0; i < sizeof sigmas / sizeof *sigmas; i++) {
        mr_blur_taps k;
        mr_blur_taps_make(sigmas[i], &k);
        uint32_t sum = k.w[0];
        bool close = true, falling = true;
        for (int t = 1; t <= k.radius; t++) {
            sum += 2 * k.w[t];
            falling = falling && k.w[t] <= k.w[t - 1] + (t == 1); /* the centre gets no pair's unit */
        }
        for (int t = 0; t <= k.radius && sigmas[i] > 0; t++)
            close = close && fabs(k.w[t] - gauss(sigmas[i], t) * 65536) <= 1;
        CHECK_INT(sum, 1 << 16);
        CHECK(k.radius <= (int)ceil(3 * sigmas[i]));
        if (!close || !falling)
            fprintf(stderr, "sigma %g: weights %s\n", sigmas[i], close ? "not falling" : "off the Gaussian");
        CHECK(close && falling);
    }
    mr_blur_taps k;
    mr_blur_taps_make(0, &k);
    CHECK(k.radius == 0 && k.w[0] == 1 << 16);
    mr_blur_taps_make(10, &k);
    CHECK_INT(k.radius, 30);
}

static void test_flat(void)
{
    static const float sigmas[][2] = {{1, 1}, {3.5f, 0.7f}, {10, 10}, {0, 6}, {40, 256}};
    mr_frame *f = frame_filled(67, 45, 0xa0785030u), *g = frame_filled(67, 45, 0xa0785030u);
    for (int i = 0; i < 5; i++) {
        mr_frame *b = blurred(f, sigmas[i][0], sigmas[i][1]);
        CHECK_INT(worst(b, g), 0);
        CHECK(!b->opaque);
        mr_frame_unref(b);
    }
    mr_frame *o = frame_filled(30, 20, 0xff102030u), *ob = blurred(o, 5, 5);
    CHECK(ob->opaque && worst(o, ob) == 0);
    mr_frame_unref(f); mr_frame_unref(g); mr_frame_unref(o); mr_frame_unref(ob);
}

static void test_impulse(void)
{
    const double sx = 4, sy = 2.5;
    mr_frame *f = frame_filled(61, 41, 0);
    memset(frame_px(f, 30, 20), 255, 4);
    mr_frame *b = blurred(f, (float)sx, (float)sy);
    double err_max = 0;
    for (int y = 0; y < 41; y++)
        for (int x = 0; x < 61; x++) {
            double want = 255 * gauss(sx, x - 30) * gauss(sy, y - 20);
            for (int c = 0; c < 4; c++)
                err_max = fmax(err_max, fabs(frame_px(b, x, y)[c] - want));
        }
    printf("impulse: largest difference from the Gaussian %.3f\n", err_max);
    CHECK(err_max <= 1);
    CHECK(frame_px(b, 30, 20)[0] >= frame_px(b, 31, 20)[0] && frame_px(b, 31, 20)[0] >= frame_px(b, 32, 20)[0]);
    CHECK(frame_px(b, 30, 20)[0] > frame_px(b, 34, 20)[0] && frame_px(b, 30, 20)[0] > frame_px(b, 30, 22)[0]);
    CHECK(frame_px(b, 30 - 5, 20)[0] == frame_px(b, 30 + 5, 20)[0] && frame_px(b, 30, 17)[2] == frame_px(b, 30, 23)[2]);
    mr_frame_unref(f); mr_frame_unref(b);
}

/* A reference in doubles: edges repeated, each channel, rounded once. */
static mr_frame *reference(const mr_frame *s, double sx, double sy)
{
    mr_frame *d = mr_frame_new(s->w, s->h, &err);
    int rx = (int)ceil(3 * sx), ry = (int)ceil(3 * sy);
    double gx[2 * 40 + 1], gy[2 * 40 + 1];
    for (int i = -rx; i <= rx; i++)
        gx[i + rx] = sx ? gauss(sx, i) : 1;
    for (int j = -ry; j <= ry; j++)
        gy[j + ry] = sy ? gauss(sy, j) : 1;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            for (int c = 0; c < 4; c++) {
                double acc = 0;
                for (int j = -ry; j <= ry; j++)
                    for (int i = -rx; i <= rx; i++) {
                        int xx = x + i < 0 ? 0 : x + i >= s->w ? s->w - 1 : x + i;
                        int yy = y + j < 0 ? 0 : y + j >= s->h ? s->h - 1 : y + j;
                        acc += gx[i + rx] * gy[j + ry] * frame_px(s, xx, yy)[c];
                    }
                frame_px(d, x, y)[c] = (uint8_t)lround(acc);
            }
    return d;
}

static void test_reference(void)
{
    mr_frame *s = frame_random(23, 17, 7);
    static const double sig[][2] = {{1.7, 2.3}, {0.6, 3.9}, {3, 0}, {3.9, 1}}; /* the taps: test_blur_box.c has the boxes */
    for (int i = 0; i < 4; i++) {
        mr_frame *b = blurred(s, (float)sig[i][0], (float)sig[i][1]), *r = reference(s, sig[i][0], sig[i][1]);
        int d = worst(b, r);
        if (d > 1)
            fprintf(stderr, "sigma %g, %g: %d from the reference\n", sig[i][0], sig[i][1], d);
        CHECK(d <= 1);
        mr_frame_unref(b); mr_frame_unref(r);
    }
    /* premultiplied stays premultiplied */
    mr_frame *b = blurred(s, 2, 3);
    bool ok = true;
    for (int y = 0; y < 17; y++)
        for (int x = 0; x < 23; x++)
            ok = ok && frame_px(b, x, y)[0] <= frame_px(b, x, y)[3] && frame_px(b, x, y)[1] <= frame_px(b, x, y)[3] &&
                 frame_px(b, x, y)[2] <= frame_px(b, x, y)[3];
    CHECK(ok);
    /* deterministic */
    mr_frame *again = blurred(s, 2, 3);
    CHECK_INT(worst(b, again), 0);
    mr_frame_unref(s); mr_frame_unref(b); mr_frame_unref(again);
}

static void test_separable(void)
{
    mr_frame *s = frame_random(90, 70, 11);
    mr_frame *x = blurred(s, 3.2f, 0), *xy = blurred(x, 0, 2.1f), *both = blurred(s, 3.2f, 2.1f);
    mr_frame *y = blurred(s, 0, 2.1f), *yx = blurred(y, 3.2f, 0);
    printf("separable: x then y %d, y then x %d from both at once\n", worst(xy, both), worst(yx, both));
    CHECK(worst(xy, both) <= 1 && worst(yx, both) <= 1);
    mr_frame_unref(s); mr_frame_unref(x); mr_frame_unref(xy); mr_frame_unref(both);
    mr_frame_unref(y); mr_frame_unref(yx);
}

static void test_edges(void)
{
    /* left half opaque red, right half transparent: the edge fades in alpha, not to black */
    mr_frame *f = frame_filled(40, 10, 0);
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 20; x++)
            memcpy(frame_px(f, x, y), &(uint32_t){0xff0000ffu}, 4);
    mr_frame *b = blurred(f, 3, 3);
    bool red = true, faded = false;
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 40; x++) {
            uint8_t *p = frame_px(b, x, y);
            red = red && p[0] == p[3] && p[1] == 0 && p[2] == 0;
            faded = faded || (p[3] > 0 && p[3] < 255);
        }
    CHECK(red && faded);
    /* clamped: column 0 white repeats beyond the left edge, so pixel 0 keeps w0 + the left half */
    mr_frame *c = frame_filled(30, 3, 0xff000000u);
    for (int y = 0; y < 3; y++)
        memset(frame_px(c, 0, y), 255, 4);
    mr_frame *cb = blurred(c, 2, 0);
    double want = 255 * (gauss(2, 0) + (1 - gauss(2, 0)) / 2);
    CHECK_NEAR(frame_px(cb, 0, 1)[0], want, 1);
    CHECK_INT(frame_px(cb, 0, 1)[3], 255);
    /* and top and bottom rows: a flat frame's corners stay (tested in test_flat), a stripe
     * across the top row stays the top row's at the top */
    mr_frame *t = frame_filled(5, 40, 0xff000000u);
    memset(mr_frame_row(t, 0), 200, 20);
    mr_frame *tb = blurred(t, 0, 4);
    CHECK_NEAR(frame_px(tb, 2, 0)[1], 200 * (gauss(4, 0) + (1 - gauss(4, 0)) / 2), 1);
    CHECK(frame_px(tb, 2, 1)[1] < frame_px(tb, 2, 0)[1]);
    mr_frame_unref(f); mr_frame_unref(b); mr_frame_unref(c); mr_frame_unref(cb); mr_frame_unref(t);
    mr_frame_unref(tb);
}

static void test_zero_and_errors(void)
{
    mr_frame *s = frame_random(31, 19, 3), *d = mr_frame_new(31, 19, &err);
    mr_frame *c = blurred(s, 0, 0);
    CHECK_INT(worst(s, c), 0);
    /* sigma_y 0: rows that are each one colour stay as they are */
    mr_frame *rows = mr_frame_new(31, 19, &err);
    for (int y = 0; y < 19; y++)
        for (int x = 0; x < 31; x++)
            memcpy(frame_px(rows, x, y), frame_px(s, 0, y), 4);
    mr_frame *rb = blurred(rows, 7, 0);
    CHECK_INT(worst(rows, rb), 0);
    static const float bad[] = {-1, 256.5f, NAN, INFINITY, -INFINITY};
    for (int i = 0; i < 5; i++) {
        err.msg[0] = 0;
        CHECK(mr_k_blur(&ev, s, d, bad[i], 1) == -1);
        CHECK_STR(err.msg, "256");
        CHECK(mr_k_blur(&ev, s, d, 1, bad[i]) == -1);
        CHECK_STR(err.msg, "sigma_y");
    }
    CHECK(mr_k_blur(&ev, s, d, 256, 0.5f) == 0); /* the limit itself is fine */
    mr_frame *small = mr_frame_new(30, 19, &err);
    CHECK(mr_k_blur(&ev, s, small, 1, 1) == -1);
    CHECK_STR(err.msg, "size");
    CHECK(mr_k_blur(&ev, s, s, 1, 1) == -1);
    mr_frame_unref(s); mr_frame_unref(d); mr_frame_unref(c); mr_frame_unref(rows); mr_frame_unref(rb);
    mr_frame_unref(small);
}

/* The plain loops give the AVX2 loops' bits (where this machine has AVX2), on widths that
 * leave every kind of tail, and sigmas with an odd and even number of taps past the centre. */
static void test_plain_loops(void)
{
    static const int widths[] = {8, 61, 67, 200};
    static const float sig[] = {0.4f, 1, 2.5f, 9};
    for (int i = 0; i < 4; i++) {
        mr_frame *s = frame_random(widths[i], 37, 20 + i);
        mr_frame *fast = blurred(s, sig[i], sig[3 - i]);
        mr_cpu_blur_use_simd(false);
        mr_frame *plain = blurred(s, sig[i], sig[3 - i]);
        mr_cpu_blur_use_simd(true);
        CHECK_INT(worst(fast, plain), 0);
        mr_frame_unref(s); mr_frame_unref(fast); mr_frame_unref(plain);
    }
}

/* Milliseconds of this thread's CPU time a 1920x1080 blur of sigma 10 takes here (the box
 * passes; the CPU engine is the reference; CPU time, as a shared machine makes wall time
 * noisy). */
static void time_1080p(void)
{
    mr_frame *s = frame_random(1920, 1080, 5), *d = mr_frame_new(1920, 1080, &err);
    mr_k_blur(&ev, s, d, 10, 10); /* warm the scratch */
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        mr_k_blur(&ev, s, d, 10, 10);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        best = fmin(best, (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
    }
    printf("CPU blur 1920x1080, sigma 10: %.1f ms\n", best);
    mr_frame_unref(s); mr_frame_unref(d);
}

int main(void)
{
    mr_eval_init(&ev, &err, NULL);
    test_taps();
    test_flat();
    test_impulse();
    test_reference();
    test_separable();
    test_edges();
    test_zero_and_errors();
    test_plain_loops();
    time_1080p();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
