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
    json_t *bad;             /* rows that cannot run as they are, or NULL (see mr_rows_load_noting) */
} csv_state;

int mr_utf8_char_len(const unsigned char *p, size_t left)
{
    int k = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3 : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if ((size_t)k > left)
        return 0;
    for (int j = 1; j < k; j++)
        if ((p[j] & 0xC0) != 0x80)
            return 0;
    unsigned cp = k == 2 ? (p[0] & 0x1Fu) << 6 | (p[1] & 0x3F)
                : k == 3 ? (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3F)
                : k == 4 ? (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3F) : 0;
    if ((k == 2 && cp < 0x80) || (k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
        (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0; /* overlong, a surrogate, or past Unicode */
    return k;
}

/* The offset of the first byte of s[0..n) that is not UTF-8, or n when all is. */
static size_t utf8_bad_at(const char *s, size_t n)
{
    size_t i = 0;
    for (int k; i < n && (k = mr_utf8_char_len((const unsigned char *)s + i, n - i)) > 0;)
        i += (size_t)k;
    return i;
}

/* A JSON string of s[0..n) with each byte that is not UTF-8 shown as U+FFFD (new reference). */
static json_t *utf8_shown(const char *s, size_t n)
{
    char *out = malloc(n * 3 + 1);
    size_t o = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        int k = mr_utf8_char_len((const unsigned char *)s + i, n - i);
        memcpy(out + o, k ? s + i : "\xEF\xBF\xBD", k ? (size_t)k : 3);
        o += k ? (size_t)k : 3;
        i += k ? (size_t)k : 1;
    }
    json_t *j = json_stringn(out, o);
    free(out);
    return j;
}

static void csv_field(void *s, size_t n, void *ud)
{
    csv_state *c = ud;
    if (c->failed)
        return;
    size_t bad = utf8_bad_at(s, n);
    if (!c->header_done) {
        if (bad < n) {
            mr_err_set(c->err, "%s: line 1: the name of field %zu is not valid UTF-8 (byte 0x%02X at byte %zu): save the "
                       "rows as UTF-8", c->name, json_array_size(c->header) + 1, ((const unsigned char *)s)[bad], bad + 1);
            c->failed = true;
            return;
        }
        json_array_append_new(c->header, json_stringn(s, n));
        return;
    }
    if ((size_t)c->col >= json_array_size(c->header)) {
        mr_err_set(c->err, "%s: line %d has more fields than the header's %zu", c->name, c->line + 1,
                   json_array_size(c->header));
        c->failed = true;
        return;
    }
    const char *key = json_string_value(json_array_get(c->header, c->col));
    if (bad < n) { /* never dropped: the row fails, naming the field, or the file does */
        size_t row = json_array_size(c->rows) + 1;
        char why[512];
        snprintf(why, sizeof why, "row %zu: field '%s' is not valid UTF-8 (byte 0x%02X at byte %zu): save the rows as UTF-8",
                 row, key, ((const unsigned char *)s)[bad], bad + 1);
        if (!c->bad) {
            mr_err_set(c->err, "%s: line %d: %s", c->name, c->line + 1, why);
            c->failed = true;
            return;
        }
        char index[32];
        snprintf(index, sizeof index, "%zu", row - 1);
        if (!json_object_get(c->bad, index))
            json_object_set_new(c->bad, index, json_string(why));
        json_object_set_new(c->row, key, utf8_shown(s, n));
    } else {
        json_object_set_new(c->row, key, json_stringn(s, n));
    }
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

static json_t *parse_csv(const char *data, size_t n, const char *name, json_t *bad, mr_err *err)
{
    if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) { /* a UTF-8 byte order mark */
        data += 3;
        n -= 3;
    }
    struct csv_parser p;
    csv_state c = {.err = err, .name = name, .line = 0, .bad = bad};
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
    return mr_rows_parse_noting(data, n, format, name, NULL, err);
}

json_t *mr_rows_parse_noting(const char *data, size_t n, const char *format, const char *name, json_t *bad, mr_err *err)
{
    if (!strcmp(format, "csv"))
        return parse_csv(data, n, name, bad, err);
    if (!strcmp(format, "json"))
        return parse_json(data, n, false, name, err);
    if (!strcmp(format, "jsonl"))
        return parse_json(data, n, true, name, err);
    mr_err_set(err, "%s: unknown row format '%s'", name, format);
    return NULL;
}

json_t *mr_rows_load(const char *path, mr_err *err)
{
    return mr_rows_load_noting(path, NULL, err);
}

json_t *mr_rows_load_noting(const char *path, json_t *bad, mr_err *err)
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
    json_t *rows = mr_rows_parse_noting(data ? data : "", n, format, path, bad, err);
    free(data);
    return rows;
}
