/* text.h: text clips: styled titles in every script (engine/text/ lays them out and draws
 * them), made of one string or of parts with their own font, size and colour; shown at once,
 * typed out (clip:typewriter) or animated per character (mr_text_animate). */
#ifndef MR_TEXT_H
#define MR_TEXT_H

#include "engine/core/clip.h"
#include "engine/core/color.h"
#include "engine/core/frame.h"
#include "engine/text/draw.h"
#include "engine/text/font.h"
#include "engine/text/place.h"
#include "engine/text/style.h"

/* The defaults: DejaVu Sans, 48 px, white, no stroke, aligned left (right for a paragraph
 * that runs right to left), no wrapping, no box, no shadow. */
mr_text_style mr_text_style_default(void);

/* A clip showing the parts (rich text: each with its own font, size, colour; copied) in style
 * on a transparent background, sized to the text (as wide as wrap_width and as tall as height
 * when they are given) with every glyph, stroke, box and shadow inside it; unbounded. The
 * layout is done now (so .w and .h are known), the drawing on first use. Returns NULL with err
 * set when a font is not found, the text is not valid UTF-8, wrap_width cannot hold a single
 * character, or the picture would pass 16384 px. The caller owns the clip. */
mr_clip *mr_text_new_parts(const mr_text_part *parts, int nparts, const mr_text_style *style, mr_err *err);

/* Draws utf8 in style into a new frame sized to the text. NULL with err set on failure. */
mr_frame *mr_text_render(const char *utf8, const mr_text_style *style, mr_err *err);

/* Fills looks[0..nchars) (set to identity before the call) for time t. 0, or -1 with err set. */
typedef int (*mr_text_anim_fn)(void *ud, double t, int nchars, mr_char_look *looks, mr_err *err);

/* A text whose characters move as fn says at each frame (fn is called from the render's
 * workers; release(ud) when the clip goes, also on failure here). NULL with err set. */
mr_clip *mr_text_animate(const mr_text_part *parts, int nparts, const mr_text_style *style, mr_text_anim_fn fn,
                         void *ud, void (*release)(void *ud), mr_err *err);

#endif
