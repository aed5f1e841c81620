/* png_out.c: one working frame to a PNG file (alpha kept, colour un-premultiplied). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include "engine/output.h"

int mr_png_write(const mr_frame *src, const char *path, mr_err *err)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    AVCodecContext *e = codec ? avcodec_alloc_context3(codec) : NULL;
    AVFrame *f = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    char tmp[4096];
    tmp[0] = 0;
    int r = -1;
    if (!e || !f || !pkt) {
        mr_err_set(err, "cannot make a PNG encoder");
        goto done;
    }
    e->width = src->w;
    e->height = src->h;
    e->pix_fmt = AV_PIX_FMT_RGBA;
    e->time_base = (AVRational){1, 1};
    if ((r = avcodec_open2(e, codec, NULL)) < 0) {
        r = mr_err_av(err, r, "cannot open the PNG encoder");
        goto done;
    }
    f->format = AV_PIX_FMT_RGBA;
    f->width = src->w;
    f->height = src->h;
    if (av_frame_get_buffer(f, 0) < 0) {
        r = mr_err_set(err, "out of memory");
        goto done;
    }
    for (int y = 0; y < src->h; y++) {
        const uint8_t *s = mr_frame_row(src, y);
        uint8_t *d = f->data[0] + (size_t)y * f->linesize[0];
        for (int x = 0; x < src->w; x++, s += 4, d += 4) {
            unsigned a = s[3];
            for (int c = 0; c < 3; c++)
                d[c] = a == 0 ? 0 : a == 255 ? s[c] : (uint8_t)((s[c] * 255 + a / 2) / a > 255 ? 255 : (s[c] * 255 + a / 2) / a);
            d[3] = (uint8_t)a;
        }
    }
    if ((r = avcodec_send_frame(e, f)) < 0 || (r = avcodec_send_frame(e, NULL)) < 0 ||
        (r = avcodec_receive_packet(e, pkt)) < 0) {
        r = mr_err_av(err, r, "cannot encode the PNG");
        goto done;
    }
    mr_temp_path(path, tmp, sizeof tmp);
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        tmp[0] = 0;
        r = mr_err_set(err, "cannot write '%s'", path);
        goto done;
    }
    bool ok = fwrite(pkt->data, 1, pkt->size, fp) == (size_t)pkt->size;
    ok = (fclose(fp) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        r = mr_err_set(err, "cannot write '%s'", path);
        goto done;
    }
    tmp[0] = 0;
    r = 0;
done:
    if (tmp[0])
        unlink(tmp);
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&e);
    return r < 0 ? -1 : 0;
}
