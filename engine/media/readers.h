/* readers.h: the decoders behind a media file. Each reader keeps up to a few cursors (an
 * open demuxer + decoder at some position) so that one file read at two places at once,
 * such as the same video at two offsets in a grid, never seeks back and forth. A request
 * takes the cursor that can reach it by decoding forward, or seeks one (from the key frame
 * before the target, so any frame is exact, across GOPs too). Thread-safe. */
#ifndef MR_READERS_H
#define MR_READERS_H

#include <stdint.h>
#include "engine/core/error.h"
#include "engine/media/media.h"

struct AVFrame;
struct AVBufferRef;
struct mr_conceal;

typedef struct mr_video_reader mr_video_reader;
typedef struct mr_audio_reader mr_audio_reader;

/* Readers for the media described by info (which must outlive them). NULL when out of memory. */
mr_video_reader *mr_video_reader_new(const mr_media_info *info);
void mr_video_reader_free(mr_video_reader *r);

/* The picture shown at media time t: a new AVFrame reference in *out, decoded by NVDEC on
 * hw (FFmpeg's CUDA device) when given and supported, on the CPU otherwise. The cursor keeps
 * at least `keep` decoded frames (the caller's frames in flight), so requests that arrive a
 * little out of order never make it seek back. Damaged pictures met on the way are noted in
 * tally (NULL: not noted). Returns 0 or -1. */
int mr_video_reader_get(mr_video_reader *r, double t, struct AVBufferRef *hw, int keep, struct mr_conceal *tally,
                        struct AVFrame **out, mr_err *err);

/* Closes the cursors that decode on the FFmpeg device hw (its AVHWDeviceContext: a lane's,
 * engine/gpu/gpu.h) in every live reader, with their decoders and the frames they keep; for
 * a lane about to go, when nothing decodes on it any more. Cursors past the readers' own sets
 * for lanes (more than 64 at once) stay until their reader goes. */
void mr_video_readers_forget_device(const void *hw);

/* How many video frames this process decoded on the GPU (NVDEC) and on the CPU. */
void mr_decode_counts(long *gpu, long *cpu);

mr_audio_reader *mr_audio_reader_new(const mr_media_info *info);
void mr_audio_reader_free(mr_audio_reader *r);

/* n stereo float frames at 48 kHz from sample s0 of media time; silence past the end, and in
 * place of damaged frames (noted in tally; NULL: not noted). Returns 0 or -1. */
int mr_audio_reader_get(mr_audio_reader *r, int64_t s0, int n, struct mr_conceal *tally, float *out, mr_err *err);

#endif
