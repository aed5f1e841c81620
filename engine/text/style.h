/* style.h: how a text looks: its default font, size and colour (spans may change them), the
 * stroke, a background box, a shadow, spacing, alignment, the box it must fit in. */
#ifndef MR_TEXT_STYLE_H
#define MR_TEXT_STYLE_H

#include <stdbool.h>
#include "engine/core/color.h"

/* MR_ALIGN_AUTO: left, or right for a paragraph that runs right to left. */
typedef enum { MR_ALIGN_LEFT, MR_ALIGN_CENTER, MR_ALIGN_RIGHT, MR_ALIGN_AUTO } mr_align;
typedef enum { MR_VALIGN_TOP, MR_VALIGN_CENTER, MR_VALIGN_BOTTOM } mr_valign;

typedef struct mr_text_style {
    char font[512];        /* family ("DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans:bold") or a file path */
    double size;           /* pixels (the em size) */
    mr_rgba color;
    mr_rgba stroke_color;
    double stroke_width;   /* pixels; 0 for none */
    mr_align align;
    mr_valign valign;      /* where the lines sit when `height` leaves room */
    int wrap_width;        /* the picture's exact width (margins and stroke inside it): lines wrap
                              at spaces, and inside a word that cannot fit on a line; 0: no wrapping */
    int height;            /* the picture's exact height (0: as tall as the text) */
    bool fit_shrink;       /* make the sizes smaller until the text fits width x height (and max_lines) */
    int max_lines;         /* 0: any; else the text is cut with an ellipsis after that many lines */
    double line_height;    /* 0: the font's line spacing; else a multiple of the line's size */
    double letter_spacing; /* pixels between characters */
    int margin;            /* transparent pixels added on every side (room for animated characters) */
    struct {
        bool on, per_line;     /* one box behind everything, or one behind each line */
        mr_rgba color;
        double padding, radius;
    } box;
    struct {
        bool on;
        mr_rgba color;
        double dx, dy, blur;   /* offset and blur radius, pixels */
    } shadow;
} mr_text_style;

#endif
