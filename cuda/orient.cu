/* orient.cu: quarter turns and mirrors of working frames on the GPU (twin of
 * engine/kernels/cpu/orient.c): one thread per shown pixel, copying the stored pixel it maps to. */
#include "cuda/kernels.h"

__global__ static void orient(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                              mr_orient_params k)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    int sx = k.x0 + k.xx * x + k.xy * y, sy = k.y0 + k.yx * x + k.yy * y;
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = ((const uint32_t *)(src + (long)sy * src_stride))[sx];
}

extern "C" int mr_cu_orient(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int dw, int dh,
                            const mr_orient_params *k, mr_cu_stream stream)
{
    dim3 block(32, 8), grid((dw + 31) / 32, (dh + 7) / 8);
    orient<<<grid, block, 0, (cudaStream_t)stream>>>(src, src_stride, dst, dst_stride, dw, dh, *k);
    return (int)cudaGetLastError();
}
