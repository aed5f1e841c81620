/* scripted.h: pictures a script makes frame by frame: clip:map(fn) (each picture of a clip
 * handed to the script to change) and canvas(w, h, fn) (a transparent picture drawn by the
 * script). The engine knows only a callback; the Lua face (bindings/l_scripted.c) calls the
 * script under the Lua lock, so a render's workers never use one Lua state at once. Pictures
 * go to the callback on the host (a GPU evaluation downloads and uploads them). */
#ifndef MR_SCRIPTED_H
#define MR_SCRIPTED_H

#include <stdbool.h>
#include "engine/core/clip.h"

/* Changes or redraws *f (a writable host frame of the clip's size, owned by the caller) for
 * clip-local time t. Returns 0, or -1 with err naming the script line and the time. */
typedef int (*mr_picture_fn)(void *ud, double t, mr_frame *f, mr_err *err);

/* A clip showing in's pictures after fn changed each. release(ud) when the node goes.
 * NULL with err set (in has no picture). */
mr_clip *mr_clip_map(mr_clip *in, mr_picture_fn fn, void *ud, void (*release)(void *ud), mr_err *err);

/* A w x h picture drawn by fn on a transparent frame at each t, unbounded; `still` when fn
 * draws the same at every time (drawn once). NULL with err set. */
mr_clip *mr_canvas_new(int w, int h, bool still, mr_picture_fn fn, void *ud, void (*release)(void *ud), mr_err *err);

#endif
