/* probe.c: trying the GPU's decoders and encoders for real. */
#include "engine/gpu/probe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
#include "engine/gpu/gpu.h"
#include "engine/core/log.h"
#include "engine/output/output.h"

static void say(void (*line)(const char *, void *), void *ud, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    line(buf, ud);
}

/* Encodes a few small frames with the software encoder `enc` into packets. Returns how many. */
static int make_stream(const char *enc, AVPacket **pkts, int max, AVCodecParameters *par)
{
    const AVCodec *c = avcodec_find_encoder_by_name(enc);
    AVCodecContext *e = c ? avcodec_alloc_context3(c) : NULL;
    AVFrame *f = av_frame_alloc();
    int n = 0;
    if (!e || !f)
        goto done;
    e->width = 320;
    e->height = 240;
    e->pix_fmt = AV_PIX_FMT_YUV420P;
    e->time_base = (AVRational){1, 30};
    e->gop_size = 10;
    av_opt_set(e->priv_data, "preset", "ultrafast", 0);
    av_opt_set(e->priv_data, "x265-params", "log-level=none", 0);
    av_opt_set_int(e->priv_data, "cpu-used", 8, 0);
    av_opt_set(e->priv_data, "deadline", "realtime", 0);
    if (avcodec_open2(e, c, NULL) < 0)
        goto done;
    avcodec_parameters_from_context(par, e);
    f->format = e->pix_fmt;
    f->width = e->width;
    f->height = e->height;
    if (av_frame_get_buffer(f, 0) < 0)
        goto done;
    for (int i = 0; i <= 4 && n < max; i++) {
        if (i < 4) {
            av_frame_make_writable(f);
            for (int p = 0; p < 3; p++)
                memset(f->data[p], 40 * i + 30 * p, (size_t)f->linesize[p] * (p ? 120 : 240));
            f->pts = i;
        }
        avcodec_send_frame(e, i < 4 ? f : NULL);
        AVPacket *pkt = av_packet_alloc();
        while (pkt && n < max && avcodec_receive_packet(e, pkt) == 0) {
            pkts[n++] = pkt;
            pkt = av_packet_alloc();
        }
        av_packet_free(&pkt);
    }
done:
    av_frame_free(&f);
    avcodec_free_context(&e);
    return n;
}

static enum AVPixelFormat want_cuda(AVCodecContext *ctx, const enum AVPixelFormat *fmts)
{
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++)
        if (*p == AV_PIX_FMT_CUDA)
            return *p;
    return AV_PIX_FMT_NONE; /* no NVDEC for this stream: fail rather than decode in software */
}

/* Decodes the stream with NVDEC. Returns 0 when frames come out on the GPU, else -1 with why. */
static int try_nvdec(mr_gpu *gpu, AVPacket **pkts, int n, const AVCodecParameters *par, char *why, size_t wn)
{
    const AVCodec *c = par->codec_id == AV_CODEC_ID_AV1 && avcodec_find_decoder_by_name("av1")
                           ? avcodec_find_decoder_by_name("av1") /* the one with NVDEC (not libdav1d) */
                           : avcodec_find_decoder(par->codec_id);
    AVCodecContext *d = c ? avcodec_alloc_context3(c) : NULL;
    AVFrame *f = av_frame_alloc();
    int r = -1;
    snprintf(why, wn, "the decoder gave no picture on the GPU");
    if (!d || !f)
        goto done;
    avcodec_parameters_to_context(d, par);
    d->hw_device_ctx = av_buffer_ref(mr_gpu_hw_device(gpu));
    d->get_format = want_cuda;
    if (avcodec_open2(d, c, NULL) < 0)
        goto done;
    char said[256];
    mr_log_take_ffmpeg_error(said, sizeof said);
    for (int i = 0; i <= n && r < 0; i++) {
        avcodec_send_packet(d, i < n ? pkts[i] : NULL);
        int g;
        while ((g = avcodec_receive_frame(d, f)) == 0) {
            if (f->format == AV_PIX_FMT_CUDA)
                r = 0;
            av_frame_unref(f);
        }
        if (g < 0 && g != AVERROR(EAGAIN) && g != AVERROR_EOF)
            break;
    }
    mr_log_take_ffmpeg_error(said, sizeof said);
    if (r < 0 && said[0])
        snprintf(why, wn, "%s", said);
done:
    av_frame_free(&f);
    avcodec_free_context(&d);
    return r;
}

int mr_probe_run(mr_probe_report *r)
{
    memset(r, 0, sizeof *r);
    r->auto_backend = "cpu";
    snprintf(r->auto_encoder, sizeof r->auto_encoder, "libx264");
    r->built = mr_gpu_built();
    if (!r->built)
        return 0;
    mr_err why;
    mr_gpu *gpu = mr_gpu_open(&why);
    if (!gpu) {
        snprintf(r->gpu_why, sizeof r->gpu_why, "%s", why.msg);
        return 0;
    }
    r->gpu = true;
    snprintf(r->gpu_name, sizeof r->gpu_name, "%s", mr_gpu_name(gpu));
    r->gpu_memory_gib = mr_gpu_memory(gpu) / (1024.0 * 1024 * 1024);
    r->cuda_version = mr_gpu_driver_version();
    r->auto_backend = "cuda";
    static const struct { const char *codec, *sw, *nvenc; } codecs[MR_PROBE_CODECS] = {
        {"h264", "libx264", "h264_nvenc"}, {"hevc", "libx265", "hevc_nvenc"},
        {"vp9", "libvpx-vp9", NULL}, {"av1", "libaom-av1", "av1_nvenc"}};
    bool nvenc_h264 = false;
    for (int i = 0; i < MR_PROBE_CODECS; i++) {
        mr_probe_codec *pc = &r->codecs[r->ncodecs++];
        pc->codec = codecs[i].codec;
        pc->software = codecs[i].sw;
        pc->nvenc = codecs[i].nvenc;
        AVPacket *pkts[32];
        AVCodecParameters *par = avcodec_parameters_alloc();
        int n = par ? make_stream(codecs[i].sw, pkts, 32, par) : 0;
        if (n == 0) {
            pc->nvdec = MR_PROBE_NOT_TRIED;
            snprintf(pc->nvdec_why, sizeof pc->nvdec_why, "no %s encoder here to make a test stream", codecs[i].sw);
        } else {
            pc->nvdec = try_nvdec(gpu, pkts, n, par, pc->nvdec_why, sizeof pc->nvdec_why) == 0 ? MR_PROBE_YES
                                                                                                : MR_PROBE_NO;
            if (pc->nvdec == MR_PROBE_YES)
                pc->nvdec_why[0] = 0;
        }
        for (int k = 0; k < n; k++)
            av_packet_free(&pkts[k]);
        avcodec_parameters_free(&par);
        if (!pc->nvenc) {
            pc->nvenc_opens = MR_PROBE_NOT_TRIED;
            continue;
        }
        mr_err e;
        pc->nvenc_opens = mr_venc_probe(pc->nvenc, gpu, &e) == 0 ? MR_PROBE_YES : MR_PROBE_NO;
        if (pc->nvenc_opens == MR_PROBE_NO)
            snprintf(pc->nvenc_why, sizeof pc->nvenc_why, "%s", e.msg);
        if (!strcmp(pc->codec, "h264")) {
            nvenc_h264 = pc->nvenc_opens == MR_PROBE_YES;
            if (!nvenc_h264)
                snprintf(r->auto_why, sizeof r->auto_why, "%s", e.msg);
        }
    }
    if (nvenc_h264)
        snprintf(r->auto_encoder, sizeof r->auto_encoder, "h264_nvenc");
    return 0;
}

void mr_probe_print(const mr_probe_report *r, void (*line)(const char *, void *), void *ud)
{
    if (!r->built) {
        say(line, ud, "build:    CPU engine only (no CUDA toolkit when it was built)");
        say(line, ud, "auto:     backend cpu, encoder libx264 (h264)");
        return;
    }
    say(line, ud, "build:    CUDA engine compiled in (runtime linked statically; Turing..Hopper + PTX)");
    if (!r->gpu) {
        say(line, ud, "GPU:      none usable: %s", r->gpu_why);
        say(line, ud, "auto:     backend cpu, encoder libx264 (h264)");
        return;
    }
    say(line, ud, "GPU 0:    %s, %.1f GiB, driver supports CUDA %d.%d", r->gpu_name, r->gpu_memory_gib,
        r->cuda_version / 1000, r->cuda_version % 1000 / 10);
    for (int i = 0; i < r->ncodecs; i++) {
        const mr_probe_codec *pc = &r->codecs[i];
        if (pc->nvdec == MR_PROBE_NOT_TRIED)
            say(line, ud, "NVDEC %-5s not tried: %s", pc->codec, pc->nvdec_why);
        else if (pc->nvdec == MR_PROBE_YES)
            say(line, ud, "NVDEC %-5s yes", pc->codec);
        else
            say(line, ud, "NVDEC %-5s no (%s)", pc->codec, pc->nvdec_why);
        if (pc->nvenc_opens == MR_PROBE_YES)
            say(line, ud, "NVENC %-5s yes (%s)", pc->codec, pc->nvenc);
        else if (pc->nvenc_opens == MR_PROBE_NO)
            say(line, ud, "NVENC %-5s no: %s", pc->codec, pc->nvenc_why);
    }
    say(line, ud, "auto:     backend cuda on %s, encoder %s (h264)%s%s", r->gpu_name, r->auto_encoder,
        r->auto_why[0] ? ", because NVENC cannot be used: " : "", r->auto_why);
}
