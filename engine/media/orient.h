/* orient.h: how a stored picture is turned to be shown: a quarter-turn rotation and a
 * mirror, read from a stream's display matrix (every phone video shot upright says "turn
 * me 90 degrees clockwise"). Players apply it (ffplay, mpv, the ffmpeg command); so do we,
 * on the working frames (engine/kernels/cpu/orient.c, cuda/orient.cu). */
#ifndef MR_ORIENT_H
#define MR_ORIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "engine/kernels/kernel_params.h"

/* Turn the stored picture `rotate` degrees clockwise (0, 90, 180 or 270), then, with hflip,
 * mirror it left to right. These eight cover every quarter-turn and flip a matrix can say. */
typedef struct mr_orient {
    int rotate;
    bool hflip;
} mr_orient;

/* The orientation a display matrix (FFmpeg's AV_PKT_DATA_DISPLAYMATRIX: nine int32, 16.16
 * and 2.30 fixed point) asks for, as the ffmpeg command reads it: the rotation from
 * av_display_rotation_get, a mirror where the determinant is negative. Angles that are not
 * quarter turns are rounded to the nearest one. NULL, or a singular matrix: no turn. */
mr_orient mr_orient_from_matrix(const int32_t matrix[9]);

static inline bool mr_orient_is_identity(mr_orient o) { return o.rotate == 0 && !o.hflip; }

/* The shown size of a stored w x h picture: w and h swap for quarter turns. */
void mr_orient_size(mr_orient o, int w, int h, int *shown_w, int *shown_h);

/* The kernel parameters turning a stored w x h picture by o (engine/kernels/kernel_params.h). */
mr_orient_params mr_orient_params_make(mr_orient o, int w, int h);

/* Words for messages and `moonreel info`: "90° clockwise", "none", "180°, mirrored";
 * writes into buf (n bytes) and returns it. */
const char *mr_orient_describe(mr_orient o, char *buf, size_t n);

#endif
