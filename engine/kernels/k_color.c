/* k_color.c: the colour transform and the 3D LUT on the CPU or their CUDA twins, chosen by
 * the frame; a LUT's tables from a .cube file's numbers. */
#include "engine/kernels/k_color.h"

#include <math.h>

#include "engine/kernels/cpu/color.h"
#include "engine/kernels/cpu/lut.h"
#include "engine/kernels/k_launch.h"

int mr_k_color(mr_eval *ev, mr_frame *f, const mr_color_params *k)
{
    if (!f->gpu) {
        mr_cpu_color(f, k);
        return 0;
    }
    return MR_K_LAUNCH(ev, "colour effect", mr_cu_color(f->data, f->stride, f->w, f->h, k, MR_K_STREAM(ev)));
}

int mr_k_lut(mr_eval *ev, mr_frame *f, const mr_lut_params *k)
{
    if (!f->gpu) {
        mr_cpu_lut(f, k);
        return 0;
    }
    return MR_K_LAUNCH(ev, "3D LUT", mr_cu_lut(f->data, f->stride, f->w, f->h, k, MR_K_STREAM(ev)));
}

static double unit(double v) { return v > 0 ? (v < 1 ? v : 1) : 0; }

void mr_lut_positions(int n, const float *lo, const float *hi, uint32_t pos[3 * 256])
{
    for (int ch = 0; ch < 3; ch++)
        for (int v = 0; v < 256; v++) {
            double g = unit((v / 255.0 - lo[ch]) / ((double)hi[ch] - lo[ch])) * (n - 1);
            int i = (int)g < n - 2 ? (int)g : n - 2;
            long f = lround((g - i) * MR_LUT_FRAC_ONE);
            pos[256 * ch + v] = (uint32_t)i << 16 | (uint32_t)(f > MR_LUT_FRAC_ONE ? MR_LUT_FRAC_ONE : f);
        }
}

void mr_lut_grid(const float *rgb, size_t cells, uint16_t *grid)
{
    for (size_t i = 0; i < cells; i++) {
        for (int ch = 0; ch < 3; ch++)
            grid[4 * i + ch] = (uint16_t)lround(unit(rgb[3 * i + ch]) * 65535);
        grid[4 * i + 3] = 0;
    }
}
