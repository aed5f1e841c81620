/* color.c: the colour transform on the CPU (the reference of cuda/color.cu). */
#include "engine/kernels/cpu/color.h"

#include <stdbool.h>

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* n packed pixels through k in place. */
HOT static void color_row(uint32_t *restrict p, int n, const mr_color_params *restrict k)
{
    const uint8_t *pre = &k->pre[0][0], *post = &k->post[0][0];
    const int32_t *m = &k->m[0][0];
    int32_t use_m = k->use_matrix;
    for (int i = 0; i < n; i++)
        p[i] = mr_color_pixel(p[i], pre, m, use_m, post);
}

/* n opaque packed pixels through the matrix alone (identity tables): no lookups, so the
 * compiler vectorises it. The same arithmetic as mr_color_apply. */
HOT static void matrix_row(uint32_t *restrict p, int n, const int32_t *restrict m)
{
    const int32_t m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
    const int32_t m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11];
    for (int i = 0; i < n; i++) {
        int32_t r = (int32_t)(p[i] & 255), g = (int32_t)(p[i] >> 8 & 255), b = (int32_t)(p[i] >> 16 & 255);
        int32_t x = m0 * r + m1 * g + m2 * b + m3, y = m4 * r + m5 * g + m6 * b + m7;
        int32_t z = m8 * r + m9 * g + m10 * b + m11;
        x = x < 0 ? 0 : (x + MR_COLOR_ONE / 2) >> MR_COLOR_SHIFT;
        y = y < 0 ? 0 : (y + MR_COLOR_ONE / 2) >> MR_COLOR_SHIFT;
        z = z < 0 ? 0 : (z + MR_COLOR_ONE / 2) >> MR_COLOR_SHIFT;
        x = x > 255 ? 255 : x;
        y = y > 255 ? 255 : y;
        z = z > 255 ? 255 : z;
        p[i] = 0xff000000u | (uint32_t)x | (uint32_t)y << 8 | (uint32_t)z << 16;
    }
}

/* n opaque packed pixels through the per-channel table t (768 bytes). */
HOT static void table_row(uint32_t *restrict p, int n, const uint8_t *restrict t)
{
    for (int i = 0; i < n; i++)
        p[i] = 0xff000000u | t[p[i] & 255] | (uint32_t)t[256 + (p[i] >> 8 & 255)] << 8 |
               (uint32_t)t[512 + (p[i] >> 16 & 255)] << 16;
}

/* Whether the table t (768 bytes) gives every value back. */
static bool identity(const uint8_t *t)
{
    for (int i = 0; i < 3 * 256; i++)
        if (t[i] != (i & 255))
            return false;
    return true;
}

/* An opaque frame in up to three passes a row, each skipped when it changes nothing (the
 * matrix pass, without lookups, is vectorised); any other frame pixel by pixel. The same
 * arithmetic either way. */
void mr_cpu_color(mr_frame *f, const mr_color_params *k)
{
    bool pre = !identity(&k->pre[0][0]), post = !identity(&k->post[0][0]);
    for (int y = 0; y < f->h; y++) {
        uint32_t *row = (uint32_t *)mr_frame_row(f, y);
        if (!f->opaque) {
            color_row(row, f->w, k);
            continue;
        }
        if (pre)
            table_row(row, f->w, &k->pre[0][0]);
        if (k->use_matrix)
            matrix_row(row, f->w, &k->m[0][0]);
        if (post)
            table_row(row, f->w, &k->post[0][0]);
    }
}
