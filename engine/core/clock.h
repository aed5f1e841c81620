/* clock.h: elapsed time for progress lines, timeouts and reports. */
#ifndef MR_CLOCK_H
#define MR_CLOCK_H

/* Seconds on the monotonic clock (not wall time: it never jumps back). Cannot fail. */
double mr_clock_seconds(void);

#endif
