/* shape.c: the coverage of shapes and gradient colours on the CPU (twins of cuda/shape.cu).
 * Every pixel is mr_shape_coverage's or mr_gradient_pixel's value, bit for bit; the loops only
 * avoid computing it where it is known: each row is cut into spans that take one value (outside
 * a shape, inside it) and are filled with the value computed at one of their pixels, and the
 * pixels between them (the antialiased edge) are computed one by one. The spans are worked out
 * in double with a pixel of margin, so a pixel they fill has the value they fill it with.
 * Polygons find the runs of pixels near an edge per row and take the others' coverage from
 * the winding number along the row (a sweep over the edges' crossings). */
/* The ramps' loops vectorise only when GCC may compute both sides of a select, which it may
 * when floating-point operations are known not to trap (no exception is unmasked here). That
 * changes no bit: no contraction, no reassociation. (sqrtf it leaves scalar whatever the
 * errno setting says: radial_run does the radial ramp four at a time itself.) */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif
#include "engine/kernels/cpu/shape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A row's spans: [0, lo) and [hi, w) take one value each, so does [ilo, ihi) (empty when
 * ilo >= ihi); the pixels of [lo, ilo) and [ihi, hi) are computed one by one. */
typedef struct span {
    int lo, ilo, ihi, hi;
} span;

/* v as a whole number within lo..hi (NaN: lo). */
static int clampi(double v, int lo, int hi)
{
    return !(v >= lo) ? lo : v > hi ? hi : (int)v;
}

/* The span of columns lo .. hi (exclusive) with ilo .. ihi inside, made to lie in [0, w):
 * computed in double, so a shape far outside the picture overflows nothing. */
static span span_make(double lo, double ilo, double ihi, double hi, int w)
{
    span s;
    s.lo = clampi(lo, 0, w);
    s.hi = clampi(hi, s.lo, w);
    s.ilo = clampi(ilo, s.lo, s.hi);
    s.ihi = clampi(ihi, s.ilo, s.hi);
    return s;
}

/* Half the width of the row at height dy (from the centre) of a circle of radius r: -1 when
 * the row misses it. */
static double chord(double r, double dy)
{
    double q = r * r - dy * dy;
    return r > 0 && q > 0 ? sqrt(q) : -1;
}

/* RECT: inside the box shrunk by the radius and a pixel, every pixel has the row's value (its
 * overlap across is exactly 1, and it is in no corner); in a corner's rows, the run reaches
 * into the corners where they are full (within r - 1.5 of a corner's centre, in rows whose
 * overlap down is 1). */
static span rect_span(const mr_shape_params *s, int y, int w, const int box[4])
{
    double half = fmin(s->w, s->h) / 2, r = fmax(fmin(s->radius, half), 0);
    double l = s->x + r, rt = (double)s->x + s->w - r, t = s->y + r, b = (double)s->y + s->h - r;
    double py = y + 0.5, dy = py < t ? t - py : py > b ? py - b : 0, reach = 0;
    if (dy > 0 && y >= s->y && y + 1 <= (double)s->y + s->h)
        reach = fmax(chord(r - 1.5, dy), 0);
    return span_make(box[0], ceil(l - reach) + 1, floor(rt + reach) - 1, box[2], w);
}

/* The columns whose centres lie within h of cx, shrunk by a pixel (h < 1: none). */
static void inside(double cx, double h, double *ilo, double *ihi)
{
    *ilo = *ihi = 0;
    if (h > 1) {
        *ilo = ceil(cx - (h - 1) - 0.5);
        *ihi = floor(cx + (h - 1) - 0.5) + 1;
    }
}

/* ELLIPSE: the distance is over 0.5 beyond the ellipse grown by 1 + 0.6/min(r), and under
 * -0.5 within it shrunk by 1 - 0.6/min(r) (|d| >= |k0 - 1| min(r)); in units of the radii. */
static span ellipse_span(const mr_shape_params *s, int y, int w)
{
    double m = fmin(s->rx, s->ry), uy = (y + 0.5 - s->cy) / s->ry;
    double ho = chord(1 + 0.6 / m, uy), hi = chord(1 - 0.6 / m, uy), ilo, ihi;
    ho = ho > 0 ? ho * s->rx + 1 : 1; /* a row that misses it: a pixel either side of cx */
    inside(s->cx, hi * s->rx, &ilo, &ihi);
    return span_make(floor(s->cx - ho - 0.5), ilo, ihi, ceil(s->cx + ho - 0.5) + 1, w);
}

/* RADIAL: position exactly 1 from r + 1 on, exactly 0 within inner - 1 (r when less). */
static span radial_span(const mr_shape_params *s, int y, int w)
{
    double dy = y + 0.5 - s->cy, ho = chord(s->r + 1, dy), ilo, ihi;
    ho = ho > 0 ? ho + 1 : 1;
    inside(s->cx, chord(fmin(s->inner, s->r) - 1, dy), &ilo, &ihi);
    return span_make(floor(s->cx - ho - 0.5), ilo, ihi, ceil(s->cx + ho - 0.5) + 1, w);
}

/* The spans of row y of s (not a polygon) in a picture w wide, box from mr_shape_bounds. */
static span row_span(const mr_shape_params *s, int y, int w, const int box[4])
{
    if (s->kind != MR_SHAPE_LINEAR && (y < box[1] || y >= box[3])) {
        span none = {0, 0, 0, 0}; /* no pixel of the row is covered */
        return none;
    }
    switch (s->kind) {
    case MR_SHAPE_RECT: return rect_span(s, y, w, box);
    case MR_SHAPE_ELLIPSE: return ellipse_span(s, y, w);
    case MR_SHAPE_RADIAL: return radial_span(s, y, w);
    default: {
        span all = {0, 0, 0, w};
        return all;
    }
    }
}

static void fill(uint32_t *row, int from, int to, uint32_t v)
{
    for (int x = from; x < to; x++)
        row[x] = v;
}

/* What a row is drawn from: a shape's coverage (in every channel), or a gradient's colours. */
typedef struct pixel_src {
    const mr_shape_params *s;
    const mr_gradient_stops *g; /* NULL: coverage */
} pixel_src;

static inline uint32_t pixel(const pixel_src *p, int x, int y)
{
    if (p->g)
        return mr_gradient_pixel(p->s, p->g, x, y);
    return mr_shape_coverage(p->s, x, y) * 0x01010101u;
}

/* A radial ramp's coverage over pixels [from, to) of row y, four at a time where SSE2 is:
 * mr_shape_radial's operations in its order, lane by lane (GCC does not vectorise sqrtf
 * itself, for errno), so the same bits. */
static void radial_run(uint32_t *row, int from, int to, int y, const mr_shape_params *s)
{
    float Y = (float)y;
    int x = from;
#ifdef __SSE2__
    float w = mr_sh_sub(s->r, s->inner), dy = mr_sh_sub(mr_sh_add(Y, 0.5f), s->cy);
    if (w > 0.0f) { /* the step (w <= 0) is left to the plain loop */
        __m128 half = _mm_set1_ps(0.5f), cx = _mm_set1_ps(s->cx), dy2 = _mm_set1_ps(mr_sh_mul(dy, dy));
        __m128 inner = _mm_set1_ps(s->inner), vw = _mm_set1_ps(w), zero = _mm_setzero_ps(), one = _mm_set1_ps(1.0f);
        __m128 k255 = _mm_set1_ps(255.0f);
        for (; x + 4 <= to; x += 4) {
            __m128 X = _mm_cvtepi32_ps(_mm_setr_epi32(x, x + 1, x + 2, x + 3));
            __m128 dx = _mm_sub_ps(_mm_add_ps(X, half), cx);
            __m128 d = _mm_sqrt_ps(_mm_add_ps(_mm_mul_ps(dx, dx), dy2));
            __m128 t = _mm_div_ps(_mm_sub_ps(d, inner), vw); /* clamped below as mr_sh_clamp01 does */
            t = _mm_or_ps(_mm_and_ps(_mm_cmplt_ps(t, zero), zero), _mm_andnot_ps(_mm_cmplt_ps(t, zero), t));
            t = _mm_or_ps(_mm_and_ps(_mm_cmpgt_ps(t, one), one), _mm_andnot_ps(_mm_cmpgt_ps(t, one), t));
            __m128i c = _mm_cvttps_epi32(_mm_add_ps(_mm_mul_ps(_mm_sub_ps(one, t), k255), half));
            __m128i lo = _mm_mullo_epi16(c, _mm_set1_epi32(0x0101)); /* c < 256: c * 0x0101 in 16 bits */
            _mm_storeu_si128((__m128i *)(row + x), _mm_or_si128(lo, _mm_slli_epi32(lo, 16)));
        }
    }
#endif
    for (; x < to; x++)
        row[x] = mr_sh_byte(mr_sh_sub(1.0f, mr_shape_radial(s, (float)x, Y))) * 0x01010101u;
}

/* Pixels [from, to) of row y one by one: mr_shape_coverage / mr_gradient_pixel, with the kind
 * chosen once for the run (so the compiler can vectorise the ramps). */
static void compute(uint32_t *row, int from, int to, int y, const pixel_src *p)
{
    const mr_shape_params *s = p->s;
    float Y = (float)y;
    if (p->g) { /* mr_gradient_pixel, the colour worked out again only where t changes (a
                 * gradient down the picture has one t a row) */
        float last = -1.0f;
        uint32_t c = 0;
        for (int x = from; x < to; x++) {
            float t = mr_shape_ramp(s, (float)x, Y);
            if (t != last)
                c = mr_gradient_color(p->g, last = t);
            row[x] = c;
        }
        return;
    }
    switch (s->kind) {
    case MR_SHAPE_RECT:
        for (int x = from; x < to; x++)
            row[x] = mr_sh_byte(mr_shape_rect(s, (float)x, Y)) * 0x01010101u;
        break;
    case MR_SHAPE_ELLIPSE:
        for (int x = from; x < to; x++)
            row[x] = mr_sh_byte(mr_shape_ellipse(s, (float)x, Y)) * 0x01010101u;
        break;
    case MR_SHAPE_LINEAR:
        for (int x = from; x < to; x++)
            row[x] = mr_sh_byte(mr_shape_linear(s, (float)x, Y)) * 0x01010101u;
        break;
    case MR_SHAPE_RADIAL:
        radial_run(row, from, to, y, s);
        break;
    default:
        for (int x = from; x < to; x++)
            row[x] = mr_shape_coverage(s, x, y) * 0x01010101u;
        break;
    }
}

/* Row y by its spans. */
static void draw_row(uint32_t *row, int w, int y, span sp, const pixel_src *p)
{
    if (sp.lo >= sp.hi) { /* one value across */
        fill(row, 0, w, pixel(p, 0, y));
        return;
    }
    if (sp.lo > 0)
        fill(row, 0, sp.lo, pixel(p, 0, y));
    compute(row, sp.lo, sp.ilo, y, p);
    if (sp.ilo < sp.ihi)
        fill(row, sp.ilo, sp.ihi, pixel(p, sp.ilo, y));
    compute(row, sp.ilo < sp.ihi ? sp.ihi : sp.ilo, sp.hi, y, p);
    if (sp.hi < w)
        fill(row, sp.hi, w, pixel(p, sp.hi, y));
}

/* A crossing of the row's centre line by an edge: where, and which way (+1 down, -1 up). */
typedef struct crossing {
    float x;
    int dir;
} crossing;

/* Columns [from, to) of a row near an edge. */
typedef struct run {
    int from, to;
} run;

static int by_x(const void *a, const void *b)
{
    float u = ((const crossing *)a)->x, v = ((const crossing *)b)->x;
    return u < v ? -1 : u > v;
}

static int by_from(const void *a, const void *b)
{
    int u = ((const run *)a)->from, v = ((const run *)b)->from;
    return u < v ? -1 : u > v;
}

/* The columns within a pixel of the edges' parts in rows y-1 .. y+2 (whose pixels are
 * computed one by one) into near, sorted and merged; the crossings of y + 0.5 into xs, sorted.
 * Returns how many runs; *nx says how many crossings. */
static int polygon_scan(const mr_shape_params *s, int y, const int box[4], run *near, crossing *xs, int *nx)
{
    int n = s->npoints, nn = 0;
    double yc = y + 0.5, top = y - 1, bottom = y + 2;
    *nx = 0;
    for (int i = 0; i < n; i++) {
        const float *a = s->pts[i], *b = s->pts[i + 1 < n ? i + 1 : 0];
        double ax = a[0], ay = a[1], bx = b[0], by = b[1];
        if ((ay <= yc) != (by <= yc))
            xs[(*nx)++] = (crossing){(float)(ax + (yc - ay) * (bx - ax) / (by - ay)), by > ay ? 1 : -1};
        double y0 = fmax(fmin(ay, by), top), y1 = fmin(fmax(ay, by), bottom);
        if (y0 > y1)
            continue;
        double x0 = ax, x1 = bx;
        if (ay != by) {
            x0 = ax + (y0 - ay) * (bx - ax) / (by - ay);
            x1 = ax + (y1 - ay) * (bx - ax) / (by - ay);
        }
        run r = {clampi(floor(fmin(x0, x1)) - 1, box[0], box[2]), clampi(floor(fmax(x0, x1)) + 2, box[0], box[2])};
        if (r.to > r.from)
            near[nn++] = r;
    }
    qsort(xs, (size_t)*nx, sizeof *xs, by_x);
    qsort(near, (size_t)nn, sizeof *near, by_from);
    int m = 0; /* merged */
    for (int i = 0; i < nn; i++) {
        if (m && near[i].from <= near[m - 1].to)
            near[m - 1].to = near[i].to > near[m - 1].to ? near[i].to : near[m - 1].to;
        else
            near[m++] = near[i];
    }
    return m;
}

/* Row y of a polygon: near an edge, mr_shape_coverage; between, the winding number at the
 * pixels' centres, 255 where it is not zero (constant over a pixel no edge comes near, and
 * across a gap between runs: every crossing lies in a run). */
static void polygon_row(uint32_t *row, int w, int y, const mr_shape_params *s, const int box[4], run *near,
                        crossing *xs)
{
    int nx, nn = polygon_scan(s, y, box, near, xs, &nx), k = 0, wnd = 0, x = box[0];
    for (int i = 0; i < nx; i++)
        wnd += xs[i].dir;
    fill(row, 0, box[0], 0);
    for (int j = 0; j <= nn; j++) {
        int end = j < nn ? near[j].from : box[2];
        if (x < end) {
            float xc = (float)x + 0.5f;
            for (; k < nx && xs[k].x < xc; k++)
                wnd -= xs[k].dir;
            fill(row, x, end, wnd ? 0xffffffffu : 0);
            x = end;
        }
        for (; j < nn && x < near[j].to; x++)
            row[x] = mr_shape_coverage(s, x, y) * 0x01010101u;
    }
    fill(row, box[2], w, 0);
}

/* POLYGON: row by row (the scratch for each row's runs and crossings allocated once). */
static int draw_polygon(mr_frame *dst, const mr_shape_params *s, const int box[4], mr_err *err)
{
    size_t n = (size_t)(s->npoints > 0 ? s->npoints : 1);
    run *near = malloc(sizeof *near * n);
    crossing *xs = malloc(sizeof *xs * n);
    if (!near || !xs) {
        free(near);
        free(xs);
        return mr_err_set(err, "out of memory");
    }
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = (uint32_t *)mr_frame_row(dst, y);
        if (y < box[1] || y >= box[3])
            fill(row, 0, dst->w, 0);
        else
            polygon_row(row, dst->w, y, s, box, near, xs);
    }
    free(near);
    free(xs);
    return 0;
}

int mr_cpu_shape(mr_frame *dst, const mr_shape_params *s, mr_err *err)
{
    int box[4];
    mr_shape_bounds(s, dst->w, dst->h, box);
    if (s->kind == MR_SHAPE_POLYGON)
        return draw_polygon(dst, s, box, err);
    pixel_src p = {s, NULL};
    for (int y = 0; y < dst->h; y++)
        draw_row((uint32_t *)mr_frame_row(dst, y), dst->w, y, row_span(s, y, dst->w, box), &p);
    return 0;
}

void mr_cpu_gradient(mr_frame *dst, const mr_shape_params *s, const mr_gradient_stops *g)
{
    int box[4] = {0, 0, dst->w, dst->h}; /* a gradient colours every row */
    pixel_src p = {s, g};
    for (int y = 0; y < dst->h; y++)
        draw_row((uint32_t *)mr_frame_row(dst, y), dst->w, y, row_span(s, y, dst->w, box), &p);
}
