/* blur.c: the Gaussian blur on the CPU, in the integer arithmetic of blur_params.h: the exact
 * taps here, the box passes of large sigmas in blur_box.c (chosen axis by axis). Each pass
 * takes 32 values of a row (8 pixels) at a time through every tap, adding pairs of values t
 * apart times their weight, with the sums held in registers: hand-written AVX2 where the
 * machine has it (16-bit multiplies that add pairs, vpmaddwd), else plain loops that the
 * compiler vectorises. The sums are exact 32-bit integers (modulo 2^32 on the way, exact at
 * the end), so the bits depend neither on their order nor on which loops ran. */
#include "engine/kernels/cpu/blur.h"

#include "engine/kernels/cpu/blur_box.h"

#include <stdbool.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define BLUR_X86 1
#endif

/* GCC's unroll-and-jam of the tap loop would turn the plain vector loops back into scalar
 * ones: it is kept off in this file. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-loop-unroll-and-jam")
#endif

#define BLOCK 32  /* values summed at a time */
#ifndef STRIP
#define STRIP 256 /* values of a row down which the vertical pass goes at a time */
#endif

static bool simd_wanted = true;

void mr_cpu_blur_use_simd(bool on)
{
    simd_wanted = on;
}

bool mr_cpu_blur_simd(void)
{
#ifdef BLUR_X86
    return simd_wanted && __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

static inline int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* One output value across: the taps around centre[0], 4 values (a pixel) apart. */
static inline uint32_t across_one(const uint16_t *centre, const mr_blur_taps *k)
{
    uint32_t acc = k->w[0] * centre[0];
    for (int t = 1; t <= k->radius; t++)
        acc += k->w[t] * (uint32_t)(centre[-4 * t] + centre[4 * t]);
    return acc;
}

#ifdef BLUR_X86
#define AVX2 __attribute__((target("avx2")))

/* 32-bit sums of 16 values come in the order the 16-bit interleaves leave them: lo holds
 * values 0-3 and 8-11, hi 4-7 and 12-15; packing lo with hi puts them back in order. */

/* w times the 16 values v (each below 2^16): the centre's term, in lo/hi order. */
AVX2 static inline void times(__m256i v, __m256i w, __m256i *lo, __m256i *hi)
{
    const __m256i z = _mm256_setzero_si256();
    *lo = _mm256_mullo_epi32(_mm256_unpacklo_epi16(v, z), w);
    *hi = _mm256_mullo_epi32(_mm256_unpackhi_epi16(v, z), w);
}

/* lo, hi += the pairs (p, q) interleaved, times the weight pair wp (p's weight in its low
 * half, q's in its high half): p w + q w' per value, signed 16-bit operands. */
AVX2 static inline void pairs(__m256i p, __m256i q, __m256i wp, __m256i *lo, __m256i *hi)
{
    *lo = _mm256_add_epi32(*lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(p, q), wp));
    *hi = _mm256_add_epi32(*hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(p, q), wp));
}

static inline __m256i AVX2 load(const uint16_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}

/* Sums of pixels t apart across (values of at most 510, two taps a multiply: weights past
 * the centre are below 2^15). Returns how many values it did: whole blocks. */
AVX2 static int across_avx2(const uint16_t *centre, int n, const mr_blur_taps *k, uint16_t *out)
{
    const int r = k->radius, blocks = n / BLOCK * BLOCK;
    const __m256i w0 = _mm256_set1_epi32((int)k->w[0]), round = _mm256_set1_epi32(1 << 7);
    for (int i0 = 0; i0 < blocks; i0 += BLOCK) {
        const uint16_t *c = centre + i0;
        __m256i l0, h0, l1, h1;
        times(load(c), w0, &l0, &h0);
        times(load(c + 16), w0, &l1, &h1);
        for (int t = 1; t <= r; t += 2) {
            const uint16_t *a = c - 4 * t, *b = c + 4 * t;
            __m256i s0 = _mm256_add_epi16(load(a), load(b)), s1 = _mm256_add_epi16(load(a + 16), load(b + 16));
            __m256i u0 = _mm256_setzero_si256(), u1 = u0;
            uint32_t next = 0;
            if (t < r) { /* and the next tap out */
                u0 = _mm256_add_epi16(load(a - 4), load(b + 4));
                u1 = _mm256_add_epi16(load(a + 12), load(b + 20));
                next = k->w[t + 1];
            }
            __m256i wp = _mm256_set1_epi32((int)(k->w[t] | next << 16));
            pairs(s0, u0, wp, &l0, &h0);
            pairs(s1, u1, wp, &l1, &h1);
        }
        l0 = _mm256_srli_epi32(_mm256_add_epi32(l0, round), 8);
        h0 = _mm256_srli_epi32(_mm256_add_epi32(h0, round), 8);
        l1 = _mm256_srli_epi32(_mm256_add_epi32(l1, round), 8);
        h1 = _mm256_srli_epi32(_mm256_add_epi32(h1, round), 8);
        _mm256_storeu_si256((__m256i *)(out + i0), _mm256_packus_epi32(l0, h0));
        _mm256_storeu_si256((__m256i *)(out + i0 + 16), _mm256_packus_epi32(l1, h1));
    }
    return blocks;
}

/* Sums down: 8.8 values are up to 65280, so each is taken as a signed value 32768 less (its
 * top bit flipped) and the 32768 times the weights added back once, as a constant. */
AVX2 static int down_avx2(const uint16_t *const *rows, int n, const mr_blur_taps *k, uint8_t *out)
{
    const int r = k->radius, blocks = n / BLOCK * BLOCK;
    const uint32_t back = 32768u * ((1u << 16) - k->w[0]) + (1u << 23); /* and the rounding */
    const __m256i w0 = _mm256_set1_epi32((int)k->w[0]), flip = _mm256_set1_epi16((short)0x8000);
    for (int i0 = 0; i0 < blocks; i0 += BLOCK) {
        __m256i l0, h0, l1, h1;
        times(load(rows[r] + i0), w0, &l0, &h0);
        times(load(rows[r] + i0 + 16), w0, &l1, &h1);
        for (int t = 1; t <= r; t++) {
            const uint16_t *a = rows[r - t] + i0, *b = rows[r + t] + i0;
            __m256i wp = _mm256_set1_epi32((int)(k->w[t] | k->w[t] << 16));
            pairs(_mm256_xor_si256(load(a), flip), _mm256_xor_si256(load(b), flip), wp, &l0, &h0);
            pairs(_mm256_xor_si256(load(a + 16), flip), _mm256_xor_si256(load(b + 16), flip), wp, &l1, &h1);
        }
        const __m256i add = _mm256_set1_epi32((int)back);
        l0 = _mm256_srli_epi32(_mm256_add_epi32(l0, add), 24);
        h0 = _mm256_srli_epi32(_mm256_add_epi32(h0, add), 24);
        l1 = _mm256_srli_epi32(_mm256_add_epi32(l1, add), 24);
        h1 = _mm256_srli_epi32(_mm256_add_epi32(h1, add), 24);
        __m256i bytes = _mm256_packus_epi16(_mm256_packus_epi32(l0, h0), _mm256_packus_epi32(l1, h1));
        bytes = _mm256_permute4x64_epi64(bytes, _MM_SHUFFLE(3, 1, 2, 0));
        _mm256_storeu_si256((__m256i *)(out + i0), bytes);
    }
    return blocks;
}
#endif

/* n values of a row across, from its padded copy (centre: its first value). */
static void across(const uint16_t *restrict centre, int n, const mr_blur_taps *k, uint16_t *restrict out)
{
    const int r = k->radius, blocks = n / BLOCK * BLOCK;
    int done = 0;
#ifdef BLUR_X86
    if (mr_cpu_blur_simd())
        done = across_avx2(centre, n, k, out);
#endif
    for (int i0 = done; i0 < blocks; i0 += BLOCK) {
        const uint16_t *c = centre + i0;
        uint32_t acc[BLOCK];
        for (int j = 0; j < BLOCK; j++)
            acc[j] = k->w[0] * c[j];
        for (int t = 1; t <= r; t++) {
            const uint32_t wt = k->w[t];
            for (int j = 0; j < BLOCK; j++)
                acc[j] += wt * (uint32_t)(uint16_t)(c[j - 4 * t] + c[j + 4 * t]);
        }
        for (int j = 0; j < BLOCK; j++)
            out[i0 + j] = mr_blur_mid(acc[j]);
    }
    for (int i = blocks; i < n; i++)
        out[i] = mr_blur_mid(across_one(centre + i, k));
}

void mr_cpu_blur_rows(const mr_frame *src, const mr_blur_taps *kx, uint16_t *mid, int y0, int y1, uint16_t *pad)
{
    const int w = src->w, r = kx->radius, n = 4 * w;
    for (int y = y0; y < y1; y++) {
        const uint8_t *in = mr_frame_row(src, y);
        uint16_t *out = mid + (size_t)y * n;
        if (r == 0) { /* this axis untouched: exact 8.8 values */
            for (int i = 0; i < n; i++)
                out[i] = (uint16_t)(in[i] << 8);
            continue;
        }
        for (int t = 0; t < r; t++) /* the edge pixels repeated */
            for (int c = 0; c < 4; c++) {
                pad[4 * t + c] = in[c];
                pad[4 * (r + w + t) + c] = in[4 * (w - 1) + c];
            }
        for (int i = 0; i < n; i++)
            pad[4 * r + i] = in[i];
        across(pad + 4 * r, n, kx, out);
    }
}

/* n values of an output row down: rows[t] is the row radius - t above (clamped), at the
 * same place in it. */
static void down(const uint16_t *const *rows, int n, const mr_blur_taps *k, uint8_t *restrict out)
{
    const int r = k->radius, blocks = n / BLOCK * BLOCK;
    int done = 0;
#ifdef BLUR_X86
    if (mr_cpu_blur_simd())
        done = down_avx2(rows, n, k, out);
#endif
    for (int i0 = done; i0 < blocks; i0 += BLOCK) {
        const uint16_t *c = rows[r] + i0;
        uint32_t acc[BLOCK];
        for (int j = 0; j < BLOCK; j++)
            acc[j] = k->w[0] * c[j];
        for (int t = 1; t <= r; t++) {
            const uint32_t wt = k->w[t];
            const uint16_t *a = rows[r - t] + i0, *b = rows[r + t] + i0;
            for (int j = 0; j < BLOCK; j++)
                acc[j] += wt * ((uint32_t)a[j] + b[j]);
        }
        for (int j = 0; j < BLOCK; j++)
            out[i0 + j] = mr_blur_out(acc[j]);
    }
    for (int i = blocks; i < n; i++) {
        uint32_t acc = k->w[0] * rows[r][i];
        for (int t = 1; t <= r; t++)
            acc += k->w[t] * ((uint32_t)rows[r - t][i] + rows[r + t][i]);
        out[i] = mr_blur_out(acc);
    }
}

void mr_cpu_blur_cols(const uint16_t *mid, const mr_blur_taps *ky, mr_frame *dst, int y0, int y1)
{
    const int r = ky->radius, n = 4 * dst->w;
    const uint16_t *rows[2 * MR_BLUR_RADIUS_MAX + 1];
    for (int i0 = 0; i0 < n; i0 += STRIP) { /* a strip down all rows: its taps stay cached */
        for (int y = y0; y < y1; y++) {
            for (int t = -r; t <= r; t++)
                rows[r + t] = mid + (size_t)clampi(y + t, 0, dst->h - 1) * n + i0;
            down(rows, n - i0 < STRIP ? n - i0 : STRIP, ky, mr_frame_row(dst, y) + i0);
        }
    }
}

int mr_cpu_blur(mr_eval *ev, const mr_frame *src, mr_frame *dst, const mr_blur_taps *kx, const mr_blur_taps *ky)
{
    dst->opaque = src->opaque;
    if (kx->radius == 0 && ky->radius == 0) {
        for (int y = 0; y < src->h; y++)
            memcpy(mr_frame_row(dst, y), mr_frame_row(src, y), (size_t)src->w * 4);
        return 0;
    }
    size_t n = 4 * (size_t)src->w, pad = 4 * ((size_t)src->w + 2 * (size_t)kx->radius);
    size_t box = mr_cpu_blur_box_scratch(src->w, src->h, kx, ky);
    size_t bytes = sizeof(uint16_t) * (n * src->h + (pad > box ? pad : box));
    uint16_t *mid = (uint16_t *)mr_eval_tmp_push(ev, (bytes + sizeof(float) - 1) / sizeof(float));
    if (!mid)
        return -1;
    uint16_t *more = mid + n * src->h;
    if (kx->passes)
        mr_cpu_blur_box_rows(src, kx, mid, 0, src->h, more);
    else
        mr_cpu_blur_rows(src, kx, mid, 0, src->h, more);
    if (ky->passes)
        mr_cpu_blur_box_cols(mid, ky, dst, 0, (int)n, more);
    else
        mr_cpu_blur_cols(mid, ky, dst, 0, dst->h);
    mr_eval_tmp_pop(ev);
    return 0;
}
