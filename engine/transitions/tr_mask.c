/* tr_mask.c: the transitions that are a coverage of b over a as a function of progress
 * (crossfade, wipes, blinds, irises, the clock wipe, dissolve, luma wipes, pixelize): each
 * makes one mr_tr_params for the frame and the transition kernel (k_transition.h) draws it;
 * pixelize pixelates both pictures first with the pixelate effect's kernel (k_detail.h). */
#include <math.h>
#include "engine/kernels/k_detail.h"
#include "engine/kernels/k_transition.h"
#include "engine/kernels/kernels.h"
#include "engine/transitions/tr_frames.h"

/* The progress p clamped into 0 .. 1 (an overshooting easing does not overshoot a mask). */
static double unit(double p) { return p > 0 ? (p < 1 ? p : 1) : 0; }

/* b over a by k: a alone where nothing of b shows yet, b alone once all of it does (the other
 * clip is not asked for its picture), else both, drawn over a's frame (map: MR_TR_MAP's
 * picture), each first pixelated by blocks of `pixels` (pixelize; 1: as they are). Returns 0
 * or -1 (x->ev->err set). */
static int masked_blocks(const mr_tr_ctx *x, const mr_tr_params *k, const mr_frame *map, int pixels, mr_frame **out)
{
    bool uniform = k->shape == MR_TR_UNIFORM;
    if ((uniform && k->cov <= 0) || x->p <= 0)
        return mr_tr_picture(x, 0, out);
    if ((uniform && k->cov >= 255) || x->p >= 1)
        return mr_tr_picture(x, 1, out);
    mr_frame *a = NULL, *b = NULL;
    mr_err *err = x->ev->err;
    if (mr_tr_picture(x, 0, &a) < 0 || mr_tr_picture(x, 1, &b) < 0 || mr_frame_make_writable(&a, x->ev->gpu, err) < 0 ||
        (pixels > 1 && (mr_frame_make_writable(&b, x->ev->gpu, err) < 0 || mr_k_pixelate(x->ev, a, pixels) < 0 ||
                        mr_k_pixelate(x->ev, b, pixels) < 0)) ||
        mr_k_transition(x->ev, a, a, b, map, k) < 0) {
        mr_frame_unref(a);
        mr_frame_unref(b);
        return -1;
    }
    mr_frame_unref(b);
    *out = a;
    return 0;
}

static int masked(const mr_tr_ctx *x, const mr_tr_params *k, const mr_frame *map, mr_frame **out)
{
    return masked_blocks(x, k, map, 1, out);
}

/* The edge of a ramp soft wide that sweeps over values 0 .. len as p goes 0 .. 1: from where
 * nothing is covered (-soft/2 - 1) to where everything is (len + soft/2 + 1). */
static int64_t sweep(double p, int64_t len, int64_t soft)
{
    return (int64_t)floor(-(double)(soft / 2 + 1) + unit(p) * (double)(len + soft + 2));
}

int mr_tr_crossfade(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    (void)args;
    mr_tr_params k = {.shape = MR_TR_UNIFORM, .cov = (int32_t)lround(unit(x->p) * 255)};
    return masked(x, &k, NULL, out);
}

/* LINEAR along the direction of args[0] (left, right, up, down: the way the edge moves), the
 * pixel's value counted from the side b comes in from; *len: the picture's length that way. */
static mr_tr_params linear(const mr_tr_ctx *x, int direction, int64_t *len)
{
    mr_tr_params k = {.shape = MR_TR_LINEAR};
    int64_t W = (int64_t)x->w * MR_TR_SUB, H = (int64_t)x->h * MR_TR_SUB;
    switch (direction) {
    case 0: k.ax = -1, k.off = W, *len = W; break; /* moving left: b from the right */
    case 1: k.ax = 1, *len = W; break;
    case 2: k.ay = -1, k.off = H, *len = H; break; /* moving up: b from the bottom */
    default: k.ay = 1, *len = H; break;
    }
    return k;
}

/* A ramp width: softness (0 .. 1) of len, at least one pixel. */
static int64_t soft_of(double softness, int64_t len)
{
    int64_t s = llround(softness * (double)len);
    return s > MR_TR_SUB ? s : MR_TR_SUB;
}

int mr_tr_wipe(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    int64_t len;
    mr_tr_params k = linear(x, (int)args[0].num, &len);
    k.soft = soft_of(args[2].num, len);
    k.edge = sweep(x->p, len, k.soft);
    return masked(x, &k, NULL, out);
}

int mr_tr_blinds(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    int64_t len;
    mr_tr_params k = linear(x, (int)args[0].num, &len);
    k.period = len / (int64_t)args[2].num;
    k.period = k.period > MR_TR_SUB ? k.period : MR_TR_SUB;
    k.soft = MR_TR_SUB;
    k.edge = sweep(x->p, k.period, k.soft);
    return masked(x, &k, NULL, out);
}

/* An iris about the centre: b inside a growing circle (close: a inside a shrinking one). */
static int iris(const mr_tr_ctx *x, double softness, bool close, mr_frame **out)
{
    mr_tr_params k = {.shape = MR_TR_CIRCLE, .invert = close};
    k.cx = (int64_t)x->w * MR_TR_SUB / 2;
    k.cy = (int64_t)x->h * MR_TR_SUB / 2;
    int64_t r = (int64_t)ceil(hypot((double)k.cx, (double)k.cy)); /* to the corners */
    k.soft = soft_of(softness, r);
    k.edge = sweep(close ? 1 - unit(x->p) : x->p, r, k.soft);
    return masked(x, &k, NULL, out);
}

int mr_tr_circle_open(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    return iris(x, args[1].num, false, out);
}

int mr_tr_circle_close(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    return iris(x, args[1].num, true, out);
}

int mr_tr_radial(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    (void)args;
    mr_tr_params k = {.shape = MR_TR_CLOCK};
    k.cx = (int64_t)x->w * MR_TR_SUB / 2;
    k.cy = (int64_t)x->h * MR_TR_SUB / 2;
    double a = unit(x->p) * 2 * M_PI;
    k.hx = llround(sin(a) * MR_TR_HAND_ONE);
    k.hy = llround(-cos(a) * MR_TR_HAND_ONE);
    /* the hand's pseudo-angle from a longer vector, so that it is as fine as the pixels' */
    k.hand = unit(x->p) >= 1 ? 4 * MR_TR_ANGLE : mr_tr_pseudo_angle(llround(sin(a) * 0x1p30), llround(-cos(a) * 0x1p30));
    return masked(x, &k, NULL, out);
}

int mr_tr_dissolve(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    mr_tr_params k = {.shape = MR_TR_NOISE, .seed = (uint32_t)args[1].num, .soft = 1};
    k.edge = sweep(x->p, 65536, k.soft);
    return masked(x, &k, NULL, out);
}

int mr_tr_luma(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    mr_tr_params k = {.shape = MR_TR_MAP};
    int64_t s = llround(args[1].num * 65536);
    k.soft = s > 1 ? s : 1;
    k.edge = sweep(x->p, 65536, k.soft);
    if (x->p <= 0 || x->p >= 1) /* no need of the map */
        return masked(x, &k, NULL, out);
    mr_frame *map;
    if (mr_clip_picture(args[0].clip, x->t, x->ev, &map) < 0)
        return -1;
    int ret = masked(x, &k, map, out);
    mr_frame_unref(map);
    return ret;
}

int mr_tr_pixelize(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    (void)args;
    double p = unit(x->p), biggest = fmax(2, fmin(x->w, x->h) / 12.0);
    mr_tr_params k = {.shape = MR_TR_UNIFORM, .cov = (int32_t)lround(p * 255)};
    /* blocks (the pixelate effect's) grow to the middle and shrink again, in steps of a
     * twentieth of the way, while a dissolves into b */
    int block = (int)lround(ceil(fmin(p, 1 - p) * 2 * 20) / 20 * biggest);
    return masked_blocks(x, &k, NULL, block > 1 ? block : 1, out);
}
