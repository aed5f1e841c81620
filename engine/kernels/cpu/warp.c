/* warp.c: the affine warp on the CPU. A warp without a turn (a zoom, a crop, a mirror, a
 * sub-pixel move) is separable: each destination column and row is tabulated once (its first
 * texel and its weights), then each destination row is two passes: the source rows its taps
 * read are summed into one row of 16-bit values with 6 fractional bits (t), and each pixel from
 * the columns of t its taps read. Those are warp_params.h's integer sums, so the bits are
 * mr_warp_pixel's (which the CUDA twin computes per pixel). With AVX2 (picked at run time) both
 * passes do 16 values an instruction: two rows a multiply-add (two-tap rows, as bilinear's, by
 * one rounding multiply), two columns of two pixels a multiply-add. A turned warp is computed
 * pixel by pixel, bicubic's and Lanczos's weights read from tables of their 2^14 phases. */
#include "engine/kernels/cpu/warp.h"
#include "engine/kernels/cpu/simd.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define WARP_X86 1
#endif

/* The plain loops are built for x86-64 and for AVX2, and the loader picks one (the same
 * integer arithmetic); the two-tap rows have hand-written AVX2 beside them. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

static bool simd_wanted = true; /* (tests switch the AVX2 loops off: mr_cpu_warp_use_simd) */

void mr_cpu_warp_use_simd(bool on)
{
    simd_wanted = on;
}

/* The filter scale of an axis whose scale (32 fractional bits) is q: 1 << 16, or less where
 * the axis shrinks the picture (the filter widens as much, up to MR_WARP_MAX_WIDEN). */
static int32_t widen(int64_t q)
{
    uint64_t a = q < 0 ? -(uint64_t)q : (uint64_t)q;
    if (a <= 1ULL << 32)
        return 65536;
    return mr_warp_held((int32_t)(((1ULL << 48) + a / 2) / a));
}

void mr_warp_prepare(mr_warp_params *k)
{
    static const float lim[6] = {1024, 1024, 16777216.0f, 1024, 1024, 16777216.0f};
    for (int i = 0; i < 6; i++) {
        float v = k->m[i];
        v = v > lim[i] ? lim[i] : v < -lim[i] ? -lim[i] : v == v ? v : 0;
        k->q[i] = (int64_t)((double)v * 4294967296.0);
    }
    if (k->filter < 0 || k->filter >= MR_WARP_FILTERS)
        k->filter = MR_WARP_BILINEAR;
    k->axis = k->q[1] == 0 && k->q[3] == 0;
    k->clamp = k->axis && k->clamp;
    k->kx = k->axis ? widen(k->q[0]) : 65536;
    k->ky = k->axis ? widen(k->q[4]) : 65536;
    double shrink = fmax(hypot((double)k->q[0], (double)k->q[3]), hypot((double)k->q[1], (double)k->q[4])) / 4294967296.0;
    int n = k->axis ? 1 : (int)ceil(shrink - 1e-6);
    k->samples = n < 1 ? 1 : n > MR_WARP_MAX_SAMPLES ? MR_WARP_MAX_SAMPLES : n;
}

/* Whether each of the count entries of one axis of k (vertical: the rows) takes at least its
 * whole weight from texels inside the source. Entries are checked from both ends inwards until
 * one whose taps all lie inside: the taps move monotonically, so the ones between do too. */
static bool axis_covers(const mr_warp_params *k, int vertical, int count)
{
    int size = vertical ? k->sh : k->sw, first;
    int32_t w[MR_WARP_MAX_TAPS];
    for (int end = 0; end < 2; end++)
        for (int e = 0; e < count; e++) {
            int x = end ? count - 1 - e : e;
            int n = mr_warp_taps(k->filter, vertical ? k->ky : k->kx, mr_warp_axis_point(k, vertical, x), size, &first, w);
            n = k->clamp ? mr_warp_fold(size, &first, n, w) : n;
            if (n == 0)
                return false;
            if (first >= 0 && first + n <= size)
                break;
            int64_t inside = 0;
            for (int i = 0; i < n; i++)
                inside += first + i >= 0 && first + i < size ? w[i] : 0;
            if (inside < MR_WARP_ONE)
                return false;
        }
    return true;
}

bool mr_warp_covers(const mr_warp_params *k, int dw, int dh)
{
    return k->axis && axis_covers(k, 0, dw) && axis_covers(k, 1, dh);
}

/* ---- the two-pass path ---- */

/* One axis of a separable warp, tabulated: entry e (a destination column or row) reads
 * texels first[e] .. first[e] + n - 1 with the weights w[e * n ...] (fewer taps padded with
 * zeros). */
typedef struct axis_tab {
    int n;              /* taps an entry: even, at least 2 */
    int from, to;       /* entries [from, to) reach the source; the others are transparent */
    int lo, hi;         /* the texels [lo, hi) those entries read */
    bool positive;      /* no weight below zero */
    int32_t *first;     /* the scratch's */
    int16_t *w;
} axis_tab;

/* The most taps an entry of filter scaled by k (held) can have, made even. */
static int tap_bound(int filter, int32_t k)
{
    return (int)(2 * mr_warp_reach(filter, mr_warp_held(k)) / MR_WARP_ONE + 4) & ~1;
}

/* 64-byte aligned room for bytes from the scratch at *p. */
static void *carve(uint8_t **p, size_t bytes)
{
    void *r = *p;
    *p += (bytes + 63) & ~(size_t)63;
    return r;
}

size_t mr_cpu_warp_scratch(const mr_warp_params *k, int dw, int dh)
{
    if (!k->axis)
        return 0;
    size_t bx = (size_t)tap_bound(k->filter, k->kx), by = (size_t)tap_bound(k->filter, k->ky);
    size_t texels = (size_t)k->sw + 2 * bx + 2;
    return 64 * 10 + (size_t)dw * (8 + 10 * bx) + (size_t)dh * (4 + 2 * by) + texels * 24 + (size_t)k->sw * 4;
}

/* Fills t (its first and w hold count and count * bound values) with the count entries of one
 * axis of k (vertical: the rows). */
static void tabulate(const mr_warp_params *k, int vertical, int count, int bound, axis_tab *t)
{
    int size = vertical ? k->sh : k->sw, n = 2;
    int32_t w[MR_WARP_MAX_TAPS];
    t->from = count, t->to = 0, t->positive = true;
    for (int e = 0; e < count; e++) {
        int16_t *we = t->w + (size_t)e * bound;
        int taps = mr_warp_taps(k->filter, vertical ? k->ky : k->kx, mr_warp_axis_point(k, vertical, e), size,
                                &t->first[e], w);
        taps = k->clamp ? mr_warp_fold(size, &t->first[e], taps, w) : taps;
        memset(we, 0, sizeof *we * (size_t)bound);
        if (!taps) {
            t->first[e] = INT32_MIN; /* reads nothing */
            continue;
        }
        for (int i = 0; i < taps; i++) {
            we[i] = (int16_t)w[i];
            t->positive = t->positive && w[i] >= 0;
        }
        n = taps > n ? taps : n;
        t->from = e < t->from ? e : t->from;
        t->to = e + 1;
    }
    t->n = n = (n + 1) & ~1;
    t->lo = INT32_MAX, t->hi = INT32_MIN;
    for (int e = t->from; e < t->to; e++) {
        memmove(t->w + (size_t)e * n, t->w + (size_t)e * bound, sizeof *t->w * (size_t)n);
        if (t->first[e] != INT32_MIN) {
            t->lo = t->first[e] < t->lo ? t->first[e] : t->lo;
            t->hi = t->first[e] + n > t->hi ? t->first[e] + n : t->hi;
        }
    }
    for (int e = t->from; e < t->to; e++) /* an entry between that reads nothing: zero weights */
        t->first[e] = t->first[e] == INT32_MIN ? t->lo : t->first[e];
}

/* t[c] for from <= c < n: the rows' values, each weighted, summed with 6 fractional bits
 * (rows[b] NULL: outside the source, nothing), through acc. */
HOT static void rows_sum(const uint8_t *const *rows, const int16_t *w, int ny, int from, int n, int32_t *restrict acc,
                         int16_t *restrict t)
{
    for (int c = from; c < n; c++)
        acc[c] = 128;
    for (int b = 0; b < ny; b++) {
        const uint8_t *restrict p = rows[b];
        int32_t wb = w[b];
        if (!p || !wb)
            continue;
        for (int c = from; c < n; c++)
            acc[c] += wb * p[c];
    }
    for (int c = from; c < n; c++)
        t[c] = (int16_t)(acc[c] >> 8);
}

/* rows_sum of two rows with weights 2^14 - w1 and w1, from value c on (the AVX2 loop does the
 * ones before). */
static void rows2_tail(const uint8_t *r0, const uint8_t *r1, int w1, int c, int n, int16_t *t)
{
    int w0 = MR_WARP_ONE - w1;
    for (; c < n; c++)
        t[c] = (int16_t)((w0 * r0[c] + w1 * r1[c] + 128) >> 8);
}

/* One pixel from n columns of t (texel by texel, four values each) with weights w. */
static uint32_t cols_pixel(const int16_t *t, const int16_t *w, int n)
{
    int64_t h[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; i++)
        for (int c = 0; c < 4; c++)
            h[c] += w[i] * t[4 * i + c];
    return mr_warp_pack(h, 1);
}

#ifdef WARP_X86
/* rows2_tail's sums, 16 values a step, as 64 r0 + (((r1 - r0) w1 + 128) >> 8): the same integer,
 * as 2^14 r0 is a multiple of 256, and pmulhrsw of (r1 - r0) << 6 and 2 w1 is exactly that
 * rounded shift (w1 below 2^14). Returns how many values it did. */
__attribute__((target("avx2"))) static int rows2_avx2(const uint8_t *r0, const uint8_t *r1, int w1, int n, int16_t *t)
{
    __m256i wv = _mm256_set1_epi16((short)(2 * w1));
    int c = 0;
    for (; c + 16 <= n; c += 16) {
        __m256i a = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(r0 + c)));
        __m256i b = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(r1 + c)));
        __m256i d = _mm256_mulhrs_epi16(_mm256_slli_epi16(_mm256_sub_epi16(b, a), 6), wv);
        _mm256_storeu_si256((__m256i *)(t + c), _mm256_add_epi16(_mm256_slli_epi16(a, 6), d));
    }
    return c;
}

/* rows_sum's sums, 16 values a step, two rows a multiply-add (ny even; rows outside the source
 * given as a row of zeros). Returns how many values it did. */
__attribute__((target("avx2"))) static int rows_avx2(const uint8_t *const *rows, const int16_t *w, int ny, int n,
                                                     int16_t *t)
{
    const __m256i half = _mm256_set1_epi32(128);
    int c = 0;
    for (; c + 16 <= n; c += 16) {
        __m256i lo = half, hi = half;
        for (int b = 0; b < ny; b += 2) {
            __m256i r0 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(rows[b] + c)));
            __m256i r1 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(rows[b + 1] + c)));
            __m256i wb = _mm256_set1_epi32((int32_t)((uint32_t)(uint16_t)w[b] | (uint32_t)(uint16_t)w[b + 1] << 16));
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(r0, r1), wb));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(r0, r1), wb));
        }
        /* unpacking and packing within lanes put the values back in order */
        __m256i v = _mm256_packs_epi32(_mm256_srai_epi32(lo, 8), _mm256_srai_epi32(hi, 8));
        _mm256_storeu_si256((__m256i *)(t + c), v);
    }
    return c;
}

/* Two 128-bit halves, from p (low) and q (high). */
__attribute__((target("avx2"))) static inline __m256i halves(const int16_t *p, const int16_t *q)
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)p)),
                                   _mm_loadu_si128((const __m128i *)q), 1);
}

/* Pixels a (low lane) and a + 1 (high lane) before their shift: two taps a multiply-add. */
__attribute__((target("avx2"), always_inline)) static inline __m256i cols_two(const int16_t *t, const int32_t *off,
                                                                              const int16_t *wv, int pairs, int a)
{
    const __m256i zip = _mm256_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15, 0, 1, 8, 9, 2, 3, 10,
                                         11, 4, 5, 12, 13, 6, 7, 14, 15);
    size_t step = 8 * (size_t)pairs;
    const int16_t *ta = t + off[a], *tb = t + off[a + 1], *wa = wv + a * step;
    __m256i acc = _mm256_set1_epi32(1 << 19);
    for (int q = 0; q < pairs; q++) { /* (one pair: both columns' weights lie side by side) */
        __m256i s = _mm256_shuffle_epi8(halves(ta + 8 * q, tb + 8 * q), zip);
        __m256i w = pairs == 1 ? _mm256_loadu_si256((const __m256i *)wa) : halves(wa + 8 * q, wa + step + 8 * q);
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(s, w));
    }
    return _mm256_srai_epi32(acc, 20);
}

/* cols_pixel for pixels x0 .. x1, eight a step (wv: each column's weights by pairs, each pair
 * four times; off: each column's first texel in t). Packing clamps to 0..255 as mr_warp_pack
 * does. Returns the first pixel it did not do. */
__attribute__((target("avx2"), always_inline)) static inline int cols_eight(const int16_t *t, const int32_t *off,
                                                                            const int16_t *wv, int pairs, int x0,
                                                                            int x1, uint32_t *out)
{
    const __m256i alpha = _mm256_setr_epi8(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15, 3, 3, 3, 3, 7, 7, 7,
                                           7, 11, 11, 11, 11, 15, 15, 15, 15);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int x = x0;
    for (; x + 8 <= x1; x += 8) {
        __m256i v0 = cols_two(t, off, wv, pairs, x), v1 = cols_two(t, off, wv, pairs, x + 2);
        __m256i v2 = cols_two(t, off, wv, pairs, x + 4), v3 = cols_two(t, off, wv, pairs, x + 6);
        /* packing within lanes leaves pixels in the order x, x+2, x+4, x+6, x+1, x+3, x+5, x+7 */
        __m256i px = _mm256_packus_epi16(_mm256_packs_epi32(v0, v1), _mm256_packs_epi32(v2, v3));
        px = _mm256_permutevar8x32_epi32(px, order);
        px = _mm256_min_epu8(px, _mm256_shuffle_epi8(px, alpha));
        _mm256_storeu_si256((__m256i *)(out + x), px);
    }
    return x;
}

/* cols_eight, built apart for two taps (bilinear) and for any. */
__attribute__((target("avx2"))) static int cols_avx2(const int16_t *t, const int32_t *off, const int16_t *wv,
                                                     int pairs, int x0, int x1, uint32_t *out)
{
    return pairs == 1 ? cols_eight(t, off, wv, 1, x0, x1, out) : cols_eight(t, off, wv, pairs, x0, x1, out);
}
#endif

/* The scratch of the two-pass path, laid out. */
typedef struct two_pass {
    axis_tab cols, rows;
    bool two;           /* rows of two taps, none negative: the pmulhrsw blend */
    int a, b;           /* the texels [a, b) of a row read from the source */
    int16_t *t;         /* the summed row, texel cols.lo first */
    int32_t *acc;       /* rows_sum's */
    int32_t *off;       /* each column's first texel in t */
    int16_t *wv;        /* each column's weights by pairs, each pair four times */
    const uint8_t *zero;
} two_pass;

/* Tabulates a warp by k into dw x dh over the scratch at mem. */
static void two_pass_plan(const mr_warp_params *k, int dw, int dh, void *mem, two_pass *p)
{
    uint8_t *m = (uint8_t *)(((uintptr_t)mem + 63) & ~(uintptr_t)63);
    int bx = tap_bound(k->filter, k->kx), by = tap_bound(k->filter, k->ky);
    p->cols.first = carve(&m, sizeof(int32_t) * (size_t)dw);
    p->cols.w = carve(&m, sizeof(int16_t) * (size_t)dw * (size_t)bx);
    p->rows.first = carve(&m, sizeof(int32_t) * (size_t)dh);
    p->rows.w = carve(&m, sizeof(int16_t) * (size_t)dh * (size_t)by);
    tabulate(k, 0, dw, bx, &p->cols);
    tabulate(k, 1, dh, by, &p->rows);
    p->two = p->rows.n == 2 && p->rows.positive;
    if (p->cols.from >= p->cols.to || p->rows.from >= p->rows.to) {
        p->a = p->b = 0; /* nothing shows */
        return;
    }
    p->a = p->cols.lo > 0 ? p->cols.lo : 0;
    p->b = p->cols.hi < k->sw ? p->cols.hi : k->sw;
    size_t texels = (size_t)(p->cols.hi - p->cols.lo), n = (size_t)p->cols.n;
    p->t = memset(carve(&m, texels * 8), 0, texels * 8); /* texels outside the source stay 0 */
    p->acc = carve(&m, texels * 16);
    p->off = carve(&m, sizeof(int32_t) * (size_t)dw);
    p->wv = carve(&m, 8 * n * (size_t)dw);
    p->zero = memset(carve(&m, 4 * (size_t)k->sw), 0, 4 * (size_t)k->sw);
    for (int x = p->cols.from; x < p->cols.to; x++) {
        p->off[x] = 4 * (p->cols.first[x] - p->cols.lo);
        for (size_t i = 0; i < 4 * n; i++)
            p->wv[4 * n * (size_t)x + i] = p->cols.w[n * (size_t)x + (i / 8) * 2 + (i & 1)];
    }
}

/* Source row j of src from texel a on, or NULL outside the source. */
static const uint8_t *texel_row(const mr_frame *src, int j, int a)
{
    return j >= 0 && j < src->h ? src->data + (size_t)j * (size_t)src->stride + 4 * (size_t)a : NULL;
}

/* Sums the rows of destination row y into p's t. */
static void sum_rows(const mr_frame *src, const two_pass *p, int y, bool fast)
{
    int n = p->rows.n, j = p->rows.first[y], c = 0, values = 4 * (p->b - p->a);
    const int16_t *wy = p->rows.w + (size_t)y * n;
    int16_t *t = p->t + 4 * (p->a - p->cols.lo);
    if (!p->two || wy[0] + wy[1] == 0) { /* any taps; or none (zeros) */
        const uint8_t *rows[MR_WARP_MAX_TAPS];
        for (int b = 0; b < n; b++)
            rows[b] = texel_row(src, j + b, p->a);
#ifdef WARP_X86
        if (fast) {
            const uint8_t *given[MR_WARP_MAX_TAPS];
            for (int b = 0; b < n; b++)
                given[b] = rows[b] ? rows[b] : p->zero;
            c = rows_avx2(given, wy, n, values, t);
        }
#endif
        rows_sum(rows, wy, n, c, values, p->acc, t);
        return;
    }
    int w1 = wy[1];
    if (w1 == MR_WARP_ONE) /* all on the second row: pmulhrsw takes w1 below 2^14 */
        j++, w1 = 0;
    const uint8_t *r0 = texel_row(src, j, p->a), *r1 = texel_row(src, j + 1, p->a);
    r0 = r0 ? r0 : p->zero;
    r1 = r1 ? r1 : p->zero;
#ifdef WARP_X86
    if (fast)
        c = rows2_avx2(r0, r1, w1, values, t);
#endif
    rows2_tail(r0, r1, w1, c, values, t);
}

/* Destination pixels [cols.from, cols.to) of one row from p's summed t. */
static void sum_cols(const two_pass *p, uint32_t *out, bool fast)
{
    int x = p->cols.from, n = p->cols.n;
#ifdef WARP_X86
    if (fast)
        x = cols_avx2(p->t, p->off, p->wv, n / 2, x, p->cols.to, out);
#endif
    for (; x < p->cols.to; x++)
        out[x] = cols_pixel(p->t + p->off[x], p->cols.w + (size_t)x * n, n);
}

/* The two-pass path of an axis-aligned warp k into dst, in the scratch at mem. */
static void two_pass_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst, void *mem)
{
    two_pass p;
    two_pass_plan(k, dst->w, dst->h, mem, &p);
    bool fast = mr_cpu_avx2(simd_wanted);
    for (int y = 0; y < dst->h; y++) {
        uint32_t *out = (uint32_t *)mr_frame_row(dst, y);
        if (y < p.rows.from || y >= p.rows.to || p.a >= p.b) {
            memset(out, 0, 4 * (size_t)dst->w);
            continue;
        }
        memset(out, 0, 4 * (size_t)p.cols.from);
        memset(out + p.cols.to, 0, 4 * (size_t)(dst->w - p.cols.to));
        sum_rows(src, &p, y, fast);
        sum_cols(&p, out, fast);
    }
}

/* ---- turned warps ---- */

/* Bicubic's and Lanczos's weights as drawn (not widened) at each of the 2^14 phases between
 * two texels: what mr_warp_window gives there, its window starting r - 1 texels before the
 * phase's texel (the weights depend on the phase alone). Made once, on first use. */
static int16_t cubic_w[MR_WARP_ONE][4], lanczos_w[MR_WARP_ONE][6];
static pthread_once_t phases_once = PTHREAD_ONCE_INIT;

static void phases_make(void)
{
    int32_t w[MR_WARP_MAX_TAPS];
    int first;
    for (int p = 0; p < MR_WARP_ONE; p++) {
        int nc = mr_warp_window(MR_WARP_BICUBIC, 65536, 8 * MR_WARP_ONE + p, 1 << 20, &first, w);
        for (int i = 0; i < 4; i++)
            cubic_w[p][i] = (int16_t)(i < nc ? w[i] : 0);
        int nl = mr_warp_window(MR_WARP_LANCZOS, 65536, 8 * MR_WARP_ONE + p, 1 << 20, &first, w);
        for (int i = 0; i < 6; i++)
            lanczos_w[p][i] = (int16_t)(i < nl ? w[i] : 0);
    }
}

/* A turned warp of one sample a pixel with bicubic or Lanczos: mr_warp_pixel with the weights
 * from the phase tables instead of worked out for each pixel (the same weights, so the same
 * bits). */
static void turned_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst)
{
    pthread_once(&phases_once, phases_make);
    int r = k->filter == MR_WARP_BICUBIC ? 2 : 3, n = 2 * r;
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = (uint32_t *)mr_frame_row(dst, y);
        for (int x = 0; x < dst->w; x++) {
            int64_t sx = mr_warp_point(k, 0, x, y, 0, 0, 1), sy = mr_warp_point(k, 1, x, y, 0, 0, 1);
            int64_t i0 = (sx >> 14) - r + 1, j0 = (sy >> 14) - r + 1;
            row[x] = 0;
            if (i0 + n <= 0 || i0 >= k->sw || j0 + n <= 0 || j0 >= k->sh)
                continue; /* the windows miss the source */
            const int16_t *tx = r == 2 ? cubic_w[sx & (MR_WARP_ONE - 1)] : lanczos_w[sx & (MR_WARP_ONE - 1)];
            const int16_t *ty = r == 2 ? cubic_w[sy & (MR_WARP_ONE - 1)] : lanczos_w[sy & (MR_WARP_ONE - 1)];
            int32_t wx[6], wy[6];
            int64_t h[4] = {0, 0, 0, 0};
            for (int i = 0; i < n; i++)
                wx[i] = tx[i], wy[i] = ty[i];
            mr_warp_sum(src->data, src->stride, k->sw, k->sh, (int)i0, n, wx, (int)j0, n, wy, h);
            row[x] = mr_warp_pack(h, 1);
        }
    }
}

void mr_cpu_warp_pixels(const mr_frame *src, const mr_warp_params *k, mr_frame *dst)
{
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = (uint32_t *)mr_frame_row(dst, y);
        for (int x = 0; x < dst->w; x++)
            row[x] = mr_warp_pixel(k, src->data, src->stride, x, y);
    }
}

void mr_cpu_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst, void *scratch)
{
    if (k->axis && scratch)
        two_pass_warp(src, k, dst, scratch);
    else if (!k->axis && k->samples == 1 && (k->filter == MR_WARP_BICUBIC || k->filter == MR_WARP_LANCZOS))
        turned_warp(src, k, dst);
    else /* (bilinear and nearest work their weights out at once) */
        mr_cpu_warp_pixels(src, k, dst);
    dst->opaque = src->opaque && mr_warp_covers(k, dst->w, dst->h);
}
