/* serve.c: the preview page's server. Each request runs on libmicrohttpd's own thread and
 * renders with its own evaluation context; the shared state (the clip, a version number that
 * changes with it, the last error) is guarded by one mutex. */
#include "interp/serve.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <math.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include "engine/ops/ops.h"
#include "engine/output/output.h"
#include "engine/render/render.h"
#include "engine/core/timefmt.h"

extern const char mr_preview_page[];   /* interp/preview_page.html, embedded at build time */

struct mr_server {
    struct MHD_Daemon *daemon;
    struct mr_gpu *gpu;
    char token[33];
    char url[256];
    pthread_mutex_t lock;
    pthread_cond_t changed;
    mr_clip *clip;
    double t;
    unsigned version, play;
    bool stopping;
    char error[2048];
};

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type, void *data, size_t n,
                             enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(n, data, mode);
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned code, const char *text)
{
    return reply(c, code, "text/plain; charset=utf-8", (void *)text, strlen(text), MHD_RESPMEM_MUST_COPY);
}

/* The page's state as JSON (called with the lock held). */
static char *state_json(mr_server *s)
{
    json_t *j = json_object();
    json_object_set_new(j, "version", json_integer(s->version));
    json_object_set_new(j, "play", json_integer(s->play));
    json_object_set_new(j, "t", json_real(s->t));
    json_object_set_new(j, "error", s->error[0] ? json_string(s->error) : json_null());
    if (s->clip && s->clip->has_video) {
        char sum[512];
        mr_clip_describe(s->clip, sum, sizeof sum);
        json_object_set_new(j, "summary", json_string(sum));
        json_object_set_new(j, "duration", isinf(s->clip->duration) ? json_null() : json_real(s->clip->duration));
        json_object_set_new(j, "fps", json_real(s->clip->fps.num ? mr_q2d(s->clip->fps) : 30));
        json_object_set_new(j, "w", json_integer(s->clip->w));
        json_object_set_new(j, "h", json_integer(s->clip->h));
    } else {
        json_object_set_new(j, "summary", s->clip ? json_string("a clip without a picture") : json_null());
    }
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

/* The frame of the current clip at t, no larger than `size` on its longest side, as PNG. */
static enum MHD_Result frame(mr_server *s, struct MHD_Connection *c, double t, int size)
{
    pthread_mutex_lock(&s->lock);
    mr_clip *clip = mr_clip_ref(s->clip);
    pthread_mutex_unlock(&s->lock);
    if (!clip || !clip->has_video) {
        mr_clip_unref(clip);
        return reply_text(c, MHD_HTTP_NOT_FOUND, "no clip to show");
    }
    mr_err err;
    int w = clip->w, h = clip->h;
    if (size > 0 && (w > size || h > size)) { /* shrink, keeping the shape */
        double k = (double)size / (w > h ? w : h);
        w = (int)lround(w * k) > 0 ? (int)lround(w * k) : 1;
        h = (int)lround(h * k) > 0 ? (int)lround(h * k) : 1;
    }
    mr_clip *shown = mr_clip_resize(clip, w, h, &err);
    double end = isinf(clip->duration) ? t : clip->duration - 1e-6;
    mr_frame *f = shown ? mr_render_frame(shown, t < 0 ? 0 : t > end ? end : t, s->gpu, NULL, &err) : NULL;
    uint8_t *png = NULL;
    size_t n = 0;
    int r = f ? mr_png_encode(f, &png, &n, &err) : -1;
    mr_frame_unref(f);
    mr_clip_unref(shown);
    mr_clip_unref(clip);
    if (r < 0)
        return reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, err.msg);
    return reply(c, MHD_HTTP_OK, "image/png", png, n, MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    mr_server *s = cls;
    if (strcmp(method, "GET") != 0)
        return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET");
    const char *token = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    if (!token || strcmp(token, s->token) != 0)
        return reply_text(c, MHD_HTTP_FORBIDDEN, "forbidden: this page's address carries a token; use the one moonreel printed");
    if (!strcmp(url, "/"))
        return reply(c, MHD_HTTP_OK, "text/html; charset=utf-8", (void *)mr_preview_page, strlen(mr_preview_page),
                     MHD_RESPMEM_PERSISTENT);
    if (!strcmp(url, "/api/frame")) {
        const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "t");
        const char *size = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "size");
        return frame(s, c, t ? atof(t) : 0, size ? atoi(size) : 960);
    }
    if (!strcmp(url, "/api/state") || !strcmp(url, "/api/wait")) {
        pthread_mutex_lock(&s->lock);
        const char *since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since");
        if (!strcmp(url, "/api/wait") && since) { /* long poll: until something changes, 20 s at most */
            unsigned v = (unsigned)strtoul(since, NULL, 10);
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 20;
            while (s->version == v && !s->stopping && pthread_cond_timedwait(&s->changed, &s->lock, &until) == 0)
                ;
        }
        char *json = state_json(s);
        pthread_mutex_unlock(&s->lock);
        return reply(c, MHD_HTTP_OK, "application/json", json, strlen(json), MHD_RESPMEM_MUST_FREE);
    }
    return reply_text(c, MHD_HTTP_NOT_FOUND, "not found");
}

mr_server *mr_server_start(const char *listen_addr, int port, struct mr_gpu *gpu, mr_err *err)
{
    mr_server *s = calloc(1, sizeof *s);
    if (!s) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    unsigned char rnd[16];
    if (getrandom(rnd, sizeof rnd, 0) != sizeof rnd) {
        free(s);
        mr_err_set(err, "no random numbers for the page's token");
        return NULL;
    }
    for (int i = 0; i < 16; i++)
        sprintf(s->token + 2 * i, "%02x", rnd[i]);
    s->gpu = gpu;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    const char *host = listen_addr ? listen_addr : "127.0.0.1";
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        mr_err_set(err, "cannot listen on '%s': give an IPv4 address such as 127.0.0.1 or 0.0.0.0", host);
        free(s);
        return NULL;
    }
    s->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG,
                                 0, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, &addr,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
    if (!s->daemon) {
        mr_err_set(err, "cannot serve the preview page on %s:%d (is the port taken?)", host, port);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    snprintf(s->url, sizeof s->url, "http://%s:%u/?token=%s", !strcmp(host, "0.0.0.0") ? "127.0.0.1" : host,
             info ? info->port : (unsigned)port, s->token);
    return s;
}

const char *mr_server_url(const mr_server *s) { return s->url; }

static void changed(mr_server *s)
{
    s->version++;
    pthread_cond_broadcast(&s->changed);
}

void mr_server_show(mr_server *s, mr_clip *clip, double t)
{
    pthread_mutex_lock(&s->lock);
    mr_clip_unref(s->clip);
    s->clip = mr_clip_ref(clip);
    s->t = t;
    s->error[0] = 0;
    changed(s);
    pthread_mutex_unlock(&s->lock);
}

void mr_server_error(mr_server *s, const char *msg)
{
    pthread_mutex_lock(&s->lock);
    snprintf(s->error, sizeof s->error, "%s", msg ? msg : "");
    changed(s);
    pthread_mutex_unlock(&s->lock);
}

void mr_server_play(mr_server *s)
{
    pthread_mutex_lock(&s->lock);
    s->play++;
    changed(s);
    pthread_mutex_unlock(&s->lock);
}

void mr_server_stop(mr_server *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock); /* wake the long polls, or stopping waits for them */
    s->stopping = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    MHD_stop_daemon(s->daemon);
    mr_clip_unref(s->clip);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
