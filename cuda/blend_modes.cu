/* blend_modes.cu: a layer drawn by a blend mode on the GPU (twin of
 * engine/kernels/cpu/blend_modes.c): the integer arithmetic of blend_mode_params.h. */
#include "cuda/kernels.h"
#include "engine/kernels/blend_mode_params.h"

__global__ static void blend_mode(uint32_t *dst, int dst_stride, const uint32_t *src, int src_stride, int x0, int y0,
                                  int w, int h, int x, int y, int mode, uint32_t opacity)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= w || j >= h)
        return;
    int sx = x0 + i, sy = y0 + j;
    uint32_t sv = *(const uint32_t *)((const uint8_t *)src + (long)sy * src_stride + 4 * sx);
    uint32_t *dp = (uint32_t *)((uint8_t *)dst + (long)(y + sy) * dst_stride + 4 * (x + sx));
    *dp = mr_blend_mode_pixel(sv, *dp, mode, opacity);
}

extern "C" int mr_cu_blend_mode(uint8_t *dst, int dst_stride, int dw, int dh, const uint8_t *src, int src_stride,
                                int sw, int sh, int x, int y, unsigned opacity, int mode, mr_cu_stream stream)
{
    int x0, y0, x1, y1;
    if (!mr_layer_span(dw, dh, sw, sh, x, y, &x0, &y0, &x1, &y1) || opacity == 0)
        return 0;
    dim3 grid((x1 - x0 + 31) / 32, (y1 - y0 + 7) / 8);
    blend_mode<<<grid, dim3(32, 8), 0, (cudaStream_t)stream>>>((uint32_t *)dst, dst_stride, (const uint32_t *)src,
                                                               src_stride, x0, y0, x1 - x0, y1 - y0, x, y, mode,
                                                               opacity);
    return (int)cudaGetLastError();
}
