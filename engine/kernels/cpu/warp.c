/* warp.c: the affine warp on the CPU: each destination pixel by mr_warp_pixel (the same
 * arithmetic as the CUDA twin). A warp without turn or supersampling (a zoom, a pan) takes a
 * path that works out each column's source once and skips the edge checks inside the
 * picture; its sums are the same, in the same order, so its bits are too. */
#include "engine/kernels/cpu/warp.h"

#include <stdlib.h>

/* Whether k only scales and moves (no turn, one sample a pixel). */
static bool axis_aligned(const mr_warp_params *k)
{
    return k->m[1] == 0 && k->m[3] == 0 && k->samples == 1;
}

/* One row of an axis-aligned warp: sx[] holds each column's source x (centres taken off). */
static void axis_row(const mr_warp_params *k, const mr_frame *src, const float *sx, int w, float sy, uint32_t *row)
{
    const uint8_t *data = src->data;
    int stride = src->stride, sw = k->sw, sh = k->sh;
    bool row_out = sy < -1.0f || sy > (float)sh;
    float fy = sy - (float)(int)(sy + 1.0f) + 1.0f;
    int j = (int)(sy + 1.0f) - 1;
    bool rows_in = j >= 0 && j + 1 < sh;
    for (int x = 0; x < w; x++) {
        float acc[4] = {0, 0, 0, 0};
        float fx = sx[x] - (float)(int)(sx[x] + 1.0f) + 1.0f;
        int i = (int)(sx[x] + 1.0f) - 1;
        if (row_out || sx[x] < -1.0f || sx[x] > (float)sw) {
            row[x] = 0;
            continue;
        }
        if (rows_in && i >= 0 && i + 1 < sw) { /* inside: the four texels without checks */
            const uint8_t *p = data + (long)j * stride + 4 * i, *q = p + stride;
            float w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
            for (int c = 0; c < 4; c++) {
                acc[c] += w00 * p[c];
                acc[c] += w10 * p[4 + c];
                acc[c] += w01 * q[c];
                acc[c] += w11 * q[4 + c];
            }
        } else {
            mr_warp_sample(data, stride, sw, sh, sx[x], sy, acc);
        }
        row[x] = mr_warp_pack(acc, 1.0f);
    }
}

void mr_cpu_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst)
{
    float *sx = axis_aligned(k) ? malloc(sizeof(float) * (size_t)dst->w) : NULL;
    for (int x = 0; sx && x < dst->w; x++) { /* as mr_warp_pixel computes it, with dy's term 0 */
        float dx = (float)x + 0.5f, dy = 0.5f;
        sx[x] = k->m[0] * dx + k->m[1] * dy + k->m[2] - 0.5f;
    }
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = (uint32_t *)mr_frame_row(dst, y);
        if (sx) {
            float dx = 0.5f, dy = (float)y + 0.5f;
            axis_row(k, src, sx, dst->w, k->m[3] * dx + k->m[4] * dy + k->m[5] - 0.5f, row);
        } else {
            for (int x = 0; x < dst->w; x++)
                row[x] = mr_warp_pixel(k, src->data, src->stride, x, y);
        }
    }
    free(sx);
    dst->opaque = src->opaque && mr_warp_covers(k, dst->w, dst->h);
}

bool mr_warp_covers(const mr_warp_params *k, int dw, int dh)
{
    if (!axis_aligned(k))
        return false;
    float x0 = k->m[0] * 0.5f + k->m[2] - 0.5f, x1 = k->m[0] * (dw - 0.5f) + k->m[2] - 0.5f;
    float y0 = k->m[4] * 0.5f + k->m[5] - 0.5f, y1 = k->m[4] * (dh - 0.5f) + k->m[5] - 0.5f;
    return x0 >= 0 && x1 >= 0 && x0 <= k->sw - 1 && x1 <= k->sw - 1 && y0 >= 0 && y1 >= 0 && y0 <= k->sh - 1 &&
           y1 <= k->sh - 1;
}
