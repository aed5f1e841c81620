/* blend_mode_params.h: the blend modes of a compose layer and their per-pixel arithmetic,
 * shared by the CPU loop (engine/kernels/cpu/blend_modes.c) and its CUDA twin
 * (cuda/blend_modes.cu): plain C that nvcc reads too, integers only, so both engines give
 * the same bits.
 *
 * The W3C Compositing and Blending spec's separable modes with source-over, on premultiplied
 * colours cs, cb and alphas as, ab (all 0..1):
 *     co = cs (1 - ab) + cb (1 - as) + as ab B(Cb, Cs)        ao = as + ab (1 - as)
 * where B works on the unpremultiplied colours Cs = cs / as, Cb = cb / ab. Written with
 * 8-bit values, as ab B(Cb, Cs) is an exact integer X at the scale 255 x 255 for every mode
 * but soft light (the premultiplied forms below; soft light rounds its one division and its
 * square root to 1/256), so
 *     co = round((cs (255 - ab) + cb (255 - as) + X) / 255)   (mr_div255: rounded once)
 * "add" is B = min(1, Cb + Cs) and "subtract" B = max(0, Cb - Cs): on opaque pixels the
 * clamped sum and difference of ffmpeg's blend addition and subtract (the layer taken from
 * what is below it); where either is see-through they follow the same formula as the other
 * modes, so a transparent layer leaves the picture below, and over a transparent picture a
 * layer of any mode is just itself. */
#ifndef MR_BLEND_MODE_PARAMS_H
#define MR_BLEND_MODE_PARAMS_H

#include <stdint.h>
#include "engine/kernels/isqrt.h"
#include "engine/kernels/kernel_params.h"

/* The order of the choices of clip:blend() (engine/ops/blend_mode.c): the enum's value is
 * the choice's index. Normal is 0, what a clip is unless it says otherwise. */
typedef enum mr_blend_mode {
    MR_BLEND_NORMAL,
    MR_BLEND_MULTIPLY,
    MR_BLEND_SCREEN,
    MR_BLEND_OVERLAY,
    MR_BLEND_ADD,
    MR_BLEND_SUBTRACT,
    MR_BLEND_DARKEN,
    MR_BLEND_LIGHTEN,
    MR_BLEND_DIFFERENCE,
    MR_BLEND_SOFT_LIGHT,
    MR_BLEND_COUNT
} mr_blend_mode;

#define MR_BLEND_MODE_CHOICES "normal|multiply|screen|overlay|add|subtract|darken|lighten|difference|soft_light"

/* Soft light's as ab B(Cb, Cs) at the scale 255 x 255 (0 <= cs <= as, 0 < cb <= ab). The
 * spec's B: Cs <= 1/2: Cb - (1 - 2 Cs) Cb (1 - Cb); else Cb + (2 Cs - 1) (D(Cb) - Cb), with
 * D(Cb) = ((16 Cb - 12) Cb + 4) Cb up to Cb = 1/4 and sqrt(Cb) above. */
static inline MR_HD int32_t mr_soft_light_x(int32_t cs, int32_t as, int32_t cb, int32_t ab)
{
    if (2 * cs <= as) { /* as cb - (as - 2 cs) cb (ab - cb) / ab */
        int32_t n = (as - 2 * cs) * cb * (ab - cb);
        return as * cb - (n + ab / 2) / ab;
    }
    int64_t e256; /* 256 (ab D(Cb) - cb) */
    if (4 * cb <= ab) { /* ab D - cb = cb (16 cb^2 - 12 cb ab + 3 ab^2) / ab^2 */
        int64_t n = (int64_t)cb * (16 * cb * cb - 12 * cb * ab + 3 * ab * ab) * 256;
        int64_t d = (int64_t)ab * ab;
        e256 = (n + d / 2) / d;
    } else { /* ab sqrt(cb / ab) - cb = sqrt(cb ab) - cb */
        e256 = (int64_t)mr_isqrt((uint64_t)(cb * ab) << 16) - 256 * cb;
    }
    return as * cb + (int32_t)(((2 * cs - as) * e256 + 128) >> 8);
}

/* as ab B(Cb, Cs) at the scale 255 x 255 for mode m (0 <= cs <= as, 0 <= cb <= ab), kept
 * inside 0 .. as ab. */
static inline MR_HD int32_t mr_blend_x(int m, int32_t cs, int32_t as, int32_t cb, int32_t ab)
{
    int32_t sb = cs * ab, bs = cb * as, x; /* as ab Cs, as ab Cb */
    switch (m) {
    case MR_BLEND_MULTIPLY: x = cs * cb; break;
    case MR_BLEND_SCREEN: x = bs + sb - cs * cb; break;
    case MR_BLEND_OVERLAY: x = 2 * cb <= ab ? 2 * cs * cb : as * ab - 2 * (ab - cb) * (as - cs); break;
    case MR_BLEND_ADD: x = bs + sb < as * ab ? bs + sb : as * ab; break;
    case MR_BLEND_SUBTRACT: x = bs > sb ? bs - sb : 0; break;
    case MR_BLEND_DARKEN: x = sb < bs ? sb : bs; break;
    case MR_BLEND_LIGHTEN: x = sb > bs ? sb : bs; break;
    case MR_BLEND_DIFFERENCE: x = sb > bs ? sb - bs : bs - sb; break;
    case MR_BLEND_SOFT_LIGHT: x = cb ? mr_soft_light_x(cs, as, cb, ab) : 0; break;
    default: x = sb; break; /* normal: B = Cs */
    }
    return x < 0 ? 0 : x > as * ab ? as * ab : x;
}

/* Packed premultiplied layer pixel s blended onto d by mode m, s scaled by opacity/255
 * first (255: as is). A colour above its alpha (a broken picture) counts as its alpha. */
static inline MR_HD uint32_t mr_blend_mode_pixel(uint32_t s, uint32_t d, int m, uint32_t opacity)
{
    if (opacity != 255)
        s = mr_scale_pixel(s, opacity);
    int32_t as = (int32_t)(s >> 24), ab = (int32_t)(d >> 24);
    if (as == 0)
        return d;
    int32_t ao = as + (int32_t)mr_div255((uint32_t)(ab * (255 - as)));
    uint32_t out = (uint32_t)ao << 24;
    for (int c = 0; c < 24; c += 8) {
        int32_t cs = (int32_t)((s >> c) & 255), cb = (int32_t)((d >> c) & 255);
        cs = cs < as ? cs : as;
        cb = cb < ab ? cb : ab;
        int32_t sum = cs * (255 - ab) + cb * (255 - as) + mr_blend_x(m, cs, as, cb, ab);
        int32_t co = (int32_t)mr_div255((uint32_t)sum);
        out |= (uint32_t)(co < ao ? co : ao) << c;
    }
    return out;
}

#endif
