/* test_subtitles.c: the subtitle renderer (engine/subtitles/sub_render.c): a cue is drawn once
 * however many frames show it (the same picture is handed out again), nothing is drawn where
 * no cue shows, the ink lies inside the picture, and the cue's bounds are exact to the ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/core/eval.h"
#include "engine/subtitles/subtitles.h"
#include "tests/engine/check.h"

int main(void)
{
    char path[] = "/tmp/mr_test_subs_XXXXXX.srt";
    int fd = mkstemps(path, 4);
    const char *srt = "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:02,000 --> 00:00:03,500\nTwo\n\n"
                      "3\n00:00:05,000 --> 00:00:06,000\nThree\n";
    CHECK(fd >= 0 && write(fd, srt, strlen(srt)) == (ssize_t)strlen(srt));
    close(fd);
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    mr_sub_style st = mr_sub_style_default();
    mr_subs *s = mr_subs_open(path, &st, 320, 180, &err);
    CHECK(s != NULL);
    if (!s)
        return CHECK_DONE();
    CHECK_NEAR(mr_subs_end(s), 6.0, 1e-9);
    int shown = 0, same = 0, x, y;
    mr_frame *prev = NULL;
    for (int n = 0; n < 240; n++) { /* 8 s at 30 fps */
        mr_frame *f;
        CHECK(mr_subs_picture(s, n / 30.0, &ev, false, &f, &x, &y) == 0);
        if (f) {
            shown++;
            same += f == prev;
            CHECK(x >= 0 && y >= 0 && x + f->w <= 320 && y + f->h <= 180);
        }
        mr_frame_unref(prev);
        prev = f;
    }
    mr_frame_unref(prev);
    CHECK_INT(shown, 30 + 45 + 30);
    CHECK_INT(same, shown - 3);
    CHECK_INT(mr_subs_draws(s), 3);
    /* exact bounds: 1 ms before a start and at an end nothing; the full picture is transparent */
    mr_frame *f;
    CHECK(mr_subs_picture(s, 4.999, &ev, false, &f, &x, &y) == 0 && f == NULL);
    CHECK(mr_subs_picture(s, 5.0, &ev, false, &f, &x, &y) == 0 && f != NULL);
    mr_frame_unref(f);
    CHECK(mr_subs_picture(s, 6.0, &ev, false, &f, &x, &y) == 0 && f == NULL);
    CHECK(mr_subs_picture(s, 6.0, &ev, true, &f, &x, &y) == 0 && f && f->w == 320 && f->h == 180);
    if (f) {
        int ink = 0;
        for (int yy = 0; yy < f->h; yy++)
            for (int xx = 0; xx < f->w; xx++)
                ink += mr_frame_row(f, yy)[4 * xx + 3] != 0;
        CHECK_INT(ink, 0);
    }
    mr_frame_unref(f);
    CHECK_INT(mr_subs_draws(s), 3); /* cue 3 again after a gap: libass says it is unchanged */
    mr_subs_free(s);
    mr_eval_free(&ev);
    unlink(path);
    return CHECK_DONE();
}
