/* serve.c: the preview page's server: the shared state and the routing. Each request runs on
 * libmicrohttpd's own thread and renders with its own evaluation context; the shared state
 * (the clip, a version number that changes with it, the last error, the page's render) is
 * guarded by one mutex. Every endpoint but the favicon needs the token; request bodies are
 * refused, and headers are bounded by libmicrohttpd's per-connection memory. */
#include "interp/serve_internal.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include "engine/ops/ops.h"
#include "engine/output/output.h"
#include "engine/core/timefmt.h"

extern const char mr_preview_page[];   /* interp/preview_page.html, embedded at build time */

#define MAX_SIDE 16384   /* the largest frame side a request may ask for */

enum MHD_Result mr_serve_reply(struct MHD_Connection *c, unsigned code, const char *type, void *data, size_t n,
                               enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(n, data, mode);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ret = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    return ret;
}

enum MHD_Result mr_serve_reply_text(struct MHD_Connection *c, unsigned code, const char *text)
{
    return mr_serve_reply(c, code, "text/plain; charset=utf-8", (void *)text, strlen(text), MHD_RESPMEM_MUST_COPY);
}

enum MHD_Result mr_serve_reply_json(struct MHD_Connection *c, unsigned code, json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!text)
        return mr_serve_reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return mr_serve_reply(c, code, "application/json", text, strlen(text), MHD_RESPMEM_MUST_FREE);
}

const char *mr_serve_arg(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

mr_clip *mr_serve_clip(mr_server *s, unsigned *version)
{
    pthread_mutex_lock(&s->lock);
    mr_clip *clip = mr_clip_ref(s->clip);
    if (version)
        *version = s->version;
    pthread_mutex_unlock(&s->lock);
    return clip;
}

/* The page's state as JSON (called with the lock held); NULL when out of memory. */
static json_t *state_json(mr_server *s)
{
    json_t *j = json_object();
    json_object_set_new(j, "version", json_integer(s->version));
    json_object_set_new(j, "play", json_integer(s->play));
    json_object_set_new(j, "t", json_real(s->t));
    json_object_set_new(j, "error", s->error[0] ? json_string(s->error) : json_null());
    if (s->clip && s->clip->has_video) {
        char sum[512];
        mr_clip_describe(s->clip, sum, sizeof sum);
        mr_rational fps = s->clip->fps.num ? s->clip->fps : (mr_rational){30, 1};
        json_object_set_new(j, "summary", json_string(sum));
        json_object_set_new(j, "duration", isinf(s->clip->duration) ? json_null() : json_real(s->clip->duration));
        json_object_set_new(j, "fps", json_real(mr_q2d(fps)));
        json_object_set_new(j, "frames", isinf(s->clip->duration) ? json_null()
                                                                  : json_integer(mr_frame_count(s->clip->duration, fps)));
        json_object_set_new(j, "w", json_integer(s->clip->w));
        json_object_set_new(j, "h", json_integer(s->clip->h));
        json_object_set_new(j, "audio", json_boolean(s->clip->has_audio));
    } else {
        json_object_set_new(j, "summary", s->clip ? json_string("a clip without a picture") : json_null());
    }
    return j;
}

/* The size a frame is drawn at: the clip's w x h shrunk (never grown), keeping its shape, to
 * fit inside fit_w x fit_h (0: no limit on that side). */
static void fit_size(int w, int h, int fit_w, int fit_h, int *ow, int *oh)
{
    double k = 1;
    if (fit_w > 0 && w > fit_w)
        k = fmin(k, (double)fit_w / w);
    if (fit_h > 0 && h > fit_h)
        k = fmin(k, (double)fit_h / h);
    *ow = k < 1 ? (int)lround(w * k) : w;
    *oh = k < 1 ? (int)lround(h * k) : h;
    if (*ow < 1)
        *ow = 1;
    if (*oh < 1)
        *oh = 1;
}

/* The argument `name` as a whole number in [0, MAX_SIDE], or def when absent. */
static int side_arg(struct MHD_Connection *c, const char *name, int def)
{
    const char *v = mr_serve_arg(c, name);
    long n = v ? strtol(v, NULL, 10) : def;
    return n < 0 ? 0 : n > MAX_SIDE ? MAX_SIDE : (int)n;
}

/* GET /api/frame?t&w&h[&solo]: the frame at t (of the solo bar's clip when asked), fitted
 * inside w x h (or `size` on its longest side; default 960) and never larger than the clip,
 * as PNG. 404 without a clip, 400 for a bad solo, 500 with the engine's message. */
static enum MHD_Result frame(mr_server *s, struct MHD_Connection *c)
{
    const char *ts = mr_serve_arg(c, "t");
    double t = ts ? atof(ts) : 0;
    if (!isfinite(t))
        t = 0;
    int size = side_arg(c, "size", 960), fit_w = side_arg(c, "w", size), fit_h = side_arg(c, "h", size);
    mr_clip *clip = mr_serve_clip(s, NULL);
    if (!clip || !clip->has_video) {
        mr_clip_unref(clip);
        return mr_serve_reply_text(c, MHD_HTTP_NOT_FOUND, "no clip to show");
    }
    mr_err err;
    mr_clip *src = mr_serve_solo(clip, mr_serve_arg(c, "solo"), &err);
    if (!src) {
        mr_clip_unref(clip);
        return mr_serve_reply_text(c, MHD_HTTP_BAD_REQUEST, err.msg);
    }
    int w, h;
    fit_size(clip->w, clip->h, fit_w, fit_h, &w, &h);
    mr_clip *shown = mr_clip_resize(src, w, h, &err);
    double end = isinf(clip->duration) ? t : clip->duration - 1e-6;
    mr_frame *f = shown ? mr_render_frame(shown, t < 0 ? 0 : t > end ? end : t, s->gpu, NULL, &err) : NULL;
    uint8_t *png = NULL;
    size_t n = 0;
    int r = f ? mr_png_encode(f, &png, &n, &err) : -1;
    mr_frame_unref(f);
    mr_clip_unref(shown);
    mr_clip_unref(src);
    mr_clip_unref(clip);
    if (r < 0)
        return mr_serve_reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, err.msg);
    return mr_serve_reply(c, MHD_HTTP_OK, "image/png", png, n, MHD_RESPMEM_MUST_FREE);
}

/* GET /api/state, /api/wait?since=V (a long poll: until the version differs, 20 s at most). */
static enum MHD_Result state(mr_server *s, struct MHD_Connection *c, bool wait)
{
    pthread_mutex_lock(&s->lock);
    const char *since = mr_serve_arg(c, "since");
    if (wait && since) {
        unsigned v = (unsigned)strtoul(since, NULL, 10);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 20;
        while (s->version == v && !s->stopping && pthread_cond_timedwait(&s->changed, &s->lock, &until) == 0)
            ;
    }
    json_t *j = state_json(s);
    pthread_mutex_unlock(&s->lock);
    return mr_serve_reply_json(c, MHD_HTTP_OK, j);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con)
{
    static int seen, refused; /* *con: a POST's headers were seen; its body was refused */
    mr_server *s = cls;
    (void)version, (void)upload;
    if (!strcmp(url, "/favicon.ico")) /* the page has its icon inline; an old tab may still ask */
        return mr_serve_reply(c, MHD_HTTP_NO_CONTENT, "image/x-icon", "", 0, MHD_RESPMEM_PERSISTENT);
    bool post = !strcmp(method, "POST");
    if (!post && strcmp(method, "GET") != 0)
        return mr_serve_reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and POST");
    const char *token = mr_serve_arg(c, "token");
    if (!token || strcmp(token, s->token) != 0)
        return mr_serve_reply_text(c, MHD_HTTP_FORBIDDEN,
                                   "forbidden: this page's address carries a token; use the one moonreel printed");
    if (post) { /* the page sends its arguments in the query: a body is refused, unread */
        const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (!*con && length && strcmp(length, "0") != 0)
            return mr_serve_reply_text(c, MHD_HTTP_CONTENT_TOO_LARGE, "no request body is accepted");
        if (!*con) {
            *con = &seen;
            return MHD_YES;
        }
        if (*upload_size) { /* a chunked body: dropped, then refused at its end */
            *upload_size = 0;
            *con = &refused;
            return MHD_YES;
        }
        if (*con == &refused)
            return mr_serve_reply_text(c, MHD_HTTP_CONTENT_TOO_LARGE, "no request body is accepted");
        if (!strcmp(url, "/api/render"))
            return mr_serve_render_start(s, c);
        return mr_serve_reply_text(c, MHD_HTTP_NOT_FOUND, "not found");
    }
    if (!strcmp(url, "/"))
        return mr_serve_reply(c, MHD_HTTP_OK, "text/html; charset=utf-8", (void *)mr_preview_page,
                              strlen(mr_preview_page), MHD_RESPMEM_PERSISTENT);
    if (!strcmp(url, "/api/frame"))
        return frame(s, c);
    if (!strcmp(url, "/api/sound"))
        return mr_serve_sound(s, c);
    if (!strcmp(url, "/api/outline"))
        return mr_serve_outline(s, c);
    if (!strcmp(url, "/api/render"))
        return mr_serve_render_status(s, c);
    if (!strcmp(url, "/api/state") || !strcmp(url, "/api/wait"))
        return state(s, c, !strcmp(url, "/api/wait"));
    return mr_serve_reply_text(c, MHD_HTTP_NOT_FOUND, "not found");
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
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768, /* the request's headers */
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_END);
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
    mr_serve_render_stop(s); /* after the daemon: no request can start another */
    mr_clip_unref(s->clip);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
