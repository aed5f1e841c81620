/* sound_mix.c: several clips' sound summed, each at its start (sound_mix.h). */
#include "engine/ops/sound_mix.h"

#include <math.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/ops/declick.h"

int mr_sound_mix(mr_clip *const *layers, const float *gains, int count, int64_t end, int ramp, int64_t s0, int n,
                 float *out, mr_eval *ev)
{
    memset(out, 0, sizeof(float) * 2 * n);
    float *tmp = NULL;
    int ret = 0;
    for (int i = 0; i < count && ret == 0; i++) {
        const mr_clip *l = layers[i];
        float g = gains ? gains[i] : 1.0f;
        if (!l->has_audio || g == 0)
            continue;
        int64_t len_l = isinf(l->duration) ? INT64_MAX : mr_clip_samples(l);
        int64_t ls = llround(l->start * MR_AUDIO_RATE), le = len_l == INT64_MAX ? INT64_MAX : ls + len_l;
        int64_t a = s0 > ls ? s0 : ls, b = s0 + n < le ? s0 + n : le;
        if (a >= b)
            continue;
        if (!tmp && !(tmp = mr_eval_tmp_push(ev, 2 * (size_t)n)))
            return -1;
        int len = (int)(b - a);
        if ((ret = mr_clip_sound(l, a - ls, len, tmp, ev)) < 0)
            break;
        /* what is heard of it: [A, B) of the mix; a ramp where that starts or ends mid-signal
         * (the layer starts after the mix does, or before it and is cut at 0; it ends before
         * the mix does, or after it and is cut at its end) */
        int64_t A = ls > 0 ? ls : 0, B = le < end ? le : end;
        int rin = ls != 0 ? ramp : 0, rout = le != end && B != INT64_MAX ? ramp : 0;
        if (rin || rout)
            mr_declick_apply(tmp, a - A, len, B == INT64_MAX ? INT64_MAX : B - A, rin, rout);
        float *o = out + 2 * (a - s0);
        if (g == 1.0f)
            for (int k = 0; k < 2 * len; k++)
                o[k] += tmp[k];
        else
            for (int k = 0; k < 2 * len; k++)
                o[k] += g * tmp[k];
    }
    if (tmp)
        mr_eval_tmp_pop(ev);
    return ret;
}
