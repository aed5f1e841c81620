/* tr_frames.h: the frame functions of the transitions (mr_transition_desc.frame), for the
 * table in tr_table.c: the masked ones in tr_mask.c, the moving ones in tr_move.c. */
#ifndef MR_TR_FRAMES_H
#define MR_TR_FRAMES_H

#include "engine/transitions/transition.h"

#define MR_TR_FRAME(name) int mr_tr_##name(const mr_tr_ctx *x, const mr_arg *args, mr_frame **out)

MR_TR_FRAME(crossfade);
MR_TR_FRAME(wipe);
MR_TR_FRAME(blinds);
MR_TR_FRAME(circle_open);
MR_TR_FRAME(circle_close);
MR_TR_FRAME(radial);
MR_TR_FRAME(dissolve);
MR_TR_FRAME(luma);
MR_TR_FRAME(pixelize);
MR_TR_FRAME(fade_through);
MR_TR_FRAME(slide);
MR_TR_FRAME(push);
MR_TR_FRAME(cover);
MR_TR_FRAME(reveal);
MR_TR_FRAME(zoom_in);
MR_TR_FRAME(zoom_out);

#endif
