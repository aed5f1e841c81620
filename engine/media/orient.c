/* orient.c: display matrices into quarter turns and mirrors, and their kernel parameters. */
#include "engine/media/orient.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <libavutil/display.h>

mr_orient mr_orient_from_matrix(const int32_t matrix[9])
{
    mr_orient o = {0, false};
    if (!matrix)
        return o;
    int32_t m[9];
    memcpy(m, matrix, sizeof m);
    /* a negative determinant is a mirror; av_display_matrix_flip(hflip) negates the shown x,
     * so applying it again leaves the rotation, which the mirror then follows */
    double det = (double)m[0] * m[4] - (double)m[1] * m[3];
    if (det < 0) {
        o.hflip = true;
        av_display_matrix_flip(m, 1, 0);
    }
    /* av_display_rotation_get says how far the matrix turns counterclockwise; the ffmpeg
     * command (and ffplay) turn the picture by its negation, clockwise */
    double ccw = av_display_rotation_get(m);
    if (isnan(ccw))
        return (mr_orient){0, false};
    long quarters = lround(-ccw / 90.0) % 4;
    o.rotate = (int)((quarters + 4) % 4) * 90;
    return o;
}

void mr_orient_size(mr_orient o, int w, int h, int *shown_w, int *shown_h)
{
    bool quarter = o.rotate == 90 || o.rotate == 270;
    *shown_w = quarter ? h : w;
    *shown_h = quarter ? w : h;
}

mr_orient_params mr_orient_params_make(mr_orient o, int w, int h)
{
    /* shown pixel (x, y) reads stored pixel (x0 + xx*x + xy*y, y0 + yx*x + yy*y) */
    mr_orient_params k;
    switch (o.rotate) {
    case 90: k = (mr_orient_params){0, 0, 1, h - 1, -1, 0}; break;          /* (y, h-1-x) */
    case 180: k = (mr_orient_params){w - 1, -1, 0, h - 1, 0, -1}; break;    /* (w-1-x, h-1-y) */
    case 270: k = (mr_orient_params){w - 1, 0, -1, 0, 1, 0}; break;         /* (w-1-y, x) */
    default: k = (mr_orient_params){0, 1, 0, 0, 0, 1}; break;
    }
    if (o.hflip) { /* then mirrored: shown x becomes (shown width - 1 - x) */
        int sw, sh;
        mr_orient_size(o, w, h, &sw, &sh);
        k.x0 += k.xx * (sw - 1);
        k.xx = -k.xx;
        k.y0 += k.yx * (sw - 1);
        k.yx = -k.yx;
    }
    return k;
}

const char *mr_orient_describe(mr_orient o, char *buf, size_t n)
{
    if (mr_orient_is_identity(o))
        snprintf(buf, n, "none");
    else if (o.rotate == 0)
        snprintf(buf, n, "mirrored");
    else
        snprintf(buf, n, "%d degrees%s%s", o.rotate, o.rotate == 180 ? "" : " clockwise",
                 o.hflip ? ", then mirrored" : "");
    return buf;
}
