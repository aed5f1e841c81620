/* clock.c: the monotonic clock in seconds. */
#include "engine/core/clock.h"

#include <time.h>

double mr_clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}
