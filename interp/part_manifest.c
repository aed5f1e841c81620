/* part_manifest.c: the parts' manifests as JSON (jansson), part_manifest.h. */
#include "interp/part_manifest.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libavutil/mem.h>
#include <libavutil/sha.h>

void mr_manifest_name(int k, int n, char *buf, size_t size)
{
    snprintf(buf, size, "part-%04d-of-%04d.json", k, n);
}

int mr_file_sha256(const char *path, char hex[65], mr_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return mr_err_set(err, "cannot read '%s': %s", path, strerror(errno));
    struct AVSHA *sha = av_sha_alloc();
    if (!sha) {
        fclose(f);
        return mr_err_set(err, "out of memory");
    }
    av_sha_init(sha, 256);
    uint8_t buf[65536], digest[32];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        av_sha_update(sha, buf, n);
    int bad = ferror(f);
    fclose(f);
    av_sha_final(sha, digest);
    av_free(sha);
    if (bad)
        return mr_err_set(err, "cannot read '%s'", path);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return 0;
}

int mr_manifest_write(const char *dir, const mr_part_manifest *m, mr_err *err)
{
    json_t *args = json_array();
    for (int i = 0; args && i < m->nargs; i++)
        json_array_append_new(args, json_string(m->args[i]));
    char fps[48];
    snprintf(fps, sizeof fps, "%d/%d", m->fps.num, m->fps.den);
    json_t *root = json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:i, s:I, s:I, s:I, s:s, s:s, s:I, s:s}", "moonreel", "part",
                             "version", m->version, "script", m->script, "script_sha256", m->script_sha256, "args",
                             args ? args : json_null(), "segment", m->k, "segments", m->n, "first",
                             (json_int_t)m->first, "frames", (json_int_t)m->frames, "total", (json_int_t)m->total,
                             "fps", fps, "file", m->file, "bytes", (json_int_t)m->bytes, "file_sha256",
                             m->file_sha256);
    if (!root)
        return mr_err_set(err, "out of memory");
    char name[64], path[4400], tmp[4500];
    mr_manifest_name(m->k, m->n, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
    int r = json_dump_file(root, tmp, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    json_decref(root);
    if (r < 0 || rename(tmp, path) < 0) {
        int e = errno;
        unlink(tmp);
        return mr_err_set(err, "cannot write '%s': %s", path, strerror(e));
    }
    return 0;
}

/* Copies the string member `key` of obj into buf; false when it is missing or too long. */
static bool get_string(json_t *obj, const char *key, char *buf, size_t size)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s && snprintf(buf, size, "%s", s) < (int)size;
}

int mr_manifest_read(const char *path, mr_part_manifest *m, mr_err *err)
{
    memset(m, 0, sizeof *m);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root)
        return mr_err_set(err, "%s:%d: not a part manifest: %s", path, je.line, je.text);
    char fps[48] = "";
    json_int_t k = -1, n = -1, first = -1, frames = -1, total = -1, bytes = -1;
    json_t *args = json_object_get(root, "args");
    const char *kind = json_string_value(json_object_get(root, "moonreel"));
    bool ok = kind && !strcmp(kind, "part") && get_string(root, "version", m->version, sizeof m->version) &&
              get_string(root, "script", m->script, sizeof m->script) &&
              get_string(root, "script_sha256", m->script_sha256, sizeof m->script_sha256) &&
              get_string(root, "fps", fps, sizeof fps) && get_string(root, "file", m->file, sizeof m->file) &&
              get_string(root, "file_sha256", m->file_sha256, sizeof m->file_sha256) &&
              json_unpack(root, "{s:I, s:I, s:I, s:I, s:I, s:I}", "segment", &k, "segments", &n, "first", &first,
                          "frames", &frames, "total", &total, "bytes", &bytes) == 0 &&
              json_is_array(args) && json_array_size(args) <= MR_MAX_ARGS && n >= 1 && n <= MR_SEGMENTS_MAX &&
              k >= 0 && k < n && first >= 0 && frames >= 0 && first <= total && frames <= total - first && bytes >= 0 &&
              sscanf(fps, "%d/%d", &m->fps.num, &m->fps.den) == 2 && m->fps.num > 0 && m->fps.den > 0 &&
              !strchr(m->file, '/') && (frames == 0 || (m->file[0] && m->file[0] != '.'));
    size_t used = 0;
    for (size_t i = 0; ok && i < json_array_size(args); i++) {
        const char *a = json_string_value(json_array_get(args, i));
        size_t len = a ? strlen(a) + 1 : 0;
        if (!a || used + len > sizeof m->argbuf) {
            ok = false;
            break;
        }
        memcpy(m->argbuf + used, a, len);
        m->args[m->nargs++] = m->argbuf + used;
        used += len;
    }
    json_decref(root);
    if (!ok)
        return mr_err_set(err, "%s: not a part manifest of this moonreel (a field is missing or out of range)", path);
    m->k = (int)k;
    m->n = (int)n;
    m->first = first;
    m->frames = frames;
    m->total = total;
    m->bytes = bytes;
    return 0;
}

void mr_manifest_copy(mr_part_manifest *to, const mr_part_manifest *from)
{
    *to = *from;
    for (int i = 0; i < from->nargs; i++)
        if (from->args[i] >= from->argbuf && from->args[i] < from->argbuf + sizeof from->argbuf)
            to->args[i] = to->argbuf + (from->args[i] - from->argbuf);
}

/* The length of an option's name in arg ("--set=KEY=V": "--set=KEY"; "--crf=20": "--crf"). */
static size_t option_name_len(const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq && !strncmp(arg, "--set=", 6))
        eq = strchr(eq + 1, '=');
    return eq ? (size_t)(eq - arg) : strlen(arg);
}

/* Orders the n options in args by name, keeping the order of options of one name (the last
 * of them counts): two renders given the same options in another order compare equal. */
static void sort_options(const char **args, int n)
{
    for (int i = 1; i < n; i++) { /* insertion sort: stable, and n is small */
        const char *v = args[i];
        size_t lv = option_name_len(v);
        int j = i;
        for (; j > 0; j--) {
            size_t lu = option_name_len(args[j - 1]);
            int c = strncmp(args[j - 1], v, lu < lv ? lu : lv);
            if (c < 0 || (c == 0 && lu <= lv))
                break;
            args[j] = args[j - 1];
        }
        args[j] = v;
    }
}

int mr_manifest_same_render(const mr_part_manifest *a_in, const mr_part_manifest *b_in, mr_err *err)
{
    char what[1200] = "";
    struct { const char *args[MR_MAX_ARGS]; int nargs; } a = {.nargs = a_in->nargs}, b = {.nargs = b_in->nargs};
    memcpy(a.args, a_in->args, sizeof a.args[0] * (size_t)a.nargs);
    memcpy(b.args, b_in->args, sizeof b.args[0] * (size_t)b.nargs);
    sort_options(a.args, a.nargs);
    sort_options(b.args, b.nargs);
    int i = 0;
    while (i < a.nargs && i < b.nargs && !strcmp(a.args[i], b.args[i]))
        i++;
    if (strcmp(a_in->script, b_in->script))
        snprintf(what, sizeof what, "scripts differ: '%s' and '%s'", a_in->script, b_in->script);
    else if (strcmp(a_in->script_sha256, b_in->script_sha256))
        snprintf(what, sizeof what, "script's contents differ (it changed between them)");
    else if (i < a.nargs || i < b.nargs)
        snprintf(what, sizeof what, "options differ: %s%.400s%s against %s%.400s%s", i < a.nargs ? "'" : "",
                 i < a.nargs ? a.args[i] : "nothing", i < a.nargs ? "'" : "", i < b.nargs ? "'" : "",
                 i < b.nargs ? b.args[i] : "nothing", i < b.nargs ? "'" : "");
    else if (a_in->n != b_in->n)
        snprintf(what, sizeof what, "numbers of segments differ");
    else if (a_in->total != b_in->total || a_in->fps.num != b_in->fps.num || a_in->fps.den != b_in->fps.den)
        snprintf(what, sizeof what, "outputs differ in frames or rate");
    else if (strcmp(a_in->version, b_in->version))
        snprintf(what, sizeof what, "moonreel versions differ: %s and %s", a_in->version, b_in->version);
    if (what[0])
        return mr_err_set(err, "parts %d/%d and %d/%d come from different renders (their %s): render every part "
                          "with one command", a_in->k, a_in->n, b_in->k, b_in->n, what);
    return 0;
}
