/* part_file.c: part files: named by host, boot and PID, locked by their writer from birth to
 * rename, removed by others only when provably stale (part_file.h has the rules). */
#define _GNU_SOURCE
#include "engine/output/part_file.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TAG ".moonreel-"
#define NAME_LIMIT 255          /* a file name's bytes on the file systems we write to */

/* ---- who we are: host name and boot id, as they appear in names ---------------------------- */

static char my_host[48], my_boot[9];
static pthread_once_t identity_once = PTHREAD_ONCE_INIT;

/* The host name with anything but letters, digits, '.' and '_' made '_' (so '-' separates the
 * fields), at most 40 bytes; the kernel's boot id's first 8 hex digits ("00000000" unknown). */
static void read_identity(void)
{
    char h[256] = "";
    if (gethostname(h, sizeof h) != 0 || !h[0])
        snprintf(h, sizeof h, "host");
    h[sizeof h - 1] = 0;
    size_t k = 0;
    for (const char *p = h; *p && k < 40; p++)
        my_host[k++] = isalnum((unsigned char)*p) || *p == '.' || *p == '_' ? *p : '_';
    my_host[k] = 0;
    snprintf(my_boot, sizeof my_boot, "00000000");
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
    char id[64];
    if (f && fgets(id, sizeof id, f)) {
        k = 0;
        for (const char *p = id; *p && k < 8; p++)
            if (isxdigit((unsigned char)*p))
                my_boot[k++] = (char)tolower((unsigned char)*p);
        my_boot[8] = 0;
        if (k < 8)
            snprintf(my_boot, sizeof my_boot, "00000000");
    }
    if (f)
        fclose(f);
}

static void identity(void) { pthread_once(&identity_once, read_identity); }

/* ---- names --------------------------------------------------------------------------------- */

typedef struct part_name {
    bool legacy;            /* .NAME.moonreel-PID-SEQ.part, from moonreel before the locks */
    char host[64], boot[9];
    long pid;
} part_name;

/* Reads the fields of a part file's base name. Returns false when it is not one. */
static bool parse_name(const char *base, part_name *out)
{
    size_t len = strlen(base);
    if (base[0] != '.' || len < 6 || strcmp(base + len - 5, ".part") != 0)
        return false;
    const char *tag = NULL;
    for (const char *p = base; (p = strstr(p, TAG)); p++)
        tag = p; /* the last one: the target's own name may hold the tag too */
    if (!tag)
        return false;
    char fields[NAME_LIMIT + 1];
    snprintf(fields, sizeof fields, "%.*s", (int)(base + len - 5 - (tag + strlen(TAG))), tag + strlen(TAG));
    /* from the right: SEQ, PID, then (new names) BOOT and HOST */
    char *seq = strrchr(fields, '-');
    if (!seq || !seq[1] || strspn(seq + 1, "0123456789") != strlen(seq + 1))
        return false;
    *seq = 0;
    char *pid = strrchr(fields, '-');
    memset(out, 0, sizeof *out);
    if (!pid) { /* legacy: PID-SEQ */
        if (!fields[0] || strspn(fields, "0123456789") != strlen(fields))
            return false;
        out->legacy = true;
        out->pid = atol(fields);
        return true;
    }
    if (!pid[1] || strspn(pid + 1, "0123456789") != strlen(pid + 1))
        return false;
    *pid = 0;
    out->pid = atol(pid + 1);
    char *boot = strrchr(fields, '-');
    if (!boot || strlen(boot + 1) != 8 || strspn(boot + 1, "0123456789abcdef") != 8 || boot == fields)
        return false;
    *boot = 0;
    snprintf(out->boot, sizeof out->boot, "%s", boot + 1);
    snprintf(out->host, sizeof out->host, "%s", fields);
    return true;
}

/* ---- the table a signal handler reads ------------------------------------------------------ */

#define SLOTS 16
enum { SLOT_FREE, SLOT_BUSY, SLOT_LIVE };
static struct {
    atomic_int state;       /* SLOT_LIVE: path is a part file being written */
    char path[4096];
} slots[SLOTS];

/* Puts path in a free slot. Returns its index, or -1 when all are taken (the file is then
 * not removed by a signal; its lock still lets a later run remove it). */
static int slot_take(const char *path)
{
    for (int i = 0; i < SLOTS; i++) {
        int expect = SLOT_FREE;
        if (atomic_compare_exchange_strong(&slots[i].state, &expect, SLOT_BUSY)) {
            snprintf(slots[i].path, sizeof slots[i].path, "%s", path);
            atomic_store(&slots[i].state, SLOT_LIVE);
            return i;
        }
    }
    return -1;
}

static void slot_drop(int i)
{
    if (i >= 0)
        atomic_store(&slots[i].state, SLOT_FREE);
}

void mr_part_remove_all_now(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (atomic_load(&slots[i].state) == SLOT_LIVE)
            unlink(slots[i].path);
}

/* ---- locks ----------------------------------------------------------------------------------- */

/* Takes a lock of `type` (F_WRLCK, F_RDLCK) on fd without waiting. Returns 0, or an errno:
 * EAGAIN when another holds a conflicting lock, something else when the file system has none. */
static int lock_now(int fd, short type)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
        return 0;
    return errno == EACCES ? EAGAIN : errno;
}

/* Whether fd and path are the same file (nobody removed or replaced it under us). */
static bool same_file(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Whether a moonreel with this PID runs in this PID namespace (for legacy names only). */
static bool moonreel_alive(long pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    const char *close_paren = strrchr(buf, ')'); /* "pid (comm) S ..." */
    if (!close_paren || close_paren[1] != ' ' || close_paren[2] == 'Z' || close_paren[2] == 'X')
        return false;
    const char *open_paren = strchr(buf, '(');
    return open_paren && close_paren > open_paren &&
           !strncmp(open_paren + 1, "moonreel", (size_t)(close_paren - open_paren - 1));
}

/* Whether a part file that nobody holds a lock on (we hold a read lock on it through fd; or,
 * !locks, its file system has no locks) was left by a dead writer, by its name and age. */
static bool dead_writer(const part_name *pn, int fd, bool locks)
{
    identity();
    if (pn->legacy)
        return pn->pid != (long)getpid() && !moonreel_alive(pn->pid);
    if (strcmp(pn->boot, "00000000") != 0 && !strcmp(pn->boot, my_boot))
        return locks;                 /* this kernel: the free lock is the proof */
    if (!strcmp(pn->host, my_host) && strcmp(my_host, "localhost") && strcmp(my_host, "host"))
        return true;                  /* this host, before it restarted */
    struct stat st;                   /* elsewhere: only when long untouched */
    return fstat(fd, &st) == 0 && time(NULL) - st.st_mtime >= MR_PART_FOREIGN_AGE;
}

/* Removes path if it is a stale part file (with dry_run, only sets *dry_run to whether it is).
 * Returns 1 when it removed it, else 0. */
static int reclaim_one(const char *path, bool *dry_run)
{
    const char *slash = strrchr(path, '/');
    part_name pn;
    if (!parse_name(slash ? slash + 1 : path, &pn))
        return 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int removed = 0;
    struct stat st;
    /* our read lock conflicts with the writer's write lock, so while we hold it the file's
     * writer cannot be alive (a writer takes its lock before it writes anything) */
    int l = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? lock_now(fd, F_RDLCK) : EAGAIN;
    if (l != EAGAIN && same_file(fd, path) && dead_writer(&pn, fd, l == 0)) {
        if (dry_run)
            *dry_run = true;
        else
            removed = unlink(path) == 0;
    }
    close(fd); /* lets go of our lock too */
    return removed;
}

bool mr_part_is_stale(const char *path)
{
    bool stale = false;
    reclaim_one(path, &stale);
    return stale;
}

int mr_part_reclaim(const char *dir)
{
    const char *d = dir && dir[0] ? dir : ".";
    DIR *dp = opendir(d);
    if (!dp)
        return 0;
    int removed = 0;
    struct dirent *e;
    char path[4096 + NAME_LIMIT + 2];
    while ((e = readdir(dp))) {
        if (e->d_name[0] != '.' || !strstr(e->d_name, TAG))
            continue;
        snprintf(path, sizeof path, "%s/%s", d, e->d_name);
        removed += reclaim_one(path, NULL);
    }
    closedir(dp);
    return removed;
}

/* ---- sweeping each folder once ------------------------------------------------------------ */

#define SWEPT 64
static pthread_mutex_t swept_lock = PTHREAD_MUTEX_INITIALIZER;
static char *swept[SWEPT];
static int swept_next;

/* Reclaims stale part files in dir the first time this process writes there (a batch worker
 * writes thousands of outputs into one folder: it looks at the folder once, not per row). */
static void sweep_once(const char *dir)
{
    char real[PATH_MAX];
    if (!realpath(dir[0] ? dir : ".", real))
        return;
    pthread_mutex_lock(&swept_lock);
    bool seen = false;
    for (int i = 0; i < SWEPT && !seen; i++)
        seen = swept[i] && !strcmp(swept[i], real);
    if (!seen) {
        free(swept[swept_next]);
        swept[swept_next] = strdup(real);
        swept_next = (swept_next + 1) % SWEPT;
    }
    pthread_mutex_unlock(&swept_lock);
    if (!seen)
        mr_part_reclaim(real);
}

/* ---- writing -------------------------------------------------------------------------------- */

int mr_part_create(mr_part *p, const char *target, mr_err *err)
{
    static atomic_int seq;
    identity();
    p->path[0] = 0;
    p->fd = -1;
    p->slot = -1;
    const char *slash = strrchr(target, '/');
    int dirlen = slash ? (int)(slash - target + 1) : 0;
    const char *base = target + dirlen;
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", dirlen, target);
    sweep_once(dir);
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[128];
        snprintf(suffix, sizeof suffix, TAG "%s-%s-%ld-%d.part", my_host, my_boot, (long)getpid(),
                 atomic_fetch_add(&seq, 1));
        int room = NAME_LIMIT - 1 - (int)strlen(suffix); /* a long target name is shortened in its part's */
        int n = snprintf(p->path, sizeof p->path, "%s.%.*s%s", dir, room, base, suffix);
        if (n < 0 || (size_t)n >= sizeof p->path) {
            p->path[0] = 0;
            return mr_err_set(err, "cannot write '%s': the path is too long", target);
        }
        int fd = open(p->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0) {
            int e = errno;
            p->path[0] = 0;
            return mr_err_set(err, "cannot write '%s': %s", target, strerror(e));
        }
        /* the lock, then a check that the name is still ours: a process reclaiming stale files
         * that met the file in the moment before its lock either holds its own lock now (ours
         * fails) or has removed it (the name is gone): either way, start again */
        int l = lock_now(fd, F_WRLCK);
        if (l == EAGAIN || !same_file(fd, p->path)) {
            if (l == EAGAIN && same_file(fd, p->path))
                unlink(p->path);
            close(fd);
            continue;
        }
        /* l != 0 here: a file system without locks; the name alone then says who wrote it */
        p->fd = fd;
        p->slot = slot_take(p->path);
        return 0;
    }
    p->path[0] = 0;
    return mr_err_set(err, "cannot write '%s': no free temporary name beside it", target);
}

/* Lets go of p's slot and lock. */
static void release(mr_part *p)
{
    slot_drop(p->slot);
    p->slot = -1;
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
    p->path[0] = 0;
}

int mr_part_commit(mr_part *p, const char *target, mr_err *err)
{
    slot_drop(p->slot); /* from here the file is the target's: a signal must not remove it */
    p->slot = -1;
    if (rename(p->path, target) != 0) {
        int e = errno;
        unlink(p->path);
        release(p);
        return mr_err_set(err, "cannot put the finished file at '%s': %s", target, strerror(e));
    }
    release(p);
    return 0;
}

void mr_part_discard(mr_part *p)
{
    if (!p->path[0])
        return;
    slot_drop(p->slot);
    p->slot = -1;
    unlink(p->path);
    release(p);
}

int mr_part_write_file(const char *target, const void *data, size_t n, mr_err *err)
{
    mr_part part;
    if (mr_part_create(&part, target, err) < 0)
        return -1;
    FILE *fp = fopen(part.path, "wb");
    bool ok = fp && fwrite(data, 1, n, fp) == n;
    ok = (fp && fclose(fp) == 0) && ok;
    if (!ok) {
        mr_part_discard(&part);
        return mr_err_set(err, "cannot write '%s'", target);
    }
    return mr_part_commit(&part, target, err);
}
