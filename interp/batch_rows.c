/* batch_rows.c: reading batch rows. */
#include "interp/batch_rows.h"

#include <csv.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct csv_state {
    json_t *rows, *header, *row;
    bool header_done, failed;
    int col, line;           /* fields so far in this record; records ended (the header is line 1) */
    mr_err *err;
    const char *name;
} csv_state;

static void csv_field(void *s, size_t n, void *ud)
{
    csv_state *c = ud;
    if (c->failed)
        return;
    if (!c->header_done) {
        json_array_append_new(c->header, json_stringn(s, n));
        return;
    }
    if ((size_t)c->col >= json_array_size(c->header)) {
        mr_err_set(c->err, "%s: line %d has more fields than the header's %zu", c->name, c->line + 1,
                   json_array_size(c->header));
        c->failed = true;
        return;
    }
    json_object_set_new(c->row, json_string_value(json_array_get(c->header, c->col)), json_stringn(s, n));
    c->col++;
}

static void csv_row_end(int ch, void *ud)
{
    csv_state *c = ud;
    (void)ch;
    if (c->failed)
        return;
    c->line++;
    if (!c->header_done) {
        c->header_done = true;
        return;
    }
    if (c->col == 0) /* an empty line */
        return;
    if ((size_t)c->col < json_array_size(c->header)) {
        mr_err_set(c->err, "%s: line %d has %d fields, the header %zu", c->name, c->line, c->col,
                   json_array_size(c->header));
        c->failed = true;
        return;
    }
    json_array_append_new(c->rows, c->row);
    c->row = json_object();
    c->col = 0;
}

static json_t *parse_csv(const char *data, size_t n, const char *name, mr_err *err)
{
    if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) { /* a UTF-8 byte order mark */
        data += 3;
        n -= 3;
    }
    struct csv_parser p;
    csv_state c = {.err = err, .name = name, .line = 0};
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    c.header = json_array();
    c.rows = json_array();
    c.row = json_object();
    size_t used = csv_parse(&p, data, n, csv_field, csv_row_end, &c);
    if (!c.failed && used != n) {
        mr_err_set(err, "%s: not CSV near line %d: %s", name, c.line + 1, csv_strerror(csv_error(&p)));
        c.failed = true;
    }
    if (!c.failed && csv_fini(&p, csv_field, csv_row_end, &c) != 0) {
        mr_err_set(err, "%s: %s at the end (an unclosed quote?)", name, csv_strerror(csv_error(&p)));
        c.failed = true;
    }
    csv_free(&p);
    json_decref(c.row);
    if (!c.failed && json_array_size(c.header) == 0) {
        mr_err_set(err, "%s: empty: a CSV needs a header line naming its fields", name);
        c.failed = true;
    }
    json_decref(c.header);
    if (c.failed) {
        json_decref(c.rows);
        return NULL;
    }
    return c.rows;
}

static json_t *parse_json(const char *data, size_t n, bool lines, const char *name, mr_err *err)
{
    json_error_t je;
    json_t *rows = NULL;
    if (!lines) {
        rows = json_loadb(data, n, 0, &je);
        if (!rows) {
            mr_err_set(err, "%s:%d: %s", name, je.line, je.text);
            return NULL;
        }
        if (!json_is_array(rows)) {
            json_decref(rows);
            mr_err_set(err, "%s: the rows must be a JSON array of objects", name);
            return NULL;
        }
    } else {
        rows = json_array();
        const char *p = data, *end = data + n;
        for (int line = 1; p < end; line++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            bool blank = true;
            for (size_t i = 0; i < len; i++)
                blank = blank && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r');
            if (!blank) {
                json_t *row = json_loadb(p, len, 0, &je);
                if (!row) {
                    mr_err_set(err, "%s:%d: %s", name, line, je.text);
                    json_decref(rows);
                    return NULL;
                }
                json_array_append_new(rows, row);
            }
            p += len + 1;
        }
    }
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        if (!json_is_object(row)) {
            mr_err_set(err, "%s: row %zu is not an object ({\"field\": value, ...})", name, i + 1);
            json_decref(rows);
            return NULL;
        }
    }
    return rows;
}

json_t *mr_rows_parse(const char *data, size_t n, const char *format, const char *name, mr_err *err)
{
    if (!strcmp(format, "csv"))
        return parse_csv(data, n, name, err);
    if (!strcmp(format, "json"))
        return parse_json(data, n, false, name, err);
    if (!strcmp(format, "jsonl"))
        return parse_json(data, n, true, name, err);
    mr_err_set(err, "%s: unknown row format '%s'", name, format);
    return NULL;
}

json_t *mr_rows_load(const char *path, mr_err *err)
{
    const char *dot = strrchr(path, '.');
    const char *format = !dot ? NULL : !strcasecmp(dot, ".csv") ? "csv" : !strcasecmp(dot, ".json") ? "json"
                         : (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ndjson")) ? "jsonl" : NULL;
    if (!format) {
        mr_err_set(err, "%s: rows must be .csv, .json or .jsonl", path);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        mr_err_set(err, "cannot open the rows '%s': %s", path, strerror(errno));
        return NULL;
    }
    char *data = NULL;
    size_t n = 0, cap = 0, k;
    char buf[65536];
    while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
        if (n + k > cap) {
            cap = (n + k) * 2;
            char *d = realloc(data, cap);
            if (!d) {
                free(data);
                fclose(f);
                mr_err_set(err, "out of memory reading '%s'", path);
                return NULL;
            }
            data = d;
        }
        memcpy(data + n, buf, k);
        n += k;
    }
    fclose(f);
    json_t *rows = mr_rows_parse(data ? data : "", n, format, path, err);
    free(data);
    return rows;
}
