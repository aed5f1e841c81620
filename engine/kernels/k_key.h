/* k_key.h: chroma and luma keys wherever the evaluation runs (kernels.h's rules), and their
 * parameters from an operation's numbers (key_params.h says what they mean). */
#ifndef MR_K_KEY_H
#define MR_K_KEY_H

#include "engine/core/color.h"
#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/key_params.h"

/* The chroma key of colour key (its alpha ignored): similarity and blend 0 .. 1 (distances
 * in UV, ffmpeg's scale), spill 0 .. 1. Values outside are kept inside. */
mr_key_params mr_chromakey_params_make(mr_rgba key, double similarity, double blend, double spill);

/* The luma key of the band [low, high] (0 .. 1) with a ramp `soft` wide outside it. */
mr_key_params mr_lumakey_params_make(double low, double high, double soft);

/* Keys f in place by k (a writable frame where ev works); f is then not marked opaque.
 * Returns 0, or -1 with ev->err set. */
int mr_k_key(mr_eval *ev, mr_frame *f, const mr_key_params *k);

#endif
