/* log.c: notices to the user. */
#include "engine/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libavutil/log.h>

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

void mr_log_setup_ffmpeg(void)
{
    static const struct { const char *name; int level; } levels[] = {
        {"quiet", AV_LOG_QUIET}, {"error", AV_LOG_ERROR}, {"warning", AV_LOG_WARNING},
        {"info", AV_LOG_INFO}, {"verbose", AV_LOG_VERBOSE}, {"debug", AV_LOG_DEBUG}};
    const char *want = getenv("MOONREEL_FFMPEG_LOG");
    int level = AV_LOG_ERROR;
    for (size_t i = 0; want && i < sizeof levels / sizeof levels[0]; i++)
        if (!strcmp(want, levels[i].name))
            level = levels[i].level;
    av_log_set_level(level);
}
