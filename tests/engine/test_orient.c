/* test_orient.c: display matrices into turns and mirrors (as the ffmpeg command reads them),
 * and the CPU kernel turning frames: every rotation and flip a matrix can say, against a
 * picture turned by hand, on odd sizes and sizes past the kernel's tiles. */
#include <libavutil/display.h>
#include "engine/core/eval.h"
#include "engine/media/orient.h"
#include "engine/media/picture_in.h"
#include "tests/engine/check.h"

static uint32_t label(int x, int y) { return (uint32_t)(x | y << 12 | 0xffu << 24); }

static mr_frame *labelled(int w, int h)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            ((uint32_t *)mr_frame_row(f, y))[x] = label(x, y);
    f->opaque = true;
    return f;
}

/* What a player shows: the stored picture turned `cw` degrees clockwise (a quarter at a
 * time: shown (x, y) is stored (y, h-1-x)), then mirrored. Returns a new frame. */
static mr_frame *by_hand(const mr_frame *src, int cw, bool hflip, bool vflip)
{
    mr_frame *f = mr_frame_new(src->w, src->h, NULL);
    for (int y = 0; y < src->h; y++)
        memcpy(mr_frame_row(f, y), mr_frame_row(src, y), (size_t)src->w * 4);
    for (int q = 0; q < cw / 90; q++) {
        mr_frame *t = mr_frame_new(f->h, f->w, NULL);
        for (int y = 0; y < t->h; y++)
            for (int x = 0; x < t->w; x++)
                ((uint32_t *)mr_frame_row(t, y))[x] = ((uint32_t *)mr_frame_row(f, f->h - 1 - x))[y];
        mr_frame_unref(f);
        f = t;
    }
    mr_frame *m = mr_frame_new(f->w, f->h, NULL);
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++)
            ((uint32_t *)mr_frame_row(m, y))[x] =
                ((uint32_t *)mr_frame_row(f, vflip ? f->h - 1 - y : y))[hflip ? f->w - 1 - x : x];
    mr_frame_unref(f);
    return m;
}

static bool same(const mr_frame *a, const mr_frame *b)
{
    if (a->w != b->w || a->h != b->h)
        return false;
    for (int y = 0; y < a->h; y++)
        if (memcmp(mr_frame_row(a, y), mr_frame_row(b, y), (size_t)a->w * 4))
            return false;
    return true;
}

int main(void)
{
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);

    /* a phone's upright video: the matrix of a "rotate=90" file, shown turned clockwise */
    int32_t phone[9] = {0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30};
    mr_orient o = mr_orient_from_matrix(phone);
    CHECK_INT(o.rotate, 90);
    CHECK(!o.hflip);
    o = mr_orient_from_matrix(NULL);
    CHECK(mr_orient_is_identity(o));
    int32_t singular[9] = {0};
    CHECK(mr_orient_is_identity(mr_orient_from_matrix(singular)));
    int sw, sh;
    mr_orient_size((mr_orient){270, false}, 1920, 1080, &sw, &sh);
    CHECK(sw == 1080 && sh == 1920);
    mr_orient_size((mr_orient){180, true}, 1920, 1080, &sw, &sh);
    CHECK(sw == 1920 && sh == 1080);
    char buf[64];
    CHECK_STR(mr_orient_describe((mr_orient){90, false}, buf, sizeof buf), "90 degrees clockwise");
    CHECK_STR(mr_orient_describe((mr_orient){270, true}, buf, sizeof buf), "270 degrees clockwise, then mirrored");
    CHECK_STR(mr_orient_describe((mr_orient){0, true}, buf, sizeof buf), "mirrored");
    /* nearly a quarter turn (a matrix rounded in fixed point) is one */
    int32_t near[9];
    av_display_rotation_set(near, 89.7);
    CHECK_INT(mr_orient_from_matrix(near).rotate, 90);

    /* every turn and flip, as av_display_rotation_set / av_display_matrix_flip write them
     * (what the ffmpeg command's -display_rotation and -display_hflip/-display_vflip do) */
    int sizes[][2] = {{7, 5}, {130, 67}, {64, 64}};
    for (int s = 0; s < 3; s++)
        for (int cw = 0; cw < 360; cw += 90)
            for (int flip = 0; flip < 3; flip++) {
                int32_t m[9];
                av_display_rotation_set(m, cw);
                av_display_matrix_flip(m, flip == 1, flip == 2);
                mr_frame *src = labelled(sizes[s][0], sizes[s][1]);
                mr_frame *want = by_hand(src, cw, flip == 1, flip == 2);
                mr_frame *f = mr_frame_ref(src);
                CHECK(mr_picture_orient(&ev, &f, mr_orient_from_matrix(m)) == 0);
                if (!same(f, want))
                    fprintf(stderr, "%dx%d turned %d, flip %d: wrong picture\n", sizes[s][0], sizes[s][1], cw, flip);
                CHECK(same(f, want));
                CHECK(f->opaque);
                CHECK(cw + flip == 0 ? f == src : f != src); /* an identity keeps the frame */
                mr_frame_unref(f);
                mr_frame_unref(src);
                mr_frame_unref(want);
            }

    /* the kernel keeps a picture's transparency: not opaque in, not opaque out */
    mr_frame *t = labelled(9, 4);
    t->opaque = false;
    CHECK(mr_picture_orient(&ev, &t, (mr_orient){90, false}) == 0);
    CHECK(!t->opaque && t->w == 4 && t->h == 9);
    mr_frame_unref(t);
    mr_eval_free(&ev);
    return CHECK_DONE();
}
