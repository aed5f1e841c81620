/* yuva.cu: premultiplied RGBA into YUV planes with alpha on the GPU (twin of
 * engine/kernels/cpu/yuva.c): yuva_params.h's integers, one thread a chroma block. */
#include "cuda/kernels.h"
#include "engine/kernels/yuva_params.h"

__global__ static void to_yuva(const uint8_t *src, int stride, int w, int h, mr_rgb2yuv_params k, mr_yuva_image d,
                               int bw, int bh)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i < bw && j < bh)
        mr_yuva_block(src, stride, w, h, &k, &d, i, j);
}

extern "C" int mr_cu_rgba_to_yuva(const uint8_t *src, int src_stride, int sw, int sh, const mr_rgb2yuv_params *k,
                                  const mr_yuva_image *dst, mr_cu_stream stream)
{
    int bw = (dst->yuv.w + (1 << dst->yuv.cshift_x) - 1) >> dst->yuv.cshift_x;
    int bh = (dst->yuv.h + (1 << dst->yuv.cshift_y) - 1) >> dst->yuv.cshift_y;
    to_yuva<<<dim3((bw + 31) / 32, (bh + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(src, src_stride, sw, sh, *k,
                                                                                          *dst, bw, bh);
    return (int)cudaGetLastError();
}
