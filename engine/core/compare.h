/* compare.h: evaluates a clip on the CPU and on the GPU frame by frame and measures how far
 * they differ (the GPU tests; also for users who doubt their GPU). */
#ifndef MR_COMPARE_H
#define MR_COMPARE_H

#include <signal.h>
#include "engine/core/clip.h"

struct mr_gpu;

typedef struct mr_compare_stats {
    int64_t frames, differing;   /* frames compared; those over both limits */
    int max_diff;                /* largest difference of one channel, 0..255 */
    double min_psnr;             /* dB, over RGBA; INFINITY when all frames are equal */
    long gpu_decoded, cpu_decoded; /* video frames decoded by NVDEC / the CPU meanwhile */
} mr_compare_stats;

/* Compares every frame at fps; a frame passes when no channel differs by more than 1 or its
 * PSNR is at least min_psnr. line() gets one line per frame. A GPU evaluation that comes back
 * on the host (the CUDA path did not run) is an error. Returns 0 (stats filled) or -1. */
int mr_compare_backends(mr_clip *clip, mr_rational fps, struct mr_gpu *gpu, double min_psnr,
                        void (*line)(const char *text, void *ud), void *ud, mr_compare_stats *st,
                        const volatile sig_atomic_t *cancel, mr_err *err);

#endif
