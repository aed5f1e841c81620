/* shape.cu: shapes' coverage and gradients on the GPU (twins of engine/kernels/cpu/shape.c):
 * one thread a pixel, mr_shape_coverage's and mr_gradient_pixel's arithmetic. Pixels outside
 * the shape's bounds (mr_shape_bounds: no coverage there) are written 0 without it. A polygon's
 * block first lists the edges that reach into its 8 rows, in order, so each pixel adds only
 * those: the edges left out add nothing to any of its pixels, so the sums are the same. */
#include "cuda/kernels.h"

#define BW 32
#define BH 8
static_assert(BW * BH >= MR_SHAPE_MAX_POINTS, "a polygon block lists an edge a thread");

__global__ static void shape(uint8_t *dst, int stride, int w, int h, mr_shape_params s, int x0, int y0, int x1, int y1)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    uint32_t c = x >= x0 && x < x1 && y >= y0 && y < y1 ? mr_shape_coverage(&s, x, y) : 0;
    ((uint32_t *)(dst + (long)y * stride))[x] = c * 0x01010101u;
}

__global__ static void polygon(uint8_t *dst, int stride, int w, int h, mr_shape_params s, int x0, int y0, int x1,
                               int y1)
{
    __shared__ short list[MR_SHAPE_MAX_POINTS];
    __shared__ int per_warp[BH];
    int lane = threadIdx.x, warp = threadIdx.y, i = warp * BW + lane;
    float top = (float)(blockIdx.y * BH), bottom = top + (float)BH;
    bool in = false;
    if (i < s.npoints) { /* edge i reaches into rows [top, bottom) */
        float ay = s.pts[i][1], by = s.pts[i + 1 < s.npoints ? i + 1 : 0][1];
        in = !((ay <= top && by <= top) || (ay >= bottom && by >= bottom));
    }
    unsigned ballot = __ballot_sync(0xffffffffu, in);
    if (lane == 0)
        per_warp[warp] = __popc(ballot);
    __syncthreads();
    int base = 0, m = 0;
    for (int k = 0; k < BH; k++) {
        base += k < warp ? per_warp[k] : 0;
        m += per_warp[k];
    }
    if (in)
        list[base + __popc(ballot & ((1u << lane) - 1))] = (short)i;
    __syncthreads();
    int x = blockIdx.x * BW + lane, y = blockIdx.y * BH + warp;
    if (x >= w || y >= h)
        return;
    uint32_t c = 0;
    if (x >= x0 && x < x1 && y >= y0 && y < y1) {
        float sum = 0.0f, X = (float)x, Y = (float)y;
        for (int k = 0; k < m; k++)
            sum = mr_shape_polygon_add(&s, list[k], X, Y, sum);
        c = mr_sh_byte(mr_shape_polygon_cover(sum));
    }
    ((uint32_t *)(dst + (long)y * stride))[x] = c * 0x01010101u;
}

__global__ static void gradient(uint8_t *dst, int stride, int w, int h, mr_shape_params s, mr_gradient_stops g)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h)
        return;
    ((uint32_t *)(dst + (long)y * stride))[x] = mr_gradient_pixel(&s, &g, x, y);
}

extern "C" int mr_cu_shape(uint8_t *dst, int stride, int w, int h, const mr_shape_params *s, mr_cu_stream stream)
{
    int b[4];
    mr_shape_bounds(s, w, h, b);
    dim3 block(BW, BH), grid((w + BW - 1) / BW, (h + BH - 1) / BH);
    if (s->kind == MR_SHAPE_POLYGON)
        polygon<<<grid, block, 0, (cudaStream_t)stream>>>(dst, stride, w, h, *s, b[0], b[1], b[2], b[3]);
    else
        shape<<<grid, block, 0, (cudaStream_t)stream>>>(dst, stride, w, h, *s, b[0], b[1], b[2], b[3]);
    return (int)cudaGetLastError();
}

extern "C" int mr_cu_gradient(uint8_t *dst, int stride, int w, int h, const mr_shape_params *s,
                              const mr_gradient_stops *g, mr_cu_stream stream)
{
    dim3 block(BW, BH), grid((w + BW - 1) / BW, (h + BH - 1) / BH);
    gradient<<<grid, block, 0, (cudaStream_t)stream>>>(dst, stride, w, h, *s, *g);
    return (int)cudaGetLastError();
}
