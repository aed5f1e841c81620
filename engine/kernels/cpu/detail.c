/* detail.c: the detail effects on the CPU (the reference of cuda/detail.cu), row by row with
 * the arithmetic of detail_params.h, conv3_params.h and pixelate_params.h. */
#include "engine/kernels/cpu/detail.h"

#include "engine/kernels/pixelate_params.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

HOT static void vignette_row(uint32_t *d, const uint32_t *s, int y, int w, int h, const mr_detail_params *k)
{
    for (int x = 0; x < w; x++)
        d[x] = mr_vignette_pixel(s[x], x, y, w, h, k);
}

HOT static void noise_row(uint32_t *d, const uint32_t *s, int y, int w, const mr_detail_params *k)
{
    uint32_t row = mr_detail_hash((uint32_t)y ^ k->frame_seed);
    for (int x = 0; x < w; x++)
        d[x] = mr_noise_pixel(s[x], x, row, k);
}

HOT static void bright_row(uint32_t *d, const uint32_t *s, int w, const mr_detail_params *k)
{
    for (int x = 0; x < w; x++)
        d[x] = mr_bright_pixel(s[x], k);
}

HOT static void sharpen_row(uint32_t *d, const uint32_t *s, const uint32_t *b, int w,
                            const mr_detail_params *k)
{
    for (int x = 0; x < w; x++)
        d[x] = mr_sharpen_pixel(s[x], b[x], k);
}

HOT static void glow_row(uint32_t *d, const uint32_t *s, const uint32_t *b, int w, const mr_detail_params *k)
{
    for (int x = 0; x < w; x++)
        d[x] = mr_glow_pixel(s[x], b[x], k);
}

void mr_cpu_detail(mr_frame *dst, const mr_frame *src, const mr_frame *b, const mr_detail_params *k)
{
    const mr_detail_params *kk = k;
    for (int y = 0; y < src->h; y++) {
        /* in place, d and s are the same row: each pixel is read before it is written */
        uint32_t *d = (uint32_t *)mr_frame_row(dst, y);
        const uint32_t *s = (const uint32_t *)mr_frame_row(src, y);
        const uint32_t *q = b ? (const uint32_t *)mr_frame_row(b, y) : NULL;
        switch (kk->op) {
        case MR_DETAIL_VIGNETTE: vignette_row(d, s, y, src->w, src->h, kk); break;
        case MR_DETAIL_NOISE: noise_row(d, s, y, src->w, kk); break;
        case MR_DETAIL_BRIGHT: bright_row(d, s, src->w, kk); break;
        case MR_DETAIL_SHARPEN: sharpen_row(d, s, q, src->w, kk); break;
        default: glow_row(d, s, q, src->w, kk); break;
        }
    }
    bool opaque = src->opaque || (k->op == MR_DETAIL_GLOW && b && b->opaque);
    dst->opaque = k->op == MR_DETAIL_BRIGHT ? false : opaque;
}

/* Pixel x of a row of the 3x3 effect op, its neighbours' columns l and r (the edge repeated). */
static inline uint32_t conv3_one(const uint32_t *up, const uint32_t *mid, const uint32_t *down, int l, int x, int r,
                                 int32_t op, int32_t amount)
{
    return mr_conv3_at(up[l], up[x], up[r], mid[l], mid[x], mid[r], down[l], down[x], down[r], op, amount);
}

/* The inside of a row (x = 1 .. w - 2), op fixed so that each loop is built for it. */
HOT static void edge_inside(uint32_t *restrict d, const uint32_t *up, const uint32_t *mid, const uint32_t *down, int w,
                            int32_t amount)
{
    for (int x = 1; x < w - 1; x++)
        d[x] = conv3_one(up, mid, down, x - 1, x, x + 1, MR_CONV3_EDGE, amount);
}

HOT static void emboss_inside(uint32_t *restrict d, const uint32_t *up, const uint32_t *mid, const uint32_t *down,
                              int w, int32_t amount)
{
    for (int x = 1; x < w - 1; x++)
        d[x] = conv3_one(up, mid, down, x - 1, x, x + 1, MR_CONV3_EMBOSS, amount);
}

/* Row y of the 3x3 effect: up, mid, down are the rows above, at and below (the edge repeated). */
static void conv3_row(uint32_t *restrict d, const uint32_t *up, const uint32_t *mid, const uint32_t *down, int w,
                      const mr_conv3_params *k)
{
    if (k->op == MR_CONV3_EDGE)
        edge_inside(d, up, mid, down, w, k->amount);
    else
        emboss_inside(d, up, mid, down, w, k->amount);
    d[0] = conv3_one(up, mid, down, 0, 0, w > 1 ? 1 : 0, k->op, k->amount);
    if (w > 1)
        d[w - 1] = conv3_one(up, mid, down, w - 2, w - 1, w - 1, k->op, k->amount);
}

void mr_cpu_conv3(const mr_frame *src, mr_frame *dst, const mr_conv3_params *k)
{
    const mr_conv3_params kk = *k;
    for (int y = 0; y < src->h; y++) {
        const uint32_t *up = (const uint32_t *)mr_frame_row(src, y > 0 ? y - 1 : 0);
        const uint32_t *mid = (const uint32_t *)mr_frame_row(src, y);
        const uint32_t *down = (const uint32_t *)mr_frame_row(src, y < src->h - 1 ? y + 1 : y);
        conv3_row((uint32_t *)mr_frame_row(dst, y), up, mid, down, src->w, &kk);
    }
    dst->opaque = src->opaque;
}

int mr_cpu_pixelate(mr_eval *ev, mr_frame *f, int size)
{
    const int nbx = (f->w + size - 1) / size;
    uint32_t *sums = (uint32_t *)mr_eval_tmp_push(ev, 4 * (size_t)nbx); /* a row of blocks' sums */
    if (!sums)
        return -1;
    for (int y0 = 0; y0 < f->h; y0 += size) {
        int y1 = y0 + size < f->h ? y0 + size : f->h;
        for (int i = 0; i < 4 * nbx; i++)
            sums[i] = 0;
        for (int y = y0; y < y1; y++) {
            const uint8_t *p = mr_frame_row(f, y);
            for (int x0 = 0, bx = 0; x0 < f->w; x0 += size, bx++) {
                uint32_t *s = sums + 4 * bx;
                int x1 = x0 + size < f->w ? x0 + size : f->w;
                for (int x = x0; x < x1; x++)
                    for (int c = 0; c < 4; c++)
                        s[c] += p[4 * x + c];
            }
        }
        for (int bx = 0; bx < nbx; bx++) {
            int x0 = bx * size, x1 = x0 + size < f->w ? x0 + size : f->w;
            uint32_t m = mr_pixelate_mean(sums + 4 * bx, (uint32_t)((x1 - x0) * (y1 - y0)));
            for (int y = y0; y < y1; y++) {
                uint32_t *row = (uint32_t *)mr_frame_row(f, y);
                for (int x = x0; x < x1; x++)
                    row[x] = m;
            }
        }
    }
    mr_eval_tmp_pop(ev);
    return 0;
}
