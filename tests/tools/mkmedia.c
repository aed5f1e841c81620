/* mkmedia: small input files for the end-to-end tests, made with libavformat/libavcodec/
 * libswscale alone (independent of moonreel's engine), 128x64, 10 frames at 25 fps:
 *   mkmedia OUT.mp4 quad [ROTATE [hflip|vflip]]
 *       H.264 (libx264) of four quadrants: red top left, green top right, blue bottom left,
 *       white bottom right; with ROTATE, a display matrix telling players to turn the
 *       picture ROTATE degrees clockwise (as a phone's upright video does: 90), then mirror
 *       it left-right (hflip) or upside down (vflip): av_display_rotation_set and
 *       av_display_matrix_flip, as the ffmpeg command's -display_rotation/-display_hflip.
 *   mkmedia OUT.webm alpha
 *       VP9 with an alpha channel (libvpx-vp9, yuva420p, lossless): the left half opaque red,
 *       the top right quarter green at alpha 128, the bottom right quarter transparent (white
 *       colour under alpha 0).
 * Exit status 0, or 1 with a message. */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W = 128, H = 64, FRAMES = 10 };

static void die(const char *what)
{
    fprintf(stderr, "mkmedia: %s\n", what);
    exit(1);
}

/* The RGBA picture of each kind (straight alpha). */
static void draw(uint8_t *rgba, int alpha)
{
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = rgba + 4 * (y * W + x);
            bool right = x >= W / 2, bottom = y >= H / 2;
            uint8_t c[4];
            if (alpha)
                memcpy(c, !right ? (uint8_t[4]){255, 0, 0, 255} : !bottom ? (uint8_t[4]){0, 255, 0, 128}
                                                                          : (uint8_t[4]){255, 255, 255, 0}, 4);
            else
                memcpy(c, !bottom ? (right ? (uint8_t[4]){0, 255, 0, 255} : (uint8_t[4]){255, 0, 0, 255})
                                  : (right ? (uint8_t[4]){255, 255, 255, 255} : (uint8_t[4]){0, 0, 255, 255}), 4);
            memcpy(p, c, 4);
        }
}

/* Sends frame (NULL: the end) and writes what the encoder gives back. */
static void encode(AVFormatContext *oc, AVCodecContext *enc, AVStream *st, AVFrame *frame)
{
    if (avcodec_send_frame(enc, frame) < 0)
        die("the encoder refused a frame");
    AVPacket *pkt = av_packet_alloc();
    while (avcodec_receive_packet(enc, pkt) == 0) {
        if (pkt->duration <= 0)
            pkt->duration = 1; /* one frame: the last one too, so the file lasts FRAMES / 25 s */
        av_packet_rescale_ts(pkt, enc->time_base, st->time_base);
        pkt->stream_index = st->index;
        if (av_interleaved_write_frame(oc, pkt) < 0)
            die("cannot write a packet");
    }
    av_packet_free(&pkt);
}

int main(int argc, char **argv)
{
    av_log_set_level(AV_LOG_ERROR);
    if (argc < 3 || (strcmp(argv[2], "quad") && strcmp(argv[2], "alpha")) || (!strcmp(argv[2], "alpha") && argc != 3) ||
        argc > 5) {
        fprintf(stderr, "usage: mkmedia OUT.mp4 quad [ROTATE [hflip|vflip]] | mkmedia OUT.webm alpha\n");
        return 2;
    }
    int alpha = !strcmp(argv[2], "alpha");
    AVFormatContext *oc = NULL;
    if (avformat_alloc_output_context2(&oc, NULL, NULL, argv[1]) < 0)
        die("unknown container (the extension)");
    const AVCodec *codec = avcodec_find_encoder_by_name(alpha ? "libvpx-vp9" : "libx264");
    if (!codec)
        die(alpha ? "no libvpx-vp9 encoder" : "no libx264 encoder");
    AVCodecContext *enc = avcodec_alloc_context3(codec);
    enc->width = W;
    enc->height = H;
    enc->time_base = (AVRational){1, 25};
    enc->framerate = (AVRational){25, 1};
    enc->gop_size = FRAMES;
    enc->pix_fmt = alpha ? AV_PIX_FMT_YUVA420P : AV_PIX_FMT_YUV420P;
    enc->colorspace = AVCOL_SPC_BT709;
    enc->color_primaries = AVCOL_PRI_BT709;
    enc->color_trc = AVCOL_TRC_BT709;
    enc->color_range = AVCOL_RANGE_MPEG;
    if (oc->oformat->flags & AVFMT_GLOBALHEADER)
        enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (alpha) {
        av_opt_set_int(enc->priv_data, "lossless", 1, 0);
        av_opt_set(enc->priv_data, "deadline", "realtime", 0);
        av_opt_set_int(enc->priv_data, "cpu-used", 8, 0);
    } else {
        av_opt_set(enc->priv_data, "preset", "ultrafast", 0);
        av_opt_set(enc->priv_data, "crf", "10", 0);
    }
    if (avcodec_open2(enc, codec, NULL) < 0)
        die("cannot open the encoder");
    AVStream *st = avformat_new_stream(oc, NULL);
    avcodec_parameters_from_context(st->codecpar, enc);
    st->time_base = enc->time_base;
    if (!alpha && argc >= 4) {
        int32_t *m = (int32_t *)av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t));
        if (!m)
            die("out of memory");
        av_display_rotation_set(m, atof(argv[3])); /* clockwise, in this function's words */
        if (argc == 5)
            av_display_matrix_flip(m, !strcmp(argv[4], "hflip"), !strcmp(argv[4], "vflip"));
    }
    if (avio_open(&oc->pb, argv[1], AVIO_FLAG_WRITE) < 0)
        die("cannot write the file");
    if (avformat_write_header(oc, NULL) < 0)
        die("cannot write the header");

    /* the picture, converted to the encoder's YUV by swscale with BT.709 limited range */
    uint8_t *rgba = malloc(4 * W * H);
    draw(rgba, alpha);
    AVFrame *frame = av_frame_alloc();
    frame->format = enc->pix_fmt;
    frame->width = W;
    frame->height = H;
    if (av_frame_get_buffer(frame, 0) < 0)
        die("out of memory");
    struct SwsContext *sws = sws_getContext(W, H, AV_PIX_FMT_RGBA, W, H, enc->pix_fmt,
                                            SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, NULL, NULL, NULL);
    const int *k = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(sws, k, 1, k, 0, 0, 1 << 16, 1 << 16);
    const uint8_t *src[4] = {rgba};
    int src_stride[4] = {4 * W};
    sws_scale(sws, src, src_stride, 0, H, frame->data, frame->linesize);
    for (int i = 0; i < FRAMES; i++) {
        frame->pts = i;
        encode(oc, enc, st, frame);
    }
    encode(oc, enc, st, NULL);
    if (av_write_trailer(oc) < 0)
        die("cannot finish the file");
    avio_closep(&oc->pb);
    sws_freeContext(sws);
    av_frame_free(&frame);
    free(rgba);
    avcodec_free_context(&enc);
    avformat_free_context(oc);
    return 0;
}
