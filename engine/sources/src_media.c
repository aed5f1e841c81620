/* src_media.c: video() and audio() nodes over a media file. */
#include <stdio.h>
#include <string.h>
#include <libavutil/frame.h>
#include "engine/core/eval.h"
#include "engine/gpu/gpu.h"
#include "engine/media/media.h"
#include "engine/media/picture_in.h"
#include "engine/media/sequence.h"
#include "engine/sources/sources.h"

typedef struct media_priv {
    mr_media *media;
} media_priv;

static int media_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const media_priv *p = c->priv;
    const mr_media_info *in = mr_media_info_of(p->media);
    AVFrame *f = NULL;
    if (mr_media_picture(p->media, t, ev->gpu ? mr_gpu_hw_device(ev->gpu) : NULL, ev->in_flight + 2, ev->conceal, &f,
                         ev->err) < 0)
        return -1;
    /* the frame's own tags win over the container's (or over our guess when it had none) */
    mr_matrix m = in->matrix;
    switch (f->colorspace) {
    case AVCOL_SPC_BT709: m = MR_MATRIX_BT709; break;
    case AVCOL_SPC_BT470BG: case AVCOL_SPC_SMPTE170M: m = MR_MATRIX_BT601; break;
    case AVCOL_SPC_BT2020_NCL: case AVCOL_SPC_BT2020_CL: m = MR_MATRIX_BT2020; break;
    default: break;
    }
    bool full = f->color_range == AVCOL_RANGE_JPEG ? true : f->color_range == AVCOL_RANGE_MPEG ? false : in->full_range;
    int r = mr_picture_from_av(ev, f, m, full, out, ev->err);
    av_frame_free(&f);
    if (r == 0 && mr_picture_orient(ev, out, in->orient) < 0) { /* stored sideways: shown upright */
        mr_frame_unref(*out);
        *out = NULL;
        return -1;
    }
    return r;
}

static int media_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const media_priv *p = c->priv;
    return mr_media_sound(p->media, s0, n, ev->conceal, out, ev->err);
}

static void media_describe(const mr_clip *c, char *buf, size_t n)
{
    const media_priv *p = c->priv;
    const char *path = mr_media_info_of(p->media)->path, *slash = strrchr(path, '/');
    snprintf(buf, n, "\"%s\"", slash ? slash + 1 : path);
}

static void media_destroy(mr_clip *c)
{
    media_priv *p = c->priv;
    mr_media_unref(p->media);
}

static const mr_clip_ops video_ops = {"video", media_picture, media_sound, media_describe, media_destroy};
static const mr_clip_ops audio_ops = {"audio", NULL, media_sound, media_describe, media_destroy};

static mr_clip *open_media(const char *path, bool picture, mr_rational fps, mr_err *err)
{
    if (fps.num > 0 && !mr_sequence_is(path)) {
        mr_err_set(err, "fps is for image sequences (a name with a number pattern, such as frames/%%04d.png): '%s' "
                        "is not one", path);
        return NULL;
    }
    mr_media *m = mr_media_open(path, fps, err);
    if (!m)
        return NULL;
    const mr_media_info *in = mr_media_info_of(m);
    if (!picture && !in->has_audio) {
        mr_err_set(err, "'%s' has no sound", path);
        mr_media_unref(m);
        return NULL;
    }
    if (picture && !in->has_video) {
        mr_err_set(err, "'%s' has no picture, only sound: use audio(\"%s\") for it", path, path);
        mr_media_unref(m);
        return NULL;
    }
    if (picture && in->still) {
        mr_err_set(err, "'%s' is a still picture (%s), not a video: use image(\"%s\") and give it a duration with "
                   ":dur()", path, in->vcodec, path);
        mr_media_unref(m);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(picture ? &video_ops : &audio_ops, sizeof(media_priv), NULL, err);
    if (!c) {
        mr_media_unref(m);
        return NULL;
    }
    ((media_priv *)c->priv)->media = m;
    c->duration = in->duration > 0 ? in->duration : INFINITY;
    c->has_audio = in->has_audio;
    if (picture && in->has_video) {
        c->has_video = true;
        c->w = in->w;
        c->h = in->h;
        c->fps = in->fps;
    }
    if (in->has_video && in->frames == 1 && picture) { /* a single picture in a video container */
        c->is_static = true;
    }
    return c;
}

mr_clip *mr_video_new(const char *path, mr_err *err) { return open_media(path, true, (mr_rational){0, 1}, err); }
mr_clip *mr_video_new_rate(const char *path, mr_rational fps, mr_err *err) { return open_media(path, true, fps, err); }
mr_clip *mr_audio_new(const char *path, mr_err *err) { return open_media(path, false, (mr_rational){0, 1}, err); }
