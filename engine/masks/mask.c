/* mask.c: mask recipes (mask.h): made step by step, shared by reference, built at the size
 * of the picture they are used on. */
#include "engine/masks/mask.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/sources/sources.h"

struct mr_mask {
    atomic_int refs;
    const mr_op *op;
    mr_arg args[MR_OP_MAX_PARAMS];  /* checked; owned references */
    mr_mask *in;                    /* the mask this step changes; NULL for a new mask */
    char origin[96];                /* "edit.lua:12" where the script made this step; "" unknown */
};

void mr_mask_set_origin(mr_mask *m, const char *origin)
{
    snprintf(m->origin, sizeof m->origin, "%s", origin);
}

mr_mask *mr_mask_ref(mr_mask *m)
{
    if (m)
        atomic_fetch_add(&m->refs, 1);
    return m;
}

void mr_mask_unref(mr_mask *m)
{
    while (m && atomic_fetch_sub(&m->refs, 1) == 1) { /* the chain is let go of step by step, not by recursion */
        mr_mask *in = m->in;
        mr_op_args_clear(m->args, m->op->nparams);
        free(m);
        m = in;
    }
}

mr_mask *mr_mask_new(const mr_op *op, mr_arg *args, mr_mask *in, mr_err *err)
{
    if (mr_op_check(op, args, err) < 0)
        return NULL;
    mr_mask *m = calloc(1, sizeof *m);
    if (!m) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    atomic_init(&m->refs, 1);
    m->op = op;
    mr_op_args_copy(m->args, args, op->nparams);
    m->in = mr_mask_ref(in);
    mr_clip *trial = mr_mask_build(m, 64, 64, err);
    if (!trial) {
        mr_mask_unref(m);
        return NULL;
    }
    mr_clip_unref(trial);
    return m;
}

/* A transparent w x h still without end: where a new mask is drawn. NULL with err set. */
static mr_clip *blank(int w, int h, mr_err *err)
{
    return mr_color_new((mr_rgba){0, 0, 0, 0}, w, h, err);
}

mr_clip *mr_mask_build(const mr_mask *m, int w, int h, mr_err *err)
{
    mr_clip *in = m->in ? mr_mask_build(m->in, w, h, err) : blank(w, h, err);
    if (!in)
        return NULL;
    mr_arg args[MR_OP_MAX_PARAMS];
    mr_op_args_copy(args, m->args, m->op->nparams);
    mr_clip *out = NULL;
    if (mr_op_hold_curves(m->op, args, err) < 0)
        goto done;
    for (int i = 0; i < m->op->nparams; i++) /* a second mask: built at the same size */
        if (m->op->params[i].type == MR_P_MASK && args[i].mask &&
            !(args[i].clip = mr_mask_build(args[i].mask, w, h, err)))
            goto done;
    out = m->op->make(in, args, err);
    if (!out && strncmp(err->msg, m->op->name, strlen(m->op->name)) != 0)
        mr_err_prefix(err, "%s", m->op->name);
    if (out && !out->origin[0]) /* a failing frame names the script line of its step */
        snprintf(out->origin, sizeof out->origin, "%s", m->origin);
done:
    mr_op_args_clear(args, m->op->nparams);
    mr_clip_unref(in);
    return out;
}

void mr_mask_describe(const mr_mask *m, char *buf, size_t n)
{
    char own[96];
    mr_op_describe(m->op, m->args, own, sizeof own);
    if (!m->in) {
        snprintf(buf, n, "%s", own);
        return;
    }
    mr_mask_describe(m->in, buf, n);
    size_t k = strlen(buf);
    if (k < n)
        snprintf(buf + k, n - k, " > %s", own);
}
