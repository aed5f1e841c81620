/* batch_rows.h: the rows of a batch: CSV with a header (RFC 4180 quoting, newlines inside
 * quoted fields, UTF-8 with or without a BOM; by libcsv), a JSON array of objects, or JSON
 * Lines (by jansson). Every row becomes a JSON object (CSV fields are strings). */
#ifndef MR_BATCH_ROWS_H
#define MR_BATCH_ROWS_H

#include <jansson.h>
#include "engine/core/error.h"

/* Reads the rows of `path` (the format from its extension: .csv, .json, .jsonl/.ndjson) into
 * a new JSON array of objects (the caller's reference). NULL with err naming the file, the
 * line and what is wrong. */
json_t *mr_rows_load(const char *path, mr_err *err);

/* The same from memory, for a format named "csv", "json" or "jsonl" (tests use it). */
json_t *mr_rows_parse(const char *data, size_t n, const char *format, const char *name, mr_err *err);

/* mr_rows_load and mr_rows_parse, which stop at a CSV field that is not valid UTF-8 (naming
 * the line, row and field), and these, which note it in the JSON object `bad` instead: the row
 * loads with that field shown (each bad byte as U+FFFD, never dropped), and bad["INDEX"] (the
 * row's index from 0) says "row N: field 'NAME' is not valid UTF-8 (...)", so the batch fails
 * that row alone. A header that is not UTF-8 stops the file either way. (JSON rows are UTF-8
 * or do not load.) */
json_t *mr_rows_load_noting(const char *path, json_t *bad, mr_err *err);
json_t *mr_rows_parse_noting(const char *data, size_t n, const char *format, const char *name, json_t *bad, mr_err *err);

/* The length of the UTF-8 character at p (1..4, at most `left` bytes), or 0 when the bytes
 * there are not one (overlong forms, surrogates and values past U+10FFFF are not). */
int mr_utf8_char_len(const unsigned char *p, size_t left);

#endif
