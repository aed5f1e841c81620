/* cube.h: 3D colour look-up tables from .cube files (Adobe's Cube LUT Specification 1.0, as
 * Resolve, Premiere and most grading tools write them): `TITLE "..."`, `LUT_3D_SIZE n`
 * (2 .. 256), `DOMAIN_MIN r g b`, `DOMAIN_MAX r g b` (or Resolve's `LUT_3D_INPUT_RANGE lo hi`),
 * comments (`#`) and blank lines, then n^3 rows of three numbers, red varying fastest. Our
 * own parser: anything else (a 1D table, an unknown keyword, a row that is not three finite
 * numbers, a keyword among the rows, too few or too many rows, an empty domain) is an error
 * that names the file and the line. */
#ifndef MR_CUBE_H
#define MR_CUBE_H

#include <stdio.h>
#include "engine/core/error.h"

#define MR_CUBE_MAX_SIZE 256

typedef struct mr_cube {
    int size;                 /* grid points a side */
    float domain_min[3], domain_max[3]; /* the input values the grid's ends stand for (0 and 1 by default) */
    char title[128];          /* TITLE, or "" */
    float *rgb;               /* size^3 rows of r, g, b, red fastest (the file's order) */
} mr_cube;

/* Reads a .cube table from f; name is the file's name for messages ("grade.cube:12: ...").
 * Returns the table (the caller's: mr_cube_free), or NULL with err set. */
mr_cube *mr_cube_read(FILE *f, const char *name, mr_err *err);

/* Reads the .cube file at path. NULL with err naming the file and the reason (missing,
 * unreadable, or malformed: with the line). */
mr_cube *mr_cube_load(const char *path, mr_err *err);

/* Frees c (NULL is fine). */
void mr_cube_free(mr_cube *c);

#endif
