/* declick.c: ramps at the hard cuts of sound (declick.h). */
#include "engine/ops/declick.h"

#include <math.h>
#include <stdatomic.h>
#include "engine/core/clip.h"

static _Atomic double declick_ms = MR_DECLICK_MS;

int mr_declick_samples(void)
{
    return (int)lround(atomic_load(&declick_ms) * MR_AUDIO_RATE / 1000);
}

double mr_declick_set_ms(double ms)
{
    return atomic_exchange(&declick_ms, ms);
}

double mr_declick_ms(void)
{
    return atomic_load(&declick_ms);
}

/* sin^2 of the ramp's position at sample k of r: 0 -> 1, with no corner at either end. */
static float rise(int64_t k, int64_t r)
{
    double x = sin(M_PI / 2 * ((double)k + 0.5) / (double)r);
    return (float)(x * x);
}

float mr_declick_gain(int64_t k, int64_t total, int rin, int rout)
{
    int64_t half = total == INT64_MAX ? INT64_MAX : total / 2;
    int64_t ri = rin < half ? rin : half, ro = rout < half ? rout : half;
    float g = 1.0f;
    if (ri > 0 && k >= 0 && k < ri)
        g *= rise(k, ri);
    if (ro > 0 && total != INT64_MAX && k < total && k >= total - ro)
        g *= rise(total - 1 - k, ro);
    return g;
}

void mr_declick_apply(float *out, int64_t s0, int n, int64_t total, int rin, int rout)
{
    int64_t half = total == INT64_MAX ? INT64_MAX : total / 2;
    int64_t ri = rin < half ? rin : half, ro = rout < half ? rout : half;
    /* only the samples inside a ramp change */
    for (int64_t k = s0 > 0 ? s0 : 0; k < s0 + n && k < ri; k++) {
        float g = mr_declick_gain(k, total, rin, rout);
        out[2 * (k - s0)] *= g;
        out[2 * (k - s0) + 1] *= g;
    }
    if (ro <= 0 || total == INT64_MAX)
        return;
    int64_t from = total - ro > ri ? total - ro : ri; /* a sample in both ramps is done above */
    for (int64_t k = from > s0 ? from : s0; k < s0 + n && k < total; k++) {
        float g = mr_declick_gain(k, total, rin, rout);
        out[2 * (k - s0)] *= g;
        out[2 * (k - s0) + 1] *= g;
    }
}
