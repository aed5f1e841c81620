/* cli.h: the command-line options shared by run, frame and checksum. */
#ifndef MR_CLI_H
#define MR_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include "engine/render/render.h"
#include "engine/render/render_opts.h"

#define MR_MAX_SETS 256
#define MR_MAX_ARGS (MR_MAX_SETS + 64)

typedef struct mr_cli {
    const char *script;      /* the edit script */
    const char *output;      /* -o */
    char *sets[MR_MAX_SETS]; /* --set key=value */
    int nsets;
    mr_render_opts render;   /* the render options (engine/render_opts.c), -t included */
    bool has_t;              /* -t was given */
    bool quiet;              /* -q, --log-level quiet: no notices, no progress */
    bool serve;              /* repl: --serve */
    int port;                /* repl: --port */
    const char *listen;      /* repl: --listen ADDR */
    const char *segments;    /* run: --segments N|auto (NULL: not given, auto) */
    const char *segment;     /* run: --segment K/N (one part of a cluster's render) */
    const char *gpus;        /* run: --gpus 0,1 (what each segment sees as its GPU) */
    bool skip_renders;       /* the script's own render() calls are skipped (a segment's task, a join) */
    /* What shapes the output: every --set and render option but the thread counts, as
     * "--name=value" in the order given (segment_procs.c passes them on, and the parts of one output
     * must have the same); the texts live in argbuf. */
    const char *args[MR_MAX_ARGS];
    int nargs;
    bool args_overflow;      /* more than args/argbuf hold: the segments cannot be handed them */
    char argbuf[16384];
} mr_cli;

/* The options of how much a command says, which every command takes: -q/--quiet, -v/--verbose
 * (the Lua traceback under a script's error, as MOONREEL_TRACEBACK=1 does) and --log-level
 * quiet|info|verbose. Codes below MR_CLI_RENDER_BASE, above the commands' own. */
enum { MR_OPT_QUIET = 900, MR_OPT_VERBOSE, MR_OPT_LOG_LEVEL };
#define MR_CLI_LOG_OPTIONS                                                                                   \
    {"quiet", no_argument, NULL, MR_OPT_QUIET}, {"verbose", no_argument, NULL, MR_OPT_VERBOSE},              \
        {"log-level", required_argument, NULL, MR_OPT_LOG_LEVEL}
#define MR_CLI_NLOG_OPTIONS 3

/* Reads getopt's code c (with 'q' and 'v') if it is one of those: 1 when it was (*quiet set, the
 * traceback turned on for verbose), 0 when it is not, -1 after complaining of a bad level. */
int mr_cli_log_option(const char *cmd, int c, const char *arg, bool *quiet);

/* Parses argv (after the command name) for `cmd`. Returns 0, or -1 after printing what was
 * wrong and how to get help (the caller exits with status 2). */
int mr_cli_parse(int argc, char **argv, const char *cmd, mr_cli *cli);

/* For commands that render with cli->render.backend: unless it is cpu, starts the GPU's driver
 * on a background thread, so that it starts while the script runs. */
void mr_cli_warm_gpu(const mr_cli *cli);

/* Appends a getopt_long entry for every render option of the table to longs[*n...] (codes
 * from MR_CLI_RENDER_BASE on), so run, frame, repl, batch and the rest read the same options
 * the same way. longs must have room for the table's entries and the closing {0}. */
#define MR_CLI_RENDER_BASE 1000
void mr_cli_add_render_options(struct option *longs, int *n);

/* If getopt's code c is a render option: reads optarg into o and returns 1, or prints what is
 * wrong and returns -1. Returns 0 for other codes. */
int mr_cli_render_option(const char *cmd, int c, const char *optarg, mr_render_opts *o);

/* A --set key=value: the key, and the value as a number when all of it reads as one (the same
 * rule for run and batch: "42" and "-3" integers, "2.5" and "1e3" reals, "0x10", "inf", "nan"
 * and "12abc" stay text). Returns 0, or -1 when there is no key. key points into a copy in
 * keybuf. */
typedef struct mr_set_value {
    const char *key, *text;
    enum { MR_SET_STRING, MR_SET_INTEGER, MR_SET_REAL } kind;
    long long integer;
    double real;
} mr_set_value;
int mr_cli_parse_set(const char *set, char *keybuf, size_t n, mr_set_value *v);

/* Reads --gpus' "0,1,3" into gpus (at most max). Returns how many, or -1 when it is not
 * a list of device numbers. */
int mr_cli_parse_gpus(const char *text, int *gpus, int max);

/* Whether argv has -h or --help before a lone "--": the command prints its help. */
bool mr_cli_wants_help(int argc, char **argv);

/* Prints "moonreel CMD: <fmt with arg>" and where help is; returns -1 (for option parsers). */
int mr_cli_complain(const char *cmd, const char *fmt, const char *arg);

/* Names the command in complaints as the user typed it ("run --still"), where main rewrote it
 * into another (frame); typed is kept, not copied (a static string). */
void mr_cli_show_as(const char *typed);

/* The same for `repl`, whose script is optional and which also takes --serve, --port N and
 * --listen ADDR. */
int mr_cli_parse_repl(int argc, char **argv, mr_cli *cli);

#endif
