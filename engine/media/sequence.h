/* sequence.h: image sequences as inputs: video("frames/%04d.png", {fps = 24}) reads the
 * numbered pictures through FFmpeg's image2 demuxer, from the lowest number present, at the
 * rate asked for (MR_SEQUENCE_FPS when none). */
#ifndef MR_SEQUENCE_H
#define MR_SEQUENCE_H

#include <stdbool.h>
#include <libavutil/dict.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"

#define MR_SEQUENCE_FPS 25 /* FFmpeg's own default for image2, so both read a sequence alike */

/* Whether path names an image sequence: one number pattern in it (%d, %04d) and no file by
 * that very name. */
bool mr_sequence_is(const char *path);

/* The demuxer options that read the sequence at path at rate (num 0: MR_SEQUENCE_FPS) from
 * its first file, added to *opts (the caller frees them with av_dict_free). Returns 0, or -1
 * with err naming the path when no file in its folder matches it. */
int mr_sequence_options(const char *path, mr_rational rate, AVDictionary **opts, mr_err *err);

#endif
