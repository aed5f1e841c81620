/* loudness.h: EBU R128 measurement of a clip's whole sound (libebur128): the integrated
 * loudness in LUFS and the true peak in dBTP. One place for clip:normalize and clip:loudness. */
#ifndef MR_LOUDNESS_H
#define MR_LOUDNESS_H

#include "engine/core/clip.h"

typedef struct mr_loudness {
    double lufs;        /* integrated loudness; -INFINITY for silence (under the absolute gate) */
    double peak_dbtp;   /* true peak of the louder channel, dB relative to full scale; -INFINITY: silence */
} mr_loudness;

/* Measures c's sound from 0 to its end (pulled in one-second runs through ev). Returns 0, or
 * -1 with ev->err set: a clip without an end, a failure of its sound, no memory, or a cancel. */
int mr_loudness_measure(const mr_clip *c, mr_eval *ev, mr_loudness *out);

#endif
