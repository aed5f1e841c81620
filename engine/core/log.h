/* log.h: the engine's one-line notices to the user ("padding 1921x1081 to 1922x1082").
 * They go to stderr unless the host sets another sink (or silences them with --quiet). */
#ifndef MR_LOG_H
#define MR_LOG_H

#include <stddef.h>

typedef void (*mr_log_sink)(const char *line, void *ud);

/* Sets where notices go; NULL silences them. */
void mr_log_set_sink(mr_log_sink sink, void *ud);

/* Emits one notice (no trailing newline needed). */
void mr_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Routes FFmpeg's own log: its error messages are kept (per thread) for mr_err_av to quote
 * instead of being printed; MOONREEL_FFMPEG_LOG=error|warning|info|verbose|debug prints
 * them as well, at that level. */
void mr_log_setup_ffmpeg(void);

/* FFmpeg's error messages on this thread since the last call ("" if none), joined by
 * "; "; the call clears them. */
void mr_log_take_ffmpeg_error(char *buf, size_t n);

/* With MOONREEL_TRACE set, prints "moonreel +0.123 s: what" on stderr, the time counted
 * from the process start: where a command spends its first second (GPU start-up, the
 * first frame). Silent otherwise; thread-safe. */
void mr_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
