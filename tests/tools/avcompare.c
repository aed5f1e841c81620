/* avcompare: how far two media files' decoded pictures and sounds are apart, read with
 * libavformat/libavcodec alone (independent of moonreel's engine), for the end-to-end checks
 * of segmented renders against single ones.
 *   avcompare A B    "frames NA NB", then "psnr min=X mean=Y" over the frames both have (all
 *                    planes of 8-bit pictures; inf where equal), then "sound NA NB maxdiff=D"
 *                    (samples per channel, and the largest difference of a sample) when both
 *                    have sound. Exit status 0, or 1 when a file cannot be read. */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One stream of a file, decoded frame by frame. */
typedef struct reader {
    AVFormatContext *fmt;
    AVCodecContext *dec;
    AVPacket *pkt;
    int stream, eof;
} reader;

/* Opens the best stream of `type` in path; false where the file has none. Exits on errors. */
static bool reader_open(reader *r, const char *path, enum AVMediaType type)
{
    memset(r, 0, sizeof *r);
    if (avformat_open_input(&r->fmt, path, NULL, NULL) < 0 || avformat_find_stream_info(r->fmt, NULL) < 0) {
        fprintf(stderr, "avcompare: cannot open %s\n", path);
        exit(1);
    }
    if ((r->stream = av_find_best_stream(r->fmt, type, -1, -1, NULL, 0)) < 0)
        return false;
    const AVCodecParameters *par = r->fmt->streams[r->stream]->codecpar;
    const AVCodec *c = avcodec_find_decoder(par->codec_id);
    r->dec = avcodec_alloc_context3(c);
    avcodec_parameters_to_context(r->dec, par);
    r->dec->pkt_timebase = r->fmt->streams[r->stream]->time_base;
    if (avcodec_open2(r->dec, c, NULL) < 0) {
        fprintf(stderr, "avcompare: cannot decode %s\n", path);
        exit(1);
    }
    r->pkt = av_packet_alloc();
    return true;
}

/* The next decoded frame into f: true, or false at the end. */
static bool reader_next(reader *r, AVFrame *f)
{
    for (;;) {
        int e = avcodec_receive_frame(r->dec, f);
        if (e == 0)
            return true;
        if (e == AVERROR_EOF || (e == AVERROR(EAGAIN) && r->eof))
            return false;
        if (av_read_frame(r->fmt, r->pkt) < 0) {
            avcodec_send_packet(r->dec, NULL);
            r->eof = 1;
            continue;
        }
        if (r->pkt->stream_index == r->stream)
            avcodec_send_packet(r->dec, r->pkt);
        av_packet_unref(r->pkt);
    }
}

static void reader_close(reader *r)
{
    avcodec_free_context(&r->dec);
    av_packet_free(&r->pkt);
    avformat_close_input(&r->fmt);
}

/* The PSNR of b against a over every plane (8-bit formats of the same layout). */
static double psnr(const AVFrame *a, const AVFrame *b)
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(a->format);
    double se = 0;
    long n = 0;
    for (int p = 0; p < 4 && a->data[p]; p++) {
        int w = p == 0 || p == 3 ? a->width : AV_CEIL_RSHIFT(a->width, d->log2_chroma_w);
        int h = p == 0 || p == 3 ? a->height : AV_CEIL_RSHIFT(a->height, d->log2_chroma_h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int v = a->data[p][y * a->linesize[p] + x] - b->data[p][y * b->linesize[p] + x];
                se += v * v;
            }
        n += (long)w * h;
    }
    return se == 0 ? INFINITY : 10 * log10(255.0 * 255.0 / (se / n));
}

int main(int argc, char **argv)
{
    av_log_set_level(AV_LOG_ERROR);
    if (argc != 3) {
        fprintf(stderr, "usage: avcompare A B\n");
        return 2;
    }
    reader ra, rb;
    bool va = reader_open(&ra, argv[1], AVMEDIA_TYPE_VIDEO), vb = reader_open(&rb, argv[2], AVMEDIA_TYPE_VIDEO);
    AVFrame *fa = av_frame_alloc(), *fb = av_frame_alloc();
    long na = 0, nb = 0, both = 0;
    double low = INFINITY, sum = 0;
    for (;;) {
        bool ga = va && reader_next(&ra, fa), gb = vb && reader_next(&rb, fb);
        na += ga;
        nb += gb;
        if (!ga && !gb)
            break;
        if (ga && gb && fa->format == fb->format && fa->width == fb->width && fa->height == fb->height) {
            double q = psnr(fa, fb);
            low = q < low ? q : low;
            sum += isinf(q) ? 99 : q;
            both++;
        }
        av_frame_unref(fa);
        av_frame_unref(fb);
    }
    printf("frames %ld %ld\n", na, nb);
    printf("psnr min=%.2f mean=%.2f\n", both ? low : 0, both ? sum / both : 0);
    reader_close(&ra);
    reader_close(&rb);
    bool sa = reader_open(&ra, argv[1], AVMEDIA_TYPE_AUDIO), sb = reader_open(&rb, argv[2], AVMEDIA_TYPE_AUDIO);
    if (sa && sb) { /* planar float (AAC, Opus) compared sample by sample on channel 0 and 1 */
        long ca = 0, cb = 0;
        double maxdiff = 0;
        float *bufa = NULL, *bufb = NULL;
        long capa = 0, capb = 0;
        while (reader_next(&ra, fa)) { /* all of a's sound, then b's: short test files */
            bufa = realloc(bufa, sizeof(float) * 2 * (capa = ca + fa->nb_samples));
            for (int i = 0; i < fa->nb_samples; i++)
                for (int ch = 0; ch < 2; ch++)
                    bufa[2 * (ca + i) + ch] = ((float *)fa->extended_data[ch < fa->ch_layout.nb_channels ? ch : 0])[i];
            ca += fa->nb_samples;
        }
        while (reader_next(&rb, fb)) {
            bufb = realloc(bufb, sizeof(float) * 2 * (capb = cb + fb->nb_samples));
            for (int i = 0; i < fb->nb_samples; i++)
                for (int ch = 0; ch < 2; ch++)
                    bufb[2 * (cb + i) + ch] = ((float *)fb->extended_data[ch < fb->ch_layout.nb_channels ? ch : 0])[i];
            cb += fb->nb_samples;
        }
        for (long i = 0; i < 2 * (ca < cb ? ca : cb); i++)
            maxdiff = fmax(maxdiff, fabs(bufa[i] - bufb[i]));
        printf("sound %ld %ld maxdiff=%.6f\n", ca, cb, maxdiff);
        free(bufa);
        free(bufb);
    }
    reader_close(&ra);
    reader_close(&rb);
    av_frame_free(&fa);
    av_frame_free(&fb);
    return 0;
}
