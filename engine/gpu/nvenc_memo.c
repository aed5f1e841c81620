/* nvenc_memo.c: NVENC refusals remembered in a small file per GPU, driver and codec. */
#include "engine/gpu/nvenc_memo.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MEMO_MAX 8

/* The process's own memory of refusals: used when the file cannot be written or read. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char key[192];
    char why[512];
} kept[MEMO_MAX];

/* The memo's folder in dir[n] ("" when there is no home to keep it in). */
static void folder(char *dir, size_t n)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        snprintf(dir, n, "%s/moonreel/nvenc-refused", xdg);
    else if (home && *home == '/')
        snprintf(dir, n, "%s/.cache/moonreel/nvenc-refused", home);
    else
        *dir = 0;
}

/* "GPU-ab12 driver 580.1" + "h264" -> "GPU-ab12_driver_580.1-h264": a file name. */
static void key_of(const char *identity, const char *codec, char *key, size_t n)
{
    snprintf(key, n, "%s-%s", identity, codec);
    for (char *p = key; *p; p++)
        if (!(*p == '-' || *p == '.' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            *p = '_';
}

/* Creates dir and its parents; 0 or -1. */
static int make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            int r = mkdir(dir, 0755);
            *p = '/';
            if (r < 0 && errno != EEXIST)
                return -1;
        }
    return mkdir(dir, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

mr_nvenc_known mr_nvenc_memo_get(const char *identity, const char *codec, char *why, size_t n)
{
    char key[192], dir[1024], path[1400];
    if (!identity || !*identity)
        return MR_NVENC_NOT_REFUSED;
    key_of(identity, codec, key, sizeof key);
    bool found = false;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MEMO_MAX && !found; i++)
        if (!strcmp(kept[i].key, key)) {
            snprintf(why, n, "%s", kept[i].why);
            found = true;
        }
    pthread_mutex_unlock(&lock);
    if (found)
        return MR_NVENC_REFUSED_HERE;
    folder(dir, sizeof dir);
    if (!*dir)
        return MR_NVENC_NOT_REFUSED;
    snprintf(path, sizeof path, "%s/%s", dir, key);
    FILE *f = fopen(path, "r");
    if (!f)
        return MR_NVENC_NOT_REFUSED;
    size_t len = fread(why, 1, n - 1, f);
    fclose(f);
    why[len] = 0;
    why[strcspn(why, "\n")] = 0;
    return len > 0 ? MR_NVENC_REFUSED_BEFORE : MR_NVENC_NOT_REFUSED;
}

void mr_nvenc_memo_set(const char *identity, const char *codec, const char *why)
{
    char key[192], dir[1024], path[1400], tmp[1500];
    if (!identity || !*identity)
        return;
    key_of(identity, codec, key, sizeof key);
    pthread_mutex_lock(&lock);
    int slot = -1;
    for (int i = 0; i < MEMO_MAX; i++)
        if (!strcmp(kept[i].key, key) || (slot < 0 && !kept[i].key[0]))
            slot = i;
    if (slot >= 0 && why) {
        snprintf(kept[slot].key, sizeof kept[slot].key, "%s", key);
        snprintf(kept[slot].why, sizeof kept[slot].why, "%s", why);
    } else if (slot >= 0 && !strcmp(kept[slot].key, key)) {
        kept[slot].key[0] = 0;
    }
    pthread_mutex_unlock(&lock);
    folder(dir, sizeof dir);
    if (!*dir)
        return;
    snprintf(path, sizeof path, "%s/%s", dir, key);
    if (!why) {
        unlink(path);
        return;
    }
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = make_dirs(dir) == 0 ? fopen(tmp, "w") : NULL;
    if (!f)
        return;
    bool ok = fprintf(f, "%s\n", why) > 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) < 0)
        unlink(tmp);
}
