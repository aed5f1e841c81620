/* part_file.h: the temporary ("part") files that outputs are written to beside their target
 * and renamed into place when complete, and telling which ones a dead writer left.
 *
 * A part file is named  .NAME.moonreel-HOST-BOOT-PID-SEQ.part  (HOST the writer's host name,
 * BOOT the first 8 hex digits of its kernel's boot id, PID and a sequence number; NAME is
 * shortened where the whole would pass 255 bytes), and its writer holds an advisory lock on it
 * (an fcntl open-file-description lock: the kernel keeps it across PID namespaces, NFS's lock
 * manager across machines) from its first moment (a reclaimer that met the file before the
 * lock made the writer start again under another name) until it is renamed into place or
 * removed. Another process removes a part file only when it can take a lock on it itself (so
 * its writer is gone: the kernel lets go of a dead process's locks) and:
 *   - the writer ran on this kernel (same boot id): the free lock proves it;
 *   - or on this host before it restarted (same host name, another boot id; not for hosts
 *     named "localhost");
 *   - or elsewhere, and the file has not changed for MR_PART_FOREIGN_AGE seconds (a free lock
 *     proves nothing where locks are not shared between machines, such as NFS mounted with
 *     nolock).
 * On a file system without locks (ENOLCK) nothing is removed but after a restart. Files named
 * by older moonreels (.NAME.moonreel-PID-SEQ.part, never locked) are removed when no moonreel
 * with that PID runs in this PID namespace, as those versions did. */
#ifndef MR_PART_FILE_H
#define MR_PART_FILE_H

#include <stdbool.h>
#include "engine/core/error.h"

#define MR_PART_FOREIGN_AGE (24 * 3600)

typedef struct mr_part {
    char path[4096];   /* "" when there is none */
    int fd;            /* holds the lock while path is set */
    int slot;          /* its entry in the table mr_part_remove_all_now reads, or -1 */
} mr_part;

/* Creates and locks a new, empty part file beside target (first removing, once per folder in
 * this process, the stale part files there). Returns 0 with p filled, or -1 with err naming
 * target and the reason (p->path is then ""). The caller owns p until mr_part_commit or
 * mr_part_discard. */
int mr_part_create(mr_part *p, const char *target, mr_err *err);

/* Renames the part file onto target (atomically replacing what was there) and lets go of it.
 * Returns 0, or -1 with err set (the part file is then removed). p->path is "" afterwards. */
int mr_part_commit(mr_part *p, const char *target, mr_err *err);

/* Removes the part file and lets go of it. A p whose path is "" is fine. */
void mr_part_discard(mr_part *p);

/* Writes the n bytes of data as the whole file at target: into a part file, renamed onto
 * target when written (an existing file there is replaced only then). Returns 0, or -1 with
 * err naming target (nothing is left beside it then). The caller keeps data. */
int mr_part_write_file(const char *target, const void *data, size_t n, mr_err *err);

/* Removes the stale part files in dir ("" is the current folder), by the rules above.
 * Returns how many it removed. */
int mr_part_reclaim(const char *dir);

/* Whether the part file at path is stale by the rules above (false when it cannot be told,
 * or path is not a part file). Exposed for the tests; mr_part_reclaim uses it. */
bool mr_part_is_stale(const char *path);

/* Removes this process's part files that are still being written, from a signal handler that
 * ends the process next: async-signal-safe (unlink only). */
void mr_part_remove_all_now(void);

#endif
