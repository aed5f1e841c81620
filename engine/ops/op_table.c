/* op_table.c: the registry: every operation, one line each, in the order the reference
 * lists them. Each descriptor lives beside its node (timemap.c, transform.c, look.c, ...). */
#include "engine/ops/op.h"

extern const mr_op mr_op_sub, mr_op_start, mr_op_dur, mr_op_speed, mr_op_loop;
extern const mr_op mr_op_resize, mr_op_crop, mr_op_margin, mr_op_at, mr_op_anchor, mr_op_fit;
extern const mr_op mr_op_opacity, mr_op_fadein, mr_op_fadeout, mr_op_mask;
extern const mr_op mr_op_blend, mr_op_chromakey, mr_op_lumakey;
extern const mr_op mr_op_volume, mr_op_mute, mr_op_with_audio;
extern const mr_op mr_op_rotate, mr_op_scale, mr_op_mirror;

const mr_op *const mr_op_table[] = {
    &mr_op_sub,
    &mr_op_start,
    &mr_op_dur,
    &mr_op_speed,
    &mr_op_loop,
    &mr_op_resize,
    &mr_op_crop,
    &mr_op_margin,
    &mr_op_at,
    &mr_op_anchor,
    &mr_op_fit,
    &mr_op_rotate,
    &mr_op_scale,
    &mr_op_mirror,
    &mr_op_opacity,
    &mr_op_mask,
    &mr_op_fadein,
    &mr_op_fadeout,
    &mr_op_blend,
    &mr_op_chromakey,
    &mr_op_lumakey,
    &mr_op_volume,
    &mr_op_mute,
    &mr_op_with_audio,
    NULL,
};
