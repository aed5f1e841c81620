/* serve_sound.c: GET /api/sound?t0=A&t1=B: the page's clip's sound over [A, B) as raw
 * samples the page's Web Audio plays: 48 kHz, stereo interleaved, float32 little-endian
 * (the engine's own format, sent as is). Silence where the clip is silent or ends. At most
 * MAX_SECONDS a request, so a request's memory is bounded. */
#include "interp/serve_internal.h"

#include <math.h>
#include <stdlib.h>
#include "engine/core/eval.h"

#define MAX_SECONDS 10

/* The time argument `name` in seconds, or NAN when absent or not a finite number. */
static double time_arg(struct MHD_Connection *c, const char *name)
{
    const char *v = mr_serve_arg(c, name);
    char *end;
    double t = v ? strtod(v, &end) : NAN;
    return v && end != v && isfinite(t) ? t : NAN;
}

/* Answers 200 with the samples, 400 for a missing or reversed range or one over
 * MAX_SECONDS, 404 without a clip, 500 with the engine's message. */
enum MHD_Result mr_serve_sound(mr_server *s, struct MHD_Connection *c)
{
    double t0 = time_arg(c, "t0"), t1 = time_arg(c, "t1");
    if (isnan(t0) || isnan(t1) || t0 < 0 || t1 <= t0 || t1 - t0 > MAX_SECONDS)
        return mr_serve_reply_text(c, MHD_HTTP_BAD_REQUEST, "sound: give t0 < t1 in seconds, at most 10 s apart");
    mr_clip *clip = mr_serve_clip(s, NULL);
    if (!clip)
        return mr_serve_reply_text(c, MHD_HTTP_NOT_FOUND, "no clip to hear");
    int64_t s0 = llround(t0 * MR_AUDIO_RATE);
    int n = (int)(llround(t1 * MR_AUDIO_RATE) - s0);
    float *buf = calloc((size_t)(n > 0 ? n : 1) * 2, sizeof *buf);
    if (!buf) {
        mr_clip_unref(clip);
        return mr_serve_reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    }
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    int r = clip->has_audio && n > 0 ? mr_clip_sound(clip, s0, n, buf, &ev) : 0;
    mr_eval_free(&ev);
    mr_clip_unref(clip);
    if (r < 0) {
        free(buf);
        return mr_serve_reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, err.msg);
    }
    /* x86 and arm64 are little-endian: the floats go out as they are in memory */
    return mr_serve_reply(c, MHD_HTTP_OK, "application/octet-stream", buf, (size_t)n * 2 * sizeof *buf,
                          MHD_RESPMEM_MUST_FREE);
}
