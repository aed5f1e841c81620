/* ass_track.c: a subtitle file as a libass track: .ass/.ssa read by libass (after our own
 * line check, since libass skips what it cannot read without saying where), SRT and WebVTT
 * parsed by srt.c / vtt.c and added as events of one style made from mr_sub_style. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "engine/subtitles/ass_track.h"
#include "engine/subtitles/cues.h"
#include "engine/text/font.h"

void mr_ass_log_cb(int level, const char *fmt, va_list va, void *data)
{
    mr_ass_log *log = data;
    if (!log || level > 2)
        return;
    if (level < log->worst)
        log->worst = level;
    if (level <= 1 && !log->first[0]) {
        vsnprintf(log->first, sizeof log->first, fmt, va);
        size_t n = strlen(log->first);
        while (n && (log->first[n - 1] == '\n' || log->first[n - 1] == ' '))
            log->first[--n] = 0;
    }
}

/* The whole file (NUL-terminated, caller frees) and its size, or NULL with err set. */
static char *read_file(const char *path, size_t *n, mr_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        mr_err_set(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len + 1 < cap)
            break;
        if (cap >= (size_t)64 << 20) {
            fclose(f);
            free(buf);
            mr_err_set(err, "%s: larger than 64 MB, not a subtitle file", path);
            return NULL;
        }
        char *b = realloc(buf, cap * 2);
        if (!b)
            free(buf);
        buf = b;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    if (bad) {
        free(buf);
        mr_err_set(err, "%s: read error", path);
        return NULL;
    }
    buf[len] = 0;
    *n = len;
    return buf;
}

/* &HAABBGGRR of a straight-alpha colour (ASS's alpha is a transparency). */
static void ass_color(mr_rgba c, char *out, size_t n)
{
    snprintf(out, n, "&H%02X%02X%02X%02X", 255 - c.a, c.b, c.g, c.r);
}

/* The script header with one "Default" style made from st, at w x h. Its font is
 * sans-serif: st->font goes into the style's FontName field afterwards (cues_track), never
 * into this comma-separated text, where a ',' or a line end would shift or add fields. */
static int write_header(mr_sub_buf *b, const mr_sub_style *st, int w, int h)
{
    char primary[16], outline[16], back[16], line[1024];
    ass_color(st->color, primary, sizeof primary);
    /* a box (BorderStyle 4: one box behind each line, libass's; 3 would overlap a box per glyph run,
     * darker where they meet) pads by Outline but draws no glyph outline */
    ass_color(st->box ? (mr_rgba){0, 0, 0, 0} : st->outline_color, outline, sizeof outline);
    ass_color(st->box ? st->box_color : (mr_rgba){0, 0, 0, 128}, back, sizeof back);
    snprintf(line, sizeof line,
             "[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nScaledBorderAndShadow: yes\n"
             "WrapStyle: 0\nYCbCr Matrix: None\n\n[V4+ Styles]\n"
             "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
             "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, "
             "MarginL, MarginR, MarginV, Encoding\n"
             "Style: Default,%s,%.2f,%s,%s,%s,%s,%d,%d,0,0,100,100,0,0,%d,%.2f,0,%d,%d,%d,%d,1\n\n"
             "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n",
             w, h, "sans-serif", st->font_size, primary, primary, outline, back,
             st->bold ? -1 : 0, st->italic ? -1 : 0, st->box ? 4 : 1,
             st->box ? st->font_size / 6 : st->outline, st->align, (int)st->margin, (int)st->margin,
             (int)st->margin);
    mr_sub_buf_puts(b, line);
    return b->oom ? -1 : 0;
}

/* Whether st's font (when one is given) is a family fontconfig knows, as libass will look it
 * up. Returns 0, or -1 with err naming it. */
static int check_font(const char *font, mr_err *err)
{
    if (!font[0])
        return 0;
    for (const char *p = font; *p; p++)
        if ((unsigned char)*p < 32 || *p == 127)
            return mr_err_set(err, "the font name holds a control character");
    size_t len = strlen(font);
    if (strchr(font, '/') || (len > 4 && (!strcasecmp(font + len - 4, ".ttf") || !strcasecmp(font + len - 4, ".otf") ||
                                          !strcasecmp(font + len - 4, ".ttc"))))
        return mr_err_set(err, "font '%s': subtitles take a family name fontconfig knows (\"DejaVu Sans\"), not a file",
                          font);
    char path[1024];
    int index;
    mr_err e;
    if (mr_font_find(font, path, sizeof path, &index, &e) < 0)
        return mr_err_set(err, "font '%s' not found (give a family fontconfig knows, such as \"DejaVu Sans\")", font);
    return 0;
}

/* SRT or WebVTT cues as a track. */
static ASS_Track *cues_track(ASS_Library *lib, const char *path, const char *text, size_t n, int vtt,
                             const mr_sub_style *st, int w, int h, mr_ass_log *log, mr_err *err)
{
    if (check_font(st->font, err) < 0)
        return NULL;
    mr_sub_cues cues = {0};
    if ((vtt ? mr_vtt_parse : mr_srt_parse)(text, n, path, &cues, err) < 0) {
        mr_sub_cues_free(&cues);
        return NULL;
    }
    if (cues.n == 0) {
        mr_sub_cues_free(&cues);
        mr_err_set(err, "%s: no cues in the file", path);
        return NULL;
    }
    mr_sub_buf head = {0};
    ASS_Track *t = NULL;
    if (write_header(&head, st, w, h) == 0)
        t = ass_read_memory(lib, head.s, head.n, NULL);
    free(head.s);
    if (!t) {
        mr_sub_cues_free(&cues);
        mr_err_set(err, "%s: libass could not make a track%s%s", path, log->first[0] ? ": " : "", log->first);
        return NULL;
    }
    int style = t->default_style;
    for (int i = 0; i < t->n_styles; i++)
        if (t->styles[i].Name && !strcmp(t->styles[i].Name, "Default"))
            style = i;
    if (st->font[0]) { /* the field itself: no ASS syntax to escape */
        char *name = style >= 0 && style < t->n_styles ? strdup(st->font) : NULL;
        if (!name) {
            ass_free_track(t);
            mr_sub_cues_free(&cues);
            mr_err_set(err, "%s: no style for the cues (out of memory?)", path);
            return NULL;
        }
        free(t->styles[style].FontName);
        t->styles[style].FontName = name;
    }
    for (int i = 0; i < cues.n; i++) {
        int id = ass_alloc_event(t);
        if (id < 0) {
            ass_free_track(t);
            mr_sub_cues_free(&cues);
            mr_err_set(err, "out of memory");
            return NULL;
        }
        ASS_Event *e = &t->events[id];
        e->Start = cues.v[i].start_ms;
        e->Duration = cues.v[i].end_ms - cues.v[i].start_ms;
        e->ReadOrder = id;
        e->Layer = 0;
        e->Style = style;
        e->Text = cues.v[i].text; /* the track owns it now */
        cues.v[i].text = NULL;
    }
    mr_sub_cues_free(&cues);
    return t;
}

/* The n-th comma-separated field of s (0-based) into out; -1 when absent. */
static int field(const char *s, int k, char *out, size_t n)
{
    for (int i = 0; i < k; i++) {
        s = strchr(s, ',');
        if (!s)
            return -1;
        s++;
    }
    while (*s == ' ')
        s++;
    size_t len = strcspn(s, ",");
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\r'))
        len--;
    snprintf(out, n, "%.*s", (int)len, s);
    return 0;
}

/* An ASS time "h:mm:ss.cc" in ms, or -1. */
static long long ass_time(const char *s)
{
    int hh, mm, ss, cc, used = 0;
    if (sscanf(s, "%d:%d:%d.%d%n", &hh, &mm, &ss, &cc, &used) != 4 || s[used] || hh < 0 || mm < 0 || mm > 59 ||
        ss < 0 || ss > 59 || cc < 0)
        return -1;
    return ((hh * 60LL + mm) * 60 + ss) * 1000 + cc * 10LL;
}

/* The style names of [V4+ Styles], as many as there are. */
typedef struct style_names {
    char (*v)[64];
    int n, cap;
} style_names;

/* Adds name. Returns 0, or -1 with err set. */
static int add_style(style_names *sn, const char *name, mr_err *err)
{
    if (sn->n == sn->cap) {
        int cap = sn->cap ? 2 * sn->cap : 64;
        char(*v)[64] = realloc(sn->v, sizeof *v * (size_t)cap);
        if (!v)
            return mr_err_set(err, "out of memory");
        sn->v = v;
        sn->cap = cap;
    }
    snprintf(sn->v[sn->n++], sizeof sn->v[0], "%s", name);
    return 0;
}

/* check_ass's work, the style names kept in sn. */
static int check_lines(const char *path, char *text, style_names *sn, mr_err *err)
{
    int in_events = 0, dialogues = 0, ks = 1, ke = 2, kst = 3, nfields = 10, lineno = 0;
    int saw_info = 0;
    for (char *s = text, *next; s && *s; s = next) {
        lineno++;
        next = strchr(s, '\n');
        if (next)
            *next++ = 0;
        if (lineno == 1 && !strncmp(s, "\xef\xbb\xbf", 3)) /* strncmp: stops at a shorter line's end */
            s += 3;
        size_t len = strlen(s);
        if (len && s[len - 1] == '\r')
            s[--len] = 0;
        if (s[0] == '[') {
            in_events = !strncasecmp(s, "[Events]", 8);
            saw_info |= !strncasecmp(s, "[Script Info]", 13);
            continue;
        }
        if (!strncmp(s, "Style:", 6)) {
            char name[64];
            if (field(s + 6, 0, name, sizeof name) == 0 && add_style(sn, name[0] == '*' ? name + 1 : name, err) < 0)
                return -1;
            continue;
        }
        if (in_events && !strncmp(s, "Format:", 7)) {
            char f[64];
            nfields = 0;
            ks = ke = kst = -1;
            for (int k = 0; field(s + 7, k, f, sizeof f) == 0; k++, nfields++) {
                if (!strcasecmp(f, "Start")) ks = k;
                if (!strcasecmp(f, "End")) ke = k;
                if (!strcasecmp(f, "Style")) kst = k;
            }
            if (ks < 0 || ke < 0)
                return mr_err_set(err, "%s:%d: the [Events] Format line names no Start or End", path, lineno);
            continue;
        }
        if (in_events && !strncmp(s, "Dialogue:", 9)) {
            char a[64], b[64], st[64];
            const char *d = s + 9;
            if (field(d, nfields - 1, a, sizeof a) < 0)
                return mr_err_set(err, "%s:%d: a Dialogue line needs %d fields separated by commas", path, lineno,
                                  nfields);
            field(d, ks, a, sizeof a);
            field(d, ke, b, sizeof b);
            long long t0 = ass_time(a), t1 = ass_time(b);
            if (t0 < 0)
                return mr_err_set(err, "%s:%d: start time '%s' does not parse (expected h:mm:ss.cc)", path, lineno, a);
            if (t1 < 0)
                return mr_err_set(err, "%s:%d: end time '%s' does not parse (expected h:mm:ss.cc)", path, lineno, b);
            if (t1 < t0)
                return mr_err_set(err, "%s:%d: the event ends (%s) before it starts (%s)", path, lineno, b, a);
            if (kst >= 0 && field(d, kst, st, sizeof st) == 0) {
                const char *name = st[0] == '*' ? st + 1 : st;
                int found = !strcasecmp(name, "Default");
                for (int i = 0; i < sn->n && !found; i++)
                    found = !strcasecmp(sn->v[i], name);
                if (!found)
                    return mr_err_set(err, "%s:%d: style '%s' is not defined in [V4+ Styles]", path, lineno, name);
            }
            dialogues++;
        }
    }
    if (!saw_info)
        return mr_err_set(err, "%s:1: not an ASS/SSA script (no [Script Info] section)", path);
    if (!dialogues)
        return mr_err_set(err, "%s: no Dialogue lines in [Events]", path);
    return 0;
}

/* Checks an .ass/.ssa text line by line, as libass would read it. Returns 0 or -1 (err
 * "FILE:LINE: ..."). */
static int check_ass(const char *path, char *text, mr_err *err)
{
    style_names sn = {0};
    int r = check_lines(path, text, &sn, err);
    free(sn.v);
    return r;
}

/* Which kind path is: 0 SRT, 1 WebVTT, 2 ASS/SSA, by its name, else by its first bytes. */
static int kind_of(const char *path, const char *text)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strcasecmp(dot, ".srt"))
        return 0;
    if (dot && !strcasecmp(dot, ".vtt"))
        return 1;
    if (dot && (!strcasecmp(dot, ".ass") || !strcasecmp(dot, ".ssa")))
        return 2;
    if (!strncmp(text, "\xef\xbb\xbf", 3)) /* text is NUL-terminated, maybe shorter than 3 bytes */
        text += 3;
    if (!strncmp(text, "WEBVTT", 6))
        return 1;
    if (!strncasecmp(text, "[Script Info]", 13))
        return 2;
    return 0;
}

ASS_Track *mr_ass_track_load(ASS_Library *lib, const char *path, const mr_sub_style *st, int w, int h,
                             mr_ass_log *log, mr_err *err)
{
    size_t n;
    char *text = read_file(path, &n, err);
    if (!text)
        return NULL;
    int kind = kind_of(path, text);
    ASS_Track *t = NULL;
    if (kind < 2) {
        t = cues_track(lib, path, text, n, kind, st, w, h, log, err);
    } else {
        char *copy = malloc(n + 1);
        if (!copy) {
            mr_err_set(err, "out of memory");
        } else {
            memcpy(copy, text, n + 1);
            if (check_ass(path, copy, err) == 0) {
                t = ass_read_memory(lib, text, n, NULL);
                if (!t || log->worst <= 1) {
                    mr_err_set(err, "%s: libass cannot use it%s%s", path, log->first[0] ? ": " : "", log->first);
                    if (t)
                        ass_free_track(t);
                    t = NULL;
                } else if (t->n_events == 0) {
                    mr_err_set(err, "%s: libass read no events from it", path);
                    ass_free_track(t);
                    t = NULL;
                }
            }
            free(copy);
        }
    }
    free(text);
    return t;
}
