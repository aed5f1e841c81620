/* sequence.c: image sequences as inputs (sequence.h). */
#include "engine/media/sequence.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libavformat/avformat.h>

/* The name pattern gives number n into buf; false when the pattern has not exactly one number
 * in it or the name does not fit. */
static bool name_of(const char *pattern, long n, char *buf, size_t size)
{
    return n >= 0 && n <= INT_MAX && av_get_frame_filename2(buf, (int)size, pattern, (int)n, 0) == 0;
}

bool mr_sequence_is(const char *path)
{
    char name[4096];
    struct stat st;
    return strchr(path, '%') && name_of(path, 0, name, sizeof name) && stat(path, &st) != 0;
}

/* The lowest number n for which a file in dir is named base (a pattern) with n, or -1. */
static long first_number(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long first = -1;
    char want[1024];
    for (struct dirent *e; (e = readdir(d));) {
        /* each run of digits in the name is a candidate number: the name must be the
         * pattern's for it exactly */
        for (const char *p = e->d_name; *p; p++) {
            if (*p < '0' || *p > '9' || (p > e->d_name && p[-1] >= '0' && p[-1] <= '9'))
                continue;
            errno = 0;
            long n = strtol(p, NULL, 10);
            if (errno == 0 && (first < 0 || n < first) && name_of(base, n, want, sizeof want) &&
                !strcmp(want, e->d_name))
                first = n;
        }
    }
    closedir(d);
    return first;
}

int mr_sequence_options(const char *path, mr_rational rate, AVDictionary **opts, mr_err *err)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? path + (slash - dir) + 1 : path;
    if (slash)
        slash[slash == dir] = 0; /* "/%04d.png": the root */
    else
        snprintf(dir, sizeof dir, ".");
    long first = first_number(dir, base);
    if (first < 0) {
        char name0[4096];
        name_of(path, 0, name0, sizeof name0);
        return mr_err_set(err, "cannot open the image sequence '%s': no file in '%s' is named as it says (such as "
                          "'%s')", path, dir, name0);
    }
    char buf[64];
    if (rate.num <= 0)
        rate = (mr_rational){MR_SEQUENCE_FPS, 1};
    snprintf(buf, sizeof buf, "%d/%d", rate.num, rate.den);
    av_dict_set(opts, "framerate", buf, 0);
    av_dict_set_int(opts, "start_number", first, 0);
    av_dict_set(opts, "pattern_type", "sequence", 0);
    return 0;
}
