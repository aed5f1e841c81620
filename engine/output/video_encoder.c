/* video_encoder.c: the picture encoder of an output. On a GPU, `auto` tries NVENC fed with
 * CUDA frames our kernels fill (no copy); where NVENC cannot open (A100/H100/H200 have none,
 * consumer cards have a session limit) it falls back to x264/x265, saying why in one line,
 * with the conversion to NV12 still on the GPU and the download asynchronous (page-locked
 * buffers, an event per picture, several in flight). GIFs get a palette per frame.
 * Transparency is kept where the encoder takes an alpha channel (alpha_out.c says which): YUV
 * with alpha (ProRes 4444, VP9) is converted by our kernels where the picture is, on the GPU
 * too, then downloaded; RGBA layouts (PNG, QuickTime animation, GIF) from the CPU. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#ifdef MR_HAVE_GIF
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#endif
#include <libavutil/hwcontext.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include "engine/media/colorspace.h"
#include "engine/kernels/cpu/scale.h"
#include "engine/kernels/kernels.h"
#include "engine/gpu/nvenc_memo.h"
#include "engine/core/log.h"
#include "engine/output/alpha_out.h"
#include "engine/output/output_internal.h"

static const char *const presets[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                      "medium", "slow", "slower", "veryslow"};

static int preset_index(const char *p)
{
    for (int i = 0; i < 9; i++)
        if (strcmp(p, presets[i]) == 0)
            return i;
    return -1;
}

static bool is_nvenc(const char *name) { return name && (!strcmp(name, "nvenc") || strstr(name, "_nvenc")); }

const AVCodec *mr_venc_find(const char *name, const char *codec, mr_err *err)
{
    static const struct { const char *alias, *ffname; } aliases[] = {
        {"x264", "libx264"}, {"x265", "libx265"}, {"vp9", "libvpx-vp9"}, {"prores", "prores_ks"}, {"gif", "gif"}};
    static const struct { const char *codec, *sw, *nvenc; } codecs[] = {
        {"h264", "libx264", "h264_nvenc"}, {"hevc", "libx265", "hevc_nvenc"}, {"av1", "libaom-av1", "av1_nvenc"},
        {"vp9", "libvpx-vp9", NULL}, {"prores", "prores_ks", NULL}, {"png", "png", NULL}, {"qtrle", "qtrle", NULL},
        {"gif", "gif", NULL}};
    const char *ff = name;
    if (!name || !strcmp(name, "auto") || !strcmp(name, "null") || !strcmp(name, "nvenc")) {
        ff = NULL;
        for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
            if (!strcmp(codec, codecs[i].codec))
                ff = name && !strcmp(name, "nvenc") ? codecs[i].nvenc : codecs[i].sw;
        if (!ff) {
            mr_err_set(err, name && !strcmp(name, "nvenc") ? "NVENC does not encode %s" : "unknown codec '%s' (h264, hevc, vp9, prores, png, qtrle, gif)", codec);
            return NULL;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcmp(ff, aliases[i].alias))
            ff = aliases[i].ffname;
    const AVCodec *c = avcodec_find_encoder_by_name(ff);
    if (!c || c->type != AVMEDIA_TYPE_VIDEO) {
        mr_err_set(err, "encoder '%s' is not available in this FFmpeg build", ff);
        return NULL;
    }
    return c;
}

/* Sets the encoder's quality options from crf/preset, by encoder family (ProRes with alpha:
 * the 4444 profile). */
static void set_quality(AVCodecContext *enc, const AVCodec *codec, int crf, int preset, bool alpha, bool by_rate)
{
    const char *n = codec->name;
    char buf[32];
    bool quality = crf >= 0 || !by_rate; /* constant quality, unless a bitrate alone was asked for */
    if (!strcmp(n, "libx264") || !strcmp(n, "libx265")) {
        av_opt_set(enc->priv_data, "preset", presets[preset], 0);
        snprintf(buf, sizeof buf, "%d", crf >= 0 ? crf : !strcmp(n, "libx264") ? 20 : 24);
        if (quality)
            av_opt_set(enc->priv_data, "crf", buf, 0);
        if (!strcmp(n, "libx265"))
            av_opt_set(enc->priv_data, "x265-params", "log-level=error", 0);
    } else if (!strcmp(n, "libvpx-vp9")) {
        if (quality) {
            av_opt_set_int(enc->priv_data, "crf", crf >= 0 ? crf : 32, 0);
            enc->bit_rate = 0;
        }
        av_opt_set_int(enc->priv_data, "cpu-used", 8 - preset, 0);
        av_opt_set_int(enc->priv_data, "row-mt", 1, 0);
        av_opt_set(enc->priv_data, "deadline", "good", 0);
    } else if (strstr(n, "_nvenc")) {
        /* ultrafast..veryslow onto p1..p7; crf onto constant quality */
        snprintf(buf, sizeof buf, "p%d", preset < 2 ? 1 : preset > 7 ? 7 : preset);
        av_opt_set(enc->priv_data, "preset", buf, 0);
        av_opt_set(enc->priv_data, "rc", "vbr", 0);
        if (quality) {
            av_opt_set_int(enc->priv_data, "cq", crf >= 0 ? crf : 23, 0);
            enc->bit_rate = 0;
        }
    } else if (!strcmp(n, "prores_ks")) {
        av_opt_set(enc->priv_data, "profile", alpha ? "4444" : "hq", 0);
    }
    bool has_crf = strstr(n, "x264") || strstr(n, "x265") || strstr(n, "vpx") || strstr(n, "_nvenc");
    if (crf >= 0 && !has_crf)
        mr_log("crf %d does not apply to the %s encoder (%s); it is left out", crf, n,
               !strcmp(n, "prores_ks") ? "its profile sets the quality" : "it has no such setting");
}

static bool supports(const AVCodec *c, enum AVPixelFormat f)
{
    for (const enum AVPixelFormat *p = c->pix_fmts; p && *p != AV_PIX_FMT_NONE; p++)
        if (*p == f)
            return true;
    return !c->pix_fmts && f == AV_PIX_FMT_YUV420P;
}

/* The encoder's input layout: with alpha, the one alpha_out.c names; else NV12 from the GPU
 * where it takes it (x264 keeps NV12 inside), yuv420p from the CPU; both written by our
 * kernels. */
static enum AVPixelFormat pick_format(const AVCodec *c, bool gpu, bool alpha)
{
    if (alpha)
        return mr_alpha_format(c);
    if (!strcmp(c->name, "gif"))
        return AV_PIX_FMT_RGBA; /* the palette filters make it pal8 */
    if (gpu && supports(c, AV_PIX_FMT_NV12))
        return AV_PIX_FMT_NV12;
    if (supports(c, AV_PIX_FMT_YUV420P))
        return AV_PIX_FMT_YUV420P;
    return c->pix_fmts[0];
}

/* The layout named by pixel_format, where codec takes it, into *fmt (yuv420p keeps the choice
 * made: NV12 from the GPU is the same picture). 0, or -1 with err set: an unknown name, a
 * layout the encoder does not take (listing those it does), CUDA frames (NV12 only) or
 * alpha (its own layouts) asked for another. */
static int asked_format(const AVCodec *c, const char *name, bool cuda_frames, bool alpha, enum AVPixelFormat *fmt,
                        mr_err *err)
{
    enum AVPixelFormat f = av_get_pix_fmt(name);
    if (f == AV_PIX_FMT_NONE)
        return mr_err_set(err, "pixel_format '%s' is not a pixel format FFmpeg knows (yuv420p, yuv422p, yuv444p, "
                               "yuv420p10le ...)", name);
    if (f == AV_PIX_FMT_YUV420P && (*fmt == AV_PIX_FMT_NV12 || *fmt == AV_PIX_FMT_YUV420P))
        return 0;
    if (alpha)
        return mr_err_set(err, "pixel_format '%s' with alpha: a transparent picture takes the encoder's alpha layout "
                               "(alpha = false flattens it)", name);
    if (cuda_frames)
        return mr_err_set(err, "pixel_format '%s': NVENC is fed 4:2:0 (NV12) from the GPU here", name);
    if (!supports(c, f)) {
        char list[512] = "";
        for (const enum AVPixelFormat *p = c->pix_fmts; p && *p != AV_PIX_FMT_NONE; p++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "",
                     av_get_pix_fmt_name(*p));
        return mr_err_set(err, "pixel_format '%s': the %s encoder takes %s", name, c->name, list[0] ? list : "yuv420p");
    }
    *fmt = f;
    return 0;
}

#ifdef MR_HAVE_GIF
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
#else
static int open_gif_graph(mr_output *o, mr_rational fps, mr_err *err)
{
    return mr_err_set(err, "GIF output is not in this build of moonreel (built with MOONREEL_GIF=OFF)");
}
#endif

/* Page-locked buffers and events, pooled so that steady state allocates nothing. */
static void pinned_free(void *opaque, uint8_t *data) { mr_gpu_host_free(data); }
static AVBufferRef *pinned_alloc(void *opaque, size_t size)
{
    mr_err err;
    uint8_t *p = mr_gpu_host_malloc(size, &err);
    AVBufferRef *b = p ? av_buffer_create(p, size, pinned_free, NULL, 0) : NULL;
    if (p && !b)
        mr_gpu_host_free(p);
    return b;
}
static void event_free(void *opaque, uint8_t *data)
{
    mr_gpu_event_free(*(void **)data);
    av_free(data);
}
static AVBufferRef *event_alloc(void *opaque, size_t size)
{
    mr_err err;
    void **box = av_malloc(sizeof *box);
    if (!box || !(*box = mr_gpu_event_new(&err))) {
        av_free(box);
        return NULL;
    }
    AVBufferRef *b = av_buffer_create((uint8_t *)box, sizeof *box, event_free, NULL, 0);
    if (!b)
        event_free(NULL, (uint8_t *)box);
    return b;
}

/* CUDA frames of sw_format fmt and W x H on gpu, for NVENC. NULL with err set. */
static AVBufferRef *cuda_frames_new(mr_gpu *gpu, enum AVPixelFormat fmt, int W, int H, mr_err *err)
{
    AVBufferRef *frames = av_hwframe_ctx_alloc(mr_gpu_hw_device(gpu));
    if (!frames) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    AVHWFramesContext *fc = (AVHWFramesContext *)frames->data;
    fc->format = AV_PIX_FMT_CUDA;
    fc->sw_format = fmt;
    fc->width = W;
    fc->height = H;
    int r = av_hwframe_ctx_init(frames);
    if (r < 0) {
        av_buffer_unref(&frames);
        mr_err_av(err, r, "cannot make CUDA frames");
    }
    return frames;
}

/* Whether NVENC's failure r means that this GPU has no encoder at all ("unsupported device",
 * "no encode device"), which stays so; a busy encoder (the session limit) does not. */
static bool gpu_lacks_nvenc(int r) { return r == AVERROR(ENOSYS) || r == AVERROR(ENOENT); }

int mr_venc_probe(const char *name, mr_gpu *gpu, mr_err *err)
{
    const AVCodec *c = avcodec_find_encoder_by_name(name);
    if (!c)
        return mr_err_set(err, "not in this FFmpeg build");
    AVCodecContext *e = avcodec_alloc_context3(c);
    AVBufferRef *frames = cuda_frames_new(gpu, AV_PIX_FMT_NV12, 256, 256, err);
    int r = -1;
    if (e && frames) {
        e->width = e->height = 256;
        e->pix_fmt = AV_PIX_FMT_CUDA;
        e->hw_frames_ctx = av_buffer_ref(frames);
        e->time_base = (AVRational){1, 30};
        int a = avcodec_open2(e, c, NULL);
        r = a < 0 ? mr_err_av(err, a, "cannot open %s", name) : 0;
        if (gpu && (a == 0 || gpu_lacks_nvenc(a))) /* what later runs remember */
            mr_nvenc_memo_set(mr_gpu_identity(gpu), avcodec_get_name(c->id), a == 0 ? NULL : err->msg);
    }
    avcodec_free_context(&e);
    av_buffer_unref(&frames);
    return r;
}

/* Opens `codec` for o (NVENC with CUDA frames when `cuda_frames`); on success adds the
 * stream and the pools. On failure (< 0: the encoder's AVERROR when it refused to open,
 * else -1) o is as before (nothing added). */
static int try_open(mr_output *o, const AVCodec *codec, const mr_output_opts *opt, mr_rational fps, int preset,
                    bool cuda_frames, mr_err *err)
{
    enum AVPixelFormat fmt = cuda_frames ? AV_PIX_FMT_NV12 : pick_format(codec, o->gpu != NULL, o->alpha);
    if (opt->pixel_format && asked_format(codec, opt->pixel_format, cuda_frames, o->alpha, &fmt, err) < 0)
        return -1;
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(fmt);
    int W = (o->w + (1 << d->log2_chroma_w) - 1) >> d->log2_chroma_w << d->log2_chroma_w;
    int H = (o->h + (1 << d->log2_chroma_h) - 1) >> d->log2_chroma_h << d->log2_chroma_h;
    AVCodecContext *e = avcodec_alloc_context3(codec);
    AVBufferRef *frames = NULL;
    if (!e)
        return mr_err_set(err, "out of memory");
    e->width = W;
    e->height = H;
    e->pix_fmt = !strcmp(codec->name, "gif") ? AV_PIX_FMT_PAL8 : fmt;
    e->time_base = (AVRational){fps.den, fps.num};
    e->framerate = (AVRational){fps.num, fps.den};
    e->sample_aspect_ratio = (AVRational){1, 1};
    /* 0: the encoder's own choice. For x264 that is 1.5 threads a core, also when the GPU
     * decodes: one a core held a fifth less memory but made W1 9 % slower (x264's frame
     * threads, not the CPU, are what limit it; bench/RESULTS.md) */
    e->thread_count = opt->threads > 0 ? opt->threads : 0;
    e->bit_rate = opt->bitrate; /* 0: by quality (set_quality) */
    e->rc_max_rate = opt->maxrate;
    e->rc_buffer_size = opt->bufsize ? opt->bufsize : opt->maxrate ? 2 * opt->maxrate : 0;
    if (opt->gop > 0)
        e->gop_size = opt->gop;
    if (d->flags & AV_PIX_FMT_FLAG_RGB) {
        e->color_range = AVCOL_RANGE_JPEG;
    } else {
        e->color_range = AVCOL_RANGE_MPEG;
        e->colorspace = AVCOL_SPC_BT709;
        e->color_primaries = AVCOL_PRI_BT709;
        e->color_trc = AVCOL_TRC_BT709;
    }
    if (o->mux.oc->oformat->flags & AVFMT_GLOBALHEADER)
        e->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (cuda_frames) {
        if (!(frames = cuda_frames_new(o->gpu, fmt, W, H, err))) {
            avcodec_free_context(&e);
            return -1;
        }
        e->pix_fmt = AV_PIX_FMT_CUDA;
        e->hw_frames_ctx = av_buffer_ref(frames);
    }
    set_quality(e, codec, opt->crf, preset, o->alpha, opt->bitrate > 0);
    AVDictionary *own = NULL; /* codec_opts: the encoder's own options, each one used or an error */
    if (opt->codec_opts[0] && av_dict_parse_string(&own, opt->codec_opts, "=", "\n", 0) < 0) {
        av_dict_free(&own);
        av_buffer_unref(&frames);
        avcodec_free_context(&e);
        return mr_err_set(err, "codec_opts: cannot read '%s'", opt->codec_opts);
    }
    int r = avcodec_open2(e, codec, &own);
    if (r < 0) {
        mr_err_av(err, r, "cannot open the %s encoder%s%s", codec->name, opt->codec_opts[0] ? " with codec_opts " : "",
                  opt->codec_opts);
        av_dict_free(&own);
        av_buffer_unref(&frames);
        avcodec_free_context(&e);
        return r;
    }
    const AVDictionaryEntry *unknown = av_dict_get(own, "", NULL, AV_DICT_IGNORE_SUFFIX);
    if (unknown) {
        mr_err_set(err, "codec_opts: the %s encoder has no option '%s' (ffmpeg -h encoder=%s lists its options)",
                   codec->name, unknown->key, codec->name);
        av_dict_free(&own);
        av_buffer_unref(&frames);
        avcodec_free_context(&e);
        return -1;
    }
    av_dict_free(&own);
    if (!o->null && !(o->vst = avformat_new_stream(o->mux.oc, NULL))) {
        av_buffer_unref(&frames);
        avcodec_free_context(&e);
        return mr_err_set(err, "out of memory");
    }
    o->venc = e;
    o->hw_frames = frames;
    o->vfmt = fmt;
    o->W = W;
    o->H = H;
    if (o->vst) {
        avcodec_parameters_from_context(o->vst->codecpar, e);
        /* HEVC in MP4/MOV as hvc1 (parameter sets in the header only), which Apple's players
         * require; FFmpeg would write hev1 */
        const char *mux = o->mux.oc->oformat->name;
        if (e->codec_id == AV_CODEC_ID_HEVC && (!strcmp(mux, "mp4") || !strcmp(mux, "mov")))
            o->vst->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');
        o->vst->time_base = e->time_base;
        o->vst->avg_frame_rate = e->framerate;
    }
    o->pic_size = av_image_get_buffer_size(fmt, W, H, 64);
    o->pool = o->gpu ? av_buffer_pool_init2(o->pic_size, NULL, pinned_alloc, NULL) : av_buffer_pool_init(o->pic_size, NULL);
    if (o->gpu)
        o->events = av_buffer_pool_init2(sizeof(void *), NULL, event_alloc, NULL);
    if (!o->pool || (o->gpu && !o->events))
        return mr_err_set(err, "out of memory");
    o->yuv = mr_rgb2yuv_params_make(MR_MATRIX_BT709, d->flags & AV_PIX_FMT_FLAG_RGB ? 8 : d->comp[0].depth);
    if (W != o->w || H != o->h)
        mr_log("%dx%d is odd; %s needs even sizes, so the picture is padded to %dx%d (edge pixels repeated)", o->w,
               o->h, av_get_pix_fmt_name(fmt), W, H);
    return !strcmp(codec->name, "gif") ? open_gif_graph(o, fps, err) : 0;
}

/* The formats that hold transparency, for messages. */
#define ALPHA_FORMATS ".mov with codec = \"prores\" (ProRes 4444), \"png\" or \"qtrle\", .webm (VP9), .gif, " \
                      "or a PNG sequence (f_%04d.png)"

/* Decides whether o's pictures keep their alpha with encoder c (NULL: not known yet): asked
 * for (an error where c cannot hold it), or by default where the picture is transparent and c
 * holds it. 0, or -1 with err naming the codec and the container (the caller adds the file). */
static int decide_alpha(mr_output *o, const mr_output_opts *opt, const AVCodec *c, mr_err *err)
{
    o->alpha_possible = c && mr_alpha_holds(c, o->mux.oc ? o->mux.oc->oformat->name : NULL);
    if (opt->alpha == MR_ALPHA_ON && c && !o->alpha_possible)
        return mr_err_set(err, "alpha = true, but %s video in a %s file cannot hold transparency; these can: %s",
                          avcodec_get_name(c->id), o->mux.oc->oformat->name, ALPHA_FORMATS);
    o->alpha = o->alpha_possible && (opt->alpha == MR_ALPHA_ON || (opt->alpha == MR_ALPHA_AUTO && o->transparent));
    return 0;
}

const char *mr_venc_settle(const char *encoder, const char *codec, struct mr_gpu *gpu)
{
    bool auto_gpu = gpu && codec && (!encoder || !strcmp(encoder, "auto")) &&
                    (!strcmp(codec, "h264") || !strcmp(codec, "hevc"));
    if (!auto_gpu)
        return encoder;
    /* the answer for this GPU and codec, kept: `auto` segments ask before the render does, and
     * a probe opens an NVENC session */
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static struct { const struct mr_gpu *gpu; char codec[8]; const char *answer; } known[2];
    const char *answer = NULL;
    int slot = !strcmp(codec, "hevc");
    pthread_mutex_lock(&lock);
    if (known[slot].gpu == gpu && !strcmp(known[slot].codec, codec))
        answer = known[slot].answer;
    pthread_mutex_unlock(&lock);
    if (answer)
        return answer;
    char why[1024];
    mr_err err;
    const AVCodec *nv = mr_venc_find("nvenc", codec, NULL);
    const AVCodec *sw = mr_venc_find("auto", codec, NULL);
    if (nv && mr_nvenc_memo_get(mr_gpu_identity(gpu), codec, why, sizeof why) == MR_NVENC_NOT_REFUSED &&
        mr_venc_probe(nv->name, gpu, &err) == 0)
        answer = "nvenc";
    else
        answer = sw ? sw->name : encoder;
    pthread_mutex_lock(&lock);
    known[slot].gpu = gpu;
    snprintf(known[slot].codec, sizeof known[slot].codec, "%s", codec);
    known[slot].answer = answer;
    pthread_mutex_unlock(&lock);
    return answer;
}

int mr_venc_open(mr_output *o, const mr_output_opts *opt, const char *codec_name, mr_rational fps, mr_err *err)
{
    int preset = preset_index(opt->preset ? opt->preset : "veryfast");
    if (preset < 0)
        return mr_err_set(err, "unknown preset '%s' (ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow)",
                          opt->preset);
    if (decide_alpha(o, opt, mr_venc_find(opt->encoder, codec_name, NULL), err) < 0)
        return -1;
    bool asked_nvenc = is_nvenc(opt->encoder);
    bool auto_gpu = o->gpu && !o->null && (!opt->encoder || !strcmp(opt->encoder, "auto")) &&
                    (!strcmp(codec_name, "h264") || !strcmp(codec_name, "hevc"));
    if (asked_nvenc || auto_gpu) {
        const AVCodec *nv = mr_venc_find(asked_nvenc ? opt->encoder : "nvenc", codec_name, err);
        if (nv && avformat_query_codec(o->mux.oc->oformat, nv->id, FF_COMPLIANCE_NORMAL) != 1)
            return mr_err_set(err, "a %s file cannot hold %s video", o->mux.oc->oformat->name, avcodec_get_name(nv->id));
        const char *gpu_id = o->gpu ? mr_gpu_identity(o->gpu) : NULL;
        char before[sizeof err->msg];
        mr_nvenc_known known = asked_nvenc ? MR_NVENC_NOT_REFUSED : mr_nvenc_memo_get(gpu_id, codec_name, before, sizeof before);
        if (known == MR_NVENC_REFUSED_HERE) /* asked by this process (segments settle first) */
            mr_err_set(err, "%s", before);
        else if (known == MR_NVENC_REFUSED_BEFORE)
            mr_err_set(err, "%s; remembered from an earlier try: 'moonreel probe' asks the GPU again", before);
        int r = known != MR_NVENC_NOT_REFUSED || !nv ? -1 : try_open(o, nv, opt, fps, preset, o->gpu != NULL, err);
        if (r == 0 || gpu_lacks_nvenc(r))
            mr_nvenc_memo_set(gpu_id, codec_name, r == 0 ? NULL : err->msg);
        if (r == 0)
            return 0;
        if (asked_nvenc) /* asked for by name: no silent fallback */
            return -1;
        const AVCodec *sw = mr_venc_find("auto", codec_name, NULL);
        mr_log("encoding with %s: NVENC cannot be used here (%s)", sw ? sw->name : "software", err->msg);
    }
    const AVCodec *codec = mr_venc_find(asked_nvenc ? "auto" : opt->encoder, codec_name, err);
    if (!codec)
        return -1;
    if (!o->null && !o->seq && avformat_query_codec(o->mux.oc->oformat, codec->id, FF_COMPLIANCE_NORMAL) != 1)
        return mr_err_set(err, "a %s file cannot hold %s video (try .mkv or .mov, or another codec)",
                          o->mux.oc->oformat->name, avcodec_get_name(codec->id));
    return try_open(o, codec, opt, fps, preset, false, err);
}

/* A host picture buffer from the pool, laid out for the encoder's format. */
static AVFrame *new_picture(mr_output *o, mr_err *err)
{
    AVFrame *f = av_frame_alloc();
    if (f && (f->buf[0] = av_buffer_pool_get(o->pool))) {
        f->format = o->vfmt;
        f->width = o->W;
        f->height = o->H;
        av_image_fill_arrays(f->data, f->linesize, f->buf[0]->data, o->vfmt, o->W, o->H, 64);
        return f;
    }
    av_frame_free(&f);
    mr_err_set(err, "out of memory for an output picture");
    return NULL;
}

/* The planes of a 4:2:0 picture (nv12 or yuv420p) as our kernels see them. */
static mr_yuv_image planes_of(uint8_t *const data[], const int linesize[], int W, int H, bool semi)
{
    return (mr_yuv_image){{data[0], data[1], data[2]}, {linesize[0], linesize[1], linesize[2]}, W, H, 1, 1, 1, 0, semi};
}

/* Whether our kernels write fmt: 4:2:0 (NV12, yuv420p), or planar YUV with alpha. */
static bool kernel_layout(enum AVPixelFormat fmt)
{
    return fmt == AV_PIX_FMT_NV12 || fmt == AV_PIX_FMT_YUV420P || fmt == AV_PIX_FMT_YUVA420P ||
           fmt == AV_PIX_FMT_YUVA422P || fmt == AV_PIX_FMT_YUVA444P || fmt == AV_PIX_FMT_YUVA444P10LE;
}

/* Fills the planes data/linesize (o's layout, a kernel_layout, W x H, where src lives) from src
 * by our kernels. 0, or -1 with ev->err set. */
static int fill_planes(mr_output *o, mr_eval *ev, const mr_frame *src, uint8_t *const data[], const int linesize[])
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(o->vfmt);
    if (!(d->flags & AV_PIX_FMT_FLAG_ALPHA)) {
        mr_yuv_image y = planes_of(data, linesize, o->W, o->H, o->vfmt == AV_PIX_FMT_NV12);
        return mr_k_rgba_to_yuv420(ev, src, &o->yuv, &y);
    }
    int bytes = d->comp[0].depth > 8 ? 2 : 1;
    mr_yuva_image y = {{{data[0], data[1], data[2]}, {linesize[0], linesize[1], linesize[2]}, o->W, o->H,
                        d->log2_chroma_w, d->log2_chroma_h, bytes, 0, 0},
                       data[3], linesize[3]};
    return mr_k_rgba_to_yuva(ev, src, &o->yuv, &y);
}

/* GPU picture -> o's layout (a kernel_layout) in device scratch -> page-locked host picture,
 * asynchronously: the picture carries an event that mr_venc_send waits for. */
static AVFrame *download(mr_output *o, mr_eval *ev, const mr_frame *src, mr_err *err)
{
    uint8_t *dev = mr_eval_gpu_scratch(ev, 2, (size_t)o->pic_size);
    AVFrame *f = o->null ? av_frame_alloc() : new_picture(o, err); /* render only: nothing to download */
    if (!dev || !f) {
        av_frame_free(&f);
        return NULL;
    }
    uint8_t *dd[4];
    int dl[4];
    av_image_fill_arrays(dd, dl, dev, o->vfmt, o->W, o->H, 64);
    if (fill_planes(o, ev, src, dd, dl) < 0 ||
        (!o->null && mr_gpu_copy2d(ev->gpu, f->buf[0]->data, (size_t)o->pic_size, dev, (size_t)o->pic_size,
                                   (size_t)o->pic_size, 1, err) < 0)) {
        av_frame_free(&f);
        return NULL;
    }
    if (!o->null && !(f->opaque_ref = av_buffer_pool_get(o->events))) {
        av_frame_free(&f);
        mr_err_set(err, "cannot make a CUDA event");
        return NULL;
    }
    if (f->opaque_ref && mr_gpu_event_record(ev->gpu, *(void **)f->opaque_ref->data, err) < 0) {
        av_frame_free(&f);
        return NULL;
    }
    return f;
}

/* Says once that a transparent picture is flattened over black: the format cannot hold
 * alpha, or the output was opened without it after an opaque first frame. Only by default
 * (alpha = false flattens silently). A GPU picture is judged by its opaque flag alone:
 * reading its pixels would cost a download. */
static void notice_flattened(mr_output *o, const mr_frame *src)
{
    if (o->alpha || o->null || o->alpha_mode != MR_ALPHA_AUTO || src->opaque || atomic_load(&o->said_flat))
        return;
    if ((!src->gpu && !mr_frame_transparent(src)) || atomic_exchange(&o->said_flat, true))
        return;
    if (o->alpha_possible)
        mr_log("'%s': the picture turns transparent after an opaque first frame, and the file was opened without "
               "alpha: it is flattened over black (alpha = true keeps it)", o->path);
    else
        mr_log("'%s': the picture is transparent, which %s video in a %s file cannot hold: it is flattened over "
               "black (these keep it: %s)", o->path, avcodec_get_name(o->venc->codec_id), o->mux.oc->oformat->name,
               ALPHA_FORMATS);
}

/* Writes host frame src with straight alpha into f (an RGB layout with alpha, W x H, edges
 * repeated into the padding): as is for RGBA, through swscale for the others (ARGB, BGRA).
 * 0, or -1 with err set. */
static int alpha_picture(mr_output *o, mr_eval *ev, const mr_frame *src, AVFrame *f, mr_err *err)
{
    if (o->vfmt == AV_PIX_FMT_RGBA) {
        mr_alpha_straight_into(src, f->data[0], f->linesize[0], o->W, o->H);
        return 0;
    }
    mr_frame *s = mr_frame_new(o->W, o->H, err);
    if (!s)
        return -1;
    mr_alpha_straight_into(src, s->data, s->stride, o->W, o->H);
    int r = mr_cpu_rgba_to_av(ev, s, f, err);
    mr_frame_unref(s);
    return r;
}

AVFrame *mr_output_convert(mr_output *o, mr_eval *ev, const mr_frame *src, mr_err *err)
{
    AVFrame *f = NULL;
    notice_flattened(o, src);
    if (src->gpu && o->hw_frames) { /* NVENC: our kernel writes straight into its frame */
        if (!(f = av_frame_alloc()) || av_hwframe_get_buffer(o->hw_frames, f, 0) < 0) {
            av_frame_free(&f);
            mr_err_set(err, "out of GPU memory for an encoder frame");
            return NULL;
        }
        mr_yuv_image y = planes_of(f->data, f->linesize, o->W, o->H, true);
        if (mr_k_rgba_to_yuv420(ev, src, &o->yuv, &y) < 0)
            av_frame_free(&f);
    } else if (src->gpu && kernel_layout(o->vfmt)) { /* 4:2:0, or YUV with alpha (ProRes 4444, VP9) */
        f = download(o, ev, src, err);
    } else if (src->gpu) { /* another layout (ProRes 4:2:2, PNG, GIF, RGBA ones): through the CPU */
        mr_frame *host = mr_k_to_host(ev->gpu, src, err);
        if (host) {
            f = mr_output_convert(o, ev, host, err);
            mr_frame_unref(host);
        }
    } else if (!(f = new_picture(o, err))) {
        return NULL;
    } else if (kernel_layout(o->vfmt)) {
        if (fill_planes(o, ev, src, f->data, f->linesize) < 0)
            av_frame_free(&f);
    } else if (o->alpha) {
        if (alpha_picture(o, ev, src, f, err) < 0)
            av_frame_free(&f);
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
    if (f) { /* some encoders (ProRes) write the colour tags of each frame, not the context's */
        f->color_range = o->venc->color_range;
        f->colorspace = o->venc->colorspace;
        f->color_primaries = o->venc->color_primaries;
        f->color_trc = o->venc->color_trc;
    }
    return f;
}

#ifdef MR_HAVE_GIF
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
        r = mr_mux_encode(&o->mux, o->venc, o->vst, p, err);
        av_frame_unref(p);
        if (r < 0)
            break;
    }
    av_frame_free(&p);
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
        return 0;
    return r < 0 && r != -1 ? mr_err_av(err, r, "GIF palette filter failed") : r;
}
#else
static int encode_gif(mr_output *o, AVFrame *f, mr_err *err) { return mr_err_set(err, "no GIF support"); }
#endif

int mr_venc_send(mr_output *o, AVFrame *pic, mr_err *err)
{
    int r = 0;
    if (pic && pic->opaque_ref) /* a download from the GPU: wait for this picture only */
        r = mr_gpu_event_wait(*(void **)pic->opaque_ref->data, err);
    if (r == 0 && !o->null && o->seq)
        r = mr_seq_send(o, pic, err);
    else if (r == 0 && !o->null && o->gif_graph)
        r = encode_gif(o, pic, err);
    if (r == 0 && !o->null && !o->seq && (!o->gif_graph || !pic)) /* the encoder: a picture, or the flush */
        r = mr_mux_encode(&o->mux, o->venc, o->vst, pic, err);
    av_frame_free(&pic);
    return r;
}

void mr_venc_close(mr_output *o)
{
    avcodec_free_context(&o->venc);
    av_buffer_unref(&o->hw_frames);
    av_buffer_pool_uninit(&o->pool);
    av_buffer_pool_uninit(&o->events);
#ifdef MR_HAVE_GIF
    avfilter_graph_free(&o->gif_graph);
#endif
}
