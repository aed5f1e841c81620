/* sound_ramp.h: a parameter that moves, read for sound: on a 10 ms grid of the clip's time
 * and ramped linearly in between, so a curve never clicks and costs one read per 10 ms. */
#ifndef MR_SOUND_RAMP_H
#define MR_SOUND_RAMP_H

#include <stdint.h>
#include "engine/core/clip.h"
#include "engine/ops/param.h"

#define MR_SOUND_STEP 480   /* 10 ms at 48 kHz */

/* The parameter at sample s, held inside lo..hi. Returns 0, or -1 with err set. */
static inline int mr_sound_param_at(const mr_param *p, int64_t s, double lo, double hi, double *v, mr_err *err)
{
    if (mr_param_at(p, (double)s / MR_AUDIO_RATE, v, err) < 0)
        return -1;
    *v = *v < lo ? lo : *v > hi ? hi : *v;
    return 0;
}

/* Writes p's value for each of the samples [s0, s0+n) into vals: the constant, or the curve
 * read every 10 ms (on the grid of multiples of MR_SOUND_STEP) and linear in between. Returns
 * 0, or -1 with err set (a function curve failed). */
static inline int mr_sound_param_fill(const mr_param *p, int64_t s0, int n, double lo, double hi, float *vals,
                                      mr_err *err)
{
    double g0, g1;
    if (!p->curve) {
        g0 = p->v < lo ? lo : p->v > hi ? hi : p->v;
        for (int i = 0; i < n; i++)
            vals[i] = (float)g0;
        return 0;
    }
    int64_t s = s0 - s0 % MR_SOUND_STEP;
    if (mr_sound_param_at(p, s, lo, hi, &g0, err) < 0)
        return -1;
    for (; s < s0 + n; s += MR_SOUND_STEP, g0 = g1) {
        if (mr_sound_param_at(p, s + MR_SOUND_STEP, lo, hi, &g1, err) < 0)
            return -1;
        int64_t a = s > s0 ? s : s0, b = s + MR_SOUND_STEP < s0 + n ? s + MR_SOUND_STEP : s0 + n;
        for (int64_t i = a; i < b; i++)
            vals[i - s0] = (float)(g0 + (g1 - g0) * (double)(i - s) / MR_SOUND_STEP);
    }
    return 0;
}

#endif
