/* srt.c: SubRip (.srt) cues. Each block: a cue number, "hh:mm:ss,mmm --> hh:mm:ss,mmm" (a '.'
 * before the milliseconds and SubRip's X1:.. coordinates after the times are accepted and the
 * coordinates ignored), text lines, a blank line (or the end of the file). A byte-order mark,
 * CRLF line ends, blank lines between blocks and a missing cue number are accepted; a cue
 * without text shows nothing and is skipped (as in vtt.c). When the blank line after a cue is
 * missing, a timing line in its text (a line with "-->"), or a number line followed by one,
 * starts the next cue: never text of the one before. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "engine/subtitles/cues.h"

typedef struct srt_state {
    const char *file;
    mr_sub_cues *out;
    mr_err *err;
    enum { WANT_NUMBER, WANT_TIMING, IN_TEXT } at;
    int64_t start, end;
    int cue_line, number_line;
    mr_sub_buf text;
    /* IN_TEXT: a number line held back until the next line says whether it is the text "42"
     * or the next cue's number (followed by its timing line) */
    const char *held;
    size_t held_n;
} srt_state;

/* Whether s is a cue number: digits, blanks around them. */
static int is_number(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    size_t d = i;
    while (i < n && isdigit((unsigned char)s[i]))
        i++;
    return i > d && mr_sub_blank(s + i, n - i);
}

/* Ends the cue being read (skipped when it has no text). Returns 0 or -1 (err set). */
static int finish(srt_state *st)
{
    st->at = WANT_NUMBER;
    return mr_sub_cue_finish(st->out, &st->text, st->start, st->end, st->cue_line, st->err);
}

/* The timing line s starts a cue. */
static int timing(srt_state *st, const char *s, size_t n, int lineno)
{
    if (mr_sub_parse_timing(s, n, ",.", 0, st->file, lineno, &st->start, &st->end, st->err) < 0)
        return -1;
    st->cue_line = lineno;
    st->at = IN_TEXT;
    return 0;
}

static int on_line(void *ctx, const char *s, size_t n, int lineno)
{
    srt_state *st = ctx;
    switch (st->at) {
    case WANT_NUMBER:
        if (mr_sub_blank(s, n))
            return 0;
        if (mr_sub_is_timing(s, n)) /* no cue number: the timing line itself */
            return timing(st, s, n, lineno);
        if (!is_number(s, n))
            return mr_err_set(st->err, "%s:%d: expected a cue number, got '%.*s'", st->file, lineno,
                              (int)(n > 60 ? 60 : n), s);
        st->number_line = lineno;
        st->at = WANT_TIMING;
        return 0;
    case WANT_TIMING:
        if (mr_sub_blank(s, n))
            return mr_err_set(st->err, "%s:%d: cue %d has no timing line", st->file, lineno, st->number_line);
        return timing(st, s, n, lineno);
    case IN_TEXT:
        if (mr_sub_is_timing(s, n)) { /* the blank line before the next cue is missing */
            st->held = NULL;
            if (finish(st) < 0)
                return -1;
            return timing(st, s, n, lineno);
        }
        if (st->held) { /* not followed by a timing line: the number was text */
            mr_sub_cue_line(&st->text, st->held, st->held_n, 0);
            st->held = NULL;
        }
        if (mr_sub_blank(s, n))
            return finish(st);
        if (is_number(s, n)) {
            st->held = s;
            st->held_n = n;
            return 0;
        }
        mr_sub_cue_line(&st->text, s, n, 0);
        return 0;
    }
    return 0;
}

int mr_srt_parse(const char *text, size_t n, const char *file, mr_sub_cues *out, mr_err *err)
{
    srt_state st = {.file = file, .out = out, .err = err, .at = WANT_NUMBER};
    int r = mr_sub_each_line(text, n, on_line, &st);
    if (r == 0) {
        if (st.at == IN_TEXT) {
            if (st.held)
                mr_sub_cue_line(&st.text, st.held, st.held_n, 0);
            r = finish(&st);
        } else if (st.at == WANT_TIMING) {
            r = mr_err_set(err, "%s:%d: cue has a number but no timing line", file, st.number_line);
        }
    }
    free(st.text.s);
    return r;
}
