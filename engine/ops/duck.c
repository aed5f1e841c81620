/* duck.c: music:duck(voice, {amount, attack, release, threshold}): the sound lowered by
 * `amount` dB while the voice sounds. The voice's level (RMS over 50 ms, read every 10 ms) above
 * `threshold` dBFS turns the ducking on; it moves in over `attack` seconds (starting that long
 * before the voice, so the music is down when the first word comes) and back out over
 * `release`. The gain is worked out once for the whole clip, when its sound is first asked
 * for (under the node's lock), and read linearly between its 10 ms steps. The voice's
 * :start() counts from this clip's start; the voice itself is not mixed in. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "engine/core/eval.h"
#include "engine/ops/op.h"
#include "engine/ops/sound_ramp.h"

#define WINDOW 5   /* steps of 10 ms in the level's window */

typedef struct duck_priv {
    mr_clip *voice;            /* owned reference */
    double amount, attack, release, threshold;
    pthread_mutex_t lock;
    float *gain;               /* one per 10 ms step, made under lock; NULL until then */
    int64_t steps;
} duck_priv;

/* The gains of every 10 ms step of c into p->gain. Returns 0, or -1 with ev->err set. */
static int duck_measure(const mr_clip *c, duck_priv *p, mr_eval *ev)
{
    int64_t steps = mr_clip_samples(c) / MR_SOUND_STEP + 2;
    int64_t off = llround(p->voice->start * MR_AUDIO_RATE);
    int64_t ahead = llround(p->attack * MR_AUDIO_RATE / MR_SOUND_STEP);
    float *env = malloc(sizeof(float) * (size_t)(steps + ahead + 1));
    float *gain = malloc(sizeof(float) * (size_t)steps);
    enum { RUN = 100 };
    float *buf = env && gain ? mr_eval_tmp_push(ev, 2 * RUN * MR_SOUND_STEP) : NULL;
    if (!buf) {
        free(env);
        free(gain);
        return env && gain ? -1 : mr_err_set(ev->err, "duck: out of memory");
    }
    double ms[WINDOW] = {0}, on = 0, up = 0.01 / fmax(p->attack, 1e-9), down = 0.01 / fmax(p->release, 1e-9);
    double gate = pow(10, p->threshold / 10); /* the threshold as a mean square */
    int r = 0;
    env[0] = 0;
    for (int64_t b = 0; b < steps + ahead && r == 0; b += RUN) {
        if (ev->cancel && *ev->cancel) {
            r = mr_err_set(ev->err, "interrupted");
            break;
        }
        if (mr_clip_sound(p->voice, b * MR_SOUND_STEP - off, RUN * MR_SOUND_STEP, buf, ev) < 0) {
            r = -1;
            break;
        }
        for (int k = 0; k < RUN && b + k < steps + ahead; k++) {
            double sum = 0;
            for (int i = 0; i < 2 * MR_SOUND_STEP; i++)
                sum += (double)buf[2 * k * MR_SOUND_STEP + i] * buf[2 * k * MR_SOUND_STEP + i];
            ms[(b + k) % WINDOW] = sum / (2 * MR_SOUND_STEP);
            double level = 0;
            for (int w = 0; w < WINDOW; w++)
                level += ms[w] / WINDOW;
            on = level > gate ? fmin(1, on + up) : fmax(0, on - down);
            env[b + k + 1] = (float)on;
        }
    }
    mr_eval_tmp_pop(ev);
    if (r == 0) {
        /* looking ahead by the attack: step s takes the envelope `ahead` steps later */
        for (int64_t s = 0; s < steps; s++)
            gain[s] = (float)pow(10, -p->amount * env[s + ahead] / 20);
        p->gain = gain;
        p->steps = steps;
    } else {
        free(gain);
    }
    free(env);
    return r;
}

static int duck_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    duck_priv *p = c->priv; /* the gains are made once under the lock, then only read */
    pthread_mutex_lock(&p->lock);
    int r = p->gain ? 0 : duck_measure(c, p, ev);
    pthread_mutex_unlock(&p->lock);
    if (r < 0 || mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        int64_t s = s0 + i, b = s / MR_SOUND_STEP;
        if (b + 1 >= p->steps)
            b = p->steps - 2;
        double f = (double)(s - b * MR_SOUND_STEP) / MR_SOUND_STEP;
        float g = (float)(p->gain[b] + (p->gain[b + 1] - p->gain[b]) * f);
        out[2 * i] *= g;
        out[2 * i + 1] *= g;
    }
    return 0;
}

static void duck_describe(const mr_clip *c, char *buf, size_t n)
{
    const duck_priv *p = c->priv;
    snprintf(buf, n, "-%g dB", p->amount);
}

static void duck_destroy(mr_clip *c)
{
    duck_priv *p = c->priv;
    mr_clip_unref(p->voice);
    free(p->gain);
    pthread_mutex_destroy(&p->lock);
}

static const mr_clip_ops duck_ops = {"duck", mr_pass_picture, duck_sound, duck_describe, duck_destroy};

/* The registry's maker: NULL with err set (a clip without an end, a voice without sound). */
static mr_clip *make_duck(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (isinf(in->duration)) {
        mr_err_set(err, "duck: the clip has no end; give it one with :dur()");
        return NULL;
    }
    if (!a[0].clip->has_audio) {
        mr_err_set(err, "duck: the voice clip has no sound");
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&duck_ops, sizeof(duck_priv), in, err);
    if (!n)
        return NULL;
    duck_priv *p = n->priv;
    p->voice = mr_clip_ref(a[0].clip);
    p->amount = a[1].num;
    p->attack = a[2].num;
    p->release = a[3].num;
    p->threshold = a[4].num;
    pthread_mutex_init(&p->lock, NULL);
    return n;
}

static const mr_param_desc duck_params[] = {
    {"voice", MR_P_CLIP, false, false, 0, 0, 0, NULL, "the clip whose sound lowers this one (its :start() counts "
     "from this clip's start; it is not mixed in)"},
    {"amount", MR_P_NUMBER, true, false, 0, 60, 12, NULL, "how far down while the voice sounds, in dB"},
    {"attack", MR_P_TIME, true, false, 0, 10, 0.1, NULL, "seconds to go down, ending as the voice starts"},
    {"release", MR_P_TIME, true, false, 0, 10, 0.5, NULL, "seconds to come back up after the voice stops"},
    {"threshold", MR_P_NUMBER, true, false, -90, 0, -40, NULL, "the voice's level (RMS over 50 ms, dBFS) that "
     "counts as sounding"},
};

const mr_op mr_op_duck = {"duck", "the sound lowered by `amount` dB while the voice clip sounds (sidechain "
                          "ducking, from the voice's level)",
                          "local bed = music:duck(voice, {amount = 12, attack = 0.1, release = 0.5})", duck_params,
                          5, NULL, make_duck};
