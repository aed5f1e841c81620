/* host.h: the Lua state moonreel runs scripts in, and running them. */
#ifndef MR_HOST_H
#define MR_HOST_H

#include <lua.h>
#include <signal.h>
#include "bindings/moonreel.h"

/* Set by SIGINT or SIGTERM to the signal's number; renders and Lua code stop when it is set. */
extern volatile sig_atomic_t mr_interrupted;

/* The exit status of a command stopped by that signal: 130 after SIGINT, 143 after SIGTERM;
 * 0 when none came. */
int mr_host_interrupt_status(void);

/* A new Lua state with the standard libraries and moonreel installed for host. Exits the
 * process (status 1) if memory runs out. */
lua_State *mr_host_new_state(mr_host *host);

/* The seed the last state's math.random got: MOONREEL_RANDOM_SEED's when set, else a random
 * one. `run --segments` gives it to its segments' processes, so that a script drawing random
 * numbers makes the same edit in each. */
unsigned long long mr_host_random_seed(void);

/* Sets `args` from "key=value" strings (values that read as numbers become numbers).
 * Returns 0, or -1 after printing the bad one. */
int mr_host_set_args(lua_State *L, char **sets, int nsets);

/* Whether a script's error carries the Lua traceback under its line (off unless -v or
 * MOONREEL_TRACEBACK=1 said so). */
void mr_host_set_traceback(bool on);

/* Runs the script at path, leaving its first result on the stack. Returns 0, or -1 after
 * printing "file:line: message" (and the traceback when asked for) to stderr (also kept in
 * host->last_error). */
int mr_host_run_file(lua_State *L, mr_host *host, const char *path);

/* Calls the function below the nargs arguments on L's stack, with a traceback on error (when asked for) and
 * Ctrl-C able to stop it. Returns LUA_OK, or an error code with the message on the stack. */
int mr_host_pcall(lua_State *L, int nargs, int nresults);

/* Installs the SIGINT and SIGTERM handler (it also stops Lua code running in L). */
void mr_host_catch_interrupt(lua_State *L);

#endif
