/* isqrt.h: the integer square root of the kernels (soft light, the chroma key's distance):
 * plain C that nvcc reads too, so both engines get the same answer. */
#ifndef MR_ISQRT_H
#define MR_ISQRT_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

/* floor(sqrt(n)) for n < 2^62, by bits: the same answer on every processor. */
static inline MR_HD uint64_t mr_isqrt(uint64_t n)
{
    uint64_t r = 0, bit = 1ull << 62;
    while (bit > n)
        bit >>= 2;
    while (bit) {
        if (n >= r + bit) {
            n -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

#endif
