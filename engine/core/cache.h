/* cache.h: what many clips share, kept once per process: decoded stills and open media files
 * (with their decoders), found again by path while the file is unchanged (same size and
 * modification time). Bounded: the oldest entries go when there are too many. Thread-safe.
 * A batch worker renders many rows with the same background and pictures; each is decoded
 * once, not once per row. */
#ifndef MR_CACHE_H
#define MR_CACHE_H

#include <stdbool.h>

/* The cached object for (kind, path) as a new reference (ref() is called on it), or NULL when
 * there is none or the file changed. */
void *mr_cache_get(const char *kind, const char *path, void *(*ref)(void *));

/* Keeps obj (taking a reference with ref(); unref() drops one when it goes) for (kind, path). */
void mr_cache_put(const char *kind, const char *path, void *obj, void *(*ref)(void *), void (*unref)(void *));

#endif
