/* test_vtt.c: the WebVTT parser (engine/subtitles/vtt.c): the header, identifiers, NOTE and
 * STYLE blocks, cue settings ignored, mm:ss times, tags and entities, an empty cue skipped; and
 * each malformed file's message with its line. */
#include <stdlib.h>
#include <string.h>
#define CUE_PARSE mr_vtt_parse
#define CUE_FILE "t.vtt"
#include "tests/engine/cue_check.h"

/* A line with "-->" in a cue's text ends it and starts the next cue (WebVTT's rule): a
 * missing blank line never merges two cues. */
static void test_no_blank_line(void)
{
    mr_sub_cues c;
    CHECK_INT(parse("WEBVTT\n\n00:00.000 --> 00:01.000\nfirst\n00:01.000 --> 00:02.000\nsecond\n", &c), 2);
    cue_is(&c, 0, 0, 1000, "first");
    cue_is(&c, 1, 1000, 2000, "second");
    mr_sub_cues_free(&c);
    /* an empty cue directly followed by the next */
    CHECK_INT(parse("WEBVTT\n\n00:00.000 --> 00:01.000\n00:01.000 --> 00:02.000\nx\n", &c), 1);
    cue_is(&c, 0, 1000, 2000, "x");
    mr_sub_cues_free(&c);
    fails("WEBVTT\n\n00:00.000 --> 00:01.000\nthis --> that\n", "t.vtt:4: start time 'this' does not parse");
}

static void test_good(void)
{
    mr_sub_cues c;
    const char *v = "\xef\xbb\xbfWEBVTT - a title\r\nKind: captions\r\n\r\n"
                    "NOTE a comment\r\nover two lines\r\n\r\n"
                    "STYLE\r\n::cue { color: red }\r\n\r\n"
                    "intro\r\n00:01.000 --> 00:02.500 line:0 align:start\r\n<v Roger>Hi &amp; <i>bye</i>\r\n\r\n"
                    "00:00:03.000 --> 00:00:04.000\r\n<c.yellow>two</c>\r\n<00:00:03.500>lines &lt;3\r\n\r\n"
                    "00:00:05.000 --> 00:00:06.000\r\n\r\n"
                    "00:00:07.000 --> 00:00:08.000\nlast";
    CHECK_INT(parse(v, &c), 3);
    if (c.n == 3) {
        CHECK_INT(c.v[0].start_ms, 1000);
        CHECK_INT(c.v[0].end_ms, 2500);
        CHECK_INT(c.v[0].line, 11);
        CHECK(!strcmp(c.v[0].text, "Hi & {\\i1}bye{\\i0}"));
        CHECK(!strcmp(c.v[1].text, "two\\Nlines <3"));
        CHECK_INT(c.v[2].start_ms, 7000);
        CHECK(!strcmp(c.v[2].text, "last"));
    }
    mr_sub_cues_free(&c);
    CHECK_INT(parse("WEBVTT\n", &c), 0);
    mr_sub_cues_free(&c);
}

static void test_bad(void)
{
    fails("WEBVTX\n\n00:01.000 --> 00:02.000\nx\n", "t.vtt:1: a WebVTT file starts with 'WEBVTT'");
    fails("", "t.vtt:1: the file is empty");
    fails("WEBVTT\n\n00:01,000 --> 00:02.000\nx\n", "t.vtt:3: start time '00:01,000' does not parse");
    fails("WEBVTT\n\n00:01.000 --> 00:00.500\nx\n", "t.vtt:3: the cue ends (00:00.500) before it starts (00:01.000)");
    fails("WEBVTT\n\n1\n00:01.000 --> 00:02.000\nx\n\nid\nnot a timing\n", "t.vtt:8: expected the cue's timing line");
    fails("WEBVTT\n00:01.000 --> 00:02.000\nx\n", "t.vtt:2: a blank line must end the WEBVTT header");
    fails("WEBVTT\n\n00:01.000 --> 00:02.0000\nx\n", "t.vtt:3: end time '00:02.0000' does not parse");
}

int main(void)
{
    test_good();
    test_bad();
    test_no_blank_line();
    return CHECK_DONE();
}
