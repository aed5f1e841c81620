/* transition.h: transitions, the ways one clip of a concat gives way to the next. Every
 * transition is one descriptor of mr_transition_table (tr_table.c): its name, doc, example,
 * parameters (the registry's mr_param_desc, so the same checks, errors and reference as the
 * operations) and the function that draws a frame of it. The Lua constructors (crossfade(1),
 * transition.wipe("left")), `moonreel help ops`, the stubs and the docs come from that table
 * by a loop each. A transition value (mr_transition) is a descriptor with checked arguments;
 * concat (engine/ops/concat.c) overlaps the clips around a cut by its duration and asks it for
 * the pictures of the overlap. */
#ifndef MR_TRANSITION_H
#define MR_TRANSITION_H

#include <stdatomic.h>
#include <stdio.h>
#include "engine/core/eval.h"
#include "engine/ops/ease.h"
#include "engine/ops/op.h"

/* The moving transitions' directions: the way the motion goes (wipe("left"): the edge moves
 * left, so b comes in from the right). */
#define MR_TR_DIRECTIONS "left|right|up|down"

/* The easing names a transition's `ease` takes (ease.h's list). By name in Lua it also takes
 * bezier(...) and spring{...} (l_transition.c). */
#define MR_TR_EASES MR_EASE_NAMES

/* Every transition's duration, and its two options, which close every parameter list (the
 * reference shows `d` with each transition and the options once for all). */
#define MR_TR_D {"d", MR_P_TIME, true, false, 0, 1e9, 1, NULL, "how long it lasts: the clips overlap this much"}
#define MR_TR_OPTIONS                                                                                          \
    {"ease", MR_P_ENUM, true, false, 0, 0, 0, MR_TR_EASES, "how its progress runs (an easing's name)"},          \
    {"audio", MR_P_TIME, true, false, 0, 1e9, NAN, NULL,                                                       \
     "seconds of equal-power sound crossfade in the middle of the overlap, or \"cut\" (default: all of it)"}
#define MR_TR_NOPTIONS 2

/* One frame of a transition: what its function is given. */
typedef struct mr_tr_ctx {
    mr_eval *ev;
    const mr_clip *a, *b; /* the clip before the cut and the one after: both w x h, with pictures */
    double ta, tb;        /* their clip-local times now */
    double p;             /* the eased progress: 0 shows a, 1 shows b (beyond them with an easing
                           * that overshoots, as out_back) */
    double linear;        /* the progress before easing: 0 .. 1 */
    double t;             /* seconds since the transition began */
    int w, h;
} mr_tr_ctx;

typedef struct mr_transition_desc {
    /* name, doc, example, params (its own, MR_TR_D among them, then MR_TR_OPTIONS), forms;
     * make and role are not used */
    mr_op op;
    /* The picture at x's progress: a new frame of w x h (the caller's reference) in *out.
     * Returns 0, or -1 with x->ev->err set. NULL for transition.custom, whose pictures a
     * script's function builds from the other operations (mr_transition.build). */
    int (*frame)(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out);
} mr_transition_desc;

/* Every transition, in the order the reference lists them, ending at an entry without a name. */
extern const mr_transition_desc mr_transition_table[];

/* The transition called name, or NULL. */
const mr_transition_desc *mr_transition_find(const char *name);

/* A script's own transition: the overlap's picture as a clip made from a (the last d seconds
 * of the clip before the cut) and b (the first d of the one after), both the concat's size,
 * with progress eased by ease. Returns a new clip (the caller's reference), or NULL with err
 * set. Called while the concat is built, on the script's thread. */
typedef mr_clip *(*mr_tr_build_fn)(void *ud, mr_clip *a, mr_clip *b, double d, const mr_ease *ease, mr_err *err);

/* A transition with its arguments: immutable and refcounted once made. */
typedef struct mr_transition {
    atomic_int refs;
    const mr_transition_desc *desc;
    mr_arg args[MR_OP_MAX_PARAMS]; /* checked: every parameter given or at its default (owned) */
    double d;                      /* seconds */
    mr_ease ease;
    double audio;                  /* seconds of the sound's crossfade; NAN: d; 0: a cut */
    mr_tr_build_fn build;          /* transition.custom: the script's function, else NULL */
    void *ud;
    void (*release)(void *ud);     /* drops ud when the transition goes (may be NULL) */
} mr_transition;

/* A transition of desc with args (checked as the registry checks an operation's: the first
 * error names the parameter; the values are copied, references taken). Returns the caller's
 * reference, or NULL with err set. */
mr_transition *mr_transition_new(const mr_transition_desc *desc, const mr_arg *args, mr_err *err);

/* A crossfade of d seconds (concat's negative padding). NULL with err set. */
mr_transition *mr_transition_crossfade(double d, mr_err *err);

mr_transition *mr_transition_ref(mr_transition *t);
void mr_transition_unref(mr_transition *t);

/* "wipe direction=left d=0.5 s": for tostring and error messages. */
void mr_transition_describe(const mr_transition *t, char *buf, size_t n);

/* The picture of a (which 0) or b (which 1) at x's time: a new reference in *out. Returns 0
 * or -1 (x->ev->err set). */
int mr_tr_picture(const mr_tr_ctx *x, int which, mr_frame **out);

/* One transition's reference, and every transition's (after the operations' in `moonreel
 * help ops`): Markdown (docs/api.md) or plain text. */
void mr_transition_write_one(FILE *f, const mr_transition_desc *t, bool markdown);
void mr_transition_write_reference(FILE *f, bool markdown);

#endif
