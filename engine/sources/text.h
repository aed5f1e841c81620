/* text.h: text pictures, shaped with HarfBuzz, drawn with FreeType, fonts found by fontconfig. */
#ifndef MR_TEXT_H
#define MR_TEXT_H

#include "engine/core/clip.h"
#include "engine/core/color.h"
#include "engine/core/frame.h"

typedef enum { MR_ALIGN_LEFT, MR_ALIGN_CENTER, MR_ALIGN_RIGHT } mr_align;

typedef struct mr_text_style {
    char font[512];        /* family ("DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans:bold") or a file path */
    double size;           /* pixels (the em size) */
    mr_rgba color;
    mr_rgba stroke_color;
    double stroke_width;   /* pixels; 0 for none */
    mr_align align;
    int wrap_width;        /* the picture's exact width (margins and stroke inside it): lines wrap
                              at spaces, and inside a word that cannot fit on a line; 0: no wrapping */
} mr_text_style;

/* The defaults: DejaVu Sans, 48 px, white, no stroke, left-aligned, no wrapping. */
mr_text_style mr_text_style_default(void);

/* A clip showing utf8 in style on a transparent background, sized to the text (as wide as
 * wrap_width when it is given) with every glyph, stroke included, inside it; unbounded.
 * The layout is done now (so .w and .h are known), the drawing on first use. Returns NULL
 * with err set when the font is not found, the text is not UTF-8, or wrap_width cannot hold
 * a single character. The caller owns the clip. */
mr_clip *mr_text_new(const char *utf8, const mr_text_style *style, mr_err *err);

/* Draws utf8 in style into a new frame sized to the text. NULL with err set on failure. */
mr_frame *mr_text_render(const char *utf8, const mr_text_style *style, mr_err *err);

/* Finds the font file for a family name or path. Returns 0 with the file and face index,
 * or -1 with err set naming the font. */
int mr_font_find(const char *name, char *path, size_t n, int *index, mr_err *err);

#endif
