/* loudness.c: EBU R128 integrated loudness and true peak of a clip's whole sound, measured
 * by libebur128 (see loudness.h). */
#include <ebur128.h>
#include <math.h>
#include "engine/core/eval.h"
#include "engine/ops/loudness.h"

#define RUN MR_AUDIO_RATE   /* samples pulled at a time */

int mr_loudness_measure(const mr_clip *c, mr_eval *ev, mr_loudness *out)
{
    if (isinf(c->duration))
        return mr_err_set(ev->err, "loudness: the clip has no end to measure to; give it one with :dur()");
    *out = (mr_loudness){-INFINITY, -INFINITY};
    if (!c->has_audio)
        return 0;
    ebur128_state *st = ebur128_init(2, MR_AUDIO_RATE, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    float *buf = st ? mr_eval_tmp_push(ev, 2 * RUN) : NULL;
    if (!buf) {
        if (st)
            ebur128_destroy(&st);
        else
            mr_err_set(ev->err, "loudness: out of memory");
        return -1;
    }
    int64_t total = mr_clip_samples(c);
    int r = 0;
    for (int64_t s = 0; s < total && r == 0; s += RUN) {
        int n = total - s < RUN ? (int)(total - s) : RUN;
        if (ev->cancel && *ev->cancel)
            r = mr_err_set(ev->err, "interrupted");
        else if (mr_clip_sound(c, s, n, buf, ev) < 0)
            r = -1;
        else if (ebur128_add_frames_float(st, buf, (size_t)n) != EBUR128_SUCCESS)
            r = mr_err_set(ev->err, "loudness: out of memory");
    }
    mr_eval_tmp_pop(ev);
    double lufs, p0 = 0, p1 = 0;
    if (r == 0 && ebur128_loudness_global(st, &lufs) == EBUR128_SUCCESS && ebur128_true_peak(st, 0, &p0) == 0 &&
        ebur128_true_peak(st, 1, &p1) == 0) {
        double peak = p0 > p1 ? p0 : p1;
        out->lufs = isfinite(lufs) ? lufs : -INFINITY;
        out->peak_dbtp = peak > 0 ? 20 * log10(peak) : -INFINITY;
    } else if (r == 0) {
        r = mr_err_set(ev->err, "loudness: the measurement failed");
    }
    ebur128_destroy(&st);
    return r;
}
