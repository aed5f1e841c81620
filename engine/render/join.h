/* join.h: putting an output together from its segments' parts (segments.h): the parts'
 * picture packets are copied into the output as they are (no decoding, no encoding), their
 * timestamps moved to the part's place, and the sound is rendered once over the whole length,
 * so it has no seam. The caller (moonreel join, run --segments) checks that the parts belong
 * together (their manifests); the join checks what the files themselves say. */
#ifndef MR_JOIN_H
#define MR_JOIN_H

#include "engine/render/render.h"

/* One part: a file holding the output's frames first .. first+count-1, picture only. The
 * path and the array of parts are the caller's (borrowed for the length of the join). */
typedef struct mr_join_part {
    const char *path;
    int64_t first, count;
} mr_join_part;

typedef struct mr_join_parts {
    int n;
    const mr_join_part *part;  /* in frame order */
} mr_join_parts;

/* Writes clip's output at path (as mr_render does: a temporary file renamed when whole)
 * with the picture copied from o->join's parts and the sound of clip rendered and encoded
 * with o's options. Fails (-1, err naming the part) where the parts do not cover the
 * output's frames 0 .. N-1 exactly once, a part's file is missing, unreadable, not whole
 * (fewer or more pictures than it should hold), does not start on a key frame, was encoded
 * differently from the first part (codec, size, pixel format, codec headers), or overlaps
 * the part before in decoding order; or where the output's container cannot hold the parts'
 * codec. Called by mr_render, which has made clip the output's (range, size). */
int mr_join_render(const mr_clip *clip, const char *path, mr_rational fps, const mr_render_opts *o, mr_err *err);

#endif
