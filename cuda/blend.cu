/* blend.cu: compositing, fades and fills on the GPU (twin of engine/kernels/cpu/blend.c). */
#include "cuda/kernels.h"

__global__ static void over(uint32_t *dst, int dst_stride, const uint32_t *src, int src_stride, int x0, int y0,
                            int w, int h, int x, int y, uint32_t opacity)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= w || j >= h)
        return;
    int sx = x0 + i, sy = y0 + j;
    uint32_t sv = *(const uint32_t *)((const uint8_t *)src + (long)sy * src_stride + 4 * sx);
    uint32_t *dp = (uint32_t *)((uint8_t *)dst + (long)(y + sy) * dst_stride + 4 * (x + sx));
    *dp = mr_over_pixel(sv, *dp, opacity);
}

__global__ static void mix(uint8_t *p, int stride, int w, int h, uint32_t k, uint32_t c)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= w || j >= h)
        return;
    uint32_t *q = (uint32_t *)(p + (long)j * stride) + i;
    *q = mr_mix_pixel(*q, k, c);
}

__global__ static void fill(uint8_t *p, int stride, int w, int h, uint32_t v)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i < w && j < h)
        ((uint32_t *)(p + (long)j * stride))[i] = v;
}

static dim3 grid_for(int w, int h) { return dim3((w + 31) / 32, (h + 7) / 8); }

extern "C" int mr_cu_over(uint8_t *dst, int dst_stride, int dw, int dh, const uint8_t *src, int src_stride, int sw,
                          int sh, int x, int y, unsigned opacity, mr_cu_stream stream)
{
    int x0, y0, x1, y1;
    if (!mr_layer_span(dw, dh, sw, sh, x, y, &x0, &y0, &x1, &y1) || opacity == 0)
        return 0;
    over<<<grid_for(x1 - x0, y1 - y0), dim3(32, 8), 0, (cudaStream_t)stream>>>(
        (uint32_t *)dst, dst_stride, (const uint32_t *)src, src_stride, x0, y0, x1 - x0, y1 - y0, x, y, opacity);
    return (int)cudaGetLastError();
}

extern "C" int mr_cu_mix(uint8_t *p, int stride, int w, int h, unsigned k, uint32_t c, mr_cu_stream stream)
{
    if (k >= 255)
        return 0;
    mix<<<grid_for(w, h), dim3(32, 8), 0, (cudaStream_t)stream>>>(p, stride, w, h, k, c);
    return (int)cudaGetLastError();
}

extern "C" int mr_cu_fill(uint8_t *p, int stride, int w, int h, uint32_t premul, mr_cu_stream stream)
{
    fill<<<grid_for(w, h), dim3(32, 8), 0, (cudaStream_t)stream>>>(p, stride, w, h, premul);
    return (int)cudaGetLastError();
}
