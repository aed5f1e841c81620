/* frames.h: host frames for the kernel tests (engine and gpu): made flat, random or like a
 * picture, compared. Frames come back with one reference, the caller's; allocation failure is
 * not expected in a test and is not checked. */
#ifndef MR_TEST_FRAMES_H
#define MR_TEST_FRAMES_H

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/frame.h"

/* The pixel (x, y) of a host frame. */
static inline uint8_t *frame_px(const mr_frame *f, int x, int y)
{
    return mr_frame_row(f, y) + 4 * x;
}

/* A w x h frame of one premultiplied colour (opaque when its alpha is 255). */
static inline mr_frame *frame_filled(int w, int h, uint32_t premul)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            memcpy(frame_px(f, x, y), &premul, 4);
    f->opaque = (premul >> 24) == 255;
    return f;
}

/* A w x h frame of random pixels: opaque ones (every colour, alpha 255) when `opaque`, else
 * premultiplied ones of every alpha (colour at most alpha). */
static inline mr_frame *frame_random_pixels(int w, int h, unsigned seed, bool opaque)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    srand(seed);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = frame_px(f, x, y);
            p[3] = (uint8_t)(opaque ? 255 : rand() % 256);
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)(rand() % (p[3] + 1));
        }
    f->opaque = opaque;
    return f;
}

/* A w x h frame of random premultiplied pixels (every alpha, colour at most alpha). */
static inline mr_frame *frame_random(int w, int h, unsigned seed)
{
    return frame_random_pixels(w, h, seed, false);
}

/* A w x h frame of random opaque pixels (every colour, alpha 255). */
static inline mr_frame *frame_random_opaque(int w, int h, unsigned seed)
{
    return frame_random_pixels(w, h, seed, true);
}

/* A w x h frame like a user's picture: gradients, the hard edges of a checker of 37 x 29
 * blocks and a smooth wave; with `hole`, a transparent round hole in the middle with a soft
 * edge (from h / 5 to h / 4 from the centre, premultiplied); with `spots`, near-white squares
 * of 40 pixels every 300 x 200. Opaque when no pixel is see-through. */
static inline mr_frame *frame_natural(int w, int h, bool hole, bool spots)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    double r0 = h / 5.0, r1 = h / 4.0;
    bool opaque = true;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = frame_px(f, x, y);
            bool box = ((x / 37) + (y / 29)) & 1, bright = spots && x % 300 < 40 && y % 200 < 40;
            double d = hole ? hypot(x - w / 2.0, y - h / 2.0) : r1;
            int a = d < r0 ? 0 : d < r1 ? (int)((d - r0) * 255 / (r1 - r0)) : 255;
            int c[3] = {bright ? 255 : x * 255 / w, bright ? 250 : box ? 200 : y * 255 / h,
                        bright ? 240 : (int)(128 + 100 * sin(x * 0.05) * cos(y * 0.07))};
            for (int i = 0; i < 3; i++)
                p[i] = (uint8_t)(c[i] * a / 255);
            p[3] = (uint8_t)a;
            opaque = opaque && a == 255;
        }
    f->opaque = opaque;
    return f;
}

/* The largest difference of any channel of two frames of one size (256 when b is missing),
 * and how many values differ at all into *differing (which may be NULL). */
static inline int frame_worst(const mr_frame *a, const mr_frame *b, long *differing)
{
    int m = 0;
    long n = 0;
    for (int y = 0; b && y < a->h; y++)
        for (int i = 0; i < 4 * a->w; i++) {
            int d = abs(mr_frame_row(a, y)[i] - mr_frame_row(b, y)[i]);
            m = d > m ? d : m;
            n += d != 0;
        }
    if (differing)
        *differing = n;
    return b ? m : 256;
}

/* Whether two frames of one size hold the same pixels. */
static inline bool frame_same(const mr_frame *a, const mr_frame *b)
{
    return frame_worst(a, b, NULL) == 0;
}

#endif
