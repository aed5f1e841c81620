/* png_out.c: one working frame to a PNG file (alpha kept, colour un-premultiplied). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include "engine/output/alpha_out.h"
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
    mr_alpha_straight_into(src, f->data[0], f->linesize[0], src->w, src->h); /* as PNG stores it */
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
    int r = mr_part_write_file(path, png, size, err);
    free(png);
    return r;
}
