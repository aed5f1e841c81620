/* place.h: a text made ready to draw: its parts' fonts found, laid out (shrunk to fit when
 * asked), and placed in its picture: the picture's size, each line's pen start and baseline,
 * the background boxes. */
#ifndef MR_TEXT_PLACE_H
#define MR_TEXT_PLACE_H

#include "engine/text/layout.h"
#include "engine/text/style.h"

/* A piece of the text with its own look; font NULL, size 0 or has_color false: the style's. */
typedef struct mr_text_part {
    const char *text;
    const char *font;
    double size;
    bool has_color;
    mr_rgba color;
} mr_text_part;

typedef struct mr_text_pic {
    mr_tlayout L;
    mr_text_style st;
    mr_rgba palette[64];    /* the parts' fill colours (mr_tglyph.color indexes it) */
    int W, H;               /* the picture */
    int *x0, *base;         /* each line's pen start and baseline in the picture, 26.6 */
    int nbox;
    double (*box)[4];       /* background boxes: x, y, w, h in pixels */
    int pad;                /* the margin kept free round the text (stroke + 2) */
    double scale;           /* the sizes' factor after fitting (1 unless shrunk) */
} mr_text_pic;

/* Lays out and places the parts in style st into *p. Returns 0 (the caller frees p with
 * mr_text_pic_free), or -1 with err set and nothing to free (a font not found, a width too
 * narrow, a text that fit = "shrink" cannot fit even at 4 px, a picture over 16384 px wide or
 * tall, more than 64 colours or 10000 parts, no memory). */
int mr_text_place(const mr_text_part *parts, int nparts, const mr_text_style *st, mr_text_pic *p, mr_err *err);

/* Frees what mr_text_place put in p and zeroes it. */
void mr_text_pic_free(mr_text_pic *p);

#endif
