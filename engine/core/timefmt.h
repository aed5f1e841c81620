/* timefmt.h: times as users write them and as moonreel prints them. */
#ifndef MR_TIMEFMT_H
#define MR_TIMEFMT_H

#include <stddef.h>
#include "engine/core/error.h"

/* Parses "hh:mm:ss.fff", "mm:ss[.fff]" or plain seconds ("12.5", "-3"). Returns 0 with the
 * time in seconds, or -1 with err quoting the text. */
int mr_time_parse(const char *text, double *seconds, mr_err *err);

/* Writes t as "m:ss.mmm" (or "h:mm:ss.mmm") into buf; "unbounded" for infinity. */
void mr_time_format(double t, char *buf, size_t n);

#endif
