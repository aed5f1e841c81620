/* layout.c: paragraphs into lines (layout.h): where lines break, each line's runs in visual
 * order (the bidi algorithm's rule L2), its glyphs' pen positions and extent, the ellipsis at
 * max_lines. para.c does the characters and shaping. */
#include "engine/text/layout.h"

#include <limits.h>
#include <linebreak.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/text/para.h"

/* The lines so far. */
typedef struct out {
    mr_tlayout *L;
    int capg, capl;
} out;

/* Frees what mr_layout_text allocated in L and zeroes it (safe on a zeroed or freed L). */
void mr_layout_free(mr_tlayout *L)
{
    free(L->g);
    free(L->lines);
    memset(L, 0, sizeof *L);
}

static bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

/* Whether c ends a paragraph: a newline, U+2028 (line separator) or U+2029 (paragraph separator). */
static bool is_newline(uint32_t c) { return c == '\n' || c == 0x2028 || c == 0x2029; }

/* Clamps a 26.6 length summed in 64 bits into an int (lengths this large are refused later:
 * place.c allows at most 16384 px). */
static int clamp64(int64_t v) { return v > INT_MAX / 4 ? INT_MAX / 4 : v < -(INT_MAX / 4) ? -(INT_MAX / 4) : (int)v; }

/* A piece of a run on a line: characters [lo, hi) of run r (r < 0: the ellipsis). */
typedef struct piece {
    int r, lo, hi, level;
} piece;

/* The ellipsis: its glyphs, the face and size they come from. */
typedef struct ellipsis {
    mr_pglyph g[8];
    int ng, size64, ch, color;
    mr_tface *face;
} ellipsis;

/* make_line's work, with room pc for P->nruns + 1 pieces. */
static int make_line_in(const mr_para *P, const mr_text_span *spans, int a, int b, const ellipsis *el, out *o,
                        mr_tline *ln, piece *pc)
{
    int np = 0, maxl = 0, minodd = 127;
    for (int r = 0; r < P->nruns; r++) {
        const mr_run *run = &P->runs[r];
        int lo = run->start > a ? run->start : a, hi = run->start + run->len < b ? run->start + run->len : b;
        if (lo < hi)
            pc[np++] = (piece){r, lo, hi, run->level};
    }
    if (el)
        pc[np++] = (piece){-1, 0, 0, P->rtl ? 1 : 0};
    for (int i = 0; i < np; i++) {
        maxl = pc[i].level > maxl ? pc[i].level : maxl;
        if ((pc[i].level & 1) && pc[i].level < minodd)
            minodd = pc[i].level;
    }
    for (int lev = maxl; lev >= minodd && lev > 0; lev--) /* rule L2: reverse runs at each level */
        for (int i = 0; i < np;) {
            if (pc[i].level < lev) {
                i++;
                continue;
            }
            int j = i;
            while (j < np && pc[j].level >= lev)
                j++;
            for (int x = i, y = j - 1; x < y; x++, y--) {
                piece t = pc[x];
                pc[x] = pc[y];
                pc[y] = t;
            }
            i = j;
        }
    *ln = (mr_tline){o ? o->L->ng : 0, 0, 0, 0, 0, 0, 0, 0, 0, P->rtl};
    bool ink = false;
    int64_t x = 0, left = 0, right = 0;
    int top = 0, bottom = 0;
    for (int i = 0; i < np; i++) {
        const mr_pglyph *g = pc[i].r >= 0 ? P->g + P->runs[pc[i].r].g0 : el->g;
        int ng = pc[i].r >= 0 ? P->runs[pc[i].r].ng : el->ng;
        const mr_run *run = pc[i].r >= 0 ? &P->runs[pc[i].r] : NULL;
        int asc = 0, height = 0;
        if (run)
            asc = run->ascent, height = run->height;
        else
            mr_face_metrics(el->face, el->size64, &asc, &height);
        ln->ascent = asc > ln->ascent ? asc : ln->ascent;
        ln->height = height > ln->height ? height : ln->height;
        for (int k = 0; k < ng; k++) {
            if (run && (g[k].cl < pc[i].lo || g[k].cl >= pc[i].hi))
                continue;
            int64_t gx = x + g[k].xo;
            int gy = -g[k].yo;
            if (g[k].ink) { /* hb: bearings from the pen, y up */
                int64_t x1 = gx + g[k].bx, x2 = x1 + g[k].bw;
                int y1 = gy - g[k].by, y2 = y1 - g[k].bh;
                int64_t l = x1 < x2 ? x1 : x2, r = x1 < x2 ? x2 : x1;
                int t = y1 < y2 ? y1 : y2, bt = y1 < y2 ? y2 : y1;
                left = !ink || l < left ? l : left;
                right = !ink || r > right ? r : right;
                top = !ink || t < top ? t : top;
                bottom = !ink || bt > bottom ? bt : bottom;
                ink = true;
            }
            if (o) {
                mr_tlayout *L = o->L;
                if (L->ng == o->capg) {
                    int cap = o->capg * 2 + 64;
                    mr_tglyph *ng2 = realloc(L->g, sizeof *ng2 * (size_t)cap);
                    if (!ng2)
                        return -1;
                    L->g = ng2;
                    o->capg = cap;
                }
                L->g[L->ng++] = run ? (mr_tglyph){run->face, g[k].id, run->size64, clamp64(gx), gy, P->ch[g[k].cl],
                                                  spans[run->span].color}
                                    : (mr_tglyph){el->face, g[k].id, el->size64, clamp64(gx), gy, el->ch, el->color};
                ln->count++;
            }
            x += g[k].adv;
        }
    }
    ln->width = clamp64(x);
    ln->left = ink && left < 0 ? clamp64(left) : 0;
    ln->right = clamp64(ink && right > x ? right : x);
    ln->top = top;
    ln->bottom = bottom;
    return 0;
}

/* Lays out characters [a, b) of P (trailing spaces dropped), then the ellipsis `el` if
 * given, as one line appended to o (when o) and measured into *ln. 0, or -1 when there is
 * no memory. Lengths are summed in 64 bits and clamped (clamp64). */
static int make_line(const mr_para *P, const mr_text_span *spans, int a, int b, const ellipsis *el, out *o,
                     mr_tline *ln)
{
    while (b > a && is_space(P->cp[b - 1]))
        b--;
    piece small[32], *pc = small; /* the heap for many runs: a paragraph's runs are not bounded */
    if (P->nruns + 1 > (int)(sizeof small / sizeof small[0]) && !(pc = malloc(sizeof *pc * (size_t)(P->nruns + 1))))
        return -1;
    int r = make_line_in(P, spans, a, b, el, o, ln, pc);
    if (pc != small)
        free(pc);
    return r;
}

static int span_of(const mr_tline *l) { return l->right - l->left; }

/* The end of the line starting at a: after the most characters up to a break opportunity
 * that fit in wrap64, else (one word too long) the most whole clusters that fit, unless
 * `whole` (fitting: a word broken inside means the size does not fit). Returns the end, 0
 * when not even one cluster fits (*need: its span) or, with `whole`, the word does not, or -1
 * (no memory). */
static int line_end(const mr_para *P, const mr_text_span *spans, int a, int wrap64, bool whole, int *need)
{
    mr_tline ln;
    if (wrap64 < 0)
        return P->n;
    int best = -1;
    for (int i = a; i < P->n; i++) {
        if (i + 1 < P->n && P->brk[i] != LINEBREAK_ALLOWBREAK && P->brk[i] != LINEBREAK_MUSTBREAK)
            continue;
        if (i + 1 < P->n && is_space(P->cp[i + 1]))
            continue; /* break after the last of several spaces */
        if (make_line(P, spans, a, i + 1, NULL, NULL, &ln) < 0)
            return -1;
        if (span_of(&ln) > wrap64)
            break;
        best = i + 1;
    }
    if (best > a)
        return best;
    if (whole)
        return 0;
    for (int c = a + 1; c <= P->n; c++) { /* inside the word */
        if (c < P->n && !P->cstart[c])
            continue;
        if (make_line(P, spans, a, c, NULL, NULL, &ln) < 0)
            return -1;
        if (span_of(&ln) > wrap64) {
            *need = span_of(&ln);
            break;
        }
        best = c;
    }
    return best > a ? best : 0;
}

static int size64_of(const mr_text_span *s, const mr_layout_opts *o)
{
    double px = s->size * o->scale;
    return px * 64 >= 64 ? (int)lround(px * 64) : 64;
}

/* The ellipsis for a line of P ending at `end`, in the font and colour of the character
 * before it. 0, or -1 with err set. */
static int make_ellipsis(const mr_para *P, const mr_text_span *spans, int nspan, const mr_layout_opts *o, int end,
                         ellipsis *el, mr_err *err)
{
    int i = end > 0 ? end - 1 : 0, span = P->n ? P->span[i] : nspan;
    static const uint32_t dots[] = {0x2026};
    el->face = mr_font_fallback(P->n ? P->face[i] : spans[span].face, 0x2026, false);
    el->size64 = size64_of(&spans[span], o);
    el->ch = P->n ? P->ch[i] : 0;
    el->color = spans[span].color;
    el->ng = mr_shape_alone(el->face, el->size64, dots, 1, P->rtl, el->g, err);
    return el->ng < 0 ? -1 : 0;
}

/* Appends line ln (made by make_line into o) to the layout. 0 or -1 (no memory). */
static int add_line(out *o, const mr_tline *ln)
{
    mr_tlayout *L = o->L;
    if (L->nlines == o->capl) {
        int cap = o->capl * 2 + 8;
        mr_tline *l = realloc(L->lines, sizeof *l * (size_t)cap);
        if (!l)
            return -1;
        L->lines = l;
        o->capl = cap;
    }
    L->lines[L->nlines++] = *ln;
    if (span_of(ln) > L->max_span)
        L->max_span = span_of(ln);
    return 0;
}

/* Lays out paragraph P's lines into o; *lines counts them over the text; `more`: visible
 * text (not only spaces and empty lines) follows P. Returns 0, 1 (cut: stop; or with o->fit, does not fit), or -1 with err set. */
static int para_lines(const mr_para *P, const mr_text_span *spans, int nspan, const mr_layout_opts *o, bool more,
                      out *O, int *lines, mr_err *err)
{
    int pos = 0;
    do {
        int need = 0, end = line_end(P, spans, pos, o->wrap64, o->fit, &need);
        if (end < 0)
            return mr_err_set(err, "out of memory laying out text");
        if (end == 0 && P->n > 0) {
            if (o->fit)
                return 1;
            int k = pos + 1;
            while (k < P->n && !P->cstart[k])
                k++;
            char buf[64] = "";
            size_t bl = 0;
            for (int i = pos; i < k && bl + 5 < sizeof buf; i++) { /* the character, as UTF-8 */
                uint32_t c = P->cp[i];
                if (c < 0x80) buf[bl++] = (char)c;
                else if (c < 0x800) buf[bl++] = (char)(0xC0 | c >> 6), buf[bl++] = (char)(0x80 | (c & 63));
                else if (c < 0x10000) buf[bl++] = (char)(0xE0 | c >> 12), buf[bl++] = (char)(0x80 | ((c >> 6) & 63)), buf[bl++] = (char)(0x80 | (c & 63));
                else buf[bl++] = (char)(0xF0 | c >> 18), buf[bl++] = (char)(0x80 | ((c >> 12) & 63)), buf[bl++] = (char)(0x80 | ((c >> 6) & 63)), buf[bl++] = (char)(0x80 | (c & 63));
            }
            buf[bl] = 0;
            return mr_err_set(err, "width %d px is too narrow for \"%s\" at %g px: it needs %d px%s", o->width_px, buf,
                              spans[P->span[pos]].size * o->scale, (need + 63) / 64 + 2 * o->pad_px,
                              o->stroked ? ", stroke included" : "");
        }
        ellipsis el;
        bool cut = o->max_lines > 0 && *lines + 1 == o->max_lines && (end < P->n || more);
        if (cut) {
            if (o->fit)
                return 1;
            if (make_ellipsis(P, spans, nspan, o, end, &el, err) < 0)
                return -1;
            mr_tline ln;
            while (o->wrap64 >= 0 && end > pos) { /* room for the ellipsis */
                if (make_line(P, spans, pos, end, &el, NULL, &ln) < 0)
                    return mr_err_set(err, "out of memory laying out text");
                if (span_of(&ln) <= o->wrap64)
                    break;
                do
                    end--;
                while (end > pos && !P->cstart[end]);
            }
        }
        mr_tline ln;
        if (make_line(P, spans, pos, end, cut ? &el : NULL, O, &ln) < 0)
            return mr_err_set(err, "out of memory laying out text");
        if (ln.height == 0) /* an empty line: the font of its span */
            mr_face_metrics(spans[nspan].face, size64_of(&spans[nspan], o), &ln.ascent, &ln.height);
        if (o->line_height > 0) { /* the pitch asked, the extra split above and below (CSS's leading) */
            int big = 0;
            for (int k = ln.first; k < ln.first + ln.count; k++)
                big = O->L->g[k].size64 > big ? O->L->g[k].size64 : big;
            if (!big)
                big = size64_of(&spans[nspan], o);
            int pitch = (int)lround(o->line_height * big);
            ln.ascent += (pitch - ln.height) / 2;
            ln.height = pitch;
        }
        if (add_line(O, &ln) < 0)
            return mr_err_set(err, "out of memory laying out text");
        ++*lines;
        if (cut) {
            O->L->cut = true;
            return 1;
        }
        pos = end;
    } while (pos < P->n);
    return 0;
}

/* Decodes valid UTF-8 s into cp, marking each with span k; drops '\r' and turns a tab into
 * spaces up to the next multiple of 4 characters from the paragraph's start (*col counts
 * them; cp needs room for 4 per byte of a tab). Returns how many code points. */
static int decode(const char *s, int k, uint32_t *cp, int *sp, int *col)
{
    const unsigned char *p = (const unsigned char *)s;
    int n = 0;
    while (*p) {
        uint32_t c = *p;
        int more = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        c = more == 0 ? c : more == 1 ? c & 31 : more == 2 ? c & 15 : c & 7;
        p++;
        for (int i = 0; i < more && *p; i++, p++)
            c = c << 6 | (*p & 63);
        if (c == '\r')
            continue;
        if (c == '\t') {
            do {
                cp[n] = ' ';
                sp[n++] = k;
            } while (++*col % 4);
            continue;
        }
        *col = is_newline(c) ? 0 : *col + 1;
        cp[n] = c;
        sp[n++] = k;
    }
    return n;
}

int mr_layout_text(const mr_text_span *spans, int nspans, const mr_layout_opts *o, mr_tlayout *L, mr_err *err)
{
    memset(L, 0, sizeof *L);
    size_t bytes = 1;
    for (int k = 0; k < nspans; k++)
        for (const char *t = spans[k].text; *t; t++)
            bytes += *t == '\t' ? 4 : 1;
    uint32_t *cp = malloc(bytes * sizeof *cp);
    int *sp = malloc(bytes * sizeof *sp);
    if (!cp || !sp) {
        free(cp);
        free(sp);
        return mr_err_set(err, "out of memory laying out text");
    }
    int n = 0, col = 0;
    for (int k = 0; k < nspans; k++)
        n += decode(spans[k].text, k, cp + n, sp + n, &col);
    int last_ink = -1; /* the last character that is neither a space nor a newline */
    for (int i = 0; i < n; i++)
        if (!is_space(cp[i]) && !is_newline(cp[i]))
            last_ink = i;
    out O = {L, 0, 0};
    int chars = 0, lines = 0, r = 0;
    for (int a = 0; r == 0;) {
        int nl = a;
        while (nl < n && !is_newline(cp[nl]))
            nl++;
        mr_para P;
        r = mr_para_make(&P, cp + a, sp + a, nl - a, spans, o, &chars, err);
        int nspan = nl < n ? sp[nl] : n > 0 ? sp[n - 1] : 0;
        if (r == 0)
            r = para_lines(&P, spans, nspan, o, last_ink > nl, &O, &lines, err);
        mr_para_free(&P);
        if (nl >= n || (r == 0 && o->max_lines > 0 && lines >= o->max_lines)) /* the rest: empty lines only */
            break;
        a = nl + 1;
    }
    free(cp);
    free(sp);
    if (r == 1 && L->cut && !o->fit)
        r = 0;
    if (r != 0)
        mr_layout_free(L);
    L->nchars = chars;
    return r;
}
