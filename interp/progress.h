/* progress.h: the progress line of long renders, on stderr when it is a terminal. */
#ifndef MR_PROGRESS_H
#define MR_PROGRESS_H

#include <stdbool.h>
#include "engine/render/render.h"

/* Hooks the progress line into o unless quiet or stderr is not a terminal. */
void mr_progress_attach(mr_render_opts *o, bool quiet);

#endif
