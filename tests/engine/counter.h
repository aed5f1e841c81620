/* counter.h: reading the counter pattern back in the engine's unit tests. */
#ifndef MR_TEST_COUNTER_H
#define MR_TEST_COUNTER_H

#include <stdio.h>
#include "engine/render/render.h"

/* The frame number the counter pattern shows at t: its bit strip (robust to encoding). -1
 * when the frame cannot be made (the reason is printed). */
static inline int counter_at(mr_clip *c, double t)
{
    mr_err err;
    mr_frame *f = mr_render_frame(c, t, NULL, NULL, &err);
    if (!f) {
        fprintf(stderr, "frame at %g: %s\n", t, err.msg);
        return -1;
    }
    int n = 0;
    for (int b = 0; b < 16; b++) {
        int x = (int)((b + 0.5) * f->w / 16);
        n = n * 2 + (mr_frame_row(f, f->h - 2)[4 * x] > 128);
    }
    mr_frame_unref(f);
    return n;
}

/* Whether the top-left corner of c's picture at t is black (the counter's background there
 * is grey n % 256: black for frames 0, 256, ... only). */
static inline bool corner_black_at(mr_clip *c, double t)
{
    mr_err err;
    mr_frame *f = mr_render_frame(c, t, NULL, NULL, &err);
    if (!f)
        return false;
    const uint8_t *p = mr_frame_row(f, 2) + 8;
    bool black = p[0] == 0 && p[1] == 0 && p[2] == 0;
    mr_frame_unref(f);
    return black;
}

#endif
