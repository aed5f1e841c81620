/* srt.c: SubRip (.srt) cues. Each block: a cue number, "hh:mm:ss,mmm --> hh:mm:ss,mmm" (a '.'
 * before the milliseconds and SubRip's X1:.. coordinates after the times are accepted and the
 * coordinates ignored), one or more text lines, a blank line (or the end of the file). A byte-
 * order mark, CRLF line ends, blank lines between blocks and a missing cue number are accepted. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "engine/subtitles/cues.h"

typedef struct srt_state {
    const char *file;
    mr_sub_cues *out;
    mr_err *err;
    enum { WANT_NUMBER, WANT_TIMING, WANT_TEXT, IN_TEXT } at;
    int64_t start, end;
    int cue_line, number_line;
    mr_sub_buf text;
} srt_state;

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Ends the cue being read: adds it. Returns 0 or -1 (err set). */
static int finish(srt_state *st)
{
    if (st->text.oom)
        return mr_err_set(st->err, "out of memory");
    int r = mr_sub_cues_add(st->out, st->start, st->end, st->cue_line, st->text.s, st->err);
    st->text = (mr_sub_buf){0};
    st->at = WANT_NUMBER;
    return r;
}

static int on_line(void *ctx, const char *s, size_t n, int lineno)
{
    srt_state *st = ctx;
    switch (st->at) {
    case WANT_NUMBER: {
        if (blank(s, n))
            return 0;
        if (memmem(s, n, "-->", 3)) /* no cue number: the timing line itself */
            goto timing;
        size_t i = 0;
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        size_t d = i;
        while (i < n && isdigit((unsigned char)s[i]))
            i++;
        if (i == d || !blank(s + i, n - i))
            return mr_err_set(st->err, "%s:%d: expected a cue number, got '%.*s'", st->file, lineno,
                              (int)(n > 60 ? 60 : n), s);
        st->number_line = lineno;
        st->at = WANT_TIMING;
        return 0;
    }
    case WANT_TIMING:
        if (blank(s, n))
            return mr_err_set(st->err, "%s:%d: cue %d has no timing line", st->file, lineno, st->number_line);
    timing:
        if (mr_sub_parse_timing(s, n, ",.", 0, st->file, lineno, &st->start, &st->end, st->err) < 0)
            return -1;
        st->cue_line = lineno;
        st->at = WANT_TEXT;
        return 0;
    case WANT_TEXT:
        if (blank(s, n))
            return mr_err_set(st->err, "%s:%d: the cue has no text", st->file, st->cue_line);
        mr_sub_append_line(&st->text, s, n, 0);
        st->at = IN_TEXT;
        return 0;
    case IN_TEXT:
        if (blank(s, n))
            return finish(st);
        mr_sub_buf_puts(&st->text, "\\N");
        mr_sub_append_line(&st->text, s, n, 0);
        return 0;
    }
    return 0;
}

int mr_srt_parse(const char *text, size_t n, const char *file, mr_sub_cues *out, mr_err *err)
{
    srt_state st = {file, out, err, WANT_NUMBER, 0, 0, 0, 0, {0}};
    int r = mr_sub_each_line(text, n, on_line, &st);
    if (r == 0) {
        if (st.at == IN_TEXT)
            r = finish(&st);
        else if (st.at == WANT_TIMING)
            r = mr_err_set(err, "%s:%d: cue has a number but no timing line", file, st.number_line);
        else if (st.at == WANT_TEXT)
            r = mr_err_set(err, "%s:%d: the cue has no text", file, st.cue_line);
    }
    free(st.text.s);
    return r;
}
