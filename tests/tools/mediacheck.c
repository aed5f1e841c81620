/* mediacheck: what a media file holds, read with libavformat/libavcodec/libswscale alone
 * (independent of moonreel's engine), for the end-to-end tests.
 *   mediacheck FILE                 streams: "video WxH fps=N/D frames=N duration=S pix=FMT range=R space=S
 *                                                    codec=NAME tag=FOURCC" (tag=none when the container has none)
 *                                             "audio RATE CH samples=N duration=S codec=NAME fmt=SAMPLEFMT
 *                                                    bits=BITS kbps=K" (bits a sample keeps; kbps from the packets)
 *   mediacheck --has-encoder NAME   exit status 0 if this libavcodec has the encoder NAME (libx265...), else 1
 *   mediacheck FILE pixel N X Y     "R G B" of decoded video frame N (BT.709 limited, as tagged)
 *   mediacheck FILE rgba N X Y      "R G B A" of decoded video frame N, straight alpha (VP8/VP9 with
 *                                   alpha decoded by libvpx, which keeps it; FFmpeg's own drop it)
 *   mediacheck FILE onset T         time in seconds of the first sound sample after T louder than 0.1
 *   mediacheck FILE keyframes       the video's key frame numbers on a line, then "kbps=K" (its packets)
 *   mediacheck FILE timestamps      "packets=N dts=increasing|NOT-increasing pts=unique|REPEATED" of the video
 *   mediacheck FILE counter N       the frame number the counter pattern's bit strip shows in frame N */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static AVFormatContext *fmt;

static AVCodecContext *open_dec(int s)
{
    const AVCodecParameters *par = fmt->streams[s]->codecpar;
    const AVDictionaryEntry *am = av_dict_get(fmt->streams[s]->metadata, "alpha_mode", NULL, 0);
    const AVCodec *c = NULL;
    if (am && atoi(am->value) == 1 && (par->codec_id == AV_CODEC_ID_VP9 || par->codec_id == AV_CODEC_ID_VP8))
        c = avcodec_find_decoder_by_name(par->codec_id == AV_CODEC_ID_VP9 ? "libvpx-vp9" : "libvpx");
    if (!c)
        c = avcodec_find_decoder(par->codec_id);
    AVCodecContext *d = avcodec_alloc_context3(c);
    avcodec_parameters_to_context(d, fmt->streams[s]->codecpar);
    d->pkt_timebase = fmt->streams[s]->time_base;
    if (avcodec_open2(d, c, NULL) < 0) {
        fprintf(stderr, "mediacheck: cannot decode stream %d\n", s);
        exit(1);
    }
    return d;
}

/* Calls fn for every decoded frame of stream s until it returns non-zero. */
static void each_frame(int s, int (*fn)(AVFrame *, void *), void *ud)
{
    AVCodecContext *d = open_dec(s);
    AVPacket *p = av_packet_alloc();
    AVFrame *f = av_frame_alloc();
    int stop = 0, eof = 0;
    av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BACKWARD);
    while (!stop) {
        int r = avcodec_receive_frame(d, f);
        if (r == 0) {
            stop = fn(f, ud);
            continue;
        }
        if (r == AVERROR_EOF || (r == AVERROR(EAGAIN) && eof))
            break;
        if (av_read_frame(fmt, p) < 0) {
            avcodec_send_packet(d, NULL);
            eof = 1;
            continue;
        }
        if (p->stream_index == s)
            avcodec_send_packet(d, p);
        av_packet_unref(p);
    }
    av_frame_free(&f);
    av_packet_free(&p);
    avcodec_free_context(&d);
}

/* The bytes of every packet of stream s: with the length, the bit rate its codec kept. */
static long payload_bytes(int s)
{
    AVPacket *p = av_packet_alloc();
    long bytes = 0;
    av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BACKWARD);
    while (av_read_frame(fmt, p) >= 0) {
        if (p->stream_index == s)
            bytes += p->size;
        av_packet_unref(p);
    }
    av_packet_free(&p);
    return bytes;
}

/* Prints the numbers of the video stream s's key frames (in packet order, which is display
 * order without B-frames), then "kbps=K" of its packets over its duration. */
static void key_frames(int s)
{
    AVPacket *p = av_packet_alloc();
    long n = 0, bytes = 0;
    av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BACKWARD);
    while (av_read_frame(fmt, p) >= 0) {
        if (p->stream_index == s) {
            if (p->flags & AV_PKT_FLAG_KEY)
                printf("%ld ", n);
            n++;
            bytes += p->size;
        }
        av_packet_unref(p);
    }
    av_packet_free(&p);
    AVRational r = fmt->streams[s]->avg_frame_rate;
    printf("\nkbps=%.0f\n", n && r.num ? bytes * 8.0 / 1000 / (n * (double)r.den / r.num) : 0);
}

/* Prints whether the video stream s's packets have increasing decoding times and distinct
 * presentation times (what a join of segments must keep). */
static void timestamps(int s)
{
    AVPacket *p = av_packet_alloc();
    long n = 0, cap = 0;
    int64_t last = INT64_MIN, *pts = NULL;
    bool increasing = true;
    av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BACKWARD);
    while (av_read_frame(fmt, p) >= 0) {
        if (p->stream_index == s) {
            increasing = increasing && p->dts != AV_NOPTS_VALUE && p->dts > last;
            last = p->dts;
            if (n == cap)
                pts = realloc(pts, sizeof *pts * (cap = cap ? 2 * cap : 1024));
            pts[n++] = p->pts;
        }
        av_packet_unref(p);
    }
    av_packet_free(&p);
    bool unique = true;
    for (long i = 0; i < n && unique; i++)
        for (long j = i + 1; j < n && j < i + 64 && unique; j++) /* reordering stays within a GOP's delay */
            unique = pts[i] != pts[j];
    free(pts);
    printf("packets=%ld dts=%s pts=%s\n", n, increasing ? "increasing" : "NOT-increasing", unique ? "unique" : "REPEATED");
}

static int count_video(AVFrame *f, void *ud) { (*(long *)ud)++; return 0; }
static int count_audio(AVFrame *f, void *ud) { *(long *)ud += f->nb_samples; return 0; }

struct pick { long want, n; int x, y; uint8_t rgb[4]; int done; int counter, alpha; };

static int pick_pixel(AVFrame *f, void *ud)
{
    struct pick *p = ud;
    if (p->n++ != p->want)
        return 0;
    enum AVPixelFormat to = p->alpha ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
    int bpp = p->alpha ? 4 : 3;
    struct SwsContext *c = sws_getContext(f->width, f->height, f->format, f->width, f->height, to,
                                          p->alpha ? SWS_POINT | SWS_ACCURATE_RND : SWS_POINT, NULL, NULL, NULL);
    const int *k = sws_getCoefficients(f->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_ITU601);
    sws_setColorspaceDetails(c, k, f->color_range == AVCOL_RANGE_JPEG, k, 1, 0, 1 << 16, 1 << 16);
    uint8_t *dst[4];
    int dls[4];
    av_image_alloc(dst, dls, f->width, f->height, to, 64); /* swscale wants aligned rows */
    sws_scale(c, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst, dls);
    int ls = dls[0];
    uint8_t *rgb = dst[0];
    if (p->counter) {
        int n = 0;
        for (int b = 0; b < 16; b++) {
            int x = (int)((b + 0.5) * f->width / 16);
            n = n * 2 + (rgb[(f->height - 3) * ls + x * 3] > 128);
        }
        p->x = n;
    } else {
        memcpy(p->rgb, rgb + p->y * ls + p->x * bpp, bpp);
    }
    av_freep(&dst[0]);
    sws_freeContext(c);
    p->done = 1;
    return 1;
}

struct onset { double after, found; AVRational tb; long pos; int rate; };

static int find_onset(AVFrame *f, void *ud)
{
    struct onset *o = ud;
    double t0 = f->pts * av_q2d(o->tb);
    for (int i = 0; i < f->nb_samples; i++) {
        float v = f->format == AV_SAMPLE_FMT_FLTP ? ((float *)f->extended_data[0])[i] : 0;
        double t = t0 + (double)i / f->sample_rate;
        if (t > o->after && fabsf(v) > 0.1f) {
            o->found = t;
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    av_log_set_level(AV_LOG_ERROR);
    if (argc == 3 && !strcmp(argv[1], "--has-encoder"))
        return avcodec_find_encoder_by_name(argv[2]) ? 0 : 1;
    if (argc < 2) {
        fprintf(stderr, "usage: mediacheck FILE [pixel N X Y | rgba N X Y | onset T | keyframes | timestamps | counter N]\n"
                        "       mediacheck --has-encoder NAME\n");
        return 2;
    }
    if (avformat_open_input(&fmt, argv[1], NULL, NULL) < 0 || avformat_find_stream_info(fmt, NULL) < 0) {
        fprintf(stderr, "mediacheck: cannot open %s\n", argv[1]);
        return 1;
    }
    int vs = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    int as = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
    if (argc == 2) {
        if (vs >= 0) {
            AVStream *st = fmt->streams[vs];
            long n = 0;
            each_frame(vs, count_video, &n);
            char tag[AV_FOURCC_MAX_STRING_SIZE] = "none";
            if (st->codecpar->codec_tag)
                av_fourcc_make_string(tag, st->codecpar->codec_tag);
            printf("video %dx%d fps=%d/%d frames=%ld duration=%.3f pix=%s range=%s space=%s codec=%s tag=%s\n",
                   st->codecpar->width, st->codecpar->height, st->avg_frame_rate.num, st->avg_frame_rate.den, n,
                   fmt->duration / (double)AV_TIME_BASE, av_get_pix_fmt_name(st->codecpar->format),
                   av_color_range_name(st->codecpar->color_range), av_color_space_name(st->codecpar->color_space),
                   avcodec_get_name(st->codecpar->codec_id), tag);
        }
        if (as >= 0) {
            AVStream *st = fmt->streams[as];
            long n = 0;
            each_frame(as, count_audio, &n);
            int bits = st->codecpar->bits_per_raw_sample ? st->codecpar->bits_per_raw_sample
                                                         : av_get_bytes_per_sample(st->codecpar->format) * 8;
            printf("audio %d %d samples=%ld duration=%.3f codec=%s fmt=%s bits=%d kbps=%.0f\n", st->codecpar->sample_rate,
                   st->codecpar->ch_layout.nb_channels, n, (double)n / st->codecpar->sample_rate,
                   avcodec_get_name(st->codecpar->codec_id), av_get_sample_fmt_name(st->codecpar->format)
                   ? av_get_sample_fmt_name(st->codecpar->format) : "none", bits,
                   n ? payload_bytes(as) * 8.0 / 1000 / ((double)n / st->codecpar->sample_rate) : 0);
        }
        return 0;
    }
    bool rgba = !strcmp(argv[2], "rgba") && argc == 6;
    if ((!strcmp(argv[2], "pixel") && argc == 6) || rgba || (!strcmp(argv[2], "counter") && argc == 4)) {
        struct pick p = {atol(argv[3]), 0, argc == 6 ? atoi(argv[4]) : 0, argc == 6 ? atoi(argv[5]) : 0, {0}, 0,
                         argc == 4, rgba};
        if (vs < 0)
            return 1;
        each_frame(vs, pick_pixel, &p);
        if (!p.done) {
            fprintf(stderr, "mediacheck: no frame %ld\n", p.want);
            return 1;
        }
        if (p.counter)
            printf("%d\n", p.x);
        else if (rgba)
            printf("%d %d %d %d\n", p.rgb[0], p.rgb[1], p.rgb[2], p.rgb[3]);
        else
            printf("%d %d %d\n", p.rgb[0], p.rgb[1], p.rgb[2]);
        return 0;
    }
    if (!strcmp(argv[2], "keyframes") && argc == 3 && vs >= 0) {
        key_frames(vs);
        return 0;
    }
    if (!strcmp(argv[2], "timestamps") && argc == 3 && vs >= 0) {
        timestamps(vs);
        return 0;
    }
    if (!strcmp(argv[2], "onset") && argc == 4 && as >= 0) {
        struct onset o = {atof(argv[3]), -1, fmt->streams[as]->time_base, 0, 0};
        each_frame(as, find_onset, &o);
        printf("%.6f\n", o.found);
        return 0;
    }
    fprintf(stderr, "usage: mediacheck FILE [pixel N X Y | rgba N X Y | counter N | onset T | keyframes | timestamps]\n");
    return 2;
}
