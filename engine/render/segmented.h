/* segmented.h: one output rendered as several segments at once in this process: each a
 * render of its frames (segments.h) into a part file beside the output, on its own thread
 * with its own encoder, its own decoding cursors into the sources and its share of the
 * workers and encoder threads; on the GPU, each on a lane of its own (its own stream and
 * NVDEC sessions, engine/gpu/gpu.h); then the parts are joined (join.h) and removed. */
#ifndef MR_SEGMENTED_H
#define MR_SEGMENTED_H

#include "engine/render/render.h"

/* The container a part with pictures in `codec` is written in: ".mov" for the codecs MP4
 * cannot hold (prores, qtrle, png), ".mp4" for the others. */
const char *mr_segment_part_ext(const char *codec);

/* Makes the hidden folder for an output's segments beside it, .moonreel-segments-HOST-XXXXXX,
 * into dir (PATH_MAX bytes), and locks its .owner file (an open-file-description lock, which
 * the kernel drops when the process dies; NFS's lock manager across machines): *owner is the
 * file's descriptor, which the caller keeps open until mr_segments_folder_remove. First it
 * removes the folders there that a render killed before it could clean up left: their lock is
 * free, and where a free lock proves nothing (another host, or "localhost") a day has passed
 * (part_file.h's rule). 0, or -1 with err naming the output (nothing made). */
int mr_segments_folder(const char *out, char *dir, int *owner, mr_err *err);

/* Removes a segments folder and the files in it, then lets go of its lock (owner: the
 * descriptor mr_segments_folder gave; -1 for none). */
void mr_segments_folder_remove(const char *dir, int owner);

/* Removes the segments folder being written now (the files in it and the folder), from a
 * signal handler about to end the process: async-signal-safe; does nothing when none is. */
void mr_segments_remove_now(void);

/* Renders clip to path as mr_render does, in n segments at once (n > 1; at most the output's
 * frames). Progress (o->progress) counts the frames of all segments. A failed segment stops
 * the others; its error is returned (-1, err set; "interrupted" when o->cancel stopped it).
 * Nothing is left at path unless it is complete; the parts' folder beside it is removed
 * (after SIGKILL, by the next segmented render beside it). */
int mr_render_segmented(mr_clip *clip, const char *path, const mr_render_opts *o, int n, mr_err *err);

#endif
