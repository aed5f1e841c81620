/* segmented.c: segments rendered at once on threads of this process, then joined
 * (segmented.h). */
#define _GNU_SOURCE /* F_OFD_SETLK */
#include "engine/render/segmented.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <errno.h>
#include <signal.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libavutil/buffer.h>
#include "engine/core/clock.h"
#include "engine/core/log.h"
#include "engine/core/memo.h"
#include "engine/gpu/gpu.h"
#include "engine/media/readers.h"
#include "engine/output/output.h"
#include "engine/output/part_file.h"
#include "engine/render/join.h"
#include "engine/render/render_opts.h"
#include "engine/render/segments.h"

/* auto's lanes each keep their pictures at rest (memo.h) */
_Static_assert(MR_MEMO_LANES >= MR_SEGMENTS_AUTO_GPU, "a memo keeps fewer lanes than auto makes");

const char *mr_segment_part_ext(const char *codec)
{
    return codec && (!strcmp(codec, "prores") || !strcmp(codec, "qtrle") || !strcmp(codec, "png")) ? ".mov" : ".mp4";
}

/* The folder a render is writing its segments in now, for a second signal to remove. */
static char live_dir[PATH_MAX];
static atomic_bool live;
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "a signal handler reads the flag");

void mr_segments_remove_now(void)
{
    if (!atomic_load(&live))
        return;
    int fd = open(live_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        _Alignas(struct dirent64) char buf[16384];
        ssize_t n;
        for (int pass = 0; pass < 8; pass++) { /* entries removed while listing may hide others */
            bool removed = false;
            lseek(fd, 0, SEEK_SET);
            while ((n = getdents64(fd, buf, sizeof buf)) > 0)
                for (ssize_t at = 0; at < n;) {
                    struct dirent64 *e = (struct dirent64 *)(buf + at);
                    at += e->d_reclen;
                    const char *name = e->d_name;
                    if (!(name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))))
                        removed |= unlinkat(fd, name, 0) == 0;
                }
            if (!removed)
                break;
        }
        close(fd);
    }
    rmdir(live_dir);
}

void mr_segments_folder_remove(const char *dir, int owner)
{
    bool ours = atomic_load(&live) && !strcmp(dir, live_dir); /* a second signal meanwhile removes it too */
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[PATH_MAX + 256];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                unlink(path);
            }
        closedir(d);
    }
    rmdir(dir);
    if (ours)
        atomic_store(&live, false);
    if (owner >= 0)
        close(owner); /* the lock goes last: nobody sweeps a folder being removed */
}

/* This host's name, for the folders' names ("host" when it has none). */
static const char *host_name(char *buf, size_t size)
{
    if (gethostname(buf, size) < 0 || !buf[0])
        snprintf(buf, size, "host");
    buf[size - 1] = 0;
    for (char *p = buf; *p; p++)
        if (*p == '-' || *p == '/')
            *p = '_';
    return buf;
}

/* Takes the lock on a folder's .owner file (fd): true when it was free. */
static bool lock_owner(int fd)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    return fcntl(fd, F_OFD_SETLK, &fl) == 0;
}

/* Whether the segments folder `path` (named for host `ours` or another) was left by a render
 * that is gone: its .owner lock is free, and where a free lock proves nothing (another host,
 * or one called "localhost": NFS may not share locks) it has not changed for a day either. */
static bool left_behind(const char *path, const char *name, const char *ours)
{
    char owner[PATH_MAX + 16];
    snprintf(owner, sizeof owner, "%s/.owner", path);
    struct stat st;
    if (stat(path, &st) < 0)
        return false;
    bool old = time(NULL) - st.st_mtime > MR_PART_FOREIGN_AGE;
    int fd = open(owner, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return old; /* made and never locked: a render killed in its first moment */
    bool free_lock = lock_owner(fd);
    close(fd);
    size_t n = strlen(ours);
    bool here = !strncmp(name, ours, n) && name[n] == '-' && strcmp(ours, "localhost");
    return free_lock && (here || old);
}

int mr_segments_folder(const char *out, char *dir, int *owner, mr_err *err)
{
    char copy[PATH_MAX], host[64];
    snprintf(copy, sizeof copy, "%s", out);
    const char *parent = dirname(copy);
    host_name(host, sizeof host);
    DIR *d = opendir(parent);
    if (d) {
        struct dirent *e;
        static const char prefix[] = ".moonreel-segments-";
        char stale[PATH_MAX + 256];
        while ((e = readdir(d))) {
            if (strncmp(e->d_name, prefix, sizeof prefix - 1))
                continue;
            snprintf(stale, sizeof stale, "%s/%s", parent, e->d_name);
            if (left_behind(stale, e->d_name + sizeof prefix - 1, host))
                mr_segments_folder_remove(stale, -1);
        }
        closedir(d);
    }
    snprintf(dir, PATH_MAX, "%s/.moonreel-segments-%s-XXXXXX", parent, host);
    if (!mkdtemp(dir))
        return mr_err_set(err, "cannot make a folder for the segments in '%s' (beside '%s'): %s", parent, out,
                          strerror(errno));
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/.owner", dir);
    *owner = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (*owner < 0 || !lock_owner(*owner)) {
        int e = errno;
        mr_segments_folder_remove(dir, *owner);
        *owner = -1;
        return mr_err_set(err, "cannot lock the segments' folder beside '%s': %s", out, strerror(e));
    }
    if (!atomic_load(&live)) { /* the one a second signal removes (one segmented render at a time) */
        snprintf(live_dir, sizeof live_dir, "%s", dir);
        atomic_store(&live, true);
    }
    return 0;
}

/* What the segments' threads share. */
typedef struct run {
    mr_clip *clip;
    const mr_render_opts *o;
    int n;
    volatile sig_atomic_t stop;   /* set: every segment stops (a failure, or o->cancel) */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int finished;
    int failed;                   /* the first segment that failed by itself, or -1 */
    mr_err err;                   /* its error */
    int64_t *done;                /* frames each segment has made */
    int64_t total;
} run;

/* One segment's thread. */
typedef struct seg {
    run *R;
    int k;
    mr_render_opts o;
    char path[PATH_MAX];
    int result;
} seg;

/* A segment's progress: the sum over all segments goes to the caller's callback. */
static void seg_progress(const mr_progress *p, void *ud)
{
    seg *s = ud;
    run *R = s->R;
    pthread_mutex_lock(&R->lock);
    R->done[s->k] = p->done;
    if (R->o->progress) {
        mr_progress all = *p;
        all.done = 0;
        for (int i = 0; i < R->n; i++)
            all.done += R->done[i];
        all.total = R->total;
        all.fps = all.elapsed > 0 ? all.done / all.elapsed : 0;
        all.eta = all.fps > 0 ? (all.total - all.done) / all.fps : 0;
        R->o->progress(&all, R->o->progress_ud);
    }
    pthread_mutex_unlock(&R->lock);
}

static void *seg_main(void *arg)
{
    seg *s = arg;
    run *R = s->R;
    mr_err err;
    s->result = mr_render(R->clip, s->path, &s->o, &err);
    pthread_mutex_lock(&R->lock);
    if (s->result < 0 && R->failed < 0 && !R->stop) { /* its own failure, not a stop asked of it */
        R->failed = s->k;
        R->err = err;
    }
    if (s->result < 0)
        R->stop = 1;
    R->finished++;
    pthread_cond_broadcast(&R->cond);
    pthread_mutex_unlock(&R->lock);
    return NULL;
}

/* Waits until every started segment has finished, passing o->cancel on to them. */
static void wait_segments(run *R, int started)
{
    pthread_mutex_lock(&R->lock);
    while (R->finished < started) {
        if (R->o->cancel && *R->o->cancel)
            R->stop = 1;
        struct timespec ts;
        mr_clock_deadline(&ts, 50);
        pthread_cond_timedwait(&R->cond, &R->lock, &ts);
    }
    pthread_mutex_unlock(&R->lock);
}

/* Lets a finished segment's lane go (NULL: none) with its decoders in the sources and its
 * pooled frames, once its stream is idle (a failed render may leave work queued). */
static void retire_lane(mr_gpu *lane)
{
    if (!lane)
        return;
    mr_err ignored;
    mr_gpu_sync(lane, &ignored);
    mr_video_readers_forget_device(mr_gpu_hw_device(lane)->data);
    mr_memo_forget_lane(lane); /* its pictures go back to the pool, which then frees them */
    mr_frame_pool_forget_lane(lane);
    mr_gpu_lane_free(lane);
}

int mr_render_segmented(mr_clip *clip, const char *path, const mr_render_opts *o, int n, mr_err *err)
{
    mr_rational fps;
    int64_t total;
    if (mr_render_output_frames(clip, o, &fps, &total, err) < 0)
        return -1;
    if (n > total)
        n = (int)total;
    if (n < 2)
        return mr_render(clip, path, o, err);
    char dir[PATH_MAX];
    int owner;
    if (mr_segments_folder(path, dir, &owner, err) < 0)
        return -1;
    run R = {.clip = clip, .o = o, .n = n, .failed = -1, .total = total};
    pthread_mutex_init(&R.lock, NULL);
    pthread_cond_init(&R.cond, NULL);
    seg *segs = calloc((size_t)n, sizeof *segs);
    mr_join_part *parts = calloc((size_t)n, sizeof *parts);
    pthread_t *tids = calloc((size_t)n, sizeof *tids);
    R.done = calloc((size_t)n, sizeof *R.done);
    int started = 0, r = 0;
    if (!segs || !parts || !tids || !R.done)
        r = mr_err_set(err, "out of memory");
    const char *codec = mr_output_codec(path, &o->out); /* the output's: a .webm's parts are VP9 */
    /* on a GPU, each segment on a lane of its own: its decoders, copies and kernels queue on
     * its own stream and wait for nobody else's; one encoder settled for all the parts (NVENC
     * past a card's session limit must not make some of them x264) */
    mr_gpu *gpu = NULL;
    const char *encoder = o->out.encoder;
    if (r == 0 && !o->gpu && mr_backend_resolve(o->backend, &gpu, err) < 0)
        r = -1;
    if (r == 0 && gpu)
        encoder = mr_venc_settle(encoder, codec, gpu);
    const char *ext = mr_segment_part_ext(codec);
    /* the cores shared out: as many workers and encoder threads as one render would have */
    int enc = mr_segments_share(o->out.threads > 0 ? o->out.threads : mr_cpu_cores() * 3 / 2, n);
    int workers = mr_segments_share(o->threads > 0 ? o->threads : mr_cpu_cores(), n);
    for (int k = 0; r == 0 && k < n; k++) {
        seg *s = &segs[k];
        s->R = &R;
        s->k = k;
        s->o = *o;
        s->o.segment = mr_segment_of(total, k, n);
        s->o.cancel = &R.stop;
        s->o.progress = seg_progress;
        s->o.progress_ud = s;
        s->o.then_exit = false;
        s->o.out.codec = codec;
        if (s->o.out.alpha == MR_ALPHA_AUTO) /* a part does not hold it: the output cannot either */
            s->o.out.alpha = MR_ALPHA_OFF;
        s->o.threads = workers;
        s->o.out.threads = enc;
        s->o.out.encoder = encoder;
        if (gpu && !(s->o.gpu = mr_gpu_lane_new(gpu, err))) {
            r = -1;
            break;
        }
        snprintf(s->path, sizeof s->path, "%s/part-%04d%s", dir, k, ext);
        parts[k] = (mr_join_part){s->path, s->o.segment.first, s->o.segment.count};
        if (pthread_create(&tids[k], NULL, seg_main, s) != 0) {
            r = mr_err_set(err, "cannot start the segments' threads");
            break;
        }
        started++;
    }
    pthread_mutex_lock(&R.lock);
    if (r < 0)
        R.stop = 1;
    pthread_mutex_unlock(&R.lock);
    wait_segments(&R, started);
    for (int k = 0; k < started; k++)
        pthread_join(tids[k], NULL);
    for (int k = 0; segs && k < n; k++)
        retire_lane(segs[k].o.gpu);
    if (r == 0 && R.failed >= 0)
        r = mr_err_set(err, "segment %d of %d: %s", R.failed, n, R.err.msg);
    else if (r == 0 && R.stop)
        r = mr_err_set(err, "interrupted");
    mr_trace("%d segments rendered", n);
    bool render_only = o->out.encoder && !strcmp(o->out.encoder, "null"); /* nothing to join */
    if (r == 0 && !render_only) {
        mr_render_opts jo = *o;
        mr_join_parts jp = {n, parts};
        jo.join = &jp;
        r = mr_render(clip, path, &jo, err);
    }
    mr_segments_folder_remove(dir, owner);
    free(R.done);
    free(tids);
    free(parts);
    free(segs);
    pthread_cond_destroy(&R.cond);
    pthread_mutex_destroy(&R.lock);
    return r;
}
