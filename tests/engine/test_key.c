/* test_key.c: chroma and luma keys on the CPU. A synthetic green screen (pure green on the
 * left, noisy green on the right) behind a known foreground of skin, red, blue and grey with
 * soft edges is keyed, and what is left is measured: the foreground's error where it was
 * whole, the green left where the screen was, and the green cast of the edges with and
 * without spill suppression. Luma keys on chosen greys against their definition. */
#include <math.h>
#include <stdlib.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_key.h"
#include "engine/ops/op.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

#define W 320
#define H 180

static const int fg_colours[4][3] = {{224, 172, 140}, {200, 30, 30}, {30, 60, 200}, {128, 128, 128}};

/* How much of pixel (x, y) the foreground covers (0..1): four discs, one of each colour, with
 * an edge one pixel soft; *which is the disc's colour. */
static double coverage(int x, int y, int *which)
{
    double best = 0;
    for (int i = 0; i < 4; i++) {
        double cx = 50 + i * 73, cy = 90, r = 34;
        double d = hypot(x + 0.5 - cx, y + 0.5 - cy), c = fmin(1, fmax(0, r + 0.5 - d));
        if (c > best)
            best = c, *which = i;
    }
    return best;
}

/* The screen at (x, y): pure green on the left half, green with noise on the right. */
static void screen(int x, int y, int *c)
{
    c[0] = 0, c[1] = 255, c[2] = 0;
    if (x >= W / 2) {
        c[0] = rand() % 25;
        c[1] = 225 + rand() % 31;
        c[2] = rand() % 25;
    }
}

/* The green screen with the foreground mixed in by its coverage (what a camera sees), opaque. */
static mr_frame *shot(void)
{
    mr_frame *f = mr_frame_new(W, H, NULL);
    srand(5);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int s[3], i = 0;
            screen(x, y, s);
            double cov = coverage(x, y, &i);
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)lround(fg_colours[i][c] * cov + s[c] * (1 - cov));
            p[3] = 255;
        }
    f->opaque = true;
    return f;
}

typedef struct quality {
    double fg_mean, fg_max;   /* |keyed - foreground| where the foreground is whole, 0..255 */
    double green_alpha;       /* mean alpha where there is only screen, 0..255 */
    double edge_cast;         /* mean green cast (g - max(r, b), > 0) of the edges over grey */
    double edge_err;          /* mean |keyed edge over grey - foreground over grey by its coverage| */
} quality;

/* Keys the shot with similarity, blend, spill and measures it. */
static quality key_and_measure(mr_eval *ev, double sim, double blend, double spill)
{
    mr_frame *f = shot();
    mr_key_params k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, sim, blend, spill);
    CHECK(mr_k_key(ev, f, &k) == 0);
    CHECK(!f->opaque);
    quality q = {0, 0, 0, 0, 0};
    long n_fg = 0, n_green = 0, n_edge = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const uint8_t *p = mr_frame_row(f, y) + 4 * x;
            int i = 0;
            double cov = coverage(x, y, &i);
            if (cov >= 1) {
                for (int c = 0; c < 3; c++) {
                    double d = abs(p[c] - fg_colours[i][c]) + (255 - p[3]) / 3.0;
                    q.fg_mean += d;
                    q.fg_max = fmax(q.fg_max, d);
                }
                n_fg++;
            } else if (cov <= 0) {
                q.green_alpha += p[3];
                n_green++;
            } else { /* over mid grey: the green the edge brings */
                double o[3];
                for (int c = 0; c < 3; c++) {
                    o[c] = p[c] + 128 * (1 - p[3] / 255.0);
                    q.edge_err += fabs(o[c] - (fg_colours[i][c] * cov + 128 * (1 - cov))) / 3;
                }
                q.edge_cast += fmax(0, o[1] - fmax(o[0], o[2]));
                n_edge++;
            }
        }
    q.fg_mean /= 3.0 * n_fg;
    q.green_alpha /= n_green;
    q.edge_cast /= n_edge;
    q.edge_err /= n_edge;
    printf("chromakey similarity %.2f blend %.2f spill %.1f: foreground error mean %.3f max %.0f, "
           "leftover green alpha %.3f; soft edges over grey: error %.2f, green cast %.2f\n",
           sim, blend, spill, q.fg_mean, q.fg_max, q.green_alpha, q.edge_err, q.edge_cast);
    mr_frame_unref(f);
    return q;
}

static void green_screen(mr_eval *ev)
{
    quality hard = key_and_measure(ev, 0.15, 0.0, 0.0);
    quality soft = key_and_measure(ev, 0.15, 0.1, 0.0);
    quality despilled = key_and_measure(ev, 0.15, 0.1, 1.0);
    CHECK(hard.fg_max <= 1 && soft.fg_max <= 1 && despilled.fg_max <= 1); /* none of the four has a cast */
    CHECK(hard.green_alpha <= 0.5 && soft.green_alpha <= 0.5 && despilled.green_alpha <= 0.5);
    CHECK(despilled.edge_cast < soft.edge_cast / 4); /* spill suppression takes the green off the edges */
    CHECK(soft.edge_err < hard.edge_err && despilled.edge_err < soft.edge_err); /* and edges come closer */
    /* too small a similarity leaves the noisy half of the screen standing */
    quality tight = key_and_measure(ev, 0.02, 0.0, 0.0);
    CHECK(tight.green_alpha > 50);
}

/* Exact values: the key colour goes, a colour far from it stays, a soft ramp halfway. */
static void chosen_pixels(void)
{
    mr_key_params k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, 0.1, 0.0, 0.0);
    CHECK_INT(mr_key_pixel(0xff00ff00u, &k), 0);           /* green */
    CHECK_INT(mr_key_pixel(0xff808080u, &k), 0xff808080u); /* grey stays as it was */
    CHECK_INT(mr_key_pixel(0x80404040u, &k), 0x80404040u); /* a see-through grey too */
    CHECK_INT(mr_key_pixel(0, &k), 0);
    /* (0, 200, 0) is 0.091 from pure green's chroma: inside similarity 0.1; with similarity
     * 0.05 and blend 0.1 on the ramp: alpha 255 * (0.091 - 0.05) / 0.1 = 104 */
    CHECK_INT(mr_key_pixel(0xff00c800u, &k) >> 24, 0);
    k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, 0.05, 0.1, 0.0);
    int32_t u, v;
    mr_key_uv(0, 55, 0, &u, &v);
    double diff = hypot(u, v) / (1 << MR_KEY_UV_SHIFT) / (255 * sqrt(2.0));
    CHECK_NEAR(mr_key_pixel(0xff00c800u, &k) >> 24, 255 * (diff - 0.05) / 0.1, 1);
    /* spill: a greenish grey (100, 160, 120) kept, its green pulled to 120 by spill 1, to 140 by 0.5 */
    k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, 0.01, 0.0, 1.0);
    CHECK_INT(mr_key_pixel(0xff78a064u, &k), 0xff787864u);
    k = mr_chromakey_params_make((mr_rgba){0, 255, 0, 255}, 0.01, 0.0, 0.5);
    CHECK_INT(mr_key_pixel(0xff78a064u, &k), 0xff788c64u);
    /* a blue screen: blue goes, green stays */
    k = mr_chromakey_params_make((mr_rgba){0, 0, 255, 255}, 0.1, 0.0, 0.0);
    CHECK_INT(mr_key_pixel(0xffff0000u, &k), 0);
    CHECK_INT(mr_key_pixel(0xff00ff00u, &k), 0xff00ff00u);
}

/* The luma key's alpha for grey level g by its definition (BT.709 luma of a grey is g/255). */
static double luma_alpha(double g, double low, double high, double soft)
{
    double y = g / 255, out = fmax(low - y, y - high);
    if (out <= 0)
        return 0;
    return soft > 0 ? 255 * fmin(1, out / soft) : 255;
}

static void luma(void)
{
    static const double cases[][3] = {{0, 0.1, 0}, {0, 0.1, 0.1}, {0.4, 0.6, 0.05}, {0.9, 1, 0.2}};
    double worst = 0;
    for (int i = 0; i < 4; i++) {
        mr_key_params k = mr_lumakey_params_make(cases[i][0], cases[i][1], cases[i][2]);
        for (int g = 0; g < 256; g++) {
            uint32_t p = 0xff000000u | (uint32_t)g * 0x010101u;
            uint32_t o = mr_key_pixel(p, &k);
            double want = luma_alpha(g, cases[i][0], cases[i][1], cases[i][2]);
            worst = fmax(worst, fabs((double)(o >> 24) - want));
            /* the colour is premultiplied by the new alpha */
            CHECK_NEAR(o & 255, g * (o >> 24) / 255.0, 0.5 + 1e-9);
        }
    }
    printf("lumakey: largest alpha difference from the definition over 4 x 256 greys: %.3f\n", worst);
    CHECK(worst <= 1);
    mr_key_params k = mr_lumakey_params_make(0, 0.1, 0);
    CHECK_INT(mr_key_pixel(0xff000000u, &k), 0);            /* black goes */
    CHECK_INT(mr_key_pixel(0xff191919u, &k), 0);            /* 25: luma 0.098 */
    CHECK_INT(mr_key_pixel(0xff1a1a1au, &k), 0xff1a1a1au);  /* 26: luma 0.102 stays */
    /* pure green is bright (luma 0.7152), pure red dark (0.2126) */
    k = mr_lumakey_params_make(0.7, 0.75, 0);
    CHECK_INT(mr_key_pixel(0xff00ff00u, &k), 0);
    CHECK_INT(mr_key_pixel(0xff0000ffu, &k), 0xff0000ffu);
    /* a see-through pixel: its own colour's luma decides (half-transparent white is white) */
    k = mr_lumakey_params_make(0.9, 1, 0);
    CHECK_INT(mr_key_pixel(0x80808080u, &k), 0);
    CHECK_INT(mr_key_pixel(0x80404040u, &k), 0x80404040u);
}

/* The operations: chromakey of a green colour clip is transparent; lumakey's checks. */
static void operations(void)
{
    mr_err err;
    mr_clip *green = mr_color_new((mr_rgba){0, 255, 0, 255}, 8, 8, &err);
    mr_arg a[MR_OP_MAX_PARAMS] = {{0}};
    mr_clip *keyed = mr_op_apply(mr_op_find("chromakey"), green, a, &err); /* every default: green */
    CHECK(keyed != NULL);
    mr_frame *f = keyed ? mr_render_frame(keyed, 0, NULL, NULL, &err) : NULL;
    CHECK(f && ((uint32_t *)mr_frame_row(f, 3))[3] == 0);
    mr_frame_unref(f);
    mr_op_args_clear(a, MR_OP_MAX_PARAMS);
    a[0] = (mr_arg){.given = true, .num = 0.5};
    a[1] = (mr_arg){.given = true, .num = 0.2};
    CHECK(mr_op_apply(mr_op_find("lumakey"), green, a, &err) == NULL);
    CHECK_STR(err.msg, "low 0.5 is above high 0.2");
    mr_op_args_clear(a, MR_OP_MAX_PARAMS);
    a[1] = (mr_arg){.given = true, .num = 1.5};
    CHECK(mr_op_apply(mr_op_find("chromakey"), green, a, &err) == NULL);
    CHECK_STR(err.msg, "similarity");
    mr_clip_unref(keyed);
    mr_clip_unref(green);
}

int main(void)
{
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    green_screen(&ev);
    chosen_pixels();
    luma();
    operations();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
