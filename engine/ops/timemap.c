/* timemap.c: nodes that change when things happen: sub, speed, loop, dur, start. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/ops/declick.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/core/timefmt.h"
#include "engine/ops/speed_ramp.h"
#include "engine/ops/sound_stretch.h"

/* t_in = offset + scale * (period > 0 ? t mod period : t) */
typedef struct timemap_priv {
    double offset, scale, period;
    mr_curve *pos_curve;   /* the input's moving place seen through this map (owned), or NULL */
    int rin, rout;         /* sub, dur: samples of the ramps where the sound is cut mid-signal (declick.h) */
} timemap_priv;

static double map_time(const timemap_priv *p, double t)
{
    if (p->period > 0) {
        t = fmod(t + MR_TIME_EPS, p->period) - MR_TIME_EPS;
        if (t < 0)
            t = 0;
    }
    return p->offset + p->scale * t;
}

static int timemap_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    return mr_clip_picture(c->input, map_time(c->priv, t), ev, out);
}

/* Sound of a shift and/or loop (scale 1): copied in runs between loop boundaries. */
static int shifted_sound(const mr_clip *c, const timemap_priv *p, int64_t s0, int n, float *out, mr_eval *ev)
{
    int64_t off = llround(p->offset * MR_AUDIO_RATE);
    int64_t period = p->period > 0 ? llround(p->period * MR_AUDIO_RATE) : 0;
    while (n > 0) {
        int64_t s = period ? s0 % period : s0;
        int run = period && period - s < n ? (int)(period - s) : n;
        if (mr_clip_sound(c->input, off + s, run, out, ev) < 0)
            return -1;
        s0 += run;
        out += 2 * run;
        n -= run;
    }
    return 0;
}

/* Sound played at another speed: linear interpolation between input samples (so the pitch
 * changes with the speed, as on tape). */
static int scaled_sound(const mr_clip *c, const timemap_priv *p, int64_t s0, int n, float *out, mr_eval *ev)
{
    double off = p->offset * MR_AUDIO_RATE;
    double x0 = off + s0 * p->scale, x1 = off + (s0 + n - 1) * p->scale;
    int64_t a = (int64_t)floor(x0), b = (int64_t)floor(x1) + 2;
    size_t nin = (size_t)(b - a);
    float *in = mr_eval_tmp_push(ev, 2 * nin);
    if (!in)
        return -1;
    int r = mr_clip_sound(c->input, a, (int)nin, in, ev);
    for (int i = 0; r == 0 && i < n; i++) {
        double x = off + (s0 + i) * p->scale - a;
        int64_t k = (int64_t)floor(x);
        float f = (float)(x - k);
        if (k + 1 >= (int64_t)nin)
            k = nin - 2;
        out[2 * i] = in[2 * k] + f * (in[2 * k + 2] - in[2 * k]);
        out[2 * i + 1] = in[2 * k + 1] + f * (in[2 * k + 3] - in[2 * k + 1]);
    }
    mr_eval_tmp_pop(ev);
    return r;
}

static int timemap_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const timemap_priv *p = c->priv;
    int r = p->scale == 1 ? shifted_sound(c, p, s0, n, out, ev) : scaled_sound(c, p, s0, n, out, ev);
    if (r == 0 && (p->rin || p->rout))
        mr_declick_apply(out, s0, n, mr_clip_samples(c), p->rin, p->rout);
    return r;
}

/* dur: the input's sound, ramped out where it is cut short. */
static int dur_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const timemap_priv *p = c->priv;
    if (mr_pass_sound(c, s0, n, out, ev) < 0)
        return -1;
    if (p->rout)
        mr_declick_apply(out, s0, n, mr_clip_samples(c), 0, p->rout);
    return 0;
}

static void sub_describe(const mr_clip *c, char *buf, size_t n)
{
    char a[32];
    mr_time_format(((const timemap_priv *)c->priv)->offset, a, sizeof a);
    snprintf(buf, n, "from %s", a);
}

static void speed_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "x%g", ((const timemap_priv *)c->priv)->scale);
}

static void timemap_destroy(mr_clip *c)
{
    mr_curve_unref(((timemap_priv *)c->priv)->pos_curve);
}

static const mr_clip_ops sub_ops = {"sub", timemap_picture, timemap_sound, sub_describe, timemap_destroy};
static const mr_clip_ops speed_ops = {"speed", timemap_picture, timemap_sound, speed_describe, timemap_destroy};
static const mr_clip_ops loop_ops = {"loop", timemap_picture, timemap_sound, NULL, timemap_destroy};
static const mr_clip_ops dur_ops = {"dur", mr_pass_picture, dur_sound, NULL, timemap_destroy};
static const mr_clip_ops start_ops = {"start", mr_pass_picture, mr_pass_sound, NULL, timemap_destroy};

/* A time map node over in. A place that moves with the input's time is moved with it: its
 * curve seen through the map. NULL with err set. */
static mr_clip *timemap_new(const mr_clip_ops *ops, mr_clip *in, timemap_priv p, double duration, mr_err *err)
{
    p.pos_curve = NULL;
    bool maps = p.offset != 0 || p.scale != 1 || p.period > 0;
    if (maps && in->pos.curve && !(p.pos_curve = mr_curve_timemap((mr_curve *)in->pos.curve, p.offset, p.scale,
                                                                  p.period, err)))
        return NULL;
    mr_clip *c = mr_clip_alloc(ops, sizeof p, in, err);
    if (!c) {
        mr_curve_unref(p.pos_curve);
        return NULL;
    }
    *(timemap_priv *)c->priv = p;
    c->duration = duration;
    if (p.pos_curve)
        c->pos.curve = p.pos_curve;
    return c;
}

mr_clip *mr_clip_sub(mr_clip *c, double t0, double t1, mr_err *err)
{
    double d = c->duration;
    char dd[32];
    mr_time_format(d, dd, sizeof dd);
    if ((t0 < 0 || t1 < 0) && isinf(d)) {
        mr_err_set(err, "sub: negative times count from the end, and this clip has no end");
        return NULL;
    }
    if (t0 < 0)
        t0 += d;
    if (isnan(t1))
        t1 = d;
    else if (t1 < 0)
        t1 += d;
    if (t0 < 0 || t0 >= d - MR_TIME_EPS) {
        mr_err_set(err, "sub: start %.3f s is outside the clip (0 to %s)", t0, dd);
        return NULL;
    }
    if (t1 > d + MR_TIME_EPS) {
        mr_err_set(err, "sub: end %.3f s is past the end of the clip (%s)", t1, dd);
        return NULL;
    }
    if (t1 <= t0) {
        mr_err_set(err, "sub: end %.3f s is not after start %.3f s", t1, t0);
        return NULL;
    }
    /* cut inside the sound: ramps (declick.h) */
    int ramp = c->has_audio ? mr_declick_samples() : 0;
    timemap_priv p = {t0, 1, 0, .rin = t0 > MR_TIME_EPS ? ramp : 0, .rout = t1 < d - MR_TIME_EPS ? ramp : 0};
    return timemap_new(&sub_ops, c, p, fmin(t1, d) - t0, err);
}

mr_clip *mr_clip_speed(mr_clip *c, double k, mr_err *err)
{
    if (!(k > 0 && k <= 100)) {
        mr_err_set(err, "speed: factor %g is outside (0, 100]", k);
        return NULL;
    }
    return timemap_new(&speed_ops, c, (timemap_priv){0, k, 0}, c->duration / k, err);
}

mr_clip *mr_clip_loop(mr_clip *c, double n, mr_err *err)
{
    if (isinf(c->duration)) {
        mr_err_set(err, "loop: the clip has no end to loop at; give it one with :dur()");
        return NULL;
    }
    if (!(n > 0)) {
        mr_err_set(err, "loop: count %g must be positive", n);
        return NULL;
    }
    return timemap_new(&loop_ops, c, (timemap_priv){0, 1, c->duration}, c->duration * n, err);
}

mr_clip *mr_clip_dur(mr_clip *c, double d, mr_err *err)
{
    if (!(d > 0) || isinf(d)) {
        mr_err_set(err, "dur: duration %g s must be positive and finite", d);
        return NULL;
    }
    int ramp = c->has_audio && d < c->duration - MR_TIME_EPS ? mr_declick_samples() : 0; /* cut short */
    return timemap_new(&dur_ops, c, (timemap_priv){0, 1, 0, .rout = ramp}, d, err);
}

mr_clip *mr_clip_start_at(mr_clip *c, double t, mr_err *err)
{
    if (!isfinite(t)) {
        mr_err_set(err, "start: time must be finite");
        return NULL;
    }
    mr_clip *n = timemap_new(&start_ops, c, (timemap_priv){0, 1, 0}, c->duration, err);
    if (n)
        n->start = t;
    return n;
}

/* The registry's entries (op_table.c lists them). */

static mr_clip *make_sub(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_clip_sub(in, a[0].num, a[1].given ? a[1].num : NAN, err);
}

static mr_clip *make_start(mr_clip *in, const mr_arg *a, mr_err *err) { return mr_clip_start_at(in, a[0].num, err); }
static mr_clip *make_dur(mr_clip *in, const mr_arg *a, mr_err *err) { return mr_clip_dur(in, a[0].num, err); }
/* speed(k): a number (or a curve that never moves) plays at one speed, exactly; a moving
 * curve is a ramp (speed_ramp.c). */
static mr_clip *make_speed(mr_clip *in, const mr_arg *a, mr_err *err)
{
    bool keep = a[1].num != 0; /* keep_pitch: the sound time-stretched (sound_stretch.c) */
    double k = a[0].num;
    if (a[0].curve && !mr_curve_is_constant(a[0].curve)) {
        if (keep) {
            mr_err_set(err, "speed: keep_pitch needs one speed, not a ramp (a ramp's sound follows it in pitch)");
            return NULL;
        }
        return mr_clip_speed_ramp(in, a[0].curve, err);
    }
    if (a[0].curve) {
        double v[MR_CURVE_DIM];
        if (mr_curve_eval(a[0].curve, 0, v, err) < 0)
            return NULL;
        k = v[0];
    }
    return keep ? mr_clip_speed_keep_pitch(in, k, err) : mr_clip_speed(in, k, err);
}
static mr_clip *make_loop(mr_clip *in, const mr_arg *a, mr_err *err) { return mr_clip_loop(in, a[0].num, err); }

#define ANY_TIME -1e9, 1e9
static const mr_param_desc sub_params[] = {
    {"from", MR_P_TIME, false, false, ANY_TIME, 0, NULL, "where the part starts (negative: counted from the end)"},
    {"to", MR_P_TIME, true, false, ANY_TIME, NAN, NULL, "where it ends (negative: from the end; none: the clip's end)"},
};
static const mr_param_desc start_params[] = {
    {"t", MR_P_TIME, false, false, ANY_TIME, 0, NULL, "when the clip begins inside compose"},
};
static const mr_param_desc dur_params[] = {
    {"d", MR_P_TIME, false, false, 0, 1e9, 0, NULL, "the new length: cut, or lengthened holding the last frame"},
};
static const mr_param_desc speed_params[] = {
    {"k", MR_P_NUMBER, false, true, 0, 100, 0, NULL,
     "how many times faster (0.5: half speed); a curve of the new clip's time ramps it (0 to 100 where it is read: "
     "the clip's time is its integral, and the duration where that reaches the clip's end)"},
    {"keep_pitch", MR_P_BOOL, true, false, 0, 1, 0, NULL,
     "the sound time-stretched by Rubber Band so its pitch stays (one speed, 0.1 to 10, not a ramp)"},
};
static const mr_param_desc loop_params[] = {
    {"n", MR_P_NUMBER, true, false, 0, INFINITY, INFINITY, NULL, "how many times (fractions end part way); none: forever"},
};

const mr_op mr_op_sub = {"sub", "the part of the clip from `from` to `to`, frame-exact",
                         "local part = clip:sub(2, 4.5)", sub_params, 2, NULL, make_sub};
const mr_op mr_op_start = {"start", "when the clip begins inside a compose", "local late = title:start(2)",
                           start_params, 1, NULL, make_start};
const mr_op mr_op_dur = {"dur", "the clip cut to, or lengthened to, d seconds (the last frame held)",
                         "local card = image(\"logo.png\"):dur(3)", dur_params, 1, NULL, make_dur};
const mr_op mr_op_speed = {"speed",
                           "played k times as fast, or at a speed that moves (a ramp), the sound too (its pitch "
                           "changes with it, unless keep_pitch)",
                           "local slow = clip:speed(0.5)", speed_params, 2, NULL, make_speed};
const mr_op mr_op_loop = {"loop", "played n times in a row", "local twice = clip:loop(2)", loop_params, 1, NULL,
                          make_loop};
