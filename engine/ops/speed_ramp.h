/* speed_ramp.h: a clip played at a speed that moves (clip:speed(curve)): the clip's time at
 * the new clip's time u is the integral of the speed from 0 to u, so the new duration is where
 * that integral reaches the clip's end. */
#ifndef MR_SPEED_RAMP_H
#define MR_SPEED_RAMP_H

#include "engine/core/clip.h"
#include "engine/ops/curve.h"

/* in played at speed `speed` (a curve of the new clip's time, 0 to 100 wherever it is read);
 * the sound follows, resampled (its pitch moving with the speed). Returns a new clip (the
 * caller's reference), or NULL with err set: a clip without an end, a speed outside 0..100
 * (saying when), a speed so slow the clip would last more than MR_RAMP_MAX_S. */
mr_clip *mr_clip_speed_ramp(mr_clip *in, mr_curve *speed, mr_err *err);

#define MR_RAMP_MAX_S (10 * 3600.0)

#endif
