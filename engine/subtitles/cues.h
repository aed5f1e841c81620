/* cues.h: subtitle cues read from SRT and WebVTT files by our own small parsers (srt.c,
 * vtt.c), before they become ASS events (ass_track.c). A cue's text is already ASS event
 * text: <i>/<b>/<u>/<s> and <font color> became override tags ({\i1}...), line breaks \N.
 * Times are whole milliseconds, as libass counts them. */
#ifndef MR_SUB_CUES_H
#define MR_SUB_CUES_H

#include <stddef.h>
#include <stdint.h>
#include "engine/core/error.h"

typedef struct mr_sub_cue {
    int64_t start_ms, end_ms; /* shown for start <= t < end */
    int line;                 /* the file line of its timing line */
    char *text;               /* ASS event text (owned) */
} mr_sub_cue;

typedef struct mr_sub_cues {
    mr_sub_cue *v;
    int n, cap;
} mr_sub_cues;

/* Frees every cue's text and the array; the list is empty afterwards. */
void mr_sub_cues_free(mr_sub_cues *c);

/* Appends a cue taking ownership of text. Returns 0, or -1 (err set, text freed) without memory. */
int mr_sub_cues_add(mr_sub_cues *c, int64_t start_ms, int64_t end_ms, int line, char *text, mr_err *err);

/* Parses a timestamp "hh:mm:ss,mmm" / "hh:mm:ss.mmm" (sep: the accepted separators between
 * seconds and milliseconds, "," and/or "."), or "mm:ss.mmm" when allow_short. Hours may have
 * any number of digits; minutes and seconds two, below 60; milliseconds three. Surrounding
 * blanks are not accepted. Returns 0 with *ms set, or -1. */
int mr_sub_parse_time(const char *s, size_t n, const char *sep, int allow_short, int64_t *ms);

/* Parses "START --> END[ settings]" of line (n bytes): each time by mr_sub_parse_time. On
 * failure returns -1 with err "FILE:LINE: ..." naming what does not parse, or an end before
 * its start. */
int mr_sub_parse_timing(const char *line, size_t n, const char *sep, int allow_short, const char *file, int lineno,
                        int64_t *start, int64_t *end, mr_err *err);

/* A growing text buffer for building ASS event text. */
typedef struct mr_sub_buf {
    char *s;
    size_t n, cap;
    int oom;
} mr_sub_buf;

void mr_sub_buf_put(mr_sub_buf *b, const char *s, size_t n);
void mr_sub_buf_puts(mr_sub_buf *b, const char *s);

/* Appends one line of cue text to b as ASS text: <i> <b> <u> <s> (and their ends) become
 * {\i1}..{\i0}, <font color="#rrggbb"> becomes {\c&Hbbggrr&} (its end {\c}), other tags
 * (<v Name>, <c.class>, <00:01.000>, <ruby>) are dropped; entities &amp; &lt; &gt; &nbsp;
 * &lrm; &rlm; are decoded when entities is set (WebVTT); "{", "}" and "\\" stay text (escaped). */
void mr_sub_append_line(mr_sub_buf *b, const char *line, size_t n, int entities);

/* Splits text into lines: calls fn for each (without its CR LF / LF), with its 1-based
 * number. A UTF-8 byte-order mark at the start is skipped. Stops early when fn returns
 * non-zero and returns that value, else 0. */
int mr_sub_each_line(const char *text, size_t n, int (*fn)(void *ctx, const char *line, size_t len, int lineno),
                     void *ctx);

/* Whether the n bytes at s are all blanks (spaces, tabs, CR...): a line that ends a block. */
int mr_sub_blank(const char *s, size_t n);

/* Whether line s (n bytes) contains "-->": a timing line, which always starts a new cue (a
 * cue's text never holds one). */
int mr_sub_is_timing(const char *s, size_t n);

/* Appends one text line of a cue to b (mr_sub_append_line), after "\N" when b holds text
 * already. b is not empty afterwards even when the line was tags only. */
void mr_sub_cue_line(mr_sub_buf *b, const char *line, size_t n, int entities);

/* Ends the cue being read: adds it to out (with its times and timing line) when text holds
 * any, taking the text; skips a cue without text. text is empty afterwards. Returns 0, or -1
 * with err set (out of memory). */
int mr_sub_cue_finish(mr_sub_cues *out, mr_sub_buf *text, int64_t start_ms, int64_t end_ms, int line,
                      mr_err *err);

/* The parsers: text (n bytes) of the file `file` (named in messages) into cues (appended).
 * Return 0, or -1 with err "FILE:LINE: what is wrong". */
int mr_srt_parse(const char *text, size_t n, const char *file, mr_sub_cues *out, mr_err *err);
int mr_vtt_parse(const char *text, size_t n, const char *file, mr_sub_cues *out, mr_err *err);

#endif
