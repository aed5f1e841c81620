/* color_build.h: the colour transform's parameters (engine/kernels/color_params.h) from an
 * effect's numbers, built on the host once a frame (or once, for numbers that do not move).
 * Each builder writes a whole mr_color_params; values outside an effect's range are kept
 * inside it. What each effect means is said here and in its descriptor (color_fx.c). */
#ifndef MR_COLOR_BUILD_H
#define MR_COLOR_BUILD_H

#include <stdbool.h>
#include "engine/core/color.h"
#include "engine/kernels/color_params.h"

/* Tables that give every value back and no matrix. */
void mr_color_identity(mr_color_params *k);

/* Whether k leaves every colour as it is (then the picture need not be touched). */
bool mr_color_is_identity(const mr_color_params *k);

/* Per channel, before the matrix (values c in 0..1): */
void mr_color_brightness(mr_color_params *k, double v);  /* c + v, as ffmpeg's eq brightness */
void mr_color_contrast(mr_color_params *k, double f);    /* (c - 0.5) f + 0.5, around mid grey */
void mr_color_gamma(mr_color_params *k, double g);       /* c^(1/g), as ffmpeg's eq gamma */
void mr_color_exposure(mr_color_params *k, double stops); /* c x 2^stops in linear light (sRGB's curve) */
void mr_color_levels(mr_color_params *k, double in_lo, double in_hi, double out_lo, double out_hi, double gamma);
void mr_color_invert(mr_color_params *k);                /* 1 - c (255 - c) */
void mr_color_multiply(mr_color_params *k, double f);    /* MoviePy's: min(255, floor(f c)) in 8-bit */
void mr_color_posterize(mr_color_params *k, double levels); /* `levels` equal bands per channel */

/* The matrix: */
void mr_color_saturation(mr_color_params *k, double s);  /* BT.709 grey + s (c - grey) */
void mr_color_hue(mr_color_params *k, double deg);       /* CSS's hue-rotate(deg) */
void mr_color_sepia(mr_color_params *k, double amount);  /* CSS's sepia(amount) */
void mr_color_temperature(mr_color_params *k, double kelvin); /* white balance from 6500 K */
void mr_color_tint(mr_color_params *k, mr_rgba c, double amount); /* seen through colour c, by amount */

/* BT.709 grey, then white where it is at least v (0..1), black elsewhere. */
void mr_color_threshold(mr_color_params *k, double v);

/* Monotone curves: the table of the spline through points xy[0..n) (x, y in 0..1, x
 * increasing), flat beyond the first and last points (Fritsch-Carlson: no overshoot, so a
 * rising set of points gives a rising curve). */
void mr_color_curve_table(const double (*xy)[2], int n, uint8_t table[256]);

#endif
