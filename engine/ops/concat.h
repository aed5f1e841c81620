/* concat.h: clips one after another, joined by cuts, gaps or transitions. */
#ifndef MR_CONCAT_H
#define MR_CONCAT_H

#include "engine/core/clip.h"
#include "engine/core/color.h"
#include "engine/transitions/transition.h"

typedef struct mr_concat_opts {
    int w, h;            /* 0 x 0: the first picture's size (compose: the largest width and height) */
    bool compose;        /* MoviePy's method = "compose": each clip keeps its size, centred on bg;
                          * else each is scaled to fit, centred on bars of bg (letterboxed) */
    mr_rgba bg;          /* behind the clips and in the gaps of a positive padding */
    double padding;      /* seconds between clips joined without a transition; negative: they
                          * overlap that much, crossfaded */
    double audio;        /* the sound's crossfade at every cut whose transition does not say:
                          * NAN: the overlap's length; 0: a cut in its middle; else seconds */
    mr_transition *const *cuts; /* n - 1 transitions, cut i between clips i and i + 1 (NULL
                                 * entries: none there), or NULL: none at all (borrowed) */
} mr_concat_opts;

/* No size, letterboxed on transparent bars, no padding, no transitions. */
mr_concat_opts mr_concat_opts_default(void);

/* The clips in order, as o says. The duration is the sum of theirs, less the overlaps, plus the
 * gaps. Errors (NULL, err set) name the cut or the clip: a clip without an end, a transition
 * longer than a clip beside it ("concat: transition 2 (wipe, 3 s) is longer than clip 3 (2 s)"),
 * two that overlap inside one clip, a custom transition's function failing. Borrows the clips
 * and transitions; returns the caller's reference. */
mr_clip *mr_concat_make(mr_clip *const *clips, int n, const mr_concat_opts *o, mr_err *err);

#endif
