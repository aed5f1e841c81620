/* media.h: a media file as the engine sees it: what it holds (probed at open, nothing
 * decoded) and frame-exact access to its pictures and sound, through readers that keep
 * decoders open where the render is reading. Refcounted; thread-safe. */
#ifndef MR_MEDIA_H
#define MR_MEDIA_H

#include <stdbool.h>
#include <stdint.h>
#include "engine/core/clip.h"
#include "engine/media/colorspace.h"
#include "engine/core/error.h"
#include "engine/media/orient.h"

struct AVFrame;
struct AVBufferRef;
struct mr_conceal;

typedef struct mr_media_info {
    char path[1024];
    char container[64];
    int64_t size_bytes;
    double duration;          /* seconds */
    bool has_video, has_audio;
    /* picture */
    int w, h;                 /* as shown: turned as the display matrix says */
    int coded_w, coded_h;     /* as stored and decoded */
    mr_orient orient;         /* the display matrix's turn and mirror (none: identity) */
    bool has_alpha;           /* VP8/VP9 with an alpha channel (WebM's ALPHA_MODE=1) */
    bool still;               /* a single still picture (PNG, JPEG..., under any name):
                                 image() shows it, video() refuses it */
    bool sequence;            /* an image sequence (frames/%04d.png, sequence.h) */
    mr_rational seq_rate;     /* the rate it was asked to be read at ({0, 1}: its default) */
    mr_rational fps;
    int64_t frames;           /* from the container, or duration x fps */
    char vcodec[64], pix_fmt[32];
    mr_matrix matrix;
    bool full_range, matrix_guessed;
    /* sound */
    char acodec[64];
    int sample_rate, channels;
    char layout[64];
} mr_media_info;

typedef struct mr_media mr_media;

/* Reads what `path` holds without decoding. A file holding more than its header says (or
 * saying nothing) gets the length it holds, said once on stderr. Returns 0, or -1 with err
 * naming the file and the reason (missing, unreadable, not media, truncated, a picture larger
 * than MR_MEDIA_MAX_SIDE on a side). */
int mr_media_probe(const char *path, mr_media_info *info, mr_err *err);

/* The same, where an image sequence's name is read at rate (num 0: its default). */
int mr_media_probe_rate(const char *path, mr_rational rate, mr_media_info *info, mr_err *err);

/* Opens a media file for reading (an image sequence at rate; num 0: its default, and the
 * rate of any other file). Returns a new reference, or NULL with err set. */
mr_media *mr_media_open(const char *path, mr_rational rate, mr_err *err);
mr_media *mr_media_ref(mr_media *m);
void mr_media_unref(mr_media *m);

const mr_media_info *mr_media_info_of(const mr_media *m);

/* The decoded picture shown at media time t (the last frame starting at or before t) as a
 * new AVFrame reference in *out, as stored (coded_w x coded_h, not yet turned): decoded by
 * NVDEC on hw (FFmpeg's CUDA device) when given, on the CPU when NULL or when the stream has
 * alpha; `keep`: see mr_video_reader_get. Damaged pictures met on the way are concealed and
 * noted in tally (NULL: not noted). Returns 0, or -1 with err set. */
int mr_media_picture(mr_media *m, double t, struct AVBufferRef *hw, int keep, struct mr_conceal *tally,
                     struct AVFrame **out, mr_err *err);

/* n stereo frames at 48 kHz starting at sample s0 of the media's time line (silence past
 * its end, and in place of damaged frames, which are noted in tally). Returns 0, or -1 with
 * err set. */
int mr_media_sound(mr_media *m, int64_t s0, int n, struct mr_conceal *tally, float *out, mr_err *err);

#endif
