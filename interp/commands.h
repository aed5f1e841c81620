/* commands.h: the commands in files other than main.c, and what they share with it. */
#ifndef MR_COMMANDS_H
#define MR_COMMANDS_H

#include <lua.h>
#include "bindings/moonreel.h"
#include "interp/cli.h"

/* moonreel stubs [-o FILE]: LuaLS annotations of the API (stubs.c). */
int mr_cmd_stubs(int argc, char **argv);

/* For the commands that need the script's clip: a state for cli's script, run. Returns the
 * exit status (0: *clip is the returned clip, borrowed from *L's stack); *L is always set and
 * the caller closes it. */
int mr_load_clip(const mr_cli *cli, mr_host *host, lua_State **L, mr_clip **clip);

/* For the commands that evaluate every frame of the script's clip (checksum, compare): the
 * clip fitted to --size when given (a new reference the caller unrefs; NULL with err), and in
 * *fps --fps, else the clip's own rate, else 30. */
mr_clip *mr_clip_to_evaluate(const mr_cli *cli, mr_clip *clip, mr_rational *fps, mr_err *err);

/* Prints a line of a command's report (a callback for the engine's line-by-line reports). */
void mr_print_line(const char *text, void *ud);

int mr_cmd_probe(int argc, char **argv);
int mr_cmd_compare(int argc, char **argv);
int mr_cmd_repl(int argc, char **argv);
int mr_cmd_batch(int argc, char **argv);

#endif
