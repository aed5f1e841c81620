/* test_blend.c: premultiplied compositing against a float reference, clipping, fades. */
#include <math.h>
#include <stdlib.h>
#include "engine/core/color.h"
#include "engine/kernels/cpu/blend.h"
#include "tests/engine/check.h"

static void random_premul(mr_frame *f, unsigned seed)
{
    srand(seed);
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            int a = rand() % 256;
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)(a ? rand() % (a + 1) : 0);
            p[3] = (uint8_t)a;
        }
    f->opaque = false;
}

int main(void)
{
    mr_frame *dst = mr_frame_new(40, 30, NULL), *src = mr_frame_new(17, 13, NULL), *orig = mr_frame_new(40, 30, NULL);
    random_premul(dst, 1);
    random_premul(src, 2);
    for (int y = 0; y < 30; y++)
        memcpy(mr_frame_row(orig, y), mr_frame_row(dst, y), 40 * 4);

    /* over at an offset, with an opacity: each channel within 1 of the exact value */
    int worst = 0;
    unsigned op = 200;
    mr_cpu_over(dst, src, 5, 9, op);
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 40; x++) {
            const uint8_t *d = mr_frame_row(dst, y) + 4 * x, *o = mr_frame_row(orig, y) + 4 * x;
            int sx = x - 5, sy = y - 9;
            bool inside = sx >= 0 && sy >= 0 && sx < 17 && sy < 13;
            for (int c = 0; c < 4; c++) {
                double want = o[c];
                if (inside) {
                    const uint8_t *s = mr_frame_row(src, sy) + 4 * sx;
                    double k = op / 255.0, sa = s[3] * k / 255.0;
                    want = s[c] * k + o[c] * (1 - sa);
                }
                int d_ = abs(d[c] - (int)lround(want));
                if (d_ > worst) worst = d_;
            }
        }
    CHECK(worst <= 1);

    /* clipping: a picture hanging off every edge draws only its visible part and crashes nothing */
    mr_cpu_over(dst, src, -10, -5, 255);
    mr_cpu_over(dst, src, 35, 25, 255);
    mr_cpu_over(dst, src, 100, 100, 255);
    CHECK(1);

    /* an opaque picture stays opaque under anything drawn over it */
    mr_cpu_fill(dst, mr_rgba_premul((mr_rgba){10, 20, 30, 255}));
    CHECK(dst->opaque);
    mr_cpu_over(dst, src, 3, 3, 128);
    CHECK(dst->opaque);
    bool all255 = true;
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 40; x++)
            all255 = all255 && mr_frame_row(dst, y)[4 * x + 3] == 255;
    CHECK(all255);

    /* fully transparent source changes nothing; fully opaque source replaces */
    mr_cpu_fill(dst, mr_rgba_premul((mr_rgba){10, 20, 30, 255}));
    mr_cpu_fill(src, 0);
    mr_cpu_over(dst, src, 0, 0, 255);
    CHECK(mr_frame_row(dst, 0)[0] == 10 && mr_frame_row(dst, 0)[1] == 20);
    mr_cpu_fill(src, mr_rgba_premul((mr_rgba){200, 100, 50, 255}));
    mr_cpu_over(dst, src, 0, 0, 255);
    CHECK(mr_frame_row(dst, 5)[0] == 200 && mr_frame_row(dst, 5)[2] == 50);

    /* fades: towards opaque black keeps an opaque picture opaque; towards a colour mixes
     * once; towards transparent scales every channel */
    mr_cpu_fill(dst, mr_rgba_premul((mr_rgba){200, 100, 50, 255}));
    mr_cpu_mix(dst, 128, 0xff000000u);
    const uint8_t *p = mr_frame_row(dst, 2) + 8;
    CHECK(p[0] == 100 && p[1] == 50 && p[2] == 25 && p[3] == 255 && dst->opaque);
    mr_cpu_mix(dst, 51, 0xffffffffu); /* 100*51/255 + 255*204/255 = 20 + 204 */
    CHECK(p[0] == 224 && p[1] == 214 && p[2] == 209 && p[3] == 255 && dst->opaque);
    mr_cpu_fill(dst, mr_rgba_premul((mr_rgba){200, 100, 50, 255}));
    mr_cpu_mix(dst, 128, 0);
    CHECK(p[0] == 100 && p[1] == 50 && p[2] == 25 && p[3] == 128 && !dst->opaque);
    mr_cpu_mix(dst, 0, 0);
    CHECK(p[0] == 0 && p[3] == 0 && !dst->opaque);

    /* copy_rect */
    random_premul(orig, 3);
    mr_frame *part = mr_frame_new(7, 5, NULL);
    mr_cpu_copy_rect(part, orig, 11, 4, 7, 5);
    CHECK(memcmp(mr_frame_row(part, 2), mr_frame_row(orig, 6) + 4 * 11, 7 * 4) == 0);

    /* the pool hands a freed buffer back for the same size */
    uint8_t *mem = part->data;
    mr_frame_unref(part);
    mr_frame *again = mr_frame_new(7, 5, NULL);
    CHECK(again->data == mem);
    mr_frame *shared = mr_frame_ref(again);
    CHECK(mr_frame_make_writable(&shared, NULL, NULL) == 0);
    CHECK(shared != again); /* shared, so a private copy was made */
    mr_frame_unref(shared);
    CHECK(mr_frame_make_writable(&again, NULL, NULL) == 0);
    CHECK(again->data == mem); /* sole owner: no copy */

    mr_frame_unref(again);
    mr_frame_unref(dst);
    mr_frame_unref(src);
    mr_frame_unref(orig);
    return CHECK_DONE();
}
