/* join.c: an output put together from its segments' parts (join.h). */
#include "engine/render/join.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <libavformat/avformat.h>
#include "engine/core/clock.h"
#include "engine/core/eval.h"
#include "engine/media/conceal.h"
#include "engine/render/render_internal.h"

/* An open part: its container and picture stream. */
typedef struct part_in {
    AVFormatContext *fc;
    int vs;
} part_in;

static void part_close(part_in *p)
{
    avformat_close_input(&p->fc);
}

/* Opens part p's file. 0, or -1 with err naming it. */
static int part_open(part_in *in, const mr_join_part *p, mr_err *err)
{
    in->fc = NULL;
    int r = avformat_open_input(&in->fc, p->path, NULL, NULL);
    if (r < 0)
        return mr_err_av(err, r, "cannot read the part '%s'", p->path);
    if ((r = avformat_find_stream_info(in->fc, NULL)) < 0 ||
        (in->vs = av_find_best_stream(in->fc, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0)) < 0) {
        part_close(in);
        return mr_err_set(err, "the part '%s' holds no picture", p->path);
    }
    return 0;
}

/* Whether b was encoded as a (the first part): the same codec, size, pixel format and codec
 * headers, so that one decoder reads both. 0, or -1 with err naming the parts. */
static int same_encoding(const AVCodecParameters *a, const AVCodecParameters *b, const char *first, const char *path,
                         mr_err *err)
{
    const char *what = a->codec_id != b->codec_id                           ? "codec"
                       : a->width != b->width || a->height != b->height     ? "picture size"
                       : a->format != b->format                             ? "pixel format"
                       : a->extradata_size != b->extradata_size ||
                               (a->extradata_size && memcmp(a->extradata, b->extradata, (size_t)a->extradata_size))
                           ? "codec headers (encoder settings)"
                           : NULL;
    if (what)
        return mr_err_set(err, "the part '%s' differs from '%s' in its %s: parts must come from the same script "
                          "and options", path, first, what);
    return 0;
}

/* The state of a join while it copies. */
typedef struct joining {
    const mr_clip *clip;
    const mr_render_opts *o;
    mr_output *out;
    mr_rational fps;
    mr_eval ev;
    float *abuf;
    int64_t apos, samples;   /* sound written, and all of it */
    int64_t done, total;     /* pictures copied, and all of them */
    int64_t last_dts;        /* in frames, of the last packet written */
    double t0, last;         /* for progress */
} joining;

/* Copies the picture packets of part p (open as in) into the output, with the sound up to
 * each packet's time before it. 0, or -1 with err set. */
static int copy_part(joining *J, const mr_join_part *p, part_in *in, mr_err *err)
{
    AVStream *st = in->fc->streams[in->vs];
    AVRational per_frame = {J->fps.den, J->fps.num};
    AVPacket *pkt = av_packet_alloc();
    if (!pkt)
        return mr_err_set(err, "out of memory");
    int64_t base = AV_NOPTS_VALUE, n = 0;
    int r = 0, rd = 0;
    while (r == 0 && (rd = av_read_frame(in->fc, pkt)) >= 0) {
        if (pkt->stream_index != in->vs) {
            av_packet_unref(pkt);
            continue;
        }
        if (J->o->cancel && *J->o->cancel) {
            r = mr_err_set(err, "interrupted");
            break;
        }
        if (pkt->pts == AV_NOPTS_VALUE || pkt->dts == AV_NOPTS_VALUE) {
            r = mr_err_set(err, "the part '%s' has a picture without timestamps", p->path);
            break;
        }
        if (base == AV_NOPTS_VALUE) { /* the first in decoding order: a key frame, shown first */
            if (!(pkt->flags & AV_PKT_FLAG_KEY)) {
                r = mr_err_set(err, "the part '%s' does not start on a key frame", p->path);
                break;
            }
            base = pkt->pts;
        }
        pkt->pts = p->first + av_rescale_q_rnd(pkt->pts - base, st->time_base, per_frame, AV_ROUND_NEAR_INF);
        pkt->dts = p->first + av_rescale_q_rnd(pkt->dts - base, st->time_base, per_frame, AV_ROUND_NEAR_INF);
        pkt->duration = 1;
        if (pkt->dts <= J->last_dts || pkt->pts < p->first || pkt->pts >= p->first + p->count) {
            r = mr_err_set(err, "the part '%s' holds a picture outside its frames %" PRId64 "-%" PRId64
                           " or out of order (was it cut, or encoded with another delay?)", p->path, p->first,
                           p->first + p->count - 1);
            break;
        }
        J->last_dts = pkt->dts;
        /* the sound up to the end of this packet's decoding time, as a render interleaves it */
        int64_t upto = av_rescale((pkt->dts + 1 > 0 ? pkt->dts + 1 : 0), (int64_t)MR_AUDIO_RATE * J->fps.den, J->fps.num);
        if ((r = mr_render_sound(J->clip, J->out, &J->ev, &J->apos, upto < J->samples ? upto : J->samples,
                                 J->abuf)) < 0) {
            *err = *J->ev.err;
            break;
        }
        if ((r = mr_output_packet(J->out, pkt, err)) < 0)
            break;
        n++;
        mr_render_report(J->o, ++J->done, J->total, J->t0, &J->last);
    }
    av_packet_free(&pkt);
    if (r == 0 && rd < 0 && rd != AVERROR_EOF)
        r = mr_err_av(err, rd, "cannot read the part '%s'", p->path);
    if (r == 0 && n != p->count)
        r = mr_err_set(err, "the part '%s' holds %" PRId64 " pictures, not %" PRId64 ": it is not whole", p->path, n,
                       p->count);
    return r;
}

/* Whether the parts cover frames 0 .. total-1 in order, each once. 0, or -1 with err. */
static int check_cover(const mr_join_parts *jp, int64_t total, mr_err *err)
{
    int64_t next = 0;
    for (int i = 0; i < jp->n; i++) {
        const mr_join_part *p = &jp->part[i];
        if (p->first != next || p->count < 0)
            return mr_err_set(err, "the part '%s' holds frames from %" PRId64 ", where frame %" PRId64 " was due",
                              p->path, p->first, next);
        next += p->count;
    }
    if (next != total)
        return mr_err_set(err, "the parts hold %" PRId64 " frames, the output has %" PRId64, next, total);
    return 0;
}

int mr_join_render(const mr_clip *clip, const char *path, mr_rational fps, const mr_render_opts *o, mr_err *err)
{
    const mr_join_parts *jp = o->join;
    if (!clip->has_video)
        return mr_err_set(err, "the clip has no picture to join");
    int64_t total = mr_frame_count(clip->duration, fps);
    if (check_cover(jp, total, err) < 0)
        return -1;
    int first = 0;
    while (first < jp->n && jp->part[first].count == 0) /* more segments than frames: some are empty */
        first++;
    part_in in0;
    if (first == jp->n || part_open(&in0, &jp->part[first], err) < 0)
        return first == jp->n ? mr_err_set(err, "no part holds a picture") : -1;
    joining J = {.clip = clip, .o = o, .fps = fps, .samples = clip->has_audio ? mr_clip_samples(clip) : 0,
                 .total = total, .last_dts = INT64_MIN, .t0 = mr_clock_seconds()};
    mr_err aerr;
    mr_eval_init(&J.ev, &aerr, o->cancel);
    J.ev.conceal = mr_conceal_new();
    J.abuf = malloc(sizeof(float) * 2 * MR_RENDER_SOUND_BLOCK);
    const AVCodecParameters *par = in0.fc->streams[in0.vs]->codecpar;
    int r = J.abuf && J.ev.conceal ? 0 : mr_err_set(err, "out of memory");
    if (r == 0 && !(J.out = mr_output_open_copy(path, &o->out, par, fps, clip->has_audio, err)))
        r = -1;
    for (int i = first; r == 0 && i < jp->n; i++) {
        const mr_join_part *p = &jp->part[i];
        if (p->count == 0)
            continue;
        part_in in = in0;
        if (i != first && (r = part_open(&in, p, err)) == 0)
            r = same_encoding(par, in.fc->streams[in.vs]->codecpar, jp->part[first].path, p->path, err);
        if (r == 0)
            r = copy_part(&J, p, &in, err);
        if (i != first)
            part_close(&in);
    }
    while (r == 0 && J.apos < J.samples) { /* the sound after the last picture's decoding time */
        if ((r = mr_render_sound(clip, J.out, &J.ev, &J.apos, J.samples, J.abuf)) < 0)
            *err = aerr;
    }
    if (r == 0) {
        r = mr_output_finish(J.out, o->cancel, err);
        if (r == 0)
            mr_conceal_report(J.ev.conceal);
    } else {
        mr_output_abort(J.out);
    }
    part_close(&in0);
    mr_conceal_free(J.ev.conceal);
    free(J.abuf);
    mr_eval_free(&J.ev);
    return r;
}
