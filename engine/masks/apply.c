/* apply.c: clip:mask(m): the clip's picture times the mask (its alpha and colours, being
 * premultiplied), the mask built at the clip's size and following the clip's time. */
#include "engine/masks/coverage_node.h"
#include "engine/masks/mask.h"

static mr_clip *make_masked(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "mask: the clip has no picture"), NULL;
    mr_clip *m = mr_mask_build(a[0].mask, in->w, in->h, err);
    if (!m)
        return NULL;
    mr_clip *c = mr_coverage_node("mask", in, m, MR_COV_MUL, NULL, err);
    mr_clip_unref(m);
    return c;
}

static const mr_param_desc mask_params[] = {
    {"m", MR_P_MASK, false, false, 0, 0, 0, NULL, "the mask: a Mask, or a clip whose luma is the mask"},
};

const mr_op mr_op_mask = {"mask", "the picture seen through a mask: its alpha times the mask's coverage",
                          "local round = cam:mask(mask.circle(240, 135, 120):feather(4))", mask_params, 1, NULL,
                          make_masked};
