/* concat_sound.c: a concat's sound: each clip's in its span, and at a cut with a transition
 * the two crossfaded on an equal-power curve (cos, sin: the loudness stays even when the two
 * are unrelated), over the part of the overlap the cut's `audio` says. At a hard cut (no
 * crossfade) the clip before ramps out and the one after ramps in (declick.h). */
#include <math.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/ops/concat_node.h"
#include "engine/ops/declick.h"

/* The gain of a clip fading in (in = true) or out over the window [w0, w1) at sample s. */
static float gain(int64_t s, int64_t w0, int64_t w1, bool in)
{
    if (s < w0)
        return in ? 0.0f : 1.0f;
    if (s >= w1)
        return in ? 1.0f : 0.0f;
    double x = ((double)(s - w0) + 0.5) / (double)(w1 - w0) * (M_PI / 2);
    return (float)(in ? sin(x) : cos(x));
}

int mr_concat_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const concat_priv *p = c->priv;
    memset(out, 0, sizeof(float) * 2 * n);
    float *tmp = NULL;
    int ret = 0;
    for (int i = 0; i < p->n && ret == 0; i++) {
        const mr_clip *k = p->clips[i];
        if (!k->has_audio)
            continue;
        int64_t a0 = llround(p->begin[i] * MR_AUDIO_RATE), a1 = llround(p->end[i] * MR_AUDIO_RATE);
        const concat_cut *before = i > 0 ? &p->cuts[i - 1] : NULL, *after = i + 1 < p->n ? &p->cuts[i] : NULL;
        /* silent before the crossfade that brings it in and after the one that takes it out */
        int64_t lo = before && before->w0 > a0 ? before->w0 : a0, hi = after && after->w1 < a1 ? after->w1 : a1;
        int64_t a = s0 > lo ? s0 : lo, b = s0 + n < hi ? s0 + n : hi;
        if (a >= b)
            continue;
        if (!tmp && !(tmp = mr_eval_tmp_push(ev, 2 * (size_t)n)))
            return -1;
        int len = (int)(b - a);
        if ((ret = mr_clip_sound(k, a - a0, len, tmp, ev)) < 0)
            break;
        float *o = out + 2 * (a - s0);
        int rin = before && before->w0 == before->w1 ? p->ramp : 0, rout = after && after->w0 == after->w1 ? p->ramp : 0;
        for (int j = 0; j < len; j++) {
            int64_t s = a + j;
            float g = rin || rout ? mr_declick_gain(s - lo, hi - lo, rin, rout) : 1.0f; /* heard in [lo, hi) */
            if (before && s < before->w1)
                g *= gain(s, before->w0, before->w1, true);
            if (after && s >= after->w0)
                g *= gain(s, after->w0, after->w1, false);
            o[2 * j] += tmp[2 * j] * g;
            o[2 * j + 1] += tmp[2 * j + 1] * g;
        }
    }
    if (tmp)
        mr_eval_tmp_pop(ev);
    return ret;
}
