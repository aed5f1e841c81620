/* ops.h: every operation that derives a clip from clips. Each returns a new node (one
 * reference, the caller's) and borrows its inputs; NULL with err set (the message starts
 * with the operation's name) when the parameters do not fit the clip. */
#ifndef MR_OPS_H
#define MR_OPS_H

#include "engine/core/clip.h"
#include "engine/core/color.h"
#include "engine/ops/curve.h"
#include "engine/ops/pos.h"

/* time (timemap.c) */
mr_clip *mr_clip_sub(mr_clip *c, double t0, double t1, mr_err *err);   /* t1 NAN: to the end; negatives count from the end */
mr_clip *mr_clip_start_at(mr_clip *c, double t, mr_err *err);          /* when it begins inside compose */
mr_clip *mr_clip_dur(mr_clip *c, double d, mr_err *err);               /* cut or extend (last frame held) */
mr_clip *mr_clip_speed(mr_clip *c, double k, mr_err *err);
mr_clip *mr_clip_loop(mr_clip *c, double n, mr_err *err);              /* n INFINITY: forever */

/* space (transform.c) */
mr_clip *mr_clip_resize(mr_clip *c, int w, int h, mr_err *err);
mr_clip *mr_clip_crop(mr_clip *c, int x, int y, int w, int h, mr_err *err);
mr_clip *mr_clip_at(mr_clip *c, mr_pos pos, mr_err *err);
mr_clip *mr_clip_fit(mr_clip *c, int w, int h, mr_rgba bg, mr_err *err); /* scaled to fit, centred on bg */

/* look (look.c) */
mr_clip *mr_clip_opacity(mr_clip *c, double a, mr_curve *curve, mr_err *err); /* curve: moving (clamped 0..1) */
/* Fades over d seconds from (to) transparent, so what is under shows through (black at the
 * bottom of a video), or from (to) an opaque colour when color is not NULL. */
mr_clip *mr_clip_fadein(mr_clip *c, double d, const mr_rgba *color, mr_err *err);
mr_clip *mr_clip_fadeout(mr_clip *c, double d, const mr_rgba *color, mr_err *err);

/* sound (sound_fx.c) */
mr_clip *mr_clip_volume(mr_clip *c, double v, mr_curve *curve, mr_err *err); /* curve: moving (clamped 0..100) */
mr_clip *mr_clip_mute(mr_clip *c, mr_err *err);
mr_clip *mr_clip_with_audio(mr_clip *c, mr_clip *audio, mr_err *err); /* audio NULL: none */

/* putting together (compose.c, concat.c) */
typedef struct mr_compose_opts {
    int w, h;              /* 0: the first picture layer's size */
    mr_rational fps;       /* {0,0}: the highest of the layers' (30 if none has one) */
    mr_rgba bg;
    double duration;       /* NAN: the end of the last layer */
} mr_compose_opts;

mr_compose_opts mr_compose_opts_default(void);
mr_clip *mr_compose_new(mr_clip *const *layers, int n, const mr_compose_opts *o, mr_err *err);

/* The layers of a compose node (borrowed from it) and their number into *n; NULL with *n 0
 * for any other node. */
mr_clip *const *mr_compose_layers(const mr_clip *c, int *n);

/* One after another, each letterboxed into w x h (0 x 0: the first clip's size) with
 * transparent bars; a clip with sound only shows nothing (transparent). */
mr_clip *mr_concat_new(mr_clip *const *clips, int n, int w, int h, mr_err *err);

#endif
