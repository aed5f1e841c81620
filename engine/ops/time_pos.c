/* time_pos.c: a moving place seen through a time effect, as a function curve. */
#include "engine/ops/time_pos.h"

#include <stdlib.h>

typedef struct through {
    mr_curve *pos;          /* owned reference */
    mr_time_pos_map map;
    void *ud;               /* owned by this */
    void (*release)(void *ud);
} through;

/* mr_curve_fn: pos at the mapped time. */
static int through_at(void *ud, double t, double *out, mr_err *err)
{
    const through *th = ud;
    return mr_curve_eval(th->pos, th->map(th->ud, t), out, err);
}

/* Frees what a through holds, and it. */
static void through_free(void *ud)
{
    through *th = ud;
    if (th->release)
        th->release(th->ud);
    mr_curve_unref(th->pos);
    free(th);
}

mr_curve *mr_time_pos_curve(const mr_curve *pos, mr_time_pos_map map, void *ud, void (*release)(void *ud),
                            mr_err *err)
{
    through *th = malloc(sizeof *th);
    if (!th) {
        if (release)
            release(ud);
        return mr_err_set(err, "out of memory"), NULL;
    }
    *th = (through){mr_curve_ref((mr_curve *)pos), map, ud, release};
    mr_curve *c = mr_curve_function(mr_curve_dim(pos), through_at, th, through_free, err);
    if (!c)
        through_free(th);
    return c;
}
