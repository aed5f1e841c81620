/* k_key.c: chroma and luma keys on the CPU or its CUDA twin, chosen by the frame; their
 * parameters, made once a frame on the host. */
#include "engine/kernels/k_key.h"

#include <math.h>
#include "engine/gpu/gpu.h"
#include "engine/kernels/cpu/key.h"
#ifdef MR_HAVE_CUDA
#include "cuda/kernels.h"
#endif

/* v kept inside 0 .. 1 (NaN: 0). */
static double unit(double v)
{
    return v > 0 ? (v < 1 ? v : 1) : 0;
}

mr_key_params mr_chromakey_params_make(mr_rgba key, double similarity, double blend, double spill)
{
    mr_key_params k = {0};
    mr_key_uv(key.r, key.g, key.b, &k.key_u, &k.key_v);
    /* a diff of 1 is a distance of 255 sqrt(2) in 8-bit U, V: in the kernel's units */
    double scale = 255.0 * sqrt(2.0) * (1 << MR_KEY_UV_SHIFT);
    k.sim = llround(unit(similarity) * scale);
    k.blend = llround(unit(blend) * scale);
    k.near2 = (k.sim + 1) * (k.sim + 1);
    k.far2 = (k.sim + k.blend) * (k.sim + k.blend);
    k.spill = (int32_t)lround(unit(spill) * 256);
    int ch[3] = {key.r, key.g, key.b};
    int m = ch[1] >= ch[0] && ch[1] >= ch[2] ? 1 : ch[0] >= ch[2] ? 0 : 2;
    int o1 = ch[(m + 1) % 3], o2 = ch[(m + 2) % 3];
    k.key_ch = ch[m] > (o1 > o2 ? o1 : o2) ? m : -1; /* grey: no channel stands out */
    return k;
}

mr_key_params mr_lumakey_params_make(double low, double high, double soft)
{
    double scale = 255.0 * (1 << MR_KEY_Y_SHIFT);
    mr_key_params k = {0};
    k.luma = 1;
    k.key_ch = -1;
    k.low = llround(unit(low) * scale);
    k.high = llround(unit(high) * scale);
    k.soft = llround(unit(soft) * scale);
    return k;
}

int mr_k_key(mr_eval *ev, mr_frame *f, const mr_key_params *k)
{
    if (!f->gpu) {
        mr_cpu_key(f, k);
        return 0;
    }
#ifdef MR_HAVE_CUDA
    f->opaque = false;
    return mr_gpu_check(mr_cu_key(f->data, f->stride, f->w, f->h, k, (mr_cu_stream)mr_gpu_stream(ev->gpu)),
                        k->luma ? "luma key" : "chroma key", ev->err);
#else
    return mr_err_set(ev->err, "this moonreel was built without CUDA");
#endif
}
