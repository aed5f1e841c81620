/* morph.c: grow and shrink on the CPU. Each source row is read once: from it a table of
 * running extremes is built (level j: the extreme of 2^j pixels from x on, and the extremes
 * from the row's start and to its end), so the extreme over any span of the row is that of
 * two lookups; then the row is folded into every output row whose disc reaches it, with the
 * span of the disc's row at that distance. All of it is
 * byte-wise minima and maxima (vector code), exact, so the bits are those of the CUDA twin
 * whatever the order. */
#include "engine/kernels/cpu/morph.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

#define LEVELS_MAX 16 /* 2^16 pixels: wider than any frame */

static inline uint8_t op(bool grow, uint8_t a, uint8_t b)
{
    return grow ? (a > b ? a : b) : (a < b ? a : b);
}

/* out[i] = op(a[i], b[i]) for n bytes. */
HOT static void pairwise(bool grow, const uint8_t *restrict a, const uint8_t *restrict b, uint8_t *restrict out, int n)
{
    if (grow)
        for (int i = 0; i < n; i++)
            out[i] = a[i] > b[i] ? a[i] : b[i];
    else
        for (int i = 0; i < n; i++)
            out[i] = a[i] < b[i] ? a[i] : b[i];
}

/* acc[i] = op(acc[i], op(a[i], b[i])) for n bytes. */
HOT static void fold_bytes(bool grow, uint8_t *restrict acc, const uint8_t *restrict a, const uint8_t *restrict b,
                           int n)
{
    if (grow)
        for (int i = 0; i < n; i++) {
            uint8_t m = a[i] > b[i] ? a[i] : b[i];
            acc[i] = acc[i] > m ? acc[i] : m;
        }
    else
        for (int i = 0; i < n; i++) {
            uint8_t m = a[i] < b[i] ? a[i] : b[i];
            acc[i] = acc[i] < m ? acc[i] : m;
        }
}

/* The extremes of a w-wide row: levels 1..nlev (lev[0] is the row itself), and from its
 * start up to each x (pre) and from each x to its end (suf). */
static void build_levels(bool grow, const uint8_t **lev, int nlev, int w, uint8_t *pre, uint8_t *suf)
{
    for (int j = 1; j <= nlev; j++) {
        int half = 1 << (j - 1);
        pairwise(grow, lev[j - 1], lev[j - 1] + 4 * half, (uint8_t *)lev[j], 4 * (w - 2 * half + 1));
    }
    const uint8_t *row = lev[0];
    memcpy(pre, row, 4);
    memcpy(suf + 4 * (w - 1), row + 4 * (w - 1), 4);
    for (int i = 4; i < 4 * w; i++)
        pre[i] = op(grow, pre[i - 4], row[i]);
    for (int i = 4 * (w - 1) - 1; i >= 0; i--)
        suf[i] = op(grow, suf[i + 4], row[i]);
}

static inline int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The row folded into acc, each x taking the span [x - hw, x + hw] of it cut to the frame
 * (outside counts for nothing): two lookups in a level where the span is whole, the
 * extreme up to x + hw or from x - hw where one end is cut, the whole row's where both are. */
static void fold_row(bool grow, const uint8_t *const *lev, const uint8_t *pre, const uint8_t *suf, int w, int hw,
                     uint8_t *acc)
{
    int left = clampi(w - hw, 0, hw), right = clampi(w - hw, hw, w); /* [0, left): left end cut */
    if (hw < w - hw) {
        int k = mr_morph_level(2 * hw + 1);
        fold_bytes(grow, acc + 4 * hw, lev[k], lev[k] + 4 * (2 * hw + 1 - (1 << k)), 4 * (w - 2 * hw));
    }
    if (left > 0)
        fold_bytes(grow, acc, pre + 4 * hw, pre + 4 * hw, 4 * left);
    if (right < w)
        fold_bytes(grow, acc + 4 * right, suf + 4 * (right - hw), suf + 4 * (right - hw), 4 * (w - right));
    for (int x = left; x < (hw < w ? hw : w); x++) /* both ends cut: the whole row */
        for (int c = 0; c < 4; c++)
            acc[4 * x + c] = op(grow, acc[4 * x + c], pre[4 * (w - 1) + c]);
}

/* dst row by row: m0 (in dst) mixed with m1 by k->frac / 256. */
HOT static void blend_rows(mr_frame *dst, const uint8_t *m1, uint32_t f)
{
    const int n = 4 * dst->w;
    for (int y = 0; y < dst->h; y++) {
        uint8_t *restrict a = mr_frame_row(dst, y);
        const uint8_t *restrict b = m1 + (size_t)y * n;
        for (int i = 0; i < n; i++)
            a[i] = (uint8_t)((a[i] * (256 - f) + b[i] * f + 128) >> 8);
    }
}

int mr_cpu_morph(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_morph_params *k)
{
    const int w = src->w, h = src->h, n = 4 * w, r0 = k->radius, r1 = r0 + (k->frac > 0);
    const bool grow = k->grow;
    const int nlev = mr_morph_levels(k, w);
    dst->opaque = src->opaque;
    size_t bytes = (size_t)n * (nlev + 2) + (k->frac ? (size_t)n * h : 0);
    float *scratch = mr_eval_tmp_push(ev, bytes / sizeof(float) + 1);
    if (!scratch)
        return -1;
    uint8_t *pre = (uint8_t *)scratch + (size_t)n * nlev, *suf = pre + n;
    uint8_t *outer = suf + n; /* disc r1 when blending */
    const uint8_t *lev[LEVELS_MAX + 1];
    for (int j = 1; j <= nlev; j++)
        lev[j] = (uint8_t *)scratch + (size_t)n * (j - 1);
    for (int y = 0; y < h; y++)
        memset(mr_frame_row(dst, y), grow ? 0 : 255, (size_t)n);
    if (k->frac)
        memset(outer, grow ? 0 : 255, (size_t)n * h);
    for (int j = 0; j < h; j++) {
        lev[0] = mr_frame_row(src, j);
        build_levels(grow, lev, nlev, w, pre, suf);
        for (int dy = -r1; dy <= r1; dy++) { /* output row j - dy sees row j at dy */
            int y = j - dy;
            if (y < 0 || y >= h)
                continue;
            if (k->frac)
                fold_row(grow, lev, pre, suf, w, mr_morph_half(r1, dy), outer + (size_t)y * n);
            if (dy >= -r0 && dy <= r0)
                fold_row(grow, lev, pre, suf, w, mr_morph_half(r0, dy), mr_frame_row(dst, y));
        }
    }
    if (k->frac)
        blend_rows(dst, outer, (uint32_t)k->frac);
    mr_eval_tmp_pop(ev);
    return 0;
}
