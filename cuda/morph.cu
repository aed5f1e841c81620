/* morph.cu: grow and shrink on the GPU, twin of engine/kernels/cpu/morph.c (the disc, the
 * edges and the blend of morph_params.h). First the levels of running extremes of every row
 * (level j at x: the extreme of the 2^j pixels from x on; one launch a level, each from the
 * one below), then each thread takes, for every row of its pixel's disc, the extreme of that
 * row's span as two lookups in the level that fits it. Minima and maxima are exact, so the
 * bits are the CPU's. */
#include "cuda/kernels.h"

__device__ static inline uint32_t op(bool grow, uint32_t a, uint32_t b)
{
    return grow ? __vmaxu4(a, b) : __vminu4(a, b);
}

/* Level j (out, w-wide rows) from level j - 1 (in, rows `stride` bytes apart). */
__global__ static void level(const uint8_t *in, long stride, uint32_t *out, int w, int h, int half, bool grow)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x > w - 2 * half || y >= h)
        return;
    const uint32_t *row = (const uint32_t *)(in + y * stride);
    out[(long)y * w + x] = op(grow, row[x], row[x + half]);
}

/* The extreme of row j over [x - hw, x + hw] cut to the frame. */
__device__ static inline uint32_t span(const uint8_t *src, int stride, const uint32_t *levels, int w, int h, int j,
                                       int x, int hw, bool grow)
{
    int lo = max(x - hw, 0), hi = min(x + hw, w - 1), k = mr_morph_level(hi - lo + 1);
    const uint32_t *row =
        k ? levels + ((long)(k - 1) * h + j) * w : (const uint32_t *)(src + (long)j * stride);
    return op(grow, row[lo], row[hi - (1 << k) + 1]);
}

__global__ static void query(const uint8_t *src, int src_stride, const uint32_t *levels, uint8_t *dst, int dst_stride,
                             int w, int h, mr_morph_params k)
{
    __shared__ int half0[MR_MORPH_RADIUS_MAX + 2], half1[MR_MORPH_RADIUS_MAX + 2];
    const int r0 = k.radius, r1 = r0 + (k.frac > 0);
    const bool grow = k.grow;
    for (int i = threadIdx.y * blockDim.x + threadIdx.x; i <= r1; i += blockDim.x * blockDim.y) {
        half1[i] = mr_morph_half(r1, i);
        half0[i] = i <= r0 ? mr_morph_half(r0, i) : 0;
    }
    __syncthreads();
    const int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    uint32_t m0 = grow ? 0 : 0xffffffffu, m1 = m0;
    for (int dy = max(-r1, -y); dy <= min(r1, h - 1 - y); dy++) {
        int d = abs(dy);
        if (d <= r0)
            m0 = op(grow, m0, span(src, src_stride, levels, w, h, y + dy, x, half0[d], grow));
        if (k.frac)
            m1 = op(grow, m1, span(src, src_stride, levels, w, h, y + dy, x, half1[d], grow));
    }
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = k.frac ? mr_morph_blend(m0, m1, (uint32_t)k.frac) : m0;
}

extern "C" int mr_cu_morph(const uint8_t *src, int src_stride, uint8_t *dst, int dst_stride, int w, int h,
                           const mr_morph_params *k, uint32_t *tmp, mr_cu_stream stream)
{
    cudaStream_t s = (cudaStream_t)stream;
    dim3 block(32, 8), grid((w + 31) / 32, (h + 7) / 8);
    const int nlev = mr_morph_levels(k, w);
    for (int j = 1; j <= nlev; j++) {
        const uint8_t *in = j == 1 ? src : (const uint8_t *)(tmp + (size_t)(j - 2) * w * h);
        long stride = j == 1 ? src_stride : 4L * w;
        level<<<grid, block, 0, s>>>(in, stride, tmp + (size_t)(j - 1) * w * h, w, h, 1 << (j - 1), k->grow);
    }
    query<<<grid, block, 0, s>>>(src, src_stride, tmp, dst, dst_stride, w, h, *k);
    return (int)cudaGetLastError();
}
