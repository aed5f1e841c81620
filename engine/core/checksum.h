/* checksum.h: per-frame checksums of a clip's evaluated pictures and of its sound, for
 * golden tests (bit-exact on the CPU engine) and for comparing backends. */
#ifndef MR_CHECKSUM_H
#define MR_CHECKSUM_H

#include <signal.h>
#include "engine/core/clip.h"

/* Calls line(text, ud) once per frame ("000042 <md5 of RGBA>") at fps, then once for the
 * sound ("audio <md5 of the float samples>") if the clip has any. Returns 0 or -1. */
int mr_clip_checksums(mr_clip *clip, mr_rational fps, void (*line)(const char *text, void *ud), void *ud,
                      const volatile sig_atomic_t *cancel, mr_err *err);

#endif
