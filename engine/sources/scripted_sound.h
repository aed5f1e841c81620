/* scripted_sound.h: sound(fn, {duration}): sound a script makes block by block. The engine
 * knows only a callback; the Lua face (bindings/l_sound.c) calls the script under the Lua
 * lock, as map and canvas do (scripted.h), so a render's workers never use one Lua state at
 * once. */
#ifndef MR_SCRIPTED_SOUND_H
#define MR_SCRIPTED_SOUND_H

#include "engine/core/clip.h"

#define MR_SOUND_BLOCK 4800   /* the most frames one call is asked for (0.1 s) */

/* Writes n (1..MR_SOUND_BLOCK) interleaved stereo frames into out (the caller's buffer), the
 * sound from clip-local time t0 (sample s0 = t0 * 48000). It may be asked for any block in
 * any order, so it must be a function of time. Returns 0, or -1 with err naming the script
 * line and the time. */
typedef int (*mr_sound_fn)(void *ud, double t0, int64_t s0, int n, float *out, mr_err *err);

/* A sound-only clip lasting `duration` seconds (INFINITY: unbounded) whose samples fn makes.
 * release(ud) when the node goes. NULL with err set (a duration that is not positive). */
mr_clip *mr_sound_fn_new(double duration, mr_sound_fn fn, void *ud, void (*release)(void *ud), mr_err *err);

#endif
