/* output.h: an output file being written: container, picture and sound encoders.
 * Everything goes to a temporary file beside the target (a part file, part_file.h: locked
 * while written, so a later run can tell a dead writer's file and remove it); only
 * mr_output_finish renames it into place, so a failed or interrupted render never leaves a
 * partial file nor touches an existing one. */
#ifndef MR_OUTPUT_H
#define MR_OUTPUT_H

#include <signal.h>
#include <stdbool.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"
#include "engine/core/eval.h"
#include "engine/core/frame.h"

struct AVFrame;
struct AVPacket;
struct AVCodecParameters;
struct mr_gpu;

typedef struct mr_output_opts {
    const char *encoder;   /* NULL or "auto", "x264", "x265", "vp9", "prores", "nvenc", "null", or an FFmpeg encoder name */
    const char *codec;     /* NULL: from the extension; "h264", "hevc", "vp9", "prores", "png", "qtrle", "gif" */
    int crf;               /* < 0: the encoder's moonreel default */
    const char *preset;    /* NULL: "veryfast"; ultrafast .. veryslow */
    int audio_bitrate;     /* bits per second; 0: 128000 */
    const char *audio_codec; /* NULL: by the container (AAC, Opus in .webm, the extension's in sound
                                files); "aac", "opus", "mp3", "vorbis", "flac", "pcm", "ac3", or
                                an FFmpeg audio encoder's name */
    const char *sample_format; /* .wav and .flac: "s16" (NULL: the default), "s24" or "f32" (.wav only) */
    bool faststart;        /* .mp4/.mov: index at the front, for playing while downloading */
    int threads;           /* the encoder's threads; 0: its own choice (x264: 1.5 per core) */
    int bitrate;           /* video bits per second; 0: constant quality (crf) */
    int maxrate, bufsize;  /* the rate limit and its buffer, bits (0: none) */
    int gop;               /* frames from one key frame to the next; 0: the encoder's choice */
    const char *pixel_format; /* NULL: the encoder's moonreel default (yuv420p); "yuv422p", "yuv444p",
                                 "yuv420p10le", ... where the encoder takes it */
    char codec_opts[1024]; /* the video encoder's own options, "key=value" lines ("" none): FFmpeg's
                            * AVOptions of that encoder (an unknown key is an error naming it) */
    int alpha;             /* transparency: MR_ALPHA_AUTO, _ON or _OFF */
} mr_output_opts;

/* What an output does with the picture's transparency (mr_output_opts.alpha). */
enum {
    MR_ALPHA_AUTO = 0,  /* kept where the picture is transparent (mr_output_open's `transparent`)
                         * and the format holds it; else flattened over black, said once at the
                         * first transparent picture */
    MR_ALPHA_ON = 1,    /* kept: a format that cannot hold it is an error at open */
    MR_ALPHA_OFF = -1,  /* flattened over black, silently */
};

typedef struct mr_output mr_output;

/* Opens an output for a w x h picture at fps (w == 0: no picture) and, if `audio`, sound;
 * pictures will come from `gpu` (NULL: from the CPU). The extension picks the container and
 * the sound's codec: AAC (Opus in .webm) beside a picture; in files that hold sound only,
 * PCM for .wav, MP3 .mp3, FLAC .flac, Vorbis .ogg, Opus .opus, AAC .m4a. A .png path with
 * one number pattern (f_%04d.png) is a PNG sequence: picture n goes to the file named with n
 * (from 0), each written to a part file and renamed when whole. `transparent` says whether
 * the picture is transparent (its first frame), for MR_ALPHA_AUTO. The encoder "null"
 * renders without encoding or writing anything (for measuring). Returns NULL with err set
 * naming the file (unknown extension, a picture for a sound-only file, codec the container
 * cannot hold, alpha asked for where the format cannot hold it, encoder missing or
 * refusing); nothing is written then. The caller owns the output until mr_output_finish or
 * mr_output_abort. */
mr_output *mr_output_open(const char *path, const mr_output_opts *o, int w, int h, mr_rational fps,
                          bool audio, struct mr_gpu *gpu, bool transparent, mr_err *err);

/* Opens an output whose picture is not encoded but copied, packet by packet, from parts
 * already encoded (a join, join.h): par describes them (codec, size, colour, the codec's
 * headers), at fps; the sound as mr_output_open. NULL with err set naming the file (as
 * mr_output_open, or the container cannot hold the parts' codec). */
mr_output *mr_output_open_copy(const char *path, const mr_output_opts *o, const struct AVCodecParameters *par,
                               mr_rational fps, bool audio, mr_err *err);

/* Writes one copied picture packet, its pts, dts and duration counted in frames (1/fps), in
 * decoding order. Takes the packet's data (pkt is left blank). 0, or -1 with err set. */
int mr_output_packet(mr_output *o, struct AVPacket *pkt, mr_err *err);

/* The picture codec an output at path with options o is written in ("h264", o's codec where
 * it names one, "vp9" for .webm...), or NULL where the name tells no container or one for
 * sound only. Opens nothing. The string is static, or o's own. */
const char *mr_output_codec(const char *path, const mr_output_opts *o);

/* Whether path's name tells a container FFmpeg writes (its extension: .mp4, .wav...). */
bool mr_output_named_file(const char *path);

/* Whether an output at path with options o would hold transparency (its container and the
 * encoder chosen take an alpha channel), decided without opening anything: 1 yes, 0 no (also
 * where the open would fail: it says why then). */
int mr_output_alpha_support(const char *path, const mr_output_opts *o);

/* Whether path names a PNG sequence: a .png name with a number pattern (%d, %04d; opening
 * it is an error unless it has exactly one). */
bool mr_output_is_sequence(const char *path);

/* Converts a working frame into a picture for the encoder (a new AVFrame the caller owns).
 * Thread-safe: render workers call it in parallel, each with its own ev. NULL on failure. */
struct AVFrame *mr_output_convert(mr_output *o, mr_eval *ev, const mr_frame *f, mr_err *err);

/* Encodes picture n (takes ownership of pic). Called in order, from one thread. */
int mr_output_video(mr_output *o, struct AVFrame *pic, int64_t n, mr_err *err);

/* Encodes n stereo frames of 48 kHz float sound (interleaved), continuing the last call. */
int mr_output_audio(mr_output *o, const float *samples, int n, mr_err *err);

/* Flushes the encoders, finishes the file and renames it into place. Frees o. When *cancel
 * (NULL: never) turns non-zero before the rename, the flush stops and the file is removed
 * (-1, "interrupted"): the output is either complete at its path or not there at all. Returns
 * 0 or -1 with err set. */
int mr_output_finish(mr_output *o, const volatile sig_atomic_t *cancel, mr_err *err);

/* Stops writing and removes the temporary file. Frees o. NULL is fine. */
void mr_output_abort(mr_output *o);

/* The encoder chosen ("libx264"), for messages. */
const char *mr_output_encoder_name(const mr_output *o);

/* Whether finishing the output still needs the GPU: NVENC's last frames, or a render-only
 * output waiting for the GPU's last work. */
bool mr_output_needs_gpu(const mr_output *o);

/* Whether the encoder `name` (h264_nvenc...) opens on gpu with CUDA frames: 0, or -1 with
 * err holding the reason (FFmpeg's and NVENC's words). */
int mr_venc_probe(const char *name, struct mr_gpu *gpu, mr_err *err);

/* The encoder that `encoder` (NULL or "auto", or a name) comes to for `codec` on gpu (NULL:
 * the CPU): "nvenc" where NVENC opens there (asked once; a GPU known to lack it is not
 * asked; the answer kept for the process), else the software encoder's FFmpeg name
 * ("libx264"); any other name, or any codec on the CPU or unknown (NULL), as given. For
 * outputs made of parts, which must all be made by one encoder. Static strings. */
const char *mr_venc_settle(const char *encoder, const char *codec, struct mr_gpu *gpu);

/* Encodes a host frame as PNG bytes (alpha kept) in *out (malloc'd, the caller frees).
 * Returns 0, or -1 with err set. */
int mr_png_encode(const mr_frame *f, uint8_t **out, size_t *size, mr_err *err);

/* Writes a working frame as a PNG (alpha kept) through a temporary file. Returns 0 or -1. */
int mr_png_write(const mr_frame *f, const char *path, mr_err *err);

#endif
