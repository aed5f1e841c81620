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
 *   mkmedia OUT.mov prores4444 | mkmedia OUT.mov qtrle | mkmedia OUT.png alphapng |
 *   mkmedia 'DIR/f_%04d.png' sequence | mkmedia OUT.webp alphawebp
 *       the same transparent picture as ProRes 4444 (prores_ks, yuva444p10le), QuickTime
 *       animation (qtrle, argb), a single PNG (rgba), an image sequence of 10 PNGs numbered
 *       from 7 (f_0007.png .. f_0016.png: a sequence need not start at 0 or 1), and a WebP
 *       (libwebp, yuva420p, lossless).
 *   mkmedia OUT.mp4 damaged
 *       2 s of the quad picture (H.264, 50 frames, a key frame every 25) with a 440 Hz tone
 *       (AAC, 48 kHz stereo), where the payload of sound packets 10, 30 and 50 and of picture
 *       packets 12 and 37 is overwritten with noise (as a bad disk or download does); the
 *       sound's noise is such that FFmpeg's AAC decoder fails with an error other than
 *       AVERROR_INVALIDDATA ("not implemented").
 *   mkmedia OUT.mkv says SECONDS
 *       the same 2 s of picture and sound in Matroska, whose header says the file lasts
 *       SECONDS; 0 leaves the length out (as a recording stopped before it wrote it).
 *   mkmedia OUT.png huge
 *       a PNG whose header says 65535x65535 pixels (its data is one tiny zlib block).
 *   mkmedia OUT.wav tone RATE mono|stereo|5.1   (or OUT.flac)
 *       1 s of sine tones at RATE samples a second (write_tone_file says which, where).
 * Exit status 0, or 1 with a message. */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { W = 128, H = 64, FRAMES = 10, LONG_FRAMES = 50, RATE = 48000 };

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

/* Packets of each stream whose payload `damaged` overwrites with noise (-1 ends a list). */
static const int damage_sound[] = {10, 30, 50, -1}, damage_picture[] = {12, 37, -1};
static bool damaging;
static int written[2];

/* Overwrites pkt's payload after its first bytes with noise when it is one of the listed
 * packets of its stream (0 picture, 1 sound). */
static void maybe_damage(AVPacket *pkt, int kind)
{
    const int *list = kind ? damage_sound : damage_picture;
    int n = written[kind]++;
    int hit = -1;
    for (int i = 0; list[i] >= 0; i++)
        if (list[i] == n)
            hit = i;
    if (!damaging || hit < 0 || av_packet_make_writable(pkt) < 0)
        return;
    /* noise that FFmpeg's AAC decoder meets with "not implemented" (AVERROR_PATCHWELCOME), the
     * kind of error a damaged frame gives that is not AVERROR_INVALIDDATA */
    static const uint32_t seeds[] = {0, 24, 27};
    uint32_t x = 12345u + seeds[hit] * 7919u;
    int keep = kind ? 0 : 6; /* H.264 in MP4: the NAL's length and header stay, the slice is noise */
    for (int i = keep; i < pkt->size; i++) {
        x = x * 1103515245u + 12345u;
        pkt->data[i] = (uint8_t)(x >> 16);
    }
}

/* Sends frame (NULL: the end) and writes what the encoder gives back. */
static void encode(AVFormatContext *oc, AVCodecContext *enc, AVStream *st, AVFrame *frame)
{
    if (avcodec_send_frame(enc, frame) < 0)
        die("the encoder refused a frame");
    AVPacket *pkt = av_packet_alloc();
    while (avcodec_receive_packet(enc, pkt) == 0) {
        bool sound = enc->codec_type == AVMEDIA_TYPE_AUDIO;
        maybe_damage(pkt, sound);
        if (pkt->duration <= 0)
            pkt->duration = sound ? enc->frame_size : 1; /* the last picture lasts one frame too */
        av_packet_rescale_ts(pkt, enc->time_base, st->time_base);
        pkt->stream_index = st->index;
        if (av_interleaved_write_frame(oc, pkt) < 0)
            die("cannot write a packet");
    }
    av_packet_free(&pkt);
}

/* PNG's CRC-32 of bytes (the chunk's type and data). */
static uint32_t crc32_png(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xffffffffu;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

/* Writes one PNG chunk. */
static void chunk(FILE *f, const char *type, const uint8_t *data, uint32_t n)
{
    uint8_t buf[64];
    put32(buf, n);
    memcpy(buf + 4, type, 4);
    if (n)
        memcpy(buf + 8, data, n);
    put32(buf + 8 + n, crc32_png(buf + 4, 4 + n));
    fwrite(buf, 1, 12 + n, f);
}

/* A PNG whose header says 65535x65535, 8-bit RGB; the data is an empty stored zlib block. */
static int write_huge_png(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot write the file");
    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
    uint8_t ihdr[13] = {0};
    put32(ihdr, 65535);
    put32(ihdr + 4, 65535);
    ihdr[8] = 8; /* bit depth */
    ihdr[9] = 2; /* RGB */
    chunk(f, "IHDR", ihdr, 13);
    static const uint8_t idat[] = {0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01};
    chunk(f, "IDAT", idat, sizeof idat);
    chunk(f, "IEND", NULL, 0);
    return fclose(f) == 0 ? 0 : 1;
}

/* Rewrites the Duration of a Matroska file's header (an 8-byte float, in milliseconds):
 * to `seconds`, or with 0 into an EBML Void element of the same size (no length at all). */
static void rewrite_mkv_duration(const char *path, double seconds)
{
    FILE *f = fopen(path, "r+b");
    uint8_t head[8192];
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    size_t at = 0;
    while (at + 11 <= n && !(head[at] == 0x44 && head[at + 1] == 0x89 && head[at + 2] == 0x88))
        at++;
    if (!f || at + 11 > n)
        die("no Duration in the Matroska header");
    if (seconds > 0) {
        union { double d; uint64_t u; } v = {seconds * 1000};
        for (int i = 0; i < 8; i++)
            head[at + 3 + i] = (uint8_t)(v.u >> (56 - 8 * i));
    } else { /* Void (0xEC), 9 bytes of payload: 11 bytes in all, as the Duration was */
        head[at] = 0xec;
        head[at + 1] = 0x89;
        memset(head + at + 2, 0, 9);
    }
    fseek(f, (long)at, SEEK_SET);
    fwrite(head + at, 1, 11, f);
    if (fclose(f) != 0)
        die("cannot rewrite the file");
}

/* The sound encoder (AAC, 48 kHz stereo) and its stream. */
static AVCodecContext *open_sound(AVFormatContext *oc, AVStream **st)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!codec)
        die("no AAC encoder");
    AVCodecContext *a = avcodec_alloc_context3(codec);
    a->sample_rate = RATE;
    a->sample_fmt = AV_SAMPLE_FMT_FLTP;
    av_channel_layout_copy(&a->ch_layout, &(AVChannelLayout)AV_CHANNEL_LAYOUT_STEREO);
    a->bit_rate = 128000;
    a->time_base = (AVRational){1, RATE};
    if (oc->oformat->flags & AVFMT_GLOBALHEADER)
        a->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (avcodec_open2(a, codec, NULL) < 0)
        die("cannot open the AAC encoder");
    *st = avformat_new_stream(oc, NULL);
    avcodec_parameters_from_context((*st)->codecpar, a);
    (*st)->time_base = a->time_base;
    return a;
}

/* Encodes sound up to sample `upto` (a 440 Hz tone at half scale); with `last`, flushes. */
static void sound_until(AVFormatContext *oc, AVCodecContext *a, AVStream *st, int64_t *pos, int64_t upto, bool last)
{
    AVFrame *f = av_frame_alloc();
    while (*pos + a->frame_size <= upto || (last && *pos < upto)) {
        f->nb_samples = a->frame_size;
        f->format = a->sample_fmt;
        f->sample_rate = RATE;
        av_channel_layout_copy(&f->ch_layout, &a->ch_layout);
        if (av_frame_get_buffer(f, 0) < 0)
            die("out of memory");
        for (int i = 0; i < f->nb_samples; i++) {
            float v = 0.5f * (float)sin(2 * 3.14159265358979 * 440 * (double)(*pos + i) / RATE);
            ((float *)f->data[0])[i] = ((float *)f->data[1])[i] = v;
        }
        f->pts = *pos;
        *pos += f->nb_samples;
        encode(oc, a, st, f);
        av_frame_unref(f);
    }
    if (last)
        encode(oc, a, st, NULL);
    av_frame_free(&f);
}

/* mkmedia OUT.wav|OUT.flac tone RATE mono|stereo|5.1: 1 s of sound at RATE samples a second
 * (16-bit PCM, or FLAC), for the reader's resampling and downmix: mono a 440 Hz sine at half
 * scale; stereo 440 Hz on the left and 660 Hz on the right; 5.1 440 Hz front left and 660 Hz
 * front centre, the other four channels silent. */
static int write_tone_file(const char *path, int rate, const char *layout)
{
    AVChannelLayout ch;
    if (!strcmp(layout, "mono"))
        ch = (AVChannelLayout)AV_CHANNEL_LAYOUT_MONO;
    else if (!strcmp(layout, "stereo"))
        ch = (AVChannelLayout)AV_CHANNEL_LAYOUT_STEREO;
    else if (!strcmp(layout, "5.1"))
        ch = (AVChannelLayout)AV_CHANNEL_LAYOUT_5POINT1;
    else
        die("layout must be mono, stereo or 5.1");
    AVFormatContext *oc = NULL;
    if (avformat_alloc_output_context2(&oc, NULL, NULL, path) < 0)
        die("cannot tell the format from the name");
    bool flac = !strcmp(oc->oformat->name, "flac");
    const AVCodec *codec = avcodec_find_encoder(flac ? AV_CODEC_ID_FLAC : AV_CODEC_ID_PCM_S16LE);
    AVCodecContext *a = avcodec_alloc_context3(codec);
    a->sample_rate = rate;
    a->sample_fmt = AV_SAMPLE_FMT_S16;
    av_channel_layout_copy(&a->ch_layout, &ch);
    a->time_base = (AVRational){1, rate};
    if (avcodec_open2(a, codec, NULL) < 0)
        die("cannot open the sound encoder");
    AVStream *st = avformat_new_stream(oc, NULL);
    avcodec_parameters_from_context(st->codecpar, a);
    st->time_base = a->time_base;
    if (avio_open(&oc->pb, path, AVIO_FLAG_WRITE) < 0 || avformat_write_header(oc, NULL) < 0)
        die("cannot write the file");
    int nch = ch.nb_channels, block = a->frame_size > 0 ? a->frame_size : 1024;
    AVFrame *f = av_frame_alloc();
    for (int64_t pos = 0; pos < rate; pos += block) {
        f->nb_samples = (int)(rate - pos < block ? rate - pos : block);
        f->format = AV_SAMPLE_FMT_S16;
        f->sample_rate = rate;
        av_channel_layout_copy(&f->ch_layout, &ch);
        if (av_frame_get_buffer(f, 0) < 0)
            die("out of memory");
        int16_t *d = (int16_t *)f->data[0];
        for (int i = 0; i < f->nb_samples; i++) {
            double t = (double)(pos + i) / rate;
            int16_t lo = (int16_t)lrint(16383 * sin(2 * M_PI * 440 * t)), hi = (int16_t)lrint(16383 * sin(2 * M_PI * 660 * t));
            for (int c = 0; c < nch; c++) /* 5.1: FL FR FC LFE BL BR */
                d[i * nch + c] = c == 0 ? lo : (nch == 2 && c == 1) || (nch == 6 && c == 2) ? hi : 0;
        }
        f->pts = pos;
        encode(oc, a, st, f);
        av_frame_unref(f);
    }
    encode(oc, a, st, NULL);
    av_write_trailer(oc);
    avio_closep(&oc->pb);
    av_frame_free(&f);
    avcodec_free_context(&a);
    avformat_free_context(oc);
    return 0;
}

int main(int argc, char **argv)
{
    av_log_set_level(AV_LOG_ERROR);
    const char *kind = argc >= 3 ? argv[2] : "";
    bool quad = !strcmp(kind, "quad"), alpha = !strcmp(kind, "alpha"), says = !strcmp(kind, "says");
    bool prores = !strcmp(kind, "prores4444"), qtrle = !strcmp(kind, "qtrle"), apng = !strcmp(kind, "alphapng");
    bool seq = !strcmp(kind, "sequence"), webp = !strcmp(kind, "alphawebp");
    bool transparent = alpha || prores || qtrle || apng || seq || webp;
    damaging = !strcmp(kind, "damaged");
    if (!strcmp(kind, "huge") && argc == 3)
        return write_huge_png(argv[1]);
    if (!strcmp(kind, "tone") && argc == 5)
        return write_tone_file(argv[1], atoi(argv[3]), argv[4]);
    if (!(quad && argc <= 5) && !((transparent || damaging) && argc == 3) && !(says && argc == 4)) {
        fprintf(stderr, "usage: mkmedia OUT.mp4 quad [ROTATE [hflip|vflip]] | mkmedia OUT.webm alpha |\n"
                        "       mkmedia OUT.mov prores4444 | mkmedia OUT.mov qtrle | mkmedia OUT.png alphapng |\n"
                        "       mkmedia 'DIR/f_%%04d.png' sequence | mkmedia OUT.webp alphawebp |\n"
                        "       mkmedia OUT.mp4 damaged | mkmedia OUT.mkv says SECONDS | mkmedia OUT.png huge |\n"
                        "       mkmedia OUT.wav tone RATE mono|stereo|5.1\n");
        return 2;
    }
    bool with_sound = damaging || says;
    int frames = with_sound ? LONG_FRAMES : apng || webp ? 1 : FRAMES;
    AVFormatContext *oc = NULL;
    if (avformat_alloc_output_context2(&oc, NULL, NULL, argv[1]) < 0)
        die("unknown container (the extension)");
    const char *encoder = alpha ? "libvpx-vp9" : prores ? "prores_ks" : qtrle ? "qtrle" : apng || seq ? "png"
                        : webp ? "libwebp" : "libx264";
    const AVCodec *codec = avcodec_find_encoder_by_name(encoder);
    if (!codec) {
        fprintf(stderr, "mkmedia: no %s encoder\n", encoder);
        return 1;
    }
    AVCodecContext *enc = avcodec_alloc_context3(codec);
    enc->width = W;
    enc->height = H;
    enc->time_base = (AVRational){1, 25};
    enc->framerate = (AVRational){25, 1};
    enc->gop_size = with_sound ? 25 : FRAMES;
    enc->pix_fmt = alpha || webp ? AV_PIX_FMT_YUVA420P : prores ? AV_PIX_FMT_YUVA444P10LE : qtrle ? AV_PIX_FMT_ARGB
                 : apng || seq ? AV_PIX_FMT_RGBA : AV_PIX_FMT_YUV420P;
    bool rgb = qtrle || apng || seq; /* RGB pictures: no YUV matrix or range to tag */
    enc->colorspace = rgb ? AVCOL_SPC_UNSPECIFIED : AVCOL_SPC_BT709;
    enc->color_primaries = rgb ? AVCOL_PRI_UNSPECIFIED : AVCOL_PRI_BT709;
    enc->color_trc = rgb ? AVCOL_TRC_UNSPECIFIED : AVCOL_TRC_BT709;
    enc->color_range = rgb ? AVCOL_RANGE_UNSPECIFIED : AVCOL_RANGE_MPEG;
    if (oc->oformat->flags & AVFMT_GLOBALHEADER)
        enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (alpha) {
        av_opt_set_int(enc->priv_data, "lossless", 1, 0);
        av_opt_set(enc->priv_data, "deadline", "realtime", 0);
        av_opt_set_int(enc->priv_data, "cpu-used", 8, 0);
    } else if (prores) {
        av_opt_set(enc->priv_data, "profile", "4444", 0);
    } else if (webp) {
        av_opt_set_int(enc->priv_data, "lossless", 1, 0);
    } else if (!transparent) {
        av_opt_set(enc->priv_data, "preset", "ultrafast", 0);
        av_opt_set(enc->priv_data, "crf", "10", 0);
    }
    if (avcodec_open2(enc, codec, NULL) < 0)
        die("cannot open the encoder");
    AVStream *st = avformat_new_stream(oc, NULL);
    avcodec_parameters_from_context(st->codecpar, enc);
    st->time_base = enc->time_base;
    AVCodecContext *snd = NULL;
    AVStream *sst = NULL;
    if (with_sound)
        snd = open_sound(oc, &sst);
    if (quad && argc >= 4) {
        int32_t *m = (int32_t *)av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t));
        if (!m)
            die("out of memory");
        av_display_rotation_set(m, atof(argv[3])); /* clockwise, in this function's words */
        if (argc == 5)
            av_display_matrix_flip(m, !strcmp(argv[4], "hflip"), !strcmp(argv[4], "vflip"));
    }
    if (seq)
        av_opt_set_int(oc->priv_data, "start_number", 7, 0);
    if (!(oc->oformat->flags & AVFMT_NOFILE) && avio_open(&oc->pb, argv[1], AVIO_FLAG_WRITE) < 0)
        die("cannot write the file");
    if (avformat_write_header(oc, NULL) < 0)
        die("cannot write the header");

    /* the picture, converted to the encoder's YUV by swscale with BT.709 limited range */
    uint8_t *rgba = malloc(4 * W * H);
    draw(rgba, transparent);
    AVFrame *frame = av_frame_alloc();
    frame->format = enc->pix_fmt;
    frame->width = W;
    frame->height = H;
    if (av_frame_get_buffer(frame, 0) < 0)
        die("out of memory");
    struct SwsContext *sws = sws_getContext(W, H, AV_PIX_FMT_RGBA, W, H, enc->pix_fmt,
                                            SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, NULL, NULL, NULL);
    const int *k = sws_getCoefficients(webp ? SWS_CS_ITU601 : SWS_CS_ITU709); /* WebP's YUV is BT.601 */
    sws_setColorspaceDetails(sws, k, 1, k, 0, 0, 1 << 16, 1 << 16);
    frame->colorspace = enc->colorspace; /* ProRes writes the frame's tags, not the context's */
    frame->color_primaries = enc->color_primaries;
    frame->color_trc = enc->color_trc;
    frame->color_range = enc->color_range;
    const uint8_t *src[4] = {rgba};
    int src_stride[4] = {4 * W};
    sws_scale(sws, src, src_stride, 0, H, frame->data, frame->linesize);
    int64_t spos = 0;
    for (int i = 0; i < frames; i++) {
        frame->pts = i;
        encode(oc, enc, st, frame);
        if (snd) /* the sound up to the end of this picture, interleaved */
            sound_until(oc, snd, sst, &spos, (int64_t)(i + 1) * RATE / 25, false);
    }
    encode(oc, enc, st, NULL);
    if (snd)
        sound_until(oc, snd, sst, &spos, (int64_t)frames * RATE / 25, true);
    if (av_write_trailer(oc) < 0)
        die("cannot finish the file");
    if (!(oc->oformat->flags & AVFMT_NOFILE))
        avio_closep(&oc->pb);
    sws_freeContext(sws);
    av_frame_free(&frame);
    free(rgba);
    avcodec_free_context(&enc);
    avcodec_free_context(&snd);
    avformat_free_context(oc);
    if (says)
        rewrite_mkv_duration(argv[1], atof(argv[3]));
    return 0;
}
