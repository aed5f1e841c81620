/* blur_box.c: the blur's box passes on the CPU, in the integer arithmetic of blur_params.h
 * (mr_blur_box). A line (a row across, a column down) is copied with its edge values repeated
 * mr_blur_box_reach values beyond each end, then goes through the passes one after the
 * other, each a sliding sum: constant work a value whatever the radius. 16 lanes go at once:
 * across, the 4 channels of 4 rows; down, 16 values of a row. The sums are exact 32-bit
 * integers, so the AVX2 loops, the plain ones and the CUDA twin (cuda/blur_box.cu) give the
 * same bits. */
#include "engine/kernels/cpu/blur_box.h"

#include <string.h>
#include "engine/kernels/cpu/blur.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define BOX_X86 1
#endif

#define LANES 16 /* values of a line element */

static inline int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static inline int maxi(int a, int b)
{
    return a > b ? a : b;
}

size_t mr_cpu_blur_box_scratch(int w, int h, const mr_blur_taps *kx, const mr_blur_taps *ky)
{
    int reach = maxi(mr_blur_box_reach(kx), mr_blur_box_reach(ky));
    return 2 * (size_t)(maxi(w, h) + 2 * reach) * LANES;
}

/* One pass: nout elements of out, element j from in[j .. j + 2 r + 2] (see
 * mr_blur_box_lane), rounded by sh. */
static void pass_plain(const uint16_t *restrict in, uint16_t *restrict out, int nout, const mr_blur_box *b, int sh)
{
    const int e = 2 * b->r + 2;
    const uint32_t A = b->A, a = b->a, inner = A - a;
    uint32_t n[LANES];
    for (int c = 0; c < LANES; c++)
        n[c] = a * ((uint32_t)in[c] + in[e * LANES + c]);
    for (int t = 1; t < e; t++)
        for (int c = 0; c < LANES; c++)
            n[c] += A * in[t * LANES + c];
    for (int j = 0; j < nout; j++) {
        const uint16_t *p = in + (size_t)j * LANES;
        for (int c = 0; c < LANES; c++)
            out[(size_t)j * LANES + c] = (uint16_t)mr_blur_box_out(n[c], sh);
        if (j + 1 < nout)
            for (int c = 0; c < LANES; c++)
                n[c] += inner * ((uint32_t)p[e * LANES + c] - p[LANES + c]) +
                        a * ((uint32_t)p[(e + 1) * LANES + c] - p[c]);
    }
}

#ifdef BOX_X86
#define AVX2 __attribute__((target("avx2")))

static inline __m256i AVX2 load(const uint16_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}

/* pass_plain with the sums in two registers (lanes 0-3 and 8-11, then 4-7 and 12-15, the
 * order the 16-bit interleaves leave them in), each slide one multiply-add of the 16-bit
 * differences pairwise: (A - a) (in the new - in the old) + a (end new - end old). */
AVX2 static void pass_avx2(const uint16_t *in, uint16_t *out, int nout, const mr_blur_box *b, int sh)
{
    const int e = 2 * b->r + 2;
    const __m256i z = _mm256_setzero_si256(), half = _mm256_set1_epi32((int)(1u << (sh - 1)));
    const __m256i wp = _mm256_set1_epi32((int)(((b->A - b->a) & 0xffffu) | b->a << 16));
    const __m128i shift = _mm_cvtsi32_si128(sh);
    __m256i lo = z, hi = z;
    for (int t = 1; t < e; t++) {
        __m256i v = load(in + t * LANES);
        lo = _mm256_add_epi32(lo, _mm256_unpacklo_epi16(v, z));
        hi = _mm256_add_epi32(hi, _mm256_unpackhi_epi16(v, z));
    }
    const __m256i wA = _mm256_set1_epi32((int)b->A), wa = _mm256_set1_epi32((int)b->a);
    __m256i ends = _mm256_add_epi16(load(in), load(in + e * LANES));
    lo = _mm256_add_epi32(_mm256_mullo_epi32(lo, wA), _mm256_mullo_epi32(_mm256_unpacklo_epi16(ends, z), wa));
    hi = _mm256_add_epi32(_mm256_mullo_epi32(hi, wA), _mm256_mullo_epi32(_mm256_unpackhi_epi16(ends, z), wa));
    for (int j = 0; j < nout; j++) {
        const uint16_t *p = in + (size_t)j * LANES;
        __m256i ol = _mm256_srl_epi32(_mm256_add_epi32(lo, half), shift);
        __m256i oh = _mm256_srl_epi32(_mm256_add_epi32(hi, half), shift);
        _mm256_storeu_si256((__m256i *)(out + (size_t)j * LANES), _mm256_packus_epi32(ol, oh));
        if (j + 1 < nout) {
            __m256i d1 = _mm256_sub_epi16(load(p + e * LANES), load(p + LANES));
            __m256i d2 = _mm256_sub_epi16(load(p + (e + 1) * LANES), load(p));
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(d1, d2), wp));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(d1, d2), wp));
        }
    }
}

/* Element i of the line across from the pixels x of the 4 rows: 8-bit values to 8.4. */
AVX2 static inline __m256i four_px(const uint8_t *const *rows, int x)
{
    uint32_t p[4];
    for (int k = 0; k < 4; k++)
        memcpy(&p[k], rows[k] + 4 * x, 4);
    __m128i v = _mm_set_epi32((int)p[3], (int)p[2], (int)p[1], (int)p[0]);
    return _mm256_slli_epi16(_mm256_cvtepu8_epi16(v), MR_BLUR_BOX_FRAC);
}

/* fill_rows (below) by whole elements. */
AVX2 static void fill_rows_avx2(const uint8_t *const *rows, int w, int reach, uint16_t *o)
{
    const __m256i first = four_px(rows, 0), last = four_px(rows, w - 1);
    for (int i = 0; i < reach; i++) {
        _mm256_storeu_si256((__m256i *)(o + (size_t)i * LANES), first);
        _mm256_storeu_si256((__m256i *)(o + (size_t)(reach + w + i) * LANES), last);
    }
    for (int x = 0; x < w; x++)
        _mm256_storeu_si256((__m256i *)(o + (size_t)(reach + x) * LANES), four_px(rows, x));
}

/* fill_cols and store_cols (below) for a whole strip. */
AVX2 static void fill_cols_avx2(const uint16_t *mid, int n, int h, int reach, uint16_t *o)
{
    const __m256i round = _mm256_set1_epi16(1 << (8 - MR_BLUR_BOX_FRAC - 1));
    for (int i = 0; i < h + 2 * reach; i++) {
        __m256i v = load(mid + (size_t)clampi(i - reach, 0, h - 1) * n);
        _mm256_storeu_si256((__m256i *)(o + (size_t)i * LANES),
                            _mm256_srli_epi16(_mm256_add_epi16(v, round), 8 - MR_BLUR_BOX_FRAC));
    }
}

AVX2 static void store_cols_avx2(const uint16_t *res, mr_frame *dst, int x0)
{
    for (int y = 0; y < dst->h; y++) {
        __m256i v = load(res + (size_t)y * LANES);
        __m128i b = _mm_packus_epi16(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
        _mm_storeu_si128((__m128i *)(mr_frame_row(dst, y) + x0), b);
    }
}
#endif

/* The line across of the 4 rows (their pixels 4 lanes apart), edges repeated reach elements
 * beyond each end, in o. */
static void fill_rows(const uint8_t *const *rows, int w, int reach, uint16_t *o)
{
#ifdef BOX_X86
    if (mr_cpu_blur_simd()) {
        fill_rows_avx2(rows, w, reach, o);
        return;
    }
#endif
    for (int i = 0; i < w + 2 * reach; i++) {
        const int x = 4 * clampi(i - reach, 0, w - 1);
        for (int k = 0; k < 4; k++)
            for (int c = 0; c < 4; c++)
                o[(size_t)i * LANES + 4 * k + c] = mr_blur_box_in8(rows[k][x + c]);
    }
}

/* The line down of m (at most 16) values of each row of mid (n values a row, h rows; the
 * first at mid), edges repeated reach elements beyond each end, in o; lanes past m 0. */
static void fill_cols(const uint16_t *mid, int n, int h, int m, int reach, uint16_t *o)
{
#ifdef BOX_X86
    if (m == LANES && mr_cpu_blur_simd()) {
        fill_cols_avx2(mid, n, h, reach, o);
        return;
    }
#endif
    for (int i = 0; i < h + 2 * reach; i++) {
        const uint16_t *in = mid + (size_t)clampi(i - reach, 0, h - 1) * n;
        for (int c = 0; c < LANES; c++)
            o[(size_t)i * LANES + c] = c < m ? mr_blur_box_in16(in[c]) : 0;
    }
}

/* The results down (8-bit values in 16-bit lanes) into the m values from x0 of dst's rows. */
static void store_cols(const uint16_t *res, mr_frame *dst, int x0, int m)
{
#ifdef BOX_X86
    if (m == LANES && mr_cpu_blur_simd()) {
        store_cols_avx2(res, dst, x0);
        return;
    }
#endif
    for (int y = 0; y < dst->h; y++)
        for (int c = 0; c < m; c++)
            mr_frame_row(dst, y)[x0 + c] = (uint8_t)res[(size_t)y * LANES + c];
}

/* k's passes over the line in cur (nfinal + 2 reach elements), other the room for their
 * results; the last pass rounds for last (mr_blur_box_shift's out). Returns the buffer that
 * holds the nfinal results. */
static uint16_t *run_passes(uint16_t *cur, uint16_t *other, int nfinal, const mr_blur_taps *k, int last)
{
    int len = nfinal + 2 * mr_blur_box_reach(k);
    for (int p = 0; p < k->passes; p++) {
        const mr_blur_box *b = &k->box[p];
        const int nout = len - 2 * (b->r + 1), sh = mr_blur_box_shift(b, p == k->passes - 1 ? last : 0);
#ifdef BOX_X86
        if (mr_cpu_blur_simd())
            pass_avx2(cur, other, nout, b, sh);
        else
#endif
            pass_plain(cur, other, nout, b, sh);
        uint16_t *t = cur;
        cur = other;
        other = t;
        len = nout;
    }
    return cur;
}

void mr_cpu_blur_box_rows(const mr_frame *src, const mr_blur_taps *kx, uint16_t *mid, int y0, int y1,
                          uint16_t *scratch)
{
    const int w = src->w, reach = mr_blur_box_reach(kx);
    uint16_t *b0 = scratch, *b1 = scratch + mr_cpu_blur_box_scratch(w, 0, kx, kx) / 2;
    for (int y = y0; y < y1; y += 4) {
        const uint8_t *rows[4];
        for (int k = 0; k < 4; k++) /* past y1: the last row again, not kept */
            rows[k] = mr_frame_row(src, y + k < y1 ? y + k : y1 - 1);
        fill_rows(rows, w, reach, b0);
        const uint16_t *res = run_passes(b0, b1, w, kx, 1);
        for (int k = 0; k < 4 && y + k < y1; k++) {
            uint16_t *out = mid + (size_t)(y + k) * 4 * w;
            for (int x = 0; x < w; x++)
                memcpy(out + 4 * x, res + (size_t)x * LANES + 4 * k, 4 * sizeof(uint16_t));
        }
    }
}

void mr_cpu_blur_box_cols(const uint16_t *mid, const mr_blur_taps *ky, mr_frame *dst, int i0, int i1,
                          uint16_t *scratch)
{
    const int h = dst->h, n = 4 * dst->w, reach = mr_blur_box_reach(ky);
    uint16_t *b0 = scratch, *b1 = scratch + mr_cpu_blur_box_scratch(0, h, ky, ky) / 2;
    for (int x0 = i0; x0 < i1; x0 += LANES) {
        const int m = i1 - x0 < LANES ? i1 - x0 : LANES;
        fill_cols(mid + x0, n, h, m, reach, b0);
        store_cols(run_passes(b0, b1, h, ky, 2), dst, x0, m);
    }
}
