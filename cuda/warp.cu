/* warp.cu: the affine warp on the GPU (twin of engine/kernels/cpu/warp.c): one thread a
 * destination pixel, mr_warp_pixel's integer arithmetic (engine/kernels/warp_params.h), so its
 * bits are the CPU's two-pass ones; k comes prepared (mr_warp_prepare). */
#include "cuda/kernels.h"

__global__ static void warp(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                            mr_warp_params k)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = mr_warp_pixel(&k, src, src_stride, x, y);
}

extern "C" int mr_cu_warp(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int dw, int dh,
                          const mr_warp_params *k, mr_cu_stream stream)
{
    dim3 block(32, 8), grid((dw + 31) / 32, (dh + 7) / 8);
    warp<<<grid, block, 0, (cudaStream_t)stream>>>(src, src_stride, dst, dst_stride, dw, dh, *k);
    return (int)cudaGetLastError();
}
