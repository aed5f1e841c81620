/* combine.c: the algebra of masks: invert, threshold, and two masks made one (intersect
 * `a * b`, union `a + b`, subtract `a - b`, max, min), each a coverage rule per pixel. */
#include "engine/masks/coverage_node.h"
#include "engine/masks/mask.h"

static mr_clip *make_invert(mr_clip *in, const mr_arg *a, mr_err *err)
{
    (void)a;
    return mr_coverage_node("invert", in, NULL, MR_COV_INVERT, NULL, err);
}

static mr_clip *make_threshold(mr_clip *in, const mr_arg *a, mr_err *err)
{
    mr_param v = {a[0].num, a[0].curve};
    return mr_coverage_node("threshold", in, NULL, MR_COV_THRESHOLD, &v, err);
}

/* Two masks: `in` and the one given (built at in's size, in a[0].clip). */
#define COMBINE(fn, name, rule)                                                                                        \
    static mr_clip *fn(mr_clip *in, const mr_arg *a, mr_err *err)                                                       \
    {                                                                                                                  \
        return mr_coverage_node(name, in, a[0].clip, rule, NULL, err);                                                 \
    }
COMBINE(make_intersect, "intersect", MR_COV_MUL)
COMBINE(make_union, "union", MR_COV_SCREEN)
COMBINE(make_subtract, "subtract", MR_COV_SUB)
COMBINE(make_max, "max", MR_COV_MAX)
COMBINE(make_min, "min", MR_COV_MIN)

static const mr_param_desc threshold_params[] = {
    {"v", MR_P_NUMBER, true, true, 0, 1, 0.5, NULL, "the coverage from which the mask is whole (below it: nothing)"},
};
static const mr_param_desc other_params[] = {
    {"other", MR_P_MASK, false, false, 0, 0, 0, NULL, "the second mask"},
};

const mr_op mr_mask_invert = {"invert", "the mask turned inside out: 1 - m", "local outside = mask.circle(960, 540, 300):invert()",
                              NULL, 0, NULL, make_invert, MR_ROLE_MASK};
const mr_op mr_mask_threshold = {"threshold", "hard edges: whole where the coverage reaches v, else nothing",
                                 "local hard = clip:alpha():threshold(0.5)", threshold_params, 1, NULL, make_threshold,
                                 MR_ROLE_MASK};
const mr_op mr_mask_intersect = {"intersect", "where both masks cover: a * b (also written a * b)",
                                 "local lens = mask.circle(800, 540, 300) * mask.circle(1120, 540, 300)", other_params, 1,
                                 NULL, make_intersect, MR_ROLE_MASK};
const mr_op mr_mask_union = {"union", "where either mask covers: a + b - a * b (also written a + b)",
                             "local both = mask.circle(800, 540, 300) + mask.circle(1120, 540, 300)", other_params, 1,
                             NULL, make_union, MR_ROLE_MASK};
const mr_op mr_mask_subtract = {"subtract", "a with b taken out: a * (1 - b) (also written a - b)",
                                "local ring = mask.circle(960, 540, 300) - mask.circle(960, 540, 250)", other_params, 1,
                                NULL, make_subtract, MR_ROLE_MASK};
const mr_op mr_mask_max = {"max", "the larger coverage of the two at each pixel (MoviePy's mask \"or\")",
                           "local either = a:max(b)", other_params, 1, NULL, make_max, MR_ROLE_MASK};
const mr_op mr_mask_min = {"min", "the smaller coverage of the two at each pixel (MoviePy's mask \"and\")",
                           "local both = a:min(b)", other_params, 1, NULL, make_min, MR_ROLE_MASK};
