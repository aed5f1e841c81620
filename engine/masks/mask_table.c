/* mask_table.c: every mask function, one line each, in the order the reference lists them:
 * the new masks (mask.NAME), then what changes one (m:NAME). */
#include "engine/ops/op.h"

extern const mr_op mr_mask_rect, mr_mask_ellipse, mr_mask_circle, mr_mask_polygon, mr_mask_linear, mr_mask_radial;
extern const mr_op mr_mask_from;
extern const mr_op mr_mask_feather, mr_mask_grow, mr_mask_shrink, mr_mask_invert, mr_mask_threshold;
extern const mr_op mr_mask_intersect, mr_mask_union, mr_mask_subtract, mr_mask_max, mr_mask_min;
extern const mr_op mr_mask_at, mr_mask_rotate, mr_mask_scale;

const mr_op *const mr_mask_table[] = {
    &mr_mask_rect,
    &mr_mask_ellipse,
    &mr_mask_circle,
    &mr_mask_polygon,
    &mr_mask_linear,
    &mr_mask_radial,
    &mr_mask_from,
    &mr_mask_feather,
    &mr_mask_grow,
    &mr_mask_shrink,
    &mr_mask_invert,
    &mr_mask_threshold,
    &mr_mask_intersect,
    &mr_mask_union,
    &mr_mask_subtract,
    &mr_mask_max,
    &mr_mask_min,
    &mr_mask_at,
    &mr_mask_rotate,
    &mr_mask_scale,
    NULL,
};
