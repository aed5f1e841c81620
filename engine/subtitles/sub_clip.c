/* sub_clip.c: the subtitle clips: a transparent picture of the cues (subtitles(...), to
 * compose) and the cues burnt onto a clip (clip:subtitles(...)), both drawn by sub_render.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/subtitles/subtitles.h"

typedef struct sub_priv {
    mr_subs *subs;
    char name[128]; /* the file's name, for describe */
} sub_priv;

static int sub_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    int x, y;
    return mr_subs_picture(((const sub_priv *)c->priv)->subs, t, ev, true, out, &x, &y);
}

static void sub_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "\"%s\"", ((const sub_priv *)c->priv)->name);
}

static void sub_destroy(mr_clip *c) { mr_subs_free(((sub_priv *)c->priv)->subs); }

static const mr_clip_ops sub_ops = {"subtitles", sub_picture, NULL, sub_describe, sub_destroy};

/* What both constructors do: opens path at w x h and makes the clip (ops, over in) holding it,
 * named after the file. NULL with err set. */
static mr_clip *sub_clip_new(const mr_clip_ops *ops, mr_clip *in, const char *path, const mr_sub_style *style, int w,
                             int h, mr_err *err)
{
    mr_subs *s = mr_subs_open(path, style, w, h, err);
    if (!s)
        return NULL;
    mr_clip *c = mr_clip_alloc(ops, sizeof(sub_priv), in, err);
    if (!c) {
        mr_subs_free(s);
        return NULL;
    }
    sub_priv *p = c->priv;
    p->subs = s;
    const char *slash = strrchr(path, '/');
    snprintf(p->name, sizeof p->name, "%s", slash ? slash + 1 : path);
    return c;
}

mr_clip *mr_subtitles_new(const char *path, const mr_sub_style *style, int w, int h, mr_err *err)
{
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        mr_err_set(err, "subtitles: size %dx%d is not a picture size", w, h);
        return NULL;
    }
    mr_clip *c = sub_clip_new(&sub_ops, NULL, path, style, w, h, err);
    if (!c)
        return NULL;
    c->w = w;
    c->h = h;
    c->duration = INFINITY; /* transparent after the last cue: lasts as long as what it is composed with */
    c->has_video = true;
    return c;
}

/* The input's picture with the inked rectangle drawn over it; the input's own picture
 * (no copy) while nothing shows. */
static int burn_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    mr_frame *f, *ink;
    int x, y;
    if (mr_clip_picture(c->input, t, ev, &f) < 0)
        return -1;
    if (mr_subs_picture(((const sub_priv *)c->priv)->subs, t, ev, false, &ink, &x, &y) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    int ret = 0;
    if (ink && ((ret = mr_frame_make_writable(&f, ev->gpu, ev->err)) == 0))
        ret = mr_k_over(ev, f, ink, x, y, 255);
    mr_frame_unref(ink);
    if (ret < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

static const mr_clip_ops burn_ops = {"subtitles", burn_picture, mr_pass_sound, sub_describe, sub_destroy};

mr_clip *mr_subtitles_burn(mr_clip *in, const char *path, const mr_sub_style *style, mr_err *err)
{
    if (!in->has_video) {
        mr_err_set(err, "subtitles: the clip has no picture to draw them on");
        return NULL;
    }
    mr_clip *c = sub_clip_new(&burn_ops, in, path, style, in->w, in->h, err);
    if (!c)
        return NULL;
    c->is_static = false;
    return c;
}
