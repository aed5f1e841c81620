/* png_out.c: one working frame to a PNG file (alpha kept, colour un-premultiplied). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include "engine/output/output.h"
#include "engine/output/part_file.h"

int mr_png_encode(const mr_frame *src, uint8_t **out, size_t *size, mr_err *err)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    AVCodecContext *e = codec ? avcodec_alloc_context3(codec) : NULL;
    AVFrame *f = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    int r = -1;
    *out = NULL;
    if (!e || !f || !pkt) {
        mr_err_set(err, "cannot make a PNG encoder");
        goto done;
    }
    e->width = src->w;
    e->height = src->h;
    e->pix_fmt = AV_PIX_FMT_RGBA;
    e->time_base = (AVRational){1, 1};
    e->compression_level = 3; /* previews: fast over small */
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
    for (int y = 0; y < src->h; y++) { /* un-premultiplied, as PNG stores it */
        const uint8_t *s = mr_frame_row(src, y);
        uint8_t *d = f->data[0] + (size_t)y * f->linesize[0];
        for (int x = 0; x < src->w; x++, s += 4, d += 4) {
            unsigned a = s[3];
            for (int c = 0; c < 3; c++) {
                unsigned v = a == 0 ? 0 : a == 255 ? s[c] : (s[c] * 255 + a / 2) / a;
                d[c] = (uint8_t)(v > 255 ? 255 : v);
            }
            d[3] = (uint8_t)a;
        }
    }
    if ((r = avcodec_send_frame(e, f)) < 0 || (r = avcodec_send_frame(e, NULL)) < 0 ||
        (r = avcodec_receive_packet(e, pkt)) < 0) {
        r = mr_err_av(err, r, "cannot encode the PNG");
        goto done;
    }
    if (!(*out = malloc((size_t)pkt->size))) {
        r = mr_err_set(err, "out of memory");
        goto done;
    }
    memcpy(*out, pkt->data, (size_t)pkt->size);
    *size = (size_t)pkt->size;
    r = 0;
done:
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&e);
    return r < 0 ? -1 : 0;
}

int mr_png_write(const mr_frame *src, const char *path, mr_err *err)
{
    uint8_t *png;
    size_t size;
    if (mr_png_encode(src, &png, &size, err) < 0)
        return -1;
    mr_part part;
    if (mr_part_create(&part, path, err) < 0) {
        free(png);
        return -1;
    }
    FILE *fp = fopen(part.path, "wb");
    bool ok = fp && fwrite(png, 1, size, fp) == size;
    ok = (fp && fclose(fp) == 0) && ok;
    free(png);
    if (!ok) {
        mr_part_discard(&part);
        return mr_err_set(err, "cannot write '%s'", path);
    }
    return mr_part_commit(&part, path, err);
}
