/* concat.c: clips one after another. Each is letterboxed into the output size by a fit
 * node (transform.c), so this node only picks which clip plays when. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/kernels/kernels.h"
#include "engine/core/eval.h"
#include "engine/ops/ops.h"

typedef struct concat_priv {
    mr_clip **clips;
    double *begin;     /* seconds: when clip i begins; begin[n] is the end */
    int n;
} concat_priv;

static int concat_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const concat_priv *p = c->priv;
    int i = 0;
    while (i + 1 < p->n && t + MR_TIME_EPS >= p->begin[i + 1])
        i++;
    const mr_clip *k = p->clips[i];
    if (!k->has_video) { /* a clip with sound only shows nothing */
        mr_frame *f = mr_k_new(ev, c->w, c->h);
        if (!f || mr_k_fill(ev, f, 0) < 0) {
            mr_frame_unref(f);
            return -1;
        }
        *out = f;
        return 0;
    }
    return mr_clip_picture(k, t - p->begin[i], ev, out);
}

static int concat_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const concat_priv *p = c->priv;
    memset(out, 0, sizeof(float) * 2 * n);
    for (int i = 0; i < p->n; i++) {
        int64_t a0 = llround(p->begin[i] * MR_AUDIO_RATE), a1 = llround(p->begin[i + 1] * MR_AUDIO_RATE);
        int64_t a = s0 > a0 ? s0 : a0, b = s0 + n < a1 ? s0 + n : a1;
        if (a >= b)
            continue;
        if (mr_clip_sound(p->clips[i], a - a0, (int)(b - a), out + 2 * (a - s0), ev) < 0)
            return -1;
    }
    return 0;
}

static void concat_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "of %d clips", ((const concat_priv *)c->priv)->n);
}

static void concat_destroy(mr_clip *c)
{
    concat_priv *p = c->priv;
    for (int i = 0; i < p->n; i++)
        mr_clip_unref(p->clips[i]);
    free(p->clips);
    free(p->begin);
}

static const mr_clip_ops concat_ops = {"concat", concat_picture, concat_sound, concat_describe, concat_destroy};

mr_clip *mr_concat_new(mr_clip *const *clips, int n, int w, int h, mr_err *err)
{
    if (n < 1) {
        mr_err_set(err, "concat: needs at least one clip");
        return NULL;
    }
    mr_rational fps = {0, 1};
    bool video = false, audio = false;
    for (int i = 0; i < n; i++) {
        if (isinf(clips[i]->duration)) {
            mr_err_set(err, "concat: clip #%d has no end; give it one with :dur()", i + 1);
            return NULL;
        }
        if (clips[i]->has_video && w == 0) {
            w = clips[i]->w;
            h = clips[i]->h;
        }
        if (clips[i]->fps.num && (fps.num == 0 || mr_q2d(clips[i]->fps) > mr_q2d(fps)))
            fps = clips[i]->fps;
        video |= clips[i]->has_video;
        audio |= clips[i]->has_audio;
    }
    mr_clip *c = mr_clip_alloc(&concat_ops, sizeof(concat_priv), NULL, err);
    if (!c)
        return NULL;
    concat_priv *p = c->priv;
    p->clips = calloc((size_t)n, sizeof *p->clips);
    p->begin = calloc((size_t)n + 1, sizeof *p->begin);
    if (!p->clips || !p->begin) {
        mr_clip_unref(c);
        mr_err_set(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        mr_clip *k = video ? mr_clip_fit(clips[i], w, h, (mr_rgba){0, 0, 0, 0}, err) : mr_clip_ref(clips[i]);
        if (!k) {
            mr_err_prefix(err, "concat: clip #%d", i + 1);
            mr_clip_unref(c);
            return NULL;
        }
        p->clips[p->n++] = k;
        p->begin[i + 1] = p->begin[i] + clips[i]->duration;
    }
    c->w = video ? w : 0;
    c->h = video ? h : 0;
    c->fps = fps.num ? fps : (mr_rational){30, 1};
    c->duration = p->begin[n];
    c->has_video = video;
    c->has_audio = audio;
    return c;
}
