/* simd.h: whether a CPU kernel's hand-written AVX2 loops may run: the machine has AVX2 (asked
 * at run time), and the kernel's own switch for tests is on. Kernels whose plain loops the
 * compiler builds twice (target_clones) need nothing of this. */
#ifndef MR_CPU_SIMD_H
#define MR_CPU_SIMD_H

#include <stdbool.h>

/* Whether AVX2 loops may run here, given the kernel's switch wanted. */
static inline bool mr_cpu_avx2(bool wanted)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return wanted && __builtin_cpu_supports("avx2");
#else
    (void)wanted;
    return false;
#endif
}

#endif
