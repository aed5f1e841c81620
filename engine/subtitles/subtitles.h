/* subtitles.h: subtitle files drawn by libass. An .ass/.ssa file keeps its own styling; SRT
 * and WebVTT cues (cues.h) become ASS events in one style made from mr_sub_style. Two clips:
 * mr_subtitles_new, a transparent picture showing each cue in its interval (for compose), and
 * mr_subtitles_burn, the cues drawn onto a clip (ffmpeg's `subtitles` filter), which touches
 * only the pixels under the text. */
#ifndef MR_SUBTITLES_H
#define MR_SUBTITLES_H

#include <stdbool.h>
#include "engine/core/clip.h"
#include "engine/core/color.h"

/* How SRT and WebVTT cues look (an .ass file's own styles are used as written). Sizes are
 * pixels of the picture; a negative value means the default, from the picture's height. */
typedef struct mr_sub_style {
    char font[256];        /* a family fontconfig knows ("DejaVu Sans"), "" for sans-serif */
    double font_size;      /* default h / 20 */
    mr_rgba color;         /* white */
    double outline;        /* default font_size / 16 */
    mr_rgba outline_color; /* black */
    bool box;              /* one box behind each line instead of the outline (libass's BorderStyle 4) */
    mr_rgba box_color;     /* #000000b0 */
    double margin;         /* from the picture's edge; default h / 20 */
    int align;             /* the numeric keypad: 1..3 bottom, 4..6 middle, 7..9 top; 2 by default */
    bool bold, italic;
} mr_sub_style;

/* The defaults above. */
mr_sub_style mr_sub_style_default(void);

/* The cues of path (.srt, .vtt, .ass or .ssa; another name is recognised by its content),
 * drawn at w x h, as a transparent clip without end (shown from each cue's start to its end).
 * Returns a new clip (the caller's reference), or NULL with err naming the file and, for a
 * bad cue, the line ("talk.srt:7: end time '00:00:0x,000' does not parse ..."). */
mr_clip *mr_subtitles_new(const char *path, const mr_sub_style *style, int w, int h, mr_err *err);

/* in with the cues of path drawn over it at its size. Same failures. */
mr_clip *mr_subtitles_burn(mr_clip *in, const char *path, const mr_sub_style *style, mr_err *err);

/* The subtitle renderer both clips share (sub_render.c). */
typedef struct mr_subs mr_subs;
struct mr_eval;

/* Reads path and prepares libass to draw it at w x h. NULL with err set. The caller owns it. */
mr_subs *mr_subs_open(const char *path, const mr_sub_style *style, int w, int h, mr_err *err);
void mr_subs_free(mr_subs *s);

/* The end of the last cue, in seconds (0 when there is none). */
double mr_subs_end(const mr_subs *s);

/* What shows at time t: *ink a new reference to a picture (where ev works) of the inked
 * rectangle, placed at (*x, *y), or NULL when nothing shows. With full, *ink is the whole
 * w x h picture instead (transparent when nothing shows), at (0, 0). While the cues shown do
 * not change between calls, the same picture is handed out again. Thread-safe. Returns 0, or
 * -1 with ev->err set. */
int mr_subs_picture(mr_subs *s, double t, struct mr_eval *ev, bool full, mr_frame **ink, int *x, int *y);

/* How many times libass drew a changed picture (for tests of the cache). */
long mr_subs_draws(const mr_subs *s);

#endif
