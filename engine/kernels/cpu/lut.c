/* lut.c: a 3D LUT on the CPU (the reference of cuda/lut.cu). */
#include "engine/kernels/cpu/lut.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* n packed pixels through k in place. */
HOT static void lut_row(uint32_t *restrict p, int n, const mr_lut_params *k)
{
    for (int i = 0; i < n; i++)
        p[i] = mr_lut_pixel(p[i], k);
}

void mr_cpu_lut(mr_frame *f, const mr_lut_params *k)
{
    mr_lut_params kk = *k; /* a local copy: the loop need not reload it */
    for (int y = 0; y < f->h; y++)
        lut_row((uint32_t *)mr_frame_row(f, y), f->w, &kk);
}
