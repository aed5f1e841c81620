/* fx.c: applying effect values (an operation and its arguments) to clips. */
#include "engine/ops/fx.h"

mr_clip *mr_fx_apply(const mr_fx *fx, mr_clip *c, mr_err *err)
{
    mr_arg args[MR_OP_MAX_PARAMS];
    mr_op_args_copy(args, fx->args, fx->op->nparams);
    mr_clip *r = mr_op_apply(fx->op, c, args, err);
    mr_op_args_clear(args, fx->op->nparams);
    return r;
}

void mr_fx_describe(const mr_fx *fx, char *buf, size_t n)
{
    mr_op_describe(fx->op, fx->args, buf, n);
}

void mr_fx_clear(mr_fx *fx)
{
    mr_op_args_clear(fx->args, fx->op ? fx->op->nparams : 0);
}
