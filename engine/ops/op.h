/* op.h: the registry of operations. Every operation that makes a clip from a clip is one
 * descriptor: its name, a one-line doc, its parameters (name, type, range, default, whether a
 * curve may drive it, a doc) and the function that makes the node. The descriptors are data:
 * the Lua methods and fx values, the argument checks, `moonreel help ops` (and the reference
 * section of docs/api.md) and the editor stubs all come from mr_op_table, by one loop each.
 * A new operation is one file with its descriptor and one line in op_table.c. */
#ifndef MR_OP_H
#define MR_OP_H

#include <stdbool.h>
#include <stdio.h>
#include "engine/core/clip.h"
#include "engine/core/color.h"
#include "engine/ops/curve.h"
#include "engine/ops/pos.h"

#define MR_OP_MAX_PARAMS 12

/* What a parameter takes. */
typedef enum {
    MR_P_NUMBER,    /* a real number in [min, max] */
    MR_P_INT,       /* a whole number in [min, max] */
    MR_P_TIME,      /* seconds or "mm:ss.fff", in [min, max] */
    MR_P_COLOR,     /* "#rrggbb", a CSS name, {r, g, b[, a]} */
    MR_P_ENUM,      /* one of `choices` ("x|y"); the index is the value */
    MR_P_POS,       /* a position: (x, y), ("center"), ("right", "top", margin), a Position, a curve of x, y */
    MR_P_CLIP,      /* a clip (nil when optional: none) */
    MR_P_BOOL,      /* true or false: num 1 or 0 */
    MR_P_MASK,      /* a Mask (a clip given is its luma: mask.from(clip)) */
    MR_P_POINTS,    /* a list of points { {x, y}, ... } (at most `max` of them, at least `min`) */
    MR_P_FILE,      /* a file's name, relative to the script's folder (the binding resolves it) */
} mr_ptype;

/* A list of points, shared by reference (mr_points_ref / mr_points_unref). */
typedef struct mr_points {
    _Atomic int refs;
    int n;
    double xy[][2];
} mr_points;

/* n points, all (0, 0), one reference; NULL when memory runs out. */
mr_points *mr_points_new(int n);
mr_points *mr_points_ref(mr_points *p);
void mr_points_unref(mr_points *p);

/* A file parameter's path (resolved by the binding), shared by reference. */
typedef struct mr_str {
    _Atomic int refs;
    char s[];
} mr_str;

/* A copy of s with one reference; NULL when memory runs out. */
mr_str *mr_str_new(const char *s);
mr_str *mr_str_ref(mr_str *t);
void mr_str_unref(mr_str *t);

/* What an operation makes: a clip from a clip (the Clip methods and fx values), a new mask
 * (mask.rect{...}), or a mask from a mask (m:feather(4)). Masks are built at a size: `in` is
 * then the mask so far, or for a new mask a transparent picture of that size. */
typedef enum { MR_ROLE_CLIP, MR_ROLE_MASK_NEW, MR_ROLE_MASK } mr_op_role;

struct mr_mask;

typedef struct mr_param_desc {
    const char *name;
    mr_ptype type;
    bool optional;          /* may be left out: `def` applies to numbers, else "not given" */
    bool animatable;        /* a curve (keys, a function of t, a spring) may drive it */
    double min, max;        /* numbers, times: the range */
    double def;             /* numbers: the value when left out */
    const char *choices;    /* MR_P_ENUM: "x|y" */
    const char *doc;
} mr_param_desc;

/* One parameter's value, as the checks left it. Curves and clips are owned references of
 * whoever holds the mr_arg array (mr_op_args_clear drops them). */
typedef struct mr_arg {
    bool given;
    double num;             /* NUMBER, INT, TIME; ENUM: the choice's index */
    mr_curve *curve;        /* an animatable number or position given as a curve, else NULL */
    mr_rgba color;
    mr_pos pos;
    mr_clip *clip;          /* CLIP; MASK: the mask built at the size it is used at, while making */
    struct mr_mask *mask;   /* MASK: the mask */
    mr_points *points;      /* POINTS */
    mr_str *str;           /* FILE: the path */
} mr_arg;

typedef struct mr_op {
    const char *name;
    const char *doc;        /* one line */
    const char *example;    /* one line of Lua */
    const mr_param_desc *params;
    int nparams;
    /* positional forms that differ from "the parameters in order", by argument count: NULL,
     * or one string per count from 1 ("scale", "w h"): the parameter names the arguments fill */
    const char *const *forms;
    /* Makes the node from in with checked args (every parameter: given, or its default).
     * Returns a new clip (the caller's reference), or NULL with err set. Borrows args. */
    mr_clip *(*make)(mr_clip *in, const mr_arg *args, mr_err *err);
    mr_op_role role;        /* left out: MR_ROLE_CLIP */
} mr_op;

/* Every operation on clips, NULL-terminated (op_table.c); every mask function (masks/mask_table.c). */
extern const mr_op *const mr_op_table[];
extern const mr_op *const mr_mask_table[];

/* The operation called name, or NULL. */
const mr_op *mr_op_find(const char *name);

/* The mask function called name, or NULL. */
const mr_op *mr_mask_op_find(const char *name);

/* The index of op's parameter called name, or -1. */
int mr_op_param(const mr_op *op, const char *name);

/* Checks args against op's parameters (required ones given, numbers in range, whole numbers
 * whole) and fills the defaults of the ones left out. Returns 0, or -1 with err naming the
 * parameter: "bad argument 'radius' to 'blur' (...)". */
int mr_op_check(const mr_op *op, mr_arg *args, mr_err *err);

/* Replaces each curve of args that drives a number, time or whole number by the same curve
 * held to the parameter's range (rounded for whole numbers): an operation never sees a value
 * its checks would refuse. args are the caller's own (their old curves are released). Returns
 * 0, or -1 with err set (no memory). */
int mr_op_hold_curves(const mr_op *op, mr_arg *args, mr_err *err);

/* Checks args (as mr_op_check) and makes the node from a copy whose curves are held to their
 * ranges. NULL with err set. */
mr_clip *mr_op_apply(const mr_op *op, mr_clip *in, mr_arg *args, mr_err *err);

/* Drops the curves and clips args hold and marks them not given. */
void mr_op_args_clear(mr_arg *args, int n);

/* Copies args (taking references to their curves and clips). */
void mr_op_args_copy(mr_arg *dst, const mr_arg *src, int n);

/* "fadein 1 s", "resize w=640 h=360", "opacity (curve)": an operation with its values. */
void mr_op_describe(const mr_op *op, const mr_arg *args, char *buf, size_t n);

/* The type of a parameter in words ("number or curve", "time", "colour", "\"x\" or \"y\""). */
void mr_param_type_words(const mr_param_desc *p, char *buf, size_t n);

/* Writes one operation's reference (as mr_op_write_reference does for each). */
void mr_op_write_one(FILE *f, const mr_op *op, bool markdown);

/* Writes the reference of every operation, then of every mask function: Markdown (the
 * section of docs/api.md) or plain text (moonreel help ops). */
void mr_op_write_reference(FILE *f, bool markdown);

#endif
