/* serve_internal.h: what the preview page's server files share (serve.c routes requests and
 * holds the state; serve_sound.c, serve_outline.c and serve_render.c answer one endpoint
 * each). Private to interp/serve*.c. */
#ifndef MR_SERVE_INTERNAL_H
#define MR_SERVE_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include "interp/serve.h"
#include "engine/render/render.h"

/* The page's render (serve_render.c): one at a time, on its own thread. Its fields below
 * `thread` are guarded by the server's lock. */
typedef struct mr_serve_render {
    pthread_t thread;
    bool joinable;                 /* a thread was started and not yet joined */
    volatile sig_atomic_t cancel;  /* set by mr_server_stop */
    mr_clip *clip;                 /* what it renders (owned until the thread ends) */
    mr_render_opts o;              /* its string options point into opts_text */
    char opts_text[1024];
    char path[4096];
    /* guarded by the lock: */
    enum { MR_SR_IDLE, MR_SR_RUNNING, MR_SR_DONE, MR_SR_FAILED } state;
    unsigned id;                   /* counts the renders started */
    int64_t done, total;
    double fps, eta;
    char error[1024];
} mr_serve_render;

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
    mr_serve_render render;
};

/* Queues a response of n bytes (data freed or kept by mode). Returns MHD's answer. */
enum MHD_Result mr_serve_reply(struct MHD_Connection *c, unsigned code, const char *type, void *data, size_t n,
                               enum MHD_ResponseMemoryMode mode);
enum MHD_Result mr_serve_reply_text(struct MHD_Connection *c, unsigned code, const char *text);
/* Queues j as compact JSON and drops the reference to j (500 if it cannot be written). */
enum MHD_Result mr_serve_reply_json(struct MHD_Connection *c, unsigned code, json_t *j);

/* A query argument, or NULL. */
const char *mr_serve_arg(struct MHD_Connection *c, const char *name);

/* A new reference to the page's clip (NULL if none), and the state's version then. */
mr_clip *mr_serve_clip(mr_server *s, unsigned *version);

/* GET /api/sound?t0&t1: the clip's sound (serve_sound.c). */
enum MHD_Result mr_serve_sound(mr_server *s, struct MHD_Connection *c);

/* GET /api/outline: the timeline's bars (serve_outline.c). */
enum MHD_Result mr_serve_outline(mr_server *s, struct MHD_Connection *c);

/* The clip that /api/frame shows for `solo` (NULL or "": clip itself, else the index of a
 * bar): a new reference, or NULL with err set. */
mr_clip *mr_serve_solo(mr_clip *clip, const char *solo, mr_err *err);

/* POST /api/render (start) and GET /api/render (progress) (serve_render.c). */
enum MHD_Result mr_serve_render_start(mr_server *s, struct MHD_Connection *c);
enum MHD_Result mr_serve_render_status(mr_server *s, struct MHD_Connection *c);

/* Cancels a render in progress and waits for its thread (before the server is freed). */
void mr_serve_render_stop(mr_server *s);

#endif
