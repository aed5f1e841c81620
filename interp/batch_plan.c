/* batch_plan.c: output paths, hashes and records of batch rows. */
#include "interp/batch_plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libavutil/md5.h>
#include <libavutil/mem.h>

/* A field's value as text, made safe for a file name. */
static void safe_value(const json_t *v, char *out, size_t n)
{
    char raw[1024];
    if (json_is_string(v))
        snprintf(raw, sizeof raw, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(raw, sizeof raw, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(raw, sizeof raw, "%g", json_real_value(v));
    else if (json_is_boolean(v))
        snprintf(raw, sizeof raw, "%s", json_is_true(v) ? "true" : "false");
    else
        raw[0] = 0;
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)raw; *p && k + 2 < n && k < 200; p++) {
        if (*p < 0x20 || *p == 0x7f)
            continue;
        out[k++] = (*p == '/' || *p == '\\') ? '_' : (char)*p;
    }
    out[k] = 0;
    if (k == 0)
        snprintf(out, n, "_");
    else if (out[0] == '.')
        out[0] = '_';
}

int mr_batch_expand(const char *pattern, const json_t *fields, long index, char *out, size_t n, mr_err *err)
{
    for (const char *p = pattern; (p = strstr(p, "..")); p += 2)
        if ((p == pattern || p[-1] == '/') && (p[2] == '/' || p[2] == 0))
            return mr_err_set(err, "the output pattern '%s' may not contain '..'", pattern);
    size_t k = 0;
    for (const char *p = pattern; *p;) {
        if (*p != '{') {
            if (k + 1 < n)
                out[k++] = *p;
            p++;
            continue;
        }
        const char *end = strchr(p, '}');
        if (!end)
            return mr_err_set(err, "the output pattern '%s' has a '{' without its '}'", pattern);
        char name[128], value[1024];
        snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
        int width;
        if (!strcmp(name, "row")) { /* the data row's number as spreadsheets count: from 1 */
            snprintf(value, sizeof value, "%ld", index + 1);
        } else if (sscanf(name, "row:%d", &width) == 1 && width > 0 && width < 20) {
            snprintf(value, sizeof value, "%0*ld", width, index + 1);
        } else if (!strcmp(name, "index")) {
            snprintf(value, sizeof value, "%ld", index);
        } else if (sscanf(name, "index:%d", &width) == 1 && width > 0 && width < 20) {
            snprintf(value, sizeof value, "%0*ld", width, index);
        } else {
            const json_t *v = json_object_get(fields, name);
            if (!v)
                return mr_err_set(err, "row %ld has no field '%s', which the output pattern names", index + 1, name);
            safe_value(v, value, sizeof value);
        }
        for (const char *q = value; *q && k + 1 < n; q++)
            out[k++] = *q;
        p = end + 1;
    }
    out[k] = 0;
    if (k == 0 || out[k - 1] == '/')
        return mr_err_set(err, "row %ld: the output pattern gives no file name", index + 1);
    return 0;
}

void mr_batch_record_path(const char *output, char *out, size_t n)
{
    const char *slash = strrchr(output, '/');
    int dir = slash ? (int)(slash - output + 1) : 0;
    snprintf(out, n, "%.*s.moonreel-batch/%s.json", dir, output, output + dir);
}

void mr_md5_hex(const void *data, size_t n, char out[33])
{
    uint8_t d[16];
    av_md5_sum(d, data, n);
    for (int i = 0; i < 16; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

void mr_batch_row_hash(const json_t *fields, const json_t *args, char out[33])
{
    json_t *both = json_pack("{sOsO}", "row", (json_t *)fields, "args", (json_t *)args);
    char *text = json_dumps(both, JSON_SORT_KEYS | JSON_COMPACT);
    mr_md5_hex(text, strlen(text), out);
    free(text);
    json_decref(both);
}

int mr_file_md5(const char *path, char out[33], long long *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct AVMD5 *md5 = av_md5_alloc();
    av_md5_init(md5);
    uint8_t buf[1 << 16];
    size_t k;
    *size = 0;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
        av_md5_update(md5, buf, k);
        *size += (long long)k;
    }
    int bad = ferror(f);
    fclose(f);
    uint8_t d[16];
    av_md5_final(md5, d);
    av_free(md5);
    for (int i = 0; i < 16; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
    return bad ? -1 : 0;
}

int mr_make_parent_dirs(const char *path, mr_err *err)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0;
    *slash = 0;
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                return mr_err_set(err, "cannot make the folder '%s': %s", dir, strerror(errno));
            *p = '/';
        }
    if (dir[0] && mkdir(dir, 0755) != 0 && errno != EEXIST)
        return mr_err_set(err, "cannot make the folder '%s': %s", dir, strerror(errno));
    return 0;
}

int mr_batch_record_write(const char *record, const char *output, const char *row_hash, const char *template_hash,
                          long long size, const char *checksum, mr_err *err)
{
    if (mr_make_parent_dirs(record, err) < 0)
        return -1;
    json_t *j = json_pack("{sssssssIss}", "output", output, "row_hash", row_hash, "template_hash", template_hash,
                          "size", (json_int_t)size, "md5", checksum);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", record, (int)getpid());
    int r = json_dump_file(j, tmp, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(j);
    if (r != 0 || rename(tmp, record) != 0) {
        unlink(tmp);
        return mr_err_set(err, "cannot write the record '%s'", record);
    }
    return 0;
}

bool mr_batch_record_ok(const char *record, const char *output, const char *row_hash, const char *template_hash)
{
    json_t *j = json_load_file(record, 0, NULL);
    if (!j)
        return false;
    const char *rh = json_string_value(json_object_get(j, "row_hash"));
    const char *th = json_string_value(json_object_get(j, "template_hash"));
    const char *md5 = json_string_value(json_object_get(j, "md5"));
    long long size = json_integer_value(json_object_get(j, "size"));
    char now[33];
    long long now_size;
    bool ok = rh && th && md5 && !strcmp(rh, row_hash) && !strcmp(th, template_hash) &&
              mr_file_md5(output, now, &now_size) == 0 && now_size == size && !strcmp(now, md5);
    json_decref(j);
    return ok;
}
