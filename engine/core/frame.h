/* frame.h: the working picture of the engine.
 * A frame is premultiplied RGBA, 8 bits a channel, rows 64-byte aligned. Frames are
 * refcounted and come from a pool keyed by size, so a render in steady state allocates
 * nothing. A frame is immutable once shared: a node that wants to draw on a frame it got
 * from elsewhere calls mr_frame_make_writable() first (FFmpeg's av_frame_make_writable). */
#ifndef MR_FRAME_H
#define MR_FRAME_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "engine/core/error.h"

typedef struct mr_frame {
    int w, h;
    int stride;          /* bytes per row */
    uint8_t *data;       /* w*4 bytes of premultiplied R,G,B,A per row */
    bool opaque;         /* producer's promise that every alpha is 255 */
    bool gpu;            /* data is device memory (on the process's GPU, engine/gpu/gpu.h) */
    atomic_int refs;
    struct mr_frame *next_free; /* pool link while unused */
} mr_frame;

/* Returns a frame of w x h with undefined pixels and one reference (the caller's),
 * or NULL with err set when memory runs out or the size is not positive. */
mr_frame *mr_frame_new(int w, int h, mr_err *err);

/* The same on the GPU: data is device memory, with a 256-byte aligned stride. */
mr_frame *mr_frame_new_gpu(int w, int h, mr_err *err);

/* Adds a reference and returns f (NULL stays NULL). */
mr_frame *mr_frame_ref(mr_frame *f);

/* Drops a reference; the last one gives the buffer back to the pool. NULL is ignored. */
void mr_frame_unref(mr_frame *f);

/* Makes *f safe to draw on: if someone else holds a reference, replaces *f with a private
 * copy in the same place, host or GPU (dropping the caller's reference to the shared one).
 * Returns 0, or -1 with err set (then *f is unchanged). */
int mr_frame_make_writable(mr_frame **f, mr_err *err);

/* Row y of f (a host frame). */
static inline uint8_t *mr_frame_row(const mr_frame *f, int y) { return f->data + (size_t)y * f->stride; }

/* Bytes held by free frames in the pool (for tests and --stats). */
size_t mr_frame_pool_cached_bytes(void);

#endif
