/* test_morph.c: grow and shrink on the CPU (engine/kernels/k_morph.h): a grown pixel becomes
 * the disc, a shrunk square keeps its centre, grow then shrink gives the square back, the
 * frame's edges neither eat a mask nor lend it anything, a fractional radius blends the two
 * nearest discs, random frames match a brute-force reference, and bad radii are refused. */
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include "engine/kernels/k_morph.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static mr_err err;
static mr_eval ev;

/* A rectangle [x0, x1) x [y0, y1) of white on transparent. */
static mr_frame *box(int w, int h, int x0, int y0, int x1, int y1)
{
    mr_frame *f = frame_filled(w, h, 0);
    for (int y = y0; y < y1; y++)
        memset(frame_px(f, x0, y), 255, 4 * (size_t)(x1 - x0));
    return f;
}

static mr_frame *morphed(const mr_frame *src, float r, bool grow)
{
    mr_frame *d = mr_frame_new(src->w, src->h, &err);
    if (mr_k_morph(&ev, src, d, r, grow) < 0)
        fprintf(stderr, "morph: %s\n", err.msg);
    return d;
}

static void test_disc(void)
{
    mr_frame *f = frame_filled(41, 41, 0);
    memset(frame_px(f, 20, 20), 255, 4);
    mr_frame *g = morphed(f, 3, true);
    bool disc = true;
    for (int y = 0; y < 41; y++)
        for (int x = 0; x < 41; x++) {
            int d2 = (x - 20) * (x - 20) + (y - 20) * (y - 20);
            disc = disc && frame_px(g, x, y)[0] == (d2 <= 9 ? 255 : 0) && frame_px(g, x, y)[3] == frame_px(g, x, y)[0];
        }
    CHECK(disc);
    CHECK(frame_px(g, 22, 22)[3] == 255); /* 2.83 away: in */
    CHECK(frame_px(g, 23, 20)[3] == 255); /* 3 */
    CHECK(frame_px(g, 23, 21)[3] == 0);   /* 3.16: out */
    CHECK(frame_px(g, 23, 22)[3] == 0);   /* 3.61 */
    /* a shrink of white with one black pixel is the same disc, in black */
    mr_frame *inv = frame_filled(41, 41, 0xffffffffu);
    memset(frame_px(inv, 20, 20), 0, 4);
    mr_frame *s = morphed(inv, 3, false);
    bool hole = true;
    for (int y = 0; y < 41; y++)
        for (int x = 0; x < 41; x++)
            hole = hole && frame_px(s, x, y)[1] == 255 - frame_px(g, x, y)[1];
    CHECK(hole);
    mr_frame_unref(f); mr_frame_unref(g); mr_frame_unref(inv); mr_frame_unref(s);
}

static void test_squares(void)
{
    mr_frame *sq = box(100, 90, 30, 25, 70, 65);
    mr_frame *s = morphed(sq, 5, false), *want = box(100, 90, 35, 30, 65, 60);
    CHECK(frame_same(s, want)); /* shrunk by 5 on each side, its centre kept */
    mr_frame *g = morphed(sq, 6, true), *closed = morphed(g, 6, false);
    CHECK(frame_same(closed, sq)); /* closing gives the square back */
    CHECK(frame_px(g, 24, 25)[3] == 255 && frame_px(g, 25, 20)[3] == 0); /* grown: round corners */
    mr_frame_unref(sq); mr_frame_unref(s); mr_frame_unref(want); mr_frame_unref(g); mr_frame_unref(closed);
}

static void test_edges(void)
{
    /* a mask that fills the frame keeps its border when shrunk */
    mr_frame *full = frame_filled(30, 20, 0xffffffffu), *s = morphed(full, 5, false);
    CHECK(frame_same(s, full));
    /* the corner pixel grows into a quarter disc; nothing wraps or comes in from outside */
    mr_frame *c = frame_filled(30, 20, 0);
    memset(frame_px(c, 0, 0), 255, 4);
    mr_frame *g = morphed(c, 4, true);
    bool quarter = true;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 30; x++)
            quarter = quarter && frame_px(g, x, y)[3] == (x * x + y * y <= 16 ? 255 : 0);
    CHECK(quarter);
    /* a mask touching the left edge shrinks only from its other sides */
    mr_frame *left = box(30, 20, 0, 5, 10, 15), *ls = morphed(left, 2, false), *lw = box(30, 20, 0, 7, 8, 13);
    CHECK(frame_same(ls, lw));
    mr_frame_unref(full); mr_frame_unref(s); mr_frame_unref(c); mr_frame_unref(g); mr_frame_unref(left);
    mr_frame_unref(ls); mr_frame_unref(lw);
}

static void test_fraction(void)
{
    mr_frame *f = frame_filled(21, 21, 0);
    memset(frame_px(f, 10, 10), 255, 4);
    mr_frame *g = morphed(f, 2.5f, true);
    bool mixed = true;
    for (int y = 0; y < 21; y++)
        for (int x = 0; x < 21; x++) {
            int d2 = (x - 10) * (x - 10) + (y - 10) * (y - 10);
            mixed = mixed && frame_px(g, x, y)[3] == (d2 <= 4 ? 255 : d2 <= 9 ? 128 : 0);
        }
    CHECK(mixed);
    mr_frame *a = morphed(f, 2.999f, true), *b = morphed(f, 3, true);
    CHECK(frame_same(a, b));
    mr_morph_params k = mr_morph_params_make(4.25f, false);
    CHECK(k.radius == 4 && k.frac == 64 && !k.grow);
    mr_frame *z = morphed(f, 0, true);
    CHECK(frame_same(z, f));
    mr_frame_unref(f); mr_frame_unref(g); mr_frame_unref(a); mr_frame_unref(b); mr_frame_unref(z);
}

/* Brute force: every offset of the disc(s), outside the frame left out, blended as documented. */
static mr_frame *reference(const mr_frame *s, float radius, bool grow)
{
    mr_morph_params k = mr_morph_params_make(radius, grow);
    int r0 = k.radius, r1 = r0 + 1;
    mr_frame *d = mr_frame_new(s->w, s->h, &err);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            for (int c = 0; c < 4; c++) {
                int m0 = grow ? 0 : 255, m1 = m0;
                for (int j = -r1; j <= r1; j++)
                    for (int i = -r1; i <= r1; i++) {
                        if (x + i < 0 || y + j < 0 || x + i >= s->w || y + j >= s->h)
                            continue;
                        int v = frame_px(s, x + i, y + j)[c];
                        if (i * i + j * j <= r0 * r0)
                            m0 = grow ? (v > m0 ? v : m0) : (v < m0 ? v : m0);
                        if (i * i + j * j <= r1 * r1)
                            m1 = grow ? (v > m1 ? v : m1) : (v < m1 ? v : m1);
                    }
                frame_px(d, x, y)[c] = (uint8_t)((m0 * (256 - k.frac) + m1 * k.frac + 128) >> 8);
            }
    return d;
}

static void test_reference(void)
{
    mr_frame *s = frame_random(37, 29, 9);
    static const float radii[] = {1, 2, 4.3f, 7, 0.5f, 20, 40.7f};
    for (int i = 0; i < 7; i++)
        for (int grow = 0; grow < 2; grow++) {
            mr_frame *m = morphed(s, radii[i], grow), *r = reference(s, radii[i], grow);
            if (!frame_same(m, r))
                fprintf(stderr, "%s %g differs from the reference\n", grow ? "grow" : "shrink", radii[i]);
            CHECK(frame_same(m, r));
            mr_frame_unref(m); mr_frame_unref(r);
        }
    mr_frame_unref(s);
}

static void test_errors(void)
{
    mr_frame *s = frame_filled(10, 10, 0), *d = mr_frame_new(10, 10, &err), *small = mr_frame_new(9, 10, &err);
    static const float bad[] = {-0.5f, 1024.5f, NAN, INFINITY};
    for (int i = 0; i < 4; i++) {
        CHECK(mr_k_morph(&ev, s, d, bad[i], i & 1) == -1);
        CHECK_STR(err.msg, "1024");
    }
    CHECK(mr_k_morph(&ev, s, small, 1, true) == -1);
    CHECK_STR(err.msg, "size");
    CHECK(mr_k_morph(&ev, s, s, 1, true) == -1);
    mr_frame_unref(s); mr_frame_unref(d); mr_frame_unref(small);
}

/* Milliseconds of this thread's CPU time a 1920x1080 grow or shrink takes here. */
static void time_1080p(void)
{
    mr_frame *s = mr_frame_new(1920, 1080, &err), *d = mr_frame_new(1920, 1080, &err);
    for (int y = 0; y < 1080; y++)
        for (int x = 0; x < 1920; x++)
            memset(frame_px(s, x, y), ((x / 50 + y / 40) & 1) * 255, 4);
    static const float radii[] = {20, 5, 20.5f};
    for (int i = 0; i < 3; i++) {
        mr_k_morph(&ev, s, d, radii[i], true);
        double best = 1e9;
        for (int n = 0; n < 3; n++) {
            struct timespec a, b;
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
            mr_k_morph(&ev, s, d, radii[i], n & 1);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
            best = fmin(best, (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
        }
        printf("CPU morph 1920x1080, radius %g: %.1f ms\n", radii[i], best);
    }
    mr_frame_unref(s); mr_frame_unref(d);
}

int main(void)
{
    mr_eval_init(&ev, &err, NULL);
    test_disc();
    test_squares();
    test_edges();
    test_fraction();
    test_reference();
    test_errors();
    time_1080p();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
