/* repl_complete.h: tab completion for the REPL (libedit): global names, a value's fields
 * and methods after `.` or `:` (v:re<TAB> -> resize), and file paths inside strings. */
#ifndef MR_REPL_COMPLETE_H
#define MR_REPL_COMPLETE_H

#include <lua.h>

/* Completes with the values of L (borrowed until the REPL ends). */
void mr_repl_complete_init(lua_State *L);

/* The candidates for `text` given the whole line so far (NULL-terminated, malloc'd strings
 * in a malloc'd array, or NULL). Exposed for the tests. */
char **mr_repl_candidates(lua_State *L, const char *line, const char *text);

#endif
