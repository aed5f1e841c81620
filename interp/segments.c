/* segments.c: run --segments N, run --segment K/N and join (segments.h). */
#include "interp/segments.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "engine/core/log.h"
#include "engine/gpu/gpu.h"
#include "engine/output/alpha_out.h"
#include "engine/render/join.h"
#include "engine/render/segmented.h"
#include "engine/render/segments.h"
#include "interp/commands.h"
#include "interp/host.h"
#include "interp/part_manifest.h"
#include "interp/progress.h"

extern char **environ;


/* Whether the first picture of clip's output with o is transparent (evaluated on the CPU):
 * 1, or 0 (also where it cannot be made: the render then says why). */
static int first_transparent(mr_clip *clip, const mr_render_opts *o, mr_rational fps)
{
    double t = o->frames[0] >= 0 ? mr_frame_time(o->frames[0], fps) : o->range[1] > 0 ? o->range[0] : 0;
    mr_err err;
    mr_frame *f = mr_render_frame(clip, t, NULL, o->cancel, &err);
    int r = f && mr_frame_transparent(f);
    mr_frame_unref(f);
    return r;
}

/* Why out cannot be made of segments with o, or NULL when it can. */
static const char *why_not_segmented(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out,
                                     mr_rational fps)
{
    const char *codec = mr_output_codec(out, &o->out);
    size_t len = strlen(out);
    if (mr_output_is_sequence(out) || (codec && !strcmp(codec, "gif")))
        return "GIFs and PNG sequences are not joined from parts";
    if (len >= 4 && !strcasecmp(out + len - 4, ".png"))
        return "a PNG is one picture";
    if (!codec)
        return "the output holds sound only";
    if (!strcmp(cli->script, "-"))
        return "the script comes from standard input, which the segments cannot read again";
    if (o->out.alpha == MR_ALPHA_ON ||
        (o->out.alpha == MR_ALPHA_AUTO && mr_output_alpha_support(out, &o->out) && first_transparent(clip, o, fps)))
        return "the picture is transparent, and parts do not keep transparency (--alpha=false flattens it)";
    return NULL;
}

/* Whether o renders without encoding (--encoder null: measuring the render alone). */
static bool render_only(const mr_render_opts *o)
{
    return o->out.encoder && !strcmp(o->out.encoder, "null");
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

int mr_segments_for(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out, int *n, mr_err *err)
{
    int asked = 0; /* auto */
    *n = 1;
    if (cli->segments && mr_segments_parse(cli->segments, &asked, err) < 0) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        return mr_err_set(err, "--segments %s", why);
    }
    if (asked == 1)
        return 0;
    mr_rational fps;
    int64_t frames;
    mr_err why_render;
    if (mr_render_output_frames(clip, o, &fps, &frames, &why_render) < 0)
        return 0; /* the render says why */
    const char *why = frames == 0 ? "the clip has no picture" : why_not_segmented(cli, clip, o, out, fps);
    if (why) {
        if (asked > 1)
            mr_log("--segments %d: %s; rendering it in one pipeline", asked, why);
        return 0;
    }
    *n = asked ? (asked < frames ? asked : (int)frames) : mr_segments_auto(frames, fps, cores());
    if (*n > MR_SEGMENTS_AT_ONCE) {
        mr_log("--segments %d: at most %d render at once on one machine", *n, MR_SEGMENTS_AT_ONCE);
        *n = MR_SEGMENTS_AT_ONCE;
    }
    return 0;
}

/* The folder's name as given, without trailing slashes ("parts/" -> "parts"), in buf. */
static const char *folder(const char *given, char buf[PATH_MAX])
{
    snprintf(buf, PATH_MAX, "%s", given);
    for (size_t n = strlen(buf); n > 1 && buf[n - 1] == '/'; n--)
        buf[n - 1] = 0;
    return buf;
}

/* The parts of one render found in a folder: the first manifest read, and each segment's
 * file and frames. */
typedef struct part_set {
    mr_part_manifest first;
    int n;
    mr_join_part *part;    /* n, by segment */
    char (*path)[PATH_MAX]; /* their files */
} part_set;

static void part_set_free(part_set *s)
{
    free(s->part);
    free(s->path);
    s->part = NULL;
    s->path = NULL;
}

/* Reads every manifest in dir into s: they must be of one render (the same script and
 * options), every segment's must be there, and every part's file of the size and SHA-256 it
 * recorded. 0 (the caller then frees s with part_set_free), or -1 with err naming what is
 * missing or does not belong (s holds nothing then). */
static int load_parts(const char *dir, part_set *s, mr_err *err)
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
        if ((r = mr_manifest_read(path, m, err)) < 0)
            break;
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
        part_set_free(s);
    return r;
}

/* Makes the folder dir and those above it that are missing. 0, or -1 with err. */
static int make_folders(const char *dir, mr_err *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", dir);
    for (char *p = path + 1;; p++) {
        bool end = *p == 0;
        if (*p == '/' || end) {
            *p = 0;
            if (mkdir(path, 0777) < 0 && errno != EEXIST)
                return mr_err_set(err, "cannot make the folder '%s': %s", path, strerror(errno));
            if (end)
                break;
            *p = '/';
        }
    }
    struct stat st;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
        return mr_err_set(err, "'%s' is a file, not a folder for the parts", dir);
    return 0;
}

int mr_run_segment(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *given)
{
    char dirbuf[PATH_MAX];
    const char *dir = folder(given, dirbuf);
    int k, n;
    mr_err err;
    if (mr_segment_parse(cli->segment, &k, &n, &err) < 0) {
        mr_cli_complain("run", "--segment %s", err.msg);
        return 2;
    }
    if (mr_output_named_file(dir)) {
        mr_cli_complain("run", "--segment writes a folder of parts: -o parts/ (got '%s', a file's name)", given);
        return 2;
    }
    mr_rational fps;
    int64_t total;
    const char *codec = o->out.codec ? o->out.codec : "h264";
    mr_part_manifest *m = NULL;
    if (mr_render_output_frames(clip, o, &fps, &total, &err) < 0)
        goto fail;
    if (total == 0) {
        mr_err_set(&err, "the clip has no picture: segments split pictures");
        goto fail;
    }
    if (!strcmp(codec, "gif") || !strcmp(codec, "png")) {
        mr_err_set(&err, "%s pictures are not joined from parts", codec);
        goto fail;
    }
    if (make_folders(dir, &err) < 0)
        goto fail;
    if (!(m = calloc(1, sizeof *m))) {
        mr_err_set(&err, "out of memory");
        goto fail;
    }
    char name[64], path[PATH_MAX];
    mr_manifest_name(k, n, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path); /* an earlier run's manifest no longer describes what is about to be written */
    mr_segment seg = mr_segment_of(total, k, n);
    *m = (mr_part_manifest){.k = k, .n = n, .first = seg.first, .frames = seg.count, .total = total, .fps = fps};
    snprintf(m->version, sizeof m->version, "%s", MR_VERSION);
    int r = realpath(cli->script, m->script) ? mr_file_sha256(m->script, m->script_sha256, &err)
                                              : mr_err_set(&err, "cannot find '%s'", cli->script);
    for (int i = 0; i < cli->nargs; i++)
        m->args[m->nargs++] = cli->args[i];
    if (r == 0 && seg.count > 0) {
        snprintf(m->file, sizeof m->file, "part-%04d-of-%04d%s", k, n, mr_segment_part_ext(codec));
        snprintf(path, sizeof path, "%s/%s", dir, m->file);
        mr_render_opts po = *o;
        po.segment = seg;
        struct stat st;
        if ((r = mr_render(clip, path, &po, &err)) == 0 && !render_only(o)) {
            r = stat(path, &st) < 0 ? mr_err_set(&err, "'%s' is gone: %s", path, strerror(errno))
                                    : mr_file_sha256(path, m->file_sha256, &err);
            m->bytes = st.st_size;
        }
    }
    if (r == 0 && !render_only(o)) /* render only: nothing was written, nothing to join */
        r = mr_manifest_write(dir, m, &err);
    free(m);
    if (r == 0) {
        if (cli->quiet)
            return 0;
        if (seg.count > 0)
            fprintf(stderr, "moonreel: wrote segment %d/%d (frames %lld-%lld of %lld) in %s\n", k, n,
                    (long long)seg.first, (long long)(seg.first + seg.count - 1), (long long)total, dir);
        else
            fprintf(stderr, "moonreel: wrote segment %d/%d in %s: no frames (%lld frames, %d segments)\n", k, n, dir,
                    (long long)total, n);
        return 0;
    }
fail:
    fprintf(stderr, "moonreel: %s: segment %d/%d: %s\n", dir, k, n, err.msg);
    return mr_interrupted ? mr_host_interrupt_status() : 1;
}

void mr_segment_follow_parent(void)
{
    const char *parent = getenv("MOONREEL_SEGMENT_PARENT");
    if (!parent)
        return;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != (pid_t)atol(parent)) /* it died before the line above */
        raise(SIGTERM);
}

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

/* Starts segment k of n's process: `moonreel run SCRIPT -o dir --segment k/n -q ARGS...` with
 * its stdout thrown away and stderr in its log. 0, or -1 with err set. */
/* `total` threads shared out between n segments: at least 1, at most MR_RENDER_MAX_THREADS. */
static int share(int total, int n)
{
    int each = total / n;
    return each < 1 ? 1 : each > MR_RENDER_MAX_THREADS ? MR_RENDER_MAX_THREADS : each;
}

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
    snprintf(ca->threads, sizeof ca->threads, "--threads=%d", share(o->threads > 0 ? o->threads : cores(), n));
    snprintf(ca->enc_threads, sizeof ca->enc_threads, "--encoder-threads=%d",
             share(o->out.threads > 0 ? o->out.threads : cores() * 3 / 2, n));
    const char *codec = mr_output_codec(out, &o->out);
    if (!codec)
        return mr_err_set(err, "'%s' holds no picture to render in segments", out);
    snprintf(ca->codec, sizeof ca->codec, "--codec=%s", codec);
    /* one encoder for every part (NVENC past a card's session limit must not make some x264) */
    const char *enc = o->out.encoder && strcmp(o->out.encoder, "auto") ? NULL
                      : mr_venc_settle(o->out.encoder, codec, o->backend == MR_BACKEND_CPU ? NULL : mr_gpu_ready());
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
    part_set s = {0};
    if (status == 0 && !render_only(o) && load_parts(dir, &s, &err) < 0)
        status = 1;
    if (status == 0 && !render_only(o)) {
        mr_render_opts jo = *o;
        mr_join_parts jp = {s.n, s.part};
        jo.join = &jp;
        if (mr_render(clip, out, &jo, &err) < 0)
            status = mr_interrupted ? mr_host_interrupt_status() : 1;
    }
    part_set_free(&s);
    mr_segments_folder_remove(dir, owner);
    free(c);
    free(ca);
    if (status)
        fprintf(stderr, "moonreel: %s: %s\n", out, err.msg);
    return status;
}

/* Whether out names one of s's files (a part or a manifest in dir): err then says so. */
static bool is_one_of_the_parts(const part_set *s, const char *dir, const char *out, mr_err *err)
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

int mr_cmd_join(int argc, char **argv)
{
    static const struct option longs[] = {{"output", required_argument, NULL, 'o'}, MR_CLI_LOG_OPTIONS, {NULL, 0, NULL, 0}};
    const char *out = NULL, *dir = NULL;
    bool quiet = false;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:qv", longs, NULL)) != -1) {
        int r = mr_cli_log_option("join", c, optarg, &quiet);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (c != 'o')
            return mr_cli_complain("join", "unknown or incomplete option '%s'", argv[optind - 1]), 2;
        out = optarg;
    }
    char dirbuf[PATH_MAX];
    if (optind < argc)
        dir = folder(argv[optind++], dirbuf);
    if (optind < argc)
        return mr_cli_complain("join", "unexpected argument '%s' (one folder of parts)", argv[optind]), 2;
    if (!dir || !out)
        return mr_cli_complain("join", "which parts, into which file? (moonreel join parts/ -o out.mp4)%s", ""), 2;
    mr_render_opts none = mr_render_opts_default();
    const char *codec = mr_output_codec(out, &none.out);
    if (!codec || !strcmp(codec, "gif") || !strcmp(codec, "png"))
        return mr_cli_complain("join", "joins into a video file: .mp4, .mkv, .mov or .webm (got '%s')", out), 2;
    part_set s;
    mr_err err;
    if (load_parts(dir, &s, &err) < 0) {
        fprintf(stderr, "moonreel: join: %s\n", err.msg);
        return 1;
    }
    if (is_one_of_the_parts(&s, dir, out, &err)) {
        fprintf(stderr, "moonreel: join: %s\n", err.msg);
        part_set_free(&s);
        return 2;
    }
    /* the script again, as the parts' tasks ran it, for the sound and the output's shape */
    char sha[65] = "";
    if (mr_file_sha256(s.first.script, sha, &err) < 0 || strcmp(sha, s.first.script_sha256)) {
        if (sha[0])
            fprintf(stderr, "moonreel: join: the script '%s' changed since the parts were rendered (its SHA-256 "
                    "differs): render them again\n", s.first.script);
        else
            fprintf(stderr, "moonreel: join: the parts were made by '%s', which cannot be read now: %s\n",
                    s.first.script, err.msg);
        part_set_free(&s);
        return 1;
    }
    char *args[MR_MAX_ARGS + 4];
    int a = 0;
    args[a++] = "join";
    for (int i = 0; i < s.first.nargs; i++)
        args[a++] = (char *)s.first.args[i];
    args[a++] = s.first.script;
    args[a] = NULL;
    mr_cli cli;
    if (mr_cli_parse(a, args, "run", &cli) < 0) {
        part_set_free(&s);
        return 2;
    }
    cli.quiet = quiet;
    cli.skip_renders = true; /* the script's own render() calls were the plain run's to make */
    if (quiet)
        mr_log_set_sink(NULL, NULL);
    mr_host host;
    lua_State *L;
    mr_clip *clip;
    int status = mr_load_clip(&cli, &host, &L, &clip);
    if (status == 0) {
        mr_render_opts o = host.defaults;
        mr_progress_attach(&o, quiet);
        mr_join_parts jp = {s.n, s.part};
        o.join = &jp;
        if (mr_render(clip, out, &o, &err) < 0) {
            fprintf(stderr, "moonreel: %s: %s\n", out, err.msg);
            status = mr_interrupted ? mr_host_interrupt_status() : 1;
        } else if (!quiet) {
            fprintf(stderr, "moonreel: wrote %s from %d parts\n", out, s.n);
        }
    }
    lua_close(L);
    part_set_free(&s);
    return status;
}
