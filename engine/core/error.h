/* error.h: how the engine reports failure.
 * Engine functions return 0 (or a non-NULL pointer) on success and -1 (or NULL) on failure,
 * after writing a one-line, human-readable message into the caller's mr_err. The message
 * names the file or clip involved; callers above (bindings, interp) add the script line. */
#ifndef MR_ERROR_H
#define MR_ERROR_H

#include <stddef.h>

typedef struct mr_err {
    char msg[1024];
} mr_err;

/* Sets err->msg from a printf format (err may be NULL). Always returns -1, so that
 * `return mr_err_set(err, ...)` reads naturally. */
int mr_err_set(mr_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Like mr_err_set, then appends ": <FFmpeg's text for averr>". Returns -1. */
int mr_err_av(mr_err *err, int averr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Puts "prefix: " in front of the message already in err (for adding context on the way up). */
void mr_err_prefix(mr_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
