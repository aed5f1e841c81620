/* sound_fx.c: nodes that change the sound: volume, mute, with_audio. */
#include <math.h>
#include <stdio.h>
#include "engine/eval.h"
#include "engine/ops.h"

typedef struct volume_priv {
    double gain;
} volume_priv;

static int volume_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    float g = (float)((const volume_priv *)c->priv)->gain;
    for (int i = 0; i < 2 * n; i++)
        out[i] *= g;
    return 0;
}

static void volume_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "x%g", ((const volume_priv *)c->priv)->gain);
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

static const mr_clip_ops volume_ops = {"volume", mr_pass_picture, volume_sound, volume_describe, NULL};
static const mr_clip_ops mute_ops = {"mute", mr_pass_picture, NULL, NULL, NULL};
static const mr_clip_ops with_audio_ops = {"with_audio", mr_pass_picture, with_audio_sound, NULL, with_audio_destroy};

mr_clip *mr_clip_volume(mr_clip *c, double v, mr_err *err)
{
    if (!(v >= 0 && v <= 100)) {
        mr_err_set(err, "volume: %g is outside 0..100", v);
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&volume_ops, sizeof(volume_priv), c, err);
    if (n)
        ((volume_priv *)n->priv)->gain = v;
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
