/* frame_mix.cu: the weighted sum of frames on the GPU (twin of engine/kernels/cpu/frame_mix.c):
 * the integer arithmetic of frame_mix_params.h, one thread a pixel. */
#include "cuda/kernels.h"
#include "engine/kernels/frame_mix_params.h"

/* The sources of one mix, passed by value. */
typedef struct mix_srcs {
    const uint8_t *p[MR_MIX_MAX];
    int stride[MR_MIX_MAX];
} mix_srcs;

__global__ static void frame_mix(mix_srcs s, uint8_t *dst, int dst_stride, int w, int h, mr_mix_params k)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    uint32_t acc[4] = {MR_MIX_HALF, MR_MIX_HALF, MR_MIX_HALF, MR_MIX_HALF}; /* mr_frame_mix_pixel, as it loads */
    for (int i = 0; i < k.n; i++)
        mr_frame_mix_add(acc, ((const uint32_t *)(s.p[i] + (long)y * s.stride[i]))[x], k.w[i]);
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = mr_frame_mix_out(acc);
}

extern "C" int mr_cu_frame_mix(const uint8_t *const *src, const int *src_stride, uint8_t *dst, int dst_stride,
                               int w, int h, const mr_mix_params *k, mr_cu_stream stream)
{
    mix_srcs s = {};
    for (int i = 0; i < k->n && i < MR_MIX_MAX; i++) {
        s.p[i] = src[i];
        s.stride[i] = src_stride[i];
    }
    frame_mix<<<dim3((w + 31) / 32, (h + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(s, dst, dst_stride, w, h,
                                                                                          *k);
    return (int)cudaGetLastError();
}
