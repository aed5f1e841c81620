/* lut.c: a 3D LUT on the CPU (the reference of cuda/lut.cu), in the integer arithmetic of
 * lut_params.h. Opaque pixels go two at a time through hand-written AVX2 where the machine
 * has it: the eight corners of a pixel's cell are loaded as four 32-bit lanes (r, g, b,
 * unused) and the seven linear steps run on all channels at once, as a + (((b - a) f + 2048)
 * >> 12), which is lut_params.h's rounding exactly (a 4096 a is whole in the shift). Other
 * pixels, and machines without AVX2, take the plain loop; both give the same bits. */
#include "engine/kernels/cpu/lut.h"

#include "engine/kernels/cpu/simd.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define LUT_X86 1
#endif

static bool simd_wanted = true;

void mr_cpu_lut_use_simd(bool on)
{
    simd_wanted = on;
}

/* n packed pixels through k in place, one at a time. */
static void lut_plain(uint32_t *restrict p, int n, const mr_lut_params *k)
{
    for (int i = 0; i < n; i++)
        p[i] = mr_lut_pixel(p[i], k);
}

#ifdef LUT_X86
#define AVX2 __attribute__((target("avx2")))

/* The corner of the cell at q + off as 4 lanes, two pixels' worth (lo: pixel a, hi: pixel b). */
AVX2 static inline __m256i corners(const uint16_t *qa, const uint16_t *qb, long offa, long offb)
{
    __m128i a = _mm_loadl_epi64((const __m128i *)(qa + offa)), b = _mm_loadl_epi64((const __m128i *)(qb + offb));
    return _mm256_cvtepu16_epi32(_mm_unpacklo_epi64(a, b));
}

/* a + (((b - a) f + 2048) >> 12) in every lane. */
AVX2 static inline __m256i lerp(__m256i a, __m256i b, __m256i f)
{
    __m256i d = _mm256_mullo_epi32(_mm256_sub_epi32(b, a), f);
    return _mm256_add_epi32(a, _mm256_srai_epi32(_mm256_add_epi32(d, _mm256_set1_epi32(MR_LUT_FRAC_ONE / 2)),
                                                 MR_LUT_FRAC_BITS));
}

/* Where pixel p's cell starts in the grid, and its three fractions. */
typedef struct cell {
    const uint16_t *q;
    uint32_t fr, fg, fb;
} cell;

static inline cell locate(uint32_t p, const mr_lut_params *k)
{
    uint32_t pr = k->pos[p & 255], pg = k->pos[256 + (p >> 8 & 255)], pb = k->pos[512 + (p >> 16 & 255)];
    long dg = 4L * k->n;
    return (cell){k->grid + ((long)(pb >> 16) * k->n + (pg >> 16)) * dg + (long)(pr >> 16) * 4, pr & 0xffff,
                  pg & 0xffff, pb & 0xffff};
}

/* Two opaque pixels through k, in place. */
AVX2 static inline void two(uint32_t *p, const mr_lut_params *k)
{
    cell a = locate(p[0], k), b = locate(p[1], k);
    long dg = 4L * k->n, db = dg * k->n;
    __m256i fr = _mm256_setr_epi32(a.fr, a.fr, a.fr, a.fr, b.fr, b.fr, b.fr, b.fr);
    __m256i fg = _mm256_setr_epi32(a.fg, a.fg, a.fg, a.fg, b.fg, b.fg, b.fg, b.fg);
    __m256i fb = _mm256_setr_epi32(a.fb, a.fb, a.fb, a.fb, b.fb, b.fb, b.fb, b.fb);
    __m256i x00 = lerp(corners(a.q, b.q, 0, 0), corners(a.q, b.q, 4, 4), fr);
    __m256i x10 = lerp(corners(a.q, b.q, dg, dg), corners(a.q, b.q, dg + 4, dg + 4), fr);
    __m256i x01 = lerp(corners(a.q, b.q, db, db), corners(a.q, b.q, db + 4, db + 4), fr);
    __m256i x11 = lerp(corners(a.q, b.q, db + dg, db + dg), corners(a.q, b.q, db + dg + 4, db + dg + 4), fr);
    __m256i z = lerp(lerp(x00, x10, fg), lerp(x01, x11, fg), fb);
    /* (z + 128) / 257 for z in 0 .. 65535 is ((z + 128) 65281) >> 24 */
    __m256i c = _mm256_srli_epi32(_mm256_mullo_epi32(_mm256_add_epi32(z, _mm256_set1_epi32(128)),
                                                     _mm256_set1_epi32(65281)), 24);
    if (k->amount != 256) {
        __m256i in = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)p));
        c = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(_mm256_mullo_epi32(in, _mm256_set1_epi32(256 - k->amount)),
                                                                _mm256_mullo_epi32(c, _mm256_set1_epi32(k->amount))),
                                               _mm256_set1_epi32(128)), 8);
    }
    /* lanes to bytes: r g b (and the unused lane, replaced by opaque alpha) */
    __m256i w = _mm256_packus_epi32(c, c);           /* 16-bit: per 128-bit half, r g b x r g b x */
    w = _mm256_packus_epi16(w, w);                   /* 8-bit */
    uint32_t ra = (uint32_t)_mm256_extract_epi32(w, 0), rb = (uint32_t)_mm256_extract_epi32(w, 4);
    p[0] = (ra & 0xffffffu) | 0xff000000u;
    p[1] = (rb & 0xffffffu) | 0xff000000u;
}

/* n packed pixels through k in place: pairs of opaque pixels by AVX2, the rest one by one. */
AVX2 static void lut_avx2(uint32_t *restrict p, int n, const mr_lut_params *k)
{
    int i = 0;
    for (; i + 1 < n; i += 2) {
        if ((p[i] & p[i + 1]) >> 24 == 255)
            two(p + i, k);
        else
            lut_plain(p + i, 2, k);
    }
    lut_plain(p + i, n - i, k);
}
#endif

void mr_cpu_lut(mr_frame *f, const mr_lut_params *k)
{
    mr_lut_params kk = *k; /* a local copy: the loop need not reload it */
    void (*row)(uint32_t *restrict, int, const mr_lut_params *) = lut_plain;
#ifdef LUT_X86
    if (mr_cpu_avx2(simd_wanted))
        row = lut_avx2;
#endif
    for (int y = 0; y < f->h; y++)
        row((uint32_t *)mr_frame_row(f, y), f->w, &kk);
}
