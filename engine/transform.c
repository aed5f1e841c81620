/* transform.c: nodes that change the picture's geometry: resize, crop, at, fit. */
#include <math.h>
#include <stdio.h>
#include "engine/kernels.h"
#include "engine/eval.h"
#include "engine/ops.h"

typedef struct rect_priv {
    int x, y;
} rect_priv;

static int resize_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    int r = f ? mr_k_resize(ev, in, f) : -1;
    mr_frame_unref(in);
    if (r < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static int crop_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const rect_priv *p = c->priv;
    mr_frame *in;
    if (mr_clip_picture(c->input, t, ev, &in) < 0)
        return -1;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (f && mr_k_copy_rect(ev, f, in, p->x, p->y, c->w, c->h) < 0) {
        mr_frame_unref(f);
        f = NULL;
    }
    mr_frame_unref(in);
    *out = f;
    return f ? 0 : -1;
}

static void crop_describe(const mr_clip *c, char *buf, size_t n)
{
    const rect_priv *p = c->priv;
    snprintf(buf, n, "at %d,%d", p->x, p->y);
}

static void at_describe(const mr_clip *c, char *buf, size_t n)
{
    mr_pos_describe(&c->pos, buf, n);
}

static const mr_clip_ops resize_ops = {"resize", resize_picture, mr_pass_sound, NULL, NULL};
static const mr_clip_ops crop_ops = {"crop", crop_picture, mr_pass_sound, crop_describe, NULL};
static const mr_clip_ops at_ops = {"at", mr_pass_picture, mr_pass_sound, at_describe, NULL};

static bool check_picture(const mr_clip *c, const char *op, mr_err *err)
{
    if (!c->has_video)
        mr_err_set(err, "%s: the clip has no picture", op);
    return c->has_video;
}

mr_clip *mr_clip_resize(mr_clip *c, int w, int h, mr_err *err)
{
    if (!check_picture(c, "resize", err))
        return NULL;
    if (w < 1 || h < 1 || w > 16384 || h > 16384) {
        mr_err_set(err, "resize: %dx%d is not a picture size (1..16384)", w, h);
        return NULL;
    }
    if (w == c->w && h == c->h)
        return mr_clip_ref(c);
    mr_clip *n = mr_clip_alloc(&resize_ops, 0, c, err);
    if (n) {
        n->w = w;
        n->h = h;
    }
    return n;
}

mr_clip *mr_clip_crop(mr_clip *c, int x, int y, int w, int h, mr_err *err)
{
    if (!check_picture(c, "crop", err))
        return NULL;
    if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > c->w || y + h > c->h) {
        mr_err_set(err, "crop: %dx%d at %d,%d does not fit inside the %dx%d picture", w, h, x, y, c->w, c->h);
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&crop_ops, sizeof(rect_priv), c, err);
    if (n) {
        *(rect_priv *)n->priv = (rect_priv){x, y};
        n->w = w;
        n->h = h;
    }
    return n;
}

mr_clip *mr_clip_at(mr_clip *c, mr_pos pos, mr_err *err)
{
    if (!isfinite(pos.x) || !isfinite(pos.y)) {
        mr_err_set(err, "at: position must be finite");
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&at_ops, 0, c, err);
    if (n)
        n->pos = pos;
    return n;
}

mr_clip *mr_clip_fit(mr_clip *c, int w, int h, mr_rgba bg, mr_err *err)
{
    if (!c->has_video || (c->w == w && c->h == h))
        return mr_clip_ref(c);
    /* the largest size of the same shape that fits, centred on bg */
    double k = fmin((double)w / c->w, (double)h / c->h);
    int fw = (int)lround(c->w * k), fh = (int)lround(c->h * k);
    fw = fw < 1 ? 1 : fw > w ? w : fw;
    fh = fh < 1 ? 1 : fh > h ? h : fh;
    mr_clip *scaled = mr_clip_resize(c, fw, fh, err);
    if (!scaled)
        return NULL;
    mr_clip *placed = mr_clip_at(scaled, (mr_pos){MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0}, err);
    mr_clip_unref(scaled);
    if (!placed)
        return NULL;
    placed->start = 0;
    mr_compose_opts o = mr_compose_opts_default();
    o.w = w;
    o.h = h;
    o.fps = c->fps;
    o.duration = c->duration;
    o.bg = bg;
    mr_clip *framed = mr_compose_new(&placed, 1, &o, err);
    mr_clip_unref(placed);
    if (framed) {
        framed->start = c->start;
        framed->pos = c->pos;
        snprintf(framed->origin, sizeof framed->origin, "%s", c->origin);
    }
    return framed;
}
