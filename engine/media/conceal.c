/* conceal.c: a render's tally of the damaged frames it concealed, per file. */
#include "engine/media/conceal.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/log.h"

#define FILES 32   /* files counted by name; more are counted together */

typedef struct tally {
    char path[1024];
    long sound, picture;
} tally;

struct mr_conceal {
    pthread_mutex_t lock;
    tally files[FILES];
    int nfiles;
    long others_sound, others_picture;  /* of files past the first FILES */
    long total;
    /* the first damaged frame, for a strict render's message */
    char first_path[1024], first_why[256];
    bool first_sound;
    double first_t;
};

mr_conceal *mr_conceal_new(void)
{
    mr_conceal *c = calloc(1, sizeof *c);
    if (c)
        pthread_mutex_init(&c->lock, NULL);
    return c;
}

void mr_conceal_free(mr_conceal *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->lock);
    free(c);
}

void mr_conceal_note(mr_conceal *c, const char *path, bool sound, double t, const char *why)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    if (c->total++ == 0) {
        snprintf(c->first_path, sizeof c->first_path, "%s", path);
        snprintf(c->first_why, sizeof c->first_why, "%s", why ? why : "");
        c->first_sound = sound;
        c->first_t = t;
    }
    tally *f = NULL;
    for (int i = 0; i < c->nfiles && !f; i++)
        if (!strcmp(c->files[i].path, path))
            f = &c->files[i];
    if (!f && c->nfiles < FILES) {
        f = &c->files[c->nfiles++];
        snprintf(f->path, sizeof f->path, "%s", path);
    }
    if (f)
        sound ? f->sound++ : f->picture++;
    else
        sound ? c->others_sound++ : c->others_picture++;
    pthread_mutex_unlock(&c->lock);
}

long mr_conceal_count(mr_conceal *c)
{
    if (!c)
        return 0;
    pthread_mutex_lock(&c->lock);
    long n = c->total;
    pthread_mutex_unlock(&c->lock);
    return n;
}

int mr_conceal_first(mr_conceal *c, mr_err *err)
{
    pthread_mutex_lock(&c->lock);
    char at[64] = "";
    if (!isnan(c->first_t))
        snprintf(at, sizeof at, " at %.3f s", c->first_t);
    mr_err_set(err, "'%s': a damaged %s%s%s%s; --strict stops there instead of concealing it", c->first_path,
               c->first_sound ? "sound frame" : "picture", at, c->first_why[0] ? ": " : "", c->first_why);
    pthread_mutex_unlock(&c->lock);
    return -1;
}

/* "3 damaged sound frames concealed with silence, 1 damaged picture concealed" into buf. */
static void describe(long sound, long picture, char *buf, size_t n)
{
    char s[96] = "", p[96] = "";
    if (sound)
        snprintf(s, sizeof s, "%ld damaged sound frame%s concealed with silence", sound, sound == 1 ? "" : "s");
    if (picture)
        snprintf(p, sizeof p, "%ld damaged picture%s concealed", picture, picture == 1 ? "" : "s");
    snprintf(buf, n, "%s%s%s", s, sound && picture ? ", " : "", p);
}

void mr_conceal_report(mr_conceal *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    char what[256];
    for (int i = 0; i < c->nfiles; i++) {
        describe(c->files[i].sound, c->files[i].picture, what, sizeof what);
        mr_log("'%s': %s (--strict stops at them instead)", c->files[i].path, what);
    }
    if (c->others_sound || c->others_picture) {
        describe(c->others_sound, c->others_picture, what, sizeof what);
        mr_log("further files: %s (--strict stops at them instead)", what);
    }
    pthread_mutex_unlock(&c->lock);
}
