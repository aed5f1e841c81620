/* log.c: notices to the user. */
#include "engine/core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libavutil/log.h>

#include "engine/core/clock.h"

static void to_stderr(const char *line, void *ud)
{
    fprintf(stderr, "moonreel: %s\n", line);
}

static mr_log_sink sink = to_stderr;
static void *sink_ud;

void mr_log_set_sink(mr_log_sink s, void *ud)
{
    sink = s;
    sink_ud = ud;
}

void mr_log(const char *fmt, ...)
{
    if (!sink)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sink(line, sink_ud);
}

static double started = -1; /* < 0: tracing is off */

__attribute__((constructor)) static void trace_start(void)
{
    const char *v = getenv("MOONREEL_TRACE");
    if (v && *v && strcmp(v, "0"))
        started = mr_clock_seconds();
}

void mr_trace(const char *fmt, ...)
{
    if (started < 0)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "moonreel +%.3f s: %s\n", mr_clock_seconds() - started, line);
}

static _Thread_local char last_ffmpeg_error[512];
static int print_level = -1; /* FFmpeg messages at or below this level are also printed */

static void ffmpeg_log(void *avcl, int level, const char *fmt, va_list ap)
{
    if (level <= print_level) {
        va_list copy;
        va_copy(copy, ap);
        av_log_default_callback(avcl, level, fmt, copy);
        va_end(copy);
    }
    if (level > AV_LOG_ERROR)
        return;
    char line[256];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == ' '))
        line[--n] = 0;
    size_t have = strlen(last_ffmpeg_error);
    if (n && have == 0)
        snprintf(last_ffmpeg_error, sizeof last_ffmpeg_error, "%s", line);
    else if (n && have + 2 < sizeof last_ffmpeg_error) /* keep the first: it usually says why */
        snprintf(last_ffmpeg_error + have, sizeof last_ffmpeg_error - have, "; %s", line);
}

void mr_log_setup_ffmpeg(void)
{
    static const struct { const char *name; int level; } levels[] = {
        {"error", AV_LOG_ERROR}, {"warning", AV_LOG_WARNING}, {"info", AV_LOG_INFO},
        {"verbose", AV_LOG_VERBOSE}, {"debug", AV_LOG_DEBUG}};
    const char *want = getenv("MOONREEL_FFMPEG_LOG");
    for (size_t i = 0; want && i < sizeof levels / sizeof levels[0]; i++)
        if (!strcmp(want, levels[i].name))
            print_level = levels[i].level;
    av_log_set_level(print_level > AV_LOG_ERROR ? print_level : AV_LOG_ERROR);
    av_log_set_callback(ffmpeg_log);
}

void mr_log_take_ffmpeg_error(char *buf, size_t n)
{
    snprintf(buf, n, "%s", last_ffmpeg_error);
    last_ffmpeg_error[0] = 0;
}
