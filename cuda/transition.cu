/* transition.cu: a transition's pixels on the GPU (twin of engine/kernels/cpu/transition.c):
 * the integer arithmetic of transition_params.h, one thread a pixel. */
#include "cuda/kernels.h"
#include "engine/kernels/transition_params.h"

__global__ static void transition(uint8_t *dst, int ds, const uint8_t *a, int as, const uint8_t *b, int bs,
                                  const uint8_t *map, int ms, int w, int h, mr_tr_params k)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    uint32_t *d = (uint32_t *)(dst + (long)y * ds) + x;
    uint32_t pa = ((const uint32_t *)(a + (long)y * as))[x], pb = ((const uint32_t *)(b + (long)y * bs))[x];
    uint32_t m = k.shape == MR_TR_MAP ? ((const uint32_t *)(map + (long)y * ms))[x] : 0;
    *d = mr_tr_mix(pa, pb, mr_tr_coverage(&k, x, y, m));
}

extern "C" int mr_cu_transition(uint8_t *dst, int dst_stride, const uint8_t *a, int a_stride, const uint8_t *b,
                                int b_stride, const uint8_t *map, int map_stride, int w, int h, const mr_tr_params *k,
                                mr_cu_stream stream)
{
    transition<<<dim3((w + 31) / 32, (h + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(
        dst, dst_stride, a, a_stride, b, b_stride, map, map_stride, w, h, *k);
    return (int)cudaGetLastError();
}
