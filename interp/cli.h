/* cli.h: the command-line options shared by run, frame and checksum. */
#ifndef MR_CLI_H
#define MR_CLI_H

#include <stdbool.h>
#include "engine/render.h"

#define MR_MAX_SETS 256

typedef struct mr_cli {
    const char *script;      /* the edit script */
    const char *output;      /* -o */
    char *sets[MR_MAX_SETS]; /* --set key=value */
    int nsets;
    mr_render_opts render;   /* --encoder --crf --preset --fps --size --threads */
    double t;                /* -t */
    bool has_t, quiet;
    bool serve;              /* repl: --serve */
    int port;                /* repl: --port */
    const char *listen;      /* repl: --listen ADDR */
} mr_cli;

/* Parses argv (after the command name) for `cmd`. Returns 0, or -1 after printing what was
 * wrong and how to get help (the caller exits with status 2). */
int mr_cli_parse(int argc, char **argv, const char *cmd, mr_cli *cli);

/* For commands that render with cli->render.backend: unless it is cpu, starts the GPU's driver
 * on a background thread, so that it starts while the script runs. */
void mr_cli_warm_gpu(const mr_cli *cli);

/* Prints "moonreel CMD: <fmt with arg>" and where help is; returns -1 (for option parsers). */
int mr_cli_complain(const char *cmd, const char *fmt, const char *arg);

/* The same for `repl`, whose script is optional and which also takes --serve, --port N and
 * --listen ADDR. */
int mr_cli_parse_repl(int argc, char **argv, mr_cli *cli);

#endif
