/* part_manifest.h: the manifest beside each part of a segmented render (run --segment K/N):
 * what made the part (the script, its SHA-256, the options that shape the output), which
 * frames of how many it holds, and its picture file with its size. A part is whole when its
 * manifest is there: the manifest is written (through a temporary file, renamed) only after
 * the picture file is in place, so a killed task leaves no manifest. `moonreel join` reads
 * them all and refuses parts that do not belong together. */
#ifndef MR_PART_MANIFEST_H
#define MR_PART_MANIFEST_H

#include <stdint.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"
#include "engine/render/segments.h"
#include "interp/cli.h"

typedef struct mr_part_manifest {
    char version[32];        /* moonreel's */
    char script[4096];       /* absolute path */
    char script_sha256[65];
    const char *args[MR_MAX_ARGS]; /* cli.h's "--name=value" list; texts in argbuf */
    int nargs;
    char argbuf[16384];
    int k, n;                /* segment k of n */
    int64_t first, frames, total; /* its frames first .. first+frames-1, of total */
    mr_rational fps;
    char file[256];          /* the picture file's name in the folder ("" when frames is 0) */
    int64_t bytes;           /* its size */
    char file_sha256[65];    /* and its SHA-256 ("" when frames is 0) */
} mr_part_manifest;

/* The manifest's name for segment k of n ("part-0003-of-0008.json") in buf. */
void mr_manifest_name(int k, int n, char *buf, size_t size);

/* The SHA-256 of the file at path as 64 hex digits in hex[65]. 0, or -1 with err naming it. */
int mr_file_sha256(const char *path, char hex[65], mr_err *err);

/* Writes m as dir/mr_manifest_name(...) through a temporary file renamed into place. 0, or
 * -1 with err naming the file. */
int mr_manifest_write(const char *dir, const mr_part_manifest *m, mr_err *err);

/* Reads the manifest at path into m. 0, or -1 with err naming the file and what is wrong (m
 * is then partly filled: not to be used). */
int mr_manifest_read(const char *path, mr_part_manifest *m, mr_err *err);

/* Copies from into to, its argument list included (which points into the copy's argbuf). */
void mr_manifest_copy(mr_part_manifest *to, const mr_part_manifest *from);

/* Whether b comes from the same render as a (script, its contents, options, frames, rate,
 * moonreel's version, the number of segments): 0, or -1 with err saying what differs. */
int mr_manifest_same_render(const mr_part_manifest *a, const mr_part_manifest *b, mr_err *err);

#endif
