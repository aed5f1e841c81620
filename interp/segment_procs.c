/* segment_procs.c: run --segments --gpus with a process per segment, each on its GPU:
 * starting them, waiting for them, joining their parts (segments.h). */
#include "interp/segments.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "engine/core/log.h"
#include "engine/gpu/gpu.h"
#include "engine/render/segmented.h"
#include "engine/render/segments.h"
#include "interp/host.h"
#include "interp/part_folder.h"

extern char **environ;

/* What a segment's log at path says went wrong, into buf ("" when it is empty): its first
 * line from moonreel ("moonreel: ..."), else its last line that is not blank. */
static void first_complaint(const char *path, char *buf, size_t size)
{
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[2048];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        found = !strncmp(line, "moonreel", 8);
        if (found || line[strspn(line, " \t")])
            snprintf(buf, size, "%s", line);
    }
    fclose(f);
}

/* One segment's process. */
typedef struct child {
    pid_t pid;
    int status;       /* its exit status once it ended */
    long peak_kb;     /* its peak resident memory */
    bool running;
    char log[PATH_MAX];
} child;

/* What every segment's process is given beside the user's options. */
typedef struct child_args {
    char exe[PATH_MAX], script[PATH_MAX];
    char threads[48], enc_threads[48], codec[64], encoder[96];
    const char *gpu_ids[16];       /* what CUDA_VISIBLE_DEVICES says for each --gpus entry */
    char gpu_buf[1024];
    int ngpus;
} child_args;

/* Fills ca for a render of out with o in n segments on the GPUs `gpus` (numbers as this
 * process sees them: through CUDA_VISIBLE_DEVICES where it is set, as under Slurm). 0, or -1
 * with err set. */
static int child_args_make(child_args *ca, const mr_cli *cli, const mr_render_opts *o, const char *out, int n,
                           const int *gpus, int ngpus, mr_err *err)
{
    ssize_t len = readlink("/proc/self/exe", ca->exe, sizeof ca->exe - 1);
    if (len < 0)
        return mr_err_set(err, "cannot find moonreel's own program: %s", strerror(errno));
    ca->exe[len] = 0;
    if (!realpath(cli->script, ca->script))
        return mr_err_set(err, "cannot find the script '%s': %s", cli->script, strerror(errno));
    /* the cores shared out: as many workers and encoder threads as the whole would have had */
    snprintf(ca->threads, sizeof ca->threads, "--threads=%d", mr_segments_share(o->threads > 0 ? o->threads : mr_cpu_cores(), n));
    snprintf(ca->enc_threads, sizeof ca->enc_threads, "--encoder-threads=%d",
             mr_segments_share(o->out.threads > 0 ? o->out.threads : mr_cpu_cores() * 3 / 2, n));
    const char *codec = mr_output_codec(out, &o->out);
    if (!codec)
        return mr_err_set(err, "'%s' holds no picture to render in segments", out);
    snprintf(ca->codec, sizeof ca->codec, "--codec=%s", codec);
    /* one encoder for every part (NVENC past a card's session limit must not make some x264) */
    mr_err why;
    mr_gpu *gpu = o->backend == MR_BACKEND_CPU ? NULL : mr_gpu_open(&why); /* waits for a start begun */
    const char *enc = o->out.encoder && strcmp(o->out.encoder, "auto") ? NULL : mr_venc_settle(o->out.encoder, codec, gpu);
    snprintf(ca->encoder, sizeof ca->encoder, enc ? "--encoder=%s" : "", enc);
    const char *visible = getenv("CUDA_VISIBLE_DEVICES");
    snprintf(ca->gpu_buf, sizeof ca->gpu_buf, "%s", visible ? visible : "");
    const char *ids[64];
    int nids = 0;
    for (char *save = NULL, *t = strtok_r(ca->gpu_buf, ",", &save); t && nids < 64; t = strtok_r(NULL, ",", &save))
        ids[nids++] = t;
    ca->ngpus = ngpus;
    for (int i = 0; i < ngpus; i++) {
        if (visible && gpus[i] >= nids)
            return mr_err_set(err, "--gpus %d: this process sees %d GPUs (CUDA_VISIBLE_DEVICES=%s)", gpus[i], nids,
                              visible);
        ca->gpu_ids[i] = visible ? ids[gpus[i]] : NULL;
    }
    return 0;
}

/* Starts segment k of n's process: `moonreel run -o dir --segment k/n -q ARGS... -- SCRIPT`
 * with its stdout thrown away and stderr in its log (c->log). 0, or -1 with err set. */
static int start_child(const mr_cli *cli, const child_args *ca, const int *gpus, const char *dir, int k, int n,
                       child *c, mr_err *err)
{
    char seg[32];
    snprintf(seg, sizeof seg, "%d/%d", k, n);
    const char *argv[MR_MAX_ARGS + 16];
    int a = 0;
    argv[a++] = ca->exe;
    argv[a++] = "run";
    argv[a++] = "-o";
    argv[a++] = dir;
    argv[a++] = "--segment";
    argv[a++] = seg;
    argv[a++] = "-q";
    for (int i = 0; i < cli->nargs; i++)
        argv[a++] = cli->args[i];
    argv[a++] = ca->threads;
    argv[a++] = ca->enc_threads;
    argv[a++] = ca->codec; /* the output's, which the parts' folder does not tell */
    if (ca->encoder[0])
        argv[a++] = ca->encoder;
    argv[a++] = "--"; /* a script named -x.lua stays a script */
    argv[a++] = ca->script;
    argv[a] = NULL;
    int ngpus = ca->ngpus;
    /* the environment, with the segment's GPU as its only one, the script's random seed (the
     * same edit in every segment) and who to follow (mr_segment_follow_parent) */
    int nenv = 0;
    while (environ[nenv])
        nenv++;
    char **envp = calloc((size_t)nenv + 4, sizeof *envp), gpu[64], seed[64], parent[64];
    if (!envp)
        return mr_err_set(err, "out of memory");
    int e = 0;
    for (int i = 0; i < nenv; i++)
        if ((!ngpus || strncmp(environ[i], "CUDA_VISIBLE_DEVICES=", 21)) &&
            strncmp(environ[i], "MOONREEL_RANDOM_SEED=", 21) && strncmp(environ[i], "MOONREEL_SEGMENT_PARENT=", 24))
            envp[e++] = environ[i];
    if (ngpus) {
        if (ca->gpu_ids[k % ngpus])
            snprintf(gpu, sizeof gpu, "CUDA_VISIBLE_DEVICES=%s", ca->gpu_ids[k % ngpus]);
        else
            snprintf(gpu, sizeof gpu, "CUDA_VISIBLE_DEVICES=%d", gpus[k % ngpus]);
        envp[e++] = gpu;
    }
    snprintf(seed, sizeof seed, "MOONREEL_RANDOM_SEED=%llu", mr_host_random_seed());
    snprintf(parent, sizeof parent, "MOONREEL_SEGMENT_PARENT=%ld", (long)getpid());
    envp[e++] = seed;
    envp[e++] = parent;
    snprintf(c->log, sizeof c->log, "%s/segment-%04d.log", dir, k);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, c->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int r = posix_spawn(&c->pid, ca->exe, &fa, NULL, (char *const *)argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    free(envp);
    if (r != 0)
        return mr_err_set(err, "cannot start segment %d: %s", k, strerror(r));
    c->running = true;
    return 0;
}

/* Waits for every child that runs; the first to fail, an interruption, or `stop` (a segment
 * could not be started) stops the others. Returns the index of the first that failed, -1
 * when none did. */
static int wait_children(child *c, int n, bool stop)
{
    int failed = -1, left = 0;
    for (int k = 0; k < n; k++)
        left += c[k].running;
    bool stopping = false;
    if (stop)
        failed = n; /* not a segment's own failure: only makes the others stop */
    while (left > 0) {
        if (!stopping && (mr_interrupted || failed >= 0)) {
            stopping = true; /* Ctrl-C reached them too (one process group); SIGTERM may not have */
            for (int k = 0; k < n; k++)
                if (c[k].running)
                    kill(c[k].pid, SIGTERM);
        }
        for (int k = 0; k < n; k++) {
            int st;
            struct rusage ru;
            if (!c[k].running || wait4(c[k].pid, &st, WNOHANG, &ru) != c[k].pid)
                continue;
            c[k].peak_kb = ru.ru_maxrss;
            c[k].running = false;
            left--;
            c[k].status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            if (c[k].status != 0 && failed < 0 && !stopping)
                failed = k;
        }
        if (left > 0)
            nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    return failed;
}

int mr_run_segmented(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out, int n)
{
    mr_err err;
    int gpus[16], ngpus = 0;
    if (cli->gpus && (ngpus = mr_cli_parse_gpus(cli->gpus, gpus, 16)) < 0) {
        mr_cli_complain("run", "--gpus wants device numbers such as 0,1, got '%s'", cli->gpus);
        return 2;
    }
    if (cli->args_overflow) {
        fprintf(stderr, "moonreel: %s: the options are too long to hand to the segments' processes\n", out);
        return 2;
    }
    child_args *ca = calloc(1, sizeof *ca);
    if (!ca || child_args_make(ca, cli, o, out, n, gpus, ngpus, &err) < 0) {
        fprintf(stderr, "moonreel: %s: %s\n", out, ca ? err.msg : "out of memory");
        free(ca);
        return 1;
    }
    char dir[PATH_MAX];
    int owner;
    if (mr_segments_folder(out, dir, &owner, &err) < 0) {
        fprintf(stderr, "moonreel: %s\n", err.msg);
        free(ca);
        return 1;
    }
    child *c = calloc((size_t)n, sizeof *c);
    int status = 0, failed = -1, started = 0;
    if (!c) {
        mr_err_set(&err, "out of memory");
        status = 1;
    }
    if (!cli->quiet)
        fprintf(stderr, "moonreel: rendering %s in %d segments%s%s\n", out, n, ngpus ? " on GPUs " : "",
                ngpus ? cli->gpus : "");
    while (status == 0 && started < n) {
        if (start_child(cli, ca, gpus, dir, started, n, &c[started], &err) < 0)
            status = 1;
        else
            started++;
    }
    if (c)
        failed = wait_children(c, started, status != 0);
    if (status == 0 && mr_interrupted) {
        mr_err_set(&err, "interrupted");
        status = mr_host_interrupt_status();
    } else if (status == 0 && failed >= 0) {
        char why[2048];
        first_complaint(c[failed].log, why, sizeof why);
        mr_err_set(&err, "segment %d of %d failed: %s", failed, n, why[0] ? why : "(it said nothing)");
        status = c[failed].status == 2 ? 2 : 1;
    }
    long sum = 0, most = 0;
    for (int k = 0; k < started; k++) {
        sum += c[k].peak_kb;
        most = c[k].peak_kb > most ? c[k].peak_kb : most;
    }
    mr_trace("%d segments done: peak memory %ld MiB in all, %ld MiB the largest", started, sum / 1024, most / 1024);
    mr_part_folder s = {0};
    if (status == 0 && !mr_segments_render_only(o) && mr_part_folder_read(dir, &s, &err) < 0)
        status = 1;
    if (status == 0 && !mr_segments_render_only(o)) {
        mr_render_opts jo = *o;
        mr_join_parts jp = {s.n, s.part};
        jo.join = &jp;
        if (mr_render(clip, out, &jo, &err) < 0)
            status = mr_interrupted ? mr_host_interrupt_status() : 1;
    }
    mr_part_folder_free(&s);
    mr_segments_folder_remove(dir, owner);
    free(c);
    free(ca);
    if (status)
        fprintf(stderr, "moonreel: %s: %s\n", out, err.msg);
    return status;
}
