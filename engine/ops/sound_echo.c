/* sound_echo.c: audio_echo(delay, decay): the sound repeated every `delay` seconds, each
 * repeat `decay` times the one before (a tapped delay line, as MoviePy's AudioDelay: a fixed
 * number of repeats, so any run of samples is made from its inputs alone). The clip keeps its
 * length: repeats past the end are cut. Named audio_echo because echo is the picture's trails
 * effect (trails.c). */
#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/ops/op.h"

typedef struct echo_priv {
    int64_t delay;   /* samples between repeats */
    double decay;    /* each repeat's gain relative to the one before */
    int repeats;
} echo_priv;

static int echo_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const echo_priv *p = c->priv;
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    float *tap = mr_eval_tmp_push(ev, 2 * (size_t)n);
    if (!tap)
        return -1;
    double g = 1;
    for (int k = 1; k <= p->repeats; k++) {
        g *= p->decay;
        int64_t from = s0 - k * p->delay;
        if (from + n <= 0) /* before the clip's start: silence, and so are the later repeats */
            break;
        if (mr_clip_sound(c->input, from, n, tap, ev) < 0) {
            mr_eval_tmp_pop(ev);
            return -1;
        }
        float gf = (float)g;
        for (int i = 0; i < 2 * n; i++)
            out[i] += gf * tap[i];
    }
    mr_eval_tmp_pop(ev);
    return 0;
}

static void echo_describe(const mr_clip *c, char *buf, size_t n)
{
    const echo_priv *p = c->priv;
    snprintf(buf, n, "%g s x%g, %d repeats", (double)p->delay / MR_AUDIO_RATE, p->decay, p->repeats);
}

static const mr_clip_ops echo_ops = {"audio_echo", mr_pass_picture, echo_sound, echo_describe, NULL};

/* The registry's maker: NULL with err set (a delay under one sample). */
static mr_clip *make_echo(mr_clip *in, const mr_arg *a, mr_err *err)
{
    int64_t d = llround(a[0].num * MR_AUDIO_RATE);
    if (d < 1) {
        mr_err_set(err, "audio_echo: delay %g s is shorter than one sample", a[0].num);
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&echo_ops, sizeof(echo_priv), in, err);
    if (n)
        *(echo_priv *)n->priv = (echo_priv){d, a[1].num, (int)a[2].num};
    return n;
}

static const mr_param_desc echo_params[] = {
    {"delay", MR_P_TIME, false, false, 0.001, 60, 0, NULL, "seconds between repeats"},
    {"decay", MR_P_NUMBER, true, false, 0, 1, 0.5, NULL, "each repeat's volume relative to the one before"},
    {"repeats", MR_P_INT, true, false, 1, 64, 8, NULL, "how many repeats (each costs one more read of the sound)"},
};

const mr_op mr_op_audio_echo = {"audio_echo",
                                "the sound repeated every `delay` seconds, each repeat `decay` times the one before "
                                "(the clip keeps its length); the picture's echo is clip:echo",
                                "local hall = voice:audio_echo(0.25, 0.4)", echo_params, 3, NULL, make_echo};
