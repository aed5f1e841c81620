/* segments.h: splitting an output's frames into contiguous segments that render apart (each
 * its own decode, evaluation and encoder, on one machine or on a cluster's tasks) and are
 * joined by copying their packets (join.h). Plans are pure arithmetic on frame numbers, so
 * every task of a cluster array computes the same one from the same (frames, N). */
#ifndef MR_SEGMENTS_H
#define MR_SEGMENTS_H

#include <stdbool.h>
#include <stdint.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"

#define MR_SEGMENTS_MAX 10000      /* segments of one output, whoever asks */
#define MR_SEGMENTS_AT_ONCE 64     /* rendered at once by one machine (run --segments) */

/* Frames first .. first+count-1 of an output. */
typedef struct mr_segment {
    int64_t first, count;
} mr_segment;

/* Segment k (0 <= k < n) of an output of `total` frames: frames [k*total/n, (k+1)*total/n),
 * rounded down. Every frame is in exactly one segment and the segments follow each other in
 * k's order; their lengths differ by one at most; a segment is empty only where n > total. */
mr_segment mr_segment_of(int64_t total, int k, int n);

/* Reads "K/N" (0 <= K < N <= MR_SEGMENTS_MAX). Returns 0, or -1 with err saying what it
 * wants. */
int mr_segment_parse(const char *text, int *k, int *n, mr_err *err);

/* Reads a --segments value: "auto" (*n = 0) or a whole number 1..MR_SEGMENTS_MAX. Returns
 * 0, or -1 with err saying what it wants. */
int mr_segments_parse(const char *text, int *n, mr_err *err);

/* How many segments `auto` renders an output of `frames` at fps in, on a machine of `cores`
 * CPU cores, where `off_cpu` says the picture is decoded and encoded off the CPU (a GPU with
 * NVENC, or render only on a GPU).
 * - With an encoder on the CPU: 1 (one pipeline) unless splitting pays, that is the machine
 *   has cores an encoder and one pipeline leave idle (8 or more) and every segment still
 *   lasts long enough (MR_SEGMENT_MIN_SECONDS) that what a segment costs by itself (its
 *   decoders start from the key frame before its first frame, up to a GOP of the sources'
 *   extra decoding; its encoder starts cold) is a small part of its time. bench/segments.sh
 *   on a 16-core GPU machine: with x264, 15 s outputs gain nothing from segments and lose
 *   with four.
 * - Off the CPU, one NVDEC engine is the limit of one pipeline, and each segment's lane
 *   decodes on another: a segment per MR_SEGMENT_MIN_SECONDS_GPU, up to
 *   MR_SEGMENTS_AUTO_GPU, on 4 cores or more. Measured render only: W1 (15 s) 0.76 of one
 *   pipeline in 2 segments, a minute of it 0.39-0.44 in 4. */
#define MR_SEGMENT_MIN_SECONDS 30.0
#define MR_SEGMENT_MIN_SECONDS_GPU 7.5
#define MR_SEGMENTS_AUTO_GPU 4
int mr_segments_auto(int64_t frames, mr_rational fps, int cores, bool off_cpu);

/* `total` threads shared out between n segments: total / n, at least 1 and at most
 * MR_RENDER_MAX_THREADS (render_opts.h). */
int mr_segments_share(int total, int n);

/* The CPU cores online (1 where the system does not say). */
int mr_cpu_cores(void);

#endif
