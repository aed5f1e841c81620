/* log.h: the engine's one-line notices to the user ("padding 1921x1081 to 1922x1082").
 * They go to stderr unless the host sets another sink (or silences them with --quiet). */
#ifndef MR_LOG_H
#define MR_LOG_H

typedef void (*mr_log_sink)(const char *line, void *ud);

/* Sets where notices go; NULL silences them. */
void mr_log_set_sink(mr_log_sink sink, void *ud);

/* Emits one notice (no trailing newline needed). */
void mr_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Turns FFmpeg's own log down to errors (or to what MOONREEL_FFMPEG_LOG names:
 * quiet, error, warning, info, verbose, debug). */
void mr_log_setup_ffmpeg(void);

#endif
