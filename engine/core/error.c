/* error.c: formatting of engine error messages. */
#include "engine/core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libavutil/error.h>
#include "engine/core/log.h"

int mr_err_set(mr_err *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int mr_err_av(mr_err *err, int averr, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    char why[AV_ERROR_MAX_STRING_SIZE];
    av_strerror(averr, why, sizeof why);
    char said[256];
    mr_log_take_ffmpeg_error(said, sizeof said);
    size_t n = strlen(err->msg);
    if (said[0])
        snprintf(err->msg + n, sizeof err->msg - n, ": %s (%s)", why, said);
    else
        snprintf(err->msg + n, sizeof err->msg - n, ": %s", why);
    return -1;
}

void mr_err_prefix(mr_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    char head[256], old[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    snprintf(err->msg, sizeof err->msg, "%s: %s", head, old);
}
