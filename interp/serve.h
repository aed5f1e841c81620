/* serve.h: the preview page: a small HTTP server (libmicrohttpd) on the loopback address
 * (or another given one) that shows the current clip: a frame, a scrubber whose frames are
 * rendered on demand, play/pause, the clip's summary and the last error. Requests must carry
 * the random token of the page's URL; others are refused. */
#ifndef MR_SERVE_H
#define MR_SERVE_H

#include "engine/core/clip.h"
#include "engine/core/error.h"

struct mr_gpu;
typedef struct mr_server mr_server;

/* Starts serving on listen_addr (NULL: 127.0.0.1) and port (0: any free one), rendering on
 * gpu (NULL: the CPU). Returns NULL with err set when the port cannot be had. */
mr_server *mr_server_start(const char *listen_addr, int port, struct mr_gpu *gpu, mr_err *err);

/* The page's address, with its token. */
const char *mr_server_url(const mr_server *s);

/* Makes clip (a reference is taken) the page's clip, at time t; the page updates itself. */
void mr_server_show(mr_server *s, mr_clip *clip, double t);

/* Shows an error on the page (NULL clears it). */
void mr_server_error(mr_server *s, const char *msg);

/* Asks the page to play the current clip. */
void mr_server_play(mr_server *s);

void mr_server_stop(mr_server *s);

#endif
