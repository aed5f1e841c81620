/* output_internal.h: the output's state, which output.c (the file, the sound encoder) and
 * video_encoder.c (the picture encoder, conversions for it) share. Calls go one way:
 * output.c drives video_encoder.c, and both write packets through mux.c. Not for use
 * elsewhere. */
#ifndef MR_OUTPUT_INTERNAL_H
#define MR_OUTPUT_INTERNAL_H

#include <libavcodec/avcodec.h>
#include <stdatomic.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernel_params.h"
#include "engine/output/mux.h"
#include "engine/output/output.h"
#include "engine/output/part_file.h"

struct mr_output {
    char path[4096];
    mr_part part;             /* the temporary file written until it is complete */
    bool null;                /* render only: encode nothing, write nothing */
    mr_mux mux;               /* the container and its packet scratch (owned here) */
    /* picture */
    AVCodecContext *venc;
    AVStream *vst;
    int w, h;                 /* the picture */
    int W, H;                 /* what the encoder gets (even where chroma needs it) */
    enum AVPixelFormat vfmt;  /* the encoder's input layout (the sw_format for NVENC) */
    mr_gpu *gpu;              /* frames come from this GPU, or NULL */
    AVBufferRef *hw_frames;   /* NVENC: CUDA frames filled by our kernels */
    AVBufferPool *pool;       /* host picture buffers (page-locked when frames come from the GPU) */
    AVBufferPool *events;     /* GPU: one event per downloaded picture */
    int pic_size;
    mr_rgb2yuv_params yuv;
    bool copy;                /* the picture is copied as packets (video_copy.c) */
    AVRational copy_tb;       /* the copied packets' times: 1/fps */
    /* transparency */
    int alpha_mode;           /* mr_output_opts.alpha */
    bool transparent;         /* the picture is transparent (its first frame), as the caller said */
    bool alpha;               /* the encoder gets straight alpha (vfmt has an alpha channel) */
    bool alpha_possible;      /* the format could have held it (for the notice) */
    atomic_bool said_flat;    /* the notice that transparency was flattened was given */
    /* a PNG sequence: path is the pattern, picture n goes to its own file */
    bool seq;
    int64_t seq_done;         /* files 0 .. seq_done-1 are in place */
    bool seq_kept;            /* finished: the files stay */
    struct AVFilterGraph *gif_graph; /* gif: palette per frame */
    struct AVFilterContext *gif_src, *gif_sink;
    /* sound */
    AVCodecContext *aenc;
    AVStream *ast;
    AVAudioFifo *fifo;
    AVFrame *aframe;
    int64_t apts;
    float *planar;
    int planar_cap;
    const char *sample_format; /* mr_output_opts.sample_format (borrowed, for the .wav encoder) */
};

/* video_encoder.c: chooses and opens the picture encoder (NVENC first on a GPU when auto,
 * software otherwise or as the fallback, saying why), and adds its stream. 0 or -1. */
int mr_venc_open(mr_output *o, const mr_output_opts *opt, const char *codec_name, mr_rational fps, mr_err *err);

/* Encodes one converted picture (waiting for its download if it came from the GPU), or
 * flushes with pic NULL. Takes ownership of pic. 0 or -1. */
int mr_venc_send(mr_output *o, AVFrame *pic, mr_err *err);

/* Frees what mr_venc_open made. */
void mr_venc_close(mr_output *o);

/* The FFmpeg encoder for an encoder option (NULL, "auto", "nvenc", an alias or an FFmpeg
 * name) and the codec wanted; NULL with err set (err may be NULL). */
const AVCodec *mr_venc_find(const char *name, const char *codec, mr_err *err);

/* video_copy.c: adds the stream of a picture copied as packets, described by par, at fps.
 * 0, or -1 with err set (the container cannot hold the codec). */
int mr_vcopy_open(mr_output *o, const AVCodecParameters *par, mr_rational fps, mr_err *err);

/* png_seq.c: checks a PNG sequence's pattern (one number in it, a folder that exists) before
 * anything is rendered. 0, or -1 with err naming the path. */
int mr_seq_check(const char *pattern, mr_err *err);

/* Encodes one picture of a sequence (NULL: flush) and writes each file that comes out under
 * a part file renamed into place. 0 or -1 with err naming the file. */
int mr_seq_send(mr_output *o, AVFrame *pic, mr_err *err);

/* Removes the files of an unfinished sequence that this output put in place. */
void mr_seq_remove(mr_output *o);

/* After a finished sequence: says once on stderr when a file numbered after its last one is
 * there (an earlier, longer render's). */
void mr_seq_say_leftovers(const mr_output *o);


#endif
