/* coverage.c: mask arithmetic on the CPU, mr_cov_pixel over every pixel. */
#include "engine/kernels/cpu/coverage.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* One row: a picture times a mask (clip:mask, an intersection), the commonest, in a loop of its
 * own that the compiler vectorises; any other op pixel by pixel. */
HOT static void cov_row(uint32_t *restrict pd, const uint32_t *restrict pa, const uint32_t *restrict pb, int n,
                        mr_cov_op op, unsigned v)
{
    if (op == MR_COV_MUL) {
        for (int x = 0; x < n; x++)
            pd[x] = mr_cov_pixel(MR_COV_MUL, pa[x], pb[x], v);
        return;
    }
    for (int x = 0; x < n; x++)
        pd[x] = mr_cov_pixel(op, pa[x], pb ? pb[x] : 0, v);
}

void mr_cpu_coverage(mr_frame *dst, const mr_frame *a, const mr_frame *b, mr_cov_op op, unsigned v)
{
    for (int y = 0; y < dst->h; y++) {
        const uint32_t *pa = (const uint32_t *)mr_frame_row(a, y);
        const uint32_t *pb = mr_cov_binary(op) ? (const uint32_t *)mr_frame_row(b, y) : NULL;
        cov_row((uint32_t *)mr_frame_row(dst, y), pa, pb, dst->w, op, v);
    }
}
