/* scale.c: pixel-format conversion by libswscale behind a small per-context cache. */
#include "engine/kernels/cpu/scale.h"

#include <stdlib.h>
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
#include "engine/media/colorspace.h"
#include "engine/kernels/kernel_params.h"

#define CACHE_SLOTS 6

typedef struct scaler {
    int sw, sh, sfmt, dw, dh, dfmt, csp, full, to_yuv;
    struct SwsContext *ctx;
} scaler;

struct mr_scaler_cache {
    scaler slot[CACHE_SLOTS];
    int next;
};

static const int sws_flags = SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP;

static int sws_colorspace(int matrix)
{
    return matrix == MR_MATRIX_BT601 ? SWS_CS_ITU601 : matrix == MR_MATRIX_BT2020 ? SWS_CS_BT2020 : SWS_CS_ITU709;
}

/* A context for the conversion described by key, from the cache (or made and cached).
 * Returns NULL with err set when swscale refuses it. */
static struct SwsContext *get_scaler(struct mr_scaler_cache **cachep, scaler key, mr_err *err)
{
    struct mr_scaler_cache *cache = *cachep;
    if (!cache && !(cache = *cachep = calloc(1, sizeof *cache))) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < CACHE_SLOTS; i++) {
        scaler *s = &cache->slot[i];
        if (s->ctx && s->sw == key.sw && s->sh == key.sh && s->sfmt == key.sfmt && s->dw == key.dw &&
            s->dh == key.dh && s->dfmt == key.dfmt && s->csp == key.csp && s->full == key.full &&
            s->to_yuv == key.to_yuv)
            return s->ctx;
    }
    key.ctx = sws_getContext(key.sw, key.sh, key.sfmt, key.dw, key.dh, key.dfmt, sws_flags, NULL, NULL, NULL);
    if (!key.ctx) {
        mr_err_set(err, "cannot convert %dx%d %s to %dx%d %s", key.sw, key.sh,
                   av_get_pix_fmt_name(key.sfmt), key.dw, key.dh, av_get_pix_fmt_name(key.dfmt));
        return NULL;
    }
    if (key.csp >= 0) {
        const int *coefs = sws_getCoefficients(key.csp);
        sws_setColorspaceDetails(key.ctx, coefs, key.full, sws_getCoefficients(SWS_CS_ITU709), 1, 0, 1 << 16, 1 << 16);
    } else if (key.to_yuv) {
        const int *bt709 = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(key.ctx, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    }
    scaler *s = &cache->slot[cache->next];
    cache->next = (cache->next + 1) % CACHE_SLOTS;
    sws_freeContext(s->ctx);
    *s = key;
    return s->ctx;
}

void mr_scaler_cache_free(struct mr_scaler_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < CACHE_SLOTS; i++)
        sws_freeContext(c->slot[i].ctx);
    free(c);
}

void mr_cpu_premultiply(mr_frame *f)
{
    bool opaque = true;
    for (int y = 0; y < f->h; y++) {
        uint8_t *p = mr_frame_row(f, y);
        for (int x = 0; x < f->w; x++, p += 4) {
            unsigned a = p[3];
            if (a != 255) {
                opaque = false;
                p[0] = (uint8_t)mr_div255(p[0] * a);
                p[1] = (uint8_t)mr_div255(p[1] * a);
                p[2] = (uint8_t)mr_div255(p[2] * a);
            }
        }
    }
    f->opaque = opaque;
}

int mr_cpu_any_to_rgba(mr_eval *ev, const AVFrame *src, int matrix, bool full_range, mr_frame *dst, mr_err *err)
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(src->format);
    bool yuv = d && !(d->flags & AV_PIX_FMT_FLAG_RGB) && d->nb_components >= 3;
    scaler key = {src->width, src->height, src->format, dst->w, dst->h, AV_PIX_FMT_RGBA,
                  yuv ? sws_colorspace(matrix) : -1, full_range, 0, NULL};
    struct mr_scaler_cache *local = NULL;
    struct SwsContext *ctx = get_scaler(ev ? &ev->scalers : &local, key, err);
    if (!ctx)
        return -1;
    uint8_t *dp[4] = {dst->data};
    int ds[4] = {dst->stride};
    sws_scale(ctx, (const uint8_t *const *)src->data, src->linesize, 0, src->height, dp, ds);
    mr_scaler_cache_free(local);
    mr_cpu_premultiply(dst);
    return 0;
}

int mr_cpu_rgba_to_av(mr_eval *ev, const mr_frame *src, AVFrame *dst, mr_err *err)
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(dst->format);
    bool yuv = d && !(d->flags & AV_PIX_FMT_FLAG_RGB) && d->nb_components >= 3;
    scaler key = {src->w, src->h, AV_PIX_FMT_RGBA, dst->width, dst->height, dst->format, -1, 0, yuv, NULL};
    struct SwsContext *ctx = get_scaler(&ev->scalers, key, err);
    if (!ctx)
        return -1;
    const uint8_t *sp[4] = {src->data};
    int ss[4] = {src->stride};
    sws_scale(ctx, sp, ss, 0, src->h, dst->data, dst->linesize);
    return 0;
}
