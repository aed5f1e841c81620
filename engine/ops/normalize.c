/* normalize.c: clip:normalize(lufs): the sound brought to an integrated loudness (EBU R128)
 * by one gain, measured over the clip's whole sound once, when its sound is first asked for
 * (under the node's lock, so render workers and clip:loudness share one measurement). The
 * gain is lowered where it would lift the true peak above `peak` dBTP (-1 by default): the
 * loudness then ends under the target, and a notice says by how much. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/core/log.h"
#include "engine/ops/loudness.h"
#include "engine/ops/op.h"

typedef struct norm_priv {
    double target, ceiling;   /* LUFS, dBTP */
    pthread_mutex_t lock;
    bool measured;            /* under lock */
    float gain;               /* under lock until measured, then fixed */
} norm_priv;

/* The gain that brings m to target, held under ceiling; 1 for silence. Writes the notice. */
static double norm_gain(const norm_priv *p, const mr_loudness *m, const char *origin)
{
    if (!isfinite(m->lufs)) {
        mr_log("%s%snormalize: the sound is silent (under the R128 gate); left as it is", origin,
               origin[0] ? ": " : "");
        return 1;
    }
    double db = p->target - m->lufs;
    if (isfinite(m->peak_dbtp) && m->peak_dbtp + db > p->ceiling) {
        double fit = p->ceiling - m->peak_dbtp;
        mr_log("%s%snormalize: %+.1f dB would bring the true peak to %+.1f dBTP; the gain is %+.1f dB to keep "
               "%.1f dBTP, so the loudness ends at %.1f LUFS, not %.1f",
               origin, origin[0] ? ": " : "", db, m->peak_dbtp + db, fit, p->ceiling, m->lufs + fit, p->target);
        db = fit;
    }
    return pow(10, db / 20);
}

static int norm_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    norm_priv *p = c->priv; /* the lock and the measurement it guards change under const */
    pthread_mutex_lock(&p->lock);
    if (!p->measured) {
        mr_loudness m;
        if (mr_loudness_measure(c->input, ev, &m) < 0) {
            pthread_mutex_unlock(&p->lock);
            return -1;
        }
        p->gain = (float)norm_gain(p, &m, c->origin);
        p->measured = true;
    }
    float g = p->gain;
    pthread_mutex_unlock(&p->lock);
    if (mr_clip_sound(c->input, s0, n, out, ev) < 0)
        return -1;
    for (int i = 0; i < 2 * n; i++)
        out[i] *= g;
    return 0;
}

static void norm_describe(const mr_clip *c, char *buf, size_t n)
{
    const norm_priv *p = c->priv;
    snprintf(buf, n, "%g LUFS", p->target);
}

static void norm_destroy(mr_clip *c)
{
    pthread_mutex_destroy(&((norm_priv *)c->priv)->lock);
}

static const mr_clip_ops norm_ops = {"normalize", mr_pass_picture, norm_sound, norm_describe, norm_destroy};

/* The registry's maker: NULL with err set (a clip without an end cannot be measured). */
static mr_clip *make_normalize(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (isinf(in->duration)) {
        mr_err_set(err, "normalize: the clip has no end to measure its loudness to; give it one with :dur()");
        return NULL;
    }
    mr_clip *n = mr_clip_alloc(&norm_ops, sizeof(norm_priv), in, err);
    if (!n)
        return NULL;
    norm_priv *p = n->priv;
    p->target = a[0].num;
    p->ceiling = a[1].num;
    pthread_mutex_init(&p->lock, NULL);
    return n;
}

static const mr_param_desc normalize_params[] = {
    {"lufs", MR_P_NUMBER, true, false, -70, 0, -16, NULL,
     "the integrated loudness to reach (EBU R128, LUFS): -16 for the web, -23 for broadcast"},
    {"peak", MR_P_NUMBER, true, false, -20, 0, -1, NULL,
     "the true peak never goes above this (dBTP): the gain is lowered to fit, and a notice says so"},
};

const mr_op mr_op_normalize = {"normalize",
                               "the sound brought to an integrated loudness by one gain (EBU R128, measured over "
                               "the whole clip once), the true peak kept under -1 dBTP",
                               "local voice = clip:normalize(-16)", normalize_params, 2, NULL, make_normalize};
