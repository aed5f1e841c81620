/* frame.c: refcounted RGBA frames and the size-keyed pool they come from.
 * The pool keeps freed frames for reuse up to a byte budget; past it, frames are freed,
 * so memory stays bounded whatever sizes a session goes through. */
#include "engine/core/frame.h"

#include "engine/gpu/gpu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define POOL_BUDGET_BYTES ((size_t)256 << 20)
#define POOL_MOST 48          /* free frames kept: sizes that stop coming back are let go */

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static mr_frame *pool_head;   /* free frames, most recently freed first */
static size_t pool_bytes;
static int pool_count;

static size_t frame_bytes(const mr_frame *f) { return (size_t)f->stride * f->h; }

static mr_frame *frame_new(int w, int h, const struct mr_gpu *lane, bool gpu, mr_err *err)
{
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        mr_err_set(err, "invalid picture size %dx%d", w, h);
        return NULL;
    }
    pthread_mutex_lock(&pool_lock);
    for (mr_frame **p = &pool_head; *p; p = &(*p)->next_free) {
        if ((*p)->w == w && (*p)->h == h && (*p)->gpu == gpu && (*p)->lane == lane) {
            mr_frame *f = *p;
            *p = f->next_free;
            pool_bytes -= frame_bytes(f);
            pool_count--;
            pthread_mutex_unlock(&pool_lock);
            f->next_free = NULL;
            f->opaque = false;
            f->has_ink = false;
            atomic_store(&f->refs, 1);
            return f;
        }
    }
    pthread_mutex_unlock(&pool_lock);

    mr_frame *f = calloc(1, sizeof *f);
    if (!f) {
        mr_err_set(err, "out of memory for a %dx%d frame", w, h);
        return NULL;
    }
    f->w = w;
    f->h = h;
    f->gpu = gpu;
    f->lane = lane;
    f->stride = gpu ? (w * 4 + 255) & ~255 : (w * 4 + 63) & ~63;
    if (gpu) {
        if (!(f->data = mr_gpu_malloc(frame_bytes(f), err))) {
            free(f);
            return NULL;
        }
    } else if (posix_memalign((void **)&f->data, 64, frame_bytes(f)) != 0) {
        free(f);
        mr_err_set(err, "out of memory for a %dx%d frame", w, h);
        return NULL;
    }
    atomic_store(&f->refs, 1);
    return f;
}

mr_frame *mr_frame_new(int w, int h, mr_err *err) { return frame_new(w, h, NULL, false, err); }
mr_frame *mr_frame_new_gpu(const struct mr_gpu *gpu, int w, int h, mr_err *err) { return frame_new(w, h, gpu, true, err); }

static void frame_free(mr_frame *f)
{
    if (f->gpu)
        mr_gpu_free(f->data, frame_bytes(f));
    else
        free(f->data);
    free(f);
}

void mr_frame_pool_forget_lane(const struct mr_gpu *lane)
{
    mr_frame *gone = NULL;
    pthread_mutex_lock(&pool_lock);
    for (mr_frame **p = &pool_head; *p;) {
        mr_frame *f = *p;
        if (f->gpu && f->lane == lane) {
            *p = f->next_free;
            pool_bytes -= frame_bytes(f);
            pool_count--;
            f->next_free = gone;
            gone = f;
        } else {
            p = &f->next_free;
        }
    }
    pthread_mutex_unlock(&pool_lock);
    while (gone) {
        mr_frame *f = gone;
        gone = f->next_free;
        frame_free(f);
    }
}

mr_frame *mr_frame_ref(mr_frame *f)
{
    if (f)
        atomic_fetch_add(&f->refs, 1);
    return f;
}

void mr_frame_unref(mr_frame *f)
{
    if (!f || atomic_fetch_sub(&f->refs, 1) != 1)
        return;
    mr_frame *drop = NULL;
    pthread_mutex_lock(&pool_lock);
    if (frame_bytes(f) <= POOL_BUDGET_BYTES) {
        f->next_free = pool_head;
        pool_head = f;
        pool_bytes += frame_bytes(f);
        pool_count++;
        f = NULL;
        /* over budget or count: the oldest free frames go */
        while (pool_count > POOL_MOST || pool_bytes > POOL_BUDGET_BYTES) {
            mr_frame **p = &pool_head;
            while ((*p)->next_free)
                p = &(*p)->next_free;
            mr_frame *old = *p;
            *p = NULL;
            pool_bytes -= frame_bytes(old);
            pool_count--;
            old->next_free = drop;
            drop = old;
        }
    }
    pthread_mutex_unlock(&pool_lock);
    if (f)
        frame_free(f);
    while (drop) {
        mr_frame *next = drop->next_free;
        frame_free(drop);
        drop = next;
    }
}

int mr_frame_make_writable(mr_frame **fp, const struct mr_gpu *gpu, mr_err *err)
{
    mr_frame *f = *fp;
    if (atomic_load(&f->refs) == 1) {
        f->has_ink = false; /* the caller may draw anywhere */
        return 0;
    }
    if (f->gpu && !gpu)
        return mr_err_set(err, "internal error: a GPU picture made writable off the GPU");
    mr_frame *c = frame_new(f->w, f->h, f->gpu ? gpu : NULL, f->gpu, err);
    if (!c)
        return -1;
    if (f->gpu) {
        if (mr_gpu_copy2d(gpu, c->data, c->stride, f->data, f->stride, (size_t)f->w * 4, f->h, err) < 0) {
            mr_frame_unref(c);
            return -1;
        }
    } else {
        for (int y = 0; y < f->h; y++)
            memcpy(mr_frame_row(c, y), mr_frame_row(f, y), (size_t)f->w * 4);
    }
    c->opaque = f->opaque;
    mr_frame_unref(f);
    *fp = c;
    return 0;
}

size_t mr_frame_pool_cached_bytes(void)
{
    pthread_mutex_lock(&pool_lock);
    size_t n = pool_bytes;
    pthread_mutex_unlock(&pool_lock);
    return n;
}
