/* test_warp.c: the warp operations and their kernels on the CPU: mirror and quarter turns move
 * pixels exactly, rotate 0 and scale 1 change nothing, a zoom keeps its anchor, a turned box
 * grows to hold the picture, outside the source is transparent; each filter against its
 * formula (nearest picks the nearest texel, bilinear averages at a midpoint, bicubic and
 * Lanczos reproduce a constant and a ramp and are interpolating on whole texels); the two-pass
 * path (with and without AVX2) gives the bits of the per-pixel one for random warps; an 8x
 * shrink of a checkerboard is a flat grey; a zoom within an opaque picture is opaque. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/kernels/cpu/warp.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

static const char *const filters[] = {"bilinear", "bicubic", "lanczos", "nearest"};

/* Applies the operation called name with numbers a0, a1 (NAN: left out) to c. */
static mr_clip *apply(const char *name, mr_clip *c, double a0, double a1)
{
    mr_arg args[MR_OP_MAX_PARAMS] = {{0}};
    args[0] = (mr_arg){.given = true, .num = a0};
    if (!isnan(a1))
        args[1] = (mr_arg){.given = true, .num = a1};
    mr_err err;
    mr_clip *r = mr_op_apply(mr_op_find(name), c, args, &err);
    if (!r)
        fprintf(stderr, "%s: %s\n", name, err.msg);
    return r;
}

static uint32_t px(const mr_frame *f, int x, int y) { return ((const uint32_t *)mr_frame_row(f, y))[x]; }

static int chan(uint32_t p, int c) { return (int)(p >> (8 * c)) & 255; }

/* A w x h frame: random premultiplied pixels (opaque: alpha 255) from seed. */
static mr_frame *random_frame(int w, int h, unsigned seed, bool opaque)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    srand(seed);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            int a = opaque ? 255 : rand() % 256;
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)(rand() % (a + 1));
            p[3] = (uint8_t)a;
        }
    f->opaque = opaque;
    return f;
}

/* A w x h opaque frame whose pixel (x, y) is grey value(x, y). */
static mr_frame *grey_frame(int w, int h, int (*value)(int x, int y))
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            p[0] = p[1] = p[2] = (uint8_t)value(x, y);
            p[3] = 255;
        }
    f->opaque = true;
    return f;
}

static int flat(int x, int y) { return 77; }
static int ramp(int x, int y) { return 20 + 3 * x + y; }
static int checker(int x, int y) { return ((x + y) & 1) * 255; }

/* src warped by m with filter into a new dw x dh frame, by the two-pass path (simd on or off)
 * or pixel by pixel. */
static mr_frame *warp(const mr_frame *src, const float m[6], int filter, int dw, int dh, int how)
{
    mr_warp_params k = {{m[0], m[1], m[2], m[3], m[4], m[5]}, src->w, src->h, 1, filter};
    mr_warp_prepare(&k);
    mr_frame *dst = mr_frame_new(dw, dh, NULL);
    if (how == 2) {
        mr_cpu_warp_pixels(src, &k, dst);
        dst->opaque = src->opaque && mr_warp_covers(&k, dw, dh);
        return dst;
    }
    void *scratch = malloc(mr_cpu_warp_scratch(&k, dw, dh) + 1);
    mr_cpu_warp_use_simd(how == 1);
    mr_cpu_warp(src, &k, dst, scratch);
    mr_cpu_warp_use_simd(true);
    free(scratch);
    return dst;
}

static bool same(const mr_frame *a, const mr_frame *b)
{
    for (int y = 0; y < a->h; y++)
        if (memcmp(mr_frame_row(a, y), mr_frame_row(b, y), 4 * (size_t)a->w))
            return false;
    return true;
}

/* The warp operations through the registry: exact moves, sizes, anchors, transparent corners. */
static void operations(void)
{
    mr_err err;
    mr_clip *bars = mr_pattern_new("bars", 64, 32, (mr_rational){30, 1}, &err);
    mr_clip *src = mr_clip_dur(bars, 1, &err);
    mr_frame *in = mr_render_frame(src, 0, NULL, NULL, &err);

    mr_clip *m = apply("mirror", src, 0, NAN); /* "x" */
    mr_frame *fm = mr_render_frame(m, 0, NULL, NULL, &err);
    bool exact = true;
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 64; x++)
            exact = exact && px(fm, x, y) == px(in, 63 - x, y);
    CHECK(exact);

    mr_clip *r0 = apply("rotate", src, 0, NAN), *s1 = apply("scale", src, 1, NAN);
    mr_frame *f0 = mr_render_frame(r0, 0, NULL, NULL, &err), *f1 = mr_render_frame(s1, 0, NULL, NULL, &err);
    CHECK(r0->w == 64 && r0->h == 32);
    CHECK(same(f0, in) && same(f1, in));

    /* a quarter turn clockwise: the box turns, the left column becomes the top row */
    mr_clip *r90 = apply("rotate", src, 90, NAN);
    CHECK(r90->w == 32 && r90->h == 64);
    mr_frame *f90 = mr_render_frame(r90, 0, NULL, NULL, &err);
    exact = true;
    for (int y = 1; y < 63; y++)
        for (int x = 1; x < 31; x++)
            exact = exact && px(f90, x, y) == px(in, y, 31 - x);
    CHECK(exact);
    /* 45 degrees: the box holds the whole picture, its corners are transparent */
    mr_clip *r45 = apply("rotate", src, 45, NAN);
    CHECK(r45->w == (int)ceil((64 + 32) * sqrt(0.5) - 1e-6) && r45->h == r45->w);
    mr_frame *f45 = mr_render_frame(r45, 0, NULL, NULL, &err);
    CHECK(px(f45, 0, 0) == 0 && (px(f45, r45->w / 2, r45->h / 2) >> 24) == 255);
    mr_clip *keep = apply("rotate", src, 45, 0); /* expand = false */
    CHECK(keep->w == 64 && keep->h == 32);

    /* a zoom keeps its anchor (the centre) and shows the middle of the picture larger */
    mr_clip *z = apply("scale", src, 2, NAN);
    mr_frame *fz = mr_render_frame(z, 0, NULL, NULL, &err);
    CHECK(px(fz, 32, 16) == px(in, 32, 16) && px(fz, 1, 16) == px(in, 16, 16));
    CHECK(z->w == 64 && z->h == 32);

    /* the filter by name: scale(k, x, y, filter), rotate(deg, expand, filter) */
    mr_arg args[MR_OP_MAX_PARAMS] = {{0}};
    args[0] = (mr_arg){.given = true, .num = 0.5};
    args[3] = (mr_arg){.given = true, .num = 2}; /* "lanczos" */
    mr_clip *zl = mr_op_apply(mr_op_find("scale"), src, args, &err);
    mr_frame *fzl = zl ? mr_render_frame(zl, 0, NULL, NULL, &err) : NULL;
    CHECK(fzl && px(fzl, 0, 0) == 0 && px(fzl, 63, 31) == 0 && (px(fzl, 32, 16) >> 24) == 255 && !fzl->opaque);
    CHECK(mr_op_param(mr_op_find("rotate"), "filter") == 2 && mr_op_param(mr_op_find("scale"), "filter") == 3);

    mr_frame *frames[] = {in, fm, f0, f1, f90, f45, fz, fzl};
    for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++)
        mr_frame_unref(frames[i]);
    mr_clip *clips[] = {bars, src, m, r0, s1, r90, r45, keep, z, zl};
    for (size_t i = 0; i < sizeof clips / sizeof clips[0]; i++)
        mr_clip_unref(clips[i]);
}

static double lanczos3(double x)
{
    x = fabs(x);
    return x == 0 ? 1 : x >= 3 ? 0 : 3 * sin(M_PI * x) * sin(M_PI * x / 3) / (M_PI * M_PI * x * x);
}

static double catmull_rom(double x)
{
    x = fabs(x);
    return x < 1 ? 1.5 * x * x * x - 2.5 * x * x + 1 : x < 2 ? -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2 : 0;
}

/* The kernels against their formulas, and the weights of one axis. */
static void kernels(void)
{
    double worst_cubic = 0, worst_lanczos = 0;
    for (int a = -3 * MR_WARP_ONE - 50; a <= 3 * MR_WARP_ONE + 50; a += 37) {
        double x = a / (double)MR_WARP_ONE;
        worst_cubic = fmax(worst_cubic, fabs(mr_warp_kernel(MR_WARP_BICUBIC, a) / (double)MR_WARP_ONE - catmull_rom(x)));
        worst_lanczos = fmax(worst_lanczos, fabs(mr_warp_kernel(MR_WARP_LANCZOS, a) / (double)MR_WARP_ONE - lanczos3(x)));
    }
    CHECK(worst_cubic <= 1.0 / MR_WARP_ONE);
    CHECK(worst_lanczos <= 1.0 / MR_WARP_ONE);
    CHECK_INT(mr_warp_kernel(MR_WARP_BICUBIC, MR_WARP_ONE / 2), 9216);   /* 9/16 */
    CHECK_INT(mr_warp_kernel(MR_WARP_BICUBIC, -3 * MR_WARP_ONE / 2), -1024); /* -1/16 */
    CHECK_INT(mr_warp_kernel(MR_WARP_BILINEAR, MR_WARP_ONE / 4), 3 * MR_WARP_ONE / 4);
    CHECK(mr_warp_kernel(MR_WARP_NEAREST, MR_WARP_ONE / 2) == MR_WARP_ONE &&
          mr_warp_kernel(MR_WARP_NEAREST, -MR_WARP_ONE / 2) == 0);
    /* interpolating: on a whole texel every filter has one tap, of weight 1 */
    for (int f = 0; f < MR_WARP_FILTERS; f++) {
        int32_t w[MR_WARP_MAX_TAPS];
        int first = -1, n = mr_warp_taps(f, 65536, 7 * MR_WARP_ONE, 20, &first, w);
        CHECK(n == 1 && first == 7 && w[0] == MR_WARP_ONE);
        /* between texels the weights sum to 1 exactly, widened or not */
        for (int k = 65536; k >= 4096; k /= 2) {
            n = mr_warp_taps(f, k, 7 * MR_WARP_ONE + 5321, 20, &first, w);
            int sum = 0;
            for (int i = 0; i < n; i++)
                sum += w[i];
            CHECK(n >= 1 && n <= MR_WARP_MAX_TAPS && sum == MR_WARP_ONE);
        }
    }
}

/* Each filter on chosen pictures: what the formula says. */
static void formulas(void)
{
    mr_frame *rnd = random_frame(40, 30, 7, false), *fl = grey_frame(40, 30, flat), *rp = grey_frame(40, 30, ramp);
    /* scale 1 and a move by whole pixels: every filter copies */
    static const float one[6] = {1, 0, 0, 0, 1, 0}, moved[6] = {1, 0, 3, 0, 1, -2};
    for (int f = 0; f < MR_WARP_FILTERS; f++) {
        mr_frame *a = warp(rnd, one, f, 40, 30, 1), *b = warp(rnd, moved, f, 40, 30, 1);
        CHECK(same(a, rnd));
        CHECK(px(b, 10, 10) == px(rnd, 13, 8) && px(b, 38, 10) == 0 && px(b, 10, 0) == 0 && px(b, 10, 1) == 0);
        mr_frame_unref(a);
        mr_frame_unref(b);
    }
    /* nearest, zoomed 8/3 times about the origin: pixel x shows texel floor((x + 0.5) * 3 / 8) */
    static const float zoom[6] = {0.375f, 0, 0, 0, 0.375f, 0};
    mr_frame *nz = warp(rnd, zoom, MR_WARP_NEAREST, 40, 30, 1);
    bool picks = true;
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 40; x++)
            picks = picks && px(nz, x, y) == px(rnd, (int)floor((x + 0.5) * 0.375), (int)floor((y + 0.5) * 0.375));
    CHECK(picks);
    /* bilinear half a pixel over: the rounded mean of the two neighbours */
    static const float half[6] = {1, 0, 0.5f, 0, 1, 0};
    mr_frame *bh = warp(rnd, half, MR_WARP_BILINEAR, 40, 30, 1);
    bool means = true;
    for (int c = 0; c < 4; c++)
        means = means && chan(px(bh, 12, 9), c) == (chan(px(rnd, 12, 9), c) + chan(px(rnd, 13, 9), c) + 1) / 2;
    CHECK(means);
    /* bicubic and Lanczos, moved by a fraction: a constant stays, a ramp moves (interior) */
    static const float frac[6] = {1, 0, 0.3f, 0, 1, 0.7f};
    for (int f = MR_WARP_BICUBIC; f <= MR_WARP_LANCZOS; f++) {
        mr_frame *a = warp(fl, frac, f, 40, 30, 1), *b = warp(rp, frac, f, 40, 30, 1);
        int worst_flat = 0, worst_ramp = 0;
        for (int y = 4; y < 25; y++)
            for (int x = 4; x < 35; x++) {
                worst_flat = abs(chan(px(a, x, y), 0) - 77) > worst_flat ? abs(chan(px(a, x, y), 0) - 77) : worst_flat;
                int want = (int)lround(20 + 3 * (x + 0.3) + (y + 0.7));
                int d = abs(chan(px(b, x, y), 1) - want);
                worst_ramp = d > worst_ramp ? d : worst_ramp;
            }
        printf("%s: constant off by %d, ramp off by %d\n", filters[f], worst_flat, worst_ramp);
        CHECK(worst_flat == 0 && worst_ramp <= 1);
        mr_frame_unref(a);
        mr_frame_unref(b);
    }
    mr_frame *frames[] = {rnd, fl, rp, nz, bh};
    for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++)
        mr_frame_unref(frames[i]);
}

/* A random warp: axis-aligned (zooms in and out, mirrors, moves) or turned. */
static void random_warp(float m[6], bool turned)
{
    double k = exp((rand() % 1000 / 1000.0 - 0.6) * 4), r = turned ? (rand() % 360) * M_PI / 180 : 0;
    double sx = (rand() % 4 ? 1 : -1) / k, sy = (rand() % 4 ? 1 : -1) / (k * (0.8 + rand() % 40 / 100.0));
    m[0] = (float)(sx * cos(r)), m[1] = (float)(sy * sin(r)), m[3] = (float)(-sx * sin(r)), m[4] = (float)(sy * cos(r));
    m[2] = (float)(rand() % 8000 / 100.0 - 40), m[5] = (float)(rand() % 6000 / 100.0 - 30);
}

/* The two-pass path (AVX2 and plain) against the per-pixel one: the same bits. */
static void paths(void)
{
    int differ = 0, turned_differ = 0;
    for (int i = 0; i < 160; i++) {
        srand(1000 + i);
        int sw = 5 + rand() % 90, sh = 3 + rand() % 70, dw = 1 + rand() % 100, dh = 1 + rand() % 60, f = i % 4;
        float m[6];
        random_warp(m, i % 5 == 4);
        mr_frame *src = random_frame(sw, sh, 77 + i, i % 3 == 0);
        mr_frame *ref = warp(src, m, f, dw, dh, 2), *fast = warp(src, m, f, dw, dh, 1), *plain = warp(src, m, f, dw, dh, 0);
        bool ok = same(ref, fast) && same(ref, plain) && fast->opaque == ref->opaque && plain->opaque == ref->opaque;
        if (!ok)
            fprintf(stderr, "warp %d (%s, %dx%d -> %dx%d, m %g %g %g %g %g %g): the paths differ\n", i, filters[f], sw,
                    sh, dw, dh, m[0], m[1], m[2], m[3], m[4], m[5]);
        if (i % 5 == 4)
            turned_differ += !ok;
        else
            differ += !ok;
        mr_frame_unref(src); mr_frame_unref(ref); mr_frame_unref(fast); mr_frame_unref(plain);
    }
    CHECK_INT(differ, 0);
    CHECK_INT(turned_differ, 0);
    /* a 1080p zoom, as the benchmark's (long rows: the AVX2 loops' main part) */
    mr_frame *big = random_frame(1920, 1080, 5, true);
    for (int f = 0; f < MR_WARP_FILTERS; f++) {
        static const float kb[6] = {1 / 1.07f, 0, 960 - 960 / 1.07f, 0, 1 / 1.07f, 540 - 540 / 1.07f};
        mr_frame *ref = warp(big, kb, f, 1920, 1080, 2), *fast = warp(big, kb, f, 1920, 1080, 1);
        CHECK(same(ref, fast) && fast->opaque && ref->opaque);
        mr_frame_unref(ref);
        mr_frame_unref(fast);
    }
    mr_frame_unref(big);
}

/* An 8x shrink of a one-pixel checkerboard: a flat mid-grey, not a pattern; outside it nothing. */
static void no_aliasing(void)
{
    mr_frame *cb = grey_frame(256, 256, checker);
    static const float shrink[6] = {8, 0, -896, 0, 8, -896}; /* scale(0.125) about the centre */
    for (int f = 0; f < MR_WARP_FILTERS; f++) {
        mr_frame *s = warp(cb, shrink, f, 256, 256, 1);
        int lo = 255, hi = 0;
        for (int y = 116; y < 140; y++)
            for (int x = 116; x < 140; x++) {
                int v = chan(px(s, x, y), 0);
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        printf("%s, 8x smaller: grey %d..%d\n", filters[f], lo, hi);
        CHECK(lo >= 126 && hi <= 129);
        CHECK(px(s, 0, 0) == 0 && px(s, 100, 128) == 0 && px(s, 128, 150) == 0 && chan(px(s, 128, 128), 3) == 255);
        CHECK(!s->opaque);
        mr_frame_unref(s);
    }
    mr_frame_unref(cb);
}

/* A zoom within an opaque picture is opaque with every filter, and truly so; a move that
 * uncovers an edge is not. */
static void opacity(void)
{
    mr_frame *src = random_frame(90, 50, 3, true);
    static const float in[6] = {0.8f, 0, 9, 0, 0.8f, 5}, edge[6] = {1, 0, -0.75f, 0, 1, 0};
    for (int f = 0; f < MR_WARP_FILTERS; f++) {
        mr_frame *a = warp(src, in, f, 90, 50, 1), *b = warp(src, edge, f, 90, 50, 1);
        bool alpha = true;
        for (int y = 0; y < 50; y++)
            for (int x = 0; x < 90; x++)
                alpha = alpha && chan(px(a, x, y), 3) == 255;
        CHECK(a->opaque && alpha);
        CHECK(!b->opaque && chan(px(b, 0, 10), 3) < 255);
        mr_frame_unref(a);
        mr_frame_unref(b);
    }
    mr_frame_unref(src);
}

int main(void)
{
    operations();
    kernels();
    formulas();
    paths();
    no_aliasing();
    opacity();
    return CHECK_DONE();
}
