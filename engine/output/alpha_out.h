/* alpha_out.h: transparency on the way out. Which encoders hold an alpha channel and in which
 * pixel layout; working pictures (premultiplied) turned into the straight alpha that files
 * store; whether a picture is transparent at all. */
#ifndef MR_ALPHA_OUT_H
#define MR_ALPHA_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <libavcodec/avcodec.h>
#include "engine/core/frame.h"

/* The layout in which encoder c takes pictures with alpha (yuva444p10le for ProRes 4444,
 * yuva420p for VP9, rgba for PNG, argb for QuickTime animation, rgba for GIF, whose palette
 * filters make it pal8 with a transparent entry), or AV_PIX_FMT_NONE when c has none. */
enum AVPixelFormat mr_alpha_format(const AVCodec *c);

/* Whether encoder c holds transparency in a file of the muxer `muxer` (FFmpeg's name, such as
 * "webm"; NULL: c alone): mr_alpha_format has a layout for it, and VP8 and VP9 are in a WebM
 * or Matroska file, the only ones that carry their alpha (an MP4 would drop it silently). */
bool mr_alpha_holds(const AVCodec *c, const char *muxer);

/* Writes w pixels of premultiplied RGBA src as straight RGBA into dst (colour divided by
 * alpha, rounded; 0 where alpha is 0). Cannot fail. */
void mr_alpha_straight_row(const uint8_t *src, uint8_t *dst, int w);

/* Writes host frame src as straight RGBA into a W x H picture at dst (rows `stride` bytes
 * apart), W >= src->w and H >= src->h: the right column and the bottom row are repeated into
 * the padding. Cannot fail. */
void mr_alpha_straight_into(const mr_frame *src, uint8_t *dst, int stride, int W, int H);

/* Whether host frame f has a pixel that is not fully opaque (false at once when f promises
 * to be opaque). */
bool mr_frame_transparent(const mr_frame *f);

/* A new host frame (the caller's reference) holding f flattened over black: f's colour,
 * every alpha 255. NULL with err set when memory runs out. */
mr_frame *mr_frame_flatten(const mr_frame *f, mr_err *err);

#endif
