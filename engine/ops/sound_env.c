/* sound_env.c: envelopes and placement of a clip's sound: volume_at (a volume over a range,
 * ramped at its edges), pan (constant power), audio_fadein / audio_fadeout (shaped by an
 * easing) and delay. The picture passes through untouched. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/ops/op.h"
#include "engine/ops/param.h"
#include "engine/ops/sound_ramp.h"

/* ---- volume_at ---- */

typedef struct range_priv {
    double t0, t1, v, ramp;   /* the ramp: seconds at each edge, inside [t0, t1] */
} range_priv;

/* The gain at clip time t: 1 outside [t0, t1], v inside, a raised cosine over the ramps. */
static double range_gain(const range_priv *p, double t)
{
    if (t <= p->t0 || t >= p->t1)
        return 1;
    double x = 1;
    if (p->ramp > 0 && t < p->t0 + p->ramp)
        x = (t - p->t0) / p->ramp;
    else if (p->ramp > 0 && t > p->t1 - p->ramp)
        x = (p->t1 - t) / p->ramp;
    double w = x >= 1 ? 1 : 0.5 - 0.5 * cos(M_PI * x);
    return 1 + (p->v - 1) * w;
}

static int range_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const range_priv *p = c->priv;
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    int64_t a = (int64_t)floor(p->t0 * MR_AUDIO_RATE);
    int64_t b = isinf(p->t1) ? INT64_MAX : (int64_t)ceil(p->t1 * MR_AUDIO_RATE);
    for (int i = 0; i < n; i++) {
        int64_t s = s0 + i;
        if (s < a || s > b)
            continue;
        float g = (float)range_gain(p, (double)s / MR_AUDIO_RATE);
        out[2 * i] *= g;
        out[2 * i + 1] *= g;
    }
    return 0;
}

static void range_describe(const mr_clip *c, char *buf, size_t n)
{
    const range_priv *p = c->priv;
    snprintf(buf, n, "x%g from %g s to %g s", p->v, p->t0, p->t1);
}

/* ---- pan ---- */

typedef struct pan_priv {
    mr_param x;   /* -1 (left) .. 1 (right) */
} pan_priv;

/* The mid (L+R)/2 is placed by the constant-power law (sqrt 2 cos, sqrt 2 sin of (x+1) pi/4:
 * unchanged at 0, +3 dB on the hard side, the other side silent); the side (L-R)/2 narrows
 * by cos(|x| pi/2), so a hard pan is the mid alone on one side. */
static int pan_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const pan_priv *p = c->priv;
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    float *xs = mr_eval_tmp_push(ev, (size_t)n);
    if (!xs)
        return -1;
    if (mr_sound_param_fill(&p->x, s0, n, -1, 1, xs, ev->err) < 0) {
        mr_eval_tmp_pop(ev);
        return -1;
    }
    double last = NAN, gl = 1, gr = 1, gs = 1;
    for (int i = 0; i < n; i++) {
        if (xs[i] != last) {
            last = xs[i];
            double th = (last + 1) * M_PI / 4;
            gl = M_SQRT2 * cos(th);
            gr = M_SQRT2 * sin(th);
            gs = cos(fabs(last) * M_PI / 2);
        }
        double m = 0.5 * ((double)out[2 * i] + out[2 * i + 1]), sd = 0.5 * ((double)out[2 * i] - out[2 * i + 1]);
        out[2 * i] = (float)(gl * m + gs * sd);
        out[2 * i + 1] = (float)(gr * m - gs * sd);
    }
    mr_eval_tmp_pop(ev);
    return 0;
}

static void pan_describe(const mr_clip *c, char *buf, size_t n)
{
    const pan_priv *p = c->priv;
    if (p->x.curve)
        snprintf(buf, n, "moving");
    else
        snprintf(buf, n, "%g", p->x.v);
}

static void pan_destroy(mr_clip *c)
{
    mr_param_release(&((pan_priv *)c->priv)->x);
}

/* ---- audio_fadein / audio_fadeout ---- */

typedef struct afade_priv {
    double d;
    bool out;
    mr_ease ease;
} afade_priv;

static int afade_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const afade_priv *p = c->priv;
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    double end = (double)mr_clip_samples(c) / MR_AUDIO_RATE;
    for (int i = 0; i < n; i++) {
        double t = (double)(s0 + i) / MR_AUDIO_RATE;
        double x = p->out ? (end - t) / p->d : t / p->d;
        if (x >= 1)
            continue;
        float g = (float)mr_ease_apply(&p->ease, x < 0 ? 0 : x);
        out[2 * i] *= g;
        out[2 * i + 1] *= g;
    }
    return 0;
}

static void afade_describe(const mr_clip *c, char *buf, size_t n)
{
    const afade_priv *p = c->priv;
    char e[64];
    mr_ease_describe(&p->ease, e, sizeof e);
    snprintf(buf, n, "%g s %s", p->d, e);
}

/* ---- delay ---- */

typedef struct delay_priv {
    int64_t by;   /* samples later (negative: earlier) */
} delay_priv;

static int delay_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    return mr_clip_sound(c->input, s0 - ((const delay_priv *)c->priv)->by, n, out, ev);
}

static void delay_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "%g s", (double)((const delay_priv *)c->priv)->by / MR_AUDIO_RATE);
}

static const mr_clip_ops range_ops = {"volume_at", mr_pass_picture, range_sound, range_describe, NULL};
static const mr_clip_ops pan_ops = {"pan", mr_pass_picture, pan_sound, pan_describe, pan_destroy};
static const mr_clip_ops afadein_ops = {"audio_fadein", mr_pass_picture, afade_sound, afade_describe, NULL};
static const mr_clip_ops afadeout_ops = {"audio_fadeout", mr_pass_picture, afade_sound, afade_describe, NULL};
static const mr_clip_ops delay_ops = {"delay", mr_pass_picture, delay_sound, delay_describe, NULL};

/* The fade shapes: easings (ease.h), the gain against the fade's progress (out_sine: equal power). */
#define FADE_SHAPES "linear|in_sine|out_sine|in_out_sine|in_cubic|out_cubic|in_expo|out_expo"

/* The easing named by the index-th choice of FADE_SHAPES into *e. Returns 0 or -1. */
static int ease_by_index(int index, mr_ease *e, mr_err *err)
{
    const char *s = FADE_SHAPES;
    for (int i = 0; i < index && s; i++)
        if ((s = strchr(s, '|')))
            s++;
    char name[32] = "linear";
    if (s)
        snprintf(name, sizeof name, "%.*s", (int)strcspn(s, "|"), s);
    return mr_ease_parse(name, e, err);
}

/* The registry's makers: NULL with err set when the clip does not fit. */

static mr_clip *make_volume_at(mr_clip *in, const mr_arg *a, mr_err *err)
{
    double t0 = a[0].num, t1 = a[1].given ? a[1].num : in->duration;
    if (!(t1 > t0)) {
        mr_err_set(err, "volume_at: end %g s is not after start %g s", t1, t0);
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&range_ops, sizeof(range_priv), in, err);
    if (n)
        *(range_priv *)n->priv = (range_priv){t0, t1, a[2].num, fmin(a[3].num, (t1 - t0) / 2)};
    return n;
}

static mr_clip *make_pan(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *n = mr_clip_alloc(&pan_ops, sizeof(pan_priv), in, err);
    if (n)
        ((pan_priv *)n->priv)->x = mr_param_make(a[0].num, a[0].curve);
    return n;
}

static mr_clip *afade_new(const mr_clip_ops *ops, mr_clip *in, const mr_arg *a, bool out, mr_err *err)
{
    if (!(a[0].num > 0)) {
        mr_err_set(err, "%s: length %g s must be positive", ops->kind, a[0].num);
        return NULL;
    }
    if (out && isinf(in->duration)) {
        mr_err_set(err, "audio_fadeout: the clip has no end to fade out at; give it one with :dur()");
        return NULL;
    }
    afade_priv p = {a[0].num, out, {0}};
    if (ease_by_index((int)a[1].num, &p.ease, err) < 0)
        return NULL;
    mr_clip *n = mr_clip_alloc(ops, sizeof p, in, err);
    if (n)
        *(afade_priv *)n->priv = p;
    return n;
}

static mr_clip *make_afadein(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return afade_new(&afadein_ops, in, a, false, err);
}

static mr_clip *make_afadeout(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return afade_new(&afadeout_ops, in, a, true, err);
}

static mr_clip *make_delay(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *n = mr_clip_alloc(&delay_ops, sizeof(delay_priv), in, err);
    if (n)
        ((delay_priv *)n->priv)->by = llround(a[0].num * MR_AUDIO_RATE);
    return n;
}

static const mr_param_desc volume_at_params[] = {
    {"from", MR_P_TIME, false, false, 0, 1e9, 0, NULL, "where the range starts"},
    {"to", MR_P_TIME, true, false, 0, 1e9, NAN, NULL, "where it ends (none: the clip's end)"},
    {"v", MR_P_NUMBER, false, false, 0, 100, 1, NULL, "the sound times v inside the range"},
    {"ramp", MR_P_TIME, true, false, 0, 10, 0.01, NULL,
     "the raised-cosine ramp at each edge, inside the range, so the change never clicks (0: none)"},
};
static const mr_param_desc pan_params[] = {
    {"x", MR_P_NUMBER, false, true, -1, 1, 0, NULL,
     "-1 (left) .. 0 (unchanged) .. 1 (right): constant power, the hard side +3 dB and the other silent"},
};
static const mr_param_desc afade_params[] = {
    {"d", MR_P_TIME, false, false, 0, 1e9, 0, NULL, "the fade's length"},
    {"shape", MR_P_ENUM, true, false, 0, 0, 0, FADE_SHAPES,
     "the gain against the fade's progress, an easing (out_sine: equal power); a fade-out is the same curve backwards"},
};
static const mr_param_desc delay_params[] = {
    {"s", MR_P_TIME, false, false, -1e9, 1e9, 0, NULL, "seconds later (negative: earlier); the end is cut"},
};

const mr_op mr_op_volume_at = {"volume_at",
                               "the sound times v between `from` and `to` (MoviePy's range form), ramped over 10 ms "
                               "at each edge so it never clicks",
                               "local hushed = clip:volume_at(2, 4.5, 0.2)", volume_at_params, 4, NULL,
                               make_volume_at};
const mr_op mr_op_pan = {"pan",
                         "the sound placed left or right (constant power: the mid (L+R)/2 panned, the stereo width "
                         "narrowing towards a hard side)",
                         "local left = guitar:pan(-0.6)", pan_params, 1, NULL, make_pan};
const mr_op mr_op_audio_fadein = {"audio_fadein", "the sound alone fades in over the first d seconds (the picture "
                                  "stays), its gain following `shape`",
                                  "local music = song:audio_fadein(2, \"in_sine\")", afade_params, 2, NULL,
                                  make_afadein};
const mr_op mr_op_audio_fadeout = {"audio_fadeout", "the sound alone fades out over the last d seconds (the "
                                   "picture stays); needs a clip with an end",
                                   "local music = song:audio_fadeout(3, \"out_sine\")", afade_params, 2, NULL,
                                   make_afadeout};
const mr_op mr_op_delay = {"delay", "the sound s seconds later (silence before it, its end cut), the picture "
                           "unchanged",
                           "local synced = clip:delay(0.12)", delay_params, 1, NULL, make_delay};
