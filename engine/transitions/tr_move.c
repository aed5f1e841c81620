/* tr_move.c: the transitions that move or fade the pictures themselves (fade_through, slide,
 * push, cover, reveal, zoom_in, zoom_out), drawn with the existing kernels: mix towards a
 * colour, over at an offset, the affine warp, and the transition kernel's crossfade. */
#include <math.h>
#include "engine/kernels/k_transition.h"
#include "engine/kernels/kernels.h"
#include "engine/transitions/tr_frames.h"

/* The offset of a picture that has moved the fraction f of its size towards direction
 * (left, right, up, down) into *dx, *dy (whole pixels). */
static void offset(const mr_tr_ctx *x, int direction, double f, int *dx, int *dy)
{
    int sx[] = {-1, 1, 0, 0}, sy[] = {0, 0, -1, 1};
    *dx = (int)lround(sx[direction] * f * x->w);
    *dy = (int)lround(sy[direction] * f * x->h);
}

/* The picture of which (0: a, 1: b) made writable, then mixed towards the premultiplied
 * colour c by k/255 of its own (255: as it is). NULL with x->ev->err set. */
static mr_frame *mixed(const mr_tr_ctx *x, int which, unsigned k, uint32_t c)
{
    mr_frame *f;
    if (mr_tr_picture(x, which, &f) < 0)
        return NULL;
    if (k < 255 && (mr_frame_make_writable(&f, x->ev->gpu, x->ev->err) < 0 || mr_k_mix(x->ev, f, k, c) < 0)) {
        mr_frame_unref(f);
        return NULL;
    }
    return f;
}

/* bottom (a new reference, consumed) with the picture of which drawn over it at (dx, dy).
 * Returns 0 or -1. */
static int over(const mr_tr_ctx *x, mr_frame *bottom, int which, int dx, int dy, mr_frame **out)
{
    mr_frame *top = NULL;
    if (!bottom || mr_tr_picture(x, which, &top) < 0 || mr_frame_make_writable(&bottom, x->ev->gpu, x->ev->err) < 0 ||
        mr_k_over(x->ev, bottom, top, dx, dy, 255) < 0) {
        mr_frame_unref(bottom);
        mr_frame_unref(top);
        return -1;
    }
    mr_frame_unref(top);
    *out = bottom;
    return 0;
}

/* a alone before the start and b alone after the end, which no moving transition needs to
 * draw: 1 when *out is set (or -1 on failure), 0 when the frame has both. */
static int ends(const mr_tr_ctx *x, mr_frame **out)
{
    if (x->linear <= 0 || x->linear >= 1)
        return mr_tr_picture(x, x->linear >= 1, out) < 0 ? -1 : 1;
    return 0;
}

#define ENDS(x, out)                                                                                          \
    do {                                                                                                      \
        int e_ = ends(x, out);                                                                                \
        if (e_)                                                                                               \
            return e_ < 0 ? -1 : 0;                                                                           \
    } while (0)

int mr_tr_fade_through(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    ENDS(x, out);
    mr_rgba c = args[0].given ? args[0].color : (mr_rgba){0, 0, 0, 255};
    bool second = x->p >= 0.5; /* a fades to the colour, then b from it */
    double own = second ? 2 * x->p - 1 : 1 - 2 * x->p;
    mr_frame *f = mixed(x, second, (unsigned)lround(fmax(0, fmin(1, own)) * 255), mr_rgba_premul(c));
    *out = f;
    return f ? 0 : -1;
}

int mr_tr_slide(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    ENDS(x, out);
    int dx, dy;
    offset(x, (int)args[0].num, x->p - 1, &dx, &dy); /* b a way back, coming on */
    return over(x, mixed(x, 0, 255, 0), 1, dx, dy, out);
}

/* cover and reveal darken the picture underneath to this much at most (a shadow). */
#define SHADOW 0.5

int mr_tr_cover(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    ENDS(x, out);
    int dx, dy;
    offset(x, (int)args[0].num, x->p - 1, &dx, &dy);
    unsigned k = (unsigned)lround((1 - SHADOW * fmin(1, x->p)) * 255);
    return over(x, mixed(x, 0, k, 0xff000000u), 1, dx, dy, out);
}

int mr_tr_reveal(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    ENDS(x, out);
    int dx, dy;
    offset(x, (int)args[0].num, x->p, &dx, &dy); /* a moving away */
    unsigned k = (unsigned)lround((1 - SHADOW * fmax(0, 1 - x->p)) * 255);
    return over(x, mixed(x, 1, k, 0xff000000u), 0, dx, dy, out);
}

int mr_tr_push(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    ENDS(x, out);
    int ax, ay, bx, by;
    offset(x, (int)args[0].num, x->p, &ax, &ay);
    offset(x, (int)args[0].num, x->p - 1, &bx, &by);
    mr_frame *canvas = mr_k_new(x->ev, x->w, x->h), *half;
    if (!canvas || mr_k_fill(x->ev, canvas, 0) < 0) {
        mr_frame_unref(canvas);
        return -1;
    }
    if (over(x, canvas, 0, ax, ay, &half) < 0)
        return -1;
    return over(x, half, 1, bx, by, out);
}

/* The picture of which magnified by s about the centre (bilinear, the edge repeating). */
static mr_frame *zoomed(const mr_tr_ctx *x, int which, double s)
{
    mr_frame *src, *dst;
    if (mr_tr_picture(x, which, &src) < 0)
        return NULL;
    double cx = x->w / 2.0, cy = x->h / 2.0;
    mr_warp_params k = {.m = {(float)(1 / s), 0, (float)(cx - cx / s), 0, (float)(1 / s), (float)(cy - cy / s)},
                        .sw = src->w, .sh = src->h, .filter = MR_WARP_BILINEAR, .clamp = 1};
    dst = mr_k_new(x->ev, x->w, x->h);
    if (!dst || mr_k_warp(x->ev, src, &k, dst) < 0) {
        mr_frame_unref(dst);
        dst = NULL;
    }
    mr_frame_unref(src);
    return dst;
}

/* a zoomed by sa and b by sb, b over a by p. */
static int zoom(const mr_tr_ctx *x, double sa, double sb, mr_frame **out)
{
    ENDS(x, out);
    mr_frame *a = sa != 1 ? zoomed(x, 0, sa) : NULL, *b = NULL;
    if (sa == 1 && mr_tr_picture(x, 0, &a) < 0)
        return -1;
    if (!a)
        return -1;
    b = sb != 1 ? zoomed(x, 1, sb) : NULL;
    if ((sb == 1 && mr_tr_picture(x, 1, &b) < 0) || !b) {
        mr_frame_unref(a);
        return -1;
    }
    mr_tr_params k = {.shape = MR_TR_UNIFORM, .cov = (int32_t)lround(fmax(0, fmin(1, x->p)) * 255)};
    int ret = mr_frame_make_writable(&a, x->ev->gpu, x->ev->err) < 0 ? -1 : mr_k_transition(x->ev, a, a, b, NULL, &k);
    mr_frame_unref(b);
    if (ret < 0) {
        mr_frame_unref(a);
        return -1;
    }
    *out = a;
    return 0;
}

/* How much zoom_in magnifies a at its end, and zoom_out b at its start. */
#define ZOOM 2.0

int mr_tr_zoom_in(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    (void)args;
    return zoom(x, 1 + (ZOOM - 1) * fmax(0, x->p), 1, out);
}

int mr_tr_zoom_out(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)
{
    (void)args;
    return zoom(x, 1, ZOOM - (ZOOM - 1) * fmin(1, x->p), out);
}
