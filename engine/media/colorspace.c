/* colorspace.c: YUV <-> RGB coefficient tables in fixed point. */
#include "engine/media/colorspace.h"

#include <math.h>

static void kr_kb(mr_matrix m, double *kr, double *kb)
{
    switch (m) {
    case MR_MATRIX_BT601: *kr = 0.299; *kb = 0.114; break;
    case MR_MATRIX_BT2020: *kr = 0.2627; *kb = 0.0593; break;
    default: *kr = 0.2126; *kb = 0.0722; break;
    }
}

static int32_t fx(double v) { return (int32_t)lround(v * (1 << MR_CSC_SHIFT)); }

mr_yuv2rgb_params mr_yuv2rgb_params_make(mr_matrix m, bool full_range, int bits)
{
    double kr, kb;
    kr_kb(m, &kr, &kb);
    double kg = 1 - kr - kb;
    double scale = (double)(1 << (bits - 8));          /* source units per 8-bit unit */
    double yrange = full_range ? 255 : 219, crange = full_range ? 255 : 224;
    double ky = 255.0 / (yrange * scale), kc = 255.0 / (crange * scale);
    mr_yuv2rgb_params p;
    p.cy = fx(ky);
    p.crv = fx(kc * 2 * (1 - kr));
    p.cgu = fx(-kc * 2 * kb * (1 - kb) / kg);
    p.cgv = fx(-kc * 2 * kr * (1 - kr) / kg);
    p.cbu = fx(kc * 2 * (1 - kb));
    p.yoff = full_range ? 0 : 16 << (bits - 8);
    p.coff = 128 << (bits - 8);
    return p;
}

mr_rgb2yuv_params mr_rgb2yuv_params_make(mr_matrix m, int bits)
{
    double kr, kb;
    kr_kb(m, &kr, &kb);
    double kg = 1 - kr - kb;
    double scale = (double)(1 << (bits - 8));
    double ky = 219.0 * scale / 255, kc = 224.0 * scale / 255;
    mr_rgb2yuv_params p;
    p.yr = fx(ky * kr); p.yg = fx(ky * kg); p.yb = fx(ky * kb);
    p.ur = fx(-kc * kr / (2 * (1 - kb))); p.ug = fx(-kc * kg / (2 * (1 - kb))); p.ub = fx(kc * 0.5);
    p.vr = fx(kc * 0.5); p.vg = fx(-kc * kg / (2 * (1 - kr))); p.vb = fx(-kc * kb / (2 * (1 - kr)));
    p.yoff = 16 << (bits - 8);
    p.coff = 128 << (bits - 8);
    p.depth = bits;
    return p;
}

const char *mr_matrix_name(mr_matrix m)
{
    return m == MR_MATRIX_BT601 ? "bt601" : m == MR_MATRIX_BT2020 ? "bt2020" : "bt709";
}
