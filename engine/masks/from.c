/* from.c: mask.from(clip[, channel]): a clip's luma (or alpha, or one channel) as a mask, the
 * clip drawn where it is placed (at) on the picture the mask is built for. Where the clip is
 * not (outside it, before its start, after its end) the mask covers nothing. */
#include <math.h>
#include "engine/masks/coverage_node.h"
#include "engine/masks/mask.h"
#include "engine/ops/ops.h"

static mr_clip *make_from(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_clip *src = a[0].clip;
    if (!src->has_video)
        return mr_err_set(err, "from: the clip has no picture"), NULL;
    mr_compose_opts o = mr_compose_opts_default();
    o.w = in->w;
    o.h = in->h;
    o.duration = INFINITY;
    o.bg = (mr_rgba){0, 0, 0, 0};
    mr_clip *placed = mr_compose_new(&src, 1, &o, err);
    if (!placed)
        return NULL;
    static const char *const kinds[] = {"luma", "alpha", "red", "green", "blue"};
    int channel = (int)a[1].num;
    mr_clip *m = mr_coverage_node(kinds[channel], placed, NULL, (mr_cov_op)(MR_COV_LUMA + channel), NULL, err);
    mr_clip_unref(placed);
    return m;
}

static const mr_param_desc from_params[] = {
    {"clip", MR_P_CLIP, false, false, 0, 0, 0, NULL, "the clip whose picture becomes the mask (where it is placed)"},
    {"channel", MR_P_ENUM, true, false, 0, 4, 0, "luma|alpha|r|g|b",
     "what of it: its luma (white covers, black does not), its alpha, or one colour"},
};

const mr_op mr_mask_from = {"from", "a clip's picture as a mask: its luma by default, as MoviePy's mask clips",
                            "local spot = mask.from(video(\"spotlight.mp4\"))", from_params, 2, NULL, make_from,
                            MR_ROLE_MASK_NEW};
