/* test_srt.c: the SubRip parser (engine/subtitles/srt.c) and what it shares (cues.c): well-formed
 * files (BOM, CRLF, no final blank line, no cue number, '.' before the milliseconds, tags into
 * ASS overrides, several lines), and each malformed file's message with its line. */
#include <stdlib.h>
#include <string.h>
#include "engine/subtitles/cues.h"
#include "tests/engine/check.h"

static mr_err err;

/* The cues of text (its count; -1 on error with err set). */
static int parse(const char *text, mr_sub_cues *c)
{
    *c = (mr_sub_cues){0};
    err.msg[0] = 0;
    if (mr_srt_parse(text, strlen(text), "t.srt", c, &err) < 0)
        return -1;
    return c->n;
}

static void fails(const char *text, const char *want)
{
    mr_sub_cues c;
    CHECK_INT(parse(text, &c), -1);
    CHECK_STR(err.msg, want);
    mr_sub_cues_free(&c);
}

static void test_times(void)
{
    int64_t ms;
    CHECK(mr_sub_parse_time("01:02:03,456", 12, ",", 0, &ms) == 0 && ms == 3723456);
    CHECK(mr_sub_parse_time("00:00:01.5", 10, ",.", 0, &ms) < 0);   /* three digits of ms */
    CHECK(mr_sub_parse_time("00:61:00,000", 12, ",", 0, &ms) < 0);  /* minutes below 60 */
    CHECK(mr_sub_parse_time("00:01.000", 9, ".", 1, &ms) == 0 && ms == 1000); /* mm:ss.mmm (WebVTT) */
    CHECK(mr_sub_parse_time("00:01.000", 9, ".", 0, &ms) < 0);
    CHECK(mr_sub_parse_time("100:00:00.000", 13, ".", 1, &ms) == 0 && ms == 360000000LL);
}

static void test_good(void)
{
    mr_sub_cues c;
    const char *basic = "\xef\xbb\xbf" "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n"
                        "2\r\n00:00:03,000 --> 00:00:04,000 X1:10 X2:20 Y1:1 Y2:2\r\n<i>two</i>\r\n<b>lines</b>\r\n";
    CHECK_INT(parse(basic, &c), 2);
    if (c.n == 2) {
        CHECK_INT(c.v[0].start_ms, 1000);
        CHECK_INT(c.v[0].end_ms, 2500);
        CHECK(!strcmp(c.v[0].text, "Hello"));
        CHECK_INT(c.v[1].line, 6);
        CHECK(!strcmp(c.v[1].text, "{\\i1}two{\\i0}\\N{\\b1}lines{\\b0}"));
    }
    mr_sub_cues_free(&c);
    /* no cue numbers, '.' separators, extra blank lines, a colour */
    CHECK_INT(parse("\n\n00:00:00.000 --> 00:00:01.000\n<font color=\"#ff8000\">hot</font>\n\n\n\n"
                    "00:00:01.000 --> 00:00:02.000\nx\n", &c), 2);
    if (c.n == 2)
        CHECK(!strcmp(c.v[0].text, "{\\c&H0080FF&}hot{\\c}"));
    mr_sub_cues_free(&c);
    /* a backslash and braces stay text */
    CHECK_INT(parse("1\n00:00:00,000 --> 00:00:01,000\na\\Nb {c}\n", &c), 1);
    if (c.n == 1)
        CHECK(strstr(c.v[0].text, "a\\\xe2\x81\xa0Nb \\{c\\}") != NULL);
    mr_sub_cues_free(&c);
    CHECK_INT(parse("", &c), 0);
    mr_sub_cues_free(&c);
}

static void test_bad(void)
{
    fails("1\n00:00:01,000 --> 00:00:0x,000\nHello\n", "t.srt:2: end time '00:00:0x,000' does not parse");
    fails("1\n00:00:01;000 --> 00:00:02,000\nHello\n", "t.srt:2: start time '00:00:01;000' does not parse");
    fails("1\n00:00:02,000 --> 00:00:01,000\nHello\n", "t.srt:2: the cue ends (00:00:01,000) before it starts");
    fails("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\n\n", "t.srt:6: the cue has no text");
    fails("1\n00:00:01,000 --> 00:00:02,000\n", "t.srt:2: the cue has no text");
    fails("1\n00:00:01,000 --> 00:00:02,000\nHi\n\nHello there\n", "t.srt:5: expected a cue number, got 'Hello there'");
    fails("1\n00:00:01,000 - 00:00:02,000\nHi\n", "t.srt:2: expected a timing line");
    fails("1\n\n", "t.srt:2: cue 1 has no timing line");
}

int main(void)
{
    test_times();
    test_good();
    test_bad();
    return CHECK_DONE();
}
