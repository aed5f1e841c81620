/* time_fx.h: what the time effects' files (reverse.c, freeze.c, speed_ramp.c, fps.c,
 * trails.c) share: which frame of a rate shows at a time, and the input's pictures at several
 * times mixed by weights (mix_times.c). */
#ifndef MR_TIME_FX_H
#define MR_TIME_FX_H

#include <math.h>
#include "engine/core/clip.h"
#include "engine/core/eval.h"

/* The index of the frame of rate fps (num > 0) that shows at t: a time within MR_TIME_EPS
 * before a frame's start is that frame (times computed in floating point land on frames). */
static inline int64_t mr_frame_at(double t, mr_rational fps)
{
    return (int64_t)floor((t + MR_TIME_EPS) * fps.num / fps.den);
}

/* The sum of in's pictures at the n (1 <= n <= MR_MIX_MAX) times t[i] weighted by w[i] >= 0
 * (not all 0; scaled to sum to 1): a new frame (the caller's reference) in *out. The same
 * picture asked twice is fetched once; one picture alone comes back as it is. Returns 0, or
 * -1 with ev->err set (nothing in *out). */
int mr_mix_times(const mr_clip *in, const double *t, const double *w, int n, mr_eval *ev, mr_frame **out);

#endif
