/* test_op.c: the registry of operations: every descriptor is whole (a unique name, a doc and
 * an example, parameters with docs and sane ranges, a maker), the checks name the operation and
 * the parameter, and applying an operation by its descriptor matches calling it directly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/ops/fx.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

int main(void)
{
    int n = 0;
    for (const mr_op *const *o = mr_op_table; *o; o++, n++) {
        const mr_op *op = *o;
        CHECK(op->name && op->name[0] && op->doc && op->doc[0] && op->example && op->example[0] && op->make);
        CHECK(op->nparams >= 0 && op->nparams <= MR_OP_MAX_PARAMS && (op->nparams == 0 || op->params));
        CHECK(mr_op_find(op->name) == op); /* names are unique: the first of a name is this one */
        for (int i = 0; i < op->nparams; i++) {
            const mr_param_desc *p = &op->params[i];
            CHECK(p->name && p->doc && p->doc[0]);
            CHECK(mr_op_param(op, p->name) == i);
            if (p->type <= MR_P_TIME)
                CHECK(p->min <= p->max);
            if (p->type == MR_P_ENUM)
                CHECK(p->choices && p->choices[0]);
            if (p->animatable)
                CHECK(p->type == MR_P_NUMBER || p->type == MR_P_INT || p->type == MR_P_POS);
        }
        for (int i = 0; op->forms && op->forms[i]; i++) { /* every name in a form is a parameter */
            char form[128];
            snprintf(form, sizeof form, "%s", op->forms[i]);
            for (char *tok = strtok(form, " "); tok; tok = strtok(NULL, " "))
                CHECK(mr_op_param(op, tok) >= 0);
        }
    }
    CHECK(n >= 15);
    CHECK(mr_op_find("nosuch") == NULL);

    /* the checks: a missing argument, out of range, not whole */
    mr_err err;
    mr_clip *red = mr_color_new((mr_rgba){255, 0, 0, 255}, 32, 16, &err);
    mr_clip *two = mr_clip_dur(red, 2, &err);
    const mr_op *opacity = mr_op_find("opacity"), *crop = mr_op_find("crop"), *fade = mr_op_find("fadein");
    mr_arg args[MR_OP_MAX_PARAMS] = {{0}};
    CHECK(mr_op_apply(opacity, two, args, &err) == NULL);
    CHECK_STR(err.msg, "bad argument 'a' to 'opacity' (missing");
    args[0] = (mr_arg){.given = true, .num = 1.5};
    CHECK(mr_op_apply(opacity, two, args, &err) == NULL);
    CHECK_STR(err.msg, "bad argument 'a' to 'opacity' (1.5 is outside 0..1)");
    mr_arg c4[MR_OP_MAX_PARAMS] = {{.given = true, .num = 0.5}, {.given = true}, {.given = true, .num = 4},
                                   {.given = true, .num = 4}};
    mr_arg m1[MR_OP_MAX_PARAMS] = {{.given = true, .num = 0.5}};
    CHECK(mr_op_apply(mr_op_find("margin"), two, m1, &err) == NULL);
    CHECK_STR(err.msg, "bad argument 'px' to 'margin' (0.5 is not a whole number)");
    /* an error of the node itself starts with the operation's name */
    c4[0].num = 30;
    CHECK(mr_op_apply(crop, two, c4, &err) == NULL);
    CHECK_STR(err.msg, "crop: ");

    /* an Fx: the operation with its values, described, applied as the direct call would */
    mr_fx fx = {fade, {{.given = true, .num = 1}, {.given = true, .color = {255, 255, 255, 255}}}};
    char buf[128];
    mr_fx_describe(&fx, buf, sizeof buf);
    CHECK_STR(buf, "fadein d=1 s color=#ffffff");
    mr_clip *a = mr_fx_apply(&fx, two, &err);
    mr_clip *b = mr_clip_fadein(two, 1, &(mr_rgba){255, 255, 255, 255}, &err);
    mr_frame *fa = mr_render_frame(a, 0.25, NULL, NULL, &err), *fb = mr_render_frame(b, 0.25, NULL, NULL, &err);
    CHECK(fa && fb && !memcmp(mr_frame_row(fa, 3), mr_frame_row(fb, 3), 4 * 32));
    CHECK(fx.args[0].num == 1); /* applying left the value as it was */

    /* the reference writes every operation */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    mr_op_write_reference(mem, true);
    fclose(mem);
    for (const mr_op *const *o = mr_op_table; *o; o++) {
        snprintf(buf, sizeof buf, "#### `clip:%s(", (*o)->name);
        CHECK_STR(text, buf);
    }
    free(text);

    mr_frame_unref(fa);
    mr_frame_unref(fb);
    mr_clip *all[] = {red, two, a, b};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
