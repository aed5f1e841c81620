/* cli.c: option parsing with getopt_long (options may come before or after the script). */
#include "interp/cli.h"
#include "interp/host.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/gpu/gpu.h"

enum { OPT_SET = 256, OPT_SERVE, OPT_PORT, OPT_LISTEN, OPT_SEGMENTS, OPT_SEGMENT, OPT_GPUS };

static const char *shown_as; /* the command as the user typed it, where main rewrote it */

void mr_cli_show_as(const char *typed) { shown_as = typed; }

int mr_cli_complain(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "moonreel %s: ", shown_as ? shown_as : cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see 'moonreel help %s')\n", cmd);
    return -1;
}

void mr_cli_add_render_options(struct option *longs, int *n)
{
    for (const mr_render_opt *d = mr_render_opt_table; d->name; d++)
        longs[(*n)++] = (struct option){d->flag, d->type == MR_ROPT_BOOL ? optional_argument : required_argument, NULL,
                                        MR_CLI_RENDER_BASE + (int)(d - mr_render_opt_table)};
    longs[*n] = (struct option){NULL, 0, NULL, 0};
}

int mr_cli_render_option(const char *cmd, int c, const char *optarg, mr_render_opts *o)
{
    int count = 0;
    while (mr_render_opt_table[count].name)
        count++;
    if (c < MR_CLI_RENDER_BASE || c >= MR_CLI_RENDER_BASE + count)
        return 0;
    const mr_render_opt *d = &mr_render_opt_table[c - MR_CLI_RENDER_BASE];
    mr_err err;
    if (mr_render_opt_set(o, d, d->type == MR_ROPT_BOOL && !optarg ? "true" : optarg, &err) < 0) {
        char msg[1100];
        snprintf(msg, sizeof msg, "--%s %s", d->flag, err.msg);
        return mr_cli_complain(cmd, "%s", msg);
    }
    return 1;
}

/* Whether s is a decimal number as people write it: [-+]digits[.digits][e[-+]digits] (".5"
 * too); *integral when it has neither a point nor an exponent. */
static bool decimal(const char *s, bool *integral)
{
    static const char digits[] = "0123456789";
    const char *p = s + (*s == '-' || *s == '+');
    size_t whole = strspn(p, digits), frac = 0;
    p += whole;
    *integral = true;
    if (*p == '.') {
        frac = strspn(++p, digits);
        p += frac;
        *integral = false;
    }
    if (whole + frac == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p += 1 + (p[1] == '-' || p[1] == '+');
        size_t e = strspn(p, digits);
        if (!e)
            return false;
        p += e;
        *integral = false;
    }
    return *p == 0;
}

int mr_cli_parse_set(const char *set, char *keybuf, size_t n, mr_set_value *v)
{
    const char *eq = strchr(set, '=');
    if (!eq || eq == set || (size_t)(eq - set) >= n)
        return -1;
    snprintf(keybuf, n, "%.*s", (int)(eq - set), set);
    *v = (mr_set_value){keybuf, eq + 1, MR_SET_STRING, 0, 0};
    bool integral;
    if (!decimal(v->text, &integral))
        return 0; /* text */
    errno = 0;
    long long i = strtoll(v->text, NULL, 10);
    if (integral && errno == 0) {
        v->kind = MR_SET_INTEGER;
        v->integer = i;
    } else {
        v->kind = MR_SET_REAL;
        v->real = strtod(v->text, NULL);
        if (!isfinite(v->real))
            v->kind = MR_SET_STRING; /* 1e999: too large to be a number */
    }
    return 0;
}

bool mr_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return true;
    return false;
}

int mr_cli_log_option(const char *cmd, int c, const char *arg, bool *quiet)
{
    if (c == MR_OPT_LOG_LEVEL) {
        if (!strcmp(arg, "quiet"))
            c = MR_OPT_QUIET;
        else if (!strcmp(arg, "verbose"))
            c = MR_OPT_VERBOSE;
        else if (strcmp(arg, "info"))
            return mr_cli_complain(cmd, "--log-level wants quiet, info or verbose, got '%s'", arg);
    }
    switch (c) {
    case 'q':
    case MR_OPT_QUIET: *quiet = true; return 1;
    case 'v':
    case MR_OPT_VERBOSE: *quiet = false; mr_host_set_traceback(true); return 1;
    case MR_OPT_LOG_LEVEL: *quiet = false; return 1; /* info */
    default: return 0;
    }
}

int mr_cli_parse_gpus(const char *text, int *gpus, int max)
{
    int n = 0;
    for (const char *p = text;;) {
        char *end;
        long g = strtol(p, &end, 10);
        if (end == p || !isdigit((unsigned char)*p) || g > 255 || n == max)
            return -1;
        gpus[n++] = (int)g;
        if (*end == 0)
            return n;
        if (*end != ',')
            return -1;
        p = end + 1;
    }
}

/* Adds "--flag=value" (value NULL: "--flag") to cli->args. 0, or -1 when there is no room
 * (the options still apply; only segments cannot be handed them). */
static int keep_arg(mr_cli *cli, const char *flag, const char *value)
{
    size_t used = 0;
    if (cli->nargs > 0) /* the texts follow each other in argbuf */
        used = (size_t)(cli->args[cli->nargs - 1] - cli->argbuf) + strlen(cli->args[cli->nargs - 1]) + 1;
    int n = snprintf(cli->argbuf + used, sizeof cli->argbuf - used, value ? "--%s=%s" : "--%s", flag, value);
    if (cli->nargs == MR_MAX_ARGS || n < 0 || (size_t)n >= sizeof cli->argbuf - used)
        return -1;
    cli->args[cli->nargs++] = cli->argbuf + used;
    return 0;
}

/* Whether render option d shapes the output (not only how fast it is made). */
static bool shapes_output(const mr_render_opt *d)
{
    return strcmp(d->name, "threads") && strcmp(d->name, "encoder_threads") && strcmp(d->name, "t");
}

static int parse(int argc, char **argv, const char *cmd, mr_cli *cli, bool repl)
{
    struct option longs[64] = {
        {"output", required_argument, NULL, 'o'}, {"set", required_argument, NULL, OPT_SET},
        {"serve", no_argument, NULL, OPT_SERVE}, {"port", required_argument, NULL, OPT_PORT},
        {"listen", required_argument, NULL, OPT_LISTEN}, {"segments", required_argument, NULL, OPT_SEGMENTS},
        {"segment", required_argument, NULL, OPT_SEGMENT}, {"gpus", required_argument, NULL, OPT_GPUS},
        MR_CLI_LOG_OPTIONS};
    int nlongs = 8 + MR_CLI_NLOG_OPTIONS;
    mr_cli_add_render_options(longs, &nlongs);
    memset(cli, 0, sizeof *cli);
    cli->render = mr_render_opts_default();
    optind = 1;
    opterr = 0;
    int c;
    char *end;
    int time_code = MR_CLI_RENDER_BASE + (int)(mr_render_opt_find("t") - mr_render_opt_table);
    while ((c = getopt_long(argc, argv, "o:t:qv", longs, NULL)) != -1) {
        if (c == 't') /* -t is --time */
            c = time_code;
        int r = mr_cli_log_option(cmd, c, optarg, &cli->quiet);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        r = mr_cli_render_option(cmd, c, optarg, &cli->render);
        if (r < 0)
            return -1;
        if (r > 0) {
            cli->has_t = cli->has_t || c == time_code;
            const mr_render_opt *d = &mr_render_opt_table[c - MR_CLI_RENDER_BASE];
            if (shapes_output(d) && keep_arg(cli, d->flag, optarg) < 0)
                cli->args_overflow = true;
            continue;
        }
        switch (c) {
        case 'o': cli->output = optarg; break;
        case OPT_SET:
            if (cli->nsets == MR_MAX_SETS)
                return mr_cli_complain(cmd, "too many --set options%s", "");
            cli->sets[cli->nsets++] = optarg;
            if (keep_arg(cli, "set", optarg) < 0)
                cli->args_overflow = true;
            break;
        case OPT_SEGMENTS:
        case OPT_SEGMENT:
        case OPT_GPUS:
            if (strcmp(cmd, "run"))
                return mr_cli_complain(cmd, "%s is an option of 'moonreel run' (it renders a video, not one picture)",
                                       c == OPT_SEGMENTS ? "--segments" : c == OPT_SEGMENT ? "--segment" : "--gpus");
            *(c == OPT_SEGMENTS ? &cli->segments : c == OPT_SEGMENT ? &cli->segment : &cli->gpus) = optarg;
            break;
        case OPT_SERVE:
        case OPT_PORT:
        case OPT_LISTEN:
            if (!repl)
                return mr_cli_complain(cmd, "%s is an option of 'moonreel repl'", argv[optind - 1]);
            if (c == OPT_SERVE)
                cli->serve = true;
            else if (c == OPT_LISTEN)
                cli->listen = optarg;
            else if ((cli->port = (int)strtol(optarg, &end, 10)) < 0 || cli->port > 65535 || *end)
                return mr_cli_complain(cmd, "--port wants 0..65535, got '%s'", optarg);
            break;
        default:
            return mr_cli_complain(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        cli->script = argv[optind++];
    if (optind < argc)
        return mr_cli_complain(cmd, "unexpected argument '%s'", argv[optind]);
    if (!cli->script && !repl)
        return mr_cli_complain(cmd, "which script? (moonreel %s edit.lua ...)", cmd);
    if (repl && cli->script && !strcmp(cli->script, "-")) /* reload and watch read it again */
        return mr_cli_complain(cmd, "the REPL reads its script again (reload, watch): give a file, not -%s", "");
    return 0;
}

void mr_cli_warm_gpu(const mr_cli *cli)
{
    if (cli->render.backend != MR_BACKEND_CPU)
        mr_gpu_open_async();
}

int mr_cli_parse(int argc, char **argv, const char *cmd, mr_cli *cli) { return parse(argc, argv, cmd, cli, false); }
int mr_cli_parse_repl(int argc, char **argv, mr_cli *cli) { return parse(argc, argv, "repl", cli, true); }
