/* concat.c: clips one after another. Each is letterboxed into the output size by a fit node
 * (transform.c), or for method "compose" centred at its own size on the background, so this
 * node picks which clip plays when; at a cut with a transition the two clips overlap and the
 * transition (engine/transitions/) draws the overlap's pictures. The sound is concat_sound.c's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/masks/mask.h"
#include "engine/ops/concat_node.h"
#include "engine/ops/declick.h"
#include "engine/ops/ops.h"
#include "engine/sources/sources.h"

mr_concat_opts mr_concat_opts_default(void)
{
    return (mr_concat_opts){0, 0, false, {0, 0, 0, 0}, 0, NAN, NULL};
}

/* A frame of the background. */
static int background(const mr_clip *c, mr_eval *ev, mr_frame **out)
{
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (!f || mr_k_fill(ev, f, ((const concat_priv *)c->priv)->bg) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

/* Cut i's picture at t, inside its overlap. */
static int cut_picture(const mr_clip *c, int i, double t, mr_eval *ev, mr_frame **out)
{
    const concat_priv *p = c->priv;
    const concat_cut *cut = &p->cuts[i];
    double tb = t - p->begin[i + 1];
    if (cut->built)
        return mr_clip_picture(cut->built, tb, ev, out);
    double x = cut->overlap > 0 ? tb / cut->overlap : 1;
    x = x > 0 ? (x < 1 ? x : 1) : 0;
    mr_tr_ctx ctx = {ev, p->clips[i], p->clips[i + 1], t - p->begin[i], tb, mr_ease_apply(&cut->tr->ease, x), x,
                     tb, c->w, c->h};
    return cut->tr->desc->frame(&ctx, cut->args, out);
}

static int concat_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const concat_priv *p = c->priv;
    int i = 0; /* the last clip begun by t */
    while (i + 1 < p->n && t + MR_TIME_EPS >= p->begin[i + 1])
        i++;
    if (i > 0 && p->cuts[i - 1].tr && t < p->end[i - 1] - MR_TIME_EPS / 2)
        return cut_picture(c, i - 1, t, ev, out);
    if (t >= p->end[i] - MR_TIME_EPS / 2 && i + 1 < p->n) /* a gap of padding */
        return background(c, ev, out);
    return mr_clip_picture(p->clips[i], t - p->begin[i], ev, out);
}

static void concat_describe(const mr_clip *c, char *buf, size_t n)
{
    const concat_priv *p = c->priv;
    int k = 0;
    for (int i = 0; i + 1 < p->n; i++)
        k += p->cuts[i].tr != NULL;
    snprintf(buf, n, "of %d clips", p->n);
    if (k)
        snprintf(buf + strlen(buf), n - strlen(buf), ", %d transition%s", k, k == 1 ? "" : "s");
}

static void concat_destroy(mr_clip *c)
{
    concat_priv *p = c->priv;
    for (int i = 0; i < p->n; i++)
        mr_clip_unref(p->clips[i]);
    for (int i = 0; p->cuts && i + 1 < p->n; i++) {
        if (p->cuts[i].tr)
            mr_op_args_clear(p->cuts[i].args, p->cuts[i].tr->desc->op.nparams);
        mr_transition_unref(p->cuts[i].tr);
        mr_clip_unref(p->cuts[i].built);
    }
    free(p->clips);
    free(p->begin);
    free(p->end);
    free(p->cuts);
}

static const mr_clip_ops concat_ops = {"concat", concat_picture, mr_concat_sound, concat_describe, concat_destroy};

/* Clip k as the concat shows it: w x h (letterboxed, or centred for compose), a clip with
 * sound only given transparent pictures. NULL with err set. */
static mr_clip *shown(mr_clip *k, int w, int h, const mr_concat_opts *o, mr_err *err)
{
    if (k->has_video && !o->compose)
        return mr_clip_fit(k, w, h, o->bg, err);
    if (k->has_video && k->w == w && k->h == h && o->bg.a == 0)
        return mr_clip_ref(k);
    mr_compose_opts co = mr_compose_opts_default();
    co.w = w;
    co.h = h;
    co.fps = k->fps;
    co.duration = k->duration;
    co.bg = k->has_video ? o->bg : (mr_rgba){0, 0, 0, 0};
    /* the clip as a layer at 0 s: centred, or (sound only) over a transparent picture */
    mr_clip *layers[2] = {NULL, NULL};
    if (k->has_video) {
        if ((layers[0] = mr_clip_at(k, mr_pos_edges(MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0), err)))
            layers[0]->start = 0;
    } else if ((layers[0] = mr_color_new((mr_rgba){0, 0, 0, 0}, w, h, err))) {
        layers[1] = mr_clip_start_at(k, 0, err);
    }
    mr_clip *framed = layers[0] && (k->has_video || layers[1]) ? mr_compose_new(layers, 1 + !k->has_video, &co, err) : NULL;
    mr_clip_unref(layers[0]);
    mr_clip_unref(layers[1]);
    return framed;
}

/* Cut i's transition: its arguments' masks and clips made w x h, or for transition.custom the
 * overlap's clip from the script's function. Returns 0 or -1 (err set). */
static int prepare_cut(concat_priv *p, int i, int w, int h, mr_err *err)
{
    concat_cut *cut = &p->cuts[i];
    const mr_op *op = &cut->tr->desc->op;
    mr_op_args_copy(cut->args, cut->tr->args, op->nparams);
    for (int j = 0; j < op->nparams; j++) {
        mr_arg *a = &cut->args[j];
        mr_clip *sized = NULL;
        if (op->params[j].type == MR_P_MASK && a->mask)
            sized = mr_mask_build(a->mask, w, h, err);
        else if (op->params[j].type == MR_P_CLIP && a->clip)
            sized = a->clip->has_video ? mr_clip_fit(a->clip, w, h, (mr_rgba){0, 0, 0, 0}, err) : NULL;
        else
            continue;
        if (!sized)
            return a->clip && !a->clip->has_video ? mr_err_set(err, "'%s' has no picture", op->params[j].name) : -1;
        mr_clip_unref(a->clip);
        a->clip = sized;
    }
    if (!cut->tr->build)
        return 0;
    double o = cut->overlap;
    mr_clip *a = mr_clip_sub(p->clips[i], p->clips[i]->duration - o, NAN, err), *b = a ? mr_clip_sub(p->clips[i + 1], 0, o, err) : NULL;
    mr_clip *made = b ? cut->tr->build(cut->tr->ud, a, b, o, &cut->tr->ease, err) : NULL;
    mr_clip_unref(a);
    mr_clip_unref(b);
    if (made && !made->has_video) {
        mr_clip_unref(made);
        return mr_err_set(err, "the function returned a clip without a picture");
    }
    cut->built = made ? mr_clip_fit(made, w, h, (mr_rgba){0, 0, 0, 0}, err) : NULL;
    mr_clip_unref(made);
    return cut->built ? 0 : -1;
}

/* The transitions of the cuts: o's (NULL where none), or a crossfade of a negative padding.
 * Checks each fits inside the clips beside it. Returns 0 or -1 (err names the cut). */
static int lay_out(concat_priv *p, mr_clip *const *clips, const mr_concat_opts *o, mr_err *err)
{
    for (int i = 0; i + 1 < p->n; i++) {
        concat_cut *cut = &p->cuts[i];
        mr_transition *tr = o->cuts ? o->cuts[i] : NULL;
        bool padded = !tr && o->padding < 0;
        cut->tr = tr ? mr_transition_ref(tr) : padded ? mr_transition_crossfade(-o->padding, err) : NULL;
        if (padded && !cut->tr)
            return -1;
        cut->overlap = cut->tr ? cut->tr->d : 0;
        if (cut->overlap == 0 && cut->tr) { /* d = 0: a plain cut */
            mr_transition_unref(cut->tr);
            cut->tr = NULL;
        }
        for (int k = i; k <= i + 1 && cut->tr; k++)
            if (cut->overlap > clips[k]->duration + MR_TIME_EPS)
                return mr_err_set(err, "concat: transition %d (%s%s, %g s) is longer than clip %d (%g s)", i + 1,
                                  cut->tr->desc->op.name, padded ? " of the padding" : "", cut->overlap, k + 1,
                                  clips[k]->duration);
        if (i > 0 && cut->overlap + p->cuts[i - 1].overlap > clips[i]->duration + MR_TIME_EPS)
            return mr_err_set(err, "concat: transitions %d and %d (%g s and %g s) overlap inside clip %d (%g s)", i,
                              i + 1, p->cuts[i - 1].overlap, cut->overlap, i + 1, clips[i]->duration);
    }
    return 0;
}

/* When each clip begins and ends, and the sound's crossfade at each cut. */
static void timeline(concat_priv *p, mr_clip *const *clips, const mr_concat_opts *o)
{
    for (int i = 0; i < p->n; i++) {
        p->end[i] = p->begin[i] + clips[i]->duration;
        if (i + 1 == p->n)
            break;
        concat_cut *cut = &p->cuts[i];
        p->begin[i + 1] = p->end[i] - cut->overlap + (!cut->tr && o->padding > 0 ? o->padding : 0);
        int64_t b0 = llround(p->begin[i + 1] * MR_AUDIO_RATE), a1 = llround(p->end[i] * MR_AUDIO_RATE);
        cut->w0 = cut->w1 = b0;
        if (!cut->tr || b0 >= a1)
            continue;
        double audio = !isnan(cut->tr->audio) ? cut->tr->audio : !isnan(o->audio) ? o->audio : cut->overlap;
        int64_t len = llround(fmin(audio, cut->overlap) * MR_AUDIO_RATE), mid = (b0 + a1) / 2;
        len = len < a1 - b0 ? len : a1 - b0;
        cut->w0 = mid - len / 2;
        cut->w1 = cut->w0 + len;
    }
}

mr_clip *mr_concat_make(mr_clip *const *clips, int n, const mr_concat_opts *o, mr_err *err)
{
    if (n < 1) {
        mr_err_set(err, "concat: needs at least one clip");
        return NULL;
    }
    mr_rational fps = {0, 1};
    bool video = false, audio = false;
    int w = o->w, h = o->h, mw = 0, mh = 0;
    for (int i = 0; i < n; i++) {
        if (isinf(clips[i]->duration)) {
            mr_err_set(err, "concat: clip #%d has no end; give it one with :dur()", i + 1);
            return NULL;
        }
        if (clips[i]->has_video) {
            mw = clips[i]->w > mw ? clips[i]->w : mw;
            mh = clips[i]->h > mh ? clips[i]->h : mh;
            if (!video && w == 0 && !o->compose)
                w = clips[i]->w, h = clips[i]->h;
        }
        if (clips[i]->fps.num && (fps.num == 0 || mr_q2d(clips[i]->fps) > mr_q2d(fps)))
            fps = clips[i]->fps;
        video |= clips[i]->has_video;
        audio |= clips[i]->has_audio;
    }
    if (w == 0)
        w = mw, h = mh;
    mr_clip *c = mr_clip_alloc(&concat_ops, sizeof(concat_priv), NULL, err);
    if (!c)
        return NULL;
    concat_priv *p = c->priv;
    p->n = n;
    p->clips = calloc((size_t)n, sizeof *p->clips);
    p->begin = calloc((size_t)n, sizeof *p->begin);
    p->end = calloc((size_t)n, sizeof *p->end);
    p->cuts = calloc((size_t)n, sizeof *p->cuts);
    p->bg = mr_rgba_premul(o->bg);
    p->ramp = mr_declick_samples();
    if (!p->clips || !p->begin || !p->end || !p->cuts) {
        mr_clip_unref(c);
        mr_err_set(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        if (!(p->clips[i] = video ? shown(clips[i], w, h, o, err) : mr_clip_ref(clips[i]))) {
            mr_err_prefix(err, "concat: clip #%d", i + 1);
            mr_clip_unref(c);
            return NULL;
        }
    }
    if (lay_out(p, clips, o, err) < 0) {
        mr_clip_unref(c);
        return NULL;
    }
    timeline(p, clips, o);
    for (int i = 0; video && i + 1 < n; i++) {
        if (p->cuts[i].tr && prepare_cut(p, i, w, h, err) < 0) {
            mr_err_prefix(err, "concat: transition %d (%s)", i + 1, p->cuts[i].tr->desc->op.name);
            mr_clip_unref(c);
            return NULL;
        }
    }
    c->w = video ? w : 0;
    c->h = video ? h : 0;
    c->fps = fps.num ? fps : (mr_rational){30, 1};
    c->duration = p->end[n - 1];
    c->has_video = video;
    c->has_audio = audio;
    return c;
}

mr_clip *mr_concat_new(mr_clip *const *clips, int n, int w, int h, mr_err *err)
{
    mr_concat_opts o = mr_concat_opts_default();
    o.w = w;
    o.h = h;
    return mr_concat_make(clips, n, &o, err);
}
