/* warp.h: the affine warp on the CPU (twin of cuda/warp.cu; the arithmetic is
 * engine/kernels/warp_params.h's). */
#ifndef MR_CPU_WARP_H
#define MR_CPU_WARP_H

#include <stdbool.h>
#include <stddef.h>
#include "engine/core/frame.h"
#include "engine/kernels/warp_params.h"

/* Fills what k's kernels read besides m, sw, sh and filter (the fixed-point matrix, how much
 * the filter widens, how many samples a pixel): both engines take prepared parameters. An
 * unknown filter becomes bilinear; matrix entries are held to what the integer arithmetic
 * holds (scales up to 1024, moves up to 2^24 pixels). Cannot fail. */
void mr_warp_prepare(mr_warp_params *k);

/* Whether every pixel of a dw x dh warp by k (prepared) takes its whole weight from inside
 * the source (a zoom or pan within it): the result of an opaque source is then opaque. */
bool mr_warp_covers(const mr_warp_params *k, int dw, int dh);

/* The bytes of scratch mr_cpu_warp needs for a dw x dh warp by k (prepared). */
size_t mr_cpu_warp_scratch(const mr_warp_params *k, int dw, int dh);

/* Writes every pixel of dst from src as k (prepared) says; scratch holds at least
 * mr_cpu_warp_scratch bytes, the caller's (nothing in it outlives the call). A warp without a
 * turn is computed in two passes (rows, then columns; AVX2 where the machine has it for a
 * two-tap filter), a turned one pixel by pixel: the same bits as mr_warp_pixel everywhere.
 * Cannot fail. */
void mr_cpu_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst, void *scratch);

/* Writes every pixel of dst by mr_warp_pixel, one at a time (the reference the two-pass path
 * must equal, and the path of turned warps). Cannot fail. */
void mr_cpu_warp_pixels(const mr_frame *src, const mr_warp_params *k, mr_frame *dst);

/* For tests: false makes the two-pass path use its plain C loops even where AVX2 is there
 * (the same bits either way). */
void mr_cpu_warp_use_simd(bool on);

#endif
