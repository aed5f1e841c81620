/* render_opts.h: the one table of render options. The command line (--crf 20), render()'s
 * options ({crf = 20}) and batch read the same table, through the same parser per option, and
 * the engine checks every limit again in mr_render_opts_check, whoever filled the struct.
 * A value always arrives as text ("12.5", "1280x720", "true"): the Lua face turns numbers,
 * booleans and {w, h} tables into that text, so there is one rule per option. */
#ifndef MR_RENDER_OPTS_H
#define MR_RENDER_OPTS_H

#include <stdbool.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"

struct mr_render_opts;

#define MR_RENDER_MAX_THREADS 64   /* render workers and encoder threads, whoever asks */

/* How an option's text is read. */
typedef enum {
    MR_ROPT_STRING,   /* kept as is (a name: encoder, codec, preset) */
    MR_ROPT_INT,      /* a whole number in [min, max] */
    MR_ROPT_FPS,      /* frames per second: 25, 12.5, 29.97, "30000/1001" */
    MR_ROPT_SIZE,     /* "WxH" */
    MR_ROPT_BITRATE,  /* bits per second: 128000 or "128k" */
    MR_ROPT_BOOL,     /* true/false, yes/no, 1/0; a bare CLI flag is true (into a bool, or,
                       * for a `tristate` option, an int: 0 not given, 1 true, -1 false) */
    MR_ROPT_BACKEND,  /* auto, cpu, cuda */
    MR_ROPT_TIME,     /* seconds or "mm:ss.fff" */
    MR_ROPT_DICT,     /* "key=value": added to a char[1024] of such lines (given again: another line) */
    MR_ROPT_RANGE,    /* "T0,T1": two times (seconds or mm:ss.fff), T0 < T1, into double[2] */
    MR_ROPT_FRAMES,   /* "A-B": two frame numbers, A <= B, into int64_t[2] */
} mr_ropt_type;

typedef struct mr_render_opt {
    const char *name;   /* the key in Lua option tables: "encoder_threads" */
    const char *flag;   /* the command-line option: "encoder-threads" */
    mr_ropt_type type;
    size_t offset;      /* where the value goes in mr_render_opts (by type: const char *,
                         * int, mr_rational, int w and h, bool, mr_backend, double) */
    double min, max;    /* numbers: the range */
    double unset;       /* numbers: the value meaning "not given" (the default applies) */
    const char *doc;    /* one line, for help and errors */
    bool tristate;      /* MR_ROPT_BOOL: "not given" differs from false (the field is an int) */
} mr_render_opt;

/* Every render option, ending with a {NULL} entry. */
extern const mr_render_opt mr_render_opt_table[];

/* The option called `name` (Lua key or command-line flag), or NULL. */
const mr_render_opt *mr_render_opt_find(const char *name);

/* Reads `text` for option d into o. A string option keeps the pointer: text must outlive o.
 * Returns 0, or -1 with err saying what the option wants, for the caller to put after the
 * option's name as its user wrote it ("wants a whole number 0..63, got 'x'"). */
int mr_render_opt_set(struct mr_render_opts *o, const mr_render_opt *d, const char *text, mr_err *err);

/* Checks every limit of o (whoever filled it). Returns 0, or -1 with err naming the option. */
int mr_render_opts_check(const struct mr_render_opts *o, mr_err *err);

/* A frame rate as a fraction: whole numbers exactly, the NTSC rates (23.976, 29.97, 59.94,
 * and any n*1000/1001) as n*1000/1001, other decimals exactly ("12.5" -> 25/2), "N/D" as
 * written. Returns 0, or -1 with err set (not a rate in (0, 1000]). */
int mr_fps_parse(const char *text, mr_rational *fps, mr_err *err);

#endif
