/* scripted.c: map and canvas nodes: a host frame handed to a callback per picture. */
#include "engine/sources/scripted.h"

#include <stdio.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"

typedef struct scripted_priv {
    mr_picture_fn fn;
    void *ud;
    void (*release)(void *ud);
} scripted_priv;

static int map_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const scripted_priv *p = c->priv;
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    mr_frame *f = in->gpu ? mr_k_to_host(ev->gpu, in, ev->err) : in;
    if (f != in)
        mr_frame_unref(in);
    if (!f || mr_frame_make_writable(&f, ev->gpu, ev->err) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    if (p->fn(p->ud, t, f, ev->err) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f; /* mr_clip_picture moves it to the GPU for a GPU evaluation */
    return 0;
}

static int canvas_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const scripted_priv *p = c->priv;
    mr_frame *f = mr_frame_new(c->w, c->h, ev->err);
    if (!f)
        return -1;
    memset(f->data, 0, (size_t)f->stride * f->h);
    f->opaque = false;
    if (p->fn(p->ud, t, f, ev->err) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static void scripted_destroy(mr_clip *c)
{
    scripted_priv *p = c->priv;
    if (p->release)
        p->release(p->ud);
}

static const mr_clip_ops map_ops = {"map", map_picture, mr_pass_sound, NULL, scripted_destroy};
static const mr_clip_ops canvas_ops = {"canvas", canvas_picture, NULL, NULL, scripted_destroy};

mr_clip *mr_clip_map(mr_clip *in, mr_picture_fn fn, void *ud, void (*release)(void *ud), mr_err *err)
{
    if (!in->has_video) {
        mr_err_set(err, "map: the clip has no picture");
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&map_ops, sizeof(scripted_priv), in, err);
    if (!c)
        return NULL;
    *(scripted_priv *)c->priv = (scripted_priv){fn, ud, release};
    c->is_static = false; /* the script may change what it does with the time */
    return c;
}

mr_clip *mr_canvas_new(int w, int h, bool still, mr_picture_fn fn, void *ud, void (*release)(void *ud), mr_err *err)
{
    if (w < 1 || h < 1 || w > 16384 || h > 16384) {
        mr_err_set(err, "canvas: size %dx%d is not a picture size (1..16384)", w, h);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&canvas_ops, sizeof(scripted_priv), NULL, err);
    if (!c)
        return NULL;
    *(scripted_priv *)c->priv = (scripted_priv){fn, ud, release};
    c->w = w;
    c->h = h;
    c->has_video = true;
    c->is_static = still;
    return c;
}
