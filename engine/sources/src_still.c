/* src_still.c: image() and color() nodes: pictures that do not change with time. */
#include <stdio.h>
#include <string.h>
#include <libavutil/frame.h>
#include "engine/kernels/kernels.h"
#include "engine/kernels/cpu/scale.h"
#include "engine/core/cache.h"
#include "engine/media/demux.h"
#include "engine/core/eval.h"
#include "engine/media/media.h"
#include "engine/media/picture_in.h"
#include "engine/sources/sources.h"

typedef struct image_priv {
    char path[1024];
    int coded_w, coded_h; /* as stored; the clip's size is as shown */
    mr_orient orient;     /* a display matrix's turn (a picture in a video container) */
} image_priv;

/* Decodes the first picture of the file (once: the node's still cache keeps it). */
static int image_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const image_priv *p = c->priv;
    mr_demux dm;
    if (mr_demux_open(&dm, p->path, AVMEDIA_TYPE_VIDEO, NULL, ev->err) < 0)
        return -1;
    AVFrame *f = av_frame_alloc();
    int r = f ? mr_demux_next(&dm, f, p->path, NULL, ev->err) : mr_err_set(ev->err, "out of memory");
    if (r == 1)
        r = mr_err_set(ev->err, "'%s' holds no picture", p->path);
    if (r == 0 && (f->width != p->coded_w || f->height != p->coded_h))
        r = mr_err_set(ev->err, "'%s' changed size since it was opened", p->path);
    mr_frame *img = NULL;
    if (r == 0 && (img = mr_frame_new(p->coded_w, p->coded_h, ev->err)) != NULL) {
        bool full = true; /* stills in YUV (JPEG) are full range */
        r = mr_cpu_any_to_rgba(ev, f, p->coded_w >= 1280 ? 1 : 0, full, img, ev->err);
        if (r == 0)
            r = mr_picture_orient(ev, &img, p->orient);
    } else if (r == 0) {
        r = -1;
    }
    av_frame_free(&f);
    mr_demux_close(&dm);
    if (r < 0) {
        mr_frame_unref(img);
        return -1;
    }
    *out = img;
    return 0;
}

static void image_describe(const mr_clip *c, char *buf, size_t n)
{
    const image_priv *p = c->priv;
    const char *slash = strrchr(p->path, '/');
    snprintf(buf, n, "\"%s\"", slash ? slash + 1 : p->path);
}

static const mr_clip_ops image_ops = {"image", image_picture, NULL, image_describe, NULL};

static void *clip_ref(void *c) { return mr_clip_ref(c); }
static void clip_unref(void *c) { mr_clip_unref(c); }

mr_clip *mr_image_new(const char *path, mr_err *err)
{
    mr_clip *cached = mr_cache_get("image", path, clip_ref);
    if (cached) /* the same picture again: its node, and the picture it decoded, are shared */
        return cached;
    mr_media_info info;
    if (mr_media_probe(path, &info, err) < 0)
        return NULL;
    if (!info.has_video) {
        mr_err_set(err, "'%s' is not a picture", path);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&image_ops, sizeof(image_priv), NULL, err);
    if (!c)
        return NULL;
    image_priv *p = c->priv;
    snprintf(p->path, sizeof p->path, "%s", path);
    p->coded_w = info.coded_w;
    p->coded_h = info.coded_h;
    p->orient = info.orient;
    c->w = info.w;
    c->h = info.h;
    c->has_video = true;
    c->is_static = true;
    mr_cache_put("image", path, c, clip_ref, clip_unref);
    return c;
}

typedef struct color_priv {
    mr_rgba color;
} color_priv;

static int color_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const color_priv *p = c->priv;
    mr_frame *f = mr_k_new(ev, c->w, c->h);
    if (!f || mr_k_fill(ev, f, mr_rgba_premul(p->color)) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static void color_describe(const mr_clip *c, char *buf, size_t n)
{
    const color_priv *p = c->priv;
    snprintf(buf, n, "#%02x%02x%02x%02x", p->color.r, p->color.g, p->color.b, p->color.a);
}

static const mr_clip_ops color_ops = {"color", color_picture, NULL, color_describe, NULL};

mr_clip *mr_color_new(mr_rgba color, int w, int h, mr_err *err)
{
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        mr_err_set(err, "color: size %dx%d is not a picture size", w, h);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&color_ops, sizeof(color_priv), NULL, err);
    if (!c)
        return NULL;
    ((color_priv *)c->priv)->color = color;
    c->w = w;
    c->h = h;
    c->has_video = true;
    c->is_static = true;
    return c;
}
