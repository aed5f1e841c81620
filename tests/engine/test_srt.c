/* test_srt.c: the SubRip parser (engine/subtitles/srt.c) and what it shares (cues.c): well-formed
 * files (BOM, CRLF, no final blank line, no cue number, '.' before the milliseconds, tags into
 * ASS overrides, several lines), a missing blank line between cues, cues without text skipped,
 * and each malformed file's message with its line. */
#include <stdlib.h>
#include <string.h>
#define CUE_PARSE mr_srt_parse
#define CUE_FILE "t.srt"
#include "tests/engine/cue_check.h"

static void test_times(void)
{
    int64_t ms;
    CHECK(mr_sub_parse_time("01:02:03,456", 12, ",", 0, &ms) == 0 && ms == 3723456);
    CHECK(mr_sub_parse_time("00:00:01.5", 10, ",.", 0, &ms) < 0);   /* three digits of ms */
    CHECK(mr_sub_parse_time("00:61:00,000", 12, ",", 0, &ms) < 0);  /* minutes below 60 */
    CHECK(mr_sub_parse_time("00:01.000", 9, ".", 1, &ms) == 0 && ms == 1000); /* mm:ss.mmm (WebVTT) */
    CHECK(mr_sub_parse_time("00:01.000", 9, ".", 0, &ms) < 0);
    CHECK(mr_sub_parse_time("100:00:00.000", 13, ".", 1, &ms) == 0 && ms == 360000000LL);
    CHECK(mr_sub_parse_time("60:00.000", 9, ".", 1, &ms) < 0);      /* mm:ss: minutes below 60 too */
    CHECK(mr_sub_parse_time("59:59.999", 9, ".", 1, &ms) == 0 && ms == 3599999);
    CHECK(mr_sub_parse_time("00:00:60,000", 12, ",", 0, &ms) < 0);  /* seconds below 60 */
    CHECK(mr_sub_parse_time("00:100:00,000", 13, ",", 0, &ms) < 0); /* minutes: two digits */
}

/* A missing blank line between cues never makes the next cue's number and timing line text of
 * the one before: the timing line (and a number line just before it) starts the next cue. */
static void test_no_blank_line(void)
{
    mr_sub_cues c;
    CHECK_INT(parse("1\n00:00:00,000 --> 00:00:01,000\nfirst\n2\n00:00:01,000 --> 00:00:02,000\nsecond\n", &c), 2);
    cue_is(&c, 0, 0, 1000, "first");
    cue_is(&c, 1, 1000, 2000, "second");
    if (c.n == 2)
        CHECK_INT(c.v[1].line, 5);
    mr_sub_cues_free(&c);
    /* without the number; and a number that is text (not followed by a timing line) */
    CHECK_INT(parse("00:00:00,000 --> 00:00:01,000\nfirst\n42\nlines\n00:00:01,000 --> 00:00:02,000\n2\n", &c), 2);
    cue_is(&c, 0, 0, 1000, "first\\N42\\Nlines");
    cue_is(&c, 1, 1000, 2000, "2");
    mr_sub_cues_free(&c);
    /* two number lines: the first is text, the second the next cue's number */
    CHECK_INT(parse("1\n00:00:00,000 --> 00:00:01,000\n7\n2\n00:00:01,000 --> 00:00:02,000\nb\n", &c), 2);
    cue_is(&c, 0, 0, 1000, "7");
    cue_is(&c, 1, 1000, 2000, "b");
    mr_sub_cues_free(&c);
    /* a line with "-->" that is not a timing line is an error naming it, not text */
    fails("1\n00:00:00,000 --> 00:00:01,000\nthis --> that\n", "t.srt:3: start time 'this' does not parse");
}

/* A cue without text shows nothing and is skipped, as in WebVTT; the others stay. */
static void test_empty_cues(void)
{
    mr_sub_cues c;
    CHECK_INT(parse("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\n\n"
                    "3\n00:00:05,000 --> 00:00:06,000\nBye\n", &c), 2);
    cue_is(&c, 0, 1000, 2000, "Hello");
    cue_is(&c, 1, 5000, 6000, "Bye");
    mr_sub_cues_free(&c);
    CHECK_INT(parse("1\n00:00:01,000 --> 00:00:02,000\n", &c), 0); /* at the end, no blank line */
    mr_sub_cues_free(&c);
    /* an empty cue directly followed by the next */
    CHECK_INT(parse("1\n00:00:01,000 --> 00:00:02,000\n2\n00:00:03,000 --> 00:00:04,000\nx\n", &c), 1);
    cue_is(&c, 0, 3000, 4000, "x");
    mr_sub_cues_free(&c);
    /* a line of tags only is still text */
    CHECK_INT(parse("1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", &c), 1);
    mr_sub_cues_free(&c);
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
    fails("1\n00:00:01,000 --> 00:00:02,000\nHi\n\nHello there\n", "t.srt:5: expected a cue number, got 'Hello there'");
    fails("1\n00:00:01,000 - 00:00:02,000\nHi\n", "t.srt:2: expected a timing line");
    fails("1\n\n", "t.srt:2: cue 1 has no timing line");
}

int main(void)
{
    test_times();
    test_good();
    test_bad();
    test_no_blank_line();
    test_empty_cues();
    return CHECK_DONE();
}
