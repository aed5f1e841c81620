/* scripted_sound.c: sound(fn): a clip whose samples a callback makes, in blocks. */
#include "engine/sources/scripted_sound.h"

#include <math.h>
#include "engine/core/eval.h"

typedef struct sound_fn_priv {
    mr_sound_fn fn;
    void *ud;
    void (*release)(void *ud);
} sound_fn_priv;

static int fn_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const sound_fn_priv *p = c->priv;
    while (n > 0) {
        int k = n < MR_SOUND_BLOCK ? n : MR_SOUND_BLOCK;
        if (p->fn(p->ud, (double)s0 / MR_AUDIO_RATE, s0, k, out, ev->err) < 0)
            return -1;
        s0 += k;
        out += 2 * k;
        n -= k;
    }
    return 0;
}

static void fn_destroy(mr_clip *c)
{
    sound_fn_priv *p = c->priv;
    if (p->release)
        p->release(p->ud);
}

static const mr_clip_ops sound_fn_ops = {"sound", NULL, fn_sound, NULL, fn_destroy};

mr_clip *mr_sound_fn_new(double duration, mr_sound_fn fn, void *ud, void (*release)(void *ud), mr_err *err)
{
    if (!(duration > 0)) {
        mr_err_set(err, "sound: duration %g s must be positive", duration);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&sound_fn_ops, sizeof(sound_fn_priv), NULL, err);
    if (!c)
        return NULL;
    *(sound_fn_priv *)c->priv = (sound_fn_priv){fn, ud, release};
    c->duration = duration;
    c->has_audio = true;
    return c;
}
