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

struct mr_gpu;

typedef struct mr_frame {
    int w, h;
    int stride;          /* bytes per row */
    uint8_t *data;       /* w*4 bytes of premultiplied R,G,B,A per row */
    bool opaque;         /* producer's promise that every alpha is 255 */
    bool gpu;            /* data is device memory (on the process's GPU, engine/gpu/gpu.h) */
    const struct mr_gpu *lane; /* a GPU frame's lane: only its stream writes the pixels, and
                                  the frame goes back to the pool for its own lane alone; other
                                  lanes read it only once published (mr_gpu_publish) and held
                                  until their work is over (a static node's picture); else
                                  they never get it (mr_frame_usable). NULL on the host */
    /* The producer's promise that every pixel outside this box is transparent (0), when
     * has_ink (a subtitle's line on a full-frame layer; ink_w 0: all of it is): compose draws
     * the box alone. New frames and mr_frame_make_writable drop it (a writer may draw
     * anywhere); mr_frame_set_ink gives it. */
    bool has_ink;
    int ink_x, ink_y, ink_w, ink_h;
    atomic_int refs;
    struct mr_frame *next_free; /* pool link while unused */
} mr_frame;

/* Returns a frame of w x h with undefined pixels and one reference (the caller's),
 * or NULL with err set when memory runs out or the size is not positive. */
mr_frame *mr_frame_new(int w, int h, mr_err *err);

/* The same on the GPU for the lane `gpu`: data is device memory, with a 256-byte aligned
 * stride. */
mr_frame *mr_frame_new_gpu(const struct mr_gpu *gpu, int w, int h, mr_err *err);

/* Whether an evaluation on `gpu` (NULL: the host) may use the kept picture f: a host frame
 * anywhere, a GPU frame only on its own lane. */
static inline bool mr_frame_usable(const mr_frame *f, const struct mr_gpu *gpu)
{
    return !f->gpu || f->lane == gpu;
}

/* Frees the pool's frames of the lane `lane` (engine/gpu/gpu.h), for a lane about to go
 * whose stream is idle: no other lane would take them. */
void mr_frame_pool_forget_lane(const struct mr_gpu *lane);

/* Adds a reference and returns f (NULL stays NULL). */
mr_frame *mr_frame_ref(mr_frame *f);

/* Drops a reference; the last one gives the buffer back to the pool. NULL is ignored. */
void mr_frame_unref(mr_frame *f);

/* Makes *f safe to draw on: if someone else holds a reference, replaces *f with a private
 * copy in the same place, host or GPU (dropping the caller's reference to the shared one); a
 * GPU frame is copied on the caller's lane `gpu` (engine/gpu/gpu.h; unused for host frames).
 * Returns 0, or -1 with err set (then *f is unchanged). */
int mr_frame_make_writable(mr_frame **f, const struct mr_gpu *gpu, mr_err *err);

/* Promises that f is transparent outside the box (x, y, w, h), clipped to f (w or h 0: all
 * of f is). For the producer, before f is shared. */
static inline void mr_frame_set_ink(mr_frame *f, int x, int y, int w, int h)
{
    int x1 = x + w < f->w ? x + w : f->w, y1 = y + h < f->h ? y + h : f->h;
    x = x > 0 ? x : 0;
    y = y > 0 ? y : 0;
    f->has_ink = true;
    f->ink_x = x;
    f->ink_y = y;
    f->ink_w = x1 > x && w > 0 && h > 0 ? x1 - x : 0;
    f->ink_h = y1 > y && w > 0 && h > 0 ? y1 - y : 0;
}

/* The w x h rectangle of f at (x, y) (inside f) as a frame of its own to read from, sharing
 * f's pixels: valid while f is held; never referenced, released or written. */
static inline mr_frame mr_frame_view(const mr_frame *f, int x, int y, int w, int h)
{
    return (mr_frame){.w = w, .h = h, .stride = f->stride, .data = f->data + (size_t)y * f->stride + 4 * (size_t)x,
                      .opaque = f->opaque, .gpu = f->gpu, .lane = f->lane};
}

/* Row y of f (a host frame). */
static inline uint8_t *mr_frame_row(const mr_frame *f, int y) { return f->data + (size_t)y * f->stride; }

/* Bytes held by free frames in the pool (for tests and --stats). */
size_t mr_frame_pool_cached_bytes(void);

#endif
