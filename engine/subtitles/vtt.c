/* vtt.c: WebVTT (.vtt) cues. The file starts with "WEBVTT"; blocks are separated by blank
 * lines: NOTE, STYLE and REGION blocks are skipped, a cue is an optional identifier line,
 * "[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm[ settings]" and its text lines. Cue settings (line:,
 * position:, align:, size:, region:) are ignored: the style's alignment and margin place
 * every cue. A cue without text shows nothing and is skipped (WebVTT allows it). Tags <i> <b>
 * <u> become ASS overrides, <c.x>, <v Name>, <lang>, <ruby> and timestamps are dropped, the
 * character references &amp; &lt; &gt; &nbsp; are decoded. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "engine/subtitles/cues.h"

typedef struct vtt_state {
    const char *file;
    mr_sub_cues *out;
    mr_err *err;
    enum { HEADER, HEADER_LINES, WANT_BLOCK, WANT_TIMING, IN_TEXT, SKIP_BLOCK } at;
    int64_t start, end;
    int cue_line, id_line;
    mr_sub_buf text;
} vtt_state;

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Whether s starts with the word w (followed by the end, a space or a tab). */
static int starts_word(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !memcmp(s, w, k) && (n == k || s[k] == ' ' || s[k] == '\t');
}

/* Ends the cue being read: adds it when it has text. Returns 0 or -1 (err set). */
static int finish(vtt_state *st)
{
    st->at = WANT_BLOCK;
    if (st->text.oom)
        return mr_err_set(st->err, "out of memory");
    if (!st->text.s)
        return 0;
    int r = mr_sub_cues_add(st->out, st->start, st->end, st->cue_line, st->text.s, st->err);
    st->text = (mr_sub_buf){0};
    return r;
}

static int on_line(void *ctx, const char *s, size_t n, int lineno)
{
    vtt_state *st = ctx;
    switch (st->at) {
    case HEADER:
        if (!starts_word(s, n, "WEBVTT"))
            return mr_err_set(st->err, "%s:%d: a WebVTT file starts with 'WEBVTT', got '%.*s'", st->file, lineno,
                              (int)(n > 60 ? 60 : n), s);
        st->at = HEADER_LINES;
        return 0;
    case HEADER_LINES:
        if (blank(s, n))
            st->at = WANT_BLOCK;
        else if (memmem(s, n, "-->", 3))
            return mr_err_set(st->err, "%s:%d: a blank line must end the WEBVTT header before the first cue",
                              st->file, lineno);
        return 0;
    case WANT_BLOCK:
        if (blank(s, n))
            return 0;
        if (starts_word(s, n, "NOTE") || starts_word(s, n, "STYLE") || starts_word(s, n, "REGION")) {
            st->at = SKIP_BLOCK;
            return 0;
        }
        if (!memmem(s, n, "-->", 3)) { /* the cue's identifier */
            st->id_line = lineno;
            st->at = WANT_TIMING;
            return 0;
        }
        __attribute__((fallthrough)); /* the timing line */
    case WANT_TIMING:
        if (st->at == WANT_TIMING && !memmem(s, n, "-->", 3))
            return mr_err_set(st->err, "%s:%d: expected the cue's timing line (START --> END) after its identifier, got '%.*s'",
                              st->file, lineno, (int)(n > 60 ? 60 : n), s);
        if (mr_sub_parse_timing(s, n, ".", 1, st->file, lineno, &st->start, &st->end, st->err) < 0)
            return -1;
        st->cue_line = lineno;
        st->at = IN_TEXT;
        return 0;
    case IN_TEXT:
        if (blank(s, n))
            return finish(st);
        if (st->text.s)
            mr_sub_buf_puts(&st->text, "\\N");
        mr_sub_append_line(&st->text, s, n, 1);
        if (!st->text.s) /* a line of tags only: still a line */
            mr_sub_buf_puts(&st->text, "");
        return 0;
    case SKIP_BLOCK:
        if (blank(s, n))
            st->at = WANT_BLOCK;
        return 0;
    }
    return 0;
}

int mr_vtt_parse(const char *text, size_t n, const char *file, mr_sub_cues *out, mr_err *err)
{
    vtt_state st = {file, out, err, HEADER, 0, 0, 0, 0, {0}};
    int r = mr_sub_each_line(text, n, on_line, &st);
    if (r == 0) {
        if (st.at == HEADER)
            r = mr_err_set(err, "%s:1: the file is empty (a WebVTT file starts with 'WEBVTT')", file);
        else if (st.at == IN_TEXT)
            r = finish(&st);
        else if (st.at == WANT_TIMING)
            r = mr_err_set(err, "%s:%d: cue identifier without a timing line", file, st.id_line);
    }
    free(st.text.s);
    return r;
}
