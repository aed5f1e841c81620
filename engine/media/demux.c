/* demux.c: opening, reading, seeking one stream of a media file. */
#include "engine/media/demux.h"

#include <errno.h>
#include <stdatomic.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libavutil/pixdesc.h>
#include "engine/media/conceal.h"
#include "engine/core/log.h"
#include "engine/media/media_policy.h"

int mr_demux_too_large(const char *said, const char *path, mr_err *err)
{
    const char *p = said ? strstr(said, "Picture size ") : NULL;
    unsigned w, h;
    if (!p || sscanf(p, "Picture size %ux%u is invalid", &w, &h) != 2)
        return 0;
    return mr_err_set(err, "'%s': picture size %ux%u is too large (moonreel reads pictures up to %dx%d)", path, w, h,
                      MR_MEDIA_MAX_SIDE, MR_MEDIA_MAX_SIDE);
}

int mr_demux_open_error(mr_err *err, const char *path, int averr)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return mr_err_set(err, "cannot open '%s': %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return mr_err_set(err, "cannot open '%s': it is a folder", path);
    char said[256];
    mr_log_take_ffmpeg_error(said, sizeof said);
    if (mr_demux_too_large(said, path, err) < 0) /* FFmpeg refuses the size before anything else */
        return -1;
    if (averr == AVERROR_INVALIDDATA)
        return mr_err_set(err, "cannot open '%s': not a media file moonreel can read, or damaged%s%s%s", path,
                          said[0] ? " (" : "", said, said[0] ? ")" : "");
    char why[AV_ERROR_MAX_STRING_SIZE];
    av_strerror(averr, why, sizeof why);
    return mr_err_set(err, "cannot open '%s': %s%s%s%s", path, why, said[0] ? " (" : "", said, said[0] ? ")" : "");
}

static atomic_long opened;

long mr_demux_open_count(void) { return atomic_load(&opened); }

/* Takes CUDA frames when the decoder offers them (NVDEC), else its first software format. */
static enum AVPixelFormat pick_format(AVCodecContext *ctx, const enum AVPixelFormat *fmts)
{
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++)
        if (*p == AV_PIX_FMT_CUDA)
            return *p;
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++) {
        const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(*p);
        if (d && !(d->flags & AV_PIX_FMT_FLAG_HWACCEL))
            return *p;
    }
    return fmts[0];
}

bool mr_demux_stream_alpha(const AVStream *st)
{
    enum AVCodecID id = st->codecpar->codec_id;
    const AVDictionaryEntry *e = av_dict_get(st->metadata, "alpha_mode", NULL, 0); /* any case */
    return (id == AV_CODEC_ID_VP8 || id == AV_CODEC_ID_VP9) && e && atoi(e->value) == 1;
}

int mr_demux_open(mr_demux *d, const char *path, enum AVMediaType type, AVBufferRef *hw_device, mr_err *err)
{
    return mr_demux_open_rate(d, path, (mr_rational){0, 1}, type, hw_device, err);
}

int mr_demux_open_rate(mr_demux *d, const char *path, mr_rational rate, enum AVMediaType type, AVBufferRef *hw_device,
                       mr_err *err)
{
    atomic_fetch_add(&opened, 1);
    memset(d, 0, sizeof *d);
    d->stream = -1;
    if (mr_media_open_input(&d->fmt, path, rate, err) < 0) /* inside the allowed folders, when a batch says */
        return -1;
    int r;
    if ((r = avformat_find_stream_info(d->fmt, NULL)) < 0) {
        mr_err_av(err, r, "cannot read '%s'", path);
        goto fail;
    }
    const AVCodec *codec = NULL;
    d->stream = av_find_best_stream(d->fmt, type, -1, -1, &codec, 0);
    if (d->stream < 0) {
        mr_err_set(err, "'%s' has no %s stream", path, av_get_media_type_string(type));
        goto fail;
    }
    if (!codec) {
        mr_err_set(err, "'%s': no decoder for its %s codec", path, av_get_media_type_string(type));
        goto fail;
    }
    if (type == AVMEDIA_TYPE_VIDEO && mr_demux_stream_alpha(d->fmt->streams[d->stream])) {
        /* VP8/VP9 with alpha: FFmpeg's own decoders (and NVDEC, which cannot carry an alpha
         * plane at all) give the colour alone; libvpx's decode the alpha too (yuva420p). So
         * such a stream is decoded on the CPU even for the GPU engine, which uploads it. */
        const AVCodec *vpx = avcodec_find_decoder_by_name(codec->id == AV_CODEC_ID_VP9 ? "libvpx-vp9" : "libvpx");
        if (vpx)
            codec = vpx;
        else
            mr_log("'%s': this FFmpeg has no libvpx decoder: the video's transparency is lost", path);
        hw_device = NULL;
    }
    if (hw_device && codec->id == AV_CODEC_ID_AV1 && avcodec_find_decoder_by_name("av1"))
        codec = avcodec_find_decoder_by_name("av1"); /* FFmpeg's own AV1 decoder has NVDEC, libdav1d not */
    for (unsigned i = 0; i < d->fmt->nb_streams; i++)
        d->fmt->streams[i]->discard = (int)i == d->stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    AVStream *st = d->fmt->streams[d->stream];
    d->tb = st->time_base;
    d->skip_until = NAN;
    d->sent_t = NAN;
    d->zero = d->fmt->start_time != AV_NOPTS_VALUE ? d->fmt->start_time / (double)AV_TIME_BASE : 0;
    if (!(d->dec = avcodec_alloc_context3(codec)) || !(d->pkt = av_packet_alloc())) {
        mr_err_set(err, "out of memory opening '%s'", path);
        goto fail;
    }
    avcodec_parameters_to_context(d->dec, st->codecpar);
    d->dec->pkt_timebase = st->time_base;
    if (hw_device && type == AVMEDIA_TYPE_VIDEO) {
        d->dec->hw_device_ctx = av_buffer_ref(hw_device);
        d->dec->get_format = pick_format;
        /* NVDEC has 32 surfaces, of which a stream's DPB takes up to 17; the reader copies its
         * frames out at once (video_reader.c), so only a few more are needed */
        d->dec->extra_hw_frames = 4;
        d->dec->thread_count = 1;     /* NVDEC does the work */
    } else {
        d->dec->thread_count = 0;
        d->dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    }
    if ((r = avcodec_open2(d->dec, codec, NULL)) < 0) {
        mr_err_av(err, r, "cannot decode '%s'", path);
        goto fail;
    }
    mr_trace("%s decoder open for '%s'", av_get_media_type_string(type), path);
    return 0;
fail:
    mr_demux_close(d);
    return -1;
}

void mr_demux_close(mr_demux *d)
{
    avcodec_free_context(&d->dec);
    av_packet_free(&d->pkt);
    avformat_close_input(&d->fmt);
}

/* Whether an error of the decoder means that what it was given is damaged (the frame is
 * skipped, as players do), rather than that decoding cannot go on (memory, the device, a
 * decoder used wrongly or lacking what the whole stream needs). FFmpeg's decoders say
 * "damaged" in many words: AVERROR_INVALIDDATA mostly, but also AVERROR_PATCHWELCOME (noise
 * that reads as a feature it lacks), -1 (EPERM, "Operation not permitted") from older code
 * paths, and others. */
static bool is_damage(int averr)
{
    return averr != AVERROR(ENOMEM) && averr != AVERROR(EIO) && averr != AVERROR(EINVAL) && averr != AVERROR(ENOSYS) &&
           averr != AVERROR_EXTERNAL && averr != AVERROR_BUG && averr != AVERROR_BUG2 && averr != AVERROR_EXIT;
}

/* Counts one damaged frame at media time t and notes it in tally with FFmpeg's words for it. */
static void damaged(mr_demux *d, mr_conceal *tally, const char *path, double t, int averr)
{
    char why[256];
    mr_log_take_ffmpeg_error(why, sizeof why);
    if (!why[0] && averr < 0)
        av_strerror(averr, why, sizeof why);
    d->damaged++;
    mr_conceal_note(tally, path, d->dec->codec_type == AVMEDIA_TYPE_AUDIO, t, why);
}

int mr_demux_next(mr_demux *d, AVFrame *f, const char *path, mr_conceal *tally, mr_err *err)
{
    for (;;) {
        int r = avcodec_receive_frame(d->dec, f);
        if (r == 0) {
            if (!d->decoded_one && (d->decoded_one = true))
                mr_trace("first frame decoded from '%s'", path);
            if (f->decode_error_flags || (f->flags & AV_FRAME_FLAG_CORRUPT)) /* shown as the decoder concealed it */
                damaged(d, tally, path, mr_demux_time(d, f), 0);
            return 0;
        }
        if (r == AVERROR_EOF)
            return 1;
        if (r != AVERROR(EAGAIN) && is_damage(r)) {
            damaged(d, tally, path, d->sent_t, r);
            continue;
        }
        if (r != AVERROR(EAGAIN))
            return mr_err_av(err, r, "error decoding '%s'", path);
        if (d->sent_eof)
            return 1;
        r = av_read_frame(d->fmt, d->pkt);
        if (r == AVERROR_EOF) {
            avcodec_send_packet(d->dec, NULL);
            d->sent_eof = true;
            continue;
        }
        if (r < 0)
            return mr_err_av(err, r, "error reading '%s'", path);
        if (d->pkt->stream_index == d->stream) {
            /* frames nobody refers to and nobody will see need not be decoded */
            double shown = d->pkt->pts != AV_NOPTS_VALUE ? d->pkt->pts * av_q2d(d->tb) - d->zero : NAN;
            d->dec->skip_frame = !isnan(d->skip_until) && shown < d->skip_until ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
            d->sent_t = shown;
            r = avcodec_send_packet(d->dec, d->pkt);
            if (r < 0 && r != AVERROR(EAGAIN) && is_damage(r)) {
                damaged(d, tally, path, shown, r);
            } else if (r < 0 && r != AVERROR(EAGAIN)) {
                av_packet_unref(d->pkt);
                return mr_err_av(err, r, "error decoding '%s'", path);
            }
        }
        av_packet_unref(d->pkt);
    }
}

int mr_demux_seek(mr_demux *d, double t, const char *path, mr_err *err)
{
    int64_t ts = (int64_t)floor((t + d->zero) * d->tb.den / d->tb.num);
    int r = avformat_seek_file(d->fmt, d->stream, INT64_MIN, ts, ts, 0);
    if (r < 0)
        r = av_seek_frame(d->fmt, d->stream, ts, AVSEEK_FLAG_BACKWARD);
    if (r < 0)
        return mr_err_av(err, r, "cannot seek in '%s' to %.3f s", path, t);
    avcodec_flush_buffers(d->dec);
    d->sent_eof = false;
    d->skip_until = NAN;
    return 0;
}

double mr_demux_time(const mr_demux *d, const AVFrame *f)
{
    int64_t pts = f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
    if (pts == AV_NOPTS_VALUE)
        return NAN;
    return pts * av_q2d(d->tb) - d->zero;
}

double mr_demux_keyframe_before(const mr_demux *d, double t)
{
    AVStream *st = d->fmt->streams[d->stream];
    int64_t ts = (int64_t)floor((t + d->zero) * d->tb.den / d->tb.num);
    const AVIndexEntry *e = avformat_index_get_entry_from_timestamp(st, ts, AVSEEK_FLAG_BACKWARD);
    if (!e)
        return -1;
    return e->timestamp * av_q2d(d->tb) - d->zero;
}
