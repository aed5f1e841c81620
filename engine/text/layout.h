/* layout.h: text laid out in lines of positioned glyphs, in every script: paragraphs split at
 * newlines, directions resolved and runs reordered by FriBidi (Unicode bidi), each character's
 * font found (the span's font, else a fallback that has it), runs shaped by HarfBuzz, lines
 * broken where the Unicode line-breaking rules allow (libunibreak: between words, between CJK
 * characters), inside a word only when it cannot fit alone, and cut at max_lines with an
 * ellipsis. A newline, U+2028 or U+2029 starts a new paragraph; a tab becomes spaces up to the
 * next multiple of 4 characters from the paragraph's start (each space a character, as the
 * typewriter counts them); '\r' is dropped. Geometry is 26.6 fixed point, y down; lengths too
 * long for it are clamped (place.c refuses pictures over 16384 px). */
#ifndef MR_TEXT_LAYOUT_H
#define MR_TEXT_LAYOUT_H

#include <stdbool.h>
#include "engine/core/error.h"
#include "engine/text/font.h"

/* A piece of text with its own font, size and colour (an index the caller gives meaning). */
typedef struct mr_text_span {
    const char *text;       /* valid UTF-8 */
    mr_tface *face;
    double size;            /* pixels per em */
    int color;
} mr_text_span;

typedef struct mr_layout_opts {
    int wrap64;             /* the lines' width (26.6); < 0: lines are not wrapped */
    double scale;           /* every span's size times this (1; fit="shrink" asks for less) */
    double line_height;     /* 0: the fonts' own line spacing; else times the line's largest size */
    double letter_spacing;  /* pixels added after each character (not inside joined scripts) */
    int max_lines;          /* 0: no limit; else the text is cut there with an ellipsis */
    bool fit;               /* instead of failing (too narrow), breaking inside a word or cutting
                               (max_lines), return 1 */
    int width_px, pad_px;   /* for the "too narrow" message: the picture's width and margin */
    bool stroked;
} mr_layout_opts;

typedef struct mr_tglyph {
    mr_tface *face;
    unsigned id;
    int size64;
    int x, y;               /* the pen: x from the line's start, y from its baseline */
    int ch;                 /* the character (cluster) it draws, counted over the text from 0 */
    int color;              /* its span's colour */
} mr_tglyph;

typedef struct mr_tline {
    int first, count;       /* its glyphs, left to right */
    int width;              /* the advance */
    int left, right;        /* min(0, ink's left), max(width, ink's right) */
    int top, bottom;        /* the ink's top and bottom from the baseline; 0 without ink */
    int ascent, height;     /* the baseline from the line's top, and the line's pitch */
    bool rtl;               /* its paragraph runs right to left */
} mr_tline;

typedef struct mr_tlayout {
    mr_tglyph *g;
    int ng;
    mr_tline *lines;
    int nlines;
    int nchars;             /* characters counted as mr_tglyph.ch counts them */
    int max_span;           /* the widest line's right - left */
    bool cut;               /* max_lines cut the text (an ellipsis ends the last line) */
} mr_tlayout;

/* Lays out the spans. Returns 0 with *L filled (the caller frees it with mr_layout_free), 1
 * when o->fit and it does not fit (nothing to free), or -1 with err set (a width too narrow
 * for one character, no memory). */
int mr_layout_text(const mr_text_span *spans, int nspans, const mr_layout_opts *o, mr_tlayout *L, mr_err *err);

/* Frees what mr_layout_text put in L and zeroes it (safe on a zeroed L). */
void mr_layout_free(mr_tlayout *L);

#endif
