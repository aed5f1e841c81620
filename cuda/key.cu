/* key.cu: chroma and luma keys on the GPU (twin of engine/kernels/cpu/key.c): the integer
 * arithmetic of key_params.h, one thread a pixel. */
#include "cuda/kernels.h"
#include "engine/kernels/key_params.h"

__global__ static void key(uint8_t *p, int stride, int w, int h, mr_key_params k)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= w || j >= h)
        return;
    uint32_t *q = (uint32_t *)(p + (long)j * stride) + i;
    *q = mr_key_pixel(*q, &k);
}

extern "C" int mr_cu_key(uint8_t *p, int stride, int w, int h, const mr_key_params *k, mr_cu_stream stream)
{
    key<<<dim3((w + 31) / 32, (h + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(p, stride, w, h, *k);
    return (int)cudaGetLastError();
}
