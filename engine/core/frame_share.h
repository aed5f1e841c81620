/* frame_share.h: one picture for every consumer of a node within one frame.
 * When two parts of a graph ask one node for the same time (a picture-in-picture of the
 * background, a key over its own plate), the node is evaluated once per frame: the first
 * ask keeps the picture, the later ones take it, and the last one takes the kept reference
 * itself, so the picture is unshared again once its other users let go (compose can then
 * draw on it without a copy).
 * Which nodes have several consumers is learnt from the frame before: every ask within a
 * frame is counted, and the count (mr_clip.consumers) says how many asks the next frame
 * keeps a picture for. A count that went stale (a layer that ends, a node whose consumer is
 * now shared itself) costs one frame a second evaluation or a copy, never a wrong picture.
 * The table belongs to one mr_eval (one thread); everything kept is dropped when the
 * outermost picture of the frame is done. */
#ifndef MR_FRAME_SHARE_H
#define MR_FRAME_SHARE_H

#include <stdbool.h>
#include "engine/core/frame.h"

#define MR_SHARE_MAX 128 /* nodes tracked in one frame; asks past that are not shared */

struct mr_clip;

typedef struct mr_share_entry {
    const struct mr_clip *clip;
    double t;
    bool gpu;
    int asks;           /* times it was asked for t in this frame */
    int left;           /* asks still to come that take the kept picture */
    mr_frame *frame;    /* the kept picture (a reference), or NULL */
} mr_share_entry;

typedef struct mr_frame_share {
    int depth;          /* nesting of mr_clip_picture calls */
    int n;
    mr_share_entry e[MR_SHARE_MAX];
} mr_frame_share;

/* The entry for (clip, t) in this frame, added when new; NULL when the table is full. */
mr_share_entry *mr_share_find(mr_frame_share *s, const struct mr_clip *clip, double t, bool gpu);

/* Takes the kept picture of e for one more ask: a new reference, or the kept one itself
 * when this is the last ask that was expected. NULL when none is kept. */
mr_frame *mr_share_take(mr_share_entry *e);

/* Keeps f (a new reference) for the other asks the node is known to get. */
void mr_share_keep(mr_share_entry *e, mr_frame *f);

/* Ends a frame: records on each node asked in it how many asks it got for one time (its
 * consumers, for the frames to come) and drops every kept picture. */
void mr_share_end_frame(mr_frame_share *s);

#endif
