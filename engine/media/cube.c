/* cube.c: the .cube parser (cube.h says what it takes): line by line, every mistake named by
 * the file and the line. */
#include "engine/media/cube.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The parse so far. */
typedef struct cube_reader {
    mr_cube *c;
    const char *name;
    int line;
    long rows, want;        /* rows read, rows LUT_3D_SIZE asks for */
    int domain_line;        /* the line that last set the domain (0: the default) */
    mr_err *err;
} cube_reader;

/* Fills err with "name:line: what" and returns -1. */
static int fail(cube_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(cube_reader *r, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return mr_err_set(r->err, "%s:%d: %s", r->name, r->line, what);
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Whether s holds nothing more than blanks and perhaps a comment. */
static bool rest_empty(const char *s)
{
    s = skip_space(s);
    return *s == 0 || *s == '#';
}

/* Reads n finite numbers from s into v, then nothing but blanks or a comment. Returns 0, or -1
 * with err naming what was expected (`what`) and what was found. */
static int numbers(cube_reader *r, const char *s, float *v, int n, const char *what)
{
    const char *p = s;
    for (int i = 0; i < n; i++) {
        char *end;
        p = skip_space(p);
        double d = strtod(p, &end);
        if (end == p || (*end && *end != ' ' && *end != '\t' && *end != '#'))
            return fail(r, "expected %s, got '%.40s'", what, skip_space(s));
        if (!isfinite(d) || fabs(d) > 1e30)
            return fail(r, "%.*s is not a finite number", (int)(end - p) > 40 ? 40 : (int)(end - p), p);
        v[i] = (float)d;
        p = end;
    }
    if (!rest_empty(p))
        return fail(r, "expected %s, got '%.40s'", what, skip_space(s));
    return 0;
}

/* TITLE "text" (or text without quotes). */
static int read_title(cube_reader *r, const char *s)
{
    s = skip_space(s);
    const char *end;
    if (*s == '"') {
        end = strchr(++s, '"');
        if (!end)
            return fail(r, "TITLE's text has no closing quote");
        if (!rest_empty(end + 1))
            return fail(r, "something after TITLE's closing quote: '%.40s'", skip_space(end + 1));
    } else {
        end = s + strlen(s);
        while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
    }
    int n = (int)(end - s) < (int)sizeof r->c->title - 1 ? (int)(end - s) : (int)sizeof r->c->title - 1;
    memcpy(r->c->title, s, (size_t)n);
    r->c->title[n] = 0;
    return 0;
}

/* LUT_3D_SIZE n: the size, and room for the rows. */
static int read_size(cube_reader *r, const char *s)
{
    if (r->c->size)
        return fail(r, "a second LUT_3D_SIZE");
    float v = 0;
    if (numbers(r, s, &v, 1, "LUT_3D_SIZE's number of points a side") < 0)
        return -1;
    if (v != floorf(v) || v < 2 || v > MR_CUBE_MAX_SIZE)
        return fail(r, "LUT_3D_SIZE %g is outside 2..%d (whole numbers)", v, MR_CUBE_MAX_SIZE);
    r->c->size = (int)v;
    r->want = (long)r->c->size * r->c->size * r->c->size;
    r->c->rgb = malloc(sizeof(float) * 3 * (size_t)r->want);
    if (!r->c->rgb)
        return fail(r, "out of memory for a table of %ld rows", r->want);
    return 0;
}

/* A line that starts with a keyword: its value into the table. */
static int read_keyword(cube_reader *r, const char *s)
{
    size_t k = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
    char word[32];
    snprintf(word, sizeof word, "%.*s", (int)(k < sizeof word ? k : sizeof word - 1), s);
    const char *v = s + k;
    if (r->rows > 0)
        return fail(r, "keyword %s among the table's rows (keywords come first)", word);
    if (!strcmp(word, "TITLE"))
        return read_title(r, v);
    if (!strcmp(word, "LUT_3D_SIZE"))
        return read_size(r, v);
    if (!strcmp(word, "DOMAIN_MIN") || !strcmp(word, "DOMAIN_MAX")) {
        r->domain_line = r->line;
        return numbers(r, v, !strcmp(word, "DOMAIN_MIN") ? r->c->domain_min : r->c->domain_max, 3, "three numbers (r g b)");
    }
    if (!strcmp(word, "LUT_3D_INPUT_RANGE")) {
        float lohi[2];
        if (numbers(r, v, lohi, 2, "two numbers (min max)") < 0)
            return -1;
        r->domain_line = r->line;
        for (int i = 0; i < 3; i++) {
            r->c->domain_min[i] = lohi[0];
            r->c->domain_max[i] = lohi[1];
        }
        return 0;
    }
    if (!strcmp(word, "LUT_1D_SIZE") || !strcmp(word, "LUT_1D_INPUT_RANGE"))
        return fail(r, "%s: a 1D table; lut() reads 3D tables (LUT_3D_SIZE)", word);
    return fail(r, "unknown keyword '%s'", word);
}

/* A row of the table: three numbers. */
static int read_row(cube_reader *r, const char *s)
{
    if (!r->c->size)
        return fail(r, "a row of the table before LUT_3D_SIZE");
    if (r->rows >= r->want)
        return fail(r, "more rows than LUT_3D_SIZE %d holds (%ld)", r->c->size, r->want);
    if (numbers(r, s, r->c->rgb + 3 * r->rows, 3, "three numbers (r g b)") < 0)
        return -1;
    r->rows++;
    return 0;
}

/* One line (without its end), by what it starts with. */
static int read_line(cube_reader *r, const char *s, size_t len)
{
    if (strlen(s) != len)
        return fail(r, "a NUL byte: not a text file");
    s = skip_space(s);
    if (*s == 0 || *s == '#')
        return 0;
    if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
        return read_keyword(r, s);
    if ((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.')
        return read_row(r, s);
    return fail(r, "expected a keyword or three numbers, got '%.40s'", s);
}

/* The checks at the end: a size, every row, a domain with room in it. */
static int finish(cube_reader *r)
{
    mr_cube *c = r->c;
    if (!c->size)
        return mr_err_set(r->err, "%s: no LUT_3D_SIZE: not a 3D .cube table", r->name);
    if (r->rows < r->want)
        return fail(r, "the table ends after %ld rows; LUT_3D_SIZE %d needs %ld", r->rows, c->size, r->want);
    for (int i = 0; i < 3; i++)
        if (!(c->domain_min[i] < c->domain_max[i])) {
            r->line = r->domain_line;
            return fail(r, "the domain's %s goes from %g to %g: its minimum must be below its maximum",
                        i == 0 ? "red" : i == 1 ? "green" : "blue", c->domain_min[i], c->domain_max[i]);
        }
    return 0;
}

mr_cube *mr_cube_read(FILE *f, const char *name, mr_err *err)
{
    mr_cube *c = calloc(1, sizeof *c);
    if (!c)
        return mr_err_set(err, "%s: out of memory", name), NULL;
    for (int i = 0; i < 3; i++)
        c->domain_max[i] = 1;
    cube_reader r = {c, name, 0, 0, 0, 0, err};
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&buf, &cap, f)) >= 0) {
        r.line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = 0;
        char *s = buf;
        if (r.line == 1 && !strncmp(s, "\xef\xbb\xbf", 3)) { /* a UTF-8 byte order mark */
            s += 3;
            n -= 3;
        }
        rc = read_line(&r, s, (size_t)n);
    }
    free(buf);
    if (rc == 0 && ferror(f))
        rc = mr_err_set(err, "%s: %s", name, strerror(errno));
    if (rc == 0)
        rc = finish(&r);
    if (rc < 0) {
        mr_cube_free(c);
        return NULL;
    }
    return c;
}

mr_cube *mr_cube_load(const char *path, mr_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return mr_err_set(err, "%s: %s", path, strerror(errno)), NULL;
    mr_cube *c = mr_cube_read(f, path, err);
    fclose(f);
    return c;
}

void mr_cube_free(mr_cube *c)
{
    if (c) {
        free(c->rgb);
        free(c);
    }
}
