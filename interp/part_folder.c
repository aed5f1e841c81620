/* part_folder.c: a folder of parts, read and checked (part_folder.h). */
#include "interp/part_folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *mr_folder_name(const char *given, char buf[PATH_MAX])
{
    snprintf(buf, PATH_MAX, "%s", given);
    for (size_t n = strlen(buf); n > 1 && buf[n - 1] == '/'; n--)
        buf[n - 1] = 0;
    return buf;
}

void mr_part_folder_free(mr_part_folder *s)
{
    free(s->part);
    free(s->path);
    s->part = NULL;
    s->path = NULL;
}

int mr_part_folder_read(const char *dir, mr_part_folder *s, mr_err *err)
{
    memset(s, 0, sizeof *s);
    DIR *d = opendir(dir);
    if (!d)
        return mr_err_set(err, "cannot read the folder '%s': %s", dir, strerror(errno));
    struct dirent *e;
    int r = 0;
    mr_part_manifest *m = malloc(sizeof *m);
    if (!m)
        r = mr_err_set(err, "out of memory");
    while (r == 0 && (e = readdir(d))) {
        int k, n, end = 0;
        char want[64];
        if (sscanf(e->d_name, "part-%d-of-%d.json%n", &k, &n, &end) != 2 || e->d_name[end] || k < 0 || n < 1 ||
            k >= n || n > MR_SEGMENTS_MAX)
            continue;
        mr_manifest_name(k, n, want, sizeof want);
        if (strcmp(e->d_name, want)) /* part-3-of-4.json is nobody's */
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if ((r = mr_manifest_read(path, m, err)) < 0) {
            char why[sizeof err->msg];
            snprintf(why, sizeof why, "%s", err->msg);
            r = mr_err_set(err, "%s; render part %d/%d again (run --segment %d/%d)", why, k, n, k, n);
            break;
        }
        mr_segment seg = mr_segment_of(m->total, k, n);
        char file[2][64];
        snprintf(file[0], sizeof file[0], "part-%04d-of-%04d.mp4", k, n);
        snprintf(file[1], sizeof file[1], "part-%04d-of-%04d.mov", k, n);
        if (m->k != k || m->n != n || m->first != seg.first || m->frames != seg.count ||
            (m->frames > 0 && strcmp(m->file, file[0]) && strcmp(m->file, file[1]))) {
            r = mr_err_set(err, "%s: not the manifest of part %d/%d (its part, frames or file differ)", path, k, n);
            break;
        }
        if (!s->part) {
            mr_manifest_copy(&s->first, m);
            s->n = m->n;
            s->part = calloc((size_t)m->n, sizeof *s->part);
            s->path = calloc((size_t)m->n, sizeof *s->path);
            if (!s->part || !s->path) {
                r = mr_err_set(err, "out of memory");
                break;
            }
            for (int i = 0; i < s->n; i++)
                s->part[i].count = -1; /* not found yet */
        } else if ((r = mr_manifest_same_render(&s->first, m, err)) < 0) {
            char why[sizeof err->msg];
            snprintf(why, sizeof why, "%s", err->msg);
            mr_err_set(err, "'%s': %s (or remove an earlier render's parts)", dir, why);
            break;
        }
        snprintf(s->path[k], sizeof s->path[k], "%s/%s", dir, m->file);
        s->part[k] = (mr_join_part){s->path[k], m->first, m->frames};
        struct stat st;
        char sha[65] = "";
        if (m->frames > 0 && (stat(s->path[k], &st) < 0 || st.st_size != m->bytes ||
                              mr_file_sha256(s->path[k], sha, err) < 0 || strcmp(sha, m->file_sha256)))
            r = mr_err_set(err, "part %d/%d: its file '%s' is %s: render that segment again", k, n, s->path[k],
                           access(s->path[k], F_OK) < 0 ? "missing" : "not the one its manifest describes");
    }
    closedir(d);
    free(m);
    if (r == 0 && !s->part)
        r = mr_err_set(err, "'%s' holds no parts (part-K-of-N.json, written by run --segment K/N -o %s)", dir, dir);
    if (r == 0) { /* every segment's part, or which are missing */
        char missing[512] = "";
        int nmissing = 0;
        for (int k = 0; k < s->n; k++)
            if (s->part[k].count < 0 && nmissing++ < 20)
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%d", nmissing > 1 ? ", " : "", k);
        if (nmissing)
            r = mr_err_set(err, "'%s' lacks %d of the %d parts (segments %s%s): run them again with --segment K/%d",
                           dir, nmissing, s->n, missing, nmissing > 20 ? ", ..." : "", s->n);
    }
    if (r < 0)
        mr_part_folder_free(s);
    return r;
}

bool mr_part_folder_holds(const mr_part_folder *s, const char *dir, const char *out, mr_err *err)
{
    struct stat o, p;
    if (stat(out, &o) < 0)
        return false; /* a new file */
    char path[PATH_MAX + 64];
    for (int k = 0; k < s->n; k++) {
        char name[64];
        mr_manifest_name(k, s->n, name, sizeof name);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        bool manifest = stat(path, &p) == 0 && p.st_dev == o.st_dev && p.st_ino == o.st_ino;
        bool part = s->part[k].count > 0 && stat(s->path[k], &p) == 0 && p.st_dev == o.st_dev && p.st_ino == o.st_ino;
        if (manifest || part) {
            mr_err_set(err, "'%s' is %s of part %d/%d: join into another file", out, part ? "the file" : "the manifest",
                       k, s->n);
            return true;
        }
    }
    return false;
}
