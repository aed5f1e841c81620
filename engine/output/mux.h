/* mux.h: the container of an output: encoders hand it their packets, which it interleaves
 * into the file. The picture encoder (video_encoder.c) and the sound encoder (output.c) both
 * write through it, so neither calls the other's file: output.c opens and finishes the file
 * and drives the encoders; the encoders feed the mux. */
#ifndef MR_MUX_H
#define MR_MUX_H

#include <signal.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include "engine/core/error.h"

typedef struct mr_mux {
    AVFormatContext *oc;                  /* the container (owned by the output) */
    AVPacket *pkt;                        /* scratch for the packets (owned by the output) */
    const char *path;                     /* the file's name, for messages */
    const volatile sig_atomic_t *cancel;  /* set while finishing: non-zero stops a flush */
} mr_mux;

/* Sends f to enc (NULL: flush it) and writes every packet that comes out into stream st.
 * Returns 0, or -1 with err naming the encoder or the file ("interrupted" when a flush was
 * asked to stop). */
int mr_mux_encode(mr_mux *m, AVCodecContext *enc, AVStream *st, AVFrame *f, mr_err *err);

#endif
