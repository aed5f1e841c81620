/* test_blend_modes.c: the blend modes of compose layers on the CPU: each mode on chosen
 * premultiplied colours against the W3C compositing spec's formula (computed here in double),
 * every mode within 1 of that formula on random see-through pixels, a transparent layer leaves
 * what is below, a layer over a transparent picture is itself, MoviePy's 50 % blit, normal is
 * the over kernel's bits, and the mode travels with the clip into compose. */
#include <math.h>
#include <stdlib.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_blend_modes.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

static const char *const names[MR_BLEND_COUNT] = {"normal", "multiply", "screen", "overlay", "add",
                                                  "subtract", "darken", "lighten", "difference", "soft_light"};

/* The spec's B(Cb, Cs) on unpremultiplied colours 0..1. */
static double spec_b(int m, double cb, double cs)
{
    switch (m) {
    case MR_BLEND_MULTIPLY: return cb * cs;
    case MR_BLEND_SCREEN: return cb + cs - cb * cs;
    case MR_BLEND_OVERLAY: return cb <= 0.5 ? 2 * cs * cb : 1 - 2 * (1 - cs) * (1 - cb);
    case MR_BLEND_ADD: return fmin(1, cb + cs);
    case MR_BLEND_SUBTRACT: return fmax(0, cb - cs);
    case MR_BLEND_DARKEN: return fmin(cb, cs);
    case MR_BLEND_LIGHTEN: return fmax(cb, cs);
    case MR_BLEND_DIFFERENCE: return fabs(cb - cs);
    case MR_BLEND_SOFT_LIGHT: {
        if (cs <= 0.5)
            return cb - (1 - 2 * cs) * cb * (1 - cb);
        double d = cb <= 0.25 ? ((16 * cb - 12) * cb + 4) * cb : sqrt(cb);
        return cb + (2 * cs - 1) * (d - cb);
    }
    default: return cs;
    }
}

/* The spec's premultiplied result, channel c (0..2) or alpha (3), of s onto d, 0..255 unrounded. */
static double spec(int m, uint32_t s, uint32_t d, int c)
{
    double as = (s >> 24) / 255.0, ab = (d >> 24) / 255.0;
    if (c == 3)
        return 255 * (as + ab * (1 - as));
    double cs = ((s >> 8 * c) & 255) / 255.0, cb = ((d >> 8 * c) & 255) / 255.0;
    double b = as > 0 && ab > 0 ? spec_b(m, cb / ab, cs / as) : 0;
    return 255 * (cs * (1 - ab) + cb * (1 - as) + as * ab * b);
}

static uint32_t rgba(int r, int g, int b, int a) { return (uint32_t)r | g << 8 | b << 16 | (uint32_t)a << 24; }

/* The largest difference of mr_blend_mode_pixel from the spec over the four channels. */
static double worst_of(int m, uint32_t s, uint32_t d)
{
    uint32_t o = mr_blend_mode_pixel(s, d, m, 255);
    double w = 0;
    for (int c = 0; c < 4; c++)
        w = fmax(w, fabs(((o >> 8 * c) & 255) - spec(m, s, d, c)));
    return w;
}

/* A random premultiplied pixel (alpha 0..255, colours at most alpha). */
static uint32_t random_premul(void)
{
    int a = rand() % 256;
    return rgba(rand() % (a + 1), rand() % (a + 1), rand() % (a + 1), a);
}

/* Each mode on opaque colours chosen so every branch of every B is taken, to the exact value. */
static void chosen_colours(void)
{
    uint32_t s = rgba(200, 100, 50, 255), d = rgba(100, 200, 255, 255);
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_MULTIPLY, 255), rgba(78, 78, 50, 255));   /* 200*100/255 */
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_SCREEN, 255), rgba(222, 222, 255, 255));  /* 300 - 78.4 */
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_DARKEN, 255), rgba(100, 100, 50, 255));
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_LIGHTEN, 255), rgba(200, 200, 255, 255));
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_DIFFERENCE, 255), rgba(100, 100, 205, 255));
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_ADD, 255), rgba(255, 255, 255, 255));
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_SUBTRACT, 255), rgba(0, 100, 205, 255)); /* below - layer */
    uint32_t s2 = rgba(100, 50, 20, 255), d2 = rgba(100, 150, 100, 255);
    CHECK_INT(mr_blend_mode_pixel(s2, d2, MR_BLEND_ADD, 255), rgba(200, 200, 120, 255));
    CHECK_INT(mr_blend_mode_pixel(s2, d2, MR_BLEND_SUBTRACT, 255), rgba(0, 100, 80, 255));
    /* overlay: below 100 is dark (2 cs cb = 156.9), 200 light (255 - 2 (55)(155)/255 = 188.1),
     * 255 light (255) */
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_OVERLAY, 255), rgba(157, 188, 255, 255));
    /* soft light on chosen colours: a dark layer (Cs <= 1/2), a light one over a dark pixel
     * (D's polynomial) and over a light one (its square root) */
    uint32_t ss = rgba(60, 200, 200, 255), sd = rgba(128, 40, 180, 255);
    for (int c = 0; c < 4; c++)
        CHECK_NEAR((mr_blend_mode_pixel(ss, sd, MR_BLEND_SOFT_LIGHT, 255) >> 8 * c) & 255,
                   spec(MR_BLEND_SOFT_LIGHT, ss, sd, c), 0.5 + 1e-9);
    /* normal: the layer */
    CHECK_INT(mr_blend_mode_pixel(s, d, MR_BLEND_NORMAL, 255), s);
}

/* Every mode within 1 of the spec on random see-through pixels (the rounding of one division;
 * soft light's square root to 1/256); no colour above its alpha. */
static void random_against_spec(void)
{
    srand(7);
    for (int m = 0; m < MR_BLEND_COUNT; m++) {
        double worst = 0;
        bool premul = true;
        for (int i = 0; i < 200000; i++) {
            uint32_t s = random_premul(), d = random_premul();
            worst = fmax(worst, worst_of(m, s, d));
            uint32_t o = mr_blend_mode_pixel(s, d, m, 255);
            for (int c = 0; c < 3; c++)
                premul = premul && ((o >> 8 * c) & 255) <= (o >> 24);
        }
        printf("%-10s largest difference from the spec: %.3f\n", names[m], worst);
        CHECK(worst <= 1.0);
        CHECK(premul);
    }
}

/* A transparent layer leaves what is below; over a transparent picture a layer is itself. */
static void transparency(void)
{
    srand(11);
    bool leaves = true, itself = true;
    for (int m = 0; m < MR_BLEND_COUNT; m++)
        for (int i = 0; i < 5000; i++) {
            uint32_t p = random_premul();
            leaves = leaves && mr_blend_mode_pixel(0, p, m, 255) == p;
            itself = itself && mr_blend_mode_pixel(p, 0, m, 255) == p;
        }
    CHECK(leaves);
    CHECK(itself);
}

/* Frames: normal is mr_k_over's bits; a clipped layer draws only its visible part; an opaque
 * picture stays opaque; opacity scales the layer first. */
static void frames(mr_eval *ev)
{
    mr_frame *d1 = mr_frame_new(40, 30, NULL), *d2 = mr_frame_new(40, 30, NULL), *s = mr_frame_new(17, 13, NULL);
    srand(3);
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 40; x++)
            ((uint32_t *)mr_frame_row(d1, y))[x] = ((uint32_t *)mr_frame_row(d2, y))[x] = random_premul();
    for (int y = 0; y < 13; y++)
        for (int x = 0; x < 17; x++)
            ((uint32_t *)mr_frame_row(s, y))[x] = random_premul();
    d1->opaque = d2->opaque = s->opaque = false;
    CHECK(mr_k_over(ev, d1, s, -3, 20, 200) == 0);
    CHECK(mr_k_blend_mode(ev, d2, s, -3, 20, 200, MR_BLEND_NORMAL) == 0);
    bool same = true;
    for (int y = 0; y < 30; y++)
        same = same && !memcmp(mr_frame_row(d1, y), mr_frame_row(d2, y), 40 * 4);
    CHECK(same);

    /* multiply at an offset hanging off the right and bottom, with an opacity */
    CHECK(mr_k_blend_mode(ev, d2, s, 30, 25, 150, MR_BLEND_MULTIPLY) == 0);
    bool right = true;
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 40; x++) {
            uint32_t want = ((uint32_t *)mr_frame_row(d1, y))[x];
            if (x >= 30 && y >= 25)
                want = mr_blend_mode_pixel(((uint32_t *)mr_frame_row(s, y - 25))[x - 30], want, MR_BLEND_MULTIPLY,
                                           150);
            right = right && ((uint32_t *)mr_frame_row(d2, y))[x] == want;
        }
    CHECK(right);
    CHECK(mr_k_blend_mode(ev, d2, s, 100, 100, 255, MR_BLEND_SCREEN) == 0); /* wholly outside: nothing */

    mr_k_fill(ev, d1, rgba(10, 20, 30, 255));
    CHECK(mr_k_blend_mode(ev, d1, s, 5, 5, 255, MR_BLEND_DIFFERENCE) == 0);
    CHECK(d1->opaque);
    mr_frame_unref(d1);
    mr_frame_unref(d2);
    mr_frame_unref(s);
}

/* The premultiplied pixel of c at (x, y), time 0, packed; 0 on failure. */
static uint32_t pixel(mr_clip *c, int x, int y)
{
    mr_err err;
    mr_frame *f = mr_render_frame(c, 0, NULL, NULL, &err);
    if (!f) {
        fprintf(stderr, "frame: %s\n", err.msg);
        return 0;
    }
    uint32_t v = ((uint32_t *)mr_frame_row(f, y))[x];
    mr_frame_unref(f);
    return v;
}

/* clip:blend(name) through the registry. */
static mr_clip *blend(mr_clip *c, int mode)
{
    mr_arg a[MR_OP_MAX_PARAMS] = {{0}};
    a[0] = (mr_arg){.given = true, .num = mode};
    mr_err err;
    mr_clip *r = mr_op_apply(mr_op_find("blend"), c, a, &err);
    if (!r)
        fprintf(stderr, "blend: %s\n", err.msg);
    return r;
}

/* Compose: MoviePy's 50 % blit; a mode carried through later operations; the background. */
static void in_compose(void)
{
    mr_err err;
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *red = mr_color_new((mr_rgba){255, 0, 0, 255}, 16, 8, &err);
    mr_clip *green = mr_color_new((mr_rgba){0, 255, 0, 255}, 16, 8, &err);
    mr_clip *half = mr_clip_opacity(green, 0.5, NULL, &err);
    mr_clip *blit[] = {red, half};
    mr_clip *c = mr_compose_new(blit, 2, &o, &err);
    uint32_t v = pixel(c, 3, 3);
    printf("green at 50 %% over red: %u %u %u\n", v & 255, v >> 8 & 255, v >> 16 & 255);
    CHECK_NEAR(v & 255, 127, 1);
    CHECK_NEAR(v >> 8 & 255, 127, 1);
    CHECK_INT(v >> 16 & 255, 0);
    mr_clip_unref(c);

    /* multiply, then margin and a place: the mode goes with the clip, the margin stays clear */
    mr_clip *grey = mr_color_new((mr_rgba){128, 128, 128, 255}, 8, 4, &err);
    mr_clip *white = mr_color_new((mr_rgba){255, 255, 255, 255}, 16, 8, &err);
    mr_clip *m = blend(grey, MR_BLEND_MULTIPLY);
    CHECK(m && m->blend == MR_BLEND_MULTIPLY);
    mr_arg ma[MR_OP_MAX_PARAMS] = {{0}};
    ma[0] = (mr_arg){.given = true, .num = 2};
    ma[5] = (mr_arg){.given = true, .color = {255, 255, 255, 255}};
    mr_clip *framed = mr_op_apply(mr_op_find("margin"), m, ma, &err);
    CHECK(framed && framed->blend == MR_BLEND_MULTIPLY);
    mr_clip *placed = mr_clip_at(framed, mr_pos_edges(MR_EDGE_START, MR_EDGE_START, 2, 0), &err);
    CHECK(placed && placed->blend == MR_BLEND_MULTIPLY);
    mr_clip *layers[] = {red, placed};
    c = mr_compose_new(layers, 2, &o, &err);
    CHECK_INT(pixel(c, 5, 4), rgba(128, 0, 0, 255));  /* grey x red */
    CHECK_INT(pixel(c, 2, 0), rgba(255, 0, 0, 255));  /* white margin x red: red */
    CHECK_INT(pixel(c, 0, 0), rgba(255, 0, 0, 255));  /* outside the layer */
    mr_clip_unref(c);

    /* screen on the bottom layer: onto the background (black: the layer as it is) */
    mr_clip *sc = blend(grey, MR_BLEND_SCREEN);
    mr_clip *one[] = {sc, white};
    o.w = 8, o.h = 4;
    mr_clip *bottom = mr_compose_new(one, 1, &o, &err);
    CHECK_INT(pixel(bottom, 1, 1), rgba(128, 128, 128, 255));
    mr_clip_unref(bottom);
    mr_clip_unref(sc);

    mr_clip_unref(red); mr_clip_unref(green); mr_clip_unref(half); mr_clip_unref(grey); mr_clip_unref(white);
    mr_clip_unref(m); mr_clip_unref(framed); mr_clip_unref(placed);
}

int main(void)
{
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    chosen_colours();
    random_against_spec();
    transparency();
    frames(&ev);
    in_compose();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
