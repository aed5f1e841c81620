/* cache.c: the process's cache of shared media objects. */
#include "engine/core/cache.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define ENTRIES 48

typedef struct entry {
    char kind[16], path[1024];
    struct timespec mtime;
    long long size;
    void *obj;
    void (*unref)(void *);
    unsigned long used;
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry entries[ENTRIES];
static unsigned long tick;

static bool same_file(const entry *e, const struct stat *st)
{
    return e->size == (long long)st->st_size && e->mtime.tv_sec == st->st_mtim.tv_sec &&
           e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

void *mr_cache_get(const char *kind, const char *path, void *(*ref)(void *))
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    void *obj = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < ENTRIES; i++) {
        entry *e = &entries[i];
        if (e->obj && !strcmp(e->kind, kind) && !strcmp(e->path, path)) {
            if (same_file(e, &st)) {
                obj = ref(e->obj);
                e->used = ++tick;
            } else { /* the file changed: forget it */
                e->unref(e->obj);
                e->obj = NULL;
            }
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return obj;
}

void mr_cache_put(const char *kind, const char *path, void *obj, void *(*ref)(void *), void (*unref)(void *))
{
    struct stat st;
    if (stat(path, &st) != 0 || strlen(path) >= sizeof entries[0].path)
        return;
    pthread_mutex_lock(&lock);
    /* at most `most` of a kind (open media hold decoders and their frames: few of them) */
    int most = !strcmp(kind, "media") ? 8 : 40, have = 0;
    entry *slot = NULL, *oldest = NULL;
    for (int i = 0; i < ENTRIES; i++) {
        entry *e = &entries[i];
        if (!e->obj) {
            if (!slot)
                slot = e;
        } else if (!strcmp(e->kind, kind)) {
            have++;
            if (!oldest || e->used < oldest->used)
                oldest = e;
        }
    }
    if (have >= most || !slot)
        slot = oldest ? oldest : &entries[0];
    if (slot->obj)
        slot->unref(slot->obj);
    snprintf(slot->kind, sizeof slot->kind, "%s", kind);
    snprintf(slot->path, sizeof slot->path, "%s", path);
    slot->mtime = st.st_mtim;
    slot->size = (long long)st.st_size;
    slot->obj = ref(obj);
    slot->unref = unref;
    slot->used = ++tick;
    pthread_mutex_unlock(&lock);
}
