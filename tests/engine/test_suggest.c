/* test_suggest.c: "did you mean ...?" for misspelled names. */
#include <string.h>
#include "engine/core/suggest.h"
#include "tests/engine/check.h"

int main(void)
{
    static const char *const text[] = {"font", "size", "color", "stroke", "align", "width"};
    static const char *const render[] = {"encoder", "codec", "crf", "preset", "fps", "size", "threads", "encoder_threads"};
    const char *s;
    CHECK((s = mr_suggest("sise", text, 6)) && !strcmp(s, "size"));
    CHECK((s = mr_suggest("colour", text, 6)) && !strcmp(s, "color"));
    CHECK((s = mr_suggest("widht", text, 6)) && !strcmp(s, "width")); /* a swap is one edit */
    CHECK((s = mr_suggest("font_size", text, 6)) && !strcmp(s, "size"));
    CHECK((s = mr_suggest("fontsize", text, 6)) && !strcmp(s, "size"));
    CHECK((s = mr_suggest("stroke_width", text, 6)) && !strcmp(s, "stroke")); /* the longer part */
    CHECK((s = mr_suggest("crff", render, 8)) && !strcmp(s, "crf"));
    CHECK((s = mr_suggest("encoder-threads", render, 8)) && !strcmp(s, "encoder_threads"));
    CHECK(mr_suggest("bitrate", render, 8) == NULL);
    CHECK(mr_suggest("x", text, 6) == NULL);
    CHECK(mr_suggest("", text, 6) == NULL);
    CHECK(mr_suggest("transition", render, 8) == NULL);
    return CHECK_DONE();
}
