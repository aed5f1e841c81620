/* compose.c: layers on a canvas, with their sound mixed (sound_mix.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/kernels/kernels.h"
#include "engine/kernels/k_blend_modes.h"
#include "engine/core/eval.h"
#include "engine/ops/curve.h"
#include "engine/ops/declick.h"
#include "engine/ops/ops.h"
#include "engine/ops/sound_mix.h"

typedef struct compose_priv {
    mr_clip **layers;
    int n;
    uint32_t bg;       /* premultiplied */
    int ramp;          /* samples of the ramps where a layer's sound starts or ends inside (declick.h) */
} compose_priv;

mr_compose_opts mr_compose_opts_default(void)
{
    return (mr_compose_opts){0, 0, {0, 0}, {0, 0, 0, 255}, NAN};
}

/* Whether layer l shows at t: from its start (times within MR_TIME_EPS are the same
 * instant) until its end. A compose held past its own end is asked for t = mr_clip_last_t,
 * which every layer ending with the compose still covers. */
static bool active_at(const mr_clip *l, double t)
{
    return t + MR_TIME_EPS >= l->start && t < l->start + l->duration - MR_TIME_EPS / 2;
}

/* A layer between whole pixels (a slow pan) is resampled by its fraction into a frame one
 * pixel larger (the warp kernel, bilinear), so it glides instead of stepping; *x, *y become
 * whole. Within 1/256 of a pixel it is put on the nearest one. Returns 0 or -1 (err set). */
static int place_subpixel(mr_eval *ev, mr_frame **f, double *x, double *y)
{
    double fx = *x - floor(*x), fy = *y - floor(*y);
    if (fx < 1.0 / 256 || fx > 255.0 / 256)
        fx = 0, *x = round(*x);
    if (fy < 1.0 / 256 || fy > 255.0 / 256)
        fy = 0, *y = round(*y);
    *x = floor(*x);
    *y = floor(*y);
    if (fx == 0 && fy == 0)
        return 0;
    mr_frame *src = *f, *dst = mr_k_new(ev, src->w + (fx > 0), src->h + (fy > 0));
    mr_warp_params k = {{1, 0, (float)-fx, 0, 1, (float)-fy}, src->w, src->h, 1};
    if (!dst || mr_k_warp(ev, src, &k, dst) < 0) {
        mr_frame_unref(dst);
        return -1;
    }
    mr_frame_unref(src);
    *f = dst;
    return 0;
}

static int compose_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const compose_priv *p = c->priv;
    mr_frame *canvas = NULL;
    int ret = 0;
    for (int i = 0; i < p->n && ret == 0; i++) {
        const mr_clip *l = p->layers[i];
        if (!l->has_video || !active_at(l, t))
            continue;
        mr_frame *f;
        ret = mr_clip_picture(l, t - l->start, ev, &f);
        if (ret < 0)
            break;
        double px, py;
        if ((ret = mr_pos_resolve(&l->pos, c->w, c->h, f->w, f->h, t - l->start, &px, &py, ev->err)) < 0 ||
            (ret = place_subpixel(ev, &f, &px, &py)) < 0) {
            mr_frame_unref(f);
            break;
        }
        int x = (int)px, y = (int)py;
        if (f->has_ink && (f->ink_w == 0 || f->ink_h == 0)) { /* all transparent: nothing to draw */
            mr_frame_unref(f);
            continue;
        }
        if (!canvas && f->opaque && l->blend == MR_BLEND_NORMAL && x == 0 && y == 0 && f->w == c->w &&
            f->h == c->h) {
            /* an opaque layer covering the canvas is the canvas: no fill, and no copy when it is
             * unshared by the time the first layer is drawn on it (the layers between may be
             * the canvas's other consumers, frame_share.h) */
            canvas = f;
            continue;
        }
        if (!canvas && (!(canvas = mr_k_new(ev, c->w, c->h)) || mr_k_fill(ev, canvas, p->bg) < 0)) {
            mr_frame_unref(f);
            ret = -1;
            break;
        }
        /* by the layer's blend mode onto everything below it, the background included */
        /* (transparent pixels leave the canvas as it is in every mode: only the ink is drawn) */
        mr_frame ink = f->has_ink ? mr_frame_view(f, f->ink_x, f->ink_y, f->ink_w, f->ink_h)
                                  : mr_frame_view(f, 0, 0, f->w, f->h);
        if (f->has_ink) {
            x += f->ink_x;
            y += f->ink_y;
        }
        if ((ret = mr_frame_make_writable(&canvas, ev->gpu, ev->err)) == 0)
            ret = mr_k_blend_mode(ev, canvas, &ink, x, y, 255, l->blend);
        mr_frame_unref(f);
    }
    if (ret == 0 && !canvas && (!(canvas = mr_k_new(ev, c->w, c->h)) || mr_k_fill(ev, canvas, p->bg) < 0))
        ret = -1;
    if (ret < 0) {
        mr_frame_unref(canvas);
        return -1;
    }
    *out = canvas;
    return 0;
}

static int compose_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const compose_priv *p = c->priv;
    return mr_sound_mix(p->layers, NULL, p->n, mr_clip_samples(c), p->ramp, s0, n, out, ev);
}

static const mr_clip_ops compose_ops;

mr_clip *const *mr_compose_layers(const mr_clip *c, int *n)
{
    if (c->ops != &compose_ops) {
        *n = 0;
        return NULL;
    }
    const compose_priv *p = c->priv;
    *n = p->n;
    return p->layers;
}

static void compose_describe(const mr_clip *c, char *buf, size_t n)
{
    int layers = ((const compose_priv *)c->priv)->n;
    snprintf(buf, n, "of %d layer%s", layers, layers == 1 ? "" : "s");
}

static void compose_destroy(mr_clip *c)
{
    compose_priv *p = c->priv;
    for (int i = 0; i < p->n; i++)
        mr_clip_unref(p->layers[i]);
    free(p->layers);
}

static const mr_clip_ops compose_ops = {"compose", compose_picture, compose_sound, compose_describe, compose_destroy};

mr_clip *mr_compose_new(mr_clip *const *layers, int n, const mr_compose_opts *o, mr_err *err)
{
    if (n < 1) {
        mr_err_set(err, "compose: needs at least one layer");
        return NULL;
    }
    int w = o->w, h = o->h;
    mr_rational fps = o->fps;
    double end = 0;
    bool video = false, audio = false, bounded = false;
    for (int i = 0; i < n; i++) {
        const mr_clip *l = layers[i];
        if (l->has_video && w == 0) {
            w = l->w;
            h = l->h;
        }
        if (o->fps.num == 0 && l->fps.num && (fps.num == 0 || mr_q2d(l->fps) > mr_q2d(fps)))
            fps = l->fps;
        video |= l->has_video;
        audio |= l->has_audio;
        if (!isinf(l->duration)) { /* unbounded layers (stills, text) last as long as the rest */
            end = fmax(end, l->start + l->duration);
            bounded = true;
        }
    }
    /* unbounded layers only: unbounded too, until a :dur(), an outer compose or a render
     * that has to know */
    double duration = isnan(o->duration) ? (bounded ? end : INFINITY) : o->duration;
    if (!(duration > 0)) {
        mr_err_set(err, "compose: duration %g s must be positive", duration);
        return NULL;
    }
    if (video && (w <= 0 || h <= 0 || w > 16384 || h > 16384)) {
        mr_err_set(err, "compose: size %dx%d is not a picture size", w, h);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&compose_ops, sizeof(compose_priv), NULL, err);
    if (!c)
        return NULL;
    compose_priv *p = c->priv;
    if (!(p->layers = calloc((size_t)n, sizeof *p->layers))) {
        mr_clip_unref(c);
        mr_err_set(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < n; i++)
        p->layers[i] = mr_clip_ref(layers[i]);
    p->n = n;
    p->bg = mr_rgba_premul(o->bg);
    p->ramp = mr_declick_samples();
    c->w = video ? w : 0;
    c->h = video ? h : 0;
    c->fps = fps.num ? fps : (mr_rational){30, 1};
    c->duration = duration;
    c->has_video = video;
    c->has_audio = audio;
    /* a title card of stills that all last the whole time is one picture: cache it */
    c->is_static = true;
    for (int i = 0; i < n; i++) {
        const mr_clip *l = layers[i];
        if (l->has_video && (!l->is_static || l->start > 0 || l->start + l->duration < duration ||
                             (l->pos.curve && !mr_curve_is_constant(l->pos.curve))))
            c->is_static = false;
    }
    return c;
}
