/* output.c: muxing and encoding through libavformat/libavcodec, GIF palettes through
 * libavfilter, all into a temporary file renamed when complete. */
#include "engine/output.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include "engine/colorspace.h"
#include "engine/cpu/convert.h"
#include "engine/cpu/scale.h"
#include "engine/log.h"

struct mr_output {
    char path[4096], tmp[4096];
    AVFormatContext *oc;
    AVCodecContext *venc, *aenc;
    AVStream *vst, *ast;
    AVPacket *pkt;
    int w, h;                 /* the picture */
    int W, H;                 /* what the encoder gets (even where chroma needs it) */
    enum AVPixelFormat vfmt;
    AVBufferPool *pool;       /* picture buffers, reused */
    int pic_size;
    mr_rgb2yuv_params yuv;
    AVFilterGraph *gif_graph; /* gif: palette per frame */
    AVFilterContext *gif_src, *gif_sink;
    AVAudioFifo *fifo;
    AVFrame *aframe;
    int64_t apts;
    float *planar;            /* deinterleave scratch */
    int planar_cap;
};

static const char *const presets[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                      "medium", "slow", "slower", "veryslow"};

void mr_temp_path(const char *path, char *tmp, size_t n)
{
    static atomic_int seq;
    const char *slash = strrchr(path, '/');
    int dir = slash ? (int)(slash - path + 1) : 0;
    snprintf(tmp, n, "%.*s.%s.moonreel-%d-%d.part", dir, path, path + dir, (int)getpid(), atomic_fetch_add(&seq, 1));
}

/* The FFmpeg encoder for a user's --encoder and the codec wanted. */
static const AVCodec *find_encoder(const char *name, const char *codec, mr_err *err)
{
    static const struct { const char *alias, *ffname; } aliases[] = {
        {"x264", "libx264"}, {"x265", "libx265"}, {"vp9", "libvpx-vp9"}, {"prores", "prores_ks"}, {"gif", "gif"}};
    static const struct { const char *codec, *first; } autos[] = {
        {"h264", "libx264"}, {"hevc", "libx265"}, {"vp9", "libvpx-vp9"}, {"prores", "prores_ks"}, {"gif", "gif"}};
    const char *ff = NULL;
    if (!name || strcmp(name, "auto") == 0) {
        for (size_t i = 0; i < sizeof autos / sizeof autos[0]; i++)
            if (strcmp(codec, autos[i].codec) == 0)
                ff = autos[i].first;
        if (!ff) {
            mr_err_set(err, "unknown codec '%s' (h264, hevc, vp9, prores)", codec);
            return NULL;
        }
    } else if (strcmp(name, "nvenc") == 0) {
        ff = strcmp(codec, "hevc") == 0 ? "hevc_nvenc" : "h264_nvenc";
    } else {
        ff = name;
        for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
            if (strcmp(name, aliases[i].alias) == 0)
                ff = aliases[i].ffname;
    }
    const AVCodec *c = avcodec_find_encoder_by_name(ff);
    if (!c || c->type != AVMEDIA_TYPE_VIDEO) {
        mr_err_set(err, "encoder '%s' is not available in this FFmpeg build", ff);
        return NULL;
    }
    return c;
}

static int preset_index(const char *p)
{
    for (int i = 0; i < 9; i++)
        if (strcmp(p, presets[i]) == 0)
            return i;
    return -1;
}

/* Sets the encoder's quality options from crf/preset, by encoder family. */
static void set_quality(AVCodecContext *enc, const AVCodec *codec, int crf, int preset)
{
    const char *n = codec->name;
    char buf[32];
    if (!strcmp(n, "libx264") || !strcmp(n, "libx265")) {
        av_opt_set(enc->priv_data, "preset", presets[preset], 0);
        snprintf(buf, sizeof buf, "%d", crf >= 0 ? crf : !strcmp(n, "libx264") ? 20 : 24);
        av_opt_set(enc->priv_data, "crf", buf, 0);
        if (!strcmp(n, "libx265"))
            av_opt_set(enc->priv_data, "x265-params", "log-level=error", 0);
    } else if (!strcmp(n, "libvpx-vp9")) {
        av_opt_set_int(enc->priv_data, "crf", crf >= 0 ? crf : 32, 0);
        av_opt_set_int(enc->priv_data, "cpu-used", 8 - preset, 0);
        av_opt_set_int(enc->priv_data, "row-mt", 1, 0);
        av_opt_set(enc->priv_data, "deadline", "good", 0);
        enc->bit_rate = 0;
    } else if (strstr(n, "_nvenc")) {
        snprintf(buf, sizeof buf, "p%d", preset < 2 ? 1 : preset > 7 ? 7 : preset);
        av_opt_set(enc->priv_data, "preset", buf, 0);
        av_opt_set(enc->priv_data, "rc", "vbr", 0);
        av_opt_set_int(enc->priv_data, "cq", crf >= 0 ? crf : 23, 0);
        enc->bit_rate = 0;
    } else if (!strcmp(n, "prores_ks")) {
        av_opt_set(enc->priv_data, "profile", "hq", 0);
    }
}

/* The encoder's input format: yuv420p where it takes it (our own kernel writes it). */
static enum AVPixelFormat pick_format(const AVCodec *c)
{
    if (!strcmp(c->name, "gif"))
        return AV_PIX_FMT_RGBA; /* the palette filters turn it into pal8 */
    if (!c->pix_fmts)
        return AV_PIX_FMT_YUV420P;
    for (const enum AVPixelFormat *p = c->pix_fmts; *p != AV_PIX_FMT_NONE; p++)
        if (*p == AV_PIX_FMT_YUV420P)
            return *p;
    return c->pix_fmts[0];
}

static int open_gif_graph(mr_output *o, mr_rational fps, mr_err *err)
{
    char args[256];
    snprintf(args, sizeof args, "video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=1/1", o->W, o->H,
             AV_PIX_FMT_RGBA, fps.den, fps.num);
    o->gif_graph = avfilter_graph_alloc();
    AVFilterInOut *in = avfilter_inout_alloc(), *out = avfilter_inout_alloc();
    int r = o->gif_graph && in && out ? 0 : AVERROR(ENOMEM);
    if (r >= 0)
        r = avfilter_graph_create_filter(&o->gif_src, avfilter_get_by_name("buffer"), "in", args, NULL, o->gif_graph);
    if (r >= 0)
        r = avfilter_graph_create_filter(&o->gif_sink, avfilter_get_by_name("buffersink"), "out", NULL, NULL, o->gif_graph);
    if (r >= 0) {
        out->name = av_strdup("in");
        out->filter_ctx = o->gif_src;
        in->name = av_strdup("out");
        in->filter_ctx = o->gif_sink;
        r = avfilter_graph_parse_ptr(o->gif_graph,
                                     "split[a][b];[a]palettegen=stats_mode=single[p];[b][p]paletteuse=new=1:dither=sierra2_4a",
                                     &in, &out, NULL);
    }
    if (r >= 0)
        r = avfilter_graph_config(o->gif_graph, NULL);
    avfilter_inout_free(&in);
    avfilter_inout_free(&out);
    return r < 0 ? mr_err_av(err, r, "cannot set up GIF palettes") : 0;
}

static int open_video(mr_output *o, const mr_output_opts *opt, const char *codec_name, mr_rational fps, mr_err *err)
{
    const AVCodec *codec = find_encoder(opt->encoder, codec_name, err);
    if (!codec)
        return -1;
    if (avformat_query_codec(o->oc->oformat, codec->id, FF_COMPLIANCE_NORMAL) != 1)
        return mr_err_set(err, "a %s file cannot hold %s video (try .mkv or .mov, or another codec)",
                          o->oc->oformat->name, avcodec_get_name(codec->id));
    int preset = preset_index(opt->preset ? opt->preset : "veryfast");
    if (preset < 0)
        return mr_err_set(err, "unknown preset '%s' (ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow)",
                          opt->preset);
    o->vfmt = pick_format(codec);
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(o->vfmt);
    int sx = d->log2_chroma_w, sy = d->log2_chroma_h;
    o->W = (o->w + (1 << sx) - 1) >> sx << sx;
    o->H = (o->h + (1 << sy) - 1) >> sy << sy;
    if (o->W != o->w || o->H != o->h)
        mr_log("%dx%d is odd; %s needs even sizes, so the picture is padded to %dx%d (edge pixels repeated)",
               o->w, o->h, av_get_pix_fmt_name(o->vfmt), o->W, o->H);
    if (!(o->vst = avformat_new_stream(o->oc, NULL)) || !(o->venc = avcodec_alloc_context3(codec)))
        return mr_err_set(err, "out of memory");
    AVCodecContext *e = o->venc;
    e->width = o->W;
    e->height = o->H;
    e->pix_fmt = !strcmp(codec->name, "gif") ? AV_PIX_FMT_PAL8 : o->vfmt;
    e->time_base = (AVRational){fps.den, fps.num};
    e->framerate = (AVRational){fps.num, fps.den};
    e->sample_aspect_ratio = (AVRational){1, 1};
    e->thread_count = 0;
    if (d->flags & AV_PIX_FMT_FLAG_RGB || e->pix_fmt == AV_PIX_FMT_PAL8) {
        e->color_range = AVCOL_RANGE_JPEG;
    } else {
        e->color_range = AVCOL_RANGE_MPEG;
        e->colorspace = AVCOL_SPC_BT709;
        e->color_primaries = AVCOL_PRI_BT709;
        e->color_trc = AVCOL_TRC_BT709;
    }
    if (o->oc->oformat->flags & AVFMT_GLOBALHEADER)
        e->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    set_quality(e, codec, opt->crf, preset);
    int r = avcodec_open2(e, codec, NULL);
    if (r < 0)
        return mr_err_av(err, r, "cannot open the %s encoder", codec->name);
    avcodec_parameters_from_context(o->vst->codecpar, e);
    o->vst->time_base = e->time_base;
    o->vst->avg_frame_rate = e->framerate;
    o->pic_size = av_image_get_buffer_size(o->vfmt, o->W, o->H, 64);
    if (!(o->pool = av_buffer_pool_init(o->pic_size, NULL)))
        return mr_err_set(err, "out of memory");
    o->yuv = mr_rgb2yuv_params_make(MR_MATRIX_BT709, 8);
    if (!strcmp(codec->name, "gif"))
        return open_gif_graph(o, fps, err);
    return 0;
}

static int open_audio(mr_output *o, const mr_output_opts *opt, mr_err *err)
{
    bool webm = !strcmp(o->oc->oformat->name, "webm");
    const AVCodec *codec = avcodec_find_encoder_by_name(webm ? "libopus" : "aac");
    if (!codec && webm)
        codec = avcodec_find_encoder_by_name("opus");
    if (!codec)
        return mr_err_set(err, "no %s encoder in this FFmpeg build", webm ? "Opus" : "AAC");
    if (!(o->ast = avformat_new_stream(o->oc, NULL)) || !(o->aenc = avcodec_alloc_context3(codec)))
        return mr_err_set(err, "out of memory");
    AVCodecContext *e = o->aenc;
    e->sample_rate = MR_AUDIO_RATE;
    e->sample_fmt = AV_SAMPLE_FMT_NONE;
    for (const enum AVSampleFormat *f = codec->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE; f++)
        if (*f == AV_SAMPLE_FMT_FLTP || *f == AV_SAMPLE_FMT_FLT || *f == AV_SAMPLE_FMT_S16) {
            e->sample_fmt = *f;
            break;
        }
    if (e->sample_fmt == AV_SAMPLE_FMT_NONE)
        return mr_err_set(err, "the %s encoder takes no sample format moonreel writes", codec->name);
    av_channel_layout_copy(&e->ch_layout, &(AVChannelLayout)AV_CHANNEL_LAYOUT_STEREO);
    e->bit_rate = opt->audio_bitrate > 0 ? opt->audio_bitrate : 128000;
    e->time_base = (AVRational){1, MR_AUDIO_RATE};
    if (o->oc->oformat->flags & AVFMT_GLOBALHEADER)
        e->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int r = avcodec_open2(e, codec, NULL);
    if (r < 0)
        return mr_err_av(err, r, "cannot open the %s encoder", codec->name);
    avcodec_parameters_from_context(o->ast->codecpar, e);
    o->ast->time_base = e->time_base;
    int fs = e->frame_size > 0 ? e->frame_size : 1024;
    o->fifo = av_audio_fifo_alloc(e->sample_fmt, 2, fs * 4);
    o->aframe = av_frame_alloc();
    if (!o->fifo || !o->aframe)
        return mr_err_set(err, "out of memory");
    return 0;
}

mr_output *mr_output_open(const char *path, const mr_output_opts *opt, int w, int h, mr_rational fps, bool audio, mr_err *err)
{
    mr_output *o = calloc(1, sizeof *o);
    if (!o) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    snprintf(o->path, sizeof o->path, "%s", path);
    o->w = w;
    o->h = h;
    int r = avformat_alloc_output_context2(&o->oc, NULL, NULL, path);
    if (r < 0 || !o->oc) {
        mr_err_set(err, "cannot tell the format of '%s' from its name (use .mp4, .mkv, .mov, .webm, .gif or .png)", path);
        free(o);
        return NULL;
    }
    const char *fmt = o->oc->oformat->name;
    const char *codec = opt->codec;
    if (!codec)
        codec = !strcmp(fmt, "webm") ? "vp9" : !strcmp(fmt, "gif") ? "gif" : "h264";
    if (!(o->pkt = av_packet_alloc()))
        goto oom;
    if (w > 0 && open_video(o, opt, codec, fps, err) < 0)
        goto fail;
    if (audio && !strcmp(fmt, "gif"))
        mr_log("a GIF has no sound; the sound is left out of '%s'", path);
    else if (audio && open_audio(o, opt, err) < 0)
        goto fail;
    if (!o->vst && !o->ast) {
        mr_err_set(err, "nothing to write to '%s': the clip has neither picture nor sound", path);
        goto fail;
    }
    mr_temp_path(path, o->tmp, sizeof o->tmp);
    av_free(o->oc->url); /* the muxer re-opens its url to move the index (faststart) */
    o->oc->url = av_strdup(o->tmp);
    if ((r = avio_open(&o->oc->pb, o->tmp, AVIO_FLAG_WRITE)) < 0) {
        mr_err_av(err, r, "cannot write '%s'", path);
        o->tmp[0] = 0;
        goto fail;
    }
    AVDictionary *mux = NULL;
    bool mov = !strcmp(o->oc->oformat->name, "mov");
    if (opt->faststart || mov) /* mov writes the colour tags (colr atom) only when asked */
        av_dict_set(&mux, "movflags", opt->faststart && mov ? "+faststart+write_colr" : mov ? "+write_colr" : "+faststart", 0);
    r = avformat_write_header(o->oc, &mux);
    av_dict_free(&mux);
    if (r < 0) {
        mr_err_av(err, r, "cannot start '%s'", path);
        goto fail;
    }
    return o;
oom:
    mr_err_set(err, "out of memory");
fail:
    mr_output_abort(o);
    return NULL;
}

const char *mr_output_encoder_name(const mr_output *o)
{
    return o->venc ? o->venc->codec->name : o->aenc ? o->aenc->codec->name : "none";
}

/* A picture buffer from the pool, laid out for the encoder's format. */
static AVFrame *new_picture(mr_output *o, mr_err *err)
{
    AVFrame *f = av_frame_alloc();
    if (f && (f->buf[0] = av_buffer_pool_get(o->pool))) {
        f->format = o->vfmt;
        f->width = o->W;
        f->height = o->H;
        av_image_fill_arrays(f->data, f->linesize, f->buf[0]->data, o->vfmt, o->W, o->H, 64);
        /* some encoders (ProRes) write the colour tags of each frame, not the context's */
        f->color_range = o->venc->color_range;
        f->colorspace = o->venc->colorspace;
        f->color_primaries = o->venc->color_primaries;
        f->color_trc = o->venc->color_trc;
        return f;
    }
    av_frame_free(&f);
    mr_err_set(err, "out of memory for an output picture");
    return NULL;
}

AVFrame *mr_output_convert(mr_output *o, mr_eval *ev, const mr_frame *src, mr_err *err)
{
    AVFrame *f = new_picture(o, err);
    if (!f)
        return NULL;
    if (o->vfmt == AV_PIX_FMT_YUV420P) {
        mr_yuv_image y = {{f->data[0], f->data[1], f->data[2]}, {f->linesize[0], f->linesize[1], f->linesize[2]},
                          o->W, o->H, 1, 1, 1, 0, 0};
        mr_cpu_rgba_to_yuv420(src, &o->yuv, &y, 0, o->H);
    } else if (o->vfmt == AV_PIX_FMT_RGBA) { /* premultiplied = over black; make it opaque */
        for (int y = 0; y < o->H; y++) {
            uint8_t *d = f->data[0] + (size_t)y * f->linesize[0];
            memcpy(d, mr_frame_row(src, y < src->h ? y : src->h - 1), (size_t)src->w * 4);
            for (int x = 0; x < o->W; x++)
                d[4 * x + 3] = 255;
        }
    } else if (mr_cpu_rgba_to_av(ev, src, f, err) < 0) {
        av_frame_free(&f);
        return NULL;
    }
    return f;
}

/* Sends a frame (NULL: flush) to enc and writes every packet that comes out. */
static int encode(mr_output *o, AVCodecContext *enc, AVStream *st, AVFrame *f, mr_err *err)
{
    int r = avcodec_send_frame(enc, f);
    if (r < 0 && r != AVERROR_EOF)
        return mr_err_av(err, r, "%s encoder failed", enc->codec->name);
    for (;;) {
        r = avcodec_receive_packet(enc, o->pkt);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
            return 0;
        if (r < 0)
            return mr_err_av(err, r, "%s encoder failed", enc->codec->name);
        av_packet_rescale_ts(o->pkt, enc->time_base, st->time_base);
        o->pkt->stream_index = st->index;
        if ((r = av_interleaved_write_frame(o->oc, o->pkt)) < 0)
            return mr_err_av(err, r, "cannot write '%s'", o->path);
    }
}

/* Runs the GIF palette filters on f (NULL: flush) and encodes what comes out. */
static int encode_gif(mr_output *o, AVFrame *f, mr_err *err)
{
    int r = av_buffersrc_add_frame_flags(o->gif_src, f, 0);
    if (r < 0)
        return mr_err_av(err, r, "GIF palette filter failed");
    AVFrame *p = av_frame_alloc();
    if (!p)
        return mr_err_set(err, "out of memory");
    while ((r = av_buffersink_get_frame(o->gif_sink, p)) >= 0) {
        r = encode(o, o->venc, o->vst, p, err);
        av_frame_unref(p);
        if (r < 0)
            break;
    }
    av_frame_free(&p);
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
        return 0;
    return r < 0 && r != -1 ? mr_err_av(err, r, "GIF palette filter failed") : r;
}

int mr_output_video(mr_output *o, AVFrame *pic, int64_t n, mr_err *err)
{
    pic->pts = n;
    int r = o->gif_graph ? encode_gif(o, pic, err) : encode(o, o->venc, o->vst, pic, err);
    av_frame_free(&pic);
    return r;
}

/* Encodes whole encoder frames from the FIFO; with `last`, the remainder too. */
static int drain_audio(mr_output *o, bool last, mr_err *err)
{
    AVCodecContext *e = o->aenc;
    int fs = e->frame_size > 0 ? e->frame_size : 1024;
    bool small_last = e->codec->capabilities & (AV_CODEC_CAP_SMALL_LAST_FRAME | AV_CODEC_CAP_VARIABLE_FRAME_SIZE);
    while (av_audio_fifo_size(o->fifo) >= fs || (last && av_audio_fifo_size(o->fifo) > 0)) {
        int n = av_audio_fifo_size(o->fifo) < fs ? av_audio_fifo_size(o->fifo) : fs;
        AVFrame *f = o->aframe;
        av_frame_unref(f);
        f->nb_samples = n < fs && !small_last ? fs : n;
        f->format = e->sample_fmt;
        f->sample_rate = MR_AUDIO_RATE;
        av_channel_layout_copy(&f->ch_layout, &e->ch_layout);
        if (av_frame_get_buffer(f, 0) < 0)
            return mr_err_set(err, "out of memory for sound");
        av_samples_set_silence(f->extended_data, 0, f->nb_samples, 2, e->sample_fmt);
        av_audio_fifo_read(o->fifo, (void **)f->extended_data, n);
        f->pts = o->apts;
        o->apts += f->nb_samples;
        if (encode(o, e, o->ast, f, err) < 0)
            return -1;
    }
    return 0;
}

int mr_output_audio(mr_output *o, const float *s, int n, mr_err *err)
{
    if (!o->aenc || n <= 0)
        return 0;
    enum AVSampleFormat fmt = o->aenc->sample_fmt;
    if (o->planar_cap < n) {
        float *p = realloc(o->planar, sizeof(float) * 2 * (size_t)n);
        if (!p)
            return mr_err_set(err, "out of memory for sound");
        o->planar = p;
        o->planar_cap = n;
    }
    void *planes[2];
    if (fmt == AV_SAMPLE_FMT_FLTP) {
        float *l = o->planar, *r = o->planar + n;
        for (int i = 0; i < n; i++) {
            l[i] = s[2 * i];
            r[i] = s[2 * i + 1];
        }
        planes[0] = l;
        planes[1] = r;
    } else if (fmt == AV_SAMPLE_FMT_S16) {
        int16_t *d = (int16_t *)o->planar;
        for (int i = 0; i < 2 * n; i++) {
            float v = s[i] * 32767.0f;
            d[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
        }
        planes[0] = d;
    } else {
        planes[0] = (void *)s;
    }
    if (av_audio_fifo_write(o->fifo, planes, n) < n)
        return mr_err_set(err, "out of memory for sound");
    return drain_audio(o, false, err);
}

int mr_output_finish(mr_output *o, mr_err *err)
{
    int r = 0;
    if (o->venc)
        r = o->gif_graph ? encode_gif(o, NULL, err) : 0;
    if (r == 0 && o->venc)
        r = encode(o, o->venc, o->vst, NULL, err);
    if (r == 0 && o->aenc && (r = drain_audio(o, true, err)) == 0)
        r = encode(o, o->aenc, o->ast, NULL, err);
    int w;
    if (r == 0 && (w = av_write_trailer(o->oc)) < 0)
        r = mr_err_av(err, w, "cannot finish '%s'", o->path);
    if (r == 0 && (w = avio_closep(&o->oc->pb)) < 0)
        r = mr_err_av(err, w, "cannot write '%s'", o->path);
    if (r == 0 && rename(o->tmp, o->path) != 0)
        r = mr_err_set(err, "cannot put the finished file at '%s'", o->path);
    if (r == 0)
        o->tmp[0] = 0;
    mr_output_abort(o);
    return r;
}

void mr_output_abort(mr_output *o)
{
    if (!o)
        return;
    if (o->oc && o->oc->pb)
        avio_closep(&o->oc->pb);
    if (o->tmp[0])
        unlink(o->tmp);
    avcodec_free_context(&o->venc);
    avcodec_free_context(&o->aenc);
    avformat_free_context(o->oc);
    av_packet_free(&o->pkt);
    av_buffer_pool_uninit(&o->pool);
    avfilter_graph_free(&o->gif_graph);
    if (o->fifo)
        av_audio_fifo_free(o->fifo);
    av_frame_free(&o->aframe);
    free(o->planar);
    free(o);
}
