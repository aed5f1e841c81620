/* sound_stretch.c: a clip's sound played at another speed with its pitch kept, by Rubber Band
 * (librubberband, offline mode, one thread), in chunks of output that are made independently
 * and cached (see sound_stretch.h). */
#include <math.h>
#include <pthread.h>
#include <rubberband/rubberband-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/ops/ops.h"
#include "engine/ops/sound_stretch.h"

#define CHUNK (5 * MR_AUDIO_RATE)   /* output samples per chunk */
#define FADE 1024                   /* crossfade at each join, at the start of a chunk */
#define LEAD MR_AUDIO_RATE          /* input samples fed before and after a chunk's own */
#define BLOCK 16384                 /* samples given to the stretcher at a time */

typedef struct slot {
    int64_t index;   /* the chunk held, -1: none */
    uint64_t used;   /* when it was last read (the older slot is replaced) */
    float *data;     /* (CHUNK + FADE) stereo frames, interleaved */
} slot;

typedef struct stretch_priv {
    mr_clip *src;    /* the clip at its own speed (owned) */
    double k;
    pthread_mutex_t lock;
    slot slots[2];   /* under lock */
    uint64_t clock;
} stretch_priv;

/* Makes chunk j into dst ((CHUNK + FADE) frames): output [j CHUNK, (j+1) CHUNK + FADE). Returns
 * 0, or -1 with ev->err set. */
static int make_chunk(const stretch_priv *p, int64_t j, float *dst, mr_eval *ev)
{
    double k = p->k;
    int64_t o0 = j * CHUNK, o1 = o0 + CHUNK + FADE;
    int64_t a = (int64_t)floor(o0 * k), pre = a < LEAD ? a : LEAD;
    int64_t i0 = a - pre, i1 = (int64_t)ceil(o1 * k) + LEAD;
    size_t len = (size_t)(i1 - i0), cap = (size_t)ceil(len / k) + 2 * BLOCK;
    float *in = malloc(sizeof(float) * 2 * len), *pl = malloc(sizeof(float) * 2 * len);
    float *got = malloc(sizeof(float) * 2 * cap);
    RubberBandState rb = NULL;
    int r = -1;
    if (!in || !pl || !got) {
        mr_err_set(ev->err, "speed: out of memory");
        goto done;
    }
    if (mr_clip_sound(p->src, i0, (int)len, in, ev) < 0)
        goto done;
    for (size_t i = 0; i < len; i++) { /* planar for the stretcher */
        pl[i] = in[2 * i];
        pl[len + i] = in[2 * i + 1];
    }
    rb = rubberband_new(MR_AUDIO_RATE, 2,
                        RubberBandOptionProcessOffline | RubberBandOptionThreadingNever |
                            RubberBandOptionChannelsTogether,
                        1 / k, 1.0);
    if (!rb) {
        mr_err_set(ev->err, "speed: Rubber Band could not start");
        goto done;
    }
    rubberband_set_max_process_size(rb, BLOCK);
    rubberband_set_expected_input_duration(rb, (unsigned)len);
    for (size_t s = 0; s < len; s += BLOCK) {
        unsigned m = (unsigned)(len - s < BLOCK ? len - s : BLOCK);
        const float *chans[2] = {pl + s, pl + len + s};
        rubberband_study(rb, chans, m, s + m == len);
    }
    size_t have = 0;
    for (size_t s = 0; s <= len; s += BLOCK) {
        if (s < len) {
            unsigned m = (unsigned)(len - s < BLOCK ? len - s : BLOCK);
            const float *chans[2] = {pl + s, pl + len + s};
            rubberband_process(rb, chans, m, s + m == len);
        }
        int avail;
        while ((avail = rubberband_available(rb)) > 0 && have < cap) {
            unsigned m = (unsigned)(cap - have < (size_t)avail ? cap - have : (size_t)avail);
            float *outs[2] = {got + have, got + cap + have};
            have += rubberband_retrieve(rb, outs, m);
        }
    }
    /* output sample q of this run is at the input's i0 + q k: the chunk starts at q = o0 - i0 / k */
    int64_t q0 = o0 - llround(i0 / k);
    for (int64_t i = 0; i < o1 - o0; i++) {
        int64_t q = q0 + i;
        bool in_run = q >= 0 && q < (int64_t)have;
        dst[2 * i] = in_run ? got[q] : 0;
        dst[2 * i + 1] = in_run ? got[cap + q] : 0;
    }
    r = 0;
done:
    if (rb)
        rubberband_delete(rb);
    free(in);
    free(pl);
    free(got);
    return r;
}

/* Chunk j from the cache, made into the older slot when missing. Call under p->lock. NULL
 * with ev->err set. */
static const float *chunk(stretch_priv *p, int64_t j, mr_eval *ev)
{
    slot *s = p->slots[0].used <= p->slots[1].used ? &p->slots[0] : &p->slots[1];
    for (int i = 0; i < 2; i++)
        if (p->slots[i].index == j)
            s = &p->slots[i];
    s->used = ++p->clock;
    if (s->index == j)
        return s->data;
    if (!s->data && !(s->data = malloc(sizeof(float) * 2 * (CHUNK + FADE)))) {
        mr_err_set(ev->err, "speed: out of memory");
        return NULL;
    }
    s->index = -1;
    if (make_chunk(p, j, s->data, ev) < 0)
        return NULL;
    s->index = j;
    return s->data;
}

static int stretch_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    stretch_priv *p = c->priv; /* the cache changes under const, under its lock */
    pthread_mutex_lock(&p->lock);
    int r = 0;
    for (int i = 0; i < n && r == 0;) {
        int64_t s = s0 + i, j = s / CHUNK, at = s - j * CHUNK;
        const float *cur = chunk(p, j, ev);
        if (!cur) {
            r = -1;
            break;
        }
        if (at >= FADE || j == 0) { /* plain run to the chunk's end */
            int m = (int)(CHUNK - at < n - i ? CHUNK - at : n - i);
            memcpy(out + 2 * i, cur + 2 * at, sizeof(float) * 2 * (size_t)m);
            i += m;
            continue;
        }
        float b[2] = {cur[2 * at], cur[2 * at + 1]};
        const float *prev = chunk(p, j - 1, ev); /* both slots now hold j - 1 and j */
        if (!prev) {
            r = -1;
            break;
        }
        float w = (float)((at + 0.5) / FADE);
        for (int ch = 0; ch < 2; ch++)
            out[2 * i + ch] = (1 - w) * prev[2 * (at + CHUNK) + ch] + w * b[ch];
        i++;
    }
    pthread_mutex_unlock(&p->lock);
    return r;
}

static void stretch_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "x%g, pitch kept", ((const stretch_priv *)c->priv)->k);
}

static void stretch_destroy(mr_clip *c)
{
    stretch_priv *p = c->priv;
    mr_clip_unref(p->src);
    for (int i = 0; i < 2; i++)
        free(p->slots[i].data);
    pthread_mutex_destroy(&p->lock);
}

static const mr_clip_ops stretch_ops = {"keep_pitch", mr_pass_picture, stretch_sound, stretch_describe, stretch_destroy};

mr_clip *mr_clip_speed_keep_pitch(mr_clip *in, double k, mr_err *err)
{
    if (in->has_audio && !(k >= 0.1 && k <= 10)) {
        mr_err_set(err, "speed: keep_pitch stretches the sound 0.1 to 10 times, not %g", k);
        return NULL;
    }
    mr_clip *sp = mr_clip_speed(in, k, err);
    if (!sp || k == 1 || !in->has_audio)
        return sp;
    mr_clip *n = mr_clip_alloc(&stretch_ops, sizeof(stretch_priv), sp, err);
    mr_clip_unref(sp);
    if (!n)
        return NULL;
    stretch_priv *p = n->priv;
    p->src = mr_clip_ref(in);
    p->k = k;
    p->slots[0].index = p->slots[1].index = -1;
    pthread_mutex_init(&p->lock, NULL);
    return n;
}
