/* graph_outline.h: the top of a clip's graph as a list: the layers of a compose or the
 * segments of a concat, each with when it plays and a one-line summary (for the preview
 * page's timeline), and one of them alone, placed as it is in the whole (its "solo"). */
#ifndef MR_GRAPH_OUTLINE_H
#define MR_GRAPH_OUTLINE_H

#include "engine/core/clip.h"

typedef struct mr_outline_item {
    double start, duration;  /* seconds in the top clip; duration INFINITY: until its end */
    char summary[256];       /* mr_clip_describe of the layer or segment */
    char origin[96];         /* the script line that made it, or "" */
} mr_outline_item;

typedef enum { MR_OUTLINE_CLIP, MR_OUTLINE_COMPOSE, MR_OUTLINE_CONCAT } mr_outline_kind;

/* The items of clip's top node: a compose's layers (bottom first), a concat's segments (in
 * order), or the clip itself as one item for any other node. Returns the count (>= 1) and
 * sets *items to a malloc'd array the caller frees, or -1 with err set (out of memory). */
int mr_outline(const mr_clip *clip, mr_outline_kind *kind, mr_outline_item **items, mr_err *err);

/* Item i of mr_outline(clip) alone: a new clip (the caller's reference) of clip's size,
 * rate and duration showing only that layer or segment, at its place and its times, over
 * black. NULL with err set when i is out of range or building it fails. */
mr_clip *mr_outline_solo(mr_clip *clip, int i, mr_err *err);

#endif
