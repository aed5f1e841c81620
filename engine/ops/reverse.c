/* reverse.c: clips played backwards: reverse() (the picture and the sound), and
 * time_symmetrize() (forwards, then backwards: a boomerang). Nothing is held: each picture is
 * asked of the input at its mirrored time (a video's reader seeks), each run of sound read
 * and turned around. */
#include <stdio.h>
#include <stdlib.h>
#include "engine/ops/op.h"
#include "engine/ops/time_fx.h"
#include "engine/ops/time_pos.h"

typedef struct reverse_priv {
    double d;               /* the input's duration */
    mr_rational fps;        /* the input's rate; {0, 1}: none, times are mirrored as they are */
    int64_t frames;         /* the input's frames at that rate */
    int64_t samples;        /* the input's samples */
    bool boomerang;         /* time_symmetrize: forwards first, then backwards */
    mr_curve *pos_curve;    /* the input's moving place through the map (owned), or NULL */
} reverse_priv;

/* What a place curve needs of the map (a copy: the curve may outlive the node). */
typedef struct mirror {
    double d;
    bool boomerang;
} mirror;

/* The input time shown at t of the reversed clip: the frame counted from the end (frame k
 * shows the input's frame frames - 1 - k, exactly on its start), or d - t without a rate. */
static double reversed_time(const reverse_priv *p, double t)
{
    if (!p->fps.num)
        return p->d - t; /* d itself: the input's last picture (mr_clip_picture holds it) */
    int64_t k = p->frames - 1 - mr_frame_at(t, p->fps);
    return mr_frame_time(k > 0 ? k : 0, p->fps);
}

/* The input time shown at t. */
static double input_time(const reverse_priv *p, double t)
{
    if (!p->boomerang)
        return reversed_time(p, t);
    if (t < p->d - MR_TIME_EPS)
        return t;
    return reversed_time(p, t - p->d > 0 ? t - p->d : 0);
}

static int reverse_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    return mr_clip_picture(c->input, input_time(c->priv, t), ev, out);
}

/* The input's samples [s0, s0 + n) counted from its end, into out: input samples
 * [S - s0 - n, S - s0) read, then turned around. Returns 0 or -1. */
static int reversed_sound(const mr_clip *in, int64_t S, int64_t s0, int n, float *out, mr_eval *ev)
{
    if (mr_clip_sound(in, S - s0 - n, n, out, ev) < 0)
        return -1;
    for (int i = 0, j = n - 1; i < j; i++, j--)
        for (int ch = 0; ch < 2; ch++) {
            float x = out[2 * i + ch];
            out[2 * i + ch] = out[2 * j + ch];
            out[2 * j + ch] = x;
        }
    return 0;
}

static int reverse_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const reverse_priv *p = c->priv;
    if (!p->boomerang)
        return reversed_sound(c->input, p->samples, s0, n, out, ev);
    int fwd = s0 >= p->samples ? 0 : s0 + n <= p->samples ? n : (int)(p->samples - s0);
    if (fwd > 0 && mr_clip_sound(c->input, s0, fwd, out, ev) < 0)
        return -1;
    if (fwd == n)
        return 0;
    return reversed_sound(c->input, p->samples, s0 + fwd - p->samples, n - fwd, out + 2 * fwd, ev);
}

static void reverse_destroy(mr_clip *c)
{
    mr_curve_unref(((reverse_priv *)c->priv)->pos_curve);
}

/* mr_time_pos_map: the place of the input's time (the mirror, without frames). */
static double mirror_time(const void *ud, double t)
{
    const mirror *m = ud;
    if (m->boomerang && t < m->d)
        return t;
    return m->boomerang ? 2 * m->d - t : m->d - t;
}

static const mr_clip_ops reverse_ops = {"reverse", reverse_picture, reverse_sound, NULL, reverse_destroy};
static const mr_clip_ops boomerang_ops = {"time_symmetrize", reverse_picture, reverse_sound, NULL,
                                          reverse_destroy};

/* The reversed (boomerang: forwards then backwards) in. NULL with err set. */
static mr_clip *reverse_new(mr_clip *in, bool boomerang, mr_err *err)
{
    const char *name = boomerang ? "time_symmetrize" : "reverse";
    if (isinf(in->duration))
        return mr_err_set(err, "%s: the clip has no end to play back from; give it one with :dur()", name), NULL;
    mirror *m = NULL;
    mr_curve *pos = NULL;
    if (in->pos.curve) {
        if (!(m = malloc(sizeof *m)))
            return mr_err_set(err, "out of memory"), NULL;
        *m = (mirror){in->duration, boomerang};
        if (!(pos = mr_time_pos_curve(in->pos.curve, mirror_time, m, free, err)))
            return NULL;
    }
    mr_clip *c = mr_clip_alloc(boomerang ? &boomerang_ops : &reverse_ops, sizeof(reverse_priv), in, err);
    if (!c) {
        mr_curve_unref(pos);
        return NULL;
    }
    reverse_priv *p = c->priv;
    p->d = in->duration;
    p->fps = in->fps;
    p->frames = in->fps.num ? mr_frame_count(in->duration, in->fps) : 0;
    p->samples = mr_clip_samples(in);
    p->boomerang = boomerang;
    p->pos_curve = pos;
    if (pos)
        c->pos.curve = pos;
    if (boomerang)
        c->duration = 2 * in->duration;
    return c;
}

static mr_clip *make_reverse(mr_clip *in, const mr_arg *a, mr_err *err)
{
    (void)a;
    return reverse_new(in, false, err);
}

static mr_clip *make_time_symmetrize(mr_clip *in, const mr_arg *a, mr_err *err)
{
    (void)a;
    return reverse_new(in, true, err);
}

const mr_op mr_op_reverse = {"reverse",
                             "played backwards, the sound too (its samples in reverse order); frame k shows the "
                             "clip's frame counted k from its end",
                             "local rewind = clip:sub(2, 5):reverse()", NULL, 0, NULL, make_reverse};
const mr_op mr_op_time_symmetrize = {"time_symmetrize",
                                     "played forwards, then backwards (a boomerang): twice as long, the sound "
                                     "forwards then reversed",
                                     "local boomerang = clip:sub(0, 1.5):time_symmetrize()", NULL, 0, NULL,
                                     make_time_symmetrize};
