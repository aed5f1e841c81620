/* sound_stretch.h: clip:speed(k, {keep_pitch = true}): the picture at speed k, the sound
 * time-stretched to the same length by Rubber Band with its pitch kept. */
#ifndef MR_SOUND_STRETCH_H
#define MR_SOUND_STRETCH_H

#include "engine/core/clip.h"

/* in played k times as fast (0.1 <= k <= 10 when it has sound), its sound stretched (not resampled) so that its
 * pitch stays. The sound is made in chunks of 5 s of output, each by its own stretcher from
 * its inputs alone (with a second of lead-in and lead-out), joined by a 1024-sample
 * crossfade: any run of samples is the same whichever order they are asked in. Returns a new
 * clip (the caller's reference), or NULL with err set. */
mr_clip *mr_clip_speed_keep_pitch(mr_clip *in, double k, mr_err *err);

#endif
