/* batch.c: `moonreel batch template.lua rows.csv -o 'out/{id}.mp4'`: options, the plan, the
 * worker processes, progress, the report; `--merge-reports` joins the reports of shards. */
#include "interp/batch.h"

#include <errno.h>
#include <getopt.h>
#include <lauxlib.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "engine/core/clock.h"
#include "engine/core/log.h"
#include "engine/output/part_file.h"
#include "interp/batch_plan.h"
#include "interp/batch_rows.h"
#include "interp/cli.h"
#include "interp/host.h"

enum { DO = 0, DONE = 1, FAILED = 2, SKIPPED = 3 };

enum { LUA_PHASE, RENDER_PHASE };

typedef struct worker {
    pid_t pid;
    int to, from;            /* row numbers go down `to`, results come up `from` */
    long row;                /* the plan row it renders, or -1 */
    double started;          /* when it was given the row */
    int phase;               /* LUA_PHASE until the worker says the render started */
    double deadline;         /* when the row's time is up (mr_clock_seconds) */
    char *buf;               /* what came up `from` and is not a whole line yet (malloc'd) */
    size_t len, cap;
} worker;

/* The longest line a worker may send (its messages are cut to about 4 KiB; the rest is JSON). */
#define MAX_LINE ((size_t)16 << 20)

static int usage(const char *why, const char *arg) { return mr_cli_complain("batch", why, arg); }

/* GPUs as the driver lists them, without starting CUDA (workers are forked later, and a
 * process must not fork after CUDA started). */
static int count_gpus(void)
{
    int n = 0;
    for (int i = 0; i < 64; i++) {
        char p[64];
        snprintf(p, sizeof p, "/dev/nvidia%d", i);
        if (access(p, F_OK) == 0)
            n++;
    }
    return n;
}

static int parse(int argc, char **argv, mr_batch *b, bool *merge)
{
    enum { O_GPUS = 256, O_SHARD, O_RESUME, O_TIMEOUT, O_REPORT, O_SET, O_ALLOW, O_MEM, O_LUATIME, O_MERGE };
    struct option longs[64] = {
        {"output", required_argument, NULL, 'o'}, {"jobs", required_argument, NULL, 'j'},
        {"gpus", required_argument, NULL, O_GPUS}, {"shard", required_argument, NULL, O_SHARD},
        {"resume", no_argument, NULL, O_RESUME}, {"row-timeout", required_argument, NULL, O_TIMEOUT},
        {"report", required_argument, NULL, O_REPORT}, {"set", required_argument, NULL, O_SET},
        {"allow", required_argument, NULL, O_ALLOW}, {"lua-memory", required_argument, NULL, O_MEM},
        {"lua-time", required_argument, NULL, O_LUATIME}, {"merge-reports", no_argument, NULL, O_MERGE},
        MR_CLI_LOG_OPTIONS};
    int nlongs = 12 + MR_CLI_NLOG_OPTIONS;
    mr_cli_add_render_options(longs, &nlongs); /* the same render options as run, read the same way */
    b->render = mr_render_opts_default();
    b->limits = (mr_sandbox_limits){(size_t)256 << 20, 30};
    b->shard_n = 1;
    optind = 1;
    opterr = 0;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "o:j:qv", longs, NULL)) != -1) {
        int r = mr_cli_log_option("batch", c, optarg, &b->quiet);
        if (r == 0)
            r = mr_cli_render_option("batch", c, optarg, &b->render);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        switch (c) {
        case 'o': b->pattern = optarg; break;
        case 'j':
            if ((b->jobs = (int)strtol(optarg, &end, 10)) < 1 || b->jobs > 256 || *end)
                return usage("-j wants 1..256 workers, got '%s'", optarg);
            break;
        case O_GPUS:
            if ((b->ngpus = mr_cli_parse_gpus(optarg, b->gpus, 16)) < 0)
                return usage("--gpus wants numbers such as 0,1, got '%s'", optarg);
            break;
        case O_SHARD:
            if (sscanf(optarg, "%d/%d", &b->shard_k, &b->shard_n) != 2 || b->shard_n < 1 || b->shard_k < 0 ||
                b->shard_k >= b->shard_n)
                return usage("--shard wants K/N with 0 <= K < N, got '%s'", optarg);
            break;
        case O_RESUME: b->resume = true; break;
        case O_TIMEOUT:
            if (!((b->row_timeout = strtod(optarg, &end)) > 0) || *end)
                return usage("--row-timeout wants seconds, got '%s'", optarg);
            break;
        case O_REPORT: b->report_path = optarg; break;
        case O_SET:
            if (b->nsets == 256)
                return usage("too many --set%s", "");
            b->sets[b->nsets++] = optarg;
            break;
        case O_ALLOW:
            if (b->nallowed >= 7 || !realpath(optarg, b->allowed[b->nallowed + 1]))
                return usage("--allow wants an existing folder, got '%s'", optarg);
            b->nallowed++; /* [0] is the template's folder */
            break;
        case O_MEM:
            if (!(strtod(optarg, &end) > 0) || *end)
                return usage("--lua-memory wants MiB, got '%s'", optarg);
            b->limits.memory = (size_t)(strtod(optarg, NULL) * 1024 * 1024);
            break;
        case O_LUATIME:
            if (!((b->limits.lua_seconds = strtod(optarg, &end)) > 0) || *end)
                return usage("--lua-time wants seconds, got '%s'", optarg);
            break;
        case O_MERGE: *merge = true; break;
        default: return usage("unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    return optind;
}

/* Collects lua_dump's bytes. */
typedef struct bytes {
    char *data;
    size_t len;
} bytes;

static int collect(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    bytes *b = ud;
    char *d = realloc(b->data, b->len + n);
    if (!d)
        return 1;
    memcpy(d + b->len, p, n);
    b->data = d;
    b->len += n;
    return 0;
}

/* Compiles the template once (a syntax error stops the batch before anything renders) and
 * hashes it with the --set values and moonreel's version (--resume trusts only records made
 * by the same template, values and version). */
static int compile(mr_batch *b, mr_err *err)
{
    FILE *f = fopen(b->template_path, "rb");
    if (!f)
        return mr_err_set(err, "cannot open the template '%s': %s", b->template_path, strerror(errno));
    bytes src = {0};
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        if (collect(NULL, buf, k, &src)) {
            fclose(f);
            free(src.data);
            return mr_err_set(err, "out of memory reading the template");
        }
    fclose(f);
    lua_State *L = luaL_newstate();
    char chunk[4200];
    snprintf(chunk, sizeof chunk, "@%s", b->template_path);
    bytes code = {0};
    int r = 0;
    if (!L)
        r = mr_err_set(err, "out of memory");
    else if (luaL_loadbufferx(L, src.data ? src.data : "", src.len, chunk, "t") != LUA_OK)
        r = mr_err_set(err, "%s", lua_tostring(L, -1));
    else if (lua_dump(L, collect, &code, 0) != 0)
        r = mr_err_set(err, "cannot compile the template");
    if (L)
        lua_close(L);
    if (r == 0) {
        char *args = json_dumps(b->args, JSON_SORT_KEYS | JSON_COMPACT);
        bytes all = {0};
        collect(NULL, src.data ? src.data : "", src.len, &all);
        collect(NULL, args, strlen(args), &all);
        collect(NULL, MR_VERSION, strlen(MR_VERSION), &all);
        mr_md5_hex(all.data, all.len, b->template_hash);
        free(all.data);
        free(args);
        b->bytecode = code.data;
        b->bytecode_len = code.len;
    } else {
        free(code.data);
    }
    free(src.data);
    return r;
}

static int by_output(const void *a, const void *b)
{
    const mr_batch_row *x = *(mr_batch_row *const *)a, *y = *(mr_batch_row *const *)b;
    int c = strcmp(x->output, y->output);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The plan's rows in order of output path (a malloc'd array of pointers), or NULL. */
static mr_batch_row **sorted_by_output(const mr_batch *b)
{
    mr_batch_row **sorted = malloc(sizeof *sorted * (b->nplan ? b->nplan : 1));
    if (!sorted)
        return NULL;
    for (long i = 0; i < b->nplan; i++)
        sorted[i] = &b->plan[i];
    qsort(sorted, (size_t)b->nplan, sizeof *sorted, by_output);
    return sorted;
}

/* For each output folder once: makes it (and its records' folder) when err is given, and
 * removes the temporary files that dead processes left there. Returns 0 or -1. */
static int each_folder(const mr_batch *b, mr_err *err)
{
    mr_batch_row **sorted = sorted_by_output(b);
    if (!sorted)
        return err ? mr_err_set(err, "out of memory") : -1;
    int r = 0;
    for (long i = 0; i < b->nplan && r == 0; i++) {
        const char *a = strrchr(sorted[i]->output, '/');
        int la = a ? (int)(a - sorted[i]->output) : 0;
        if (i > 0) { /* the same folder as the row before: done */
            const char *p = strrchr(sorted[i - 1]->output, '/');
            int lp = p ? (int)(p - sorted[i - 1]->output) : 0;
            if (la == lp && !strncmp(sorted[i]->output, sorted[i - 1]->output, (size_t)la))
                continue;
        }
        if (err && (mr_make_parent_dirs(sorted[i]->output, err) < 0 || mr_make_parent_dirs(sorted[i]->record, err) < 0))
            r = -1;
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", la, sorted[i]->output);
        mr_part_reclaim(dir);
    }
    free(sorted);
    return r;
}

/* Plans every row of this shard: its output path (two rows on one path are an error before
 * anything renders), its record and hash, its folders; cleans temporary files of killed
 * runs; with --resume, marks the rows whose record and output are intact. */
static int plan(mr_batch *b, mr_err *err)
{
    size_t n = json_array_size(b->rows);
    b->plan = calloc(n ? n : 1, sizeof *b->plan);
    if (!b->plan)
        return mr_err_set(err, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if ((long)i % b->shard_n != b->shard_k)
            continue;
        mr_batch_row *r = &b->plan[b->nplan++];
        r->index = (long)i;
        r->fields = json_array_get(b->rows, i);
        char out[4096], rec[4200];
        if (mr_batch_expand(b->pattern, r->fields, r->index, out, sizeof out, err) < 0)
            return -1;
        mr_batch_record_path(out, rec, sizeof rec);
        if (!(r->output = strdup(out)) || !(r->record = strdup(rec)))
            return mr_err_set(err, "out of memory");
        mr_batch_row_hash(r->fields, b->args, r->row_hash);
        char key[32];
        snprintf(key, sizeof key, "%ld", r->index);
        const char *why = json_string_value(json_object_get(b->bad_rows, key));
        if (why) { /* its data cannot run as it is (a CSV field not UTF-8): it fails, the others go on */
            r->state = FAILED;
            if (!(r->message = strdup(why)))
                return mr_err_set(err, "out of memory");
        }
    }
    mr_batch_row **sorted = sorted_by_output(b);
    if (!sorted)
        return mr_err_set(err, "out of memory");
    int r = 0;
    for (long i = 0; i + 1 < b->nplan && r == 0; i++)
        if (!strcmp(sorted[i]->output, sorted[i + 1]->output))
            r = mr_err_set(err, "rows %ld and %ld would both write '%s' (make the output pattern tell them apart, e.g. with {row})",
                           sorted[i]->index + 1, sorted[i + 1]->index + 1, sorted[i]->output);
    free(sorted);
    if (r == 0)
        r = each_folder(b, err);
    for (long i = 0; i < b->nplan && r == 0 && b->resume; i++)
        if (b->plan[i].state == DO && mr_batch_record_ok(b->plan[i].record, b->plan[i].output, b->plan[i].row_hash, b->template_hash))
            b->plan[i].state = SKIPPED;
    return r;
}

/* ---- workers -------------------------------------------------------------------------- */

static void worker_loop(const mr_batch *b, int in, int out)
{
    FILE *f = fdopen(in, "r");
    char line[64];
    while (f && fgets(line, sizeof line, f)) {
        long i = strtol(line, NULL, 10);
        json_t *res = mr_batch_run_row(b, i, out);
        if (mr_batch_send(out, res) < 0) /* the supervisor then sees this worker end: the row fails, never hangs */
            _exit(1);
        json_decref(res);
        mr_interrupted = 0;
    }
    _exit(0);
}

static int spawn(const mr_batch *b, worker *w, int k)
{
    int down[2], up[2];
    if (pipe(down) != 0 || pipe(up) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        if (b->ngpus) { /* each worker sees its GPU as the only one */
            char id[16];
            snprintf(id, sizeof id, "%d", b->gpus[k % b->ngpus]);
            setenv("CUDA_VISIBLE_DEVICES", id, 1);
        }
        if (k > 0 || b->quiet) /* one worker says, once, what the engine notices */
            mr_log_set_sink(NULL, NULL);
        mallopt(M_ARENA_MAX, 2); /* many workers: keep each one's memory small and predictable */
        worker_loop(b, down[0], up[1]);
    }
    close(down[0]);
    close(up[1]);
    char *buf = w->buf; /* the line buffer outlives the worker, for the next one */
    size_t cap = w->cap;
    *w = (worker){.pid = pid, .to = down[1], .from = up[0], .row = -1, .buf = buf, .cap = cap};
    return 0;
}

/* How long a worker may go on past the Lua time limit before the supervisor stops it: the
 * limit inside the worker should have stopped its Lua code first. */
static double lua_grace(const mr_batch *b) { return fmax(2, 0.1 * b->limits.lua_seconds); }

/* Gives worker w plan row `row`: its clock starts, with the Lua phase's deadline. */
static void start_row(const mr_batch *b, worker *w, long row)
{
    w->row = row;
    w->started = mr_clock_seconds();
    w->phase = LUA_PHASE;
    w->deadline = w->started + b->limits.lua_seconds + lua_grace(b);
    if (b->row_timeout > 0 && w->started + b->row_timeout < w->deadline)
        w->deadline = w->started + b->row_timeout;
}

/* The worker's row has left Lua for the render of a clip `duration` seconds long (-1: none):
 * its deadline becomes --row-timeout, or 10 times the duration plus a minute. */
static void render_started(const mr_batch *b, worker *w, double duration)
{
    w->phase = RENDER_PHASE;
    w->deadline = w->started + (b->row_timeout > 0 ? b->row_timeout : 10 * fmax(duration, 0) + 60);
}

/* Why a row whose deadline passed failed. */
static void timeout_message(const mr_batch *b, const worker *w, char *why, size_t n)
{
    double limit = w->deadline - w->started;
    if (b->row_timeout > 0 && (w->phase == RENDER_PHASE || b->row_timeout <= b->limits.lua_seconds + lua_grace(b)))
        snprintf(why, n, "the row took longer than %g s (--row-timeout)", b->row_timeout);
    else if (w->phase == RENDER_PHASE)
        snprintf(why, n, "the row took longer than %g s (the row time limit: 10 times its duration plus a minute; "
                         "--row-timeout S sets another)", limit);
    else
        snprintf(why, n, "the template ran Lua code for more than %g s (the row's Lua time limit; it was stuck where "
                         "the limit cannot stop it from inside, such as a long string pattern, so its worker was stopped)",
                 b->limits.lua_seconds);
}

/* Reaps a worker whose pipe ended: it is exiting, or is stopped if it lingers. Returns its
 * wait status. */
static int reap(pid_t pid)
{
    int st = 0;
    for (int k = 0; k < 20; k++) { /* up to a second for it to finish exiting */
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return st;
        usleep(50000);
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return st;
}

/* Reads what worker w sent into its line buffer. Returns 1 when something came, 0 when
 * nothing is there now, -1 when the pipe ended (or the worker sent a line past MAX_LINE). */
static int read_worker(worker *w)
{
    if (w->cap - w->len < 65536 + 1) {
        size_t cap = w->cap ? w->cap * 2 : 65536 * 2;
        char *buf = cap <= MAX_LINE + 65536 * 2 ? realloc(w->buf, cap) : NULL;
        if (!buf)
            return -1;
        w->buf = buf;
        w->cap = cap;
    }
    ssize_t got = read(w->from, w->buf + w->len, w->cap - 1 - w->len);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (got <= 0)
        return -1;
    w->len += (size_t)got;
    w->buf[w->len] = 0;
    return 1;
}

/* Removes the temporary files of dead processes in the folder of plan row `row`'s output. */
static void clean_after(const mr_batch *b, long row)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", b->plan[row].output);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        dir[0] = 0;
    mr_part_reclaim(dir);
}

static void finish_row(mr_batch_row *r, json_t *res)
{
    bool ok = json_is_true(json_object_get(res, "ok"));
    r->state = ok ? DONE : FAILED;
    r->ms = json_real_value(json_object_get(res, "ms"));
    r->startup_ms = json_real_value(json_object_get(res, "startup_ms"));
    const char *why = json_string_value(json_object_get(res, "error"));
    if (!ok)
        r->message = strdup(why ? why : "failed");
}

/* A worker ended in mid-row (crashed, or killed for its time): the row fails, a new worker comes. */
static void replace(const mr_batch *b, worker *w, int k, const char *why)
{
    if (w->row >= 0) {
        mr_batch_row *r = &b->plan[w->row];
        r->state = FAILED;
        r->message = strdup(why);
        clean_after(b, w->row);
    }
    close(w->to);
    close(w->from);
    w->len = 0;
    if (spawn(b, w, k) < 0)
        w->pid = 0;
}

static void progress(const mr_batch *b, long done, long failed, long left, double t0, bool last)
{
    if (b->quiet || !isatty(STDERR_FILENO))
        return;
    double el = mr_clock_seconds() - t0, rate = el > 0 ? (done + failed) / el * 60 : 0;
    int eta = rate > 0 ? (int)(left / rate * 60) : 0;
    fprintf(stderr, "\r\033[Krows: %ld done, %ld failed, %ld left  %.1f rows/min  ETA %d:%02d%s", done, failed, left,
            rate, eta / 60, eta % 60, last ? "\n" : "");
}

static void run(mr_batch *b, int jobs)
{
    worker *ws = calloc((size_t)jobs, sizeof *ws);
    long next = 0, left = 0, done = 0, failed = 0;
    for (long i = 0; i < b->nplan; i++)
        left += b->plan[i].state == DO;
    double t0 = mr_clock_seconds(), last = 0;
    for (int k = 0; k < jobs; k++)
        spawn(b, &ws[k], k);
    while (left > 0) {
        struct pollfd fds[256];
        for (int k = 0; k < jobs; k++) {
            worker *w = &ws[k];
            while (w->pid && w->row < 0 && next < b->nplan && !mr_interrupted) { /* give it the next row */
                if (b->plan[next].state != DO) {
                    next++;
                    continue;
                }
                char line[32];
                int n = snprintf(line, sizeof line, "%ld\n", next);
                if (write(w->to, line, (size_t)n) == n)
                    start_row(b, w, next);
                next++;
            }
            fds[k] = (struct pollfd){w->pid ? w->from : -1, POLLIN, 0};
        }
        bool busy = false;
        for (int k = 0; k < jobs; k++)
            busy |= ws[k].row >= 0;
        if (!busy) /* nothing in flight: interrupted, or no worker could start */
            break;
        poll(fds, (nfds_t)jobs, 200);
        for (int k = 0; k < jobs; k++) {
            worker *w = &ws[k];
            if (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
                int got = read_worker(w);
                if (got < 0) { /* the worker died */
                    int st = reap(w->pid);
                    char why[128];
                    snprintf(why, sizeof why, "the worker rendering this row ended (%s %d)",
                             WIFSIGNALED(st) ? "signal" : "status", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
                    if (w->row >= 0) {
                        failed++;
                        left--;
                    }
                    replace(b, w, k, why);
                    continue;
                }
                char *nl;
                while ((nl = memchr(w->buf, '\n', w->len))) {
                    *nl = 0;
                    json_t *res = json_loads(w->buf, 0, NULL);
                    long i = res ? (long)json_integer_value(json_object_get(res, "i")) : -1;
                    if (res && i == w->row && json_object_get(res, "phase")) {
                        render_started(b, w, json_number_value(json_object_get(res, "duration")));
                    } else if (res && i == w->row) {
                        finish_row(&b->plan[i], res);
                        b->plan[i].state == DONE ? done++ : failed++;
                        left--;
                        w->row = -1;
                    }
                    json_decref(res);
                    size_t rest = w->len - (size_t)(nl + 1 - w->buf);
                    memmove(w->buf, nl + 1, rest);
                    w->len = rest;
                    w->buf[w->len] = 0;
                }
            }
            if (w->pid && w->row >= 0 && mr_clock_seconds() > w->deadline) { /* stopped from outside */
                kill(w->pid, SIGKILL);
                while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
                    ;
                char why[512];
                timeout_message(b, w, why, sizeof why);
                failed++;
                left--;
                replace(b, w, k, why);
            }
        }
        if (mr_clock_seconds() - last > 0.25) {
            progress(b, done, failed, left, t0, false);
            last = mr_clock_seconds();
        }
    }
    progress(b, done, failed, left, t0, true);
    for (int k = 0; k < jobs; k++) /* no more rows: workers leave when their input ends */
        if (ws[k].pid) {
            close(ws[k].to);
            close(ws[k].from);
        }
    for (int k = 0; k < jobs; k++) {
        if (ws[k].pid)
            waitpid(ws[k].pid, NULL, 0);
        free(ws[k].buf);
    }
    free(ws);
}

/* ---- the report -------------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static json_t *report(const mr_batch *b, double seconds)
{
    json_t *failures = json_array(), *outputs = json_array();
    long done = 0, failed = 0, skipped = 0;
    double *startups = malloc(sizeof(double) * (b->nplan ? b->nplan : 1));
    long nstart = 0;
    for (long i = 0; i < b->nplan; i++) {
        const mr_batch_row *r = &b->plan[i];
        if (r->state == FAILED) {
            failed++;
            json_array_append_new(failures, json_pack("{sIsOss}", "row", (json_int_t)r->index + 1, "fields", r->fields,
                                                      "message", r->message ? r->message : "failed"));
        } else if (r->state == DONE || r->state == SKIPPED) {
            r->state == DONE ? done++ : skipped++;
            json_array_append_new(outputs, json_pack("{sIsssb}", "row", (json_int_t)r->index + 1, "output", r->output,
                                                     "resumed", r->state == SKIPPED));
        }
        if (r->state == DONE && startups)
            startups[nstart++] = r->startup_ms;
    }
    double median = 0;
    if (nstart) {
        qsort(startups, (size_t)nstart, sizeof *startups, cmp_double);
        median = startups[nstart / 2];
    }
    free(startups);
    char shard[32];
    snprintf(shard, sizeof shard, "%d/%d", b->shard_k, b->shard_n);
    struct rusage self, kids; /* peak memory: this process, and the largest worker */
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    return json_pack("{sssssssIsIsIsIsfsfsfsIsIsoso}", "template", b->template_path, "rows_file", b->rows_path, "shard",
                     shard, "rows", (json_int_t)b->nplan, "done", (json_int_t)done, "failed", (json_int_t)failed,
                     "resumed", (json_int_t)skipped, "seconds", seconds, "rows_per_minute",
                     seconds > 0 ? done / seconds * 60 : 0.0, "startup_ms_median", median, "peak_rss_kb_parent",
                     (json_int_t)self.ru_maxrss, "peak_rss_kb_worker", (json_int_t)kids.ru_maxrss, "failures", failures,
                     "outputs", outputs);
}

static int write_report(json_t *rep, const char *path)
{
    if (!path)
        return 0;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
    if (json_dump_file(rep, tmp, JSON_INDENT(2)) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        fprintf(stderr, "moonreel batch: cannot write the report '%s'\n", path);
        return -1;
    }
    return 0;
}

static void summary(json_t *rep)
{
    fprintf(stderr, "moonreel batch: %lld rows: %lld done, %lld resumed, %lld failed (%.1f rows/min, row start-up %.1f ms, "
                    "peak memory %lld MB a worker)\n",
            (long long)json_integer_value(json_object_get(rep, "rows")), (long long)json_integer_value(json_object_get(rep, "done")),
            (long long)json_integer_value(json_object_get(rep, "resumed")),
            (long long)json_integer_value(json_object_get(rep, "failed")),
            json_real_value(json_object_get(rep, "rows_per_minute")), json_real_value(json_object_get(rep, "startup_ms_median")),
            (long long)json_integer_value(json_object_get(rep, "peak_rss_kb_worker")) / 1024);
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "failures"), i, f) {
        if (i == 10) {
            fprintf(stderr, "  ... and %zu more (see the report)\n", json_array_size(json_object_get(rep, "failures")) - 10);
            break;
        }
        char row[32]; /* (a message about the row's data names it already) */
        const char *msg = json_string_value(json_object_get(f, "message"));
        snprintf(row, sizeof row, "row %lld: ", (long long)json_integer_value(json_object_get(f, "row")));
        fprintf(stderr, "  %s%s\n", msg && !strncmp(msg, row, strlen(row)) ? "" : row, msg ? msg : "");
    }
}

/* --merge-reports a.json b.json ...: one report of all shards. */
static int merge(char **files, int n, const char *out)
{
    json_t *all = NULL;
    for (int i = 0; i < n; i++) {
        json_error_t je;
        json_t *r = json_load_file(files[i], 0, &je);
        if (!r) {
            fprintf(stderr, "moonreel batch: %s:%d: %s\n", files[i], je.line, je.text);
            json_decref(all);
            return 1;
        }
        if (!all) {
            all = r;
            json_object_set_new(all, "shard", json_string("merged"));
            continue;
        }
        static const char *const sums[] = {"rows", "done", "failed", "resumed"};
        for (int k = 0; k < 4; k++)
            json_object_set_new(all, sums[k], json_integer(json_integer_value(json_object_get(all, sums[k])) +
                                                          json_integer_value(json_object_get(r, sums[k]))));
        json_object_set_new(all, "seconds", json_real(fmax(json_real_value(json_object_get(all, "seconds")),
                                                           json_real_value(json_object_get(r, "seconds")))));
        json_array_extend(json_object_get(all, "failures"), json_object_get(r, "failures"));
        json_array_extend(json_object_get(all, "outputs"), json_object_get(r, "outputs"));
        json_decref(r);
    }
    if (!all) {
        fprintf(stderr, "moonreel batch --merge-reports: give the shards' report files\n");
        return 2;
    }
    double s = json_real_value(json_object_get(all, "seconds"));
    json_object_set_new(all, "rows_per_minute", json_real(s > 0 ? json_integer_value(json_object_get(all, "done")) / s * 60 : 0));
    summary(all);
    int st = write_report(all, out) < 0 ? 1 : json_integer_value(json_object_get(all, "failed")) ? 3 : 0;
    json_decref(all);
    return st;
}

int mr_cmd_batch(int argc, char **argv)
{
    mr_batch b;
    memset(&b, 0, sizeof b);
    bool merging = false;
    int first = parse(argc, argv, &b, &merging);
    if (first < 0)
        return 2;
    if (merging)
        return merge(argv + first, argc - first, b.report_path);
    if (argc - first != 2 || !b.pattern) {
        fprintf(stderr, "usage: moonreel batch template.lua rows.csv|rows.json|rows.jsonl -o 'out/{id}.mp4' [options]\n");
        return 2;
    }
    b.template_path = argv[first];
    b.rows_path = argv[first + 1];
    /* the template's folder may always be read; so may each --allow DIR */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", b.template_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    if (!realpath(dir, b.allowed[0])) {
        fprintf(stderr, "moonreel batch: cannot open the template '%s': %s\n", b.template_path, strerror(errno));
        return 1;
    }
    snprintf(b.template_dir, sizeof b.template_dir, "%s", b.allowed[0]);
    b.nallowed++;
    b.args = json_object();
    for (int i = 0; i < b.nsets; i++) { /* the same rule as run's --set */
        char key[256];
        mr_set_value v;
        if (mr_cli_parse_set(b.sets[i], key, sizeof key, &v) < 0) {
            usage("--set wants key=value, got '%s'", b.sets[i]);
            return 2;
        }
        json_object_set_new(b.args, v.key, v.kind == MR_SET_INTEGER ? json_integer((json_int_t)v.integer)
                                           : v.kind == MR_SET_REAL  ? json_real(v.real)
                                                                    : json_string(v.text));
    }
    mr_err err;
    if (compile(&b, &err) < 0 || !(b.rows = mr_rows_load_noting(b.rows_path, b.bad_rows = json_object(), &err)) || plan(&b, &err) < 0) {
        fprintf(stderr, "moonreel batch: %s\n", err.msg);
        return 1;
    }
    int gpus = count_gpus();
    if (b.render.backend != MR_BACKEND_CPU && b.ngpus == 0)
        for (int i = 0; i < gpus && i < 16; i++)
            b.gpus[b.ngpus++] = i;
    long pending = 0;
    for (long i = 0; i < b.nplan; i++)
        pending += b.plan[i].state == DO;
    /* by default: a worker per core (encoders on the CPU need them all: x264 per row has a
     * pipeline to fill and drain, which other rows' work covers), and at least four per GPU */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = b.jobs ? b.jobs : (int)(cores > 0 ? cores : 1);
    if (!b.jobs && jobs < 4 * b.ngpus)
        jobs = 4 * b.ngpus;
    if (jobs > pending)
        jobs = (int)(pending ? pending : 1);
    /* the workers share the cores: each row's encoder and render threads get a share, not the
     * whole machine (x264 wastes time and memory when 16 processes each run 24 threads) */
    int share = cores > jobs ? (int)((cores + jobs - 1) / jobs) : 1;
    if (!b.render.out.threads)
        b.render.out.threads = share;
    if (!b.render.threads)
        b.render.threads = share < 16 ? share : 16;
    mr_host_catch_interrupt(NULL);
    double t0 = mr_clock_seconds();
    if (pending > 0)
        run(&b, jobs);
    each_folder(&b, NULL); /* what processes that died meanwhile left behind */
    json_t *rep = report(&b, mr_clock_seconds() - t0);
    summary(rep);
    int st = write_report(rep, b.report_path) < 0 ? 1 : mr_interrupted ? mr_host_interrupt_status() : json_integer_value(json_object_get(rep, "failed")) ? 3 : 0;
    long unfinished = 0;
    for (long i = 0; i < b.nplan; i++)
        unfinished += b.plan[i].state == DO;
    if (unfinished && st == 0)
        st = 1; /* no worker could start */
    json_decref(rep);
    json_decref(b.rows);
    json_decref(b.bad_rows);
    json_decref(b.args);
    for (long i = 0; i < b.nplan; i++) {
        free(b.plan[i].output);
        free(b.plan[i].record);
        free(b.plan[i].message);
    }
    free(b.plan);
    free(b.bytecode);
    return st;
}
