/* resize.cu: bicubic resampling on the GPU, two separable passes through a float buffer.
 * The filter is swscale's SWS_BICUBIC (Keys, a = -0.6), widened by the shrink factor when
 * shrinking; results differ from swscale's fixed-point ones by rounding (the tests ask PSNR
 * >= 50 dB), then colour is clamped to alpha as the CPU path does. */
#include "cuda/kernels.h"

#define TAPS_MAX 64

__device__ static inline float keys(float x)
{
    const float a = -0.6f;
    x = fabsf(x);
    if (x < 1)
        return ((a + 2) * x - (a + 3)) * x * x + 1;
    if (x < 2)
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
    return 0;
}

/* Output position o of n outputs over a source of `size`: first tap, tap count, and weights. */
__device__ static inline int taps(int o, int size, int n, float *w, int *first)
{
    float scale = (float)size / n, widen = scale > 1 ? scale : 1;
    float c = (o + 0.5f) * scale - 0.5f, radius = 2 * widen;
    int a = (int)floorf(c - radius) + 1, b = (int)floorf(c + radius);
    int count = b - a + 1;
    if (count > TAPS_MAX)
        count = TAPS_MAX;
    float sum = 0;
    for (int t = 0; t < count; t++) {
        w[t] = keys((a + t - c) / widen);
        sum += w[t];
    }
    for (int t = 0; t < count; t++)
        w[t] /= sum;
    *first = a;
    return count;
}

__global__ static void horizontal(const uint8_t *src, int stride, int sw, int sh, float4 *tmp, int dw)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= dw || y >= sh)
        return;
    float w[TAPS_MAX];
    int a, n = taps(x, sw, dw, w, &a);
    float4 acc = make_float4(0, 0, 0, 0);
    const uint8_t *row = src + (long)y * stride;
    for (int t = 0; t < n; t++) {
        int i = min(max(a + t, 0), sw - 1);
        uchar4 p = ((const uchar4 *)row)[i];
        acc.x += w[t] * p.x;
        acc.y += w[t] * p.y;
        acc.z += w[t] * p.z;
        acc.w += w[t] * p.w;
    }
    tmp[(long)y * dw + x] = acc;
}

__device__ static inline unsigned char to8(float v) { return (unsigned char)fminf(fmaxf(rintf(v), 0.f), 255.f); }

__global__ static void vertical(const float4 *tmp, int dw, int sh, uint8_t *dst, int stride, int dh)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= dw || y >= dh)
        return;
    float w[TAPS_MAX];
    int a, n = taps(y, sh, dh, w, &a);
    float4 acc = make_float4(0, 0, 0, 0);
    for (int t = 0; t < n; t++) {
        float4 p = tmp[(long)min(max(a + t, 0), sh - 1) * dw + x];
        acc.x += w[t] * p.x;
        acc.y += w[t] * p.y;
        acc.z += w[t] * p.z;
        acc.w += w[t] * p.w;
    }
    unsigned char al = to8(acc.w);
    uchar4 out = make_uchar4(min(to8(acc.x), al), min(to8(acc.y), al), min(to8(acc.z), al), al);
    ((uchar4 *)(dst + (long)y * stride))[x] = out;
}

extern "C" int mr_cu_resize(const uint8_t *src, int src_stride, int sw, int sh, uint8_t *dst, int dst_stride, int dw,
                            int dh, float *tmp, mr_cu_stream stream)
{
    dim3 block(32, 8);
    horizontal<<<dim3((dw + 31) / 32, (sh + 7) / 8), block, 0, (cudaStream_t)stream>>>(src, src_stride, sw, sh,
                                                                                         (float4 *)tmp, dw);
    vertical<<<dim3((dw + 31) / 32, (dh + 7) / 8), block, 0, (cudaStream_t)stream>>>((const float4 *)tmp, dw, sh,
                                                                                       dst, dst_stride, dh);
    return (int)cudaGetLastError();
}
