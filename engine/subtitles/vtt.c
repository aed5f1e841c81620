/* vtt.c: WebVTT (.vtt) cues. The file starts with "WEBVTT"; blocks are separated by blank
 * lines: NOTE, STYLE and REGION blocks are skipped, a cue is an optional identifier line,
 * "[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm[ settings]" and its text lines. Cue settings (line:,
 * position:, align:, size:, region:) are ignored: the style's alignment and margin place
 * every cue. A cue without text shows nothing and is skipped (WebVTT allows it). Tags <i> <b>
 * <u> become ASS overrides, <c.x>, <v Name>, <lang>, <ruby> and timestamps are dropped, the
 * character references &amp; &lt; &gt; &nbsp; are decoded. A line with "-->" in a cue's text
 * ends it and starts the next cue (WebVTT's rule: a missing blank line never merges two cues). */
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
    return mr_sub_cue_finish(st->out, &st->text, st->start, st->end, st->cue_line, st->err);
}

/* The timing line s starts a cue. */
static int timing(vtt_state *st, const char *s, size_t n, int lineno)
{
    if (mr_sub_parse_timing(s, n, ".", 1, st->file, lineno, &st->start, &st->end, st->err) < 0)
        return -1;
    st->cue_line = lineno;
    st->at = IN_TEXT;
    return 0;
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
        if (mr_sub_blank(s, n))
            st->at = WANT_BLOCK;
        else if (mr_sub_is_timing(s, n))
            return mr_err_set(st->err, "%s:%d: a blank line must end the WEBVTT header before the first cue",
                              st->file, lineno);
        return 0;
    case WANT_BLOCK:
        if (mr_sub_blank(s, n))
            return 0;
        if (starts_word(s, n, "NOTE") || starts_word(s, n, "STYLE") || starts_word(s, n, "REGION")) {
            st->at = SKIP_BLOCK;
            return 0;
        }
        if (!mr_sub_is_timing(s, n)) { /* the cue's identifier */
            st->id_line = lineno;
            st->at = WANT_TIMING;
            return 0;
        }
        __attribute__((fallthrough)); /* the timing line */
    case WANT_TIMING:
        if (st->at == WANT_TIMING && !mr_sub_is_timing(s, n))
            return mr_err_set(st->err, "%s:%d: expected the cue's timing line (START --> END) after its identifier, got '%.*s'",
                              st->file, lineno, (int)(n > 60 ? 60 : n), s);
        return timing(st, s, n, lineno);
    case IN_TEXT:
        if (mr_sub_is_timing(s, n)) { /* WebVTT: a line with "-->" ends the cue and starts the next */
            if (finish(st) < 0)
                return -1;
            return timing(st, s, n, lineno);
        }
        if (mr_sub_blank(s, n))
            return finish(st);
        mr_sub_cue_line(&st->text, s, n, 1);
        return 0;
    case SKIP_BLOCK:
        if (mr_sub_blank(s, n))
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
