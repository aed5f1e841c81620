/* part_folder.h: a folder of parts (`run --segment K/N -o DIR` writes one part and its manifest
 * there): reading every manifest in it and checking that they make one render, whole. Used by
 * `moonreel join` and by `run --segments` on a GPU (a process per segment). */
#ifndef MR_PART_FOLDER_H
#define MR_PART_FOLDER_H

#include <limits.h>
#include <stdbool.h>
#include "engine/render/join.h"
#include "interp/part_manifest.h"

/* The parts of one render found in a folder: the first manifest read, and each segment's
 * file and frames. */
typedef struct mr_part_folder {
    mr_part_manifest first;
    int n;
    mr_join_part *part;     /* n, by segment; their paths point into `path` */
    char (*path)[PATH_MAX]; /* their files */
} mr_part_folder;

/* Reads every manifest in dir into s: they must be of one render (the same script and
 * options), every segment's must be there, and every part's file of the size and SHA-256 it
 * recorded. 0 (the caller then frees s with mr_part_folder_free), or -1 with err naming what
 * is missing or does not belong (s holds nothing then). */
int mr_part_folder_read(const char *dir, mr_part_folder *s, mr_err *err);

/* Frees what mr_part_folder_read made; s may be zeroed. */
void mr_part_folder_free(mr_part_folder *s);

/* Whether out names one of s's files (a part or a manifest in dir): err then says so. */
bool mr_part_folder_holds(const mr_part_folder *s, const char *dir, const char *out, mr_err *err);

/* A folder's name as given, without trailing slashes ("parts/" -> "parts"), in buf. */
const char *mr_folder_name(const char *given, char buf[PATH_MAX]);

#endif
