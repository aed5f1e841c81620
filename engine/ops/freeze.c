/* freeze.c: a frame held: freeze(t, d) holds the picture at t for d seconds and plays the rest
 * d seconds later; freeze_last(d) holds the last picture d seconds past the end. The sound is
 * silent while the picture is held. */
#include <stdio.h>
#include <stdlib.h>
#include "engine/core/timefmt.h"
#include "engine/ops/op.h"
#include "engine/ops/time_fx.h"
#include "engine/ops/time_pos.h"

/* Output time u shows the input at u before t, the picture at `show` from t to t + d, and
 * the input at u - d after. */
typedef struct hold {
    double t, d, show;
} hold;

typedef struct freeze_priv {
    hold h;
    int64_t s_t, s_d;       /* t and d in samples */
    mr_curve *pos_curve;    /* the input's moving place through the hold (owned), or NULL */
} freeze_priv;

/* mr_time_pos_map, and the input time shown at u. */
static double held_time(const void *ud, double u)
{
    const hold *h = ud;
    if (u < h->t - MR_TIME_EPS)
        return u;
    if (u < h->t + h->d - MR_TIME_EPS)
        return h->show;
    return u - h->d;
}

static int freeze_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    return mr_clip_picture(c->input, held_time(&((const freeze_priv *)c->priv)->h, t), ev, out);
}

/* The input's sound before the hold, silence during it, the input's again (d later) after. */
static int freeze_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const freeze_priv *p = c->priv;
    int64_t a = p->s_t, b = p->s_t + p->s_d, end = s0 + n;
    int before = s0 >= a ? 0 : end <= a ? n : (int)(a - s0);
    if (before > 0 && mr_clip_sound(c->input, s0, before, out, ev) < 0)
        return -1;
    int64_t q = s0 + before; /* the first sample not yet written */
    int quiet = q >= b ? 0 : (int)((end < b ? end : b) - q);
    for (int i = 0; i < 2 * quiet; i++)
        out[2 * before + i] = 0;
    q += quiet;
    if (q < end && mr_clip_sound(c->input, q - p->s_d, (int)(end - q), out + 2 * (q - s0), ev) < 0)
        return -1;
    return 0;
}

static void freeze_describe(const mr_clip *c, char *buf, size_t n)
{
    const freeze_priv *p = c->priv;
    char a[32], b[32];
    mr_time_format(p->h.t, a, sizeof a);
    mr_time_format(p->h.d, b, sizeof b);
    snprintf(buf, n, "at %s for %s", a, b);
}

static void freeze_destroy(mr_clip *c)
{
    mr_curve_unref(((freeze_priv *)c->priv)->pos_curve);
}

static const mr_clip_ops freeze_ops = {"freeze", freeze_picture, freeze_sound, freeze_describe, freeze_destroy};
static const mr_clip_ops freeze_last_ops = {"freeze_last", freeze_picture, freeze_sound, freeze_describe,
                                            freeze_destroy};

/* The hold h over in, its sound's hold starting at sample s_t. NULL with err set. */
static mr_clip *freeze_new(const mr_clip_ops *ops, mr_clip *in, hold h, int64_t s_t, mr_err *err)
{
    mr_curve *pos = NULL;
    if (in->pos.curve) {
        hold *ud = malloc(sizeof *ud);
        if (!ud)
            return mr_err_set(err, "out of memory"), NULL;
        *ud = h;
        if (!(pos = mr_time_pos_curve(in->pos.curve, held_time, ud, free, err)))
            return NULL;
    }
    mr_clip *c = mr_clip_alloc(ops, sizeof(freeze_priv), in, err);
    if (!c) {
        mr_curve_unref(pos);
        return NULL;
    }
    freeze_priv *p = c->priv;
    *p = (freeze_priv){h, s_t, llround(h.d * MR_AUDIO_RATE), pos};
    if (pos)
        c->pos.curve = pos;
    c->duration = in->duration + h.d;
    return c;
}

/* freeze(t, d): t inside the clip, d > 0. NULL with err set. */
static mr_clip *make_freeze(mr_clip *in, const mr_arg *a, mr_err *err)
{
    double t = a[0].num, d = a[1].num, len = in->duration;
    char dd[32];
    mr_time_format(len, dd, sizeof dd);
    if (!(t >= 0 && t < len - MR_TIME_EPS))
        return mr_err_set(err, "freeze: t %g s is outside the clip (0 to %s)", t, dd), NULL;
    if (!(d > 0) || isinf(d))
        return mr_err_set(err, "freeze: the hold d must be a positive time, got %g s", d), NULL;
    return freeze_new(&freeze_ops, in, (hold){t, d, t}, llround(t * MR_AUDIO_RATE), err);
}

/* freeze_last(d): a clip with an end, d > 0. NULL with err set. */
static mr_clip *make_freeze_last(mr_clip *in, const mr_arg *a, mr_err *err)
{
    double d = a[0].num;
    if (isinf(in->duration))
        return mr_err_set(err, "freeze_last: the clip has no end, so no last frame; give it one with :dur()"), NULL;
    if (!(d > 0) || isinf(d))
        return mr_err_set(err, "freeze_last: the hold d must be a positive time, got %g s", d), NULL;
    hold h = {in->duration, d, mr_clip_last_t(in)};
    return freeze_new(&freeze_last_ops, in, h, mr_clip_samples(in), err);
}

static const mr_param_desc freeze_params[] = {
    {"t", MR_P_TIME, false, false, -1e9, 1e9, 0, NULL, "when: the picture shown at t is held (inside the clip)"},
    {"d", MR_P_TIME, false, false, -1e9, 1e9, 0, NULL, "for how long; what follows t plays d seconds later"},
};
static const mr_param_desc freeze_last_params[] = {
    {"d", MR_P_TIME, false, false, -1e9, 1e9, 0, NULL, "how long the last picture is held past the end"},
};

const mr_op mr_op_freeze = {"freeze",
                            "the picture at t held for d seconds, the rest played d seconds later (d longer in "
                            "all); the sound is silent while it is held",
                            "local beat = clip:freeze(2.5, 1)", freeze_params, 2, NULL, make_freeze};
const mr_op mr_op_freeze_last = {"freeze_last",
                                 "the last picture held d seconds past the end (silent while held)",
                                 "local outro = clip:freeze_last(2)", freeze_last_params, 1, NULL,
                                 make_freeze_last};
