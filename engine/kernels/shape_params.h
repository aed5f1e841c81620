/* shape_params.h: the coverage of shapes and the ramps of gradients, per pixel, shared by the
 * CPU loops (engine/kernels/cpu/shape.c) and their CUDA twins (cuda/shape.cu): plain C that
 * nvcc reads too.
 *
 * Coordinates are floats in the destination's pixels: pixel (x, y) covers [x, x+1] x [y, y+1]
 * and its centre is (x + 0.5, y + 0.5). Coverage is 0..255 and antialiased by area, never a
 * hard threshold:
 *  - RECT: the exact area of the pixel inside the box (the product of the overlaps on each
 *    axis); in a rounded corner, the signed distance to the corner's circle with a 1-px ramp.
 *  - ELLIPSE: the signed distance with a 1-px ramp, the implicit function normalised by its
 *    gradient (k0 (k0 - 1) / k1, exact for circles: |p| - r).
 *  - POLYGON: the exact area of the pixel where the winding number is not zero (nonzero rule:
 *    overlapping parts are filled, holes need the opposite direction), as the winding-weighted
 *    area of the pixel, clamped to 1 (exact for polygons that do not cross themselves).
 *  - LINEAR, RADIAL: smooth ramps, already continuous; rounded once to 8 bits.
 *
 * Both compilers must compute the same bits: every float operation below goes through
 * mr_sh_add/sub/mul/div/sqrt, which are the IEEE round-to-nearest operations on both sides
 * (in device code the __f*_rn intrinsics, which nvcc never fuses into an FMA). The host side
 * relies on the C compiler not contracting a*b+c either (x86-64 without -mfma: it cannot). */
#ifndef MR_SHAPE_PARAMS_H
#define MR_SHAPE_PARAMS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include "engine/kernels/kernel_params.h"

#define MR_SHAPE_MAX_POINTS 256
#define MR_GRADIENT_MAX_STOPS 32

typedef enum mr_shape_kind {
    MR_SHAPE_RECT,    /* x, y, w, h, radius */
    MR_SHAPE_ELLIPSE, /* cx, cy, rx, ry */
    MR_SHAPE_POLYGON, /* npoints, pts */
    MR_SHAPE_LINEAR,  /* p1, p2 */
    MR_SHAPE_RADIAL,  /* cx, cy, r, inner */
} mr_shape_kind;

typedef struct mr_shape_params {
    mr_shape_kind kind;
    float x, y, w, h; /* RECT: the box [x, x+w] x [y, y+h] (empty unless w, h > 0) */
    float radius;     /* RECT: corner radius, at most half the shorter side (larger is clamped) */
    float cx, cy;     /* ELLIPSE, RADIAL: the centre */
    float rx, ry;     /* ELLIPSE: the radii (empty unless both > 0) */
    float r, inner;   /* RADIAL: coverage 1 within inner of the centre, falling linearly to 0 at r
                       * (r <= inner: a hard step at r) */
    float p1[2], p2[2]; /* LINEAR: coverage 0 at p1 rising to 1 at p2, along p1 -> p2, clamped
                         * (p1 == p2: 1 everywhere) */
    int npoints;      /* POLYGON: pts[0..npoints), closed (the last joins the first), nonzero rule */
    float pts[MR_SHAPE_MAX_POINTS][2];
} mr_shape_params;

/* A gradient's colours: n stops (2..MR_GRADIENT_MAX_STOPS) at positions 0..1 in order
 * (equal positions make a hard step), premultiplied RGBA as floats 0..255. */
typedef struct mr_gradient_stops {
    int n;
    float pos[MR_GRADIENT_MAX_STOPS];
    float rgba[MR_GRADIENT_MAX_STOPS][4];
} mr_gradient_stops;

/* The float operations, rounded to nearest, never fused. */
#ifdef __CUDA_ARCH__
static inline __device__ float mr_sh_add(float a, float b) { return __fadd_rn(a, b); }
static inline __device__ float mr_sh_sub(float a, float b) { return __fsub_rn(a, b); }
static inline __device__ float mr_sh_mul(float a, float b) { return __fmul_rn(a, b); }
static inline __device__ float mr_sh_div(float a, float b) { return __fdiv_rn(a, b); }
static inline __device__ float mr_sh_sqrt(float a) { return __fsqrt_rn(a); }
#else
static inline float mr_sh_add(float a, float b) { return a + b; }
static inline float mr_sh_sub(float a, float b) { return a - b; }
static inline float mr_sh_mul(float a, float b) { return a * b; }
static inline float mr_sh_div(float a, float b) { return a / b; }
static inline float mr_sh_sqrt(float a) { return sqrtf(a); }
#endif

static inline MR_HD float mr_sh_clamp01(float v) { return v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v; }

/* a*a + b*b, in that order. */
static inline MR_HD float mr_sh_norm2(float a, float b) { return mr_sh_add(mr_sh_mul(a, a), mr_sh_mul(b, b)); }

/* A coverage 0..1 as 0..255, rounded. */
static inline MR_HD uint32_t mr_sh_byte(float c) { return (uint32_t)(int)mr_sh_add(mr_sh_mul(c, 255.0f), 0.5f); }

/* The length of [lo, lo+1] inside [a0, a1], 0..1. */
static inline MR_HD float mr_sh_overlap(float lo, float a0, float a1)
{
    float hi = mr_sh_add(lo, 1.0f);
    return mr_sh_clamp01(mr_sh_sub(hi < a1 ? hi : a1, lo > a0 ? lo : a0));
}

/* RECT: the part of pixel (X, Y) inside the (rounded) box, 0..1. */
static inline MR_HD float mr_shape_rect(const mr_shape_params *s, float X, float Y)
{
    if (!(s->w > 0.0f && s->h > 0.0f))
        return 0.0f;
    float x1 = mr_sh_add(s->x, s->w), y1 = mr_sh_add(s->y, s->h);
    float half = mr_sh_mul(s->w < s->h ? s->w : s->h, 0.5f);
    float r = s->radius > half ? half : s->radius > 0.0f ? s->radius : 0.0f;
    if (r > 0.0f) {
        /* the nearest point of the box shrunk by r: away from it, a corner's circle */
        float px = mr_sh_add(X, 0.5f), py = mr_sh_add(Y, 0.5f);
        float l = mr_sh_add(s->x, r), rt = mr_sh_sub(x1, r), t = mr_sh_add(s->y, r), b = mr_sh_sub(y1, r);
        float kx = px < l ? l : px > rt ? rt : px, ky = py < t ? t : py > b ? b : py;
        if (kx != px && ky != py) {
            float d = mr_sh_sqrt(mr_sh_norm2(mr_sh_sub(px, kx), mr_sh_sub(py, ky)));
            return mr_sh_clamp01(mr_sh_add(mr_sh_sub(r, d), 0.5f));
        }
    }
    return mr_sh_mul(mr_sh_overlap(X, s->x, x1), mr_sh_overlap(Y, s->y, y1));
}

/* ELLIPSE: pixel (X, Y)'s coverage by the signed distance k0 (k0 - 1) / k1 (k0 = |p / r|,
 * k1 = |p / r^2|) with a 1-px ramp, 0..1. */
static inline MR_HD float mr_shape_ellipse(const mr_shape_params *s, float X, float Y)
{
    float ux = mr_sh_div(mr_sh_sub(mr_sh_add(X, 0.5f), s->cx), s->rx);
    float uy = mr_sh_div(mr_sh_sub(mr_sh_add(Y, 0.5f), s->cy), s->ry);
    float k1 = mr_sh_sqrt(mr_sh_norm2(mr_sh_div(ux, s->rx), mr_sh_div(uy, s->ry)));
    float k0 = mr_sh_sqrt(mr_sh_norm2(ux, uy));
    float c = mr_sh_clamp01(mr_sh_sub(0.5f, mr_sh_div(mr_sh_mul(k0, mr_sh_sub(k0, 1.0f)), k1)));
    /* selects, not branches (the CPU loop vectorises): the centre (k1 = 0) is inside, an
     * ellipse without both radii is empty */
    c = k1 == 0.0f ? 1.0f : c;
    return s->rx > 0.0f && s->ry > 0.0f ? c : 0.0f;
}

/* POLYGON: the area of pixel (X, Y) left of the edge (ax, ay) -> (bx, by) (pixel-relative
 * coordinates: the pixel is [0, 1] x [0, 1]), signed by the edge's direction in y: summed over
 * the edges, the pixel's mean winding number (a ray to the right). */
static inline MR_HD float mr_shape_edge_area(float ax, float ay, float bx, float by)
{
    float dir = 1.0f;
    if (ay > by) {
        float tx = ax, ty = ay;
        ax = bx; ay = by; bx = tx; by = ty;
        dir = -1.0f;
    }
    if (by <= 0.0f || ay >= 1.0f || ay == by)
        return 0.0f;
    float ua = ay > 0.0f ? ay : 0.0f, ub = by < 1.0f ? by : 1.0f, du = mr_sh_sub(ub, ua);
    if (ax >= 1.0f && bx >= 1.0f)
        return mr_sh_mul(dir, du); /* wholly right of the pixel: all of it, in these rows */
    if (ax <= 0.0f && bx <= 0.0f)
        return 0.0f;
    float k = mr_sh_div(mr_sh_sub(bx, ax), mr_sh_sub(by, ay));
    float xa = ua == ay ? ax : mr_sh_add(ax, mr_sh_mul(mr_sh_sub(ua, ay), k));
    float xb = ub == by ? bx : mr_sh_add(ax, mr_sh_mul(mr_sh_sub(ub, ay), k));
    float lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa;
    if (hi <= 0.0f)
        return 0.0f;
    if (lo >= 1.0f)
        return mr_sh_mul(dir, du);
    float area; /* du times the mean of clamp(x, 0, 1) for x uniform in [lo, hi] */
    if (hi == lo) {
        area = mr_sh_mul(du, lo);
    } else {
        float span = mr_sh_sub(hi, lo), l = lo > 0.0f ? lo : 0.0f, h = hi < 1.0f ? hi : 1.0f;
        float mid = mr_sh_mul(mr_sh_div(mr_sh_sub(h, l), span), mr_sh_mul(mr_sh_add(l, h), 0.5f));
        float right = hi > 1.0f ? mr_sh_div(mr_sh_sub(hi, 1.0f), span) : 0.0f;
        area = mr_sh_mul(du, mr_sh_add(mid, right));
    }
    return mr_sh_mul(dir, area);
}

/* POLYGON: sum plus edge i's part of pixel (X, Y)'s winding-weighted area (sum as it is when
 * the edge does not reach into the pixel's row). */
static inline MR_HD float mr_shape_polygon_add(const mr_shape_params *s, int i, float X, float Y, float sum)
{
    const float *a = s->pts[i], *b = s->pts[i + 1 < s->npoints ? i + 1 : 0];
    float ay = mr_sh_sub(a[1], Y), by = mr_sh_sub(b[1], Y);
    if ((ay <= 0.0f && by <= 0.0f) || (ay >= 1.0f && by >= 1.0f))
        return sum; /* not in this row */
    return mr_sh_add(sum, mr_shape_edge_area(mr_sh_sub(a[0], X), ay, mr_sh_sub(b[0], X), by));
}

/* POLYGON: the coverage of a winding-weighted area: its size, at most 1. */
static inline MR_HD float mr_shape_polygon_cover(float sum) { return mr_sh_clamp01(sum < 0.0f ? -sum : sum); }

/* POLYGON: pixel (X, Y)'s coverage, 0..1: the winding-weighted area of every edge in order,
 * clamped. (Leaving out edges outside the pixel's row changes no bit.) */
static inline MR_HD float mr_shape_polygon(const mr_shape_params *s, float X, float Y)
{
    float sum = 0.0f;
    for (int i = 0; i < s->npoints; i++)
        sum = mr_shape_polygon_add(s, i, X, Y, sum);
    return mr_shape_polygon_cover(sum);
}

/* LINEAR: the ramp's position at pixel (X, Y), 0..1: 0 at p1 (and before), 1 at p2 (and
 * after), along p1 -> p2. */
static inline MR_HD float mr_shape_linear(const mr_shape_params *s, float X, float Y)
{
    float dx = mr_sh_sub(s->p2[0], s->p1[0]), dy = mr_sh_sub(s->p2[1], s->p1[1]);
    float l2 = mr_sh_norm2(dx, dy);
    float px = mr_sh_sub(mr_sh_add(X, 0.5f), s->p1[0]), py = mr_sh_sub(mr_sh_add(Y, 0.5f), s->p1[1]);
    float t = mr_sh_clamp01(mr_sh_div(mr_sh_add(mr_sh_mul(px, dx), mr_sh_mul(py, dy)), l2));
    return l2 > 0.0f ? t : 1.0f; /* a select, not a branch: the CPU loop vectorises */
}

/* RADIAL: the ramp's position at pixel (X, Y), 0..1: 0 within inner, 1 from r on (a
 * gradient's position; the coverage is 1 minus it). */
static inline MR_HD float mr_shape_radial(const mr_shape_params *s, float X, float Y)
{
    float d = mr_sh_sqrt(mr_sh_norm2(mr_sh_sub(mr_sh_add(X, 0.5f), s->cx), mr_sh_sub(mr_sh_add(Y, 0.5f), s->cy)));
    float w = mr_sh_sub(s->r, s->inner);
    float t = mr_sh_clamp01(mr_sh_div(mr_sh_sub(d, s->inner), w));
    return w > 0.0f ? t : d < s->r ? 0.0f : 1.0f; /* selects: the CPU loop vectorises */
}

/* LINEAR, RADIAL: the ramp's position, a gradient's. */
static inline MR_HD float mr_shape_ramp(const mr_shape_params *s, float X, float Y)
{
    return s->kind == MR_SHAPE_LINEAR ? mr_shape_linear(s, X, Y) : mr_shape_radial(s, X, Y);
}

/* The coverage of pixel (x, y) by s, 0..255. */
static inline MR_HD uint32_t mr_shape_coverage(const mr_shape_params *s, int x, int y)
{
    float X = (float)x, Y = (float)y;
    switch (s->kind) {
    case MR_SHAPE_RECT: return mr_sh_byte(mr_shape_rect(s, X, Y));
    case MR_SHAPE_ELLIPSE: return mr_sh_byte(mr_shape_ellipse(s, X, Y));
    case MR_SHAPE_POLYGON: return mr_sh_byte(mr_shape_polygon(s, X, Y));
    case MR_SHAPE_LINEAR: return mr_sh_byte(mr_shape_linear(s, X, Y));
    default: return mr_sh_byte(mr_sh_sub(1.0f, mr_shape_radial(s, X, Y)));
    }
}

/* The packed premultiplied colour of g at position t (0..1): the two stops around t mixed in
 * premultiplied space, each channel rounded once, colour never above alpha. */
static inline MR_HD uint32_t mr_gradient_color(const mr_gradient_stops *g, float t)
{
    int n = g->n, i = 0;
    const float *c0, *c1;
    float u = 0.0f;
    if (t <= g->pos[0]) {
        c0 = c1 = g->rgba[0];
    } else if (t >= g->pos[n - 1]) {
        c0 = c1 = g->rgba[n - 1];
    } else {
        while (i + 1 < n - 1 && t >= g->pos[i + 1])
            i++;
        c0 = g->rgba[i];
        c1 = g->rgba[i + 1];
        u = mr_sh_div(mr_sh_sub(t, g->pos[i]), mr_sh_sub(g->pos[i + 1], g->pos[i]));
    }
    uint32_t v[4];
    for (int k = 0; k < 4; k++) {
        uint32_t b = (uint32_t)mr_sh_add(mr_sh_add(c0[k], mr_sh_mul(mr_sh_sub(c1[k], c0[k]), u)), 0.5f);
        v[k] = b > 255 ? 255 : b;
    }
    for (int k = 0; k < 3; k++)
        v[k] = v[k] > v[3] ? v[3] : v[k];
    return v[0] | v[1] << 8 | v[2] << 16 | v[3] << 24;
}

/* The gradient's colour at pixel (x, y): s is LINEAR or RADIAL. */
static inline MR_HD uint32_t mr_gradient_pixel(const mr_shape_params *s, const mr_gradient_stops *g, int x, int y)
{
    return mr_gradient_color(g, mr_shape_ramp(s, (float)x, (float)y));
}

/* The pixels outside which s covers nothing, within a w x h picture: box = {x0, y0, x1, y1}
 * (x1, y1 exclusive; empty when x0 >= x1), with a margin, so that skipping the pixels outside
 * changes no bit. LINEAR: the whole picture. (A gradient colours every pixel: not for them.)
 * Host code only. */
static inline void mr_shape_bounds(const mr_shape_params *s, int w, int h, int box[4])
{
    double b[4] = {0, 0, (double)w, (double)h};
    if (s->kind == MR_SHAPE_RECT) {
        b[0] = s->x, b[1] = s->y, b[2] = (double)s->x + s->w, b[3] = (double)s->y + s->h;
    } else if (s->kind == MR_SHAPE_ELLIPSE) {
        /* outside the ellipse grown by the factor 1 + 0.6/min(r), the distance is over 0.5 */
        double m = s->rx < s->ry ? s->rx : s->ry, k = m > 0 ? 1 + 0.6 / m : 0;
        b[0] = s->cx - s->rx * k, b[1] = s->cy - s->ry * k, b[2] = s->cx + s->rx * k, b[3] = s->cy + s->ry * k;
    } else if (s->kind == MR_SHAPE_RADIAL) {
        double r = s->r > 0 ? s->r : 0;
        b[0] = s->cx - r, b[1] = s->cy - r, b[2] = s->cx + r, b[3] = s->cy + r;
    } else if (s->kind == MR_SHAPE_POLYGON) {
        b[0] = b[2] = s->npoints > 0 ? s->pts[0][0] : 0;
        b[1] = b[3] = s->npoints > 0 ? s->pts[0][1] : 0;
        for (int i = 1; i < s->npoints; i++) {
            b[0] = s->pts[i][0] < b[0] ? s->pts[i][0] : b[0];
            b[2] = s->pts[i][0] > b[2] ? s->pts[i][0] : b[2];
            b[1] = s->pts[i][1] < b[1] ? s->pts[i][1] : b[1];
            b[3] = s->pts[i][1] > b[3] ? s->pts[i][1] : b[3];
        }
    }
    int lim[4] = {w, h, w, h}; /* a pixel of margin, then clipped to the picture */
    for (int i = 0; i < 4; i++) {
        double v = i < 2 ? floor(b[i]) - 1 : ceil(b[i]) + 1;
        v = v < 0 ? 0 : v > lim[i] ? lim[i] : v;
        box[i] = (int)v;
    }
    bool empty = (s->kind == MR_SHAPE_RECT && !(s->w > 0 && s->h > 0)) ||
                 (s->kind == MR_SHAPE_ELLIPSE && !(s->rx > 0 && s->ry > 0)) ||
                 (s->kind == MR_SHAPE_POLYGON && s->npoints < 3);
    if (empty || box[0] >= box[2] || box[1] >= box[3])
        box[0] = box[1] = box[2] = box[3] = 0;
}

#endif
