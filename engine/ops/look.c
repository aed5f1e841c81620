/* look.c: nodes that change how the picture looks: opacity and fades (with their sound). */
#include <math.h>
#include <stdio.h>
#include "engine/kernels/kernels.h"
#include "engine/core/eval.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/ops/param.h"

typedef struct opacity_priv {
    mr_param amount;   /* 0..1 (a curve's values are kept inside) */
} opacity_priv;

typedef struct look_priv {
    double amount;     /* opacity 0..1, or fade length in seconds */
    bool fade_out;
    uint32_t toward;   /* fades: the premultiplied colour faded from/to (0: transparent) */
} look_priv;

static int opacity_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const opacity_priv *p = c->priv;
    double a;
    if (mr_param_at(&p->amount, t, &a, ev->err) < 0)
        return -1;
    a = a < 0 ? 0 : a > 1 ? 1 : a;
    if (mr_clip_picture(c->input, t, ev, out) < 0)
        return -1;
    unsigned k = (unsigned)lround(a * 255);
    if (k == 255)
        return 0;
    if (mr_frame_make_writable(out, ev->gpu, ev->err) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    if (mr_k_mix(ev, *out, k, 0) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    return 0;
}

/* How far the fade has come at t: 0 (all the fade's colour, or transparent) .. 1 (untouched). */
static double fade_gain(const mr_clip *c, double t)
{
    const look_priv *p = c->priv;
    double g = p->fade_out ? (c->duration - t) / p->amount : t / p->amount;
    return g < 0 ? 0 : g > 1 ? 1 : g;
}

static int fade_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    if (mr_clip_picture(c->input, t, ev, out) < 0)
        return -1;
    unsigned k = (unsigned)lround(fade_gain(c, t) * 255);
    if (k == 255)
        return 0;
    if (mr_frame_make_writable(out, ev->gpu, ev->err) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    /* towards transparent (what is under shows through: black at the bottom of a video)
     * or towards the colour given when the node was made; never by where it is evaluated */
    if (mr_k_mix(ev, *out, k, ((const look_priv *)c->priv)->toward) < 0) {
        mr_frame_unref(*out);
        return -1;
    }
    return 0;
}

static int fade_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        float g = (float)fade_gain(c, (double)(s0 + i) / MR_AUDIO_RATE);
        out[2 * i] *= g;
        out[2 * i + 1] *= g;
    }
    return 0;
}

static void opacity_describe(const mr_clip *c, char *buf, size_t n)
{
    const opacity_priv *p = c->priv;
    if (p->amount.curve)
        snprintf(buf, n, "moving");
    else
        snprintf(buf, n, "%g", p->amount.v);
}

static void opacity_destroy(mr_clip *c)
{
    mr_param_release(&((opacity_priv *)c->priv)->amount);
}

static void look_describe(const mr_clip *c, char *buf, size_t n)
{
    const look_priv *p = c->priv;
    if (p->toward)
        snprintf(buf, n, "%g s, %s #%02x%02x%02x", p->amount, p->fade_out ? "to" : "from", p->toward & 0xff,
                 p->toward >> 8 & 0xff, p->toward >> 16 & 0xff);
    else
        snprintf(buf, n, "%g s", p->amount);
}

static const mr_clip_ops opacity_ops = {"opacity", opacity_picture, mr_pass_sound, opacity_describe, opacity_destroy};
static const mr_clip_ops fadein_ops = {"fadein", fade_picture, fade_sound, look_describe, NULL};
static const mr_clip_ops fadeout_ops = {"fadeout", fade_picture, fade_sound, look_describe, NULL};

mr_clip *mr_clip_opacity(mr_clip *c, double a, mr_curve *curve, mr_err *err)
{
    if (!curve && !(a >= 0 && a <= 1)) {
        mr_err_set(err, "opacity: %g is outside 0..1", a);
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&opacity_ops, sizeof(opacity_priv), c, err);
    if (n) {
        opacity_priv *p = n->priv;
        p->amount = mr_param_make(a, curve);
        if (mr_param_moves(&p->amount))
            n->is_static = false;
    }
    return n;
}

static mr_clip *fade_new(const mr_clip_ops *ops, mr_clip *c, double d, const mr_rgba *color, bool out, mr_err *err)
{
    if (!(d > 0) || isinf(d)) {
        mr_err_set(err, "%s: length %g s must be positive", ops->kind, d);
        return NULL;
    }
    if (color && color->a != 255) {
        mr_err_set(err, "%s: a fade's colour must be opaque (leave it out to fade to transparent)", ops->kind);
        return NULL;
    }
    if (out && isinf(c->duration)) {
        mr_err_set(err, "fadeout: the clip has no end to fade out at; give it one with :dur()");
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(ops, sizeof(look_priv), c, err);
    if (n) {
        *(look_priv *)n->priv = (look_priv){d, out, color ? mr_rgba_premul(*color) : 0};
        n->is_static = false;
    }
    return n;
}

mr_clip *mr_clip_fadein(mr_clip *c, double d, const mr_rgba *color, mr_err *err)
{
    return fade_new(&fadein_ops, c, d, color, false, err);
}

mr_clip *mr_clip_fadeout(mr_clip *c, double d, const mr_rgba *color, mr_err *err)
{
    return fade_new(&fadeout_ops, c, d, color, true, err);
}

/* The registry's entries (op_table.c lists them). */

static mr_clip *make_opacity(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_clip_opacity(in, a[0].num, a[0].curve, err);
}

static mr_clip *make_fadein(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_clip_fadein(in, a[0].num, a[1].given ? &a[1].color : NULL, err);
}

static mr_clip *make_fadeout(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return mr_clip_fadeout(in, a[0].num, a[1].given ? &a[1].color : NULL, err);
}

static const mr_param_desc opacity_params[] = {
    {"a", MR_P_NUMBER, false, true, 0, 1, 0, NULL, "from 0 (invisible) to 1 (a curve's values are kept inside)"},
};
static const mr_param_desc fade_params[] = {
    {"d", MR_P_TIME, false, false, 0, 1e9, 0, NULL, "the fade's length"},
    {"color", MR_P_COLOR, true, false, 0, 0, 0, NULL, "an opaque colour to fade from (to); none: transparent"},
};

const mr_op mr_op_opacity = {"opacity", "the picture see-through: its alpha times a",
                             "local watermark = logo:opacity(0.3)", opacity_params, 1, NULL, make_opacity};
const mr_op mr_op_fadein = {"fadein",
                            "fades in over the first d seconds from transparent (what is under shows through: "
                            "black at the bottom of a video), or from an opaque colour; the sound fades in too",
                            "local scene = clip:fadein(1)", fade_params, 2, NULL, make_fadein};
const mr_op mr_op_fadeout = {"fadeout", "fades out over the last d seconds, to transparent or to a colour; the "
                             "sound too; needs a clip with an end",
                             "local scene = clip:fadeout(2, \"white\")", fade_params, 2, NULL, make_fadeout};
