/* alpha_out.c: transparency on the way out (alpha_out.h). */
#include "engine/output/alpha_out.h"

#include <string.h>

enum AVPixelFormat mr_alpha_format(const AVCodec *c)
{
    /* in order of preference: the most precise layout an encoder takes first */
    static const enum AVPixelFormat wanted[] = {AV_PIX_FMT_YUVA444P10LE, AV_PIX_FMT_YUVA444P, AV_PIX_FMT_YUVA422P,
                                                AV_PIX_FMT_YUVA420P, AV_PIX_FMT_RGBA, AV_PIX_FMT_ARGB,
                                                AV_PIX_FMT_BGRA};
    if (!c || c->type != AVMEDIA_TYPE_VIDEO)
        return AV_PIX_FMT_NONE;
    if (c->id == AV_CODEC_ID_GIF)
        return AV_PIX_FMT_RGBA;
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        for (const enum AVPixelFormat *p = c->pix_fmts; p && *p != AV_PIX_FMT_NONE; p++)
            if (*p == wanted[i])
                return *p;
    return AV_PIX_FMT_NONE;
}

bool mr_alpha_holds(const AVCodec *c, const char *muxer)
{
    if (mr_alpha_format(c) == AV_PIX_FMT_NONE)
        return false;
    bool vpx = c->id == AV_CODEC_ID_VP8 || c->id == AV_CODEC_ID_VP9;
    return !vpx || !muxer || !strcmp(muxer, "webm") || !strcmp(muxer, "matroska");
}

void mr_alpha_straight_row(const uint8_t *s, uint8_t *d, int w)
{
    for (int x = 0; x < w; x++, s += 4, d += 4) {
        unsigned a = s[3];
        if (a == 255) {
            memcpy(d, s, 4);
            continue;
        }
        for (int c = 0; c < 3; c++) {
            unsigned v = a == 0 ? 0 : (s[c] * 255 + a / 2) / a;
            d[c] = (uint8_t)(v > 255 ? 255 : v);
        }
        d[3] = (uint8_t)a;
    }
}

void mr_alpha_straight_into(const mr_frame *src, uint8_t *dst, int stride, int W, int H)
{
    for (int y = 0; y < H; y++) {
        uint8_t *d = dst + (size_t)y * stride;
        mr_alpha_straight_row(mr_frame_row(src, y < src->h ? y : src->h - 1), d, src->w);
        for (int x = src->w; x < W; x++)
            memcpy(d + 4 * x, d + 4 * (src->w - 1), 4);
    }
}

bool mr_frame_transparent(const mr_frame *f)
{
    if (f->opaque)
        return false;
    for (int y = 0; y < f->h; y++) {
        const uint8_t *p = mr_frame_row(f, y);
        for (int x = 0; x < f->w; x++)
            if (p[4 * x + 3] != 255)
                return true;
    }
    return false;
}

mr_frame *mr_frame_flatten(const mr_frame *f, mr_err *err)
{
    mr_frame *o = mr_frame_new(f->w, f->h, err);
    if (!o)
        return NULL;
    for (int y = 0; y < f->h; y++) {
        uint8_t *d = mr_frame_row(o, y);
        memcpy(d, mr_frame_row(f, y), (size_t)f->w * 4);
        for (int x = 0; x < f->w; x++) /* premultiplied: the colour is already over black */
            d[4 * x + 3] = 255;
    }
    o->opaque = true;
    return o;
}
