/* test_color_fx.c: the colour transform's CPU loops (engine/kernels/cpu/color.c): an opaque
 * frame, done in vectorised passes, gives the same bits as the pixel-by-pixel loop; and the
 * builders (engine/ops/color_build.c): the identities, and a few values worked out by hand. */
#include "engine/kernels/cpu/color.h"
#include "engine/ops/color_build.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

/* k over an opaque random frame, by the opaque passes and by the general loop: the same. */
static void same_both_ways(const mr_color_params *k, const char *what)
{
    mr_frame *a = frame_random(67, 33, 5), *b = mr_frame_new(67, 33, NULL);
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            frame_px(a, x, y)[3] = 255;
    for (int y = 0; y < a->h; y++)
        memcpy(mr_frame_row(b, y), mr_frame_row(a, y), 4 * (size_t)a->w);
    a->opaque = true;
    b->opaque = false;
    mr_cpu_color(a, k);
    mr_cpu_color(b, k);
    int differ = 0;
    for (int y = 0; y < a->h; y++)
        differ += memcmp(mr_frame_row(a, y), mr_frame_row(b, y), 4 * (size_t)a->w) != 0;
    if (differ)
        fprintf(stderr, "%s: %d rows differ\n", what, differ);
    CHECK_INT(differ, 0);
    mr_frame_unref(a);
    mr_frame_unref(b);
}

/* The colour (r, g, b) through k. */
static void one(const mr_color_params *k, int r, int g, int b, int *out)
{
    int32_t c[3] = {r, g, b};
    mr_color_apply(c, &k->pre[0][0], &k->m[0][0], k->use_matrix, &k->post[0][0]);
    for (int i = 0; i < 3; i++)
        out[i] = c[i];
}

int main(void)
{
    mr_color_params k;
    const double s_curve[][2] = {{0, 0}, {0.25, 0.15}, {0.75, 0.85}, {1, 1}};
    mr_color_saturation(&k, 1.7);
    same_both_ways(&k, "saturation");
    mr_color_threshold(&k, 0.3);
    same_both_ways(&k, "threshold");
    mr_color_gamma(&k, 0.7);
    same_both_ways(&k, "gamma");
    mr_color_hue(&k, 200);
    mr_color_curve_table(s_curve, 4, k.pre[0]);
    mr_color_curve_table(s_curve, 4, k.post[2]);
    k.m[1][3] = -40 * MR_COLOR_ONE;
    same_both_ways(&k, "everything");

    /* identities */
    mr_color_brightness(&k, 0);
    CHECK(mr_color_is_identity(&k));
    mr_color_contrast(&k, 1);
    CHECK(mr_color_is_identity(&k));
    mr_color_saturation(&k, 1);
    CHECK(mr_color_is_identity(&k));
    mr_color_gamma(&k, 1);
    CHECK(mr_color_is_identity(&k));
    mr_color_hue(&k, 0);
    CHECK(mr_color_is_identity(&k));
    mr_color_hue(&k, -360);
    CHECK(mr_color_is_identity(&k));
    mr_color_exposure(&k, 0);
    CHECK(mr_color_is_identity(&k));
    mr_color_temperature(&k, 6500);
    CHECK(mr_color_is_identity(&k));
    mr_color_levels(&k, 0, 1, 0, 1, 1);
    CHECK(mr_color_is_identity(&k));
    mr_color_posterize(&k, 256);
    CHECK(mr_color_is_identity(&k));
    mr_color_sepia(&k, 0);
    CHECK(mr_color_is_identity(&k));
    mr_color_multiply(&k, 1);
    CHECK(mr_color_is_identity(&k));
    mr_color_invert(&k);
    CHECK(!mr_color_is_identity(&k));

    /* values */
    int o[3];
    mr_color_invert(&k);
    one(&k, 50, 100, 150, o);
    CHECK(o[0] == 205 && o[1] == 155 && o[2] == 105);
    mr_color_multiply(&k, 4);
    one(&k, 0, 10, 50, o);
    CHECK(o[0] == 0 && o[1] == 40 && o[2] == 200);
    one(&k, 64, 63, 255, o);
    CHECK(o[0] == 255 && o[1] == 252 && o[2] == 255);
    mr_color_saturation(&k, 0);
    one(&k, 255, 0, 0, o); /* BT.709: 0.2126 x 255 = 54.2 */
    CHECK(o[0] == 54 && o[1] == 54 && o[2] == 54);
    one(&k, 255, 255, 255, o);
    CHECK(o[0] == 255 && o[1] == 255 && o[2] == 255);
    mr_color_posterize(&k, 4); /* bands of 64: 0, 85, 170, 255 */
    one(&k, 63, 64, 200, o);
    CHECK(o[0] == 0 && o[1] == 85 && o[2] == 255);
    mr_color_temperature(&k, 2000);
    one(&k, 200, 200, 200, o);
    CHECK(o[0] == 200 && o[1] < 150 && o[2] < 60);
    uint8_t t[256];
    mr_color_curve_table(s_curve, 4, t);
    CHECK(t[0] == 0 && t[255] == 255);
    CHECK_NEAR(t[64], 38.25 + 0.35, 1); /* 0.25 -> 0.15 (38.25), and 64 is 0.35 past 63.75 */
    for (int v = 1; v < 256; v++)
        CHECK(t[v] >= t[v - 1]);
    return CHECK_DONE();
}
