/* conceal.h: the damaged frames one render met in its sources and concealed (a damaged
 * picture: the decoder's concealment, or the picture before it held; damaged sound: silence
 * in its place), counted per file, so that the render can say once at its end what it
 * concealed, or stop at the first one when asked to be strict. Thread-safe: the render's
 * workers and its sound thread note into one tally. */
#ifndef MR_CONCEAL_H
#define MR_CONCEAL_H

#include <stdbool.h>
#include "engine/core/error.h"

typedef struct mr_conceal mr_conceal;

/* A new, empty tally (the caller owns it), or NULL when memory runs out. */
mr_conceal *mr_conceal_new(void);

/* Frees c; NULL is fine. */
void mr_conceal_free(mr_conceal *c);

/* Notes one damaged frame of the file at path, of its sound or its picture, at media time t
 * (NAN when unknown), with FFmpeg's words for what was wrong (NULL or "" when none). A NULL c
 * notes nothing (frames decoded outside a render). */
void mr_conceal_note(mr_conceal *c, const char *path, bool sound, double t, const char *why);

/* How many damaged frames c has noted; 0 for NULL. */
long mr_conceal_count(mr_conceal *c);

/* Describes the first damaged frame noted into err ("'a.mp4': a damaged sound frame at
 * 1.234 s: FFmpeg's words; --strict stops there ..."), for a strict render that stops there.
 * Returns -1 (for `return`). */
int mr_conceal_first(mr_conceal *c, mr_err *err);

/* Says once per file (through mr_log) how many sound and picture frames were concealed:
 * "'a.mp4': 3 damaged sound frames concealed with silence, 1 damaged picture concealed".
 * Nothing when none were. */
void mr_conceal_report(mr_conceal *c);

#endif
