/* serve_render.c: the page's "Render" button. POST /api/render?path&t0&t1&opts&replace
 * renders the page's clip (its [t0, t1) when given) to path on a thread of its own, one
 * render at a time; GET /api/render says how far it is, and where it would write by default
 * (NAME_render.mp4 beside the script that made the clip). An existing file is replaced only
 * when asked (replace=1); the engine writes a temporary file and renames it at the end, so a
 * failed render leaves nothing. */
#include "interp/serve_internal.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/ops/ops.h"
#include "engine/render/render_opts.h"

/* The render's progress callback (on the render's thread): copies p under the lock. */
static void progress(const mr_progress *p, void *ud)
{
    mr_server *s = ud;
    pthread_mutex_lock(&s->lock);
    s->render.done = p->done;
    s->render.total = p->total;
    s->render.fps = p->fps;
    s->render.eta = p->eta;
    pthread_mutex_unlock(&s->lock);
}

/* The render's thread: renders, then records the outcome and drops its clip. */
static void *render_thread(void *arg)
{
    mr_server *s = arg;
    mr_serve_render *r = &s->render;
    mr_err err;
    int ret = mr_render(r->clip, r->path, &r->o, &err);
    pthread_mutex_lock(&s->lock);
    r->state = ret == 0 ? MR_SR_DONE : MR_SR_FAILED;
    snprintf(r->error, sizeof r->error, "%s", ret == 0 ? "" : err.msg);
    if (ret == 0)
        r->done = r->total;
    pthread_mutex_unlock(&s->lock);
    mr_clip_unref(r->clip);
    r->clip = NULL;
    return NULL;
}

/* Where a render of clip goes unless the page says otherwise: beside the script named by the
 * clip's origin ("dir/edit.lua:12" -> "dir/edit_render.mp4"), else in the working folder;
 * "_2", "_3", ... added until the name is free. Writes into out (n bytes). */
static void default_path(const mr_clip *clip, char *out, size_t n)
{
    char script[PATH_MAX] = "", dir[PATH_MAX], base[256] = "moonreel";
    snprintf(script, sizeof script, "%s", clip ? clip->origin : "");
    char *colon = strrchr(script, ':');
    if (colon)
        *colon = 0;
    size_t len = strlen(script);
    char real[PATH_MAX];
    if (len > 4 && !strcmp(script + len - 4, ".lua") && realpath(script, real)) {
        char *slash = strrchr(real, '/');
        *slash = 0;
        snprintf(dir, sizeof dir, "%s", real[0] ? real : "/");
        snprintf(base, sizeof base, "%.*s", (int)strlen(slash + 1) - 4, slash + 1);
    } else if (!getcwd(dir, sizeof dir)) {
        snprintf(dir, sizeof dir, ".");
    }
    snprintf(out, n, "%s/%s_render.mp4", dir, base);
    for (int i = 2; i < 1000 && access(out, F_OK) == 0; i++)
        snprintf(out, n, "%s/%s_render_%d.mp4", dir, base, i);
}

/* Reads "key=value key=value" (spaces or commas between) into o, the render option table's
 * names. Keeps pointers into text (which must outlive o). Returns 0, or -1 with err set. */
static int parse_opts(char *text, mr_render_opts *o, mr_err *err)
{
    for (char *save = NULL, *kv = strtok_r(text, " ,\t\n", &save); kv; kv = strtok_r(NULL, " ,\t\n", &save)) {
        char *eq = strchr(kv, '=');
        if (!eq) {
            mr_err_set(err, "render option '%.60s': write it as key=value (crf=20)", kv);
            return -1;
        }
        *eq = 0;
        const mr_render_opt *d = mr_render_opt_find(kv);
        if (!d) {
            mr_err_set(err, "unknown render option '%.60s' (moonreel help render lists them)", kv);
            return -1;
        }
        mr_err e;
        if (mr_render_opt_set(o, d, eq + 1, &e) < 0) {
            mr_err_set(err, "render option %s %s", kv, e.msg);
            return -1;
        }
    }
    return mr_render_opts_check(o, err);
}

/* The clip to render: clip, or its [t0, t1) when the page sent a range. NULL with err set. */
static mr_clip *ranged(mr_clip *clip, const char *t0s, const char *t1s, mr_err *err)
{
    if (!t0s || !t1s || !*t0s || !*t1s)
        return mr_clip_ref(clip);
    double t0 = atof(t0s), t1 = atof(t1s);
    if (!isfinite(t0) || !isfinite(t1) || t0 < 0 || t1 <= t0) {
        mr_err_set(err, "render: the range %.40s..%.40s is empty", t0s, t1s);
        return NULL;
    }
    return mr_clip_sub(clip, t0, t1, err);
}

/* Starts a render (start_locked, one request at a time): 200 with the status, 400 for bad
 * options or range, 404 without a clip, 409 when one is running or the file exists (without
 * replace=1). */
static enum MHD_Result start_locked(mr_server *s, struct MHD_Connection *c)
{
    mr_serve_render *r = &s->render;
    const char *path = mr_serve_arg(c, "path"), *opts = mr_serve_arg(c, "opts"), *replace = mr_serve_arg(c, "replace");
    if (!path || !*path || strlen(path) >= sizeof r->path)
        return mr_serve_reply_text(c, MHD_HTTP_BAD_REQUEST, "render: give the file to write (path=...)");
    if (opts && strlen(opts) >= sizeof r->opts_text)
        return mr_serve_reply_text(c, MHD_HTTP_BAD_REQUEST, "render: the options are too long");
    if (!(replace && !strcmp(replace, "1")) && access(path, F_OK) == 0) {
        char msg[4200];
        snprintf(msg, sizeof msg, "%s exists: tick \"replace\" to write over it, or change the name", path);
        return mr_serve_reply_text(c, MHD_HTTP_CONFLICT, msg);
    }
    pthread_mutex_lock(&s->lock);
    bool busy = r->state == MR_SR_RUNNING;
    pthread_mutex_unlock(&s->lock);
    if (busy)
        return mr_serve_reply_text(c, MHD_HTTP_CONFLICT, "a render is running: wait for it to end");
    if (r->joinable) { /* the last one has ended: its thread is done with r */
        pthread_join(r->thread, NULL);
        r->joinable = false;
    }
    mr_clip *clip = mr_serve_clip(s, NULL);
    if (!clip)
        return mr_serve_reply_text(c, MHD_HTTP_NOT_FOUND, "no clip to render");
    mr_err err;
    r->o = mr_render_opts_default();
    r->o.backend = s->gpu ? MR_BACKEND_CUDA : MR_BACKEND_CPU; /* where the page renders, unless told */
    snprintf(r->opts_text, sizeof r->opts_text, "%s", opts ? opts : "");
    mr_clip *what = parse_opts(r->opts_text, &r->o, &err) < 0 ? NULL
                    : ranged(clip, mr_serve_arg(c, "t0"), mr_serve_arg(c, "t1"), &err);
    mr_clip_unref(clip);
    if (!what)
        return mr_serve_reply_text(c, MHD_HTTP_BAD_REQUEST, err.msg);
    r->o.progress = progress;
    r->o.progress_ud = s;
    r->o.cancel = &r->cancel;
    r->clip = what;
    snprintf(r->path, sizeof r->path, "%s", path);
    pthread_mutex_lock(&s->lock);
    r->state = MR_SR_RUNNING;
    r->id++;
    r->done = r->fps = r->eta = 0;
    r->total = what->fps.num && !isinf(what->duration) ? mr_frame_count(what->duration, what->fps) : 0;
    r->error[0] = 0;
    pthread_mutex_unlock(&s->lock);
    if (pthread_create(&r->thread, NULL, render_thread, s) != 0) {
        mr_clip_unref(r->clip);
        r->clip = NULL;
        pthread_mutex_lock(&s->lock);
        r->state = MR_SR_FAILED;
        snprintf(r->error, sizeof r->error, "render: cannot start a thread");
        pthread_mutex_unlock(&s->lock);
        return mr_serve_reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "render: cannot start a thread");
    }
    r->joinable = true;
    return mr_serve_render_status(s, c);
}

enum MHD_Result mr_serve_render_start(mr_server *s, struct MHD_Connection *c)
{
    static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER; /* two clicks, one render */
    pthread_mutex_lock(&start_lock);
    enum MHD_Result ret = start_locked(s, c);
    pthread_mutex_unlock(&start_lock);
    return ret;
}

/* Answers {"state": "idle"|"running"|"done"|"failed", "id", "done", "total", "fps", "eta",
 * "path", "error", "default_path"}. */
enum MHD_Result mr_serve_render_status(mr_server *s, struct MHD_Connection *c)
{
    static const char *const states[] = {"idle", "running", "done", "failed"};
    mr_clip *clip = mr_serve_clip(s, NULL);
    char def[PATH_MAX + 32];
    default_path(clip, def, sizeof def);
    mr_clip_unref(clip);
    mr_serve_render *r = &s->render;
    json_t *j = json_object();
    pthread_mutex_lock(&s->lock);
    json_object_set_new(j, "state", json_string(states[r->state]));
    json_object_set_new(j, "id", json_integer(r->id));
    json_object_set_new(j, "done", json_integer(r->done));
    json_object_set_new(j, "total", json_integer(r->total));
    json_object_set_new(j, "fps", json_real(r->fps));
    json_object_set_new(j, "eta", json_real(r->eta));
    json_object_set_new(j, "path", json_string(r->path));
    json_object_set_new(j, "error", json_string(r->error));
    pthread_mutex_unlock(&s->lock);
    json_object_set_new(j, "default_path", json_string(def));
    return mr_serve_reply_json(c, MHD_HTTP_OK, j);
}

void mr_serve_render_stop(mr_server *s)
{
    s->render.cancel = 1;
    if (s->render.joinable)
        pthread_join(s->render.thread, NULL);
    s->render.joinable = false;
    mr_clip_unref(s->render.clip);
    s->render.clip = NULL;
}
