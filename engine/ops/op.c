/* op.c: checking an operation's arguments against its descriptor, describing it, and the
 * reference of every operation written from the table. */
#include "engine/ops/op.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/timefmt.h"
#include "engine/masks/mask.h"
#include "engine/transitions/transition.h"

mr_points *mr_points_new(int n)
{
    mr_points *p = calloc(1, sizeof *p + sizeof p->xy[0] * (size_t)(n > 0 ? n : 0));
    if (p) {
        atomic_init(&p->refs, 1);
        p->n = n;
    }
    return p;
}

mr_points *mr_points_ref(mr_points *p)
{
    if (p)
        atomic_fetch_add(&p->refs, 1);
    return p;
}

void mr_points_unref(mr_points *p)
{
    if (p && atomic_fetch_sub(&p->refs, 1) == 1)
        free(p);
}

mr_str *mr_str_new(const char *s)
{
    size_t n = strlen(s) + 1;
    mr_str *t = malloc(sizeof *t + n);
    if (t) {
        atomic_init(&t->refs, 1);
        memcpy(t->s, s, n);
    }
    return t;
}

mr_str *mr_str_ref(mr_str *t)
{
    if (t)
        atomic_fetch_add(&t->refs, 1);
    return t;
}

void mr_str_unref(mr_str *t)
{
    if (t && atomic_fetch_sub(&t->refs, 1) == 1)
        free(t);
}

/* The entry of table called name, or NULL. */
static const mr_op *find_in(const mr_op *const *table, const char *name)
{
    for (const mr_op *const *op = table; *op; op++)
        if (!strcmp((*op)->name, name))
            return *op;
    return NULL;
}

const mr_op *mr_op_find(const char *name) { return find_in(mr_op_table, name); }

const mr_op *mr_mask_op_find(const char *name) { return find_in(mr_mask_table, name); }

int mr_op_param(const mr_op *op, const char *name)
{
    for (int i = 0; i < op->nparams; i++)
        if (!strcmp(op->params[i].name, name))
            return i;
    return -1;
}

/* The choices of an enum as words: "\"x\" or \"y\"". */
static void choice_words(const char *choices, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (const char *p = choices; *p && k + 1 < n;) {
        const char *bar = strchr(p, '|');
        int len = bar ? (int)(bar - p) : (int)strlen(p);
        k += snprintf(buf + k, n - k, "%s\"%.*s\"", p == choices ? "" : bar ? ", " : " or ", len, p);
        p += len + (bar != NULL);
    }
}

void mr_param_type_words(const mr_param_desc *p, char *buf, size_t n)
{
    static const char *const words[] = {"number", "whole number", "time", "colour", "", "position", "clip", "boolean",
                                        "mask (or a clip: its luma)", "list of points { {x, y}, ... }",
                                        "file name"};
    if (p->type == MR_P_ENUM) {
        choice_words(p->choices, buf, n);
        return;
    }
    snprintf(buf, n, "%s%s", words[p->type], p->animatable ? " or curve" : "");
}

int mr_op_check(const mr_op *op, mr_arg *args, mr_err *err)
{
    for (int i = 0; i < op->nparams; i++) {
        const mr_param_desc *p = &op->params[i];
        mr_arg *a = &args[i];
        if (!a->given) {
            if (!p->optional)
                return mr_err_set(err, "bad argument '%s' to '%s' (missing: %s)", p->name, op->name, p->doc);
            if (p->type <= MR_P_TIME || p->type == MR_P_BOOL)
                a->num = p->def;
            continue;
        }
        if (p->type == MR_P_POINTS && !(a->points->n >= p->min && a->points->n <= p->max))
            return mr_err_set(err, "bad argument '%s' to '%s' (%d points; it takes %g to %g)", p->name, op->name,
                              a->points->n, p->min, p->max);
        if (a->curve || p->type > MR_P_TIME)
            continue; /* curves are held to the range (mr_op_hold_curves); the rest checked by their parsers */
        bool whole = p->type != MR_P_INT || a->num == floor(a->num);
        if (!whole)
            return mr_err_set(err, "bad argument '%s' to '%s' (%g is not a whole number)", p->name, op->name, a->num);
        if (!(a->num >= p->min && a->num <= p->max)) {
            const char *unit = p->type == MR_P_TIME ? " s" : "";
            if (p->max >= 1e9)
                return mr_err_set(err, "bad argument '%s' to '%s' (%.15g%s is %s %.15g%s)", p->name, op->name, a->num,
                                  unit, a->num < p->min ? "below" : "above", a->num < p->min ? p->min : p->max, unit);
            return mr_err_set(err, "bad argument '%s' to '%s' (%.15g%s is outside %g..%g)", p->name, op->name, a->num, unit,
                              p->min, p->max);
        }
    }
    return 0;
}

int mr_op_hold_curves(const mr_op *op, mr_arg *args, mr_err *err)
{
    for (int i = 0; i < op->nparams; i++) {
        const mr_param_desc *p = &op->params[i];
        if (!args[i].curve || p->type > MR_P_TIME)
            continue;
        mr_curve *held = mr_curve_clamp(args[i].curve, p->min, p->max, p->type == MR_P_INT, err);
        if (!held)
            return -1;
        mr_curve_unref(args[i].curve);
        args[i].curve = held;
    }
    return 0;
}

mr_clip *mr_op_apply(const mr_op *op, mr_clip *in, mr_arg *args, mr_err *err)
{
    if (mr_op_check(op, args, err) < 0)
        return NULL;
    mr_arg held[MR_OP_MAX_PARAMS]; /* our own references: the curves held to their ranges */
    mr_op_args_copy(held, args, op->nparams);
    mr_clip *c = mr_op_hold_curves(op, held, err) < 0 ? NULL : op->make(in, held, err);
    mr_op_args_clear(held, op->nparams);
    if (!c && strncmp(err->msg, op->name, strlen(op->name)) != 0)
        mr_err_prefix(err, "%s", op->name); /* the message starts with the operation */
    return c;
}

void mr_op_args_clear(mr_arg *args, int n)
{
    for (int i = 0; i < n; i++) {
        mr_curve_unref(args[i].curve);
        mr_clip_unref(args[i].clip);
        mr_curve_unref((mr_curve *)args[i].pos.curve);
        mr_mask_unref(args[i].mask);
        mr_points_unref(args[i].points);
        mr_str_unref(args[i].str);
        memset(&args[i], 0, sizeof args[i]);
    }
}

void mr_op_args_copy(mr_arg *dst, const mr_arg *src, int n)
{
    for (int i = 0; i < n; i++) {
        dst[i] = src[i];
        mr_curve_ref(dst[i].curve);
        mr_clip_ref(dst[i].clip);
        mr_curve_ref((mr_curve *)dst[i].pos.curve);
        mr_mask_ref(dst[i].mask);
        mr_points_ref(dst[i].points);
        mr_str_ref(dst[i].str);
    }
}

void mr_op_describe(const mr_op *op, const mr_arg *args, char *buf, size_t n)
{
    int given = 0;
    for (int i = 0; i < op->nparams; i++)
        given += args[i].given;
    size_t k = (size_t)snprintf(buf, n, "%s", op->name);
    for (int i = 0; i < op->nparams && k < n; i++) {
        const mr_param_desc *p = &op->params[i];
        const mr_arg *a = &args[i];
        if (!a->given)
            continue;
        char v[64];
        if (a->curve) {
            snprintf(v, sizeof v, "(curve)");
        } else {
            switch (p->type) {
            case MR_P_TIME: snprintf(v, sizeof v, "%g s", a->num); break;
            case MR_P_COLOR: snprintf(v, sizeof v, "#%02x%02x%02x", a->color.r, a->color.g, a->color.b); break;
            case MR_P_ENUM: {
                const char *s = p->choices;
                for (int j = 0; j < (int)a->num && s; j++)
                    s = strchr(s, '|') ? strchr(s, '|') + 1 : NULL;
                snprintf(v, sizeof v, "%.*s", s ? (int)strcspn(s, "|") : 1, s ? s : "?");
                break;
            }
            case MR_P_POS: mr_pos_describe(&a->pos, v, sizeof v); break;
            case MR_P_CLIP: snprintf(v, sizeof v, "%s", a->clip ? "a clip" : "none"); break;
            case MR_P_BOOL: snprintf(v, sizeof v, "%s", a->num ? "true" : "false"); break;
            case MR_P_MASK: snprintf(v, sizeof v, "(mask)"); break;
            case MR_P_POINTS: snprintf(v, sizeof v, "(%d points)", a->points ? a->points->n : 0); break;
            case MR_P_FILE: {
                const char *s = a->str ? a->str->s : "?", *slash = strrchr(s, '/');
                snprintf(v, sizeof v, "\"%s\"", slash ? slash + 1 : s);
                break;
            }
            default: snprintf(v, sizeof v, "%g", a->num); break;
            }
        }
        /* one value alone reads well bare ("fadein 1 s"); several, each by its name */
        bool bare = given == 1 && i == 0 && !p->optional;
        k += (size_t)snprintf(buf + k, n - k, bare ? " %s%s" : " %s=%s", bare ? "" : p->name, v);
    }
}

/* The signature: "clip:fadein(d[, color])", "mask.rect(x, y, w, h[, radius])", "m:feather(px)". */
static void signature(const mr_op *op, char *buf, size_t n)
{
    static const char *const owner[] = {"clip:", "mask.", "m:"};
    size_t k = (size_t)snprintf(buf, n, "%s%s(", owner[op->role], op->name);
    int opened = 0;
    for (int i = 0; i < op->nparams && k < n; i++) {
        if (op->params[i].optional) {
            k += (size_t)snprintf(buf + k, n - k, "[%s", i ? ", " : "");
            opened++;
        } else if (i) {
            k += (size_t)snprintf(buf + k, n - k, ", ");
        }
        k += (size_t)snprintf(buf + k, n - k, "%s", op->params[i].name);
    }
    while (opened-- > 0 && k < n)
        k += (size_t)snprintf(buf + k, n - k, "]");
    if (k < n)
        snprintf(buf + k, n - k, ")");
}

void mr_op_write_one(FILE *f, const mr_op *op, bool markdown)
{
    {
        char sig[256];
        signature(op, sig, sizeof sig);
        if (markdown)
            fprintf(f, "#### `%s`\n%s\n\n", sig, op->doc);
        else
            fprintf(f, "%s\n    %s\n", sig, op->doc);
        if (op->nparams && markdown)
            fprintf(f, "| parameter | takes | default | meaning |\n|---|---|---|---|\n");
        for (int i = 0; i < op->nparams; i++) {
            const mr_param_desc *p = &op->params[i];
            char type[128], range[64] = "", def[48] = "";
            mr_param_type_words(p, type, sizeof type);
            if (p->type <= MR_P_TIME && p->min > -1e8 && p->max < 1e8)
                snprintf(range, sizeof range, ", %g..%g", p->min, p->max);
            else if (p->type <= MR_P_TIME && p->min > -1e8)
                snprintf(range, sizeof range, ", at least %g", p->min);
            if (p->optional && p->type == MR_P_BOOL)
                snprintf(def, sizeof def, "%s", p->def ? "true" : "false");
            else if (p->optional && p->type == MR_P_ENUM) /* left out: the first choice */
                snprintf(def, sizeof def, "\"%.*s\"", (int)strcspn(p->choices, "|"), p->choices);
            else if (p->optional)
                snprintf(def, sizeof def, p->type <= MR_P_TIME && isfinite(p->def) ? "%g" : "none", p->def);
            if (markdown)
                fprintf(f, "| `%s` | %s%s | %s | %s |\n", p->name, type, range, p->optional ? def : "required", p->doc);
            else
                fprintf(f, "    %-10s %s%s%s%s: %s\n", p->name, type, range, p->optional ? ", default " : "",
                        p->optional ? def : "", p->doc);
        }
        if (markdown)
            fprintf(f, "%s\n```lua\n%s\n```\n\n", op->nparams ? "" : "", op->example);
        else
            fprintf(f, "    e.g. %s\n\n", op->example);
    }
}

void mr_op_write_reference(FILE *f, bool markdown)
{
    for (const mr_op *const *o = mr_op_table; *o; o++)
        mr_op_write_one(f, *o, markdown);
    fprintf(f, markdown ? "### Every mask function\n" : "Masks (mask.NAME makes one, m:NAME changes m):\n\n");
    for (const mr_op *const *o = mr_mask_table; *o; o++)
        mr_op_write_one(f, *o, markdown);
    mr_transition_write_reference(f, markdown);
}
