/* blend.h: drawing on working frames (CPU twin of cuda/blend.cu). All arithmetic is on
 * premultiplied 8-bit RGBA with mr_div255 rounding. */
#ifndef MR_CPU_BLEND_H
#define MR_CPU_BLEND_H

#include <stdint.h>
#include "engine/core/frame.h"

/* Draws src over dst with its top-left at (x, y), scaled by opacity (0..255); parts outside
 * dst are clipped. */
void mr_cpu_over(mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity);

/* Mixes every pixel with the premultiplied colour c: p*k/255 + c*(255-k)/255 (c = 0 goes
 * towards transparent, an opaque c towards that colour). */
void mr_cpu_mix(mr_frame *f, unsigned k, uint32_t c);

/* Fills f with one premultiplied RGBA value (as mr_rgba_premul returns). */
void mr_cpu_fill(mr_frame *f, uint32_t premul);

/* Copies the w x h rectangle of src at (sx, sy) to dst at (0, 0). */
void mr_cpu_copy_rect(mr_frame *dst, const mr_frame *src, int sx, int sy, int w, int h);

#endif
