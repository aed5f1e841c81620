/* clip.h: the lazy clip graph.
 * A clip is an immutable, refcounted node. Building one decodes nothing: a node records its
 * inputs, its parameters and what it will show (size, rate, duration, sound). Rendering asks
 * a node for the picture at a time t, or for a run of sound samples, and each node asks its
 * inputs for what it needs (VapourSynth's request model, pulled recursively).
 *
 * Ownership: every constructor returns a new node holding one reference, owned by the
 * caller; inputs passed to a constructor are borrowed (the node takes its own references).
 * On failure constructors return NULL and fill err. */
#ifndef MR_CLIP_H
#define MR_CLIP_H

#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "engine/core/color.h"
#include "engine/core/error.h"
#include "engine/core/frame.h"
#include "engine/kernels/blend_mode_params.h"
#include "engine/ops/pos.h"

#define MR_AUDIO_RATE 48000   /* every sound in the engine: 48 kHz, stereo, float, interleaved */
#define MR_TIME_EPS 1e-6      /* times closer than this are the same instant */
#define MR_FRAME_SLACK 1e-4   /* a media frame stamped this much after t still shows at t
                               * (timestamps rounded by containers) */

typedef struct mr_rational {
    int num, den;
} mr_rational;

static inline double mr_q2d(mr_rational q) { return q.den ? (double)q.num / q.den : 0; }

typedef struct mr_clip mr_clip;
typedef struct mr_eval mr_eval;

/* What each kind of node does. `picture` is asked only for 0 <= t < duration of a clip with
 * a picture and must return (a new reference to) a w x h frame; `sound` must write exactly
 * n stereo frames for clip-local samples [s0, s0+n), which the caller keeps inside the
 * clip's duration. Both return 0, or -1 with ev->err set. */
typedef struct mr_clip_ops {
    const char *kind;
    int (*picture)(const mr_clip *c, double t, mr_eval *ev, mr_frame **out);
    int (*sound)(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev);
    void (*describe)(const mr_clip *c, char *buf, size_t n);  /* optional: kind's parameters */
    void (*destroy)(mr_clip *c);                              /* optional: frees priv's contents */
} mr_clip_ops;

struct mr_clip {
    const mr_clip_ops *ops;
    atomic_int refs;

    /* What it shows. */
    int w, h;              /* 0 x 0 when it has no picture */
    mr_rational fps;       /* {0, 1} when it has no rate of its own (stills) */
    double duration;       /* seconds; INFINITY when unbounded */
    bool has_video, has_audio;
    bool is_static;        /* the picture is the same at every t */

    /* Where it goes inside compose (ignored elsewhere). */
    double start;
    mr_pos pos;
    mr_blend_mode blend;   /* how it is drawn onto the layers below it (clip:blend) */

    char origin[96];       /* "edit.lua:12" where the script made it; "" when unknown */
    mr_clip *input;        /* the clip it derives from, or NULL (owned reference) */
    _Atomic(mr_frame *) still[2]; /* cached picture of a static clip: [0] host, [1] GPU */
    atomic_int consumers;  /* asks for one time within the last frame that asked: above 1, the
                            * next frame keeps its picture for the others (frame_share.h) */
    void *priv;            /* the kind's parameters, allocated with the node */
};

/* Allocates a node of `ops` with priv_size zeroed bytes of parameters. With an input, the
 * node takes a reference to it and starts as a copy of its properties and placement.
 * Returns NULL on allocation failure (err set). */
mr_clip *mr_clip_alloc(const mr_clip_ops *ops, size_t priv_size, mr_clip *input, mr_err *err);

mr_clip *mr_clip_ref(mr_clip *c);
void mr_clip_unref(mr_clip *c);

/* The picture at clip-local time t (clamped into [0, duration)): a new reference in *out.
 * Checks that the node returned the size it declared. Returns 0 or -1 (ev->err set, naming
 * the clip's origin in the script). */
int mr_clip_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out);

/* Writes n stereo frames of sound for clip-local samples [s0, s0+n) into out; silence where
 * the clip has no sound or the range is outside its duration. Returns 0 or -1. */
int mr_clip_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev);

/* The time at which a clip shows its last picture: what is held when it is asked for a time
 * at or past its end. Twice the media slack before the end, so a cut never holds the frame
 * that follows it in the file (and less than a frame at 1000 fps). */
static inline double mr_clip_last_t(const mr_clip *c)
{
    double t = c->duration - 2 * MR_FRAME_SLACK;
    return t > 0 ? t : 0;
}

/* The clip's duration in samples (INT64_MAX when unbounded). */
int64_t mr_clip_samples(const mr_clip *c);

/* Number of frames a render at `fps` makes of a clip lasting `duration` seconds. */
int64_t mr_frame_count(double duration, mr_rational fps);

/* The time of frame n at fps. */
static inline double mr_frame_time(int64_t n, mr_rational fps) { return (double)n * fps.den / fps.num; }

/* One-line summary: "video a.mp4 1920x1080 30 fps 0:15.000 audio". */
void mr_clip_describe(const mr_clip *c, char *buf, size_t n);

/* A picture-and-sound pass-through node: the base for nodes that only change properties. */
int mr_pass_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out);
int mr_pass_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev);

#endif
