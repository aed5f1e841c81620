/* font.h: fonts for text: a family name or file found through fontconfig, the process's
 * open faces (each with its own lock, so workers rasterising different faces never wait for
 * each other), and fallback: the face that draws a character the asked font lacks (Arabic,
 * CJK, colour emoji). Faces live as long as the process; there is no limit to their number. */
#ifndef MR_TEXT_FONT_H
#define MR_TEXT_FONT_H

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "engine/core/error.h"

/* An open face. `face` and `hb` are used only with `lock` held. */
typedef struct mr_tface {
    char path[1024];
    int index;
    FT_Face face;
    hb_face_t *hb;          /* bitmap fonts: shaped by HarfBuzz's own OpenType functions */
    pthread_mutex_t lock;
    bool scalable;          /* false: fixed-size colour bitmaps (Noto Color Emoji's CBDT) */
    bool color;             /* has colour glyphs: loaded with FT_LOAD_COLOR */
    int strike;             /* bitmap fonts: the strike used, and its size in 26.6 pixels */
    long strike_ppem;
} mr_tface;

/* Finds the font file for a family name ("DejaVu Sans", "DejaVu Sans Bold",
 * "DejaVu Sans:bold") or a path. Returns 0 with the file and face index, or -1 with err set
 * naming the font. */
int mr_font_find(const char *name, char *path, size_t n, int *index, mr_err *err);

/* The open face of a family name or path (opened on first use, kept for the process).
 * NULL with err set when it is not found or cannot be loaded. */
mr_tface *mr_font_face(const char *name, mr_err *err);

/* Whether f has a glyph for code point cp. Takes f's lock. */
bool mr_tface_has(mr_tface *f, uint32_t cp);

/* The face to draw cp with when `primary` is asked: primary when it has cp (unless cp wants a
 * colour emoji and primary has none), else a face found before or through fontconfig, else
 * primary (which then shows its missing-glyph box). Never NULL. */
mr_tface *mr_font_fallback(mr_tface *primary, uint32_t cp, bool emoji);

/* How many times fontconfig was asked for a fallback in this process (for tests): a character
 * no font has is asked for once per primary face. */
long mr_font_fallback_asks(void);

/* The FreeType library (made on first use); faces are opened under the registry's lock. */
FT_Library mr_font_library(void);

#endif
