/* progress.c: "frame 120/450  48.2 fps  26%  ETA 0:07", redrawn in place. */
#include "interp/progress.h"

#include <stdio.h>
#include <unistd.h>

static void print_progress(const mr_progress *p, void *ud)
{
    (void)ud;
    int pct = p->total > 0 ? (int)(100 * p->done / p->total) : 0;
    int eta = (int)(p->eta + 0.5);
    fprintf(stderr, "\r\033[Kframe %lld/%lld  %.1f fps  %d%%  ETA %d:%02d", (long long)p->done,
            (long long)p->total, p->fps, pct, eta / 60, eta % 60);
    if (p->done >= p->total)
        fputc('\n', stderr);
    fflush(stderr);
}

void mr_progress_attach(mr_render_opts *o, bool quiet)
{
    if (!quiet && isatty(STDERR_FILENO)) {
        o->progress = print_progress;
        o->progress_ud = NULL;
    }
}
