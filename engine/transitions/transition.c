/* transition.c: transition values (a descriptor with checked arguments), and the reference of
 * every transition written from the table. */
#include "engine/transitions/transition.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const mr_transition_desc *mr_transition_find(const char *name)
{
    for (const mr_transition_desc *t = mr_transition_table; t->op.name; t++)
        if (!strcmp(t->op.name, name))
            return t;
    return NULL;
}

/* The text of choice i of an enum's "x|y|z" into buf. */
static void choice(const char *choices, int i, char *buf, size_t n)
{
    const char *s = choices;
    for (int j = 0; j < i && s; j++)
        s = strchr(s, '|') ? strchr(s, '|') + 1 : NULL;
    snprintf(buf, n, "%.*s", s ? (int)strcspn(s, "|") : 0, s ? s : "");
}

mr_transition *mr_transition_new(const mr_transition_desc *desc, const mr_arg *args, mr_err *err)
{
    const mr_op *op = &desc->op;
    mr_transition *t = calloc(1, sizeof *t);
    if (!t) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    atomic_init(&t->refs, 1);
    t->desc = desc;
    mr_op_args_copy(t->args, args, op->nparams);
    int d = mr_op_param(op, "d"), ease = mr_op_param(op, "ease"), audio = mr_op_param(op, "audio");
    if (mr_op_check(op, t->args, err) < 0) {
        mr_transition_unref(t);
        return NULL;
    }
    t->d = t->args[d].num;
    t->audio = t->args[audio].num;
    char name[32];
    choice(op->params[ease].choices, (int)t->args[ease].num, name, sizeof name);
    if (mr_ease_parse(name, &t->ease, err) < 0) {
        mr_transition_unref(t);
        return NULL;
    }
    return t;
}

mr_transition *mr_transition_crossfade(double d, mr_err *err)
{
    const mr_transition_desc *desc = mr_transition_find("crossfade");
    mr_arg args[MR_OP_MAX_PARAMS] = {0};
    int i = mr_op_param(&desc->op, "d");
    args[i].given = true;
    args[i].num = d;
    return mr_transition_new(desc, args, err);
}

mr_transition *mr_transition_ref(mr_transition *t)
{
    if (t)
        atomic_fetch_add(&t->refs, 1);
    return t;
}

void mr_transition_unref(mr_transition *t)
{
    if (!t || atomic_fetch_sub(&t->refs, 1) != 1)
        return;
    mr_op_args_clear(t->args, t->desc->op.nparams);
    if (t->release)
        t->release(t->ud);
    free(t);
}

void mr_transition_describe(const mr_transition *t, char *buf, size_t n)
{
    const mr_op *op = &t->desc->op;
    mr_op_describe(op, t->args, buf, n);
    size_t k = strlen(buf);
    if (!t->args[mr_op_param(op, "d")].given && k < n) /* the length always shows */
        k += (size_t)snprintf(buf + k, n - k, " d=%g s", t->d);
    if (!t->args[mr_op_param(op, "ease")].given && t->ease.kind != MR_EASE_LINEAR && k < n) { /* set by value */
        char e[96];
        mr_ease_describe(&t->ease, e, sizeof e);
        snprintf(buf + k, n - k, " ease=%s", e);
    }
}

int mr_tr_picture(const mr_tr_ctx *x, int which, mr_frame **out)
{
    return mr_clip_picture(which ? x->b : x->a, which ? x->tb : x->ta, x->ev, out);
}

/* The signature: "wipe(direction[, d, softness])", "transition.custom(fn[, d])" (the options
 * ease and audio are written once for all). */
static void signature(const mr_transition_desc *t, char *buf, size_t n)
{
    const mr_op *op = &t->op;
    size_t k = (size_t)snprintf(buf, n, "%s%s(%s", t->frame ? "" : "transition.", op->name, t->frame ? "" : "fn");
    int opened = 0, shown = op->nparams - MR_TR_NOPTIONS;
    for (int i = 0; i < shown && k < n; i++) {
        bool first = i == 0 && t->frame;
        if (op->params[i].optional && !opened++)
            k += (size_t)snprintf(buf + k, n - k, "[%s", first ? "" : ", ");
        else if (!first)
            k += (size_t)snprintf(buf + k, n - k, ", ");
        k += (size_t)snprintf(buf + k, n - k, "%s", op->params[i].name);
    }
    if (k < n)
        snprintf(buf + k, n - k, "%s)", opened ? "]" : "");
}

/* A parameter's row: its type and range, default, doc. */
static void write_param(FILE *f, const mr_param_desc *p, bool markdown)
{
    char type[160], range[64] = "", def[48] = "required";
    mr_param_type_words(p, type, sizeof type);
    if (p->type <= MR_P_TIME && p->max < 1e8)
        snprintf(range, sizeof range, ", %g..%g", p->min, p->max);
    if (p->optional && p->type == MR_P_ENUM)
        snprintf(def, sizeof def, "\"%.*s\"", (int)strcspn(p->choices, "|"), p->choices);
    else if (p->optional)
        snprintf(def, sizeof def, p->type <= MR_P_TIME && isfinite(p->def) ? "%g" : "none", p->def);
    if (markdown)
        fprintf(f, "| `%s` | %s%s | %s | %s |\n", p->name, type, range, def, p->doc);
    else
        fprintf(f, "    %-10s %s%s, %s%s: %s\n", p->name, type, range, p->optional ? "default " : "", def, p->doc);
}

void mr_transition_write_one(FILE *f, const mr_transition_desc *t, bool markdown)
{
    char sig[256];
    signature(t, sig, sizeof sig);
    if (markdown)
        fprintf(f, "#### `%s`\n%s\n\n| parameter | takes | default | meaning |\n|---|---|---|---|\n", sig, t->op.doc);
    else
        fprintf(f, "%s\n    %s\n", sig, t->op.doc);
    for (int i = 0; i < t->op.nparams - MR_TR_NOPTIONS; i++)
        write_param(f, &t->op.params[i], markdown);
    if (markdown)
        fprintf(f, "\n```lua\n%s\n```\n\n", t->op.example);
    else
        fprintf(f, "    e.g. %s\n\n", t->op.example);
}

void mr_transition_write_reference(FILE *f, bool markdown)
{
    static const char *const intro =
        "Transitions join the clips of a concat: `concat{a, b, c, transition = crossfade(1)}` for every cut, or "
        "one per cut between its clips: `concat{a, crossfade(1), b, wipe(\"left\", 0.5), c}`. The clips overlap "
        "by the transition's length (the concat is that much shorter), and the sound crosses with the picture "
        "on an equal-power curve. Each is a global function and `transition.NAME`; each also takes these "
        "options by name (`wipe(\"left\", 1, {ease = \"in_out_cubic\", audio = \"cut\"})`):";
    static const char *const ease = "an easing's name (\"linear\", \"step\", or in_, out_ or in_out_ with sine, quad, "
                                    "cubic, quart, quint, expo, circ, back, elastic or bounce), bezier(...) or spring{...}";
    static const char *const audio = "seconds of equal-power sound crossfade in the middle of the overlap, or "
                                     "\"cut\": a cut in its middle";
    if (markdown)
        fprintf(f, "### Every transition\n%s\n\n| option | takes | default | meaning |\n|---|---|---|---|\n"
                   "| `ease` | %s | \"linear\" | how the progress runs |\n"
                   "| `audio` | %s | the overlap | how the sound crosses |\n\n", intro, ease, audio);
    else
        fprintf(f, "Transitions:\n    %s\n    %-10s %s, default \"linear\": how the progress runs\n"
                   "    %-10s %s, default the overlap: how the sound crosses\n\n", intro, "ease", ease, "audio", audio);
    for (const mr_transition_desc *t = mr_transition_table; t->op.name; t++)
        mr_transition_write_one(f, t, markdown);
}
