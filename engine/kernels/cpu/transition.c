/* transition.c: a transition's pixels on the CPU (the reference of cuda/transition.cu): a
 * row's coverage first, then the mix, so the mix vectorises; a crossfade mixes only, and a
 * wipe's coverage is made once (across: the same for every row; down: one a row). */
#include "engine/kernels/cpu/transition.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* n pixels of b over a by one coverage c into d (d may be a). */
HOT static void mix_uniform(uint32_t *d, const uint32_t *a, const uint32_t *restrict b, int n, uint32_t c)
{
    for (int i = 0; i < n; i++)
        d[i] = mr_tr_mix(a[i], b[i], c);
}

/* n pixels of b over a by the coverages c[i] into d (d may be a). */
HOT static void mix_row(uint32_t *d, const uint32_t *a, const uint32_t *restrict b, const uint8_t *restrict c, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = mr_tr_mix(a[i], b[i], c[i]);
}

/* Row y's coverages into c (m: the MAP picture's row, or NULL). */
static void coverage_row(const mr_tr_params *k, int y, int n, const uint32_t *m, uint8_t *c)
{
    for (int x = 0; x < n; x++)
        c[x] = (uint8_t)mr_tr_coverage(k, x, y, m ? m[x] : 0);
}

void mr_cpu_transition(mr_frame *dst, const mr_frame *a, const mr_frame *b, const mr_frame *map,
                       const mr_tr_params *k)
{
    mr_tr_params kk = *k; /* a local copy: the loops need not reload it */
    uint8_t cov[16384];   /* a row's coverages (pictures are at most 16384 wide) */
    for (int y = 0; y < dst->h; y++) {
        uint32_t *d = (uint32_t *)mr_frame_row(dst, y);
        const uint32_t *ra = (const uint32_t *)mr_frame_row(a, y), *rb = (const uint32_t *)mr_frame_row(b, y);
        if (kk.shape == MR_TR_UNIFORM) {
            mix_uniform(d, ra, rb, dst->w, (uint32_t)kk.cov);
        } else if (kk.shape == MR_TR_LINEAR && kk.ax == 0) { /* one coverage a row */
            mix_uniform(d, ra, rb, dst->w, mr_tr_coverage(&kk, 0, y, 0));
        } else {
            const uint32_t *m = kk.shape == MR_TR_MAP ? (const uint32_t *)mr_frame_row(map, y) : NULL;
            if (y == 0 || !(kk.shape == MR_TR_LINEAR && kk.ay == 0)) /* across: the same every row */
                coverage_row(&kk, y, dst->w, m, cov);
            mix_row(d, ra, rb, cov, dst->w);
        }
    }
    dst->opaque = a->opaque && b->opaque;
}
