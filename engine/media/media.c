/* media.c: probing media files and handing out their readers. */
#include "engine/media/media.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include "engine/core/cache.h"
#include "engine/media/demux.h"
#include "engine/core/log.h"
#include "engine/media/media_length.h"
#include "engine/media/media_policy.h"
#include "engine/media/readers.h"
#include "engine/media/sequence.h"

struct mr_media {
    atomic_int refs;
    mr_media_info info;
    pthread_mutex_t lock;         /* guards the lazy creation of the readers */
    mr_video_reader *video;
    mr_audio_reader *audio;
};

/* A stream whose index runs past the end of the file was cut short (mp4/mov keep a full
 * index up front, so this catches truncated downloads before anything is decoded). */
static int check_truncated(AVFormatContext *fmt, const char *path, mr_err *err)
{
    int64_t size = fmt->pb ? avio_size(fmt->pb) : -1;
    if (size <= 0)
        return 0;
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        AVStream *st = fmt->streams[i];
        int n = avformat_index_get_entries_count(st);
        if (n <= 0)
            continue;
        const AVIndexEntry *e = avformat_index_get_entry(st, n - 1);
        if (e && e->pos + e->size > size)
            return mr_err_set(err, "'%s' is truncated: its index runs to byte %lld but the file has %lld bytes",
                              path, (long long)(e->pos + e->size), (long long)size);
    }
    return 0;
}

static void guess_matrix(const AVCodecParameters *par, mr_media_info *in)
{
    in->full_range = par->color_range == AVCOL_RANGE_JPEG || par->format == AV_PIX_FMT_YUVJ420P ||
                     par->format == AV_PIX_FMT_YUVJ422P || par->format == AV_PIX_FMT_YUVJ444P;
    in->matrix_guessed = false;
    switch (par->color_space) {
    case AVCOL_SPC_BT709: in->matrix = MR_MATRIX_BT709; break;
    case AVCOL_SPC_BT470BG: case AVCOL_SPC_SMPTE170M: in->matrix = MR_MATRIX_BT601; break;
    case AVCOL_SPC_BT2020_NCL: case AVCOL_SPC_BT2020_CL: in->matrix = MR_MATRIX_BT2020; break;
    default: /* untagged: HD and larger are BT.709, SD is BT.601 (as players assume) */
        in->matrix = (par->width >= 1280 || par->height > 576) ? MR_MATRIX_BT709 : MR_MATRIX_BT601;
        in->matrix_guessed = true;
    }
}

/* Whether fmt is one of FFmpeg's readers of single pictures (png_pipe, jpeg_pipe, image2...). */
static bool picture_reader(const AVFormatContext *fmt)
{
    const char *n = fmt->iformat->name;
    size_t k = strlen(n);
    return !strcmp(n, "image2") || (k > 5 && !strcmp(n + k - 5, "_pipe"));
}

/* Whether path's length was said on stderr already (once per file and process). */
static bool said_length(const char *path)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static uint64_t said[64];
    static int next;
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *p = path; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    pthread_mutex_lock(&lock);
    bool seen = false;
    for (int i = 0; i < 64 && !seen; i++)
        seen = said[i] == h;
    if (!seen)
        said[next++ % 64] = h;
    pthread_mutex_unlock(&lock);
    return seen;
}

/* Where the file holds more than its header says (or says nothing), takes what it holds as its
 * length, and says so once. */
static void check_length(AVFormatContext *fmt, int vs, int as, mr_media_info *in, bool frames_counted)
{
    int streams[2], n = 0;
    if (vs >= 0)
        streams[n++] = vs;
    if (as >= 0)
        streams[n++] = as;
    double held = n ? mr_media_held_until(fmt, streams, n) : -1;
    double slack = in->has_video && mr_q2d(in->fps) > 0 ? 2 / mr_q2d(in->fps) : 0;
    if (held <= in->duration + (slack > 0.25 ? slack : 0.25) && !(in->duration <= 0 && held > 0))
        return;
    if (!said_length(in->path)) {
        if (in->duration > 0)
            mr_log("'%s' says it lasts %.3f s but holds %.3f s: all of it is used", in->path, in->duration, held);
        else
            mr_log("'%s' does not say how long it lasts: it holds %.3f s", in->path, held);
    }
    in->duration = held;
    if (in->has_video && !frames_counted)
        in->frames = (int64_t)(held * mr_q2d(in->fps) + 0.5);
}

int mr_media_probe(const char *path, mr_media_info *in, mr_err *err)
{
    return mr_media_probe_rate(path, (mr_rational){0, 1}, in, err);
}

int mr_media_probe_rate(const char *path, mr_rational rate, mr_media_info *in, mr_err *err)
{
    char stale[256]; /* FFmpeg's words from before this probe are not about this file */
    mr_log_take_ffmpeg_error(stale, sizeof stale);
    memset(in, 0, sizeof *in);
    snprintf(in->path, sizeof in->path, "%s", path);
    in->sequence = mr_sequence_is(path);
    in->seq_rate = in->sequence && rate.num > 0 ? rate : (mr_rational){0, 1};
    AVFormatContext *fmt = NULL;
    if (mr_media_open_input(&fmt, path, in->seq_rate, err) < 0) /* inside the allowed folders, when a batch says */
        return -1;
    int r;
    if ((r = avformat_find_stream_info(fmt, NULL)) < 0) {
        mr_err_av(err, r, "cannot read '%s'", path);
        goto fail;
    }
    if (check_truncated(fmt, path, err) < 0)
        goto fail;
    snprintf(in->container, sizeof in->container, "%s", fmt->iformat->name);
    in->size_bytes = fmt->pb ? avio_size(fmt->pb) : -1;
    in->duration = fmt->duration != AV_NOPTS_VALUE ? fmt->duration / (double)AV_TIME_BASE : 0;

    bool frames_counted = false;
    int vs = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    int as = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
    if (vs >= 0 && (fmt->streams[vs]->disposition & AV_DISPOSITION_ATTACHED_PIC))
        vs = -1; /* cover art of a music file is not a picture track */
    if (vs >= 0) {
        AVStream *st = fmt->streams[vs];
        AVCodecParameters *par = st->codecpar;
        in->has_video = true;
        in->coded_w = par->width;
        in->coded_h = par->height;
        /* a phone's upright video is stored sideways with a matrix saying how to turn it */
        size_t dm_size = 0;
        const int32_t *dm = (const int32_t *)av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &dm_size);
        in->orient = mr_orient_from_matrix(dm && dm_size >= 9 * sizeof(int32_t) ? dm : NULL);
        mr_orient_size(in->orient, par->width, par->height, &in->w, &in->h);
        AVRational q = st->avg_frame_rate.num && st->avg_frame_rate.den ? st->avg_frame_rate : st->r_frame_rate;
        if (!q.num || !q.den)
            q = (AVRational){25, 1};
        in->fps = (mr_rational){q.num, q.den};
        const AVCodecDescriptor *cd = avcodec_descriptor_get(par->codec_id);
        snprintf(in->vcodec, sizeof in->vcodec, "%s", cd ? cd->name : "unknown");
        const char *pf = av_get_pix_fmt_name(par->format);
        snprintf(in->pix_fmt, sizeof in->pix_fmt, "%s", pf ? pf : "unknown");
        if ((in->has_alpha = mr_demux_stream_alpha(st))) /* probed by FFmpeg's decoder, which drops it */
            snprintf(in->pix_fmt, sizeof in->pix_fmt, "%s", "yuva420p");
        guess_matrix(par, in);
        if (in->duration <= 0 && st->duration != AV_NOPTS_VALUE)
            in->duration = st->duration * av_q2d(st->time_base);
        in->frames = st->nb_frames > 0 ? st->nb_frames : (int64_t)(in->duration * mr_q2d(in->fps) + 0.5);
        frames_counted = st->nb_frames > 0;
        if (par->width > MR_MEDIA_MAX_SIDE || par->height > MR_MEDIA_MAX_SIDE) {
            mr_err_set(err, "'%s': picture size %dx%d is too large (moonreel reads pictures up to %dx%d)", path,
                       par->width, par->height, MR_MEDIA_MAX_SIDE, MR_MEDIA_MAX_SIDE);
            goto fail;
        }
        if (in->w <= 0 || in->h <= 0) {
            char said[256]; /* FFmpeg's decoder refused the size its header gives */
            mr_log_take_ffmpeg_error(said, sizeof said);
            if (mr_demux_too_large(said, path, err) == 0)
                mr_err_set(err, "'%s': its video stream has no picture size", path);
            goto fail;
        }
        in->still = picture_reader(fmt) && in->frames <= 1 && !in->sequence; /* a sequence is a video */
    }
    if (as >= 0) {
        AVCodecParameters *par = fmt->streams[as]->codecpar;
        in->has_audio = true;
        const AVCodecDescriptor *cd = avcodec_descriptor_get(par->codec_id);
        snprintf(in->acodec, sizeof in->acodec, "%s", cd ? cd->name : "unknown");
        in->sample_rate = par->sample_rate;
        in->channels = par->ch_layout.nb_channels;
        if (in->sample_rate && (in->sample_rate < 1000 || in->sample_rate > 768000)) {
            mr_err_set(err, "'%s': its sound says %d samples a second, which no sound has (1000..768000)", path,
                       in->sample_rate);
            goto fail;
        }
        av_channel_layout_describe(&par->ch_layout, in->layout, sizeof in->layout);
    }
    if (!in->has_video && !in->has_audio) {
        mr_err_set(err, "'%s' has neither pictures nor sound", path);
        goto fail;
    }
    if (!in->still)
        check_length(fmt, vs, as, in, frames_counted);
    avformat_close_input(&fmt);
    return 0;
fail:
    avformat_close_input(&fmt);
    return -1;
}

static void *media_ref(void *m) { return mr_media_ref(m); }
static void media_unref(void *m) { mr_media_unref(m); }

mr_media *mr_media_open(const char *path, mr_rational rate, mr_err *err)
{
    /* (an image sequence's name is no file: the cache keeps none, whatever its rate) */
    mr_media *cached = mr_cache_get("media", path, media_ref);
    if (cached) /* open already: share it, and its decoders where they stand */
        return cached;
    mr_media *m = calloc(1, sizeof *m);
    if (!m) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    if (mr_media_probe_rate(path, rate, &m->info, err) < 0) {
        free(m);
        return NULL;
    }
    atomic_store(&m->refs, 1);
    pthread_mutex_init(&m->lock, NULL);
    mr_cache_put("media", path, m, media_ref, media_unref);
    return m;
}

mr_media *mr_media_ref(mr_media *m)
{
    atomic_fetch_add(&m->refs, 1);
    return m;
}

void mr_media_unref(mr_media *m)
{
    if (!m || atomic_fetch_sub(&m->refs, 1) != 1)
        return;
    mr_video_reader_free(m->video);
    mr_audio_reader_free(m->audio);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

const mr_media_info *mr_media_info_of(const mr_media *m) { return &m->info; }

int mr_media_picture(mr_media *m, double t, AVBufferRef *hw, int keep, struct mr_conceal *tally, struct AVFrame **out,
                     mr_err *err)
{
    pthread_mutex_lock(&m->lock);
    if (!m->video)
        m->video = mr_video_reader_new(&m->info);
    pthread_mutex_unlock(&m->lock);
    if (!m->video)
        return mr_err_set(err, "out of memory");
    if (m->info.has_alpha) /* NVDEC has no alpha plane: libvpx decodes on the CPU (demux.c) */
        hw = NULL;
    return mr_video_reader_get(m->video, t, hw, keep, tally, out, err);
}

int mr_media_sound(mr_media *m, int64_t s0, int n, struct mr_conceal *tally, float *out, mr_err *err)
{
    pthread_mutex_lock(&m->lock);
    if (!m->audio)
        m->audio = mr_audio_reader_new(&m->info);
    pthread_mutex_unlock(&m->lock);
    if (!m->audio)
        return mr_err_set(err, "out of memory");
    return mr_audio_reader_get(m->audio, s0, n, tally, out, err);
}
