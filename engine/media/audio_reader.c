/* audio_reader.c: sample-exact sound of a media file, resampled to 48 kHz stereo float. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/mem.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>
#include "engine/core/clip.h"
#include "engine/media/demux.h"
#include "engine/media/readers.h"

#define MAX_CURSORS 16         /* a file read at this many places at once: a grid of offsets, segments */
#define FORWARD_LIMIT (2 * MR_AUDIO_RATE)   /* decode forward rather than seek within 2 s */

typedef struct acursor {
    mr_demux dm;
    bool open, positioned, eof;
    SwrContext *swr;
    int swr_rate, swr_fmt;
    AVChannelLayout swr_layout;
    AVFrame *frame;
    float *buf;                /* decoded stereo samples [start, start + n) */
    int64_t start;
    int n, cap;
    uint64_t used;
    double next_t;             /* media time where the last decoded frame ended */
    long damaged_seen;         /* c->dm.damaged when the last frame was decoded */
} acursor;

struct mr_audio_reader {
    const mr_media_info *info;
    pthread_mutex_t lock;      /* sound is pulled by one thread at a time */
    acursor cur[MAX_CURSORS];
    int ncur;
    uint64_t tick;
};

mr_audio_reader *mr_audio_reader_new(const mr_media_info *info)
{
    mr_audio_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->info = info;
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

static void cursor_close(acursor *c)
{
    if (c->open)
        mr_demux_close(&c->dm);
    swr_free(&c->swr);
    av_channel_layout_uninit(&c->swr_layout);
    av_frame_free(&c->frame);
    free(c->buf);
    memset(c, 0, sizeof *c);
}

void mr_audio_reader_free(mr_audio_reader *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->ncur; i++)
        cursor_close(&r->cur[i]);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

static int reserve(acursor *c, int more, mr_err *err)
{
    if (c->n + more <= c->cap)
        return 0;
    int cap = c->cap ? c->cap : 8192;
    while (cap < c->n + more)
        cap *= 2;
    float *b = realloc(c->buf, sizeof(float) * 2 * (size_t)cap);
    if (!b)
        return mr_err_set(err, "out of memory for sound");
    c->buf = b;
    c->cap = cap;
    return 0;
}

/* (Re)configures the resampler for the format of c->frame. */
static int setup_swr(acursor *c, const char *path, mr_err *err)
{
    AVFrame *f = c->frame;
    if (c->swr && c->swr_rate == f->sample_rate && c->swr_fmt == f->format &&
        !av_channel_layout_compare(&c->swr_layout, &f->ch_layout))
        return 0;
    /* a damaged header's rate (half a gigahertz) would have swresample build a filter for
     * minutes: sound is 1 kHz .. 768 kHz */
    if (f->sample_rate < 1000 || f->sample_rate > 768000)
        return mr_err_set(err, "the sound of '%s' says %d samples a second, which no sound has (1000..768000)", path,
                          f->sample_rate);
    swr_free(&c->swr);
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    AVChannelLayout in = f->ch_layout;
    if (in.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&in, f->ch_layout.nb_channels);
    int r = swr_alloc_set_opts2(&c->swr, &stereo, AV_SAMPLE_FMT_FLT, MR_AUDIO_RATE, &in, f->format,
                                f->sample_rate, 0, NULL);
    if (r >= 0)
        r = swr_init(c->swr);
    if (r < 0)
        return mr_err_av(err, r, "cannot resample the sound of '%s'", path);
    c->swr_rate = f->sample_rate;
    c->swr_fmt = f->format;
    /* the frame's own layout, as the check above compares it: an unspecified order (a plain
     * WAV's) kept as such, or every frame would build a new resampler and lose the samples
     * held in its filter (16 at each packet of a 44.1 kHz file) */
    av_channel_layout_uninit(&c->swr_layout);
    av_channel_layout_copy(&c->swr_layout, &f->ch_layout);
    return 0;
}

/* Feeds the resampler silence for the frames skipped as damaged before c->frame (which starts
 * at media time t), so the sound after them stays where it belongs. Returns 0 or -1. */
static int fill_gap(acursor *c, double t, const char *path, mr_err *err)
{
    AVFrame *f = c->frame;
    double gap = t - c->next_t;
    if (isnan(gap) || gap * f->sample_rate < 1 || gap > 60) /* nothing missing, or timestamps that say nothing */
        return 0;
    int n = (int)lround(gap * f->sample_rate);
    uint8_t **silence = NULL;
    if (av_samples_alloc_array_and_samples(&silence, NULL, f->ch_layout.nb_channels, n, f->format, 0) < 0)
        return mr_err_set(err, "out of memory for sound");
    av_samples_set_silence(silence, 0, n, f->ch_layout.nb_channels, f->format);
    int more = swr_get_out_samples(c->swr, n), got = -1;
    if (reserve(c, more, err) == 0) {
        uint8_t *o = (uint8_t *)(c->buf + 2 * c->n);
        got = swr_convert(c->swr, &o, more, (const uint8_t **)silence, n);
    }
    av_freep(&silence[0]);
    av_freep(&silence);
    if (got < 0)
        return mr_err_av(err, got, "cannot resample the sound of '%s'", path);
    c->n += got;
    return 0;
}

/* Decodes and resamples one more frame onto the end of c->buf. Returns 0, 1 at the end, -1. */
static int decode_more(acursor *c, const char *path, struct mr_conceal *tally, mr_err *err)
{
    if (c->eof)
        return 1;
    int r = mr_demux_next(&c->dm, c->frame, path, tally, err);
    if (r < 0)
        return -1;
    if (r == 1) {
        c->eof = true;
        if (c->swr) { /* the resampler's last samples */
            int more = swr_get_out_samples(c->swr, 0);
            if (more > 0 && reserve(c, more, err) == 0) {
                uint8_t *o = (uint8_t *)(c->buf + 2 * c->n);
                int got = swr_convert(c->swr, &o, more, NULL, 0);
                if (got > 0)
                    c->n += got;
            }
        }
        return 1;
    }
    if (setup_swr(c, path, err) < 0)
        return -1;
    double t = mr_demux_time(&c->dm, c->frame);
    if (!c->positioned) {
        c->start = isnan(t) ? 0 : llround(t * MR_AUDIO_RATE);
        c->n = 0;
        c->positioned = true;
    } else if (c->dm.damaged != c->damaged_seen && fill_gap(c, t, path, err) < 0) {
        return -1; /* damaged frames were skipped just before this one: silence in their place */
    }
    c->damaged_seen = c->dm.damaged;
    c->next_t = t + (double)c->frame->nb_samples / c->frame->sample_rate;
    int more = swr_get_out_samples(c->swr, c->frame->nb_samples);
    if (reserve(c, more, err) < 0)
        return -1;
    uint8_t *o = (uint8_t *)(c->buf + 2 * c->n);
    int got = swr_convert(c->swr, &o, more, (const uint8_t **)c->frame->extended_data, c->frame->nb_samples);
    av_frame_unref(c->frame);
    if (got < 0)
        return mr_err_av(err, got, "cannot resample the sound of '%s'", path);
    c->n += got;
    return 0;
}

static bool reaches(const acursor *c, int64_t s0)
{
    if (!c->positioned)
        return !c->eof && s0 < FORWARD_LIMIT;
    return s0 >= c->start && s0 <= c->start + c->n + FORWARD_LIMIT;
}

static int reposition(acursor *c, int64_t s0, const char *path, mr_err *err)
{
    if (mr_demux_seek(&c->dm, (double)s0 / MR_AUDIO_RATE, path, err) < 0)
        return -1;
    swr_free(&c->swr);
    c->positioned = false;
    c->eof = false;
    c->n = 0;
    c->damaged_seen = c->dm.damaged;
    return 0;
}

int mr_audio_reader_get(mr_audio_reader *r, int64_t s0, int n, struct mr_conceal *tally, float *out, mr_err *err)
{
    const char *path = r->info->path;
    int ret = 0;
    pthread_mutex_lock(&r->lock);
    acursor *c = NULL;
    for (int i = 0; i < r->ncur && !c; i++)
        if (reaches(&r->cur[i], s0))
            c = &r->cur[i];
    if (!c && r->ncur < MAX_CURSORS) {
        acursor *fresh = &r->cur[r->ncur];
        if (mr_demux_open(&fresh->dm, path, AVMEDIA_TYPE_AUDIO, NULL, err) < 0 || !(fresh->frame = av_frame_alloc())) {
            cursor_close(fresh);
            ret = -1;
            goto done;
        }
        fresh->open = true;
        r->ncur++;
        c = fresh;
    }
    if (!c) {
        c = &r->cur[0];
        for (int i = 1; i < r->ncur; i++)
            if (r->cur[i].used < c->used)
                c = &r->cur[i];
    }
    c->used = ++r->tick;
    if (!reaches(c, s0) && reposition(c, s0, path, err) < 0) {
        ret = -1;
        goto done;
    }
    /* decode until [s0, s0+n) is in the buffer or the sound ends */
    while (!c->positioned || c->start + c->n < s0 + n) {
        int d = decode_more(c, path, tally, err);
        if (d < 0) {
            ret = -1;
            goto done;
        }
        if (d == 1)
            break;
        if (c->positioned && c->start + c->n < s0) { /* far behind: drop what is not needed */
            c->start += c->n;
            c->n = 0;
        }
    }
    for (int i = 0; i < n; i++) {
        int64_t k = s0 + i - c->start;
        if (c->positioned && k >= 0 && k < c->n) {
            out[2 * i] = c->buf[2 * k];
            out[2 * i + 1] = c->buf[2 * k + 1];
        } else {
            out[2 * i] = out[2 * i + 1] = 0;
        }
    }
    /* keep only what follows this request (sound is pulled forwards) */
    if (c->positioned && s0 > c->start) {
        int64_t drop = s0 - c->start < c->n ? s0 - c->start : c->n;
        memmove(c->buf, c->buf + 2 * drop, sizeof(float) * 2 * (size_t)(c->n - drop));
        c->n -= (int)drop;
        c->start += drop;
    }
done:
    pthread_mutex_unlock(&r->lock);
    return ret;
}
