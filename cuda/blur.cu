/* blur.cu: the Gaussian blur on the GPU, twin of engine/kernels/cpu/blur.c: the same integer
 * weights (made on the host, passed by value), the same exact 32-bit sums and roundings
 * (blur_params.h), so the same bits. Across: a block reads its rows' span plus the radius on
 * each side (edge pixels repeated) into shared memory once, then each thread sums its pixel's
 * taps from there into tmp (8.8 fixed point). Down: each thread sums its pixel's column of
 * tmp, which the neighbouring rows of its block share through the cache. Kernels with box passes
 * (large sigmas) go to blur_box.cu's instead, axis by axis. */
#include "cuda/kernels.h"

#define H_SPAN 128 /* pixels of a row per block, across */
#define H_ROWS 2   /* rows per block, across */

/* The sum of k's taps around pixel c (packed RGBA in shared memory), channel by channel. */
__device__ static inline uint4 taps_across(const uint32_t *c, const mr_blur_taps &k)
{
    uint32_t p = c[0], w0 = k.w[0];
    uint4 acc = make_uint4(w0 * (p & 255), w0 * ((p >> 8) & 255), w0 * ((p >> 16) & 255), w0 * (p >> 24));
    for (int t = 1; t <= k.radius; t++) {
        uint32_t u = c[-t], v = c[t], wt = k.w[t];
        acc.x += wt * ((u & 255) + (v & 255));
        acc.y += wt * (((u >> 8) & 255) + ((v >> 8) & 255));
        acc.z += wt * (((u >> 16) & 255) + ((v >> 16) & 255));
        acc.w += wt * ((u >> 24) + (v >> 24));
    }
    return acc;
}

__global__ static void across(const uint8_t *src, int stride, int w, int h, ushort4 *tmp,
                              const __grid_constant__ mr_blur_taps k)
{
    extern __shared__ uint32_t tile[]; /* H_ROWS rows of H_SPAN + 2 radius pixels */
    const int r = k.radius, span = H_SPAN + 2 * r;
    const int x0 = blockIdx.x * H_SPAN, y = blockIdx.y * H_ROWS + threadIdx.y;
    uint32_t *row = tile + threadIdx.y * span;
    if (y < h) {
        const uint32_t *in = (const uint32_t *)(src + (long)y * stride);
        for (int i = threadIdx.x; i < span; i += H_SPAN)
            row[i] = in[min(max(x0 - r + i, 0), w - 1)];
    }
    __syncthreads();
    const int x = x0 + threadIdx.x;
    if (y >= h || x >= w)
        return;
    uint4 acc = taps_across(row + r + threadIdx.x, k);
    tmp[(long)y * w + x] = make_ushort4(mr_blur_mid(acc.x), mr_blur_mid(acc.y), mr_blur_mid(acc.z), mr_blur_mid(acc.w));
}

__global__ static void down(const ushort4 *tmp, int w, int h, uint8_t *dst, int stride,
                            const __grid_constant__ mr_blur_taps k)
{
    const int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    const ushort4 *col = tmp + x;
    ushort4 c = col[(long)y * w];
    uint32_t w0 = k.w[0];
    uint4 acc = make_uint4(w0 * c.x, w0 * c.y, w0 * c.z, w0 * c.w);
    for (int t = 1; t <= k.radius; t++) {
        ushort4 u = col[(long)max(y - t, 0) * w], v = col[(long)min(y + t, h - 1) * w];
        uint32_t wt = k.w[t];
        acc.x += wt * ((uint32_t)u.x + v.x);
        acc.y += wt * ((uint32_t)u.y + v.y);
        acc.z += wt * ((uint32_t)u.z + v.z);
        acc.w += wt * ((uint32_t)u.w + v.w);
    }
    ((uchar4 *)(dst + (long)y * stride))[x] =
        make_uchar4(mr_blur_out(acc.x), mr_blur_out(acc.y), mr_blur_out(acc.z), mr_blur_out(acc.w));
}

extern "C" int mr_cu_blur(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                          const mr_blur_taps *kx, const mr_blur_taps *ky, uint16_t *tmp, mr_cu_stream stream)
{
    cudaStream_t s = (cudaStream_t)stream;
    uint16_t *lines = tmp + 4 * (size_t)w * h; /* the box passes' room, where they want it */
    int e;
    if (kx->passes) {
        e = mr_cu_blur_box_rows(src, src_stride, w, h, kx, tmp, lines, stream);
    } else {
        size_t shared = sizeof(uint32_t) * H_ROWS * (H_SPAN + 2 * (size_t)kx->radius);
        across<<<dim3((w + H_SPAN - 1) / H_SPAN, (h + H_ROWS - 1) / H_ROWS), dim3(H_SPAN, H_ROWS), shared, s>>>(
            src, src_stride, w, h, (ushort4 *)tmp, *kx);
        e = (int)cudaGetLastError();
    }
    if (e)
        return e;
    if (ky->passes)
        return mr_cu_blur_box_cols(tmp, w, h, ky, dst, dst_stride, lines, stream);
    dim3 block(32, 8);
    down<<<dim3((w + 31) / 32, (h + 7) / 8), block, 0, s>>>((const ushort4 *)tmp, w, h, dst, dst_stride, *ky);
    return (int)cudaGetLastError();
}
