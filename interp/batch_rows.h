/* batch_rows.h: the rows of a batch: CSV with a header (RFC 4180 quoting, newlines inside
 * quoted fields, UTF-8 with or without a BOM; by libcsv), a JSON array of objects, or JSON
 * Lines (by jansson). Every row becomes a JSON object (CSV fields are strings). */
#ifndef MR_BATCH_ROWS_H
#define MR_BATCH_ROWS_H

#include <jansson.h>
#include "engine/error.h"

/* Reads the rows of `path` (the format from its extension: .csv, .json, .jsonl/.ndjson) into
 * a new JSON array of objects (the caller's reference). NULL with err naming the file, the
 * line and what is wrong. */
json_t *mr_rows_load(const char *path, mr_err *err);

/* The same from memory, for a format named "csv", "json" or "jsonl" (tests use it). */
json_t *mr_rows_parse(const char *data, size_t n, const char *format, const char *name, mr_err *err);

#endif
