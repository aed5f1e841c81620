/* trails.c: pictures mixed over time: echo(n, decay) mixes each frame with the n frames before
 * it, the k-th back weighted decay^k (trails behind what moves); motion_blur(shutter, samples)
 * averages the picture at `samples` instants spread over `shutter` of a frame's time around
 * it, as a film camera's open shutter smears what moves. Both by the frame-mix kernel pair;
 * their numbers may be curves, read at every frame. */
#include <stdio.h>
#include <string.h>
#include "engine/ops/op.h"
#include "engine/ops/param.h"
#include "engine/ops/time_fx.h"
#include "engine/kernels/frame_mix_params.h"

typedef struct trails_priv {
    int n;                  /* echo: frames back; motion_blur: samples */
    mr_param v;             /* echo: decay; motion_blur: shutter */
} trails_priv;

static const mr_clip_ops motion_blur_ops;

/* The node's number at t (echo's decay, motion_blur's shutter), held to 0 .. 1, into *v.
 * Returns 0; 1 when there is nothing to mix (a static input, or a shut shutter): the input's
 * own picture is the answer; -1 with err set. */
static int read_value(const mr_clip *c, double t, mr_eval *ev, double *v)
{
    const trails_priv *p = c->priv;
    if (c->input->is_static) /* every frame the same */
        return 1;
    if (mr_param_at(&p->v, t, v, ev->err) < 0)
        return -1;
    *v = *v > 0 ? (*v < 1 ? *v : 1) : 0;
    return *v == 0 && c->ops == &motion_blur_ops;
}

/* The frame at t mixed with up to n before it (those from 0 on), weights decay^k. */
static int echo_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const trails_priv *p = c->priv;
    double decay;
    int r = read_value(c, t, ev, &decay);
    if (r != 0)
        return r < 0 ? -1 : mr_clip_picture(c->input, t, ev, out);
    mr_rational q = c->input->fps;
    int64_t k = mr_frame_at(t, q);
    double times[MR_MIX_MAX], w[MR_MIX_MAX], wk = 1;
    int m = 0;
    for (int j = 0; j <= p->n && k - j >= 0 && wk > 0; j++, wk *= decay) {
        times[m] = mr_frame_time(k - j, q);
        w[m++] = wk;
    }
    return mr_mix_times(c->input, times, w, m, ev, out);
}

/* The picture at `samples` instants over shutter / fps seconds centred on t, equally weighted. */
static int motion_blur_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const trails_priv *p = c->priv;
    double shutter;
    int r = read_value(c, t, ev, &shutter);
    if (r != 0)
        return r < 0 ? -1 : mr_clip_picture(c->input, t, ev, out);
    double open = shutter / mr_q2d(c->input->fps), times[MR_MIX_MAX], w[MR_MIX_MAX];
    for (int i = 0; i < p->n; i++) {
        times[i] = t + open * ((i + 0.5) / p->n - 0.5);
        w[i] = 1;
    }
    return mr_mix_times(c->input, times, w, p->n, ev, out);
}

static void trails_describe(const mr_clip *c, char *buf, size_t n)
{
    const trails_priv *p = c->priv;
    bool echo = !strcmp(c->ops->kind, "echo");
    char v[32];
    if (p->v.curve)
        snprintf(v, sizeof v, "moving");
    else
        snprintf(v, sizeof v, "%g", p->v.v);
    snprintf(buf, n, echo ? "%d back, decay %s" : "%d samples, shutter %s", p->n, v);
}

static void trails_destroy(mr_clip *c)
{
    mr_param_release(&((trails_priv *)c->priv)->v);
}

static const mr_clip_ops echo_ops = {"echo", echo_picture, mr_pass_sound, trails_describe, trails_destroy};
static const mr_clip_ops motion_blur_ops = {"motion_blur", motion_blur_picture, mr_pass_sound, trails_describe,
                                            trails_destroy};

/* A trails node over in: n, and the number in a[v]. NULL with err set (no picture, or a
 * moving picture without a frame rate to count frames by). */
static mr_clip *trails_new(const mr_clip_ops *ops, mr_clip *in, int n, const mr_arg *v, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "%s: the clip has no picture", ops->kind), NULL;
    if (!in->fps.num && !in->is_static)
        return mr_err_set(err, "%s: the clip has no frame rate of its own to count frames by; give it one with "
                               ":with_fps(n)", ops->kind), NULL;
    mr_clip *c = mr_clip_alloc(ops, sizeof(trails_priv), in, err);
    if (!c)
        return NULL;
    trails_priv *p = c->priv;
    p->n = n;
    p->v = mr_param_make(v->num, v->curve);
    return c;
}

static mr_clip *make_echo(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return trails_new(&echo_ops, in, (int)a[0].num, &a[1], err);
}

static mr_clip *make_motion_blur(mr_clip *in, const mr_arg *a, mr_err *err)
{
    return trails_new(&motion_blur_ops, in, (int)a[1].num, &a[0], err);
}

static const mr_param_desc echo_params[] = {
    {"n", MR_P_INT, true, false, 1, MR_MIX_MAX - 1, 4, NULL, "how many frames before each are mixed in"},
    {"decay", MR_P_NUMBER, true, true, 0, 1, 0.6, NULL,
     "the weight of the k-th frame back is decay^k (the frame itself 1; the sum scaled to 1)"},
};
static const mr_param_desc motion_blur_params[] = {
    {"shutter", MR_P_NUMBER, true, true, 0, 1, 0.5, NULL,
     "how long the shutter is open, as a fraction of a frame's time (0.5: a 180-degree shutter), centred on the "
     "frame"},
    {"samples", MR_P_INT, true, false, 2, MR_MIX_MAX, 8, NULL, "how many instants are averaged"},
};

const mr_op mr_op_echo = {"echo",
                          "trails: each frame mixed with the n frames before it, the k-th back weighted decay^k "
                          "(what moves inside the picture; for a layer moved by at(), apply it to the compose)",
                          "local ghost = dancer:echo(6, 0.7)", echo_params, 2, NULL, make_echo};
const mr_op mr_op_motion_blur = {"motion_blur",
                                 "motion blur: the picture averaged over the time the shutter is open (several "
                                 "instants around each frame); it blurs what moves inside the picture, so for a "
                                 "layer moved by at() apply it to the compose that moves it",
                                 "local swish = compose({bg, title:at(keys{ {0, {-400, 60}}, {1, {1920, 60}} })}):motion_blur(0.5)",
                                 motion_blur_params, 2, NULL,
                                 make_motion_blur};
