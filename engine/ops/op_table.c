/* op_table.c: the registry: every operation, one line each, in the order the reference
 * lists them. Each descriptor lives beside its node (timemap.c, transform.c, look.c, ...). */
#include "engine/ops/op.h"

extern const mr_op mr_op_sub, mr_op_start, mr_op_dur, mr_op_speed, mr_op_loop;
extern const mr_op mr_op_resize, mr_op_crop, mr_op_margin, mr_op_at, mr_op_anchor, mr_op_fit;
extern const mr_op mr_op_opacity, mr_op_fadein, mr_op_fadeout, mr_op_mask;
extern const mr_op mr_op_blend, mr_op_chromakey, mr_op_lumakey;
extern const mr_op mr_op_volume, mr_op_mute, mr_op_with_audio;
extern const mr_op mr_op_volume_at, mr_op_pan, mr_op_audio_fadein, mr_op_audio_fadeout, mr_op_delay; /* sound_env.c */
extern const mr_op mr_op_audio_echo, mr_op_normalize, mr_op_duck; /* sound_echo.c, normalize.c, duck.c */
extern const mr_op mr_op_rotate, mr_op_scale, mr_op_mirror;
extern const mr_op mr_op_brightness, mr_op_contrast, mr_op_saturation, mr_op_gamma, mr_op_hue, mr_op_exposure,
    mr_op_temperature, mr_op_tint, mr_op_levels, mr_op_curves, mr_op_lut, mr_op_grayscale, mr_op_sepia, mr_op_invert,
    mr_op_multiply_color, mr_op_posterize, mr_op_threshold;
extern const mr_op mr_op_reverse, mr_op_time_symmetrize, mr_op_freeze, mr_op_freeze_last; /* reverse.c, freeze.c */
extern const mr_op mr_op_typewriter; /* engine/sources/text.c */
extern const mr_op mr_op_fps, mr_op_echo, mr_op_motion_blur; /* fps.c, trails.c */
extern const mr_op mr_op_blur, mr_op_box_blur, mr_op_sharpen, mr_op_glow; /* detail_blur.c */
extern const mr_op mr_op_pixelate, mr_op_vignette, mr_op_noise, mr_op_edge, mr_op_emboss; /* detail.c */

const mr_op *const mr_op_table[] = {
    &mr_op_sub,
    &mr_op_start,
    &mr_op_dur,
    &mr_op_speed,
    &mr_op_loop,
    &mr_op_reverse,
    &mr_op_time_symmetrize,
    &mr_op_freeze,
    &mr_op_freeze_last,
    &mr_op_fps,
    &mr_op_echo,
    &mr_op_motion_blur,
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
    &mr_op_brightness,
    &mr_op_contrast,
    &mr_op_saturation,
    &mr_op_gamma,
    &mr_op_hue,
    &mr_op_exposure,
    &mr_op_temperature,
    &mr_op_tint,
    &mr_op_levels,
    &mr_op_curves,
    &mr_op_lut,
    &mr_op_grayscale,
    &mr_op_sepia,
    &mr_op_invert,
    &mr_op_multiply_color,
    &mr_op_posterize,
    &mr_op_threshold,
    &mr_op_blur,
    &mr_op_box_blur,
    &mr_op_sharpen,
    &mr_op_glow,
    &mr_op_pixelate,
    &mr_op_vignette,
    &mr_op_noise,
    &mr_op_edge,
    &mr_op_emboss,
    &mr_op_typewriter,
    &mr_op_volume,
    &mr_op_mute,
    &mr_op_with_audio,
    &mr_op_volume_at,
    &mr_op_pan,
    &mr_op_audio_fadein,
    &mr_op_audio_fadeout,
    &mr_op_normalize,
    &mr_op_duck,
    &mr_op_delay,
    &mr_op_audio_echo,
    NULL,
};
