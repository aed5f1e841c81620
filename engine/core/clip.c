/* clip.c: node lifetime, the checked entry points into a node, and summaries. */
#include "engine/core/clip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/core/frame_share.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernels.h"
#include "engine/core/timefmt.h"

mr_clip *mr_clip_alloc(const mr_clip_ops *ops, size_t priv_size, mr_clip *input, mr_err *err)
{
    mr_clip *c = calloc(1, sizeof *c + priv_size);
    if (!c) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    c->ops = ops;
    atomic_store(&c->refs, 1);
    c->priv = priv_size ? (void *)(c + 1) : NULL;
    c->fps = (mr_rational){0, 1};
    c->duration = INFINITY;
    c->pos = mr_pos_origin();
    if (input) {
        c->input = mr_clip_ref(input);
        c->w = input->w;
        c->h = input->h;
        c->fps = input->fps;
        c->duration = input->duration;
        c->has_video = input->has_video;
        c->has_audio = input->has_audio;
        c->is_static = input->is_static;
        c->start = input->start;
        c->pos = input->pos;
        c->blend = input->blend;
    }
    return c;
}

mr_clip *mr_clip_ref(mr_clip *c)
{
    if (c)
        atomic_fetch_add(&c->refs, 1);
    return c;
}

void mr_clip_unref(mr_clip *c)
{
    if (!c || atomic_fetch_sub(&c->refs, 1) != 1)
        return;
    if (c->ops->destroy)
        c->ops->destroy(c);
    mr_frame_unref(atomic_load(&c->still[0]));
    mr_frame_unref(atomic_load(&c->still[1]));
    mr_clip_unref(c->input);
    free(c);
}

/* Adds "in <kind> made at edit.lua:12" to an error, once (the innermost clip says it). */
static void blame(const mr_clip *c, mr_eval *ev)
{
    if (ev->blamed)
        return;
    ev->blamed = true;
    if (c->origin[0])
        mr_err_prefix(ev->err, "%s (%s)", c->origin, c->ops->kind);
}

/* The node's own picture at t, checked and moved to where ev works (mr_clip_picture's work
 * without the sharing). */
static int own_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    int slot = ev->gpu != NULL;
    mr_frame *f = NULL;
    if (c->ops->picture(c, t, ev, &f) < 0) {
        blame(c, ev);
        return -1;
    }
    /* sources draw on the host (text, images, patterns): a GPU evaluation moves them over */
    if (ev->gpu && !f->gpu && mr_k_to_device(ev, &f) < 0) {
        mr_frame_unref(f);
        blame(c, ev);
        return -1;
    }
    if (f->w != c->w || f->h != c->h) {
        mr_frame_unref(f);
        mr_err_set(ev->err, "internal error: %s node made a %dx%d picture, declared %dx%d",
                   c->ops->kind, f->w, f->h, c->w, c->h);
        blame(c, ev);
        return -1;
    }
    /* a static node's picture is kept for every evaluation, on every lane: the work that made
     * it must be done before another lane reads it (the clip holds it until it is freed, so it
     * goes back to its lane's pool only after every lane's work is over) */
    if (c->is_static && ev->gpu && mr_gpu_publish(ev->gpu, ev->err) < 0) {
        mr_frame_unref(f);
        blame(c, ev);
        return -1;
    }
    if (c->is_static) {
        mr_frame *expected = NULL;
        mr_frame_ref(f);
        if (!atomic_compare_exchange_strong(&((mr_clip *)c)->still[slot], &expected, f))
            mr_frame_unref(f);
    }
    *out = f;
    return 0;
}

int mr_clip_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    if (ev->cancel && *ev->cancel)
        return mr_err_set(ev->err, "interrupted");
    int slot = ev->gpu != NULL;
    if (c->is_static) {
        mr_frame *f = atomic_load(&c->still[slot]);
        if (f) {
            *out = mr_frame_ref(f);
            return 0;
        }
    }
    if (t < 0)
        t = 0;
    if (t >= c->duration)
        t = mr_clip_last_t(c);
    /* a node that other parts of this frame ask for too is made once (frame_share.h); without
     * memory for the table every ask makes its own */
    if (!ev->share)
        ev->share = calloc(1, sizeof *ev->share);
    mr_frame_share *s = ev->share;
    mr_share_entry *e = s ? mr_share_find(s, c, t, slot) : NULL;
    if (e) {
        e->asks++;
        if ((*out = mr_share_take(e)))
            return 0;
    }
    if (s)
        s->depth++;
    int ret = own_picture(c, t, ev, out);
    if (s && --s->depth == 0) {
        mr_share_end_frame(s);  /* the frame is done: learn who asked twice, drop what was kept */
        return ret;
    }
    if (ret == 0 && e)
        mr_share_keep(e, *out);
    return ret;
}

int64_t mr_clip_samples(const mr_clip *c)
{
    return isinf(c->duration) ? INT64_MAX : llround(c->duration * MR_AUDIO_RATE);
}

int mr_clip_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    int64_t total = mr_clip_samples(c);
    if (!c->has_audio || s0 >= total || s0 + n <= 0) {
        memset(out, 0, sizeof(float) * 2 * n);
        return 0;
    }
    /* silence outside [0, total), the node fills the inside */
    int lead = s0 < 0 ? (int)-s0 : 0;
    int64_t end = s0 + n < total ? s0 + n : total;
    int len = (int)(end - (s0 + lead));
    memset(out, 0, sizeof(float) * 2 * lead);
    memset(out + 2 * (lead + len), 0, sizeof(float) * 2 * (n - lead - len));
    if (c->ops->sound(c, s0 + lead, len, out + 2 * lead, ev) < 0) {
        blame(c, ev);
        return -1;
    }
    return 0;
}

int64_t mr_frame_count(double duration, mr_rational fps)
{
    return (int64_t)ceil(duration * fps.num / fps.den - 1e-6);
}

/* "video \"a.mp4\" > sub > resize": the source, then each operation (the last few). */
static int describe_chain(const mr_clip *c, char *buf, size_t n)
{
    const mr_clip *chain[64];
    int depth = 0;
    for (const mr_clip *p = c; p && depth < 64; p = p->input)
        chain[depth++] = p;
    char params[256] = "";
    const mr_clip *root = chain[depth - 1];
    if (root->ops->describe)
        root->ops->describe(root, params, sizeof params);
    int k = snprintf(buf, n, "%s%s%s", root->ops->kind, params[0] ? " " : "", params);
    int first = depth - 2 > 5 ? 5 : depth - 2; /* at most the last six operations */
    if (depth - 2 > first && k < (int)n)
        k += snprintf(buf + k, n - k, " > ...");
    for (int i = first; i >= 0 && k < (int)n; i--)
        k += snprintf(buf + k, n - k, " > %s", chain[i]->ops->kind);
    return k;
}

void mr_clip_describe(const mr_clip *c, char *buf, size_t n)
{
    char dur[32];
    mr_time_format(c->duration, dur, sizeof dur);
    int k = describe_chain(c, buf, n);
    if (c->has_video && k < (int)n)
        k += snprintf(buf + k, n - k, ", %dx%d", c->w, c->h);
    if (c->fps.num && k < (int)n)
        k += snprintf(buf + k, n - k, ", %g fps", mr_q2d(c->fps));
    if (k < (int)n)
        k += snprintf(buf + k, n - k, ", %s", dur);
    if (k < (int)n)
        snprintf(buf + k, n - k, "%s", c->has_audio ? ", audio" : ", no audio");
}

int mr_pass_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    return mr_clip_picture(c->input, t, ev, out);
}

int mr_pass_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    return mr_clip_sound(c->input, s0, n, out, ev);
}
