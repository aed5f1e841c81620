/* probe.h: what this machine's GPU does for moonreel, found by trying it: the devices, whether
 * NVDEC decodes each codec (a short stream is made and decoded), whether NVENC opens for each
 * codec, and what `auto` picks. For `moonreel probe` ("why is my GPU not used?"), which prints
 * the report as text or as JSON (interp/cmd_gpu.c). */
#ifndef MR_PROBE_H
#define MR_PROBE_H

#include <stdbool.h>

#define MR_PROBE_CODECS 4

typedef enum { MR_PROBE_NO, MR_PROBE_YES, MR_PROBE_NOT_TRIED } mr_probe_answer;

/* One codec: NVDEC tried on a stream made by its software encoder, NVENC opened. */
typedef struct mr_probe_codec {
    const char *codec;          /* "h264", "hevc", "vp9", "av1" */
    const char *software;       /* the software encoder that makes the test stream, and encodes without NVENC */
    mr_probe_answer nvdec;
    char nvdec_why[256];        /* NO: the decoder's reason; NOT_TRIED: why not */
    const char *nvenc;          /* the NVENC encoder's name, or NULL (none for this codec) */
    mr_probe_answer nvenc_opens;
    char nvenc_why[256];        /* NO: why it does not open */
} mr_probe_codec;

typedef struct mr_probe_report {
    bool built;                 /* the CUDA engine is compiled in */
    bool gpu;                   /* a GPU moonreel can use */
    char gpu_why[256];          /* without one: why */
    char gpu_name[128];
    double gpu_memory_gib;
    int cuda_version;           /* the driver's CUDA version, 1000 major + 10 minor */
    mr_probe_codec codecs[MR_PROBE_CODECS];
    int ncodecs;                /* 0 without a GPU */
    const char *auto_backend;   /* what --backend auto picks: "cpu" or "cuda" */
    char auto_encoder[32];      /* and --encoder auto for h264 */
    char auto_why[512];         /* the reason NVENC is not picked, or "" */
} mr_probe_report;

/* Tries the GPU and fills r. Returns 0. */
int mr_probe_run(mr_probe_report *r);

/* Calls line(text, ud) for each line of r as text. */
void mr_probe_print(const mr_probe_report *r, void (*line)(const char *text, void *ud), void *ud);

#endif
