/* main.c: moonreel's commands: run, frame, info, checksum, help. */
#include <lauxlib.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/core/checksum.h"
#include "engine/core/log.h"
#include "engine/gpu/gpu.h"
#include "engine/media/media.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/transitions/transition.h"
#include "engine/core/timefmt.h"
#include "interp/cli.h"
#include "interp/batch.h"
#include "interp/commands.h"
#include "interp/docgen.h"
#include "interp/host.h"
#include "interp/json_out.h"
#include "interp/progress.h"
#include "interp/segments.h"
#include "engine/render/segmented.h"

static void quiet_log(const char *line, void *ud) { (void)line; (void)ud; }

/* Runs cli->script; returns its result clip (borrowed from the Lua stack) or NULL. *status
 * is set to the exit status to use when the script failed. */
static mr_clip *run_script(lua_State *L, mr_host *host, const mr_cli *cli, int *status)
{
    *status = 0;
    if (mr_host_set_args(L, (char **)cli->sets, cli->nsets) < 0) {
        *status = 2;
        return NULL;
    }
    mr_host_catch_interrupt(L);
    if (mr_host_run_file(L, host, cli->script) < 0) {
        *status = mr_interrupted ? mr_host_interrupt_status() : 1;
        return NULL;
    }
    return mr_bindings_to_clip(L, -1);
}

static int no_clip(lua_State *L, const char *script)
{
    if (lua_isnil(L, -1))
        fprintf(stderr, "moonreel: %s returned no clip: return one (return compose{...}) to render or show it\n", script);
    else
        fprintf(stderr, "moonreel: %s returned a %s, not a clip\n", script, luaL_typename(L, -1));
    return 1;
}

int mr_load_clip(const mr_cli *cli, mr_host *host, lua_State **L, mr_clip **clip)
{
    memset(host, 0, sizeof *host);
    host->defaults = cli->render;
    host->defaults.cancel = &mr_interrupted;
    host->segment_task = cli->skip_renders;
    *L = mr_host_new_state(host);
    int status;
    *clip = run_script(*L, host, cli, &status);
    if (!status && !*clip)
        status = no_clip(*L, cli->script);
    return status;
}

mr_clip *mr_clip_to_evaluate(const mr_cli *cli, mr_clip *clip, mr_rational *fps, mr_err *err)
{
    *fps = cli->render.fps.num ? cli->render.fps : clip->fps.num ? clip->fps : (mr_rational){30, 1};
    return cli->render.w ? mr_clip_fit(clip, cli->render.w, cli->render.h, (mr_rgba){0, 0, 0, 255}, err) : mr_clip_ref(clip);
}

static void default_output(const char *script, char *out, size_t n)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", script);
    char *base = basename(copy), *dot = strrchr(base, '.');
    if (dot)
        *dot = 0;
    snprintf(out, n, "%s.mp4", strcmp(script, "-") ? base : "out"); /* - : standard input */
}

/* Renders run's clip to out: one part (--segment), in segments (--segments, processes with
 * --gpus), or in one pipeline; says what it wrote. Returns the exit status. */
static int render_output(const mr_cli *cli, mr_clip *clip, mr_render_opts *o, const char *out)
{
    if (cli->segment)
        return mr_run_segment(cli, clip, o, out);
    mr_err err;
    int segments = 1, status = 0;
    if (mr_segments_for(cli, clip, o, out, &segments, &err) < 0) {
        fprintf(stderr, "moonreel: %s: %s\n", out, err.msg);
        return 2;
    }
    if (cli->gpus && segments == 1)
        mr_log("--gpus %s spreads segments, and this render is one pipeline (--segments N splits it)", cli->gpus);
    /* render only (--encoder null) writes nothing */
    const char *done = o->out.encoder && !strcmp(o->out.encoder, "null") ? "rendered (render only, nothing written)"
                                                                        : "wrote";
    /* segments are threads of this process, each on a lane of its own on a GPU (its own
     * stream and decoders); with --gpus, a process per segment, each on its GPU */
    if (segments > 1 && cli->gpus) {
        status = mr_run_segmented(cli, clip, o, out, segments);
        if (status == 0 && !cli->quiet)
            fprintf(stderr, "moonreel: %s %s\n", done, out);
        return status;
    }
    if (segments > 1 && !cli->quiet)
        fprintf(stderr, "moonreel: rendering %s in %d segments\n", out, segments);
    int r = segments > 1 ? mr_render_segmented(clip, out, o, segments, &err) : mr_render(clip, out, o, &err);
    if (r < 0) { /* interrupted: nothing was left at out */
        fprintf(stderr, "moonreel: %s: %s\n", out, err.msg);
        status = mr_interrupted ? mr_host_interrupt_status() : 1;
    } else if (mr_interrupted) { /* the signal came after the file was complete and in place */
        fprintf(stderr, "moonreel: wrote %s (it was complete when the %s came)\n", out,
                mr_interrupted == SIGTERM ? "SIGTERM" : "Ctrl-C");
    } else if (!cli->quiet) {
        fprintf(stderr, "moonreel: %s %s\n", done, out);
    }
    return status;
}

static int cmd_run(int argc, char **argv)
{
    mr_cli cli;
    if (mr_cli_parse(argc, argv, "run", &cli) < 0)
        return 2;
    mr_cli_warm_gpu(&cli);
    if (cli.quiet)
        mr_log_set_sink(quiet_log, NULL);
    if (cli.segment && cli.segments) {
        mr_cli_complain("run", "--segment K/N renders one part, --segments N all of them: give one%s", "");
        return 2;
    }
    if (cli.segment)
        mr_segment_follow_parent();
    if (cli.segment && !cli.output) {
        mr_cli_complain("run", "--segment K/N wants -o FOLDER, where the parts go%s", "");
        return 2;
    }
    if (cli.segment && !mr_script_is_file(cli.script)) {
        mr_cli_complain("run", "--segment needs the script in a file, which every task and the join read "
                               "(got '%s': standard input or a pipe)", cli.script);
        return 2;
    }
    mr_host host = {0};
    host.defaults = cli.render;
    host.defaults.cancel = &mr_interrupted;
    host.segment_task = cli.segment != NULL;
    mr_progress_attach(&host.defaults, cli.quiet);
    lua_State *L = mr_host_new_state(&host);
    int status;
    mr_clip *clip = run_script(L, &host, &cli, &status);
    if (status) {
        lua_close(L);
        return status;
    }
    if (!clip) {
        /* a script may render what it wants itself, or only print: fine unless -o asked for more */
        if (lua_isnil(L, -1) && !cli.output) {
            if (host.renders == 0 && !cli.quiet)
                fprintf(stderr, "moonreel: %s returned no clip and rendered nothing\n", cli.script);
            lua_close(L);
            return 0;
        }
        status = no_clip(L, cli.script);
        lua_close(L);
        return status;
    }
    char out[4096];
    if (cli.output)
        snprintf(out, sizeof out, "%s", cli.output);
    else
        default_output(cli.script, out, sizeof out);
    mr_render_opts o = host.defaults;
    o.then_exit = true; /* nothing runs after this render: main ends the process */
    status = render_output(&cli, clip, &o, out);
    /* once the GPU is let go, FFmpeg's CUDA objects in the clips must not be freed: the
     * process ends without it (the output is complete and closed, or removed) */
    if (!mr_gpu_released())
        lua_close(L);
    return status;
}

static int cmd_frame(int argc, char **argv)
{
    mr_cli cli;
    if (mr_cli_parse(argc, argv, "frame", &cli) < 0)
        return 2;
    char out[4096];
    if (!cli.output) { /* the script's name with .png, as run's .mp4 */
        default_output(cli.script, out, sizeof out);
        snprintf(out + strlen(out) - 4, 5, ".png");
        cli.output = out;
    }
    mr_cli_warm_gpu(&cli);
    size_t n = strlen(cli.output);
    if (n < 4 || strcmp(cli.output + n - 4, ".png") != 0) {
        fprintf(stderr, "moonreel frame: the output must be a .png file\n");
        return 2;
    }
    mr_host host;
    lua_State *L;
    mr_clip *clip;
    int status = mr_load_clip(&cli, &host, &L, &clip);
    if (!status) {
        mr_render_opts o = host.defaults;
        mr_err err;
        if (mr_render(clip, cli.output, &o, &err) < 0) {
            fprintf(stderr, "moonreel: %s: %s\n", cli.output, err.msg);
            status = 1;
        }
    }
    lua_close(L);
    return status;
}

static int cmd_checksum(int argc, char **argv)
{
    mr_cli cli;
    if (mr_cli_parse(argc, argv, "checksum", &cli) < 0)
        return 2;
    mr_host host;
    lua_State *L;
    mr_clip *clip;
    int status = mr_load_clip(&cli, &host, &L, &clip);
    if (!status) {
        mr_rational fps;
        mr_err err;
        mr_clip *c = mr_clip_to_evaluate(&cli, clip, &fps, &err);
        if (!c || mr_clip_checksums(c, fps, mr_print_line, NULL, &mr_interrupted, &err) < 0) {
            fprintf(stderr, "moonreel: %s: %s\n", cli.script, err.msg);
            status = 1;
        }
        mr_clip_unref(c);
    }
    lua_close(L);
    return status;
}

static int cmd_info(int argc, char **argv)
{
    const char *file = NULL;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            json = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            mr_cli_complain("info", "unknown option '%s'", argv[i]);
            return 2;
        } else if (file) {
            mr_cli_complain("info", "unexpected argument '%s' (one file at a time)", argv[i]);
            return 2;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        mr_cli_complain("info", "which file? (moonreel info FILE)%s", "");
        return 2;
    }
    mr_media_info in;
    mr_err err;
    if (mr_media_probe(file, &in, &err) < 0) {
        fprintf(stderr, "moonreel: %s\n", err.msg);
        return 1;
    }
    if (json)
        return mr_json_media_info(&in, stdout) == 0 ? 0 : 1;
    char d[32];
    mr_time_format(in.duration, d, sizeof d);
    printf("file:     %s\n", in.path);
    printf("format:   %s, %.1f MB\n", in.container, in.size_bytes / 1e6);
    printf("duration: %s (%.3f s)\n", d, in.duration);
    if (in.has_video)
        printf("video:    %s %dx%d, %.6g fps (%d/%d), %lld frames, %s, %s %s range%s\n", in.vcodec, in.w, in.h,
               mr_q2d(in.fps), in.fps.num, in.fps.den, (long long)in.frames, in.pix_fmt, mr_matrix_name(in.matrix),
               in.full_range ? "full" : "limited", in.matrix_guessed ? " (matrix not tagged: assumed)" : "");
    if (in.has_video && !mr_orient_is_identity(in.orient)) {
        char o[64];
        printf("rotation: %s (display matrix), stored as %dx%d\n", mr_orient_describe(in.orient, o, sizeof o),
               in.coded_w, in.coded_h);
    }
    if (in.has_alpha)
        printf("alpha:    yes (decoded with libvpx)\n");
    if (in.has_audio)
        printf("audio:    %s %d Hz, %s (%d channels)\n", in.acodec, in.sample_rate, in.layout, in.channels);
    return 0;
}

static int cmd_help(int argc, char **argv);

/* Every command: its name, what runs it, its usage line, its help text, and whether it takes
 * the render options (engine/render_opts.c lists them; help prints that table). */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage, *text;
    bool render_options;
    const char *files; /* what its arguments are, for the shell completions (docgen.h) */
} commands[] = {
    {"run", cmd_run, "moonreel run edit.lua [-o out.mp4] [--set key=value ...] [RENDER OPTIONS] [--still T] [-q | -v]\n"
            "             [--segments N|auto] [--gpus 0,1] | [--segment K/N -o PARTS/]",
     "Runs the script (- reads it from standard input). If it returns a clip, that clip is\n"
     "rendered to -o (default: the script's name with .mp4, in the current folder; out.mp4 for\n"
     "-). render() calls in the script happen as they run.\n"
     "--set values reach the script as the table `args`. The options are defaults for every render.\n"
     "--backend auto renders on the GPU when there is one (else the CPU, saying why); --encoder\n"
     "auto uses NVENC from the GPU where it opens, else x264/x265 (saying why); null encodes nothing.\n"
     "The container follows the extension: .mp4 .mkv .mov .webm .gif, or .png for one frame;\n"
     "for sound only .wav (PCM) .mp3 .flac .ogg (Vorbis) .opus .m4a (AAC).\n"
     "--threads: render workers (default one a core); --encoder-threads: the encoder's threads\n"
     "(default its own choice). MOONREEL_TRACE=1 prints when each stage starts (GPU start-up,\n"
     "encoder, first frame), counted from the start.\n"
     "--segments N renders the frames in N contiguous segments at once (threads, each with its\n"
     "own decoders, workers, encoder and GPU stream, the cores shared out) and joins them\n"
     "without re-encoding, the sound rendered once; auto (the default) splits where it pays:\n"
     "with a CPU encoder, 8 cores or more and 30 s or more a segment; decoding and encoding on a\n"
     "GPU, a segment a 7.5 s, up to 4. --gpus 0,1 runs a process a segment over those GPUs.\n"
     "--segment K/N -o PARTS/ renders one part (a cluster task); `moonreel join`\n"
     "puts them together (docs/cluster.md).", true, "*.lua"},
    {"join", mr_cmd_join, "moonreel join PARTS/ -o out.mp4 [-q | -v]",
     "Joins the parts that `moonreel run edit.lua --segment K/N -o PARTS/` rendered (one task of a\n"
     "cluster's job array each) into one file: their pictures are copied as they are, and the sound\n"
     "is rendered once from the script (which must be unchanged, at the same path). Every part\n"
     "must be there, whole, and from the same script and options; a missing or foreign part is an\n"
     "error naming it. docs/cluster.md has the Slurm and Kubernetes recipes.", false, NULL},
    {"frame", cmd_frame, "moonreel frame edit.lua [-t SECONDS] [-o frame.png] [--set key=value ...] [RENDER OPTIONS]",
     "Writes the picture of the returned clip at time -t (seconds or mm:ss.fff; default 0) as a PNG\n"
     "(default: the script's name with .png). `moonreel run edit.lua --still T` is the same.", true, "*.lua"},
    {"info", cmd_info, "moonreel info FILE [--json]", "Shows what moonreel sees in a media file: duration, size (as shown: turned as its display\n"
     "matrix says, which a rotation line then names), rate, streams, alpha. --json prints one JSON\n"
     "object with stable keys (docs/cli.md).", false, "*.@(mp4|mkv|mov|webm|avi|gif|png|jpg|jpeg|webp|wav|mp3|flac|ogg|opus|m4a)"},
    {"repl", mr_cmd_repl, "moonreel repl [script.lua] [--serve] [--port N] [--listen ADDR] [--set key=value ...] [RENDER OPTIONS]",
     "An interactive Lua prompt with the edit API: line editing, history (~/.moonreel_history),\n"
     "tab completion, multi-line input; an expression's value is printed. preview(clip, t) shows\n"
     "a frame in the terminal (kitty, iTerm2, sixel) or as a PNG; serve() (or --serve) opens a\n"
     "preview page on 127.0.0.1 with a scrubber and playback; play(clip) plays there. With a\n"
     "script, it runs first (a table it returns becomes globals); reload() runs it again and\n"
     "watch() whenever it changes. Ctrl-C stops what runs; Ctrl-D leaves.", true, "*.lua"},
    {"batch", mr_cmd_batch, "moonreel batch template.lua rows.csv|rows.json|rows.jsonl -o 'out/{id}.mp4' [-j N] [--gpus 0,1]\n"
              "             [--shard K/N] [--resume] [--row-timeout S] [--report report.json] [--set key=value ...]\n"
              "             [--allow DIR] [--lua-memory MiB] [--lua-time S] [RENDER OPTIONS] [--quiet]\n"
              "       moonreel batch --merge-reports shard0.json shard1.json ... [--report all.json]",
     "Renders one video per row. The template returns a function(row, args) making the row's clip\n"
     "(or returns the clip, reading the global `row`). Rows: CSV with a header, a JSON array of\n"
     "objects, or JSON Lines. The output pattern takes {field}, {row} (from 1, as spreadsheets\n"
     "count data rows), {row:05}, {index} (from 0) and {index:05}. Each row\n"
     "runs sandboxed in a fresh Lua state (no files, processes, console, debug library or C\n"
     "modules; reading only under the template's folder and --allow DIR). Limits per row: Lua\n"
     "memory (--lua-memory, 256 MiB), Lua time (--lua-time, 30 s; a worker stuck in C past it\n"
     "is stopped), the whole row (--row-timeout; default 10 times the row's duration plus a\n"
     "minute). A failed row is reported and the batch goes on. --resume skips rows already\n"
     "complete. --shard K/N takes the rows whose index mod N is K (one job of a cluster array).\n"
     "Exit status: 0 all rows done, 3 some failed, another when the batch could not run.\n"
     "Workers share the cores: each row's encoder gets cores/-j threads unless --encoder-threads\n"
     "says. docs/batch.md has the recipes and what the sandbox holds.", true, "*.@(lua|csv|json|jsonl)"},
    {"probe", mr_cmd_probe, "moonreel probe [--json]",
     "Shows the GPUs and what they do for moonreel, found by trying: whether NVDEC decodes and NVENC\n"
     "encodes each codec, and which backend and encoder `auto` picks (\"why is my GPU not used?\").\n"
     "--json prints one JSON object with stable keys (docs/cli.md).", false, NULL},
    {"compare", mr_cmd_compare, "moonreel compare edit.lua [--set key=value ...] [RENDER OPTIONS]",
     "Renders every frame of the returned clip on the CPU and on the GPU and prints how far they\n"
     "differ (a frame agrees when no channel differs by more than 1, or its PSNR is >= 50 dB).\n"
     "Exit status 0 when all agree, 1 when some differ, 77 when there is no GPU.", true, "*.lua"},
    {"checksum", cmd_checksum, "moonreel checksum edit.lua [--set key=value ...] [RENDER OPTIONS]",
     "Prints an MD5 of every evaluated frame of the returned clip, and of its sound: the golden\n"
     "tests compare these; they also tell whether two builds or backends agree bit for bit.", true, "*.lua"},
    {"stubs", mr_cmd_stubs, "moonreel stubs [-o moonreel.d.lua]",
     "Writes LuaLS annotations (---@meta) of the Lua API: put the file where your editor's Lua\n"
     "language server looks (a folder in its workspace.library) for completion and type checks.", false, NULL},
    {"help", cmd_help, "moonreel help [command] | moonreel help ops [--markdown | NAME] | moonreel help --man | moonreel help --completion bash|zsh",
     "Shows how to use moonreel or one of its commands, and where the docs are. `help ops` lists\n"
     "every operation on clips with its parameters (--markdown: the reference section of\n"
     "docs/api.md). --man writes the man page and --completion the shell completion (the build\n"
     "installs both).", false, NULL},
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

/* Where the docs are: installed beside the binary (PREFIX/bin/moonreel: PREFIX/share/doc/
 * moonreel, wherever the prefix was moved), else where the build would install them, else the
 * source tree's (a build run in place), else the name in the source. */
static const char *doc_dir(void)
{
    static char beside[4096];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        snprintf(beside, sizeof beside, "%s/share/doc/moonreel", dirname(dirname(exe)));
    }
    const char *dirs[] = {n > 0 ? beside : MR_DOC_DIR, MR_DOC_DIR, MR_SOURCE_DOC_DIR};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char api[4200];
        snprintf(api, sizeof api, "%s/api.md", dirs[i]);
        if (access(api, R_OK) == 0)
            return dirs[i];
    }
    return "docs";
}

static int help(const char *cmd)
{
    for (int i = 0; cmd && i < NCOMMANDS; i++)
        if (!strcmp(cmd, commands[i].name)) {
            printf("usage: %s\n\n%s\n", commands[i].usage, commands[i].text);
            if (commands[i].render_options) {
                printf("\nrender options (the same as render()'s keys, with - for _):\n");
                for (const mr_render_opt *d = mr_render_opt_table; d->name; d++) {
                    char flag[40]; /* a yes-or-no option: --strict, or --strict=false */
                    snprintf(flag, sizeof flag, "%s%s", d->flag, d->type == MR_ROPT_BOOL ? "[=false]" : "");
                    printf("  --%-16s %s\n", flag, d->doc);
                }
            }
            return 0;
        }
    if (cmd) {
        fprintf(stderr, "moonreel: no command '%s'\n", cmd);
        return 2;
    }
    printf("moonreel %s: video editing with Lua scripts\n\nusage:\n", MR_VERSION);
    for (int i = 0; i < NCOMMANDS; i++)
        printf("  %s\n", commands[i].usage);
    printf("\nmoonreel help COMMAND says more. The Lua API is in %s/api.md.\n", doc_dir());
    return 0;
}

/* The commands as docgen.h wants them. Returns how many. */
static int command_docs(mr_cmd_doc *docs)
{
    for (int i = 0; i < NCOMMANDS; i++)
        docs[i] = (mr_cmd_doc){commands[i].name, commands[i].usage, commands[i].text, commands[i].render_options,
                               commands[i].files};
    return NCOMMANDS;
}

static int cmd_help(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "ops")) {
        bool markdown = argc == 3 && !strcmp(argv[2], "--markdown");
        if (argc == 3 && !markdown) { /* help ops NAME: one operation */
            const mr_op *op = mr_op_find(argv[2]);
            const mr_transition_desc *tr = op ? NULL : mr_transition_find(argv[2]);
            if (tr) {
                mr_transition_write_one(stdout, tr, false);
                return 0;
            }
            if (!op) {
                fprintf(stderr, "moonreel: no operation '%s' (moonreel help ops lists them)\n", argv[2]);
                return 2;
            }
            mr_op_write_one(stdout, op, false);
            return 0;
        }
        if (argc > 3) {
            fprintf(stderr, "usage: moonreel help ops [--markdown | NAME]\n");
            return 2;
        }
        mr_op_write_reference(stdout, markdown);
        return 0;
    }
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return help("help");
    mr_cmd_doc docs[NCOMMANDS];
    if (argc == 2 && !strcmp(argv[1], "--man")) { /* the man page, for the build */
        mr_write_man(stdout, docs, command_docs(docs));
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--completion")) {
        if (mr_write_completion(stdout, argv[2], docs, command_docs(docs)) == 0)
            return 0;
        fprintf(stderr, "moonreel help: --completion wants bash or zsh, got '%s'\n", argv[2]);
        return 2;
    }
    return help(argc > 1 ? argv[1] : NULL);
}

int main(int argc, char **argv)
{
    mr_trace("main");
    mr_log_setup_ffmpeg();
    if (argc < 2) {
        help(NULL);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
#ifdef MR_HAVE_GIF
        const char *gif = "";
#else
        const char *gif = ", no GIF output";
#endif
        printf("moonreel %s (Lua 5.4, %s%s)\n", MR_VERSION, mr_gpu_built() ? "CPU and CUDA engines" : "CPU engine", gif);
        return 0;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
        return help(argc > 2 ? argv[2] : NULL);
    if (!strcmp(cmd, "run")) /* run --still T is frame -t T */
        for (int i = 2; i < argc && strcmp(argv[i], "--"); i++)
            if (!strcmp(argv[i], "--still") || !strncmp(argv[i], "--still=", 8)) {
                static char time_eq[256];
                if (argv[i][7] == '=') {
                    snprintf(time_eq, sizeof time_eq, "--time=%s", argv[i] + 8);
                    argv[i] = time_eq;
                } else {
                    argv[i] = "-t";
                }
                cmd = argv[1] = "frame";
                mr_cli_show_as("run --still"); /* complaints name what was typed */
                break;
            }
    for (int i = 0; i < NCOMMANDS; i++)
        if (!strcmp(cmd, commands[i].name)) {
            if (commands[i].run != cmd_help && mr_cli_wants_help(argc - 1, argv + 1))
                return help(cmd); /* moonreel run --help, as moonreel help run */
            int status = commands[i].run(argc - 1, argv + 1);
            mr_gpu_settle();
            mr_trace("command done");
            if (mr_gpu_ready()) {
                /* everything is written and closed; the driver frees the process's GPU state
                 * at exit anyway, and the CUDA runtime's exit handlers would add a sixth of a
                 * second to every command doing it first */
                fflush(NULL);
                _exit(status);
            }
            return status;
        }
    fprintf(stderr, "moonreel: unknown command '%s' (try 'moonreel help')\n", cmd);
    return 2;
}
