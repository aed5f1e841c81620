/* convert.c: YUV <-> RGBA on the CPU, in the fixed-point arithmetic of kernel_params.h. */
#include "engine/kernels/cpu/convert.h"

#define ROUND (1 << (MR_CSC_SHIFT - 1))

/* The hot loops are built twice, for plain x86-64 and for AVX2 (fast 32-bit multiplies),
 * and the loader picks one for the machine; both do the same integer arithmetic. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

static inline uint32_t pack(int32_t yy, int32_t rv, int32_t guv, int32_t bu)
{
    uint32_t r = mr_clamp255((yy + rv) >> MR_CSC_SHIFT);
    uint32_t g = mr_clamp255((yy + guv) >> MR_CSC_SHIFT);
    uint32_t b = mr_clamp255((yy + bu) >> MR_CSC_SHIFT);
    return r | g << 8 | b << 16 | 0xff000000u;
}

/* The common case: 8-bit planar 4:2:0 or 4:2:2 or 4:4:4, a pair of pixels per chroma sample. */
HOT static void yuv8_row(const uint8_t *restrict Y, const uint8_t *restrict U, const uint8_t *restrict V,
                     int w, int cshift_x, const mr_yuv2rgb_params *k, uint32_t *restrict out)
{
    const int32_t cy = k->cy, crv = k->crv, cgu = k->cgu, cgv = k->cgv, cbu = k->cbu;
    const int32_t yoff = k->yoff, coff = k->coff;
    if (cshift_x == 1) {
        int pairs = w / 2;
        for (int i = 0; i < pairs; i++) {
            int32_t u = U[i] - coff, v = V[i] - coff;
            int32_t rv = crv * v, guv = cgu * u + cgv * v, bu = cbu * u;
            int32_t y0 = cy * (Y[2 * i] - yoff) + ROUND, y1 = cy * (Y[2 * i + 1] - yoff) + ROUND;
            out[2 * i] = pack(y0, rv, guv, bu);
            out[2 * i + 1] = pack(y1, rv, guv, bu);
        }
        if (w & 1) {
            int32_t u = U[pairs] - coff, v = V[pairs] - coff;
            out[w - 1] = pack(cy * (Y[w - 1] - yoff) + ROUND, crv * v, cgu * u + cgv * v, cbu * u);
        }
    } else {
        for (int i = 0; i < w; i++) {
            int32_t u = U[i] - coff, v = V[i] - coff;
            out[i] = pack(cy * (Y[i] - yoff) + ROUND, crv * v, cgu * u + cgv * v, cbu * u);
        }
    }
}

/* Any other layout: sample by sample. */
static inline int32_t sample(const mr_yuv_image *s, int p, int x, int y)
{
    const uint8_t *row = s->plane[p] + (long)y * s->stride[p];
    if (s->bytes == 1)
        return row[x];
    return ((const uint16_t *)row)[x] >> s->down;
}

static void generic_row(const mr_yuv_image *s, const mr_yuv2rgb_params *k, int y, uint32_t *out)
{
    int cy_ = y >> s->cshift_y;
    for (int x = 0; x < s->w; x++) {
        int cx = x >> s->cshift_x;
        int32_t Y = sample(s, 0, x, y) - k->yoff, u, v;
        if (s->semi) {
            u = sample(s, 1, 2 * cx, cy_);
            v = sample(s, 1, 2 * cx + 1, cy_);
        } else {
            u = sample(s, 1, cx, cy_);
            v = sample(s, 2, cx, cy_);
        }
        u -= k->coff;
        v -= k->coff;
        out[x] = pack(k->cy * Y + ROUND, k->crv * v, k->cgu * u + k->cgv * v, k->cbu * u);
    }
}

void mr_cpu_yuv_to_rgba(const mr_yuv_image *s, const mr_yuv2rgb_params *k, mr_frame *dst, int y0, int y1)
{
    bool fast = s->bytes == 1 && !s->semi && s->cshift_x <= 1;
    for (int y = y0; y < y1; y++) {
        uint32_t *out = (uint32_t *)mr_frame_row(dst, y);
        if (fast) {
            int cy_ = y >> s->cshift_y;
            yuv8_row(s->plane[0] + (long)y * s->stride[0], s->plane[1] + (long)cy_ * s->stride[1],
                     s->plane[2] + (long)cy_ * s->stride[2], s->w, s->cshift_x, k, out);
        } else {
            generic_row(s, k, y, out);
        }
    }
    dst->opaque = true;
}

static inline void put(const mr_yuv_image *d, int p, int x, int y, int32_t v, int depth)
{
    uint8_t *row = d->plane[p] + (long)y * d->stride[p];
    int32_t max = (1 << depth) - 1;
    v = v < 0 ? 0 : v > max ? max : v;
    if (d->bytes == 1)
        row[x] = (uint8_t)v;
    else
        ((uint16_t *)row)[x] = (uint16_t)(v << d->down);
}

/* 8-bit luma of n pixels (read as one uint32 each: R | G << 8 | B << 16 | A << 24). */
HOT static void luma_row(const uint32_t *restrict px, uint8_t *restrict Y, int n, const mr_rgb2yuv_params *k)
{
    const int32_t yr = k->yr, yg = k->yg, yb = k->yb, off = (k->yoff << MR_CSC_SHIFT) + ROUND;
    for (int x = 0; x < n; x++) {
        uint32_t v = px[x];
        int32_t r = v & 255, g = (v >> 8) & 255, b = (v >> 16) & 255;
        Y[x] = (uint8_t)((yr * r + yg * g + yb * b + off) >> MR_CSC_SHIFT);
    }
}

/* 8-bit chroma of n 2x2 blocks from rows a and b (the mean of the block's colour). */
HOT static void chroma_row(const uint32_t *restrict a, const uint32_t *restrict b, uint8_t *restrict U,
                           uint8_t *restrict V, int n, const mr_rgb2yuv_params *k)
{
    const int32_t ur = k->ur, ug = k->ug, ub = k->ub, vr = k->vr, vg = k->vg, vb = k->vb;
    const int32_t off = (k->coff << (MR_CSC_SHIFT + 2)) + (1 << (MR_CSC_SHIFT + 1));
    for (int i = 0; i < n; i++) {
        uint32_t p0 = a[2 * i], p1 = a[2 * i + 1], p2 = b[2 * i], p3 = b[2 * i + 1];
        int32_t R = (p0 & 255) + (p1 & 255) + (p2 & 255) + (p3 & 255);
        int32_t G = ((p0 >> 8) & 255) + ((p1 >> 8) & 255) + ((p2 >> 8) & 255) + ((p3 >> 8) & 255);
        int32_t B = ((p0 >> 16) & 255) + ((p1 >> 16) & 255) + ((p2 >> 16) & 255) + ((p3 >> 16) & 255);
        U[i] = (uint8_t)mr_clamp255((ur * R + ug * G + ub * B + off) >> (MR_CSC_SHIFT + 2));
        V[i] = (uint8_t)mr_clamp255((vr * R + vg * G + vb * B + off) >> (MR_CSC_SHIFT + 2));
    }
}

/* One pair of output rows from source rows ya, yb (equal at the bottom edge when padding). */
static void rgba_pair_to_yuv(const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuv_image *d, int y)
{
    int ya = y < src->h ? y : src->h - 1, yb = y + 1 < src->h ? y + 1 : src->h - 1;
    const uint8_t *ra = mr_frame_row(src, ya), *rb = mr_frame_row(src, yb);
    const int32_t yoffr = (k->yoff << MR_CSC_SHIFT) + ROUND;
    const int32_t coffr = (k->coff << (MR_CSC_SHIFT + 2)) + (1 << (MR_CSC_SHIFT + 1));
    const int last = src->w - 1;
    if (d->bytes == 1 && !d->semi) {
        uint8_t *Ya = d->plane[0] + (long)y * d->stride[0];
        uint8_t *U = d->plane[1] + (long)(y / 2) * d->stride[1];
        uint8_t *V = d->plane[2] + (long)(y / 2) * d->stride[2];
        int pairs = d->w / 2, full = src->w / 2 < pairs ? src->w / 2 : pairs;
        luma_row((const uint32_t *)ra, Ya, 2 * full, k);
        luma_row((const uint32_t *)rb, Ya + d->stride[0], 2 * full, k);
        chroma_row((const uint32_t *)ra, (const uint32_t *)rb, U, V, full, k);
        /* the padded column pair at the right edge, when the picture's width is odd */
        for (int i = full; i < pairs; i++) {
            int xa = 2 * i < last ? 2 * i : last, xb = 2 * i + 1 < last ? 2 * i + 1 : last;
            const uint8_t *q[4] = {ra + 4 * xa, ra + 4 * xb, rb + 4 * xa, rb + 4 * xb};
            int32_t R = 0, G = 0, B = 0;
            for (int j = 0; j < 4; j++) {
                int32_t Yv = (k->yr * q[j][0] + k->yg * q[j][1] + k->yb * q[j][2] + yoffr) >> MR_CSC_SHIFT;
                Ya[(j >> 1) * d->stride[0] + 2 * i + (j & 1)] = (uint8_t)Yv;
                R += q[j][0]; G += q[j][1]; B += q[j][2];
            }
            U[i] = (uint8_t)mr_clamp255((k->ur * R + k->ug * G + k->ub * B + coffr) >> (MR_CSC_SHIFT + 2));
            V[i] = (uint8_t)mr_clamp255((k->vr * R + k->vg * G + k->vb * B + coffr) >> (MR_CSC_SHIFT + 2));
        }
        return;
    }
    /* 16-bit or semi-planar output */
    for (int i = 0; i < d->w / 2; i++) {
        int xa = 2 * i < last ? 2 * i : last, xb = 2 * i + 1 < last ? 2 * i + 1 : last;
        const uint8_t *q[4] = {ra + 4 * xa, ra + 4 * xb, rb + 4 * xa, rb + 4 * xb};
        int32_t R = 0, G = 0, B = 0;
        for (int j = 0; j < 4; j++) {
            int32_t Yv = (k->yr * q[j][0] + k->yg * q[j][1] + k->yb * q[j][2] + yoffr) >> MR_CSC_SHIFT;
            put(d, 0, 2 * i + (j & 1), y + (j >> 1), Yv, k->depth);
            R += q[j][0]; G += q[j][1]; B += q[j][2];
        }
        int32_t U = (k->ur * R + k->ug * G + k->ub * B + coffr) >> (MR_CSC_SHIFT + 2);
        int32_t V = (k->vr * R + k->vg * G + k->vb * B + coffr) >> (MR_CSC_SHIFT + 2);
        if (d->semi) {
            put(d, 1, 2 * i, y / 2, U, k->depth);
            put(d, 1, 2 * i + 1, y / 2, V, k->depth);
        } else {
            put(d, 1, i, y / 2, U, k->depth);
            put(d, 2, i, y / 2, V, k->depth);
        }
    }
}

void mr_cpu_rgba_to_yuv420(const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuv_image *dst, int y0, int y1)
{
    for (int y = y0; y < y1; y += 2)
        rgba_pair_to_yuv(src, k, dst, y);
}
