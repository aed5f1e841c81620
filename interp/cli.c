/* cli.c: option parsing with getopt_long (options may come before or after the script). */
#include "interp/cli.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/gpu.h"
#include "engine/timefmt.h"

enum { OPT_SET = 256, OPT_ENCODER, OPT_CRF, OPT_PRESET, OPT_FPS, OPT_SIZE, OPT_QUIET, OPT_THREADS, OPT_ETHREADS, OPT_CODEC, OPT_FASTSTART, OPT_BACKEND, OPT_SERVE, OPT_PORT, OPT_LISTEN };

int mr_cli_complain(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "moonreel %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see 'moonreel help %s')\n", cmd);
    return -1;
}

static int parse(int argc, char **argv, const char *cmd, mr_cli *cli, bool repl)
{
    static const struct option longs[] = {
        {"output", required_argument, NULL, 'o'}, {"time", required_argument, NULL, 't'},
        {"set", required_argument, NULL, OPT_SET}, {"encoder", required_argument, NULL, OPT_ENCODER},
        {"codec", required_argument, NULL, OPT_CODEC}, {"crf", required_argument, NULL, OPT_CRF},
        {"preset", required_argument, NULL, OPT_PRESET}, {"fps", required_argument, NULL, OPT_FPS},
        {"size", required_argument, NULL, OPT_SIZE}, {"quiet", no_argument, NULL, OPT_QUIET},
        {"threads", required_argument, NULL, OPT_THREADS}, {"encoder-threads", required_argument, NULL, OPT_ETHREADS},
        {"faststart", no_argument, NULL, OPT_FASTSTART},
        {"backend", required_argument, NULL, OPT_BACKEND}, {"serve", no_argument, NULL, OPT_SERVE},
        {"port", required_argument, NULL, OPT_PORT}, {"listen", required_argument, NULL, OPT_LISTEN},
        {NULL, 0, NULL, 0}};
    memset(cli, 0, sizeof *cli);
    cli->render = mr_render_opts_default();
    optind = 1;
    opterr = 0;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "o:t:q", longs, NULL)) != -1) {
        switch (c) {
        case 'o': cli->output = optarg; break;
        case 't': {
            mr_err err;
            if (mr_time_parse(optarg, &cli->t, &err) < 0)
                return mr_cli_complain(cmd, "%s", err.msg);
            cli->has_t = true;
            break;
        }
        case OPT_SET:
            if (cli->nsets == MR_MAX_SETS)
                return mr_cli_complain(cmd, "too many --set options%s", "");
            cli->sets[cli->nsets++] = optarg;
            break;
        case OPT_ENCODER: cli->render.out.encoder = optarg; break;
        case OPT_CODEC: cli->render.out.codec = optarg; break;
        case OPT_PRESET: cli->render.out.preset = optarg; break;
        case OPT_CRF: {
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 63)
                return mr_cli_complain(cmd, "--crf wants a whole number 0..63, got '%s'", optarg);
            cli->render.out.crf = (int)v;
            break;
        }
        case OPT_FPS: {
            double f = strtod(optarg, &end);
            if (*end || !(f > 0 && f <= 1000))
                return mr_cli_complain(cmd, "--fps wants frames per second, got '%s'", optarg);
            if (fabs(f - round(f)) < 1e-9)
                cli->render.fps = (mr_rational){(int)round(f), 1};
            else
                cli->render.fps = (mr_rational){(int)round(f * 1001), 1001};
            break;
        }
        case OPT_SIZE:
            if (sscanf(optarg, "%dx%d", &cli->render.w, &cli->render.h) != 2 || cli->render.w <= 0 ||
                cli->render.h <= 0 || cli->render.w > 16384 || cli->render.h > 16384)
                return mr_cli_complain(cmd, "--size wants WIDTHxHEIGHT such as 1280x720, got '%s'", optarg);
            break;
        case OPT_THREADS: {
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 16)
                return mr_cli_complain(cmd, "--threads wants 1..16, got '%s'", optarg);
            cli->render.threads = (int)v;
            break;
        }
        case OPT_ETHREADS: {
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 64)
                return mr_cli_complain(cmd, "--encoder-threads wants 1..64, got '%s'", optarg);
            cli->render.out.threads = (int)v;
            break;
        }
        case OPT_FASTSTART: cli->render.out.faststart = true; break;
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
        case OPT_BACKEND:
            if (!mr_backend_parse(optarg, &cli->render.backend))
                return mr_cli_complain(cmd, "--backend wants auto, cpu or cuda, got '%s'", optarg);
            break;
        case 'q':
        case OPT_QUIET: cli->quiet = true; break;
        default:
            return mr_cli_complain(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        cli->script = argv[optind++];
    if (optind < argc)
        return mr_cli_complain(cmd, "unexpected argument '%s'", argv[optind]);
    if (!cli->script && !repl)
        return mr_cli_complain(cmd, "which script? %s", "(moonreel run edit.lua -o out.mp4)");
    return 0;
}

void mr_cli_warm_gpu(const mr_cli *cli)
{
    if (cli->render.backend != MR_BACKEND_CPU)
        mr_gpu_open_async();
}

int mr_cli_parse(int argc, char **argv, const char *cmd, mr_cli *cli) { return parse(argc, argv, cmd, cli, false); }
int mr_cli_parse_repl(int argc, char **argv, mr_cli *cli) { return parse(argc, argv, "repl", cli, true); }
