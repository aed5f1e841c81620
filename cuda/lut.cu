/* lut.cu: a 3D LUT on the GPU (twin of engine/kernels/cpu/lut.c): the integer trilinear
 * interpolation of lut_params.h, one thread a pixel; the positions (3 KB) in shared memory,
 * the grid read through the read-only cache. */
#include "cuda/kernels.h"
#include "engine/kernels/lut_params.h"

__global__ static void lut(uint8_t *p, int stride, int w, int h, mr_lut_params k)
{
    __shared__ uint32_t pos[3 * 256];
    int t = threadIdx.y * blockDim.x + threadIdx.x;
    for (int i = t; i < 3 * 256; i += blockDim.x * blockDim.y)
        pos[i] = __ldg(&k.pos[i]);
    __syncthreads();
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= w || j >= h)
        return;
    uint32_t *q = (uint32_t *)(p + (long)j * stride) + i;
    mr_lut_params ks = k;
    ks.pos = pos;
    *q = mr_lut_pixel(*q, &ks);
}

extern "C" int mr_cu_lut(uint8_t *p, int stride, int w, int h, const mr_lut_params *k, mr_cu_stream stream)
{
    lut<<<dim3((w + 31) / 32, (h + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(p, stride, w, h, *k);
    return (int)cudaGetLastError();
}
