/* video_reader.c: frame-exact access to the pictures of a media file. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <libavutil/frame.h>
#include <libavutil/hwcontext.h>
#include "engine/core/clip.h"
#include "engine/media/demux.h"
#include "engine/core/log.h"
#include "engine/media/readers.h"

static atomic_long decoded_gpu, decoded_cpu;

void mr_decode_counts(long *gpu, long *cpu)
{
    *gpu = atomic_load(&decoded_gpu);
    *cpu = atomic_load(&decoded_cpu);
}

#define MAX_CURSORS 16         /* a file read at this many places at once: a grid of offsets, segments */
#define MAX_SETS 65            /* cursor sets: the process's own, and one a lane (segments at once) */
#define RING_MIN 8             /* decoded frames kept per cursor, at least */
#define RING_MAX 64            /* and at most, however many frames a render keeps in flight */
#define FORWARD_LIMIT_S 1.5    /* decode forward rather than seek when this close */

typedef struct vcursor {
    pthread_mutex_t lock;
    mr_demux dm;
    bool open;
    AVFrame *ring[RING_MAX];
    double pts[RING_MAX];      /* media time of each ring frame, ascending */
    int cap;                   /* frames kept: grows to what the renders ask for */
    AVBufferRef *copies;       /* NVDEC: our own frames, so the decoder's surfaces go back at once */
    int n;
    double origin;             /* ring[0] also answers t in [origin, pts[0]): after a seek to origin,
                                  or from the stream's start (-inf) until a frame is evicted */
    bool eof;
    uint64_t used;
    AVFrame *spare;            /* an empty frame struct for the next decode */
    const void *hw;            /* the FFmpeg device (a lane, engine/gpu/gpu.h) it decodes on with
                                  NVDEC, or NULL (its frames may still be software ones): a
                                  cursor serves only its own lane, whose stream orders its copies */
    bool said_cpu;             /* we told the user NVDEC declined this stream */
} vcursor;

/* The cursors of the host, or of one GPU device (a lane: a segment's pipeline): a set's lock
 * is taken only by the pipelines that read through it, so segments on lanes of their own
 * never wait for each other's decoding (choose() holds the set's lock while it looks at a
 * cursor that may be busy decoding). Sources decoded on the host (transparent ones) share
 * set 0, as do devices past MAX_SETS. */
typedef struct cursor_set {
    const mr_media_info *info;
    pthread_mutex_t lock;      /* guards the choice of cursor */
    const void *device;        /* the FFmpeg device its cursors decode on, NULL: the host's set */
    vcursor cur[MAX_CURSORS];
    int ncur;
    uint64_t tick;
} cursor_set;

struct mr_video_reader {
    struct mr_video_reader *next; /* in the list of live readers (all_readers) */
    const mr_media_info *info;
    pthread_mutex_t lock;      /* guards the list of sets */
    cursor_set *sets[MAX_SETS]; /* [0]: the host's, and the devices' past MAX_SETS */
    int nsets;
};

/* A new empty set, or NULL without memory. */
static cursor_set *set_new(const mr_media_info *info, const void *device)
{
    cursor_set *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->info = info;
    r->device = device;
    pthread_mutex_init(&r->lock, NULL);
    for (int i = 0; i < MAX_CURSORS; i++)
        pthread_mutex_init(&r->cur[i].lock, NULL);
    return r;
}

/* Every live reader, so that a lane's cursors can be closed when the lane goes. */
static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static mr_video_reader *all_readers;

mr_video_reader *mr_video_reader_new(const mr_media_info *info)
{
    mr_video_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->sets[0] = set_new(info, NULL))) {
        free(r);
        return NULL;
    }
    r->info = info;
    r->nsets = 1;
    pthread_mutex_init(&r->lock, NULL);
    pthread_mutex_lock(&all_lock);
    r->next = all_readers;
    all_readers = r;
    pthread_mutex_unlock(&all_lock);
    return r;
}

/* The set for the device hw (NULL: the host): its own (made at its first use), or set 0 for
 * the host and when the sets (or memory) run out; set 0's cursors are still matched by
 * device. Never NULL. */
static cursor_set *set_for(mr_video_reader *r, const void *hw)
{
    if (!hw)
        return r->sets[0];
    pthread_mutex_lock(&r->lock);
    cursor_set *s = NULL;
    for (int i = 1; i < r->nsets && !s; i++)
        if (r->sets[i]->device == hw)
            s = r->sets[i];
    if (!s && r->nsets < MAX_SETS && (s = set_new(r->info, hw)))
        r->sets[r->nsets++] = s;
    pthread_mutex_unlock(&r->lock);
    return s ? s : r->sets[0];
}

static void ring_clear(vcursor *c)
{
    for (int i = 0; i < c->n; i++)
        av_frame_free(&c->ring[i]);
    c->n = 0;
}

/* Closes the set's cursors and frees it (nobody may be using it). */
static void set_free(cursor_set *r)
{
    for (int i = 0; i < MAX_CURSORS; i++) {
        ring_clear(&r->cur[i]);
        av_frame_free(&r->cur[i].spare);
        av_buffer_unref(&r->cur[i].copies);
        if (r->cur[i].open)
            mr_demux_close(&r->cur[i].dm);
        pthread_mutex_destroy(&r->cur[i].lock);
    }
    pthread_mutex_destroy(&r->lock);
    free(r);
}

void mr_video_reader_free(mr_video_reader *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&all_lock);
    for (mr_video_reader **p = &all_readers; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    pthread_mutex_unlock(&all_lock);
    for (int i = 0; i < r->nsets; i++)
        set_free(r->sets[i]);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

void mr_video_readers_forget_device(const void *hw)
{
    pthread_mutex_lock(&all_lock);
    for (mr_video_reader *r = all_readers; r; r = r->next) {
        cursor_set *gone = NULL;
        pthread_mutex_lock(&r->lock);
        for (int i = 1; i < r->nsets && !gone; i++)
            if (r->sets[i]->device == hw) {
                gone = r->sets[i];
                r->sets[i] = r->sets[--r->nsets];
            }
        pthread_mutex_unlock(&r->lock);
        if (gone)
            set_free(gone);
    }
    pthread_mutex_unlock(&all_lock);
}

/* Index of the ring frame shown at t; -1 when more frames must be decoded to know, -2 when
 * t lies before what the cursor holds. */
static int find_in_ring(const vcursor *c, double t)
{
    double te = t + MR_FRAME_SLACK;
    if (c->n == 0)
        return c->eof ? -2 : -1;
    if (te < c->pts[0])
        return c->origin <= te ? 0 : -2;
    int i = c->n - 1;
    while (i > 0 && c->pts[i] > te)
        i--;
    if (i == c->n - 1 && !c->eof)
        return -1;
    return i;
}

/* True when decoding forward from where c is reaches t at least as soon as seeking would. */
static bool reachable(const vcursor *c, double t)
{
    if (!c->open)
        return false;
    double te = t + MR_FRAME_SLACK;
    if (c->n == 0)
        return c->origin <= te && (t - fmax(c->origin, 0) < FORWARD_LIMIT_S ||
                                   mr_demux_keyframe_before(&c->dm, t) <= fmax(c->origin, 0));
    if (te < fmin(c->pts[0], c->origin))
        return false;
    double last = c->pts[c->n - 1];
    return t - last < FORWARD_LIMIT_S || mr_demux_keyframe_before(&c->dm, t) <= last;
}

/* Picks the cursor of set r for t (opening one if useful). Called with r->lock held. */
static vcursor *choose(cursor_set *r, double t, AVBufferRef *hw_device, mr_err *err)
{
    const void *hw = hw_device ? hw_device->data : NULL;
    vcursor *best = NULL;
    for (int i = 0; i < r->ncur; i++) {
        vcursor *c = &r->cur[i];
        if (c->hw != hw)
            continue;
        pthread_mutex_lock(&c->lock);
        bool hit = find_in_ring(c, t) >= 0, near = !hit && reachable(c, t);
        double last = c->n ? c->pts[c->n - 1] : c->origin;
        pthread_mutex_unlock(&c->lock);
        if (hit)
            return c;
        if (near && (!best || last > (best->n ? best->pts[best->n - 1] : best->origin)))
            best = c;
    }
    if (best)
        return best;
    if (r->ncur < MAX_CURSORS) {
        vcursor *c = &r->cur[r->ncur];
        if (mr_demux_open_rate(&c->dm, r->info->path, r->info->seq_rate, AVMEDIA_TYPE_VIDEO, hw_device, err) < 0)
            return NULL;
        c->open = true;
        c->hw = hw;
        c->origin = -INFINITY;
        r->ncur++;
        return c;
    }
    vcursor *lru = NULL;
    for (int i = 0; i < r->ncur; i++)
        if (r->cur[i].hw == hw && (!lru || r->cur[i].used < lru->used))
            lru = &r->cur[i];
    if (!lru) /* every cursor decodes elsewhere (CPU, another lane): turn the oldest into one of ours */
        for (int i = 0; i < r->ncur; i++)
            if (!lru || r->cur[i].used < lru->used)
                lru = &r->cur[i];
    if (lru->hw != hw) {
        pthread_mutex_lock(&lru->lock);
        ring_clear(lru);
        av_buffer_unref(&lru->copies); /* made on the other device */
        mr_demux_close(&lru->dm);
        lru->open = false;
        int ok = mr_demux_open_rate(&lru->dm, r->info->path, r->info->seq_rate, AVMEDIA_TYPE_VIDEO, hw_device, err);
        lru->open = ok == 0;
        lru->hw = hw;
        lru->eof = false;
        lru->origin = -INFINITY;
        pthread_mutex_unlock(&lru->lock);
        if (ok < 0)
            return NULL;
    }
    return lru;
}

/* Replaces an NVDEC frame by a copy in our own device memory (on the pipeline's stream, no
 * wait): the decoder has 32 surfaces, and holding its frames would run it out of them. */
static int own_copy(vcursor *c, AVFrame **fp, mr_err *err)
{
    AVFrame *f = *fp;
    if (f->format != AV_PIX_FMT_CUDA)
        return 0;
    const AVHWFramesContext *fc = (const AVHWFramesContext *)f->hw_frames_ctx->data;
    if (!c->copies) {
        c->copies = av_hwframe_ctx_alloc(fc->device_ref);
        AVHWFramesContext *mine = c->copies ? (AVHWFramesContext *)c->copies->data : NULL;
        if (mine) {
            mine->format = AV_PIX_FMT_CUDA;
            mine->sw_format = fc->sw_format;
            mine->width = fc->width;
            mine->height = fc->height;
        }
        if (!mine || av_hwframe_ctx_init(c->copies) < 0) {
            av_buffer_unref(&c->copies);
            return mr_err_set(err, "out of GPU memory for decoded frames");
        }
    }
    AVFrame *copy = av_frame_alloc();
    int r = copy ? av_hwframe_get_buffer(c->copies, copy, 0) : AVERROR(ENOMEM);
    if (r >= 0) {
        copy->width = f->width;
        copy->height = f->height;
        r = av_hwframe_transfer_data(copy, f, 0);
    }
    if (r >= 0)
        r = av_frame_copy_props(copy, f);
    if (r < 0) {
        av_frame_free(&copy);
        return mr_err_av(err, r, "cannot keep a decoded frame on the GPU");
    }
    av_frame_free(fp);
    *fp = copy;
    return 0;
}

/* Decodes one more frame into c's ring. Returns 0, 1 at the end, -1 on error. */
static int decode_one(vcursor *c, const mr_media_info *info, struct mr_conceal *tally, mr_err *err)
{
    AVFrame *f = c->spare; /* the frame struct evicted last time, reused */
    c->spare = NULL;
    if (!f && !(f = av_frame_alloc()))
        return mr_err_set(err, "out of memory decoding '%s'", info->path);
    int r = mr_demux_next(&c->dm, f, info->path, tally, err);
    if (r != 0) {
        c->spare = f;
        if (r == 1)
            c->eof = true;
        return r;
    }
    if (own_copy(c, &f, err) < 0) {
        av_frame_free(&f);
        return -1;
    }
    double t = mr_demux_time(&c->dm, f);
    if (isnan(t))
        t = c->n ? c->pts[c->n - 1] + 1.0 / mr_q2d(info->fps) : fmax(c->origin, 0);
    if (!isnan(c->dm.skip_until)) { /* reaching a target: frames shown before it are not kept */
        if (t < c->dm.skip_until) {
            av_frame_unref(f);
            c->spare = f;
            return 0;
        }
        c->dm.skip_until = NAN;
    }
    if (c->n && t <= c->pts[c->n - 1]) { /* out of order or duplicate: keep the ring sorted */
        av_frame_unref(f);
        c->spare = f;
        return 0;
    }
    if (c->n >= c->cap) {
        av_frame_unref(c->ring[0]);
        c->spare = c->ring[0];
        memmove(c->ring, c->ring + 1, sizeof c->ring[0] * (c->n - 1));
        memmove(c->pts, c->pts + 1, sizeof c->pts[0] * (c->n - 1));
        c->n--;
        c->origin = c->pts[0]; /* earlier times are no longer answered from the ring */
    }
    c->ring[c->n] = f;
    c->pts[c->n] = t;
    c->n++;
    atomic_fetch_add(f->format == AV_PIX_FMT_CUDA ? &decoded_gpu : &decoded_cpu, 1);
    if (c->hw && f->format != AV_PIX_FMT_CUDA && !c->said_cpu) { /* NVDEC declined: say so once */
        char why[256];
        mr_log_take_ffmpeg_error(why, sizeof why);
        mr_log("'%s': decoding on the CPU, NVDEC does not take this stream%s%s%s", info->path, why[0] ? " (" : "",
               why, why[0] ? ")" : "");
        c->said_cpu = true;
    }
    return 0;
}

int mr_video_reader_get(mr_video_reader *reader, double t, AVBufferRef *hw, int keep, struct mr_conceal *tally,
                        AVFrame **out, mr_err *err)
{
    const mr_media_info *info = reader->info;
    cursor_set *r = set_for(reader, hw ? hw->data : NULL);
    vcursor *c;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        c = choose(r, t, hw, err);
        if (c)
            c->used = ++r->tick;
        pthread_mutex_unlock(&r->lock);
        if (!c)
            return -1;
        pthread_mutex_lock(&c->lock);
        if (c->hw == (hw ? hw->data : NULL))
            break;
        pthread_mutex_unlock(&c->lock); /* turned into another device's meanwhile (set 0): again */
    }

    /* keep as many frames as the caller has in flight, so none is evicted before it is asked for */
    keep = keep < RING_MIN ? RING_MIN : keep > RING_MAX ? RING_MAX : keep;
    if (c->cap < keep)
        c->cap = keep;
    int i = find_in_ring(c, t), ret = 0;
    if (i < 0 && (i == -2 || !reachable(c, t))) {
        if (mr_demux_seek(&c->dm, t, info->path, err) < 0) {
            ret = -1;
            goto done;
        }
        ring_clear(c);
        c->eof = false;
        c->origin = t;
    }
    /* a cursor that starts empty (new, or just seeked) far before t: decode only the frames
     * needed to reach t (the references, and the frames the render has in flight before it) */
    double ahead = (keep + 2) / mr_q2d(info->fps);
    if (c->n == 0 && !c->eof && t - ahead > fmax(c->origin, 0) + 0.5) {
        c->dm.skip_until = t - ahead;
        c->origin = c->origin > c->dm.skip_until ? c->origin : INFINITY; /* earlier times: seek */
    }
    while ((i = find_in_ring(c, t)) == -1) {
        if ((ret = decode_one(c, info, tally, err)) < 0)
            goto done;
    }
    if (i < 0 || c->n == 0) {
        ret = mr_err_set(err, "'%s' has no picture at %.3f s", info->path, t);
        goto done;
    }
    if (c->eof && i == c->n - 1 && c->pts[i] < info->duration * 0.9 - 1.0) {
        ret = mr_err_set(err, "'%s' ends at %.2f s but says it lasts %.2f s (truncated?)",
                         info->path, c->pts[i], info->duration);
        goto done;
    }
    if (!(*out = av_frame_clone(c->ring[i])))
        ret = mr_err_set(err, "out of memory");
done:
    pthread_mutex_unlock(&c->lock);
    return ret < 0 ? -1 : 0;
}
