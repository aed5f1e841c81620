/* draw.h: a placed text (place.h) drawn into a picture: background boxes with rounded
 * corners, the shadow, the stroke and the fill, colour glyphs; each character shown, moved,
 * faded, scaled and turned as asked (typewriter, text_animate). Glyphs come from the glyph
 * cache, so drawing a text again costs compositing only. */
#ifndef MR_TEXT_DRAW_H
#define MR_TEXT_DRAW_H

#include "engine/core/frame.h"
#include "engine/text/place.h"

/* How one character is shown: moved by dx, dy (pixels), opacity 0..1, scaled and turned
 * (degrees, clockwise) about its middle. */
typedef struct mr_char_look {
    double dx, dy, opacity, scale, rotate;
} mr_char_look;

/* Draws p into a new p->W x p->H frame: the characters numbered below `visible` (all when
 * < 0), each as looks[ch] says (NULL: as laid out). NULL with err set on no memory. */
mr_frame *mr_text_draw(const mr_text_pic *p, int visible, const mr_char_look *looks, mr_err *err);

#endif
