/* detail.cu: the detail effects on the GPU (twin of engine/kernels/cpu/detail.c): the integer
 * arithmetic of detail_params.h (one thread a pixel), conv3_params.h (one thread a pixel, its
 * neighbours through the cache) and pixelate_params.h (block sums row by row, then block by
 * block, then written out), so the same bits. */
#include "cuda/kernels.h"
#include "engine/kernels/pixelate_params.h"

__global__ static void detail(uint8_t *dst, int dst_stride, const uint8_t *src, int src_stride, const uint8_t *b,
                              int b_stride, int w, int h, const __grid_constant__ mr_detail_params k)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    uint32_t p = ((const uint32_t *)(src + (long)y * src_stride))[x];
    uint32_t q = b ? ((const uint32_t *)(b + (long)y * b_stride))[x] : 0;
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = mr_detail_pixel(p, q, x, y, w, h, &k);
}

extern "C" int mr_cu_detail(uint8_t *dst, int dst_stride, const uint8_t *src, int src_stride, const uint8_t *b,
                            int b_stride, int w, int h, const mr_detail_params *k, mr_cu_stream stream)
{
    detail<<<dim3((w + 31) / 32, (h + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(dst, dst_stride, src,
                                                                                      src_stride, b, b_stride, w, h, *k);
    return (int)cudaGetLastError();
}

__global__ static void conv3(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                             mr_conv3_params k)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    const int xs[3] = {max(x - 1, 0), x, min(x + 1, w - 1)}, ys[3] = {max(y - 1, 0), y, min(y + 1, h - 1)};
    uint32_t n[3][3];
    for (int r = 0; r < 3; r++) {
        const uint32_t *row = (const uint32_t *)(src + (long)ys[r] * src_stride);
        for (int c = 0; c < 3; c++)
            n[r][c] = row[xs[c]];
    }
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = mr_conv3_pixel(n, &k);
}

extern "C" int mr_cu_conv3(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                           const mr_conv3_params *k, mr_cu_stream stream)
{
    conv3<<<dim3((w + 31) / 32, (h + 7) / 8), dim3(32, 8), 0, (cudaStream_t)stream>>>(src, src_stride, dst,
                                                                                     dst_stride, w, h, *k);
    return (int)cudaGetLastError();
}

/* Pixelate, first: the sums of each row's span of each block column into rows[y][bx]. */
__global__ static void pix_rows(const uint8_t *p, int stride, int w, int h, int size, int nbx, uint4 *rows)
{
    int bx = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (bx >= nbx || y >= h)
        return;
    const uint32_t *row = (const uint32_t *)(p + (long)y * stride);
    int x0 = bx * size, x1 = min(x0 + size, w);
    uint4 s = make_uint4(0, 0, 0, 0);
    for (int x = x0; x < x1; x++) {
        uint32_t v = row[x];
        s.x += v & 255;
        s.y += (v >> 8) & 255;
        s.z += (v >> 16) & 255;
        s.w += v >> 24;
    }
    rows[(long)y * nbx + bx] = s;
}

/* Then each block's mean from its rows' sums into means[by][bx]. */
__global__ static void pix_blocks(const uint4 *rows, int w, int h, int size, int nbx, int nby, uint32_t *means)
{
    int bx = blockIdx.x * blockDim.x + threadIdx.x, by = blockIdx.y * blockDim.y + threadIdx.y;
    if (bx >= nbx || by >= nby)
        return;
    int y0 = by * size, y1 = min(y0 + size, h), x0 = bx * size, x1 = min(x0 + size, w);
    uint32_t s[4] = {0, 0, 0, 0};
    for (int y = y0; y < y1; y++) {
        uint4 r = rows[(long)y * nbx + bx];
        s[0] += r.x;
        s[1] += r.y;
        s[2] += r.z;
        s[3] += r.w;
    }
    means[(long)by * nbx + bx] = mr_pixelate_mean(s, (uint32_t)((x1 - x0) * (y1 - y0)));
}

/* Last, every pixel its block's mean. */
__global__ static void pix_fill(uint8_t *p, int stride, int w, int h, int size, int nbx, const uint32_t *means)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    ((uint32_t *)(p + (long)y * stride))[x] = means[(long)(y / size) * nbx + x / size];
}

extern "C" int mr_cu_pixelate(uint8_t *p, int stride, int w, int h, int size, void *tmp, mr_cu_stream stream)
{
    cudaStream_t s = (cudaStream_t)stream;
    int nbx = (w + size - 1) / size, nby = (h + size - 1) / size;
    uint4 *rows = (uint4 *)tmp;
    uint32_t *means = (uint32_t *)(rows + (size_t)nbx * h);
    dim3 block(32, 8);
    pix_rows<<<dim3((nbx + 31) / 32, (h + 7) / 8), block, 0, s>>>(p, stride, w, h, size, nbx, rows);
    pix_blocks<<<dim3((nbx + 31) / 32, (nby + 7) / 8), block, 0, s>>>(rows, w, h, size, nbx, nby, means);
    pix_fill<<<dim3((w + 31) / 32, (h + 7) / 8), block, 0, s>>>(p, stride, w, h, size, nbx, means);
    return (int)cudaGetLastError();
}
