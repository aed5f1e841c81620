/* blur_box.cu: the blur's box passes on the GPU (large sigmas, box_blur), twin of
 * engine/kernels/cpu/blur_box.c: the same lines (edges repeated mr_blur_box_reach values
 * beyond each end), the same passes by the same integer arithmetic (blur_params.h's
 * mr_blur_box_lane), so the same bits. One block a line, a row across or a column down: the
 * line goes into shared memory (or, past MR_BLUR_BOX_SHARED values, into its part of
 * `lines` in device memory) as 8.4 values, 4 channels side by side; each pass then splits its
 * outputs into one piece a thread and channel, each piece a full sum and then sliding ones,
 * into the other buffer. */
#include "cuda/kernels.h"

#define THREADS 256 /* a block: 64 pieces of a line x 4 channels */

/* The passes of one kernel, by value. */
typedef struct boxes {
    int passes, reach;
    mr_blur_box box[MR_BLUR_BOX_PASSES];
} boxes;

static boxes boxes_of(const mr_blur_taps *k)
{
    boxes b;
    b.passes = k->passes;
    b.reach = mr_blur_box_reach(k);
    for (int p = 0; p < MR_BLUR_BOX_PASSES; p++)
        b.box[p] = k->box[p];
    return b;
}

/* The block's two buffers of 4 len values: shared memory, or this line's part of lines. */
__device__ static uint16_t *line_buffers(uint16_t *shared, uint16_t *lines, int len)
{
    return lines ? lines + (size_t)blockIdx.x * 2 * 4 * len : shared;
}

/* k's passes over the line in cur (nfinal + 2 reach elements of 4 channels), other the room
 * for their results, the last one rounded for last (mr_blur_box_shift). Every thread of the
 * block calls it; returns the buffer that holds the nfinal results, all written. */
__device__ static const uint16_t *passes(uint16_t *cur, uint16_t *other, int nfinal, const boxes &k, int last)
{
    const int c = threadIdx.x & 3, piece = threadIdx.x >> 2, pieces = blockDim.x >> 2;
    int len = nfinal + 2 * k.reach;
    for (int p = 0; p < k.passes; p++) {
        const mr_blur_box *b = &k.box[p];
        const int nout = len - 2 * (b->r + 1), per = (nout + pieces - 1) / pieces;
        const int j0 = min(piece * per, nout), j1 = min(j0 + per, nout);
        mr_blur_box_lane(cur + c, other + c, 4, j0, j1, b, mr_blur_box_shift(b, p == k.passes - 1 ? last : 0));
        __syncthreads();
        uint16_t *t = cur;
        cur = other;
        other = t;
        len = nout;
    }
    return cur;
}

/* Across: row blockIdx.x of src into tmp (8.8). */
__global__ static void box_rows(const uint8_t *src, int stride, int w, uint16_t *tmp, uint16_t *lines,
                                const __grid_constant__ boxes k)
{
    extern __shared__ uint16_t shared[];
    const int y = blockIdx.x, len = w + 2 * k.reach;
    uint16_t *b0 = line_buffers(shared, lines, len), *b1 = b0 + 4 * len;
    const uint8_t *in = src + (size_t)y * stride;
    for (int i = threadIdx.x; i < 4 * len; i += blockDim.x)
        b0[i] = mr_blur_box_in8(in[4 * min(max((i >> 2) - k.reach, 0), w - 1) + (i & 3)]);
    __syncthreads();
    const uint16_t *res = passes(b0, b1, w, k, 1);
    uint16_t *out = tmp + (size_t)y * 4 * w;
    for (int i = threadIdx.x; i < 4 * w; i += blockDim.x)
        out[i] = res[i];
}

/* Down: column blockIdx.x of tmp (8.8) into dst. */
__global__ static void box_cols(const uint16_t *tmp, int w, int h, uint8_t *dst, int stride, uint16_t *lines,
                                const __grid_constant__ boxes k)
{
    extern __shared__ uint16_t shared[];
    const int x = blockIdx.x, len = h + 2 * k.reach;
    uint16_t *b0 = line_buffers(shared, lines, len), *b1 = b0 + 4 * len;
    const uint16_t *in = tmp + 4 * x;
    for (int i = threadIdx.x; i < 4 * len; i += blockDim.x)
        b0[i] = mr_blur_box_in16(in[(size_t)min(max((i >> 2) - k.reach, 0), h - 1) * 4 * w + (i & 3)]);
    __syncthreads();
    const uint16_t *res = passes(b0, b1, h, k, 2);
    for (int i = threadIdx.x; i < 4 * h; i += blockDim.x)
        dst[(size_t)(i >> 2) * stride + 4 * x + (i & 3)] = (uint8_t)res[i];
}

extern "C" int mr_cu_blur_box_rows(const uint8_t *src, int src_stride, int w, int h, const mr_blur_taps *kx,
                                   uint16_t *tmp, uint16_t *lines, mr_cu_stream stream)
{
    const boxes k = boxes_of(kx);
    const int len = w + 2 * k.reach;
    const bool global = mr_blur_box_global_bytes(1, len) > 0;
    const size_t shared = global ? 0 : 2 * 4 * sizeof(uint16_t) * (size_t)len;
    box_rows<<<h, THREADS, shared, (cudaStream_t)stream>>>(src, src_stride, w, tmp, global ? lines : NULL, k);
    return (int)cudaGetLastError();
}

extern "C" int mr_cu_blur_box_cols(const uint16_t *tmp, int w, int h, const mr_blur_taps *ky, uint8_t *dst,
                                   int dst_stride, uint16_t *lines, mr_cu_stream stream)
{
    const boxes k = boxes_of(ky);
    const int len = h + 2 * k.reach;
    const bool global = mr_blur_box_global_bytes(1, len) > 0;
    const size_t shared = global ? 0 : 2 * 4 * sizeof(uint16_t) * (size_t)len;
    box_cols<<<w, THREADS, shared, (cudaStream_t)stream>>>(tmp, w, h, dst, dst_stride, global ? lines : NULL, k);
    return (int)cudaGetLastError();
}
