/* place.c: fonts, fitting and the picture's geometry of a text (place.h). With no box, shadow
 * or height, the geometry is the one text pictures always had: as wide as the widest line (or
 * exactly `width`), as tall as the lines and any ink reaching past them, with a margin of
 * stroke + 2 px on every side. */
#include "engine/text/place.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void mr_text_pic_free(mr_text_pic *p)
{
    mr_layout_free(&p->L);
    free(p->x0);
    free(p->base);
    free(p->box);
    memset(p, 0, sizeof *p);
}

static int pad_of(const mr_text_style *st) { return (int)ceil(st->stroke_width) + 2; }
static int box_pad(const mr_text_style *st) { return st->box.on ? (int)ceil(st->box.padding) : 0; }

/* The largest picture side, in pixels (also the largest width and height asked). */
#define MAX_SIDE 16384
/* The smallest size fit = "shrink" goes down to, in pixels (the largest part's). */
#define MIN_FIT_PX 4
/* The most parts a text has. */
#define MAX_PARTS 10000

/* The text block's height (26.6, summed in 64 bits), with ink reaching above and below its
 * lines; *over_top: how far ink reaches above the first line. Fills the baselines relative to
 * the block (clamped: a block over MAX_SIDE px is refused by the caller). */
static int64_t block_height(const mr_tlayout *L, int *base, int *over_top)
{
    int64_t lines = 0, top = 0, bottom = 0;
    const int64_t big = (int64_t)MAX_SIDE * 64 * 4;
    for (int i = 0; i < L->nlines; i++) {
        int64_t b = lines + L->lines[i].ascent;
        base[i] = (int)(b > big ? big : b);
        lines += L->lines[i].height;
    }
    for (int i = 0; i < L->nlines; i++) {
        const mr_tline *e = &L->lines[i];
        if (-((int64_t)base[i] + e->top) > top)
            top = -((int64_t)base[i] + e->top);
        if ((int64_t)base[i] + e->bottom - lines > bottom)
            bottom = (int64_t)base[i] + e->bottom - lines;
    }
    *over_top = (int)(top > big ? big : top);
    return lines + top + bottom;
}

/* Lays out at `scale`: 0, 1 (does not fit: too narrow, too many lines or too tall), or -1. */
static int try_layout(const mr_text_span *spans, int n, const mr_text_style *st, double scale, bool fit,
                      mr_tlayout *L, mr_err *err)
{
    int pad = pad_of(st), bp = box_pad(st);
    mr_layout_opts o = {-1, scale, st->line_height, st->letter_spacing, st->max_lines, fit, st->wrap_width, pad,
                        st->stroke_width > 0};
    if (st->wrap_width > 0) {
        int inner = st->wrap_width - 2 * pad - 2 * bp;
        o.wrap64 = inner > 0 ? inner * 64 : 0;
    }
    int r = mr_layout_text(spans, n, &o, L, err);
    if (r != 0 || !fit || st->height <= 0)
        return r;
    int *base = malloc(sizeof *base * (size_t)(L->nlines + 1)), top;
    if (!base) {
        mr_layout_free(L);
        return mr_err_set(err, "out of memory laying out text");
    }
    int64_t h = block_height(L, base, &top);
    free(base);
    if (h > (int64_t)(st->height - 2 * pad - 2 * bp) * 64) {
        mr_layout_free(L);
        return 1;
    }
    return 0;
}

/* The layout, shrunk when the style asks: the largest scale found fitting by 10 halving steps
 * of [0, 1] (to 1/1024), refused below MIN_FIT_PX px (for the largest part, `max_size`). 0, or
 * -1 with err set (p->L may then hold a layout: the caller frees it). */
static int fit_layout(const mr_text_span *spans, int n, const mr_text_style *st, double max_size, mr_text_pic *p,
                      mr_err *err)
{
    p->scale = 1;
    if (!st->fit_shrink)
        return try_layout(spans, n, st, 1, false, &p->L, err) == 0 ? 0 : -1;
    int r = try_layout(spans, n, st, 1, true, &p->L, err);
    if (r <= 0)
        return r;
    double lo = 0, hi = 1; /* lo fits (or is nothing yet), hi does not */
    for (int i = 0; i < 10; i++) {
        double mid = (lo + hi) / 2;
        mr_tlayout L;
        r = try_layout(spans, n, st, mid, true, &L, err);
        if (r < 0)
            return -1;
        if (r == 0) {
            mr_layout_free(&p->L);
            p->L = L;
            p->scale = lo = mid;
        } else {
            hi = mid;
        }
    }
    if (lo > 0 && lo * max_size >= MIN_FIT_PX)
        return 0;
    char w[32] = "any width", h[32] = "any height";
    if (st->wrap_width > 0)
        snprintf(w, sizeof w, "%d px", st->wrap_width);
    if (st->height > 0)
        snprintf(h, sizeof h, "%d px", st->height);
    return mr_err_set(err, "the text cannot fit in %s x %s even at %d px (fit = \"shrink\" keeps words whole): give "
                      "more room or fewer words", w, h, MIN_FIT_PX);
}

int mr_text_place(const mr_text_part *parts, int nparts, const mr_text_style *st, mr_text_pic *p, mr_err *err)
{
    memset(p, 0, sizeof *p);
    p->st = *st;
    if (nparts > MAX_PARTS)
        return mr_err_set(err, "a text has at most %d parts (this one has %d)", MAX_PARTS, nparts);
    mr_text_span *spans = malloc(sizeof *spans * (size_t)(nparts > 0 ? nparts : 1));
    if (!spans)
        return mr_err_set(err, "out of memory laying out text");
    int ncol = 0;
    double max_size = 0;
    for (int k = 0; k < nparts; k++) {
        mr_tface *f = mr_font_face(parts[k].font ? parts[k].font : st->font, err);
        if (!f) {
            free(spans);
            return -1;
        }
        mr_rgba c = parts[k].has_color ? parts[k].color : st->color;
        int ci = 0;
        while (ci < ncol && memcmp(&p->palette[ci], &c, sizeof c) != 0)
            ci++;
        if (ci == ncol) {
            if (ncol == 64) {
                free(spans);
                return mr_err_set(err, "a text has at most 64 colours");
            }
            p->palette[ncol++] = c;
        }
        spans[k] = (mr_text_span){parts[k].text, f, parts[k].size > 0 ? parts[k].size : st->size, ci};
        max_size = fmax(max_size, spans[k].size);
    }
    int fitted = fit_layout(spans, nparts, st, max_size, p, err);
    free(spans);
    if (fitted < 0) {
        mr_text_pic_free(p); /* a layout that fitted before a later try failed */
        return -1;
    }
    const mr_tlayout *L = &p->L;
    int pad = p->pad = pad_of(st), bp = box_pad(st), nl = L->nlines, top;
    p->x0 = malloc(sizeof *p->x0 * (size_t)(nl + 1));
    p->base = malloc(sizeof *p->base * (size_t)(nl + 1));
    p->box = malloc(sizeof *p->box * (size_t)(nl + 1));
    if (!p->x0 || !p->base || !p->box) {
        mr_text_pic_free(p);
        return mr_err_set(err, "out of memory laying out text");
    }
    int64_t block64 = block_height(L, p->base, &top);
    int64_t wc64 = st->wrap_width > 0 ? st->wrap_width : ((int64_t)L->max_span + 63) / 64 + 2 * pad + 2 * bp;
    int64_t hc64 = st->height > 0 ? st->height : (block64 + 63) / 64 + 2 * pad + 2 * bp;
    if (st->height > 0 && block64 > (int64_t)(hc64 - 2 * pad - 2 * bp) * 64) {
        long long need = (block64 + 63) / 64 + 2 * pad + 2 * bp;
        mr_err_set(err, "height %d px cannot hold the text's %d line%s: %lld px are needed (give fit = \"shrink\" or "
                   "max_lines)", st->height, nl, nl == 1 ? "" : "s", need);
        mr_text_pic_free(p);
        return -1;
    }
    int sm = st->shadow.on ? (int)ceil(st->shadow.blur) : 0;
    int ml = 0, mr = 0, mt = 0, mb = 0;
    if (st->shadow.on) {
        ml = (int)fmax(0, ceil(sm - st->shadow.dx)), mr = (int)fmax(0, ceil(sm + st->shadow.dx));
        mt = (int)fmax(0, ceil(sm - st->shadow.dy)), mb = (int)fmax(0, ceil(sm + st->shadow.dy));
    }
    ml += st->margin, mr += st->margin, mt += st->margin, mb += st->margin;
    int64_t W = wc64 + ml + mr, H = hc64 + mt + mb;
    if (W > MAX_SIDE || H > MAX_SIDE) {
        bool wide = W > MAX_SIDE;
        mr_err_set(err, "text is %lld px %s (at most %d)%s", (long long)(wide ? W : H), wide ? "wide" : "tall", MAX_SIDE,
                   wide ? (st->wrap_width > 0 ? ": give a smaller margin or shadow" : ": give width = to wrap it")
                        : ": give fewer lines, a smaller size or max_lines =");
        mr_text_pic_free(p);
        return -1;
    }
    int wc = (int)wc64, hc = (int)hc64, block = (int)block64;
    p->W = (int)W;
    p->H = (int)H;
    int inner = (wc - 2 * pad - 2 * bp) * 64, free_v = st->height > 0 ? (hc - 2 * pad - 2 * bp) * 64 - block : 0;
    int voff = st->valign == MR_VALIGN_CENTER ? free_v / 2 : st->valign == MR_VALIGN_BOTTOM ? free_v : 0;
    if (st->box.on && !st->box.per_line)
        p->box[p->nbox++][0] = ml, p->box[0][1] = mt, p->box[0][2] = wc, p->box[0][3] = hc;
    int y = (mt + pad + bp) * 64 + voff + top;
    for (int i = 0; i < nl; i++) {
        const mr_tline *ln = &L->lines[i];
        int room = inner - (ln->right - ln->left);
        mr_align a = st->align == MR_ALIGN_AUTO ? (ln->rtl ? MR_ALIGN_RIGHT : MR_ALIGN_LEFT) : st->align;
        p->x0[i] = (ml + pad + bp) * 64 - ln->left + (a == MR_ALIGN_CENTER ? room / 2 : a == MR_ALIGN_RIGHT ? room : 0);
        int line_top = y + p->base[i] - ln->ascent;
        p->base[i] += y;
        if (st->box.on && st->box.per_line && ln->count > 0) {
            double *b = p->box[p->nbox++];
            b[0] = (p->x0[i] + ln->left) / 64.0 - st->box.padding;
            b[1] = line_top / 64.0 - st->box.padding;
            b[2] = (ln->right - ln->left) / 64.0 + 2 * st->box.padding;
            b[3] = ln->height / 64.0 + 2 * st->box.padding;
        }
    }
    return 0;
}
