/* cue_check.h: what test_srt.c and test_vtt.c share. Define CUE_PARSE (mr_srt_parse or
 * mr_vtt_parse) and CUE_FILE (the file name messages give) before including it. */
#ifndef MR_TEST_CUE_CHECK_H
#define MR_TEST_CUE_CHECK_H

#include <stdio.h>
#include <string.h>
#include "engine/subtitles/cues.h"
#include "tests/engine/check.h"

static mr_err err;

/* The cues of text (its count; -1 on error with err set). */
static int parse(const char *text, mr_sub_cues *c)
{
    *c = (mr_sub_cues){0};
    err.msg[0] = 0;
    if (CUE_PARSE(text, strlen(text), CUE_FILE, c, &err) < 0)
        return -1;
    return c->n;
}

/* text fails with a message starting with want. */
static void fails(const char *text, const char *want)
{
    mr_sub_cues c;
    CHECK_INT(parse(text, &c), -1);
    CHECK_STR(err.msg, want);
    mr_sub_cues_free(&c);
}

/* Cue i of c is [start, end) ms with text. */
static void cue_is(const mr_sub_cues *c, int i, int64_t start, int64_t end, const char *text)
{
    CHECK(i < c->n);
    if (i >= c->n)
        return;
    CHECK_INT(c->v[i].start_ms, start);
    CHECK_INT(c->v[i].end_ms, end);
    if (strcmp(c->v[i].text, text))
        fprintf(stderr, "cue %d's text is \"%s\", expected \"%s\"\n", i, c->v[i].text, text);
    CHECK(!strcmp(c->v[i].text, text));
}

#endif
