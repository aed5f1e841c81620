/* r128check: the loudness of a media file's first sound stream, measured by libavfilter's
 * ebur128 filter (independent of moonreel's engine and its libebur128), for the end-to-end
 * checks of clip:normalize.
 *   r128check FILE    prints "I=-16.02 TP=-3.10": integrated loudness (LUFS), true peak (dBTP)
 * Exit status 1 on any failure (the reason on stderr). */
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what)
{
    fprintf(stderr, "r128check: %s\n", what);
    return 1;
}

/* Drains the sink, keeping the last integrated loudness and true peak it stamped. */
static void drain(AVFilterContext *sink, AVFrame *f, double *i, double *tp)
{
    while (av_buffersink_get_frame(sink, f) >= 0) {
        const AVDictionaryEntry *e = av_dict_get(f->metadata, "lavfi.r128.I", NULL, 0);
        if (e)
            *i = atof(e->value);
        for (int ch = 0; ch < 8; ch++) {
            char key[64];
            snprintf(key, sizeof key, "lavfi.r128.true_peaks_ch%d", ch);
            if ((e = av_dict_get(f->metadata, key, NULL, 0)) && atof(e->value) > 0) {
                double db = 20 * log10(atof(e->value));
                if (db > *tp)
                    *tp = db;
            }
        }
        av_frame_unref(f);
    }
}

int main(int argc, char **argv)
{
    AVFormatContext *fmt = NULL;
    av_log_set_level(AV_LOG_ERROR); /* the filter prints its summary at info level */
    if (argc != 2 || avformat_open_input(&fmt, argv[1], NULL, NULL) < 0 || avformat_find_stream_info(fmt, NULL) < 0)
        return fail("usage: r128check FILE (a readable media file)");
    int s = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
    if (s < 0)
        return fail("no sound stream");
    const AVCodec *codec = avcodec_find_decoder(fmt->streams[s]->codecpar->codec_id);
    AVCodecContext *dec = codec ? avcodec_alloc_context3(codec) : NULL;
    if (!dec || avcodec_parameters_to_context(dec, fmt->streams[s]->codecpar) < 0 || avcodec_open2(dec, codec, NULL) < 0)
        return fail("no decoder");
    char layout[64], args[256];
    if (dec->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) { /* a plain .wav: the usual layout for its count */
        int n = dec->ch_layout.nb_channels;
        av_channel_layout_uninit(&dec->ch_layout);
        av_channel_layout_default(&dec->ch_layout, n);
    }
    av_channel_layout_describe(&dec->ch_layout, layout, sizeof layout);
    snprintf(args, sizeof args, "sample_rate=%d:sample_fmt=%s:channel_layout=%s:time_base=1/%d", dec->sample_rate,
             av_get_sample_fmt_name(dec->sample_fmt), layout, dec->sample_rate);
    AVFilterGraph *g = avfilter_graph_alloc();
    AVFilterContext *src = NULL, *r128 = NULL, *sink = NULL;
    if (avfilter_graph_create_filter(&src, avfilter_get_by_name("abuffer"), "in", args, NULL, g) < 0 ||
        avfilter_graph_create_filter(&r128, avfilter_get_by_name("ebur128"), "r128", "metadata=1:peak=true", NULL,
                                     g) < 0 ||
        avfilter_graph_create_filter(&sink, avfilter_get_by_name("abuffersink"), "out", NULL, NULL, g) < 0 ||
        avfilter_link(src, 0, r128, 0) < 0 || avfilter_link(r128, 0, sink, 0) < 0 || avfilter_graph_config(g, NULL) < 0)
        return fail("could not build the ebur128 filter graph");
    AVPacket *pkt = av_packet_alloc();
    AVFrame *f = av_frame_alloc(), *o = av_frame_alloc();
    double i = -INFINITY, tp = -INFINITY;
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == s && avcodec_send_packet(dec, pkt) >= 0)
            while (avcodec_receive_frame(dec, f) >= 0) {
                if (av_buffersrc_add_frame(src, f) < 0)
                    return fail("the filter refused a frame");
                drain(sink, o, &i, &tp);
            }
        av_packet_unref(pkt);
    }
    avcodec_send_packet(dec, NULL);
    while (avcodec_receive_frame(dec, f) >= 0) {
        if (av_buffersrc_add_frame(src, f) < 0)
            return fail("the filter refused a frame");
        drain(sink, o, &i, &tp);
    }
    if (av_buffersrc_add_frame(src, NULL) < 0)
        return fail("the filter refused the end");
    drain(sink, o, &i, &tp);
    printf("I=%.2f TP=%.2f\n", i, tp);
    av_frame_free(&f);
    av_frame_free(&o);
    av_packet_free(&pkt);
    avfilter_graph_free(&g);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    return 0;
}
