/* test_part_file.c: part files (engine/part_file.c): their names, the writer's lock, which
 * ones another process may remove (a dead writer on this kernel, on this host before a
 * restart, elsewhere only when a day old), commit and discard. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "engine/output/part_file.h"
#include "tests/engine/check.h"

static char dir[256];

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Makes an empty file at dir/name, its mtime `age` seconds ago; returns its path (static). */
static const char *make(const char *name, long age)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= age;
    t[1] = t[0];
    utimensat(AT_FDCWD, path, t, 0);
    return path;
}

/* The HOST and BOOT fields of our own part files' names. */
static void our_identity(char *host, size_t hn, char *boot, size_t bn)
{
    char target[512];
    snprintf(target, sizeof target, "%s/who.mp4", dir);
    mr_part p;
    mr_err err;
    CHECK(mr_part_create(&p, target, &err) == 0);
    char name[1024];
    snprintf(name, sizeof name, "%s", strrchr(p.path, '/') + 1);
    mr_part_discard(&p);
    /* .who.mp4.moonreel-HOST-BOOT-PID-SEQ.part */
    char *fields = strstr(name, ".moonreel-") + strlen(".moonreel-");
    *strrchr(fields, '-') = 0;  /* SEQ */
    *strrchr(fields, '-') = 0;  /* PID */
    char *b = strrchr(fields, '-');
    *b = 0;
    snprintf(boot, bn, "%s", b + 1);
    snprintf(host, hn, "%s", fields);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/moonreel-part-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    mr_err err;
    char target[512], host[64], boot[16];
    our_identity(host, sizeof host, boot, sizeof boot);
    CHECK_INT(strlen(boot), 8);
    CHECK(host[0] != 0);

    /* a part file of ours: named by host, boot and PID, locked: not stale */
    snprintf(target, sizeof target, "%s/out.mp4", dir);
    mr_part p;
    CHECK(mr_part_create(&p, target, &err) == 0);
    char want[256];
    snprintf(want, sizeof want, "/.out.mp4.moonreel-%s-%s-%d-", host, boot, (int)getpid());
    CHECK_STR(p.path, want);
    CHECK(exists(p.path));
    CHECK(!mr_part_is_stale(p.path));
    CHECK_INT(mr_part_reclaim(dir), 0);
    CHECK(exists(p.path));
    /* committed: at the target, and gone as a part */
    FILE *f = fopen(p.path, "w");
    fputs("complete", f);
    fclose(f);
    char part_path[4096];
    snprintf(part_path, sizeof part_path, "%s", p.path);
    CHECK(mr_part_commit(&p, target, &err) == 0);
    CHECK(!exists(part_path));
    CHECK(exists(target));
    CHECK(p.path[0] == 0);
    /* discarded: gone */
    CHECK(mr_part_create(&p, target, &err) == 0);
    snprintf(part_path, sizeof part_path, "%s", p.path);
    mr_part_discard(&p);
    CHECK(!exists(part_path));
    mr_part_discard(&p); /* twice is fine */

    /* a writer in another process holds its lock while it lives; once it is killed, its file is
     * stale and removed */
    int pipefd[2];
    CHECK(pipe(pipefd) == 0);
    pid_t child = fork();
    if (child == 0) {
        mr_part c;
        char t2[512];
        snprintf(t2, sizeof t2, "%s/child.mp4", dir);
        if (mr_part_create(&c, t2, &err) < 0)
            _exit(1);
        if (write(pipefd[1], c.path, strlen(c.path) + 1) < 0)
            _exit(1);
        pause();
        _exit(0);
    }
    char child_part[4096] = "";
    CHECK(read(pipefd[0], child_part, sizeof child_part) > 0);
    CHECK(exists(child_part));
    CHECK(!mr_part_is_stale(child_part));
    CHECK_INT(mr_part_reclaim(dir), 0);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK(mr_part_is_stale(child_part));
    CHECK_INT(mr_part_reclaim(dir), 1);
    CHECK(!exists(child_part));

    /* names made elsewhere: the lock is free in each case */
    char name[512];
    /* another host, this kernel (a container beside us): the free lock proves it */
    snprintf(name, sizeof name, ".a.mp4.moonreel-otherpod-%s-7-0.part", boot);
    CHECK(mr_part_is_stale(make(name, 0)));
    /* this host, an earlier boot */
    snprintf(name, sizeof name, ".b.mp4.moonreel-%s-%s-7-0.part", host, strcmp(boot, "00000001") ? "00000001" : "00000002");
    CHECK(mr_part_is_stale(make(name, 0)));
    /* another host and kernel: left alone while recent, removed when a day old */
    const char *far = make(".c.mp4.moonreel-node17-0badc0de-7-0.part", 60);
    CHECK(!mr_part_is_stale(far));
    CHECK(exists(far));
    far = make(".d.mp4.moonreel-node17-0badc0de-8-0.part", MR_PART_FOREIGN_AGE + 60);
    CHECK(mr_part_is_stale(far));
    /* a host name with '-' and '.' in it reads right */
    snprintf(name, sizeof name, ".e.mp4.moonreel-my-node.example.org-%s-7-3.part", boot);
    CHECK(mr_part_is_stale(make(name, 0)));
    /* moonreel before the locks: by PID in this namespace */
    snprintf(name, sizeof name, ".f.mp4.moonreel-%d-0.part", 999999999);
    CHECK(mr_part_is_stale(make(name, 0)));
    /* not part files: never touched */
    CHECK(!mr_part_is_stale(make(".notes.txt", MR_PART_FOREIGN_AGE * 2)));
    CHECK(!mr_part_is_stale(make("g.mp4.moonreel-1-0.part", MR_PART_FOREIGN_AGE * 2)));
    CHECK(!mr_part_is_stale(make(".h.mp4.moonreel-x-0.part", MR_PART_FOREIGN_AGE * 2)));
    CHECK_INT(mr_part_reclaim(dir), 5); /* a, b, d, e, f */
    CHECK(exists(make(".notes.txt", 0)));
    snprintf(name, sizeof name, "%s/.c.mp4.moonreel-node17-0badc0de-7-0.part", dir);
    CHECK(exists(name));

    /* the first part file a process makes in a folder clears the folder's stale ones */
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0755);
    snprintf(name, sizeof name, "%s/.old.mp4.moonreel-%s-%s-1-0.part", sub, host, boot);
    fclose(fopen(name, "w"));
    snprintf(target, sizeof target, "%s/new.mp4", sub);
    CHECK(mr_part_create(&p, target, &err) == 0);
    CHECK(!exists(name));
    mr_part_discard(&p);

    /* a long target name: its part's name is shortened to what a file system takes */
    char longname[300];
    memset(longname, 'x', 250);
    strcpy(longname + 250, ".mp4");
    snprintf(target, sizeof target, "%s/%s", dir, longname);
    CHECK(mr_part_create(&p, target, &err) == 0);
    CHECK(strlen(strrchr(p.path, '/') + 1) <= 255);
    CHECK(mr_part_commit(&p, target, &err) == 0);
    CHECK(exists(target));

    /* a signal handler's last act removes what is being written */
    snprintf(target, sizeof target, "%s/sig.mp4", dir);
    CHECK(mr_part_create(&p, target, &err) == 0);
    mr_part_remove_all_now();
    CHECK(!exists(p.path));
    mr_part_discard(&p);

    /* a folder that cannot be written: an error naming the target */
    CHECK(mr_part_create(&p, "/nonexistent-folder/x.mp4", &err) < 0);
    CHECK_STR(err.msg, "cannot write '/nonexistent-folder/x.mp4'");

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return CHECK_DONE();
}
