/* fps.c: clip:with_fps(n): the clip at another frame rate (not clip:fps(), which would hide
 * the field clip.fps). Each of its frames shows the input at
 * that frame's start, so frames are dropped or repeated; with blend, the two input frames
 * around it are mixed by how near each is (frame blending, the frame-mix kernel pair). */
#include <stdio.h>
#include "engine/ops/op.h"
#include "engine/ops/time_fx.h"
#include "engine/render/render_opts.h"

typedef struct fps_priv {
    mr_rational fps;        /* the new rate */
    bool blend;
    int64_t in_frames;      /* the input's frames at its own rate (0: none, or no end) */
} fps_priv;

static int fps_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const fps_priv *p = c->priv;
    double x = mr_frame_time(mr_frame_at(t, p->fps), p->fps); /* this frame's start */
    mr_rational q = c->input->fps;
    if (!p->blend || !q.num || c->input->is_static)
        return mr_clip_picture(c->input, x, ev, out);
    /* the input frames a and a + 1 on either side of x, weighed by nearness */
    double f = x * q.num / q.den;
    int64_t a = (int64_t)floor(f + 1e-6);
    double frac = f - a;
    if (frac < 0)
        frac = 0;
    if (p->in_frames && a + 1 >= p->in_frames)
        frac = 0; /* past the last frame: nothing to blend towards */
    double times[2] = {mr_frame_time(a, q), mr_frame_time(a + 1, q)}, w[2] = {1 - frac, frac};
    return mr_mix_times(c->input, times, w, 2, ev, out);
}

static void fps_describe(const mr_clip *c, char *buf, size_t n)
{
    const fps_priv *p = c->priv;
    snprintf(buf, n, "%g%s", mr_q2d(p->fps), p->blend ? " blended" : "");
}

static const mr_clip_ops fps_ops = {"with_fps", fps_picture, mr_pass_sound, fps_describe, NULL};

/* with_fps(n, blend): n frames a second (the range checked by the descriptor). NULL with err set. */
static mr_clip *make_fps(mr_clip *in, const mr_arg *a, mr_err *err)
{
    char text[64];
    snprintf(text, sizeof text, "%.17g", a[0].num);
    mr_rational fps;
    if (mr_fps_parse(text, &fps, err) < 0)
        return mr_err_prefix(err, "fps: n"), NULL;
    if (!in->has_video)
        return mr_err_set(err, "fps: the clip has no picture"), NULL;
    mr_clip *c = mr_clip_alloc(&fps_ops, sizeof(fps_priv), in, err);
    if (!c)
        return NULL;
    fps_priv *p = c->priv;
    p->fps = fps;
    p->blend = a[1].num != 0;
    p->in_frames = in->fps.num && !isinf(in->duration) ? mr_frame_count(in->duration, in->fps) : 0;
    c->fps = fps;
    return c;
}

static const mr_param_desc fps_params[] = {
    {"n", MR_P_NUMBER, false, false, 0.001, 1000, 0, NULL, "frames a second (29.97 is 30000/1001)"},
    {"blend", MR_P_BOOL, true, false, 0, 1, 0, NULL,
     "mix the two frames of the clip around each new frame by nearness, rather than show the one before it"},
};

const mr_op mr_op_fps = {"with_fps",
                         "the clip at another frame rate: frames dropped or repeated, or with blend the two "
                         "nearest frames mixed",
                         "local choppy, smooth = clip:with_fps(12), clip:with_fps(60, {blend = true})",
                         fps_params, 2, NULL, make_fps};
