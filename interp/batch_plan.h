/* batch_plan.h: what a batch will do with each row: where its output goes (from the pattern,
 * made safe), its record (the proof that the output is complete and belongs to this row and
 * template), and the hashes that decide whether --resume may skip it. */
#ifndef MR_BATCH_PLAN_H
#define MR_BATCH_PLAN_H

#include <jansson.h>
#include <stdbool.h>
#include "engine/core/error.h"

/* Expands "out/{id}-{name}.mp4", "{row}" and "{row:05}" (the data row's number from 1, as
 * spreadsheets count), "{index}" and "{index:05}" (from 0) for the row at index. Field values are made
 * safe: '/' and '\' become '_', control characters go, a leading '.' becomes '_', an empty
 * value is "_", so a value can neither leave the output folder nor make hidden files. The
 * pattern may not contain "..". Returns 0, or -1 with err naming the row and the field. */
int mr_batch_expand(const char *pattern, const json_t *fields, long index, char *out, size_t n, mr_err *err);

/* out/x.mp4 -> out/.moonreel-batch/x.mp4.json */
void mr_batch_record_path(const char *output, char *out, size_t n);

/* MD5 (hex) of bytes; of a row's fields with the batch's --set values (key order ignored). */
void mr_md5_hex(const void *data, size_t n, char out[33]);
void mr_batch_row_hash(const json_t *fields, const json_t *args, char out[33]);

/* MD5 and size of a file. Returns 0, or -1 when it cannot be read. */
int mr_file_md5(const char *path, char out[33], long long *size);

/* Writes a row's record (through a temporary file). Returns 0 or -1 with err set. */
int mr_batch_record_write(const char *record, const char *output, const char *row_hash, const char *template_hash,
                          long long size, const char *checksum, mr_err *err);

/* Whether output is intact and its record says it was made from this row and template. */
bool mr_batch_record_ok(const char *record, const char *output, const char *row_hash, const char *template_hash);

/* Makes the folders of path (mkdir -p of its dirname). Returns 0 or -1 with err set. */
int mr_make_parent_dirs(const char *path, mr_err *err);

#endif
