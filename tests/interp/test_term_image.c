/* test_term_image.c: the terminal picture encodings against byte sequences worked out from
 * the protocols (kitty graphics, iTerm2 inline images, sixel). */
#include <stdlib.h>
#include "interp/term_image.h"
#include "tests/engine/check.h"

int main(void)
{
    const uint8_t abc[] = {'A', 'B', 'C'}; /* base64: QUJD */

    /* kitty: one chunk, PNG format (f=100), transmit and show (a=T), no reply (q=2), last (m=0) */
    mr_buf b = {0};
    CHECK(mr_term_kitty(abc, 3, &b) == 0);
    CHECK(b.len == strlen("\033_Gf=100,a=T,q=2,m=0;QUJD\033\\\n"));
    CHECK_STR(b.data, "\033_Gf=100,a=T,q=2,m=0;QUJD\033\\\n");
    free(b.data);

    /* kitty: 3072 bytes are 4096 base64 characters (one full chunk); 3075 spill into a second */
    uint8_t *big = calloc(1, 3075);
    b = (mr_buf){0};
    CHECK(mr_term_kitty(big, 3075, &b) == 0);
    const char *first = "\033_Gf=100,a=T,q=2,m=1;", *second = strstr(b.data, "\033\\\033_Gm=0;");
    CHECK(strncmp(b.data, first, strlen(first)) == 0);
    CHECK(second != NULL && second - (b.data + strlen(first)) == 4096); /* the first chunk: 4096 characters */
    CHECK(second && strcmp(second + 9, "AAAA\033\\\n") == 0);     /* the rest: 3 bytes -> "AAAA" */
    free(b.data);
    free(big);

    /* iTerm2: OSC 1337 File= with size and pixel dimensions, BEL-terminated */
    b = (mr_buf){0};
    CHECK(mr_term_iterm(abc, 3, 10, 20, &b) == 0);
    CHECK_STR(b.data, "\033]1337;File=inline=1;size=3;width=10px;height=20px;preserveAspectRatio=1:QUJD\a\n");
    CHECK(b.len == strlen(b.data));
    free(b.data);

    /* sixel: a 2x6 red picture is one band: DCS q, raster 1:1 2x6, one colour register, and
     * "~~" (all six pixels on, twice), then ST */
    mr_frame *f = mr_frame_new(2, 6, NULL);
    for (int y = 0; y < 6; y++)
        for (int x = 0; x < 2; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            p[0] = 255; p[1] = 0; p[2] = 0; p[3] = 255;
        }
    b = (mr_buf){0};
    CHECK(mr_term_sixel(f, &b) == 0);
    CHECK(strncmp(b.data, "\033Pq\"1;1;2;6#0;2;", 16) == 0);
    CHECK_STR(b.data, "#0~~\033\\\n");
    CHECK(strstr(b.data, ";0;0#0~~\033\\\n") != NULL);  /* green and blue 0 */
    free(b.data);
    mr_frame_unref(f);

    /* MOONREEL_IMAGES decides when set */
    setenv("MOONREEL_IMAGES", "kitty", 1);
    CHECK(mr_term_detect(1) == MR_TERM_KITTY);
    setenv("MOONREEL_IMAGES", "sixel", 1);
    CHECK(mr_term_detect(1) == MR_TERM_SIXEL);
    setenv("MOONREEL_IMAGES", "none", 1);
    CHECK(mr_term_detect(1) == MR_TERM_NONE);
    unsetenv("MOONREEL_IMAGES");
    CHECK(mr_term_detect(-1) == MR_TERM_NONE); /* not a terminal */
    return CHECK_DONE();
}
