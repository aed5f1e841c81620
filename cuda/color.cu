/* color.cu: the colour transform on the GPU (twin of engine/kernels/cpu/color.c): the integer
 * arithmetic of color_params.h. A block of 256 threads copies the two tables (1.5 KB) into
 * shared memory, where lookups by differing indices do not serialise as they would in the
 * parameter (constant) space, then does 1024 pixels of one row, 4 a thread. */
#include "cuda/kernels.h"
#include "engine/kernels/color_params.h"

#define THREADS 256
#define PER_THREAD 4

__global__ static void color(uint8_t *p, int stride, int w, int h, const __grid_constant__ mr_color_params k)
{
    __shared__ uint32_t tab[2 * 3 * 256 / 4]; /* pre then post, as words */
    __shared__ int32_t m[12];
    const uint32_t *src = (const uint32_t *)&k.pre[0][0]; /* pre and post are adjacent, word-aligned */
    for (int i = threadIdx.x; i < 2 * 3 * 256 / 4; i += THREADS)
        tab[i] = src[i];
    if (threadIdx.x < 12)
        m[threadIdx.x] = (&k.m[0][0])[threadIdx.x];
    __syncthreads();
    const uint8_t *pre = (const uint8_t *)tab, *post = pre + 3 * 256;
    int y = blockIdx.y;
    uint32_t *row = (uint32_t *)(p + (long)y * stride);
    for (int j = 0; j < PER_THREAD; j++) {
        int x = blockIdx.x * THREADS * PER_THREAD + j * THREADS + threadIdx.x;
        if (x < w)
            row[x] = mr_color_pixel(row[x], pre, m, k.use_matrix, post);
    }
}

extern "C" int mr_cu_color(uint8_t *p, int stride, int w, int h, const mr_color_params *k, mr_cu_stream stream)
{
    dim3 grid((w + THREADS * PER_THREAD - 1) / (THREADS * PER_THREAD), h);
    color<<<grid, THREADS, 0, (cudaStream_t)stream>>>(p, stride, w, h, *k);
    return (int)cudaGetLastError();
}
