/* coverage_node.c: the node of the mask rules (coverage_node.h). */
#include "engine/masks/coverage_node.h"

#include <math.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_coverage.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/ops.h"

typedef struct cov_priv {
    const char *kind;
    mr_cov_op op;
    mr_clip *other;      /* owned; NULL for one-frame rules */
    mr_param v;          /* the threshold, 0..1 */
} cov_priv;

static int cov_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const cov_priv *p = c->priv;
    double v = 0;
    if (mr_param_at(&p->v, t, &v, ev->err) < 0)
        return -1;
    mr_frame *a = NULL, *b = NULL, *dst = NULL;
    int r = mr_clip_picture(c->input, t, ev, &a);
    if (r == 0 && p->other)
        r = mr_clip_picture(p->other, t, ev, &b);
    if (r == 0)
        r = (dst = mr_k_new(ev, c->w, c->h)) ? 0 : -1;
    if (r == 0) {
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        r = mr_k_coverage(ev, dst, a, b, p->op, (unsigned)lround(v * 255));
    }
    mr_frame_unref(a);
    mr_frame_unref(b);
    if (r < 0) {
        mr_frame_unref(dst);
        return -1;
    }
    *out = dst;
    return 0;
}

static void cov_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "%s", ((const cov_priv *)c->priv)->kind);
}

static void cov_destroy(mr_clip *c)
{
    cov_priv *p = c->priv;
    mr_clip_unref(p->other);
    mr_param_release(&p->v);
}

static const mr_clip_ops cov_ops = {"mask", cov_picture, mr_pass_sound, cov_describe, cov_destroy};

mr_clip *mr_coverage_node(const char *kind, mr_clip *in, mr_clip *other, mr_cov_op op, const mr_param *v,
                          mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "%s: the clip has no picture", kind), NULL;
    if (other && (other->w != in->w || other->h != in->h))
        return mr_err_set(err, "%s: a %dx%d mask for a %dx%d picture", kind, other->w, other->h, in->w, in->h), NULL;
    mr_clip *c = mr_clip_alloc(&cov_ops, sizeof(cov_priv), in, err);
    if (!c)
        return NULL;
    cov_priv *p = c->priv;
    *p = (cov_priv){kind, op, mr_clip_ref(other), v ? mr_param_make(v->v, v->curve) : (mr_param){0, NULL}};
    if ((other && !other->is_static) || mr_param_moves(&p->v))
        c->is_static = false;
    return c;
}
