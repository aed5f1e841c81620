/* blend_mode.c: clip:blend(mode): how the clip is drawn onto the layers below it when it is a
 * layer of a compose (compose.c draws it by engine/kernels/k_blend_modes.h). Like `at`, it
 * changes no pixel of the clip itself: the node passes its input through and carries the mode. */
#include <stdio.h>
#include "engine/ops/op.h"

static const char *const mode_names[MR_BLEND_COUNT] = {
    "normal", "multiply", "screen", "overlay", "add", "subtract", "darken", "lighten", "difference", "soft_light",
};

/* The mode's name: "multiply". */
static void blend_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "%s", (unsigned)c->blend < MR_BLEND_COUNT ? mode_names[c->blend] : "?");
}

static const mr_clip_ops blend_ops = {"blend", mr_pass_picture, mr_pass_sound, blend_describe, NULL};

/* A node showing in, drawn by args[0]'s mode inside a compose. NULL with err set (no memory). */
static mr_clip *make_blend(mr_clip *in, const mr_arg *a, mr_err *err)
{
    int mode = (int)a[0].num;
    if (mode < 0 || mode >= MR_BLEND_COUNT)
        return mr_err_set(err, "blend: mode %d is not one", mode), NULL;
    mr_clip *n = mr_clip_alloc(&blend_ops, 0, in, err);
    if (n)
        n->blend = (mr_blend_mode)mode;
    return n;
}

static const mr_param_desc blend_params[] = {
    {"mode", MR_P_ENUM, false, false, 0, 0, 0, MR_BLEND_MODE_CHOICES,
     "how the clip's colours mix with what is below it (the W3C compositing spec's separable modes, in "
     "premultiplied RGBA); \"add\" and \"subtract\" are the clamped sum and difference"},
};

const mr_op mr_op_blend = {"blend",
                           "how the clip is drawn onto the layers below it inside a compose (its opacity and place "
                           "as they are); on the bottom layer, onto the compose's background",
                           "local glow = compose({scene, flare:blend(\"screen\")})", blend_params, 1, NULL, make_blend};
