/* demux.h: one open demuxer + decoder for one stream of a media file, the unit that the
 * video and audio readers keep several of (one per place they are reading). */
#ifndef MR_DEMUX_H
#define MR_DEMUX_H

#include <stdbool.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"

typedef struct mr_demux {
    AVFormatContext *fmt;
    AVCodecContext *dec;
    AVPacket *pkt;
    int stream;
    AVRational tb;
    double zero;          /* container start time in seconds: media time 0 */
    bool sent_eof;        /* the decoder was told the stream ended */
    double skip_until;    /* decode only reference frames of packets shown before this media
                             time (NAN: decode everything): for reaching a frame quickly */
    bool decoded_one;     /* for MOONREEL_TRACE: the first frame was traced */
    long damaged;         /* damaged frames met so far (skipped or concealed) */
    double sent_t;        /* media time of the last packet given to the decoder (NAN: unknown) */
} mr_demux;

struct mr_conceal;

/* Opens `path` and a decoder for its best stream of `type`, with the other streams
 * discarded. With hw_device (FFmpeg's CUDA device), video is decoded by NVDEC into CUDA
 * frames where the GPU supports the codec, in software otherwise. Returns 0, or -1 with err
 * naming the file and the reason (d left closed). */
int mr_demux_open(mr_demux *d, const char *path, enum AVMediaType type, struct AVBufferRef *hw_device, mr_err *err);

/* The same for an image sequence's name read at rate (num 0: its default; sequence.h). */
int mr_demux_open_rate(mr_demux *d, const char *path, mr_rational rate, enum AVMediaType type,
                       struct AVBufferRef *hw_device, mr_err *err);

/* Whether st is VP8/VP9 with an alpha channel (matroska/WebM tag ALPHA_MODE=1): FFmpeg's
 * own decoders drop the alpha plane, so mr_demux_open decodes such a stream with libvpx. */
bool mr_demux_stream_alpha(const AVStream *st);

/* Closes what mr_demux_open opened; safe on a zeroed or half-opened d. */
void mr_demux_close(mr_demux *d);

/* Decodes the next frame into f. Returns 0 with a frame, 1 at the end of the stream, or
 * -1 with err set (a read error of the file, or a decoder that cannot go on: memory, device).
 * A damaged frame (any other error of the decoder, or a picture it had to conceal) is
 * skipped or kept as the decoder concealed it, as players do, counted in d->damaged and
 * noted in tally (NULL: not noted). */
int mr_demux_next(mr_demux *d, AVFrame *f, const char *path, struct mr_conceal *tally, mr_err *err);

/* Seeks so that decoding resumes at the key frame at or before media time t. Returns 0 or -1. */
int mr_demux_seek(mr_demux *d, double t, const char *path, mr_err *err);

/* Media time (seconds from the container's start) of a decoded frame. */
double mr_demux_time(const mr_demux *d, const AVFrame *f);

/* The media time of the key frame at or before t from the stream's index, or -1 if the
 * index has no entry there. */
double mr_demux_keyframe_before(const mr_demux *d, double t);

/* How many decoders this process has opened so far (the tests check that building a graph
 * opens none: everything is decoded lazily). */
long mr_demux_open_count(void);

/* Describes why opening failed in words a user understands ("No such file or directory"),
 * quoting what FFmpeg said. Returns -1. */
int mr_demux_open_error(mr_err *err, const char *path, int averr);

/* The largest picture side moonreel reads (its frames' limit). */
#define MR_MEDIA_MAX_SIDE 16384

/* When FFmpeg's words `said` refuse a picture size ("Picture size 65535x65535 is invalid"),
 * sets err to "'path': picture size 65535x65535 is too large ..." and returns -1; else 0. */
int mr_demux_too_large(const char *said, const char *path, mr_err *err);

#endif
