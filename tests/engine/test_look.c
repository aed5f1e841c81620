/* test_look.c: opacity and fades. A fade goes towards transparent (or towards a colour given
 * when it is made), decided when the node is built: the same fade gives the same pixels at
 * the bottom of a group, above other layers, in a transparent group, and inside concat with
 * or without letterboxing. */
#include <math.h>
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

/* The premultiplied pixel of c at (x, y) and time t, packed as 0xAABBGGRR; 0 on failure. */
static uint32_t pixel(mr_clip *c, double t, int x, int y)
{
    mr_err err;
    mr_frame *f = mr_render_frame(c, t, NULL, NULL, &err);
    if (!f) {
        fprintf(stderr, "frame at %g: %s\n", t, err.msg);
        return 0;
    }
    const uint8_t *p = mr_frame_row(f, y) + 4 * x;
    uint32_t v = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
    mr_frame_unref(f);
    return v;
}

int main(void)
{
    mr_err err;
    mr_clip *red_still = mr_color_new((mr_rgba){200, 0, 0, 255}, 32, 16, &err);
    mr_clip *red = mr_clip_dur(red_still, 2, &err);
    mr_clip *in = mr_clip_fadein(red, 1, NULL, &err);
    mr_compose_opts o = mr_compose_opts_default();

    /* alone: half way through, half transparent (over black in an opaque video: half red) */
    CHECK_INT(pixel(in, 0.5, 3, 3), 0x80000064u);
    CHECK_INT(pixel(in, 1.5, 3, 3), 0xff0000c8u);

    /* the first layer of a transparent group fades to transparent, not through black */
    mr_compose_opts clear = o;
    clear.bg = (mr_rgba){0, 0, 0, 0};
    mr_clip *group = mr_compose_new(&in, 1, &clear, &err);
    CHECK_INT(pixel(group, 0.5, 3, 3), 0x80000064u);
    /* on the default black background: the same colour, opaque */
    mr_clip *on_black = mr_compose_new(&in, 1, &o, &err);
    CHECK_INT(pixel(on_black, 0.5, 3, 3), 0xff000064u);
    /* above another layer: that layer shows through */
    mr_clip *white_still = mr_color_new((mr_rgba){255, 255, 255, 255}, 32, 16, &err);
    mr_clip *pair[] = {white_still, in};
    mr_clip *over_white = mr_compose_new(pair, 2, &o, &err);
    CHECK_INT(pixel(over_white, 0.5, 3, 3), 0xff7f7fe3u); /* 100 + 255 * 127/255, 0 + 127 */

    /* inside concat: the same pixels whether or not concat letterboxes the clip */
    mr_clip *cat = mr_concat_new(&in, 1, 0, 0, &err);
    mr_clip *boxed = mr_concat_new(&in, 1, 32, 32, &err); /* 32x16 between bars, not scaled */
    CHECK(cat && boxed && boxed->w == 32 && boxed->h == 32);
    CHECK_INT(pixel(cat, 0.5, 3, 3), 0x80000064u);
    CHECK_INT(pixel(boxed, 0.5, 16, 16), 0x80000064u);
    CHECK_INT(pixel(boxed, 0.5, 16, 2), 0); /* the bars are transparent: nothing there */

    /* towards a colour: from white, opaque all along */
    mr_rgba white = {255, 255, 255, 255};
    mr_clip *from_white = mr_clip_fadein(red, 1, &white, &err);
    CHECK_INT(pixel(from_white, 0, 3, 3), 0xffffffffu);
    CHECK_INT(pixel(from_white, 0.5, 3, 3), 0xff7f7fe3u);
    mr_clip *to_white = mr_clip_fadeout(red, 1, &white, &err);
    CHECK_INT(pixel(to_white, 1.5, 3, 3), 0xff7f7fe3u);
    mr_clip *white_group = mr_compose_new(&from_white, 1, &clear, &err);
    CHECK_INT(pixel(white_group, 0.5, 3, 3), 0xff7f7fe3u);

    /* opacity scales every channel */
    mr_clip *half = mr_clip_opacity(red, 0.5, NULL, &err);
    CHECK_INT(pixel(half, 0.5, 3, 3), 0x80000064u);

    mr_clip *all[] = {red_still, red, in, group, on_black, white_still, over_white, cat, boxed, from_white, to_white,
                      white_group, half};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
