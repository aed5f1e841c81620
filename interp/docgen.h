/* docgen.h: the man page and the shell completions, written from the same command table as
 * `moonreel help` (interp/main.c) and the render options table, so they never drift. The
 * build writes them (`moonreel help --man`, `moonreel help --completion bash|zsh`) and
 * `cmake --install` installs them. */
#ifndef MR_DOCGEN_H
#define MR_DOCGEN_H

#include <stdbool.h>
#include <stdio.h>

/* One command as `moonreel help` shows it. */
typedef struct mr_cmd_doc {
    const char *name, *usage, *text;
    bool render_options; /* it takes the render options */
    const char *files;   /* the files its arguments are, as bash's extended glob ("*.lua"); NULL: none */
} mr_cmd_doc;

/* The man page (roff, section 1) of the n commands. */
void mr_write_man(FILE *out, const mr_cmd_doc *cmds, int n);

/* The completion script for shell ("bash" or "zsh"). Returns 0, or -1 for another shell. */
int mr_write_completion(FILE *out, const char *shell, const mr_cmd_doc *cmds, int n);

#endif
