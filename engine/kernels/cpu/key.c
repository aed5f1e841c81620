/* key.c: chroma and luma keys on the CPU (the reference of cuda/key.cu). */
#include "engine/kernels/cpu/key.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* n packed pixels keyed in place. */
HOT static void key_row(uint32_t *restrict p, int n, const mr_key_params *k)
{
    for (int i = 0; i < n; i++)
        p[i] = mr_key_pixel(p[i], k);
}

void mr_cpu_key(mr_frame *f, const mr_key_params *k)
{
    mr_key_params kk = *k; /* a local copy: the loop need not reload it */
    for (int y = 0; y < f->h; y++)
        key_row((uint32_t *)mr_frame_row(f, y), f->w, &kk);
    f->opaque = false;
}
