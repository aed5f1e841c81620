/* repl.c: `moonreel repl [script.lua]`: the edit API at an interactive Lua prompt (libedit:
 * history, completion, multi-line input), with previews in the terminal, in PNG files, and on
 * the preview page; reload() and watch() re-run the script. */
#include <editline/readline.h>
#include <errno.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bindings/lua_util.h"
#include "engine/gpu/gpu.h"
#include "engine/core/log.h"
#include "engine/ops/ops.h"
#include "engine/output/output.h"
#include "engine/render/render.h"
#include "interp/commands.h"
#include "interp/host.h"
#include "interp/progress.h"
#include "interp/repl_complete.h"
#include "interp/serve.h"
#include "interp/term_image.h"

/* One REPL per process: libedit's callbacks reach it here. */
static struct repl {
    lua_State *L;
    mr_host host;
    const char *script;
    struct timespec script_mtime;
    bool watching, eof, tty;
    mr_server *server;
    const char *listen;
    int port;
    struct mr_gpu *gpu;
    mr_clip *shown;          /* the clip last previewed, and when */
    double shown_t;
    bool shown_is_result;    /* it is the script's result: a re-run refreshes it */
    int preview_size;
    mr_term_kind term;
    int previews;            /* PNG files written */
    char *pending;           /* lines of an incomplete statement */
    char history[4096];
} R;

/* ---- previews ---------------------------------------------------------------------- */

/* The folder preview PNGs go to (made if missing): MOONREEL_PREVIEW_DIR, else the cache. */
static const char *preview_dir(void)
{
    static char dir[4096];
    const char *env = getenv("MOONREEL_PREVIEW_DIR"), *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (env)
        snprintf(dir, sizeof dir, "%s", env);
    else if (cache)
        snprintf(dir, sizeof dir, "%s/moonreel/previews", cache);
    else
        snprintf(dir, sizeof dir, "%s/.cache/moonreel/previews", home ? home : "/tmp");
    for (char *p = dir + 1; *p; p++) /* mkdir -p */
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0755);
            *p = '/';
        }
    mkdir(dir, 0755);
    return dir;
}

/* Shows clip at t: in the terminal if it shows pictures, else as a PNG file (its path
 * printed); and on the page if one is open. Returns 0, or -1 with err set. */
static int show_preview(mr_clip *clip, double t, mr_err *err)
{
    int w = clip->w, h = clip->h, size = R.preview_size;
    if (w > size || h > size) {
        double k = (double)size / (w > h ? w : h);
        w = (int)lround(w * k) > 0 ? (int)lround(w * k) : 1;
        h = (int)lround(h * k) > 0 ? (int)lround(h * k) : 1;
    }
    mr_clip *small = mr_clip_resize(clip, w, h, err);
    mr_frame *f = small ? mr_render_frame(small, t, R.gpu, &mr_interrupted, err) : NULL;
    mr_clip_unref(small);
    if (!f)
        return -1;
    int r = 0;
    mr_buf out = {0};
    uint8_t *png = NULL;
    size_t n = 0;
    if (R.term == MR_TERM_SIXEL) {
        r = mr_term_sixel(f, &out);
    } else if ((r = mr_png_encode(f, &png, &n, err)) == 0) {
        if (R.term == MR_TERM_KITTY)
            r = mr_term_kitty(png, n, &out);
        else if (R.term == MR_TERM_ITERM)
            r = mr_term_iterm(png, n, w, h, &out);
    }
    if (r == 0 && out.len) {
        fwrite(out.data, 1, out.len, stdout);
    } else if (r == 0) {
        char path[4200];
        FILE *fp = NULL;
        const char *dir = preview_dir();
        do { /* the next number free in the folder: other sessions write there too */
            snprintf(path, sizeof path, "%s/preview-%04d.png", dir, ++R.previews);
            fp = fopen(path, "wbx");
        } while (!fp && errno == EEXIST && R.previews < 100000);
        if (!fp || fwrite(png, 1, n, fp) != n)
            r = mr_err_set(err, "cannot write the preview '%s'", path);
        if (fp)
            fclose(fp);
        if (r == 0)
            printf("preview: %s (%dx%d at %.3f s)\n", path, w, h, t);
    }
    fflush(stdout);
    free(out.data);
    free(png);
    mr_frame_unref(f);
    if (r == 0 && R.server)
        mr_server_show(R.server, clip, t);
    return r;
}

static void remember(mr_clip *clip, double t, bool is_result)
{
    mr_clip_ref(clip);
    mr_clip_unref(R.shown);
    R.shown = clip;
    R.shown_t = t;
    R.shown_is_result = is_result;
}

/* preview(clip[, t][, {size = 960}]) */
static int l_preview(lua_State *L)
{
    mr_clip *clip = l_check_clip(L, 1);
    double t = lua_isnoneornil(L, 2) || lua_istable(L, 2) ? 0 : l_check_time(L, 2);
    int opts = lua_istable(L, 2) ? 2 : 3;
    R.preview_size = 960;
    static const char *const keys[] = {"size"};
    l_check_keys(L, opts, "preview", keys, 1);
    if (l_field(L, opts, "size") != LUA_TNIL) {
        R.preview_size = (int)l_check_integer(L, -1);
        if (!(R.preview_size > 0 && R.preview_size <= 16384))
            l_arg_error(L, -1, "size must be 1..16384");
        lua_pop(L, 1);
    }
    if (!clip->has_video)
        return luaL_error(L, "preview: the clip has no picture");
    mr_err err;
    if (show_preview(clip, t, &err) < 0)
        return l_fail(L, "preview", &err);
    lua_getglobal(L, "result"); /* a preview of the script's result is refreshed when it re-runs */
    remember(clip, t, mr_bindings_to_clip(L, -1) == clip);
    lua_pop(L, 1);
    return 0;
}

static int start_server(lua_State *L, int port)
{
    if (R.server)
        return 0;
    mr_err err;
    if (!(R.server = mr_server_start(R.listen, port, R.gpu, &err)))
        return L ? l_fail(L, "serve", &err) : (fprintf(stderr, "moonreel: %s\n", err.msg), -1);
    printf("preview page: %s\n", mr_server_url(R.server));
    fflush(stdout);
    if (R.shown)
        mr_server_show(R.server, R.shown, R.shown_t);
    if (R.host.last_error[0])
        mr_server_error(R.server, R.host.last_error);
    return 0;
}

/* serve([port]) -> the page's address */
static int l_serve(lua_State *L)
{
    start_server(L, (int)luaL_optinteger(L, 1, R.port));
    lua_pushstring(L, mr_server_url(R.server));
    return 1;
}

/* play(clip): plays it on the page (opening the page's server if needed) */
static int l_play(lua_State *L)
{
    mr_clip *clip = l_check_clip(L, 1);
    if (!R.server)
        start_server(L, R.port);
    remember(clip, 0, false);
    mr_server_show(R.server, clip, 0);
    mr_server_play(R.server);
    printf("playing on %s\n", mr_server_url(R.server));
    return 0;
}

/* ---- the script ------------------------------------------------------------------------ */

static struct timespec mtime_of(const char *path)
{
    struct stat st;
    struct timespec zero = {0, 0};
    return stat(path, &st) == 0 ? st.st_mtim : zero;
}

/* Runs the script: a table it returns becomes globals, anything else the global `result`;
 * the page and a preview of the previous result follow. Returns 0 or -1 (error printed). */
static int run_script(void)
{
    lua_State *L = R.L;
    R.script_mtime = mtime_of(R.script);
    if (mr_host_run_file(L, &R.host, R.script) < 0) {
        if (R.server)
            mr_server_error(R.server, R.host.last_error);
        return -1;
    }
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_type(L, -2) == LUA_TSTRING)
                lua_setglobal(L, lua_tostring(L, -2));
            else
                lua_pop(L, 1);
        }
    }
    lua_pushvalue(L, -1);
    lua_setglobal(L, "result");
    mr_clip *clip = mr_bindings_to_clip(L, -1);
    if (clip && clip->has_video) {
        double t = R.shown_is_result && R.shown_t < clip->duration ? R.shown_t : 0;
        mr_err err;
        if (R.shown_is_result && show_preview(clip, t, &err) < 0)
            fprintf(stderr, "preview: %s\n", err.msg);
        else if (!R.shown_is_result && R.server)
            mr_server_show(R.server, clip, t);
        remember(clip, t, true);
        if (R.server)
            mr_server_error(R.server, NULL);
    }
    lua_pop(L, 1);
    return 0;
}

static int l_reload(lua_State *L)
{
    if (!R.script)
        return luaL_error(L, "reload: the REPL was started without a script (moonreel repl edit.lua)");
    lua_pushboolean(L, run_script() == 0);
    return 1;
}

/* watch([on]): re-run the script whenever its file changes (watch(false) stops) */
static int l_watch(lua_State *L)
{
    if (!R.script)
        return luaL_error(L, "watch: the REPL was started without a script (moonreel repl edit.lua)");
    R.watching = lua_isnone(L, 1) || lua_toboolean(L, 1);
    R.script_mtime = mtime_of(R.script);
    printf(R.watching ? "watching %s\n" : "not watching %s\n", R.script);
    return 0;
}

static void watch_check(void)
{
    if (!R.watching)
        return;
    struct timespec m = mtime_of(R.script);
    if (m.tv_sec == R.script_mtime.tv_sec && m.tv_nsec == R.script_mtime.tv_nsec)
        return;
    printf("\n%s changed: running it again\n", R.script);
    run_script();
    mr_interrupted = 0;
    if (R.tty)
        rl_forced_update_display();
}

/* ---- reading and evaluating -------------------------------------------------------------- */

/* Evaluates input as lua.c does: as an expression whose values are printed, else as
 * statements. Returns 1 when the input is an incomplete statement (more lines wanted). */
static int evaluate(const char *input)
{
    lua_State *L = R.L;
    int top = lua_gettop(L);
    char *expr = malloc(strlen(input) + 16);
    sprintf(expr, "return %s;", input);
    int st = luaL_loadbuffer(L, expr, strlen(expr), "=stdin");
    free(expr);
    if (st != LUA_OK) {
        lua_pop(L, 1);
        st = luaL_loadbuffer(L, input, strlen(input), "=stdin");
        if (st == LUA_ERRSYNTAX) {
            size_t len;
            const char *msg = lua_tolstring(L, -1, &len);
            if (len >= 5 && !strcmp(msg + len - 5, "<eof>")) { /* the statement goes on */
                lua_settop(L, top);
                return 1;
            }
        }
    }
    if (st == LUA_OK)
        st = mr_host_pcall(L, 0, LUA_MULTRET);
    if (st != LUA_OK) {
        fprintf(stderr, "%s\n", lua_tostring(L, -1));
    } else {
        int n = lua_gettop(L) - top;
        for (int i = 1; i <= n; i++) {
            const char *s = luaL_tolstring(L, top + i, NULL);
            fputs(s, stdout);
            fputs(i < n ? "\t" : "\n", stdout);
            lua_pop(L, 1);
        }
    }
    fflush(stdout);
    fflush(stderr);
    lua_settop(L, top);
    mr_interrupted = 0;
    return 0;
}

static const char *prompt(void) { return R.pending ? ">> " : "> "; }

/* A line came (NULL: end of input). */
static void on_line(char *line)
{
    if (!line) {
        R.eof = true;
        return;
    }
    if (*line && R.tty)
        add_history(line);
    size_t old = R.pending ? strlen(R.pending) : 0;
    char *all = malloc(old + strlen(line) + 2);
    sprintf(all, "%s%s%s", R.pending ? R.pending : "", R.pending ? "\n" : "", line);
    free(R.pending);
    R.pending = NULL;
    free(line);
    if (evaluate(all) == 1)
        R.pending = all;
    else
        free(all);
    if (R.tty) {
        rl_callback_handler_remove();
        rl_callback_handler_install(prompt(), on_line);
    }
}

/* ---- the REPL's functions and its loop -------------------------------------------------- */

static const luaL_Reg repl_functions[] = {
    {"preview", l_preview}, {"serve", l_serve}, {"play", l_play}, {"reload", l_reload}, {"watch", l_watch},
    {NULL, NULL}};

int mr_cmd_repl(int argc, char **argv)
{
    mr_cli cli;
    if (mr_cli_parse_repl(argc, argv, &cli) < 0)
        return 2;
    R.script = cli.script;
    R.listen = cli.listen;
    R.port = cli.port;
    R.preview_size = 960;
    R.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    R.term = mr_term_detect(STDOUT_FILENO);
    R.host.defaults = cli.render;
    R.host.defaults.cancel = &mr_interrupted;
    mr_progress_attach(&R.host.defaults, cli.quiet);
    mr_err err;
    if (mr_backend_resolve(cli.render.backend, &R.gpu, &err) < 0) {
        fprintf(stderr, "moonreel: %s\n", err.msg);
        return 1;
    }
    R.L = mr_host_new_state(&R.host);
    lua_State *L = R.L;
    lua_pushglobaltable(L);
    luaL_setfuncs(L, repl_functions, 0);
    lua_pop(L, 1);
    if (mr_host_set_args(L, cli.sets, cli.nsets) < 0)
        return 2;
    mr_host_catch_interrupt(L);
    printf("moonreel %s REPL (%s): preview(clip, t) shows a frame%s; serve() opens the preview page; "
           "Ctrl-D leaves.\n", MR_VERSION, LUA_VERSION, R.term != MR_TERM_NONE ? " here" : " (as a PNG)");
    if (cli.serve && start_server(NULL, R.port) < 0)
        return 1;
    if (R.script)
        run_script();
    mr_interrupted = 0;

    if (!R.tty) { /* input from a pipe: read lines as they come */
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, stdin)) >= 0) {
            if (n && line[n - 1] == '\n')
                line[n - 1] = 0;
            on_line(strdup(line));
        }
        free(line);
    } else {
        const char *home = getenv("HOME");
        snprintf(R.history, sizeof R.history, "%s", getenv("MOONREEL_HISTORY") ? getenv("MOONREEL_HISTORY") : "");
        if (!R.history[0])
            snprintf(R.history, sizeof R.history, "%s/.moonreel_history", home ? home : ".");
        read_history(R.history);
        mr_repl_complete_init(L);
        rl_callback_handler_install(prompt(), on_line);
        while (!R.eof) {
            fd_set in;
            FD_ZERO(&in);
            FD_SET(STDIN_FILENO, &in);
            struct timeval tv = {0, 300000}; /* wake up to watch the script */
            int r = select(STDIN_FILENO + 1, &in, NULL, NULL, &tv);
            if (mr_interrupted) { /* Ctrl-C at the prompt: drop the line */
                mr_interrupted = 0;
                free(R.pending);
                R.pending = NULL;
                printf("^C\n");
                rl_callback_handler_remove();
                rl_callback_handler_install(prompt(), on_line);
                continue;
            }
            if (r > 0)
                rl_callback_read_char();
            else if (r == 0)
                watch_check();
            else if (errno != EINTR)
                break;
        }
        rl_callback_handler_remove();
        write_history(R.history);
        printf("\n");
    }
    mr_server_stop(R.server);
    mr_clip_unref(R.shown);
    free(R.pending);
    lua_close(L);
    return 0;
}
