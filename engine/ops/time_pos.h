/* time_pos.h: a clip's moving place seen through a time effect (reverse, freeze, a speed
 * ramp): the place the input had at the input time the effect shows at t, so a moving layer
 * keeps following its picture. Shared by the time effects' files. */
#ifndef MR_TIME_POS_H
#define MR_TIME_POS_H

#include "engine/ops/curve.h"

/* The input time a time effect shows at its time t; ud is the effect's own copy of what it
 * needs (never a clip: the curve may outlive the node). */
typedef double (*mr_time_pos_map)(const void *ud, double t);

/* The curve pos at map(ud, t): a new curve (the caller's reference) that holds its own
 * reference to pos and owns ud (freed by release(ud) with it, or here on failure; release
 * may be NULL). NULL with err set. */
mr_curve *mr_time_pos_curve(const mr_curve *pos, mr_time_pos_map map, void *ud, void (*release)(void *ud),
                            mr_err *err);

#endif
