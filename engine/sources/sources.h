/* sources.h: the clips that start a graph. Each returns a new node (one reference, the
 * caller's) or NULL with err naming the file or the bad parameter. */
#ifndef MR_SOURCES_H
#define MR_SOURCES_H

#include "engine/core/clip.h"
#include "engine/core/color.h"

/* Picture and sound of a media file (sound absent when it has none), or the pictures of an
 * image sequence (frames/%04d.png, from the lowest number there) at 25 fps. */
mr_clip *mr_video_new(const char *path, mr_err *err);

/* The same, an image sequence at fps (num 0: 25); fps for another file is an error. */
mr_clip *mr_video_new_rate(const char *path, mr_rational fps, mr_err *err);

/* Sound only of a media file. */
mr_clip *mr_audio_new(const char *path, mr_err *err);

/* A still picture (any format libavcodec decodes; the first frame of an animation), alpha
 * kept; unbounded duration. The file is checked now and decoded on first use. */
mr_clip *mr_image_new(const char *path, mr_err *err);

/* A solid colour of w x h, unbounded. */
mr_clip *mr_color_new(mr_rgba color, int w, int h, mr_err *err);

/* A gradient of w x h, unbounded: the colours of n stops (positions pos[] in 0..1, in order;
 * colours straight alpha, mixed premultiplied) along ramp, a MR_SHAPE_LINEAR or
 * MR_SHAPE_RADIAL (engine/kernels/shape_params.h: 0 at p1 or within inner, 1 at p2 or r).
 * Copies what it is given. */
struct mr_shape_params;
mr_clip *mr_gradient_new(const struct mr_shape_params *ramp, int n, const double *pos, const mr_rgba *colors,
                         int w, int h, mr_err *err);

/* A synthetic picture: "bars", "gradient", "checker", or "counter" (grey level n % 256, the
 * number n printed, and n in binary as 16 cells along the bottom), at fps; unbounded. */
mr_clip *mr_pattern_new(const char *kind, int w, int h, mr_rational fps, mr_err *err);

/* A sine tone at freq_hz (amplitude 0.5), unbounded. */
mr_clip *mr_tone_new(double freq_hz, mr_err *err);

/* The waves of tone(): sine; square and saw (band-limited by PolyBLEP, so they do not alias);
 * white noise (uniform, the same for one seed on every run; freq is ignored). */
typedef enum { MR_WAVE_SINE, MR_WAVE_SQUARE, MR_WAVE_SAW, MR_WAVE_NOISE } mr_wave;

/* The wave called name ("sine", "square", "saw", "noise") into *w: 0, or -1 when unknown. */
int mr_wave_parse(const char *name, mr_wave *w);

/* A tone of that wave at freq_hz, amplitude 0.5 (peaks of +-0.5), unbounded. NULL with err
 * set (frequency outside 0..24000 Hz, except for noise). */
mr_clip *mr_tone_wave_new(double freq_hz, mr_wave wave, uint64_t seed, mr_err *err);

/* Silence, unbounded. */
mr_clip *mr_silence_new(mr_err *err);

#endif
