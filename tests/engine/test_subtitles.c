/* test_subtitles.c: the subtitle renderer (engine/subtitles/sub_render.c): a cue is drawn once
 * however many frames show it (the same picture is handed out again), nothing is drawn where
 * no cue shows, the ink lies inside the picture, and the cue's bounds are exact to the ms; and
 * what mr_subs_open refuses or accepts: .ass files of 1 and 2 bytes, more than 256 styles, the
 * style's font (unknown: an error naming it; a ',' in it no longer shifts the ASS fields). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/core/eval.h"
#include "engine/subtitles/cues.h"
#include "engine/subtitles/subtitles.h"
#include "tests/engine/check.h"

/* A temporary file ending in ext holding text (n bytes); its name into path. */
static void write_tmp(char *path, size_t size, const char *ext, const char *text, size_t n)
{
    snprintf(path, size, "/tmp/mr_test_subs_XXXXXX%s", ext);
    int fd = mkstemps(path, (int)strlen(ext));
    CHECK(fd >= 0 && write(fd, text, n) == (ssize_t)n);
    close(fd);
}

/* Opening text as a file ending in ext fails with want (NULL: succeeds). */
static void opens(const char *ext, const char *text, size_t n, const mr_sub_style *st, const char *want)
{
    char path[64];
    write_tmp(path, sizeof path, ext, text, n);
    mr_err err = {0};
    mr_subs *s = mr_subs_open(path, st, 320, 180, &err);
    if (want) {
        CHECK(s == NULL);
        CHECK_STR(err.msg, want);
    } else {
        if (!s)
            fprintf(stderr, "%s: %s\n", ext, err.msg);
        CHECK(s != NULL);
    }
    mr_subs_free(s);
    unlink(path);
}

static void test_open(void)
{
    mr_sub_style st = mr_sub_style_default();
    /* shorter than a byte-order mark: no read past the end */
    opens(".ass", "[", 1, &st, "not an ASS/SSA script");
    opens(".ass", "\xef\xbb", 2, &st, "not an ASS/SSA script");
    opens(".sub", "W", 1, &st, "expected a cue number, got 'W'");
    /* 300 styles, the last one used: each is known */
    mr_sub_buf b = {0};
    mr_sub_buf_puts(&b, "[Script Info]\nScriptType: v4.00+\nPlayResX: 320\nPlayResY: 180\n\n[V4+ Styles]\n"
                        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
                        "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
                        "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
    for (int i = 0; i < 300; i++) {
        char line[200];
        snprintf(line, sizeof line, "Style: S%d,DejaVu Sans,20,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,"
                 "100,100,0,0,1,1,0,2,10,10,10,1\n", i);
        mr_sub_buf_puts(&b, line);
    }
    mr_sub_buf_puts(&b, "\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                        "Dialogue: 0,0:00:01.00,0:00:02.00,S299,,0,0,0,,Last style\n");
    CHECK(!b.oom);
    opens(".ass", b.s, b.n, &st, NULL);
    free(b.s);
    /* the style's font: an unknown one is an error naming it (a ',' once shifted every field) */
    const char *srt = "1\n00:00:01,000 --> 00:00:02,000\nOne\n";
    snprintf(st.font, sizeof st.font, "NoSuchFont, 90");
    opens(".srt", srt, strlen(srt), &st, "font 'NoSuchFont, 90' not found");
    snprintf(st.font, sizeof st.font, "DejaVu Sans\nStyle: X");
    opens(".srt", srt, strlen(srt), &st, "control character");
    snprintf(st.font, sizeof st.font, "/tmp/x.ttf");
    opens(".srt", srt, strlen(srt), &st, "not a file");
    snprintf(st.font, sizeof st.font, "DejaVu Sans");
    opens(".srt", srt, strlen(srt), &st, NULL);
}

int main(void)
{
    test_open();
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
