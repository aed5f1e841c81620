/* picture_in.c: decoded pictures into working RGBA. */
#include "engine/picture_in.h"

#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include "engine/cpu/convert.h"
#include "engine/cpu/scale.h"

/* Describes src as planes our kernel reads; false for layouts it does not. */
static bool as_yuv_image(const AVFrame *src, mr_yuv_image *y, bool *full)
{
    *y = (mr_yuv_image){.w = src->width, .h = src->height, .bytes = 1};
    switch (src->format) {
    case AV_PIX_FMT_YUVJ420P: *full = true; /* fall through */
    case AV_PIX_FMT_YUV420P: y->cshift_x = y->cshift_y = 1; break;
    case AV_PIX_FMT_YUVJ422P: *full = true; /* fall through */
    case AV_PIX_FMT_YUV422P: y->cshift_x = 1; break;
    case AV_PIX_FMT_YUVJ444P: *full = true; /* fall through */
    case AV_PIX_FMT_YUV444P: break;
    case AV_PIX_FMT_NV12: y->cshift_x = y->cshift_y = 1; y->semi = 1; break;
    case AV_PIX_FMT_P010LE: y->cshift_x = y->cshift_y = 1; y->semi = 1; y->bytes = 2; y->down = 6; break;
    case AV_PIX_FMT_YUV420P10LE: y->cshift_x = y->cshift_y = 1; y->bytes = 2; break;
    default: return false;
    }
    for (int i = 0; i < 3; i++) {
        y->plane[i] = src->data[i];
        y->stride[i] = src->linesize[i];
    }
    return true;
}

int mr_picture_from_av(mr_eval *ev, const AVFrame *src, mr_matrix m, bool full_range, mr_frame **out, mr_err *err)
{
    mr_frame *f = mr_frame_new(src->width, src->height, err);
    if (!f)
        return -1;
    mr_yuv_image y;
    bool full = full_range;
    if (as_yuv_image(src, &y, &full)) {
        int bits = src->format == AV_PIX_FMT_P010LE || src->format == AV_PIX_FMT_YUV420P10LE ? 10 : 8;
        mr_yuv2rgb_params k = mr_yuv2rgb_params_make(m, full, bits);
        mr_cpu_yuv_to_rgba(&y, &k, f, 0, f->h);
    } else if (mr_cpu_any_to_rgba(ev, src, m, full_range, f, err) < 0) {
        mr_frame_unref(f);
        return -1;
    }
    *out = f;
    return 0;
}
