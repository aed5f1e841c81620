/* render.c: the render pipeline: workers evaluate and convert frames (several in flight,
 * bounded by a window so memory stays flat), the caller's thread encodes them in order and
 * interleaves the sound, sample-exact against the frame count. */
#include "engine/render/render.h"

#include <math.h>
#include <stdatomic.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <libavutil/frame.h>
#include "engine/core/clock.h"
#include "engine/media/conceal.h"
#include "engine/core/eval.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernels.h"
#include "engine/core/log.h"
#include "engine/ops/ops.h"
#include "engine/output/alpha_out.h"
#include "engine/render/join.h"
#include "engine/render/render_internal.h"
#include "engine/render/render_opts.h"
#include "engine/core/timefmt.h"

#define AUDIO_BLOCK MR_RENDER_SOUND_BLOCK

mr_render_opts mr_render_opts_default(void)
{
    mr_render_opts o;
    memset(&o, 0, sizeof o);
    o.out.crf = -1;
    o.frames[0] = o.frames[1] = -1;
    o.segment.count = -1;
    return o;
}

typedef struct slot {
    AVFrame *pic;
    bool ready;
} slot;

typedef struct job {
    const mr_clip *clip;
    mr_gpu *gpu;
    mr_output *out;       /* NULL until it is open: workers start evaluating before that */
    mr_rational fps;
    int64_t first;        /* the output's frame that is the stream's frame 0 (a segment's first) */
    int64_t total;
    const volatile sig_atomic_t *cancel;
    mr_conceal *conceal;  /* damaged source frames the render met */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int64_t next;         /* next frame for a worker */
    int64_t written;      /* frames handed to the encoder */
    int window;
    slot *slots;          /* frame n waits in slots[n % window] */
    bool failed;
    mr_err err;           /* the first failure */
} job;

static void *worker(void *arg)
{
    job *j = arg;
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, j->cancel);
    ev.gpu = j->gpu;
    ev.in_flight = j->window;
    ev.conceal = j->conceal;
    for (;;) {
        pthread_mutex_lock(&j->lock);
        while (!j->failed && j->next < j->total && j->next >= j->written + j->window)
            pthread_cond_wait(&j->cond, &j->lock);
        if (j->failed || j->next >= j->total) {
            pthread_mutex_unlock(&j->lock);
            break;
        }
        int64_t n = j->next++;
        pthread_mutex_unlock(&j->lock);

        ev.blamed = false;
        mr_frame *f = NULL;
        AVFrame *pic = NULL;
        if (mr_clip_picture(j->clip, mr_frame_time(j->first + n, j->fps), &ev, &f) == 0) {
            pthread_mutex_lock(&j->lock); /* the first pictures are made while the output opens */
            while (!j->out && !j->failed)
                pthread_cond_wait(&j->cond, &j->lock);
            mr_output *out = j->failed ? NULL : j->out;
            pthread_mutex_unlock(&j->lock);
            if (out)
                pic = mr_output_convert(out, &ev, f, &err);
            else
                mr_err_set(&err, "the output did not open");
            mr_frame_unref(f);
        }
        pthread_mutex_lock(&j->lock);
        if (!pic && !j->failed) {
            j->failed = true;
            j->err = err;
        } else if (pic) {
            j->slots[n % j->window] = (slot){pic, true};
        }
        pthread_cond_broadcast(&j->cond);
        pthread_mutex_unlock(&j->lock);
        if (!pic)
            break;
    }
    mr_eval_free(&ev);
    return NULL;
}

/* Waits for picture n. Returns it, or NULL when a worker failed or the render was cancelled. */
static AVFrame *take(job *j, int64_t n)
{
    pthread_mutex_lock(&j->lock);
    slot *s = &j->slots[n % j->window];
    while (!s->ready && !j->failed) {
        if (j->cancel && *j->cancel) {
            j->failed = true;
            mr_err_set(&j->err, "interrupted");
            break;
        }
        struct timespec ts;
        mr_clock_deadline(&ts, 100);
        pthread_cond_timedwait(&j->cond, &j->lock, &ts);
    }
    AVFrame *pic = NULL;
    if (s->ready && !j->failed) {
        pic = s->pic;
        *s = (slot){NULL, false};
        j->written = n + 1;
        pthread_cond_broadcast(&j->cond);
    }
    pthread_mutex_unlock(&j->lock);
    return pic;
}

static void fail_job(job *j, const mr_err *err)
{
    pthread_mutex_lock(&j->lock);
    if (!j->failed) {
        j->failed = true;
        j->err = *err;
    }
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
}

int mr_render_sound(const mr_clip *clip, mr_output *out, mr_eval *ev, int64_t *pos, int64_t upto, float *buf)
{
    while (*pos < upto) {
        int n = upto - *pos < AUDIO_BLOCK ? (int)(upto - *pos) : AUDIO_BLOCK;
        ev->blamed = false;
        if (mr_clip_sound(clip, *pos, n, buf, ev) < 0 || mr_output_audio(out, buf, n, ev->err) < 0)
            return -1;
        *pos += n;
    }
    return 0;
}

/* With --strict, whether the render met a damaged source frame (err then says which). */
static bool strict_stop(const mr_render_opts *o, job *j, mr_err *err)
{
    return o->strict && mr_conceal_count(j->conceal) > 0 && mr_conceal_first(j->conceal, err) < 0;
}

void mr_render_report(const mr_render_opts *o, int64_t done, int64_t total, double t0, double *last)
{
    double t = mr_clock_seconds();
    if (!o->progress || (t - *last < 0.25 && done < total))
        return;
    *last = t;
    mr_progress p = {done, total, t - t0, 0, 0};
    p.fps = p.elapsed > 0 ? done / p.elapsed : 0;
    p.eta = p.fps > 0 ? (total - done) / p.fps : 0;
    o->progress(&p, o->progress_ud);
}

static int workers_for(const mr_render_opts *o, bool gpu)
{
    if (o->threads > 0) /* mr_render_opts_check kept it within MR_RENDER_MAX_THREADS */
        return o->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    int most = gpu ? 4 : 16; /* on the GPU, workers only decode and queue kernels */
    return n < 1 ? 1 : n > most ? most : (int)n;
}

/* Opens the output at path and renders clip into it: workers start on the first pictures
 * while the encoder opens (trying NVENC costs a quarter of a second where the GPU has none).
 * A segment (o->segment) is its frames, picture only. Returns 0 once the complete file is in
 * place, or -1 with err set (nothing left at path). */
static int render_stream(const mr_clip *clip, const char *path, mr_rational fps, mr_gpu *gpu, const mr_render_opts *o,
                         bool transparent, mr_err *err)
{
    bool part = o->segment.count >= 0;
    int64_t first = part ? o->segment.first : 0;
    int64_t total = !clip->has_video ? 0 : part ? o->segment.count : mr_frame_count(clip->duration, fps);
    bool sound = clip->has_audio && !part;
    int64_t samples = sound ? mr_clip_samples(clip) : 0;
    int nworkers = workers_for(o, gpu != NULL);
    job j = {.clip = clip, .gpu = gpu, .fps = fps, .first = first, .total = total, .cancel = o->cancel,
             .window = 2 * nworkers + 2, .conceal = mr_conceal_new()};
    pthread_mutex_init(&j.lock, NULL);
    pthread_cond_init(&j.cond, NULL);
    j.slots = calloc((size_t)j.window, sizeof *j.slots);
    float *abuf = malloc(sizeof(float) * 2 * AUDIO_BLOCK);
    pthread_t tids[MR_RENDER_MAX_THREADS];
    int started = 0;
    mr_err aerr;
    mr_eval aev;
    mr_eval_init(&aev, &aerr, o->cancel);
    aev.conceal = j.conceal;
    if (!j.slots || !abuf || !j.conceal) {
        mr_err_set(&j.err, "out of memory");
        j.failed = true;
    }
    for (int i = 0; i < nworkers && total > 0 && !j.failed; i++)
        if (pthread_create(&tids[started], NULL, worker, &j) == 0)
            started++;
    if (total > 0 && started == 0 && !j.failed) {
        mr_err_set(&j.err, "cannot start render threads");
        j.failed = true;
    }
    mr_output *out = NULL;
    if (!j.failed) {
        out = mr_output_open(path, &o->out, clip->has_video ? clip->w : 0, clip->has_video ? clip->h : 0, fps,
                             sound, gpu, transparent, &aerr);
        if (out) {
            mr_trace("output open, encoder %s", mr_output_encoder_name(out));
            pthread_mutex_lock(&j.lock);
            j.out = out;
            pthread_cond_broadcast(&j.cond);
            pthread_mutex_unlock(&j.lock);
        } else {
            fail_job(&j, &aerr);
        }
    }

    double t0 = mr_clock_seconds(), last = 0;
    int64_t apos = 0;
    for (int64_t n = 0; n < total && !j.failed; n++) {
        AVFrame *pic = take(&j, n);
        if (!pic)
            break;
        if (n == 0)
            mr_trace("first picture ready for the encoder");
        int64_t upto = llround((double)(n + 1) * MR_AUDIO_RATE * fps.den / fps.num);
        if (mr_render_sound(clip, out, &aev, &apos, upto < samples ? upto : samples, abuf) < 0) {
            av_frame_free(&pic); /* still ours: mr_output_video takes it only when called */
            fail_job(&j, &aerr);
            break;
        }
        if (mr_output_video(out, pic, n, &aerr) < 0 || strict_stop(o, &j, &aerr)) {
            fail_job(&j, &aerr);
            break;
        }
        mr_render_report(o, n + 1, total, t0, &last);
    }
    /* the rest of the sound (all of it when there is no picture) */
    while (!j.failed && apos < samples) {
        if (o->cancel && *o->cancel) {
            mr_err_set(&aerr, "interrupted");
            fail_job(&j, &aerr);
            break;
        }
        int64_t upto = apos + 48 * AUDIO_BLOCK < samples ? apos + 48 * AUDIO_BLOCK : samples;
        if (mr_render_sound(clip, out, &aev, &apos, upto, abuf) < 0 || strict_stop(o, &j, &aerr))
            fail_job(&j, &aerr);
        if (total == 0)
            mr_render_report(o, apos / AUDIO_BLOCK, samples / AUDIO_BLOCK, t0, &last);
    }
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    for (int i = 0; j.slots && i < j.window; i++)
        av_frame_free(&j.slots[i].pic);
    bool failed = j.failed;
    if (!failed && gpu && mr_gpu_sync(gpu, &j.err) < 0)
        failed = true;
    if (failed) {
        *err = j.err;
        mr_output_abort(out);
    } else {
        mr_trace("all pictures encoded; flushing the encoders");
        if (gpu && o->then_exit && !mr_output_needs_gpu(out))
            mr_gpu_release_for_exit(); /* no more GPU work: the driver's teardown overlaps the flush */
        failed = mr_output_finish(out, o->cancel, err) < 0;
        mr_trace("output finished");
        if (!failed)
            mr_conceal_report(j.conceal);
    }
    mr_conceal_free(j.conceal);
    free(j.slots);
    free(abuf);
    mr_eval_free(&aev);
    pthread_cond_destroy(&j.cond);
    pthread_mutex_destroy(&j.lock);
    return failed ? -1 : 0;
}

static bool ends_with(const char *s, const char *ext)
{
    size_t a = strlen(s), b = strlen(ext);
    return a >= b && strcasecmp(s + a - b, ext) == 0;
}

bool mr_backend_parse(const char *name, mr_backend *b)
{
    static const char *const names[] = {"auto", "cpu", "cuda"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(name, names[i])) {
            *b = (mr_backend)i;
            return true;
        }
    return false;
}

int mr_backend_resolve(mr_backend b, mr_gpu **gpu, mr_err *err)
{
    *gpu = NULL;
    if (b == MR_BACKEND_CPU)
        return 0;
    mr_err why;
    *gpu = mr_gpu_open(&why);
    if (*gpu)
        return 0;
    if (b == MR_BACKEND_CUDA)
        return mr_err_set(err, "the CUDA backend cannot run: %s", why.msg);
    /* said once where a user wonders (a driver is there, the GPU cannot be used); a machine
     * without NVIDIA, or a build without CUDA, renders on the CPU without a word */
    static atomic_int said;
    if (mr_gpu_driver_present() && !atomic_exchange(&said, 1))
        mr_log("rendering on the CPU: %s", why.msg);
    return 0;
}

int mr_clip_check_renderable(const mr_clip *clip, mr_rational fps, mr_err *err)
{
    const char *at = clip->origin[0] ? clip->origin : "the clip";
    if (isinf(clip->duration))
        return mr_err_set(err, "%s: the clip has no end (stills, text and compositions of them last until told); "
                          "give it a duration with :dur() or compose's duration option", at);
    if (clip->has_video && clip->duration * fps.num / fps.den < 1 - 1e-6)
        return mr_err_set(err, "%s: the clip lasts %g s, less than one frame at %g fps", at, clip->duration, mr_q2d(fps));
    if (!clip->has_video && clip->has_audio && mr_clip_samples(clip) < 1)
        return mr_err_set(err, "%s: the clip lasts %g s, less than one sound sample", at, clip->duration);
    return 0;
}

/* Whether the picture of clip at t is transparent (evaluated on gpu; its pixels read where
 * its frame does not promise to be opaque): 1 or 0, or -1 with err set. */
static int transparent_at(mr_clip *clip, double t, mr_gpu *gpu, const volatile sig_atomic_t *cancel, mr_err *err)
{
    mr_frame *f = mr_render_frame(clip, t, gpu, cancel, err);
    if (!f)
        return -1;
    int r = mr_frame_transparent(f);
    mr_frame_unref(f);
    return r;
}

/* Renders one picture of c at o->t as a PNG at path: alpha kept, or flattened with alpha = false. */
static int render_png(mr_clip *c, const char *path, mr_gpu *gpu, const mr_render_opts *o, mr_err *err)
{
    mr_frame *f = mr_render_frame(c, o->t, gpu, o->cancel, err);
    if (f && o->out.alpha == MR_ALPHA_OFF) {
        mr_frame *flat = mr_frame_flatten(f, err);
        mr_frame_unref(f);
        f = flat;
    }
    int r = f ? mr_png_write(f, path, err) : -1;
    mr_frame_unref(f);
    return r;
}

/* The part of clip that o's range or frames name (a new reference; the whole clip without
 * them), or NULL with err set when the part is not inside the clip. */
static mr_clip *part_of(mr_clip *clip, mr_rational fps, const mr_render_opts *o, mr_err *err)
{
    double t0, t1;
    if (o->frames[0] >= 0) {
        t0 = mr_frame_time(o->frames[0], fps);
        t1 = mr_frame_time(o->frames[1] + 1, fps);
    } else if (o->range[1] > 0) {
        t0 = o->range[0];
        t1 = o->range[1];
    } else {
        return mr_clip_ref(clip);
    }
    if (t1 > clip->duration + MR_TIME_EPS) {
        char d[32];
        mr_time_format(clip->duration, d, sizeof d);
        if (o->frames[0] >= 0)
            mr_err_set(err, "frames %lld-%lld: the clip has %lld frames (0-%lld) at %d/%d fps", (long long)o->frames[0],
                       (long long)o->frames[1], (long long)mr_frame_count(clip->duration, fps),
                       (long long)mr_frame_count(clip->duration, fps) - 1, fps.num, fps.den);
        else
            mr_err_set(err, "range %.3f-%.3f s: the clip lasts %s", t0, t1, d);
        return NULL;
    }
    return mr_clip_sub(clip, t0, t1, err);
}

int mr_render_output_frames(mr_clip *clip, const mr_render_opts *o, mr_rational *fps, int64_t *frames, mr_err *err)
{
    *fps = o->fps.num > 0 ? o->fps : clip->fps.num > 0 ? clip->fps : (mr_rational){30, 1};
    if (mr_clip_check_renderable(clip, *fps, err) < 0)
        return -1;
    mr_clip *c = part_of(clip, *fps, o, err);
    if (!c)
        return -1;
    *frames = c->has_video ? mr_frame_count(c->duration, *fps) : 0;
    mr_clip_unref(c);
    return 0;
}

int mr_render(mr_clip *clip, const char *path, const mr_render_opts *o, mr_err *err)
{
    bool png = ends_with(path, ".png") && !mr_output_is_sequence(path);
    mr_rational fps = o->fps.num > 0 ? o->fps : clip->fps.num > 0 ? clip->fps : (mr_rational){30, 1};
    if (mr_render_opts_check(o, err) < 0)
        return -1;
    if (!png && mr_clip_check_renderable(clip, fps, err) < 0)
        return -1;
    if ((o->join || o->segment.count >= 0) && (png || mr_output_is_sequence(path)))
        return mr_err_set(err, "'%s': a picture file is not made of segments", path);
    mr_gpu *gpu = o->join ? NULL : o->gpu; /* a join renders the sound only */
    if (!o->join && !gpu && mr_backend_resolve(o->backend, &gpu, err) < 0)
        return -1;
    /* by default, alpha is kept where the picture is transparent (its first frame; a .png's
     * at t) and the output holds it: look before opening it (and before letterboxing) */
    mr_clip *c = part_of(clip, fps, o, err);
    if (!c)
        return -1;
    bool fit = o->w > 0 && o->h > 0 && c->has_video;
    int transparent = 0;
    if (o->out.alpha == MR_ALPHA_AUTO && c->has_video && !o->join && (png ? fit : mr_output_alpha_support(path, &o->out)) &&
        (transparent = transparent_at(c, png ? o->t : 0, gpu, o->cancel, err)) < 0) {
        mr_clip_unref(c);
        return -1;
    }
    if (fit) { /* bars on black, or transparent where the output keeps alpha */
        bool clear = o->out.alpha == MR_ALPHA_ON || transparent;
        mr_clip *fitted = mr_clip_fit(c, o->w, o->h, (mr_rgba){0, 0, 0, clear ? 0 : 255}, err);
        mr_clip_unref(c);
        if (!(c = fitted))
            return -1;
    }
    int r;
    int64_t frames = c->has_video ? mr_frame_count(c->duration, fps) : 0;
    if (o->segment.count >= 0 && (o->segment.first < 0 || o->segment.first + o->segment.count > frames)) {
        r = mr_err_set(err, "segment frames %lld-%lld: the output has %lld frames", (long long)o->segment.first,
                       (long long)(o->segment.first + o->segment.count - 1), (long long)frames);
    } else if (o->join) {
        r = mr_join_render(c, path, fps, o, err);
    } else if (png) {
        r = render_png(c, path, gpu, o, err);
    } else {
        mr_trace("rendering on the %s", gpu ? "GPU" : "CPU");
        r = render_stream(c, path, fps, gpu, o, transparent == 1, err);
    }
    mr_clip_unref(c);
    return r;
}

mr_frame *mr_render_frame(mr_clip *clip, double t, mr_gpu *gpu, const volatile sig_atomic_t *cancel, mr_err *err)
{
    if (!clip->has_video) {
        mr_err_set(err, "the clip has no picture");
        return NULL;
    }
    if (!(t >= 0) || (t >= clip->duration && !(t == 0))) {
        char d[32];
        mr_time_format(clip->duration, d, sizeof d);
        mr_err_set(err, "time %.3f s is outside the clip (0 to %s)", t, d);
        return NULL;
    }
    mr_eval ev;
    mr_eval_init(&ev, err, cancel);
    ev.gpu = gpu;
    mr_frame *f = NULL;
    if (mr_clip_picture(clip, t, &ev, &f) < 0)
        f = NULL;
    if (f && f->gpu) {
        mr_frame *host = mr_k_to_host(gpu, f, err);
        mr_frame_unref(f);
        f = host;
    }
    mr_eval_free(&ev);
    return f;
}
