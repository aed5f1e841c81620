/* segments.c: segment plans (segments.h). */
#include "engine/render/segments.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/render/render_opts.h"

mr_segment mr_segment_of(int64_t total, int k, int n)
{
    if (n < 1 || k < 0 || k >= n || total <= 0)
        return (mr_segment){0, 0};
    /* k * total fits in 64 bits: n <= MR_SEGMENTS_MAX, and no output has 2^49 frames */
    int64_t a = (int64_t)k * total / n, b = (int64_t)(k + 1) * total / n;
    return (mr_segment){a, b - a};
}

/* A whole number 1..MR_SEGMENTS_MAX spelt out exactly, into *v; false for anything else. */
static bool count_of(const char *s, size_t len, int *v)
{
    if (len == 0 || len > 6 || strspn(s, "0123456789") < len)
        return false;
    char buf[8];
    memcpy(buf, s, len);
    buf[len] = 0;
    *v = atoi(buf);
    return true;
}

int mr_segment_parse(const char *text, int *k, int *n, mr_err *err)
{
    const char *slash = strchr(text, '/');
    bool numbers = slash && count_of(text, (size_t)(slash - text), k) && count_of(slash + 1, strlen(slash + 1), n) &&
                   *n >= 1 && *n <= MR_SEGMENTS_MAX;
    if (numbers && *k >= *n)
        return mr_err_set(err, "K counts from 0: the segments of %d are 0/%d to %d/%d, got '%s'", *n, *n, *n - 1,
                          *n, text);
    if (!numbers)
        return mr_err_set(err, "wants K/N: segment K (from 0) of N (at most %d), such as 0/4, got '%s'",
                          MR_SEGMENTS_MAX, text);
    return 0;
}

int mr_segments_parse(const char *text, int *n, mr_err *err)
{
    if (!strcmp(text, "auto")) {
        *n = 0;
        return 0;
    }
    if (!count_of(text, strlen(text), n) || *n < 1 || *n > MR_SEGMENTS_MAX)
        return mr_err_set(err, "wants auto or a whole number 1..%d, got '%s'", MR_SEGMENTS_MAX, text);
    return 0;
}

int mr_segments_share(int total, int n)
{
    int each = n > 0 ? total / n : total;
    return each < 1 ? 1 : each > MR_RENDER_MAX_THREADS ? MR_RENDER_MAX_THREADS : each;
}

int mr_cpu_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 100000 ? 100000 : (int)n;
}

int mr_segments_auto(int64_t frames, mr_rational fps, int cores, bool off_cpu)
{
    if (cores < (off_cpu ? 4 : 8) || fps.num <= 0 || fps.den <= 0)
        return 1;
    double seconds = (double)frames * fps.den / fps.num;
    if (off_cpu) {
        int n = (int)(seconds / MR_SEGMENT_MIN_SECONDS_GPU);
        return n < 1 ? 1 : n > MR_SEGMENTS_AUTO_GPU ? MR_SEGMENTS_AUTO_GPU : n;
    }
    int by_length = (int)(seconds / MR_SEGMENT_MIN_SECONDS);
    int by_cores = cores / 4; /* an x264 encoder keeps about four cores busy at veryfast */
    int n = by_length < by_cores ? by_length : by_cores;
    return n < 1 ? 1 : n > 8 ? 8 : n;
}
