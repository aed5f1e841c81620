/* frames.h: host frames for the kernel tests (engine and gpu): made flat or random,
 * compared. Frames come back with one reference, the caller's; allocation failure is not
 * expected in a test and is not checked. */
#ifndef MR_TEST_FRAMES_H
#define MR_TEST_FRAMES_H

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

/* A w x h frame of random premultiplied pixels (every alpha, colour at most alpha). */
static inline mr_frame *frame_random(int w, int h, unsigned seed)
{
    mr_frame *f = mr_frame_new(w, h, NULL);
    srand(seed);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = frame_px(f, x, y);
            p[3] = (uint8_t)(rand() % 256);
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)(rand() % (p[3] + 1));
        }
    f->opaque = false;
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
