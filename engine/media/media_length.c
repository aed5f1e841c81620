/* media_length.c: the end of what a media file holds, from its index and its last packets. */
#include "engine/media/media_length.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libavutil/mem.h>

#define TAIL_FIRST (1 << 20)   /* bytes read from the end first; then eight times as many */
#define TAIL_LAST (8 << 20)    /* and at most that */

/* How long one frame of st lasts, in seconds (0 when unknown). */
static double frame_length(const AVStream *st)
{
    const AVCodecParameters *par = st->codecpar;
    if (par->codec_type == AVMEDIA_TYPE_AUDIO && par->frame_size > 0 && par->sample_rate > 0)
        return (double)par->frame_size / par->sample_rate;
    AVRational q = st->avg_frame_rate.num && st->avg_frame_rate.den ? st->avg_frame_rate : st->r_frame_rate;
    return q.num > 0 && q.den > 0 ? av_q2d(av_inv_q(q)) : 0;
}

/* The end of the last index entry of the streams (its start plus one frame), in the
 * streams' own time (seconds), or -1. The index lists what the file holds (an entry past the
 * file's end is caught as truncation before this is asked). */
static double index_end(AVFormatContext *fmt, const int *streams, int n)
{
    double end = -1;
    for (int i = 0; i < n; i++) {
        AVStream *st = fmt->streams[streams[i]];
        int k = avformat_index_get_entries_count(st);
        const AVIndexEntry *e = k > 0 ? avformat_index_get_entry(st, k - 1) : NULL;
        if (e && e->timestamp != AV_NOPTS_VALUE) {
            double t = e->timestamp * av_q2d(st->time_base) + frame_length(st);
            end = t > end ? t : end;
        }
    }
    return end;
}

/* An EBML variable-length number at p (before end): its value, with the length marker taken
 * off for sizes (`size`), kept for IDs; its length in *len. -1 when there is none; -2 for a
 * size of "unknown" (all ones: a live recording's cluster). */
static int64_t ebml_number(const uint8_t *p, const uint8_t *end, bool size, int *len)
{
    if (p >= end || !p[0])
        return -1;
    int n = 1;
    while (!(p[0] & (0x80 >> (n - 1))))
        n++;
    if (p + n > end || (!size && n > 4))
        return -1;
    uint64_t v = size ? p[0] & (0xff >> n) : p[0];
    bool ones = v == (uint64_t)(0xff >> n);
    for (int i = 1; i < n; i++) {
        v = v << 8 | p[i];
        ones = ones && p[i] == 0xff;
    }
    *len = n;
    return size && ones ? -2 : (int64_t)v;
}

/* The stream of the file's track number `track` among streams[0..n), or NULL. FFmpeg keeps
 * no track numbers; its streams are the tracks in order, and muxers number tracks from 1 in
 * order, so track k is stream k - 1 (in a file numbered otherwise, the blocks count not, and
 * the index alone tells the length). */
static const AVStream *track_stream(AVFormatContext *fmt, const int *streams, int n, int64_t track)
{
    for (int i = 0; i < n; i++)
        if (streams[i] == track - 1)
            return fmt->streams[streams[i]];
    return NULL;
}

/* Where a (Simple)Block at p (its bytes up to end) of a cluster at time `cluster` ends, in
 * seconds of its stream's time, moved into *last when later; blocks of other tracks count not. */
static void block_end(AVFormatContext *fmt, const int *streams, int n, const uint8_t *p, const uint8_t *end,
                      int64_t cluster, int64_t duration, double *last)
{
    int len;
    int64_t track = ebml_number(p, end, true, &len);
    const AVStream *st = track >= 0 && p + len + 2 <= end ? track_stream(fmt, streams, n, track) : NULL;
    if (!st)
        return;
    int16_t rel = (int16_t)(p[len] << 8 | p[len + 1]);
    double t = (cluster + rel + (duration > 0 ? duration : 0)) * av_q2d(st->time_base);
    if (duration <= 0)
        t += frame_length(st);
    *last = t > *last ? t : *last;
}

/* The end of the blocks of the Matroska cluster whose ID starts at q (the file's bytes up to
 * end), or -1 when it is not a cluster with a timestamp. Elements cut off by the end of the
 * file (a recording that stopped mid-cluster) count not. */
static double cluster_end(AVFormatContext *fmt, const int *streams, int n, const uint8_t *q, const uint8_t *end)
{
    int len;
    int64_t size = ebml_number(q + 4, end, true, &len);
    if (size == -1)
        return -1;
    const uint8_t *p = q + 4 + len, *stop = size >= 0 && size < end - p ? p + size : end;
    int64_t cluster = -1;
    double last = -1;
    while (p < stop) {
        int il, sl;
        int64_t id = ebml_number(p, stop, false, &il);
        int64_t sz = id < 0 ? -1 : ebml_number(p + il, stop, true, &sl);
        if (sz < 0 || sz > stop - (p + il + sl))
            break; /* not an element, or cut off */
        const uint8_t *body = p + il + sl, *next = body + sz;
        if (id == 0xE7) { /* Timestamp */
            cluster = 0;
            for (int i = 0; i < sz && i < 8; i++)
                cluster = (int64_t)((uint64_t)cluster << 8 | body[i]);
        } else if (id == 0xA3 && cluster >= 0) { /* SimpleBlock */
            block_end(fmt, streams, n, body, next, cluster, 0, &last);
        } else if (id == 0xA0 && cluster >= 0) { /* BlockGroup: a Block and maybe its BlockDuration */
            const uint8_t *block = NULL, *block_stop = NULL, *c = body;
            int64_t duration = 0;
            while (c < next) {
                int cl, csl;
                int64_t cid = ebml_number(c, next, false, &cl);
                int64_t csz = cid < 0 ? -1 : ebml_number(c + cl, next, true, &csl);
                if (csz < 0 || csz > next - (c + cl + csl))
                    break;
                if (cid == 0xA1)
                    block = c + cl + csl, block_stop = block + csz;
                else if (cid == 0x9B)
                    for (int i = 0; i < csz && i < 8; i++)
                        duration = (int64_t)((uint64_t)duration << 8 | c[cl + csl + i]);
                c += cl + csl + csz;
            }
            if (block)
                block_end(fmt, streams, n, block, block_stop, cluster, duration, &last);
        } else if (id == 0x1F43B675 || id == 0x1C53BB6B || id == 0x1254C367) {
            break; /* the next cluster, the cues or the tags: this cluster (of unknown size) ended */
        }
        p = next;
    }
    return cluster >= 0 ? last : -1;
}

/* The end of the last blocks of a Matroska/WebM file, read from its last cluster (found in its
 * last megabyte, or eight), in the streams' own time (seconds), or -1. Reading the bytes is
 * cheap where FFmpeg's demuxer, sent near the end, would resynchronise from where it last
 * was (the start); a file without a length usually has no index either (a live recording). */
static double tail_end(AVFormatContext *fmt, const int *streams, int n)
{
    if (strncmp(fmt->iformat->name, "matroska", 8) || !fmt->pb || !(fmt->pb->seekable & AVIO_SEEKABLE_NORMAL))
        return -1;
    int64_t size = avio_size(fmt->pb);
    double end = -1;
    for (int64_t want = TAIL_FIRST; size > 0 && end < 0; want *= 8) {
        int64_t from = size > want ? size - want : 0;
        int len = (int)(size - from);
        uint8_t *buf = av_malloc((size_t)len + 8);
        if (!buf || avio_seek(fmt->pb, from, SEEK_SET) < 0 || avio_read(fmt->pb, buf, len) != len) {
            av_free(buf);
            break;
        }
        for (const uint8_t *q = buf + len - 4; q >= buf && end < 0; q--)
            if (q[0] == 0x1F && q[1] == 0x43 && q[2] == 0xB6 && q[3] == 0x75)
                end = cluster_end(fmt, streams, n, q, buf + len);
        av_free(buf);
        if (from == 0 || want >= TAIL_LAST)
            break;
    }
    return end;
}

double mr_media_held_until(AVFormatContext *fmt, const int *streams, int n)
{
    double a = index_end(fmt, streams, n), b = tail_end(fmt, streams, n);
    double end = a > b ? a : b;
    if (end < 0)
        return -1;
    double zero = fmt->start_time != AV_NOPTS_VALUE ? fmt->start_time / (double)AV_TIME_BASE : 0;
    return end - zero > 0 ? end - zero : -1;
}
