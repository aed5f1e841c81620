/* batch.h: `moonreel batch`: one template, many rows. The parent plans every row (output
 * paths, records, resume), then forked worker processes render rows one after another, each
 * row in a fresh sandboxed Lua state; workers keep their caches (media, pictures, fonts)
 * from row to row. A worker that crashes, overruns its row's Lua time (stuck where the
 * in-process limit cannot reach) or the row's time limit is replaced; its row is recorded as
 * failed and the batch goes on. */
#ifndef MR_BATCH_H
#define MR_BATCH_H

#include <jansson.h>
#include "engine/render/render.h"
#include "interp/sandbox.h"

typedef struct mr_batch_row {
    long index;              /* its place in the rows file, from 0; people see row index + 1 */
    json_t *fields;          /* borrowed from the batch's rows */
    char *output, *record;   /* malloc'd: a batch keeps little per row */
    char row_hash[33];
    int state;               /* 0 to do, 1 done, 2 failed, 3 skipped (--resume) */
    double ms, startup_ms;
    char *message;           /* why it failed (malloc'd), or NULL */
} mr_batch_row;

typedef struct mr_batch {
    const char *template_path, *rows_path, *pattern, *report_path;
    int jobs, ngpus, gpus[16], shard_k, shard_n;
    bool resume, quiet;
    double row_timeout;      /* --row-timeout; 0: 10 times the row's duration plus a minute */
    char *sets[256];
    int nsets;
    json_t *args;            /* the --set values */
    char template_dir[4096], allowed[8][4096];
    int nallowed;
    mr_sandbox_limits limits;
    mr_render_opts render;
    json_t *rows;
    json_t *bad_rows;        /* "index": why, for rows whose data cannot run (see mr_rows_load_noting) */
    mr_batch_row *plan;
    long nplan;
    char template_hash[33];
    char *bytecode;          /* the template, compiled once */
    size_t bytecode_len;
} mr_batch;

/* Renders plan row i in this (worker) process. When the Lua phase is over and the render
 * starts, says {"i", "phase": "render", "duration"} on fd `say` (the row's duration in seconds,
 * -1 when it has none), so the supervisor gives the row its render time. Returns a JSON
 * result for the parent: {"i", "ok", "ms", "startup_ms"} or {"i", "ok": false, "error"} (the
 * caller's reference; an error message is valid UTF-8 and at most about 4 KiB, cut with
 * "…(cut)"). */
json_t *mr_batch_run_row(const mr_batch *b, long i, int say);

/* Writes msg as one JSON line to fd, all of it (a pipe may take it in parts). Returns 0, or
 * -1 when msg is NULL or the write fails. */
int mr_batch_send(int fd, json_t *msg);

int mr_cmd_batch(int argc, char **argv);

#endif
