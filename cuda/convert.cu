/* convert.cu: colour conversion on the GPU (twin of engine/kernels/cpu/convert.c). */
#include "cuda/kernels.h"

#define ROUND (1 << (MR_CSC_SHIFT - 1))

__device__ static inline int32_t sample(const mr_yuv_image &s, int p, int x, int y)
{
    const uint8_t *row = s.plane[p] + (long)y * s.stride[p];
    if (s.bytes == 1)
        return row[x];
    return ((const uint16_t *)row)[x] >> s.down;
}

/* one thread per pixel: the same sums, shifts and clamps as the CPU's pack() */
__global__ static void yuv_to_rgba(mr_yuv_image s, mr_yuv2rgb_params k, uint8_t *dst, int dst_stride)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= s.w || y >= s.h)
        return;
    int cx = x >> s.cshift_x, cy = y >> s.cshift_y;
    int32_t Y = sample(s, 0, x, y) - k.yoff, u, v;
    if (s.semi) {
        u = sample(s, 1, 2 * cx, cy);
        v = sample(s, 1, 2 * cx + 1, cy);
    } else {
        u = sample(s, 1, cx, cy);
        v = sample(s, 2, cx, cy);
    }
    u -= k.coff;
    v -= k.coff;
    int32_t yy = k.cy * Y + ROUND;
    uint32_t r = mr_clamp255((yy + k.crv * v) >> MR_CSC_SHIFT);
    uint32_t g = mr_clamp255((yy + k.cgu * u + k.cgv * v) >> MR_CSC_SHIFT);
    uint32_t b = mr_clamp255((yy + k.cbu * u) >> MR_CSC_SHIFT);
    ((uint32_t *)(dst + (long)y * dst_stride))[x] = r | g << 8 | b << 16 | 0xff000000u;
}

__device__ static inline void put(const mr_yuv_image &d, int p, int x, int y, int32_t v, int depth)
{
    uint8_t *row = d.plane[p] + (long)y * d.stride[p];
    int32_t max = (1 << depth) - 1;
    v = v < 0 ? 0 : v > max ? max : v;
    if (d.bytes == 1)
        row[x] = (uint8_t)v;
    else
        ((uint16_t *)row)[x] = (uint16_t)(v << d.down);
}

/* one thread per 2x2 block: four luma samples and one chroma pair from their sum */
__global__ static void rgba_to_yuv420(const uint8_t *src, int stride, int sw, int sh, mr_rgb2yuv_params k,
                                      mr_yuv_image d)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= d.w / 2 || j >= d.h / 2)
        return;
    int last = sw - 1, y = 2 * j;
    int ya = y < sh ? y : sh - 1, yb = y + 1 < sh ? y + 1 : sh - 1;
    int xa = 2 * i < last ? 2 * i : last, xb = 2 * i + 1 < last ? 2 * i + 1 : last;
    const uint8_t *q[4] = {src + (long)ya * stride + 4 * xa, src + (long)ya * stride + 4 * xb,
                           src + (long)yb * stride + 4 * xa, src + (long)yb * stride + 4 * xb};
    const int32_t yoffr = (k.yoff << MR_CSC_SHIFT) + ROUND;
    const int32_t coffr = (k.coff << (MR_CSC_SHIFT + 2)) + (1 << (MR_CSC_SHIFT + 1));
    int32_t R = 0, G = 0, B = 0;
    for (int n = 0; n < 4; n++) {
        int32_t r = q[n][0], g = q[n][1], b = q[n][2];
        put(d, 0, 2 * i + (n & 1), y + (n >> 1), (k.yr * r + k.yg * g + k.yb * b + yoffr) >> MR_CSC_SHIFT, k.depth);
        R += r;
        G += g;
        B += b;
    }
    int32_t U = (k.ur * R + k.ug * G + k.ub * B + coffr) >> (MR_CSC_SHIFT + 2);
    int32_t V = (k.vr * R + k.vg * G + k.vb * B + coffr) >> (MR_CSC_SHIFT + 2);
    if (d.semi) {
        put(d, 1, 2 * i, j, U, k.depth);
        put(d, 1, 2 * i + 1, j, V, k.depth);
    } else {
        put(d, 1, i, j, U, k.depth);
        put(d, 2, i, j, V, k.depth);
    }
}

extern "C" int mr_cu_yuv_to_rgba(const mr_yuv_image *src, const mr_yuv2rgb_params *k, uint8_t *dst, int dst_stride,
                                 mr_cu_stream stream)
{
    dim3 block(32, 8), grid((src->w + 31) / 32, (src->h + 7) / 8);
    yuv_to_rgba<<<grid, block, 0, (cudaStream_t)stream>>>(*src, *k, dst, dst_stride);
    return (int)cudaGetLastError();
}

extern "C" int mr_cu_rgba_to_yuv420(const uint8_t *src, int src_stride, int sw, int sh, const mr_rgb2yuv_params *k,
                                    const mr_yuv_image *dst, mr_cu_stream stream)
{
    dim3 block(32, 8), grid((dst->w / 2 + 31) / 32, (dst->h / 2 + 7) / 8);
    rgba_to_yuv420<<<grid, block, 0, (cudaStream_t)stream>>>(src, src_stride, sw, sh, *k, *dst);
    return (int)cudaGetLastError();
}
