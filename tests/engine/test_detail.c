/* test_detail.c: the detail effects' kernels on the CPU: the box blur's weights, what every
 * effect keeps (premultiplied pixels stay premultiplied, the alpha where it is kept, in place
 * equal to a copy), pixelate against the block means counted here, noise that repeats for one
 * frame and seed and differs for others, flat pictures through edge and emboss, the
 * vignette's centre and corners; and each effect's CPU time at 1920x1080, said. */
#include <math.h>
#include "engine/core/clock.h"
#include "engine/core/eval.h"
#include "engine/kernels/k_blur.h"
#include "engine/kernels/k_detail.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static mr_eval ev;
static mr_err err;

/* Whether every colour channel of f is at most its alpha. */
static bool premultiplied(const mr_frame *f)
{
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            const uint8_t *p = frame_px(f, x, y);
            if (p[0] > p[3] || p[1] > p[3] || p[2] > p[3])
                return false;
        }
    return true;
}

/* Whether a and b have the same alpha everywhere. */
static bool same_alpha(const mr_frame *a, const mr_frame *b)
{
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            if (frame_px(a, x, y)[3] != frame_px(b, x, y)[3])
                return false;
    return true;
}

static mr_frame *copy_of(const mr_frame *f)
{
    mr_frame *c = mr_frame_new(f->w, f->h, NULL);
    for (int y = 0; y < f->h; y++)
        memcpy(mr_frame_row(c, y), mr_frame_row(f, y), 4 * (size_t)f->w);
    c->opaque = f->opaque;
    return c;
}

static void box_taps(void)
{
    static const double radii[] = {0, 0.25, 1, 2.5, 7, 100.75, 500};
    for (size_t i = 0; i < sizeof radii / sizeof *radii; i++) {
        mr_blur_taps k;
        mr_blur_box_taps_make(radii[i], &k);
        uint32_t sum = k.w[0];
        for (int t = 1; t <= k.radius; t++)
            sum += 2 * k.w[t];
        CHECK_INT(sum, 1 << 16);
        CHECK_INT(k.radius, (int)ceil(radii[i]));
        for (int t = 1; t <= (int)floor(radii[i]); t++) /* the whole ones alike, within 1 */
            CHECK(k.w[t] + 1 >= k.w[0] && k.w[t] <= k.w[0] + 1);
        if (radii[i] != floor(radii[i])) /* the last one by its fraction */
            CHECK_NEAR(k.w[k.radius] / (double)k.w[0], radii[i] - floor(radii[i]), 0.01);
    }
}

/* Every per-pixel effect on a random frame: premultiplied out, the alpha kept but for glow
 * and bright, in place the same as into another frame. */
static void per_pixel(void)
{
    mr_frame *src = frame_random(97, 61, 3), *b = frame_random(97, 61, 4);
    mr_detail_params ks[] = {
        mr_vignette_params_make(97, 61, 0.8, 0.2, 0.9), mr_noise_params_make(0.5, 7, 1, false),
        mr_noise_params_make(1, 7, 1, true), mr_bright_params_make(0.3), mr_sharpen_params_make(3),
        mr_glow_params_make(2.5),
    };
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        mr_frame *out = mr_frame_new(97, 61, NULL), *in_place = copy_of(src);
        bool two = ks[i].op == MR_DETAIL_SHARPEN || ks[i].op == MR_DETAIL_GLOW;
        CHECK(mr_k_detail(&ev, out, src, two ? b : NULL, &ks[i]) == 0);
        CHECK(mr_k_detail(&ev, in_place, in_place, two ? b : NULL, &ks[i]) == 0);
        CHECK_INT(frame_worst(out, in_place, NULL), 0);
        CHECK(premultiplied(out));
        if (ks[i].op != MR_DETAIL_GLOW && ks[i].op != MR_DETAIL_BRIGHT)
            CHECK(same_alpha(out, src));
        mr_frame_unref(out);
        mr_frame_unref(in_place);
    }
    mr_frame_unref(src);
    mr_frame_unref(b);
}

/* Noise: one frame and seed, the same bits; another frame or seed, others; amount 0 none. */
static void noise(void)
{
    mr_frame *grey = frame_filled(64, 32, 0xff808080u);
    mr_detail_params same[2] = {mr_noise_params_make(0.2, 5, 9, true), mr_noise_params_make(0.2, 5, 9, true)};
    mr_detail_params other[3] = {mr_noise_params_make(0.2, 6, 9, true), mr_noise_params_make(0.2, 5, 10, true),
                                 mr_noise_params_make(0.2, 5 + (1ll << 32), 9, true)};
    mr_frame *a = mr_frame_new(64, 32, NULL), *b = mr_frame_new(64, 32, NULL);
    mr_k_detail(&ev, a, grey, NULL, &same[0]);
    mr_k_detail(&ev, b, grey, NULL, &same[1]);
    CHECK_INT(frame_worst(a, b, NULL), 0);
    CHECK(frame_worst(a, grey, NULL) > 0);
    double mean = 0;
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 64; x++)
            mean += frame_px(a, x, y)[0];
    CHECK_NEAR(mean / (64 * 32), 128, 2); /* centred */
    for (int i = 0; i < 3; i++) {
        long n = 0;
        mr_k_detail(&ev, b, grey, NULL, &other[i]);
        frame_worst(a, b, &n);
        CHECK(n > 64 * 32); /* most pixels differ */
    }
    mr_detail_params none = mr_noise_params_make(0, 5, 9, false);
    mr_k_detail(&ev, b, grey, NULL, &none);
    CHECK_INT(frame_worst(b, grey, NULL), 0);
    mr_frame_unref(a); mr_frame_unref(b); mr_frame_unref(grey);
}

/* Pixelate against the means counted here, blocks partial at the right and bottom. */
static void pixelate(void)
{
    mr_frame *src = frame_random(53, 29, 8);
    static const int sizes[] = {1, 2, 7, 16, 60};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        int s = sizes[i];
        mr_frame *f = copy_of(src);
        CHECK(mr_k_pixelate(&ev, f, s) == 0);
        int bad = 0;
        for (int y = 0; y < 29; y++)
            for (int x = 0; x < 53; x++) {
                int x0 = x / s * s, y0 = y / s * s, x1 = x0 + s < 53 ? x0 + s : 53, y1 = y0 + s < 29 ? y0 + s : 29;
                for (int c = 0; c < 4; c++) {
                    unsigned sum = 0, n = (unsigned)((x1 - x0) * (y1 - y0));
                    for (int yy = y0; yy < y1; yy++)
                        for (int xx = x0; xx < x1; xx++)
                            sum += frame_px(src, xx, yy)[c];
                    bad += frame_px(f, x, y)[c] != (sum + n / 2) / n;
                }
            }
        CHECK_INT(bad, 0);
        CHECK(premultiplied(f));
        mr_frame_unref(f);
    }
    mr_frame_unref(src);
    mr_frame *f = frame_filled(8, 8, 0);
    CHECK(mr_k_pixelate(&ev, f, 0) < 0);
    CHECK_STR(err.msg, "pixelate: the block size");
    mr_frame_unref(f);
}

/* edge and emboss: flat is black (grey), a step is bright (lit), the alpha kept. */
static void conv3(void)
{
    mr_frame *flat = frame_filled(20, 10, 0xc0406080u), *out = mr_frame_new(20, 10, NULL);
    mr_conv3_params e = mr_conv3_params_make(MR_CONV3_EDGE, 1), m = mr_conv3_params_make(MR_CONV3_EMBOSS, 1);
    CHECK(mr_k_conv3(&ev, flat, out, &e) == 0);
    CHECK_INT(frame_px(out, 5, 5)[0], 0);
    CHECK_INT(frame_px(out, 5, 5)[3], 0xc0);
    CHECK(mr_k_conv3(&ev, flat, out, &m) == 0);
    CHECK_INT(frame_px(out, 0, 0)[1], 96); /* 128 of 255 at alpha 192 */
    CHECK(mr_k_conv3(&ev, flat, flat, &m) < 0); /* in place is refused */
    mr_frame *step = frame_filled(20, 10, 0xff000000u);
    for (int y = 0; y < 10; y++)
        for (int x = 10; x < 20; x++)
            memcpy(frame_px(step, x, y), &(uint32_t){0xffffffffu}, 4);
    mr_k_conv3(&ev, step, out, &e);
    CHECK_INT(frame_px(out, 9, 5)[0], 255); /* 0 .. 255: 1020 / 4 */
    CHECK_INT(frame_px(out, 3, 5)[0], 0);
    mr_k_conv3(&ev, step, out, &m);
    CHECK_INT(frame_px(out, 9, 5)[0], 255); /* 128 + 1020 / 8, kept inside the alpha */
    CHECK_INT(frame_px(out, 3, 5)[0], 128);
    mr_frame *rnd = frame_random(31, 17, 9), *o2 = mr_frame_new(31, 17, NULL);
    mr_conv3_params strong = mr_conv3_params_make(MR_CONV3_EMBOSS, 16);
    mr_k_conv3(&ev, rnd, o2, &strong);
    CHECK(premultiplied(o2) && same_alpha(o2, rnd));
    mr_k_conv3(&ev, rnd, o2, &(mr_conv3_params){MR_CONV3_EDGE, 16 * 256});
    CHECK(premultiplied(o2) && same_alpha(o2, rnd));
    mr_frame_unref(flat); mr_frame_unref(out); mr_frame_unref(step); mr_frame_unref(rnd); mr_frame_unref(o2);
}

/* The vignette leaves the centre and darkens the corners by the amount. */
static void vignette(void)
{
    mr_frame *white = frame_filled(200, 100, 0xffffffffu), *out = mr_frame_new(200, 100, NULL);
    mr_detail_params k = mr_vignette_params_make(200, 100, 0.75, 0.3, 1);
    mr_k_detail(&ev, out, white, NULL, &k);
    CHECK_INT(frame_px(out, 100, 50)[0], 255);
    CHECK_NEAR(frame_px(out, 0, 0)[0], 64, 2);
    CHECK(frame_px(out, 0, 50)[0] > frame_px(out, 0, 0)[0]);
    CHECK(frame_px(out, 0, 50)[0] < 255);
    CHECK(frame_px(out, 100, 0)[0] > frame_px(out, 0, 50)[0]); /* the ellipse: the top is nearer */
    mr_frame_unref(white); mr_frame_unref(out);
}

/* What one timed run does: an effect from src into dst (b: the second picture). */
typedef struct timed {
    const char *name;
    int kind; /* 0 per pixel (k), 1 the 3x3 ones (c), 2 pixelate (v), 3 blur (v: the radius) */
    mr_detail_params k;
    mr_conv3_params c;
    double v;
} timed;

static void run_timed(const timed *t, const mr_frame *src, mr_frame *dst, const mr_frame *b)
{
    switch (t->kind) {
    case 0: mr_k_detail(&ev, dst, src, b, &t->k); break;
    case 1: mr_k_conv3(&ev, src, dst, &t->c); break;
    case 2: mr_k_pixelate(&ev, dst, (int)t->v); break;
    default: mr_k_blur(&ev, src, dst, (float)t->v / 2, (float)t->v / 2); break;
    }
}

/* Each kernel's CPU time at 1920x1080 (the best of 3), said. */
static void timings(void)
{
    mr_frame *src = frame_random(1920, 1080, 11), *dst = mr_frame_new(1920, 1080, NULL);
    mr_frame *b = frame_random(1920, 1080, 12);
    static timed ts[] = {
        {"vignette", 0}, {"noise", 0}, {"colour noise", 0}, {"bright", 0}, {"sharpen's combination", 0},
        {"glow's combination", 0}, {"edge", 1, .c = {MR_CONV3_EDGE, 256}}, {"emboss", 1, .c = {MR_CONV3_EMBOSS, 256}},
        {"pixelate 16", 2, .v = 16}, {"blur radius 2", 3, .v = 2}, {"blur radius 50", 3, .v = 50},
    };
    ts[0].k = mr_vignette_params_make(1920, 1080, 0.5, 0.4, 1);
    ts[1].k = mr_noise_params_make(0.1, 3, 1, true);
    ts[2].k = mr_noise_params_make(0.1, 3, 1, false);
    ts[3].k = mr_bright_params_make(0.6);
    ts[4].k = mr_sharpen_params_make(1);
    ts[5].k = mr_glow_params_make(1);
    printf("CPU 1920x1080, ms a frame:");
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++) {
        double best = 1e9;
        for (int r = 0; r < 3; r++) {
            double t0 = mr_clock_seconds();
            run_timed(&ts[i], src, dst, b);
            double ms = 1000 * (mr_clock_seconds() - t0);
            best = ms < best ? ms : best;
        }
        printf("%s %s %.1f", i ? "," : "", ts[i].name, best);
    }
    printf("\n");
    mr_frame_unref(src); mr_frame_unref(dst); mr_frame_unref(b);
}

int main(void)
{
    mr_eval_init(&ev, &err, NULL);
    box_taps();
    per_pixel();
    noise();
    pixelate();
    conv3();
    vignette();
    timings();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
