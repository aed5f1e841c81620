/* clock.h: elapsed time for progress lines, timeouts and reports. */
#ifndef MR_CLOCK_H
#define MR_CLOCK_H

/* Seconds on the monotonic clock (not wall time: it never jumps back). Cannot fail. */
double mr_clock_seconds(void);

struct timespec;

/* The wall-clock time ms milliseconds from now, for pthread_cond_timedwait. Cannot fail. */
void mr_clock_deadline(struct timespec *ts, long ms);

#endif
