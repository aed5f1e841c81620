/* picture_in.c: decoded pictures into working RGBA, on the CPU or the GPU. */
#include "engine/media/picture_in.h"

#include <libavutil/frame.h>
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
#include "engine/kernels/cpu/scale.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernels.h"

/* Describes a picture of `format` (planes in data/linesize) as planes our kernels read;
 * false for layouts they do not. *full becomes true for the full-range (JPEG) formats. */
static bool as_yuv_image(int format, int w, int h, uint8_t *const data[], const int linesize[], mr_yuv_image *y,
                         bool *full, int *bits)
{
    *y = (mr_yuv_image){.w = w, .h = h, .bytes = 1};
    *bits = 8;
    switch (format) {
    case AV_PIX_FMT_YUVJ420P: *full = true; /* fall through */
    case AV_PIX_FMT_YUV420P: y->cshift_x = y->cshift_y = 1; break;
    case AV_PIX_FMT_YUVJ422P: *full = true; /* fall through */
    case AV_PIX_FMT_YUV422P: y->cshift_x = 1; break;
    case AV_PIX_FMT_YUVJ444P: *full = true; /* fall through */
    case AV_PIX_FMT_YUV444P: break;
    case AV_PIX_FMT_NV12: y->cshift_x = y->cshift_y = 1; y->semi = 1; break;
    case AV_PIX_FMT_P010LE: y->cshift_x = y->cshift_y = 1; y->semi = 1; y->bytes = 2; y->down = 6; *bits = 10; break;
    case AV_PIX_FMT_YUV420P10LE: y->cshift_x = y->cshift_y = 1; y->bytes = 2; *bits = 10; break;
    default: return false;
    }
    for (int i = 0; i < 3; i++) {
        y->plane[i] = data[i];
        y->stride[i] = linesize[i];
    }
    return true;
}

/* Copies the planes of a host picture into ev's device scratch; y then points there. */
static int upload_planes(mr_eval *ev, mr_yuv_image *y)
{
    int nplanes = y->semi ? 2 : 3;
    size_t rows[3], width[3], total = 0;
    for (int i = 0; i < nplanes; i++) {
        bool chroma = i > 0;
        rows[i] = chroma ? (size_t)((y->h + (1 << y->cshift_y) - 1) >> y->cshift_y) : (size_t)y->h;
        size_t samples = chroma ? (size_t)((y->w + (1 << y->cshift_x) - 1) >> y->cshift_x) * (y->semi ? 2 : 1) : (size_t)y->w;
        width[i] = samples * y->bytes;
        total += ((width[i] + 255) & ~(size_t)255) * rows[i];
    }
    uint8_t *dev = mr_eval_gpu_scratch(ev, 1, total);
    if (!dev)
        return -1;
    for (int i = 0; i < nplanes; i++) {
        size_t pitch = (width[i] + 255) & ~(size_t)255;
        if (mr_gpu_copy2d(ev->gpu, dev, pitch, y->plane[i], y->stride[i], width[i], rows[i], ev->err) < 0)
            return -1;
        y->plane[i] = dev;
        y->stride[i] = (int)pitch;
        dev += pitch * rows[i];
    }
    return 0;
}

int mr_picture_from_av(mr_eval *ev, const AVFrame *src, mr_matrix m, bool full_range, mr_frame **out, mr_err *err)
{
    mr_yuv_image y;
    bool full = full_range;
    int bits;
    if (src->format == AV_PIX_FMT_CUDA) {
        const AVHWFramesContext *fc = (const AVHWFramesContext *)src->hw_frames_ctx->data;
        if (ev->gpu && as_yuv_image(fc->sw_format, src->width, src->height, src->data, src->linesize, &y, &full, &bits)) {
            mr_frame *f = mr_k_new(ev, src->width, src->height);
            mr_yuv2rgb_params k = mr_yuv2rgb_params_make(m, full, bits);
            if (!f || mr_k_yuv_to_rgba(ev, &y, &k, f) < 0) {
                mr_frame_unref(f);
                return -1;
            }
            *out = f;
            return 0;
        }
        /* a CPU evaluation of a GPU-decoded picture (or an unusual layout): bring it over */
        AVFrame *host = av_frame_alloc();
        int r = host ? av_hwframe_transfer_data(host, src, 0) : AVERROR(ENOMEM);
        if (r >= 0)
            r = mr_picture_from_av(ev, host, m, full_range, out, err) < 0 ? -1 : 0;
        else
            mr_err_av(err, r, "cannot download a decoded picture from the GPU");
        av_frame_free(&host);
        return r < 0 ? -1 : 0;
    }
    if (as_yuv_image(src->format, src->width, src->height, src->data, src->linesize, &y, &full, &bits)) {
        mr_frame *f = mr_k_new(ev, src->width, src->height);
        mr_yuv2rgb_params k = mr_yuv2rgb_params_make(m, full, bits);
        if (!f || (ev->gpu && upload_planes(ev, &y) < 0) || mr_k_yuv_to_rgba(ev, &y, &k, f) < 0) {
            mr_frame_unref(f);
            return -1;
        }
        *out = f;
        return 0;
    }
    /* the rest through swscale, which also keeps an alpha plane (yuva420p from libvpx,
     * yuva444p10 ProRes 4444, RGBA PNG): straight alpha there, premultiplied by
     * mr_cpu_any_to_rgba, and the frame is opaque only if every alpha is 255 */
    mr_frame *f = mr_frame_new(src->width, src->height, err);
    if (!f || mr_cpu_any_to_rgba(ev, src, m, full_range, f, err) < 0 || (ev->gpu && mr_k_to_device(ev, &f) < 0)) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}

int mr_picture_orient(mr_eval *ev, mr_frame **f, mr_orient o)
{
    if (mr_orient_is_identity(o))
        return 0;
    mr_frame *src = *f;
    int w, h;
    mr_orient_size(o, src->w, src->h, &w, &h);
    mr_frame *dst = src->gpu ? mr_frame_new_gpu(ev->gpu, w, h, ev->err) : mr_frame_new(w, h, ev->err);
    mr_orient_params k = mr_orient_params_make(o, src->w, src->h);
    if (!dst || mr_k_orient(ev, src, &k, dst) < 0) {
        mr_frame_unref(dst);
        return -1;
    }
    mr_frame_unref(src); /* on the GPU, freed frames are reused in the stream's order */
    *f = dst;
    return 0;
}
