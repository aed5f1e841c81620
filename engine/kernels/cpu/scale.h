/* scale.h: conversion of any other pixel format into the working RGBA and back, through
 * libswscale, with contexts cached per evaluation context (resampling working frames is the
 * warp's: mr_k_resize). */
#ifndef MR_CPU_SCALE_H
#define MR_CPU_SCALE_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"

struct AVFrame;

/* Converts a decoded picture of any pixel format swscale reads into dst (same size), with
 * alpha premultiplied. `matrix`/`full_range` describe YUV sources (ignored for RGB ones).
 * ev may be NULL (a one-off context is made). Returns 0, or -1 with err set. */
int mr_cpu_any_to_rgba(mr_eval *ev, const struct AVFrame *src, int matrix, bool full_range,
                       mr_frame *dst, mr_err *err);

/* Converts src (premultiplied, so already over black) into dst, an allocated AVFrame of any
 * size and pixel format swscale writes; YUV outputs are BT.709 limited range. Returns 0 or -1. */
int mr_cpu_rgba_to_av(mr_eval *ev, const mr_frame *src, struct AVFrame *dst, mr_err *err);

/* Frees a cache made by the functions above (NULL is fine). */
void mr_scaler_cache_free(struct mr_scaler_cache *c);

/* Premultiplies the colour of every pixel by its alpha, in place. */
void mr_cpu_premultiply(mr_frame *f);

#endif
