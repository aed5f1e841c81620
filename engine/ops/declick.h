/* declick.h: the short ramps that keep hard cuts of sound from clicking.
 * A sound cut mid-signal jumps to or from silence in one sample, which a listener hears as a
 * click. Every hard cut the graph makes is softened by a ramp of MR_DECLICK_MS (5 ms, a
 * raised cosine: the gain goes 0 -> 1 as sin^2): where a concat joins two clips without a
 * transition (the end of one ramps out, the start of the next ramps in), where sub() starts or
 * ends inside its clip's sound, where :dur() ends a sound early, and where a layer starts or
 * ends inside a compose or an audio_mix. The length is read when a node is built (the node
 * keeps it), so what a node does never depends on where it is evaluated; mr_declick_set_ms(0)
 * (Lua: declick(0)) turns the ramps off for the nodes built after it. */
#ifndef MR_DECLICK_H
#define MR_DECLICK_H

#include <stdint.h>

#define MR_DECLICK_MS 5.0    /* the default ramp, in milliseconds */
#define MR_DECLICK_MAX_MS 100.0

/* The ramp length for nodes built now, in samples at 48 kHz (0: off). */
int mr_declick_samples(void);

/* Sets the ramp for nodes built from now on (0 turns it off; the caller keeps it within
 * 0..MR_DECLICK_MAX_MS). The previous value in ms is returned. Process-wide. */
double mr_declick_set_ms(double ms);

/* The ramp now, in milliseconds. */
double mr_declick_ms(void);

/* The gain at clip-local sample k of a sound `total` samples long (INT64_MAX: unbounded)
 * that ramps in over its first rin samples and out over its last rout (0: no ramp). Each
 * ramp is held to half the sound, so a very short one still rises and falls. 1 elsewhere. */
float mr_declick_gain(int64_t k, int64_t total, int rin, int rout);

/* Multiplies n stereo frames of clip-local samples [s0, s0+n) by mr_declick_gain. */
void mr_declick_apply(float *out, int64_t s0, int n, int64_t total, int rin, int rout);

#endif
