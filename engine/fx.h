/* fx.h: effects as values. An mr_fx records an operation and its parameters without a clip,
 * so scripts can keep effects in tables and apply them to many clips; the clip methods
 * (clip:fadein(1)) are shorthands that build one and apply it. */
#ifndef MR_FX_H
#define MR_FX_H

#include <stddef.h>
#include "engine/clip.h"

typedef enum {
    MR_FX_FADEIN, MR_FX_FADEOUT, MR_FX_OPACITY, MR_FX_VOLUME, MR_FX_RESIZE, MR_FX_CROP
} mr_fx_kind;

/* How resize's numbers are read. */
typedef enum {
    MR_RESIZE_WH,      /* v[0] x v[1] pixels */
    MR_RESIZE_SCALE,   /* v[0] times the size */
    MR_RESIZE_W,       /* width v[0], height keeps the aspect */
    MR_RESIZE_H        /* height v[0], width keeps the aspect */
} mr_resize_mode;

typedef struct mr_fx {
    mr_fx_kind kind;
    mr_resize_mode mode;   /* resize only */
    double v[4];           /* fade length, opacity, volume, resize numbers, crop x y w h */
    bool has_color;        /* fades: towards `color` rather than transparent */
    mr_rgba color;
} mr_fx;

/* Applies fx to c: a new clip (the caller's reference), or NULL with err set. */
mr_clip *mr_fx_apply(const mr_fx *fx, mr_clip *c, mr_err *err);

/* "fadein 1 s", "resize 0.5x" */
void mr_fx_describe(const mr_fx *fx, char *buf, size_t n);

#endif
