/* media_policy.c: media reads held inside the allowed folders (see media_policy.h). */
#include "engine/media/media_policy.h"

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/media/demux.h"
#include "engine/media/sequence.h"

enum { MAX_DIRS = 16 };

static char dirs[MAX_DIRS][PATH_MAX];
static int ndirs;

/* The demuxers that read files named inside the one opened (playlists, lists, sequences,
 * subtitles beside an index, network sessions), which a restricted open never uses. */
static const char *const blocked_formats[] = {"hls", "applehttp", "dash", "concat", "image2", "imf", "vobsub", "sdp",
                                              "rtp", "rtsp", "sap", "avisynth", "vapoursynth", NULL};

static int (*default_io_open)(AVFormatContext *, AVIOContext **, const char *, int, AVDictionary **);
static char *allowed_formats; /* every demuxer of this FFmpeg but the blocked ones */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The file an FFmpeg open was refused in this thread (for the message). */
static _Thread_local char refused[PATH_MAX];

/* Whether any of the comma-separated names of a demuxer ("mov,mp4,...") is blocked. */
static bool format_blocked(const char *names)
{
    for (const char *p = names; p && *p;) {
        size_t n = strcspn(p, ",");
        for (int i = 0; blocked_formats[i]; i++)
            if (strlen(blocked_formats[i]) == n && !strncmp(p, blocked_formats[i], n))
                return true;
        p = p[n] ? p + n + 1 : NULL;
    }
    return false;
}

/* Once per process: FFmpeg's own io_open (from a fresh context) and the format whitelist.
 * On allocation failure the whitelist stays NULL and restricted opens refuse every file. */
static void init(void)
{
    AVFormatContext *s = avformat_alloc_context();
    if (s) {
        default_io_open = s->io_open;
        avformat_free_context(s);
    }
    size_t len = 1;
    void *it = NULL;
    const AVInputFormat *f;
    while ((f = av_demuxer_iterate(&it)))
        len += strlen(f->name) + 1;
    char *list = malloc(len);
    if (!list)
        return;
    list[0] = 0;
    it = NULL;
    while ((f = av_demuxer_iterate(&it))) {
        if (format_blocked(f->name))
            continue;
        if (list[0])
            strcat(list, ",");
        strcat(list, f->name);
    }
    allowed_formats = list;
}

int mr_media_policy_set(const char *const *d, int n, mr_err *err)
{
    if (n > MAX_DIRS)
        return mr_err_set(err, "at most %d folders may be allowed", MAX_DIRS);
    char real[MAX_DIRS][PATH_MAX];
    for (int i = 0; i < n; i++)
        if (!realpath(d[i], real[i]))
            return mr_err_set(err, "the allowed folder '%s' does not exist", d[i]);
    pthread_once(&once, init);
    memcpy(dirs, real, sizeof real[0] * (size_t)n);
    ndirs = n;
    return 0;
}

int mr_media_policy_active(void) { return ndirs > 0; }

/* Whether path (a plain path or a file: URL) lies under an allowed folder, by its real path;
 * a path that does not exist is judged by its folder. */
static bool inside(const char *url)
{
    const char *path = !strncmp(url, "file:", 5) ? url + 5 : url;
    char real[PATH_MAX], dir[PATH_MAX];
    if (!realpath(path, real)) {
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (!slash)
            return false; /* a relative name or another protocol: nothing to judge by */
        *slash = 0;
        if (!realpath(dir[0] ? dir : "/", real))
            return false;
    }
    for (int i = 0; i < ndirs; i++) {
        size_t k = strlen(dirs[i]);
        if (!strncmp(real, dirs[i], k) && (real[k] == '/' || real[k] == 0 || dirs[i][k - 1] == '/'))
            return true;
    }
    return false;
}

/* AVFormatContext.io_open of a restricted open: every file FFmpeg opens for it (the file
 * itself, segments, references) is checked first; writing is never asked for. */
static int checked_io_open(AVFormatContext *s, AVIOContext **pb, const char *url, int flags, AVDictionary **opts)
{
    if ((flags & AVIO_FLAG_WRITE) || !inside(url) || !default_io_open) {
        snprintf(refused, sizeof refused, "%s", url);
        return AVERROR(EACCES);
    }
    return default_io_open(s, pb, url, flags, opts);
}

/* After a restricted open failed: the kind of file at path when it is one of the blocked
 * demuxers (a second, plain look at its first bytes), else NULL. */
static const char *blocked_kind(const char *path)
{
    AVIOContext *pb = NULL;
    const AVInputFormat *f = NULL;
    if (!inside(path) || avio_open2(&pb, path, AVIO_FLAG_READ, NULL, NULL) < 0)
        return NULL;
    int r = av_probe_input_buffer2(pb, &f, path, NULL, 0, 0);
    avio_closep(&pb);
    return r >= 0 && f && format_blocked(f->name) ? f->name : NULL;
}

int mr_media_open_input(AVFormatContext **fmt, const char *path, mr_rational seq_rate, mr_err *err)
{
    *fmt = NULL;
    if (!mr_media_policy_active() && mr_sequence_is(path)) {
        AVDictionary *opts = NULL;
        if (mr_sequence_options(path, seq_rate, &opts, err) < 0)
            return -1;
        int r = avformat_open_input(fmt, path, av_find_input_format("image2"), &opts);
        av_dict_free(&opts);
        return r < 0 ? mr_err_av(err, r, "cannot open the image sequence '%s'", path) : 0;
    }
    if (!mr_media_policy_active()) {
        int r = avformat_open_input(fmt, path, NULL, NULL);
        return r < 0 ? mr_demux_open_error(err, path, r) : 0;
    }
    if (mr_sequence_is(path))
        return mr_err_set(err, "cannot open '%s': image sequences read many files, which a batch template may not "
                               "open (sandbox)", path);
    pthread_once(&once, init);
    refused[0] = 0;
    AVFormatContext *s = avformat_alloc_context();
    if (!s || !allowed_formats || !default_io_open) {
        avformat_free_context(s);
        return mr_err_set(err, "cannot open '%s': out of memory", path);
    }
    s->io_open = checked_io_open;
    s->protocol_whitelist = av_strdup("file");
    s->format_whitelist = av_strdup(allowed_formats);
    if (!s->protocol_whitelist || !s->format_whitelist) {
        avformat_free_context(s);
        return mr_err_set(err, "cannot open '%s': out of memory", path);
    }
    int r = avformat_open_input(&s, path, NULL, NULL); /* frees s on failure */
    if (r >= 0) {
        *fmt = s;
        return 0;
    }
    if (refused[0] && !strcmp(refused, path))
        return mr_err_set(err, "cannot open '%s': it is outside the folders this batch may read", path);
    if (refused[0])
        return mr_err_set(err, "cannot open '%s': it reads '%s', outside the folders this batch may read (sandbox)", path,
                          refused);
    const char *kind = blocked_kind(path);
    if (kind)
        return mr_err_set(err, "cannot open '%s': a file of kind '%s' reads other files named inside it, which a batch "
                               "template may not open (sandbox)", path, kind);
    return mr_demux_open_error(err, path, r);
}
