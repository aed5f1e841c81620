/* render.h: rendering a clip to a file. Picture frames are evaluated by worker threads,
 * several in flight, converted for the encoder in parallel, then encoded in order together
 * with the sound on the calling thread. */
#ifndef MR_RENDER_H
#define MR_RENDER_H

#include <signal.h>
#include "engine/core/clip.h"
#include "engine/output/output.h"
#include "engine/render/segments.h"

struct mr_gpu;
struct mr_join_parts;

typedef struct mr_progress {
    int64_t done, total;       /* frames */
    double elapsed, fps, eta;  /* seconds, frames per second, seconds left */
} mr_progress;

/* Where frames are evaluated: the GPU when there is one (auto), or as asked. */
typedef enum { MR_BACKEND_AUTO, MR_BACKEND_CPU, MR_BACKEND_CUDA } mr_backend;

typedef struct mr_render_opts {
    mr_output_opts out;
    mr_backend backend;
    mr_rational fps;           /* {0,0}: the clip's (30 if it has none) */
    int w, h;                  /* 0: the clip's size; else scaled to fit, letterboxed */
    int threads;               /* render workers; 0: one per core */
    double t;                  /* for .png outputs: the time of the frame */
    double range[2];           /* render only [range[0], range[1]) of the clip, seconds ({0, 0}: all) */
    int64_t frames[2];         /* or only frames frames[0] .. frames[1], inclusive, at the output's
                                * rate ({-1, -1}: all) */
    void (*progress)(const mr_progress *p, void *ud);   /* called a few times a second */
    void *progress_ud;
    const volatile sig_atomic_t *cancel;                 /* non-zero stops the render */
    bool strict;               /* a damaged frame in a source fails the render (else it is
                                * concealed, and the render says at its end how many were) */
    mr_segment segment;        /* count >= 0: only the output's frames first .. first+count-1, and
                                * only the picture: a part that a join puts together (join.h);
                                * count < 0 (the default): the whole output */
    const struct mr_join_parts *join; /* non-NULL: the picture is not rendered but copied, packet by
                                * packet, from these parts, and the sound rendered once (join.h) */
    struct mr_gpu *gpu;        /* non-NULL: evaluate on this GPU lane (a segment's own stream,
                                * engine/gpu/gpu.h) rather than as backend says */
    bool then_exit;            /* the process ends after this render, freeing nothing on the
                                * GPU: it lets go of the GPU while the encoder drains (see
                                * mr_gpu_release_for_exit) */
} mr_render_opts;

/* Default options: the encoder's defaults, the clip's size and rate. */
mr_render_opts mr_render_opts_default(void);

/* Renders clip to path (container from the extension; .png writes the frame at o->t).
 * Returns 0 once the complete file is in place, or -1 with err set; then nothing was written
 * at path (an existing file there is untouched). Interrupted (*o->cancel) at any moment up to
 * the file's rename into place, it returns -1 ("interrupted") and leaves nothing; after the
 * rename, 0. Damaged frames of its sources are concealed and counted, and said once (per
 * file) when the render ends; with o->strict the first one fails it. */
int mr_render(mr_clip *clip, const char *path, const mr_render_opts *o, mr_err *err);

/* The rate and the number of picture frames of the stream mr_render would write for clip
 * with o (its range or frames options applied; 0 frames without a picture). Returns 0, or -1
 * with err set (not renderable, or the range outside the clip). */
int mr_render_output_frames(mr_clip *clip, const mr_render_opts *o, mr_rational *fps, int64_t *frames, mr_err *err);

/* The picture of clip at time t, evaluated on gpu (NULL: the CPU), as a new host frame
 * reference. NULL with err set on failure. */
mr_frame *mr_render_frame(mr_clip *clip, double t, struct mr_gpu *gpu, const volatile sig_atomic_t *cancel,
                          mr_err *err);

/* Whether clip can be rendered to a stream at fps: 0, or -1 with err naming the script line
 * that made it and why not (it has no end, or lasts less than one frame or sample). */
int mr_clip_check_renderable(const mr_clip *clip, mr_rational fps, mr_err *err);

/* The GPU that `b` asks for: NULL for the CPU. auto without a usable GPU says once on
 * stderr why the CPU is used; cuda without one is an error (-1, err set). */
int mr_backend_resolve(mr_backend b, struct mr_gpu **gpu, mr_err *err);

/* "auto", "cpu", "cuda" -> the backend; false for another name. */
bool mr_backend_parse(const char *name, mr_backend *b);

#endif
