/* sound_mix.h: the sum of several clips' sound, each at its place: what compose and
 * audio_mix hear. Every source reaches the engine as 48 kHz stereo float, whatever its file
 * held (the media reader resamples and downmixes, audio_reader.c), so mixing is a sum. */
#ifndef MR_SOUND_MIX_H
#define MR_SOUND_MIX_H

#include "engine/core/clip.h"

/* Writes into out the n stereo frames [s0, s0+n) of the mix of layers[0..count): layer i
 * sounds from its start (l->start) for its duration, times gains[i] (gains NULL: 1). Where a
 * layer is heard from mid-signal or stops mid-signal (it starts after 0, or before 0 and is
 * cut there; it ends before `end` samples, the mix's length (INT64_MAX: unbounded), or after
 * it and is cut there) its sound ramps over `ramp` samples, so nothing clicks (declick.h).
 * Layers without sound are skipped. Returns 0, or -1 with ev->err set. */
int mr_sound_mix(mr_clip *const *layers, const float *gains, int count, int64_t end, int ramp, int64_t s0, int n,
                 float *out, mr_eval *ev);

/* audio_mix{a, b, c}: a clip with no picture whose sound is the sum of the clips' sound,
 * each at its start (clip:start) times volumes[i] (NULL: all 1, each 0..100), lasting as long
 * as the longest (unbounded when every clip is). Clips without sound add nothing. Ramps where
 * a clip starts or ends inside the mix (declick.h). NULL with err set (no clip has sound, a
 * volume out of range). The clips are borrowed. */
mr_clip *mr_audio_mix_new(mr_clip *const *clips, int n, const float *volumes, mr_err *err);

#endif
