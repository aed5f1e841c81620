/* coverage.cu: mask arithmetic on the GPU (twin of engine/kernels/cpu/coverage.c): one thread
 * a pixel, mr_cov_pixel's arithmetic. */
#include "cuda/kernels.h"

__global__ static void coverage(uint8_t *dst, int dst_stride, const uint8_t *a, int a_stride, const uint8_t *b,
                                int b_stride, int w, int h, mr_cov_op op, uint32_t v)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    uint32_t pa = ((const uint32_t *)(a + (long)y * a_stride))[x];
    uint32_t pb = b ? ((const uint32_t *)(b + (long)y * b_stride))[x] : 0;
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = mr_cov_pixel(op, pa, pb, v);
}

extern "C" int mr_cu_coverage(uint8_t *dst, int dst_stride, const uint8_t *a, int a_stride, const uint8_t *b,
                              int b_stride, int w, int h, mr_cov_op op, unsigned v, mr_cu_stream stream)
{
    dim3 block(32, 8), grid((w + 31) / 32, (h + 7) / 8);
    coverage<<<grid, block, 0, (cudaStream_t)stream>>>(dst, dst_stride, a, a_stride, b, b_stride, w, h, op, v);
    return (int)cudaGetLastError();
}
