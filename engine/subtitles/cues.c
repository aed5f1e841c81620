/* cues.c: what the SRT and WebVTT parsers share: the cue list, timestamps, lines, and the
 * conversion of cue text (HTML-like tags) to ASS event text. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "engine/subtitles/cues.h"

void mr_sub_cues_free(mr_sub_cues *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->v[i].text);
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

int mr_sub_cues_add(mr_sub_cues *c, int64_t start_ms, int64_t end_ms, int line, char *text, mr_err *err)
{
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 64;
        mr_sub_cue *v = realloc(c->v, sizeof *v * (size_t)cap);
        if (!v) {
            free(text);
            return mr_err_set(err, "out of memory");
        }
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = (mr_sub_cue){start_ms, end_ms, line, text};
    return 0;
}

/* Reads exactly `digits` decimal digits (digits 0: one or more) at s[*i]. -1 when absent. */
static int64_t read_num(const char *s, size_t n, size_t *i, int digits)
{
    int64_t v = 0;
    int k = 0;
    while (*i < n && isdigit((unsigned char)s[*i]) && (digits == 0 || k < digits) && k < 12) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    if (k == 0 || (digits && k != digits))
        return -1;
    return v;
}

int mr_sub_parse_time(const char *s, size_t n, const char *sep, int allow_short, int64_t *ms)
{
    /* the fields separated by ':' (two or three), then the separator and milliseconds */
    int64_t f[3];
    int nf = 0;
    size_t i = 0;
    for (;;) {
        if (nf == 3)
            return -1;
        f[nf] = read_num(s, n, &i, nf == 0 ? 0 : 2);
        if (f[nf] < 0)
            return -1;
        nf++;
        if (i < n && s[i] == ':') {
            i++;
            continue;
        }
        break;
    }
    if (nf == 2 && !allow_short)
        return -1;
    if (nf < 2 || i >= n || !strchr(sep, s[i]))
        return -1;
    i++;
    int64_t frac = read_num(s, n, &i, 3);
    if (frac < 0 || i != n)
        return -1;
    int64_t h = nf == 3 ? f[0] : 0, m = f[nf - 2], sec = f[nf - 1];
    if (m > 59 || sec > 59)
        return -1;
    *ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
    return 0;
}

/* The token at s[*i] up to a blank (skipping blanks before it): start and length. */
static size_t token(const char *s, size_t n, size_t *i, const char **tok)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
        (*i)++;
    *tok = s + *i;
    size_t k = *i;
    while (*i < n && s[*i] != ' ' && s[*i] != '\t')
        (*i)++;
    return *i - k;
}

int mr_sub_parse_timing(const char *line, size_t n, const char *sep, int allow_short, const char *file, int lineno,
                        int64_t *start, int64_t *end, mr_err *err)
{
    const char *form = allow_short ? "hh:mm:ss.mmm or mm:ss.mmm" : "hh:mm:ss,mmm";
    size_t i = 0;
    const char *a, *arrow, *b;
    size_t na = token(line, n, &i, &a), narrow = token(line, n, &i, &arrow), nb = token(line, n, &i, &b);
    if (narrow != 3 || memcmp(arrow, "-->", 3) != 0)
        return mr_err_set(err, "%s:%d: expected a timing line 'START --> END', got '%.*s'", file, lineno,
                          (int)(n > 80 ? 80 : n), line);
    if (mr_sub_parse_time(a, na, sep, allow_short, start) < 0)
        return mr_err_set(err, "%s:%d: start time '%.*s' does not parse (expected %s)", file, lineno, (int)na, a,
                          form);
    if (mr_sub_parse_time(b, nb, sep, allow_short, end) < 0)
        return mr_err_set(err, "%s:%d: end time '%.*s' does not parse (expected %s)", file, lineno, (int)nb, b, form);
    if (*end < *start)
        return mr_err_set(err, "%s:%d: the cue ends (%.*s) before it starts (%.*s)", file, lineno, (int)nb, b,
                          (int)na, a);
    return 0;
}

void mr_sub_buf_put(mr_sub_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

void mr_sub_buf_puts(mr_sub_buf *b, const char *s) { mr_sub_buf_put(b, s, strlen(s)); }

/* A <font color="..."> value: "#rrggbb" or a few names, as ASS's &Hbbggrr&. 0 when unknown. */
static int font_color(const char *v, size_t n, char *out, size_t on)
{
    static const struct { const char *name; unsigned rgb; } names[] = {
        {"white", 0xffffff}, {"black", 0x000000}, {"red", 0xff0000}, {"green", 0x00ff00}, {"blue", 0x0000ff},
        {"yellow", 0xffff00}, {"cyan", 0x00ffff}, {"magenta", 0xff00ff}, {"orange", 0xffa500}, {"grey", 0x808080},
        {"gray", 0x808080}};
    unsigned rgb = 0;
    int ok = 0;
    if (n == 7 && v[0] == '#') {
        char hex[7];
        memcpy(hex, v + 1, 6);
        hex[6] = 0;
        char *e;
        rgb = (unsigned)strtoul(hex, &e, 16);
        ok = *e == 0;
    } else {
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (strlen(names[k].name) == n && !strncasecmp(names[k].name, v, n)) {
                rgb = names[k].rgb;
                ok = 1;
            }
    }
    if (ok)
        snprintf(out, on, "{\\c&H%02X%02X%02X&}", rgb & 255, (rgb >> 8) & 255, (rgb >> 16) & 255);
    return ok;
}

/* One tag's body (between < and >) as ASS overrides into b; unknown tags vanish. */
static void convert_tag(mr_sub_buf *b, const char *t, size_t n)
{
    int end = n > 0 && t[0] == '/';
    const char *name = t + end;
    size_t k = 0;
    while (end + k < n && isalpha((unsigned char)name[k]))
        k++;
    static const char simple[] = "ibus";
    if (k == 1 && strchr(simple, tolower((unsigned char)name[0]))) {
        char o[8];
        snprintf(o, sizeof o, "{\\%c%d}", tolower((unsigned char)name[0]), !end);
        mr_sub_buf_puts(b, o);
        return;
    }
    if (k == 4 && !strncasecmp(name, "font", 4)) {
        if (end) {
            mr_sub_buf_puts(b, "{\\c}");
            return;
        }
        const char *c = NULL;
        for (size_t j = 0; j + 5 < n; j++)
            if (!strncasecmp(t + j, "color", 5)) {
                c = t + j + 5;
                break;
            }
        if (!c)
            return;
        const char *e = t + n;
        while (c < e && (*c == ' ' || *c == '=' || *c == '"' || *c == '\''))
            c++;
        const char *v = c;
        while (c < e && *c != '"' && *c != '\'' && *c != ' ')
            c++;
        char o[32];
        if (font_color(v, (size_t)(c - v), o, sizeof o))
            mr_sub_buf_puts(b, o);
    }
}

void mr_sub_append_line(mr_sub_buf *b, const char *s, size_t n, int entities)
{
    static const struct { const char *e; const char *s; } ents[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\\h"}, {"&lrm;", "\xe2\x80\x8e"},
        {"&rlm;", "\xe2\x80\x8f"}, {"&quot;", "\""}, {"&apos;", "'"}};
    size_t i = 0;
    while (i < n) {
        if (s[i] == '<') {
            const char *close = memchr(s + i + 1, '>', n - i - 1);
            if (close) {
                convert_tag(b, s + i + 1, (size_t)(close - s - i - 1));
                i = (size_t)(close - s) + 1;
                continue;
            }
        }
        if (entities && s[i] == '&') {
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
                size_t len = strlen(ents[k].e);
                if (i + len <= n && !memcmp(s + i, ents[k].e, len)) {
                    mr_sub_buf_puts(b, ents[k].s);
                    i += len;
                    break;
                }
            }
            if (k < sizeof ents / sizeof ents[0])
                continue;
        }
        if (s[i] == '{' || s[i] == '}') { /* libass's escapes: text, not an override block */
            mr_sub_buf_puts(b, s[i] == '{' ? "\\{" : "\\}");
            i++;
            continue;
        }
        if (s[i] == '\\') {
            /* not ASS syntax in a cue: a backslash would start \N, \h...; a word joiner
             * (U+2060, invisible) after it keeps it text */
            mr_sub_buf_put(b, s + i, 1);
            mr_sub_buf_puts(b, "\xe2\x81\xa0");
            i++;
            continue;
        }
        mr_sub_buf_put(b, s + i, 1);
        i++;
    }
}

int mr_sub_each_line(const char *text, size_t n, int (*fn)(void *ctx, const char *line, size_t len, int lineno),
                     void *ctx)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
        i = 3;
    int lineno = 1;
    while (i < n) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - text) : n, len = end - i;
        if (len > 0 && text[i + len - 1] == '\r')
            len--;
        int r = fn(ctx, text + i, len, lineno++);
        if (r)
            return r;
        i = nl ? end + 1 : n;
    }
    return 0;
}

int mr_sub_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

int mr_sub_is_timing(const char *s, size_t n) { return memmem(s, n, "-->", 3) != NULL; }

void mr_sub_cue_line(mr_sub_buf *b, const char *line, size_t n, int entities)
{
    if (b->s)
        mr_sub_buf_puts(b, "\\N");
    mr_sub_append_line(b, line, n, entities);
    if (!b->s) /* a line of tags only: still a line */
        mr_sub_buf_puts(b, "");
}

int mr_sub_cue_finish(mr_sub_cues *out, mr_sub_buf *text, int64_t start_ms, int64_t end_ms, int line,
                      mr_err *err)
{
    int oom = text->oom;
    char *s = text->s;
    *text = (mr_sub_buf){0};
    if (oom) {
        free(s);
        return mr_err_set(err, "out of memory");
    }
    if (!s)
        return 0;
    return mr_sub_cues_add(out, start_ms, end_ms, line, s, err);
}
