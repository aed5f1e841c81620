/* sound_fx.c: nodes that change the sound: volume, mute, with_audio. */
#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/ops/param.h"

#define GAIN_STEP 480   /* a moving volume is read every 10 ms and ramped in between */

typedef struct volume_priv {
    mr_param gain;
} volume_priv;

/* The gain at sample s: the parameter at that time, kept inside 0..100. */
static int gain_at(const volume_priv *p, int64_t s, double *g, mr_err *err)
{
    if (mr_param_at(&p->gain, (double)s / MR_AUDIO_RATE, g, err) < 0)
        return -1;
    *g = *g < 0 ? 0 : *g > 100 ? 100 : *g;
    return 0;
}

static int volume_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const volume_priv *p = c->priv;
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    if (!p->gain.curve) {
        float g = (float)p->gain.v;
        for (int i = 0; i < 2 * n; i++)
            out[i] *= g;
        return 0;
    }
    /* a curve: read on a 10 ms grid of the clip's time, linear in between (no clicks) */
    int64_t s = s0 - s0 % GAIN_STEP;
    double g0, g1;
    if (gain_at(p, s, &g0, ev->err) < 0)
        return -1;
    for (; s < s0 + n; s += GAIN_STEP, g0 = g1) {
        if (gain_at(p, s + GAIN_STEP, &g1, ev->err) < 0)
            return -1;
        int64_t a = s > s0 ? s : s0, b = s + GAIN_STEP < s0 + n ? s + GAIN_STEP : s0 + n;
        for (int64_t i = a; i < b; i++) {
            float g = (float)(g0 + (g1 - g0) * (double)(i - s) / GAIN_STEP);
            out[2 * (i - s0)] *= g;
            out[2 * (i - s0) + 1] *= g;
        }
    }
    return 0;
}

static void volume_describe(const mr_clip *c, char *buf, size_t n)
{
    const volume_priv *p = c->priv;
    if (p->gain.curve)
        snprintf(buf, n, "moving");
    else
        snprintf(buf, n, "x%g", p->gain.v);
}

static void volume_destroy(mr_clip *c)
{
    mr_param_release(&((volume_priv *)c->priv)->gain);
}

typedef struct audio_priv {
    mr_clip *audio;
} audio_priv;

static int with_audio_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    return mr_clip_sound(((const audio_priv *)c->priv)->audio, s0, n, out, ev);
}

static void with_audio_destroy(mr_clip *c)
{
    mr_clip_unref(((audio_priv *)c->priv)->audio);
}

static const mr_clip_ops volume_ops = {"volume", mr_pass_picture, volume_sound, volume_describe, volume_destroy};
static const mr_clip_ops mute_ops = {"mute", mr_pass_picture, NULL, NULL, NULL};
static const mr_clip_ops with_audio_ops = {"with_audio", mr_pass_picture, with_audio_sound, NULL, with_audio_destroy};

mr_clip *mr_clip_volume(mr_clip *c, double v, mr_curve *curve, mr_err *err)
{
    if (!curve && !(v >= 0 && v <= 100)) {
        mr_err_set(err, "volume: %g is outside 0..100", v);
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&volume_ops, sizeof(volume_priv), c, err);
    if (n)
        ((volume_priv *)n->priv)->gain = mr_param_make(v, curve);
    return n;
}

mr_clip *mr_clip_mute(mr_clip *c, mr_err *err)
{
    mr_clip *n = mr_clip_alloc(&mute_ops, 0, c, err);
    if (n)
        n->has_audio = false;
    return n;
}

mr_clip *mr_clip_with_audio(mr_clip *c, mr_clip *audio, mr_err *err)
{
    if (!audio)
        return mr_clip_mute(c, err);
    if (!audio->has_audio) {
        mr_err_set(err, "with_audio: the clip given has no sound");
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&with_audio_ops, sizeof(audio_priv), c, err);
    if (n) {
        ((audio_priv *)n->priv)->audio = mr_clip_ref(audio);
        n->has_audio = true;
    }
    return n;
}

/* The registry's entries (op_table.c lists them). */

static mr_clip *make_volume(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_clip_volume(in, a[0].num, a[0].curve, err);
}

static mr_clip *make_mute(mr_clip *in, const mr_arg *a, mr_err *err)
{
    (void)a;
    return mr_clip_mute(in, err);
}

static mr_clip *make_with_audio(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_clip_with_audio(in, a[0].clip, err);
}

static const mr_param_desc volume_params[] = {
    {"v", MR_P_NUMBER, false, true, 0, 100, 0, NULL, "the sound times v (a curve: read every 10 ms, ramped between)"},
};
static const mr_param_desc with_audio_params[] = {
    {"audio", MR_P_CLIP, true, false, 0, 0, 0, NULL, "the clip whose sound to take; nil: none"},
};

const mr_op mr_op_volume = {"volume", "the sound louder or softer", "local voice = clip:volume(1.5)",
                            volume_params, 1, NULL, make_volume};
const mr_op mr_op_mute = {"mute", "no sound", "local broll = video(\"city.mp4\"):mute()", NULL, 0, NULL, make_mute};
const mr_op mr_op_with_audio = {"with_audio", "the sound of another clip instead, for as long as the picture lasts",
                                "local scored = slideshow:with_audio(audio(\"music.mp3\"))", with_audio_params, 1,
                                NULL, make_with_audio};
