/* sample_format.h: how a lossless sound file stores its samples (render option
 * sample_format): "s16" (16-bit integers, the default), "s24" (24-bit integers) or "f32"
 * (32-bit float). Only PCM (.wav) and FLAC keep a sample format; a lossy codec (MP3, Vorbis,
 * Opus, AAC) has its own, so asking one for a format is an error. Private to engine/output. */
#ifndef MR_SAMPLE_FORMAT_H
#define MR_SAMPLE_FORMAT_H

#include <libavcodec/avcodec.h>
#include "engine/core/error.h"

/* The PCM encoder a .wav gets for `want` (NULL: 16-bit): "pcm_s16le", "pcm_s24le" or
 * "pcm_f32le"; NULL when want is not a sample format. */
const char *mr_sample_format_pcm(const char *want);

/* Chooses the encoder's sample layout for `want` (NULL: the encoder's default, one of float,
 * planar float or 16-bit) into *fmt, and the bits each sample keeps into *bits (0: all of
 * them). Returns 0, or -1 with err naming the file and why (an unknown format, a lossy codec,
 * a codec that cannot hold that format: FLAC holds no float). */
int mr_sample_format_choose(const AVCodec *codec, const char *want, const char *path, enum AVSampleFormat *fmt,
                            int *bits, mr_err *err);

/* n interleaved float samples as 24-bit integers in the top of 32-bit words (what FFmpeg's
 * 24-bit PCM and FLAC encoders take), x 2^23 rounded (what a decoder divides by), clipped to full scale. */
void mr_samples_to_s24(const float *in, int32_t *out, int n);

#endif
