/* test_warp.c: the warp operations on the CPU: mirror and quarter turns move pixels exactly,
 * rotate 0 and scale 1 change nothing, a zoom keeps its anchor, a turned box grows to hold the
 * picture, and outside the source is transparent. */
#include <math.h>
#include <string.h>
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

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

static uint32_t px(mr_frame *f, int x, int y) { return ((uint32_t *)mr_frame_row(f, y))[x]; }

int main(void)
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
    exact = true;
    for (int y = 0; y < 32; y++)
        exact = exact && !memcmp(mr_frame_row(f0, y), mr_frame_row(in, y), 256) &&
                !memcmp(mr_frame_row(f1, y), mr_frame_row(in, y), 256);
    CHECK(exact);

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

    mr_frame *frames[] = {in, fm, f0, f1, f90, f45, fz};
    for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++)
        mr_frame_unref(frames[i]);
    mr_clip *clips[] = {bars, src, m, r0, s1, r90, r45, keep, z};
    for (size_t i = 0; i < sizeof clips / sizeof clips[0]; i++)
        mr_clip_unref(clips[i]);
    return CHECK_DONE();
}
