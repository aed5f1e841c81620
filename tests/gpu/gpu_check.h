/* gpu_check.h: what the GPU tests share: the GPU or a skip, the two engines compared, a host
 * frame sent up and a device frame brought back, and a GPU time by CUDA events on the
 * pipeline's stream (host frames are made and compared by tests/engine/frames.h). Inline
 * functions for the test files (tests/gpu/test_*.c). */
#ifndef MR_GPU_CHECK_H
#define MR_GPU_CHECK_H

#include <cuda_runtime_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernels.h"

/* The process's GPU; without one it prints "skipped: no GPU" and exits 77 (ctest's skip), and
 * a GPU moonreel cannot use is a failure (exit 1). */
static inline mr_gpu *gpu_open_or_skip(mr_err *err)
{
    mr_gpu *gpu = mr_gpu_open(err);
    if (!gpu && mr_gpu_count() == 0) {
        printf("skipped: no GPU: %s\n", err->msg);
        exit(77);
    }
    if (!gpu) {
        fprintf(stderr, "the GPU cannot be used: %s\n", err->msg);
        exit(1);
    }
    printf("GPU: %s\n", mr_gpu_name(gpu));
    return gpu;
}

/* The GPU (or a skip, as gpu_open_or_skip) and the two engines a test compares, both saying
 * their errors into err: cpu on the CPU, dev on that GPU. */
static inline mr_gpu *gpu_start(mr_eval *cpu, mr_eval *dev, mr_err *err)
{
    mr_gpu *gpu = gpu_open_or_skip(err);
    mr_eval_init(cpu, err, NULL);
    mr_eval_init(dev, err, NULL);
    dev->gpu = gpu;
    return gpu;
}

/* A device copy of the host frame h for ev (the caller's reference), or NULL, said. */
static inline mr_frame *gpu_up(mr_eval *ev, const mr_frame *h)
{
    mr_frame *c = mr_frame_new(h->w, h->h, ev->err);
    if (!c)
        return NULL;
    for (int y = 0; y < h->h; y++)
        memcpy(mr_frame_row(c, y), mr_frame_row(h, y), (size_t)h->w * 4);
    c->opaque = h->opaque;
    if (mr_k_to_device(ev, &c) < 0) {
        fprintf(stderr, "upload: %s\n", ev->err->msg);
        mr_frame_unref(c);
        return NULL;
    }
    return c;
}

/* A host copy of the device frame d (the caller's reference), or NULL, said. */
static inline mr_frame *gpu_down(const mr_frame *d, mr_err *err)
{
    mr_frame *h = mr_k_to_host(mr_gpu_ready(), d, err);
    if (!h)
        fprintf(stderr, "download: %s\n", err->msg);
    return h;
}

/* Milliseconds run(arg) takes on the GPU's stream: the mean of 20 after 3 to warm up. */
static inline double gpu_ms(mr_gpu *gpu, void (*run)(void *), void *arg)
{
    cudaStream_t s = (cudaStream_t)mr_gpu_stream(gpu);
    cudaEvent_t e0, e1;
    cudaEventCreate(&e0);
    cudaEventCreate(&e1);
    for (int i = 0; i < 3; i++)
        run(arg);
    cudaEventRecord(e0, s);
    for (int i = 0; i < 20; i++)
        run(arg);
    cudaEventRecord(e1, s);
    cudaEventSynchronize(e1);
    float ms = 0;
    cudaEventElapsedTime(&ms, e0, e1);
    cudaEventDestroy(e0);
    cudaEventDestroy(e1);
    return ms / 20;
}

#endif
