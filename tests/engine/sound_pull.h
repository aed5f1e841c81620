/* sound_pull.h: reading a clip's sound in the engine's unit tests. */
#ifndef MR_TEST_SOUND_PULL_H
#define MR_TEST_SOUND_PULL_H

#include <stdio.h>
#include <stdlib.h>
#include "engine/core/clip.h"
#include "engine/core/eval.h"

/* n stereo frames of c's sound from sample s0, in a new buffer the caller frees (a failure is
 * printed and leaves the buffer as it is). */
static inline float *pull(const mr_clip *c, int64_t s0, int n)
{
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    float *b = malloc(sizeof(float) * 2 * n);
    if (mr_clip_sound(c, s0, n, b, &ev) < 0)
        fprintf(stderr, "sound: %s\n", err.msg);
    mr_eval_free(&ev);
    return b;
}

#endif
