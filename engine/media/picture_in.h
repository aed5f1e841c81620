/* picture_in.h: turning a decoded picture (AVFrame) into a working frame. */
#ifndef MR_PICTURE_IN_H
#define MR_PICTURE_IN_H

#include <stdbool.h>
#include "engine/media/colorspace.h"
#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/media/orient.h"

struct AVFrame;

/* Converts src (any pixel format FFmpeg decodes) into a new working frame in *out, using
 * matrix m and the range given for YUV sources. Common YUV layouts go through our own
 * kernel (engine/kernels/cpu/convert.c), the rest through swscale. Returns 0, or -1 with err set. */
int mr_picture_from_av(mr_eval *ev, const struct AVFrame *src, mr_matrix m, bool full_range,
                       mr_frame **out, mr_err *err);

/* Turns the working frame *f as o says (a stream's display matrix), in the memory it is in:
 * on success *f is replaced by the turned frame (the caller's reference moves to it; an
 * identity leaves *f as it is). Returns 0, or -1 with ev->err set (*f unchanged). */
int mr_picture_orient(mr_eval *ev, mr_frame **f, mr_orient o);

#endif
