/* kernels.c: CPU or CUDA, chosen by the evaluation context. */
#include "engine/kernels/kernels.h"

#include <string.h>
#include "engine/kernels/cpu/blend.h"
#include "engine/kernels/cpu/convert.h"
#include "engine/kernels/cpu/orient.h"
#include "engine/kernels/cpu/warp.h"
#include "engine/kernels/cpu/yuva.h"
#include "engine/kernels/cpu/scale.h"
#include "engine/gpu/gpu.h"

#ifdef MR_HAVE_CUDA
#include "cuda/kernels.h"
#define STREAM(ev) ((mr_cu_stream)mr_gpu_stream((ev)->gpu))
#define LAUNCH(ev, what, call) mr_gpu_check((call), what, (ev)->err)
#else
/* without CUDA, ev->gpu is always NULL and the GPU branches are never taken */
#define LAUNCH(ev, what, call) mr_err_set((ev)->err, "this moonreel was built without CUDA")
#endif

mr_frame *mr_k_new(mr_eval *ev, int w, int h)
{
    return ev->gpu ? mr_frame_new_gpu(ev->gpu, w, h, ev->err) : mr_frame_new(w, h, ev->err);
}

int mr_k_fill(mr_eval *ev, mr_frame *f, uint32_t premul)
{
    if (!f->gpu) {
        mr_cpu_fill(f, premul);
        return 0;
    }
    f->opaque = (premul >> 24) == 255;
    return LAUNCH(ev, "fill", mr_cu_fill(f->data, f->stride, f->w, f->h, premul, STREAM(ev)));
}

int mr_k_over(mr_eval *ev, mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity)
{
    if (!dst->gpu) {
        mr_cpu_over(dst, src, x, y, opacity);
        return 0;
    }
    return LAUNCH(ev, "compose", mr_cu_over(dst->data, dst->stride, dst->w, dst->h, src->data, src->stride, src->w,
                                           src->h, x, y, opacity, STREAM(ev)));
}

int mr_k_mix(mr_eval *ev, mr_frame *f, unsigned k, uint32_t c)
{
    if (!f->gpu) {
        mr_cpu_mix(f, k, c);
        return 0;
    }
    if (k < 255)
        f->opaque = f->opaque && (c >> 24) == 255;
    return LAUNCH(ev, "fade", mr_cu_mix(f->data, f->stride, f->w, f->h, k, c, STREAM(ev)));
}

int mr_k_copy_rect(mr_eval *ev, mr_frame *dst, const mr_frame *src, int sx, int sy, int w, int h)
{
    if (!dst->gpu) {
        mr_cpu_copy_rect(dst, src, sx, sy, w, h);
        return 0;
    }
    dst->opaque = src->opaque;
    return mr_gpu_copy2d(ev->gpu, dst->data, dst->stride, src->data + (size_t)sy * src->stride + 4 * sx, src->stride,
                         (size_t)w * 4, h, ev->err);
}

/* One resize step of src into dst by the warp: the edge texels repeat outward, the filter widens
 * by the shrink factor (MR_WARP_MAX_WIDEN at most). Returns mr_k_warp's. */
static int resize_step(mr_eval *ev, const mr_frame *src, mr_frame *dst, int filter)
{
    mr_warp_params k = {.m = {(float)src->w / dst->w, 0, 0, 0, (float)src->h / dst->h, 0},
                        .sw = src->w, .sh = src->h, .filter = filter, .clamp = 1};
    return mr_k_warp(ev, src, &k, dst);
}

int mr_k_resize(mr_eval *ev, const mr_frame *src, mr_frame *dst, int filter)
{
    /* a shrink past what one step's filter widens to goes in steps of at most that much, so
     * that every source pixel still counts (a 4K frame into a 100-pixel thumbnail) */
    int w = src->w, h = src->h;
    mr_frame *held = NULL;
    const mr_frame *from = src;
    while (w > MR_WARP_MAX_WIDEN * dst->w || h > MR_WARP_MAX_WIDEN * dst->h) {
        w = w > MR_WARP_MAX_WIDEN * dst->w ? (w + MR_WARP_MAX_WIDEN - 1) / MR_WARP_MAX_WIDEN : w;
        h = h > MR_WARP_MAX_WIDEN * dst->h ? (h + MR_WARP_MAX_WIDEN - 1) / MR_WARP_MAX_WIDEN : h;
        mr_frame *step = mr_k_new(ev, w, h);
        if (!step || resize_step(ev, from, step, filter) < 0) {
            mr_frame_unref(step);
            mr_frame_unref(held);
            return -1;
        }
        mr_frame_unref(held);
        from = held = step;
    }
    int r = resize_step(ev, from, dst, filter);
    mr_frame_unref(held);
    return r;
}

int mr_k_orient(mr_eval *ev, const mr_frame *src, const mr_orient_params *k, mr_frame *dst)
{
    if (!dst->gpu) {
        mr_cpu_orient(src, k, dst);
        return 0;
    }
    dst->opaque = src->opaque;
    return LAUNCH(ev, "orientation",
                  mr_cu_orient(src->data, src->stride, dst->data, dst->stride, dst->w, dst->h, k, STREAM(ev)));
}

int mr_k_warp(mr_eval *ev, const mr_frame *src, const mr_warp_params *k, mr_frame *dst)
{
    mr_warp_params kp = *k;
    mr_warp_prepare(&kp);
    if (!dst->gpu) { /* the two-pass path's tables live in ev's scratch: nothing allocated a frame */
        size_t bytes = mr_cpu_warp_scratch(&kp, dst->w, dst->h);
        float *scratch = bytes ? mr_eval_tmp_push(ev, bytes / sizeof(float) + 1) : NULL;
        if (bytes && !scratch)
            return -1;
        mr_cpu_warp(src, &kp, dst, scratch);
        if (scratch)
            mr_eval_tmp_pop(ev);
        return 0;
    }
    dst->opaque = src->opaque && mr_warp_covers(&kp, dst->w, dst->h);
    return LAUNCH(ev, "warp",
                  mr_cu_warp(src->data, src->stride, dst->data, dst->stride, dst->w, dst->h, &kp, STREAM(ev)));
}

int mr_k_yuv_to_rgba(mr_eval *ev, const mr_yuv_image *src, const mr_yuv2rgb_params *k, mr_frame *dst)
{
    if (!dst->gpu) {
        mr_cpu_yuv_to_rgba(src, k, dst, 0, dst->h);
        return 0;
    }
    dst->opaque = true;
    return LAUNCH(ev, "colour conversion", mr_cu_yuv_to_rgba(src, k, dst->data, dst->stride, STREAM(ev)));
}

int mr_k_rgba_to_yuv420(mr_eval *ev, const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuv_image *dst)
{
    if (!src->gpu) {
        mr_cpu_rgba_to_yuv420(src, k, dst, 0, dst->h);
        return 0;
    }
    return LAUNCH(ev, "colour conversion",
                  mr_cu_rgba_to_yuv420(src->data, src->stride, src->w, src->h, k, dst, STREAM(ev)));
}

int mr_k_rgba_to_yuva(mr_eval *ev, const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuva_image *dst)
{
    if (!src->gpu) {
        mr_cpu_rgba_to_yuva(src, k, dst);
        return 0;
    }
    return LAUNCH(ev, "colour conversion", mr_cu_rgba_to_yuva(src->data, src->stride, src->w, src->h, k, dst, STREAM(ev)));
}

int mr_k_to_device(mr_eval *ev, mr_frame **f)
{
    mr_frame *h = *f, *d = mr_frame_new_gpu(ev->gpu, h->w, h->h, ev->err);
    if (!d)
        return -1;
    if (mr_gpu_copy2d(ev->gpu, d->data, d->stride, h->data, h->stride, (size_t)h->w * 4, h->h, ev->err) < 0) {
        mr_frame_unref(d);
        return -1;
    }
    d->opaque = h->opaque;
    if (h->has_ink)
        mr_frame_set_ink(d, h->ink_x, h->ink_y, h->ink_w, h->ink_h);
    mr_frame_unref(h);
    *f = d;
    return 0;
}

mr_frame *mr_k_to_host(const struct mr_gpu *g, const mr_frame *f, mr_err *err)
{
    mr_frame *h = mr_frame_new(f->w, f->h, err);
    if (!h)
        return NULL;
    if (mr_gpu_copy2d(g, h->data, h->stride, f->data, f->stride, (size_t)f->w * 4, f->h, err) < 0 ||
        mr_gpu_sync(g, err) < 0) {
        mr_frame_unref(h);
        return NULL;
    }
    h->opaque = f->opaque;
    if (f->has_ink)
        mr_frame_set_ink(h, f->ink_x, f->ink_y, f->ink_w, f->ink_h);
    return h;
}

void *mr_eval_gpu_scratch(mr_eval *ev, int slot, size_t bytes)
{
    if (ev->gpu_scratch_bytes[slot] < bytes) {
        /* the old buffer may still be read by queued work: free it only after that work */
        if (ev->gpu_scratch[slot] && mr_gpu_sync(ev->gpu, ev->err) < 0)
            return NULL;
        mr_gpu_free(ev->gpu_scratch[slot], ev->gpu_scratch_bytes[slot]);
        ev->gpu_scratch_bytes[slot] = 0;
        if (!(ev->gpu_scratch[slot] = mr_gpu_malloc(bytes, ev->err)))
            return NULL;
        ev->gpu_scratch_bytes[slot] = bytes;
    }
    return ev->gpu_scratch[slot];
}
