/* para.h: one paragraph of text on its way to lines (inside engine/text/ only): its code
 * points, each one's span, font, bidi level and line-break class, and the glyphs HarfBuzz
 * made for its runs. para.c fills it; layout.c breaks it into lines. */
#ifndef MR_TEXT_PARA_H
#define MR_TEXT_PARA_H

#include <fribidi.h>
#include <stdint.h>
#include "engine/text/layout.h"

/* A shaped glyph: its advance, offset and ink box (HarfBuzz's extents, y up), the character
 * that starts its cluster. */
typedef struct mr_pglyph {
    unsigned id;
    int adv, xo, yo;
    int bx, by, bw, bh;
    bool ink;
    int cl;
} mr_pglyph;

/* A run: characters [start, start+len) of one span, face, level and script, shaped into
 * glyphs [g0, g0+ng) in left-to-right order. */
typedef struct mr_run {
    int start, len;
    int span;
    mr_tface *face;
    int size64, level;
    int ascent, height;     /* the face's at this size */
    int g0, ng;
} mr_run;

typedef struct mr_para {
    uint32_t *cp;
    int n;
    int *span;
    mr_tface **face;
    FriBidiLevel *level;
    char *brk;              /* libunibreak: whether a line may break after each character */
    bool *cstart;           /* the character starts a cluster */
    int *ch;                /* the text-wide character number of its cluster */
    mr_pglyph *g;
    int ng;
    mr_run *runs;
    int nruns;
    bool rtl;               /* the paragraph's direction */
} mr_para;

/* Fills P from code points cp[0..n) with span indexes sp (both copied), shaping with the
 * spans and options; *chars is the text-wide character count so far (advanced). Returns 0,
 * or -1 with err set (P then needs mr_para_free all the same). */
int mr_para_make(mr_para *P, const uint32_t *cp, const int *sp, int n, const mr_text_span *spans,
                 const mr_layout_opts *o, int *chars, mr_err *err);

/* Frees what mr_para_make allocated in P (also after it failed) and zeroes it. */
void mr_para_free(mr_para *P);

/* Shapes cp[0..n) alone with face f at size64 into g (room for 4 * n glyphs); returns their
 * number, or -1 (err set). For the ellipsis. */
int mr_shape_alone(mr_tface *f, int size64, const uint32_t *cp, int n, bool rtl, mr_pglyph *g, mr_err *err);

/* The face's ascent and line pitch at size64 (26.6). */
void mr_face_metrics(mr_tface *f, int size64, int *ascent, int *height);

#endif
