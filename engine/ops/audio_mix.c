/* audio_mix.c: audio_mix{a, b, c}: the sum of several clips' sound, without a picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "engine/ops/declick.h"
#include "engine/ops/sound_mix.h"

typedef struct mix_priv {
    mr_clip **clips;   /* owned references */
    float *gains;
    int n;
    int ramp;          /* declick.h */
} mix_priv;

static int mix_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const mix_priv *p = c->priv;
    return mr_sound_mix(p->clips, p->gains, p->n, mr_clip_samples(c), p->ramp, s0, n, out, ev);
}

static void mix_describe(const mr_clip *c, char *buf, size_t n)
{
    int k = ((const mix_priv *)c->priv)->n;
    snprintf(buf, n, "of %d sound%s", k, k == 1 ? "" : "s");
}

static void mix_destroy(mr_clip *c)
{
    mix_priv *p = c->priv;
    for (int i = 0; i < p->n; i++)
        mr_clip_unref(p->clips[i]);
    free(p->clips);
    free(p->gains);
}

static const mr_clip_ops mix_ops = {"audio_mix", NULL, mix_sound, mix_describe, mix_destroy};

mr_clip *mr_audio_mix_new(mr_clip *const *clips, int n, const float *volumes, mr_err *err)
{
    if (n < 1) {
        mr_err_set(err, "audio_mix: needs at least one clip");
        return NULL;
    }
    bool sound = false, bounded = false;
    double end = 0;
    for (int i = 0; i < n; i++) {
        if (volumes && !(volumes[i] >= 0 && volumes[i] <= 100)) {
            mr_err_set(err, "audio_mix: volume %d is %g, outside 0..100", i + 1, volumes[i]);
            return NULL;
        }
        if (!clips[i]->has_audio)
            continue;
        sound = true;
        if (!isinf(clips[i]->duration)) {
            end = fmax(end, clips[i]->start + clips[i]->duration);
            bounded = true;
        }
    }
    if (!sound) {
        mr_err_set(err, "audio_mix: none of the %d clip%s has sound", n, n == 1 ? "" : "s");
        return NULL;
    }
    if (bounded && !(end > 0)) {
        mr_err_set(err, "audio_mix: the clips end before time 0");
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&mix_ops, sizeof(mix_priv), NULL, err);
    if (!c)
        return NULL;
    mix_priv *p = c->priv;
    p->clips = calloc((size_t)n, sizeof *p->clips);
    p->gains = calloc((size_t)n, sizeof *p->gains);
    if (!p->clips || !p->gains) {
        mr_clip_unref(c);
        mr_err_set(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        p->clips[p->n] = mr_clip_ref(clips[i]);
        p->gains[p->n++] = volumes ? volumes[i] : 1.0f;
    }
    p->ramp = mr_declick_samples();
    c->duration = bounded ? end : INFINITY;
    c->has_audio = true;
    return c;
}
