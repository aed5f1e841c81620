/* render_internal.h: what render.c shares with join.c (a join renders the sound as a render
 * does). Not for use elsewhere. */
#ifndef MR_RENDER_INTERNAL_H
#define MR_RENDER_INTERNAL_H

#include "engine/render/render.h"

#define MR_RENDER_SOUND_BLOCK 4096   /* samples a call asks the clip for */

/* Encodes clip's sound from sample *pos up to `upto` into out, moving *pos on; buf holds
 * MR_RENDER_SOUND_BLOCK stereo samples. Returns 0, or -1 with ev->err set. */
int mr_render_sound(const mr_clip *clip, mr_output *out, mr_eval *ev, int64_t *pos, int64_t upto, float *buf);

/* Calls o->progress with `done` of `total` (at most four times a second, and at the end);
 * t0 is when the render started, *last when it was called last. */
void mr_render_report(const mr_render_opts *o, int64_t done, int64_t total, double t0, double *last);

#endif
