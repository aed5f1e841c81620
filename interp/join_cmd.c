/* join_cmd.c: moonreel join DIR -o out.mp4 (segments.h). */
#include "interp/segments.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "engine/core/log.h"
#include "interp/commands.h"
#include "interp/host.h"
#include "interp/part_folder.h"
#include "interp/progress.h"

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
        dir = mr_folder_name(argv[optind++], dirbuf);
    if (optind < argc)
        return mr_cli_complain("join", "unexpected argument '%s' (one folder of parts)", argv[optind]), 2;
    if (!dir || !out)
        return mr_cli_complain("join", "which parts, into which file? (moonreel join parts/ -o out.mp4)%s", ""), 2;
    mr_render_opts none = mr_render_opts_default();
    const char *codec = mr_output_codec(out, &none.out);
    if (!codec || !strcmp(codec, "gif") || !strcmp(codec, "png"))
        return mr_cli_complain("join", "joins into a video file: .mp4, .mkv, .mov or .webm (got '%s')", out), 2;
    mr_part_folder s;
    mr_err err;
    if (mr_part_folder_read(dir, &s, &err) < 0) {
        fprintf(stderr, "moonreel: join: %s\n", err.msg);
        return 1;
    }
    if (mr_part_folder_holds(&s, dir, out, &err)) {
        fprintf(stderr, "moonreel: join: %s\n", err.msg);
        mr_part_folder_free(&s);
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
        mr_part_folder_free(&s);
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
        mr_part_folder_free(&s);
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
    mr_part_folder_free(&s);
    return status;
}
