/* test_cube.c: the .cube parser (engine/media/cube.c): what a well-formed file holds (TITLE,
 * comments, blank lines, CRLF, a byte order mark, DOMAIN_MIN/MAX, LUT_3D_INPUT_RANGE, tabs,
 * comments after a row), each malformed file's message with its line, a missing file; and the
 * LUT's integer arithmetic (lut_params.h): identity tables of every size give every colour
 * back exactly, a table's points are hit exactly, and half way between two points is their mean;
 * the CPU's AVX2 loop gives the plain loop's bits. */
#include <stdlib.h>
#include <string.h>
#include "engine/kernels/cpu/lut.h"
#include "engine/kernels/k_color.h"
#include "engine/media/cube.h"
#include "tests/engine/check.h"

static mr_err err;

/* The table parsed from text (NULL on error, err set). */
static mr_cube *parse(const char *text)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    mr_cube *c = mr_cube_read(f, "t.cube", &err);
    fclose(f);
    return c;
}

/* Checks that text fails with a message containing want. */
static void fails(const char *text, const char *want)
{
    err.msg[0] = 0;
    mr_cube *c = parse(text);
    CHECK(c == NULL);
    CHECK_STR(err.msg, want);
    mr_cube_free(c);
}

/* An identity table of n points a side, with head before its rows (malloc'd). */
static char *identity_text(int n, const char *head)
{
    size_t cap = strlen(head) + 64 + (size_t)n * n * n * 40;
    char *s = malloc(cap);
    size_t k = (size_t)snprintf(s, cap, "%sLUT_3D_SIZE %d\n", head, n);
    for (int b = 0; b < n; b++)
        for (int g = 0; g < n; g++)
            for (int r = 0; r < n; r++)
                k += (size_t)snprintf(s + k, cap - k, "%.9f %.9f %.9f\n", r / (n - 1.0), g / (n - 1.0), b / (n - 1.0));
    return s;
}

/* The LUT tables of c: positions into pos, the grid (the caller frees it). */
static uint16_t *tables(const mr_cube *c, uint32_t *pos)
{
    size_t cells = (size_t)c->size * c->size * c->size;
    uint16_t *grid = malloc(sizeof *grid * 4 * cells);
    mr_lut_grid(c->rgb, cells, grid);
    mr_lut_positions(c->size, c->domain_min, c->domain_max, pos);
    return grid;
}

static void well_formed(void)
{
    mr_cube *c = parse("\xef\xbb\xbf# a comment\r\n\r\nTITLE \"Warm # grade\"\r\n  DOMAIN_MIN 0 0 0\r\n"
                       "DOMAIN_MAX 1 1 1 # comment\r\nLUT_3D_SIZE 2\r\n"
                       "0 0 0\r\n1\t0\t0\r\n0 1 0 # green\r\n1 1 0\r\n0 0 1\r\n1 0 1\r\n0 1 1\r\n1.0 1.0 1.0\r\n\r\n# end\r\n");
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK_INT(c->size, 2);
    CHECK_STR(c->title, "Warm # grade");
    CHECK_NEAR(c->rgb[3 * 1 + 0], 1, 0);  /* row 2: red */
    CHECK_NEAR(c->rgb[3 * 2 + 1], 1, 0);  /* row 3: green */
    CHECK_NEAR(c->rgb[3 * 7 + 2], 1, 0);
    CHECK_NEAR(c->domain_max[1], 1, 0);
    mr_cube_free(c);

    char *s = identity_text(3, "TITLE unquoted words\nLUT_3D_INPUT_RANGE -0.5 2\n");
    c = parse(s);
    CHECK(c && c->domain_min[2] == -0.5f && c->domain_max[0] == 2.0f && !strcmp(c->title, "unquoted words"));
    mr_cube_free(c);
    free(s);
}

static void malformed(void)
{
    fails("LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 zero\n", "t.cube:4: expected three numbers (r g b), got '0 1 zero'");
    fails("LUT_3D_SIZE 2\n0,0,0\n", "t.cube:2: expected three numbers (r g b), got '0,0,0'");
    fails("LUT_3D_SIZE 2\n0 0\n", "t.cube:2: expected three numbers");
    fails("LUT_3D_SIZE 2\n0 0 0 1\n", "t.cube:2: expected three numbers");
    fails("LUT_3D_SIZE 2\n0 0 inf\n", "t.cube:2: inf is not a finite number");
    fails("LUT_3D_SIZE 257\n", "t.cube:1: LUT_3D_SIZE 257 is outside 2..256");
    fails("LUT_3D_SIZE two\n", "t.cube:1: expected LUT_3D_SIZE's number of points a side, got 'two'");
    fails("LUT_3D_SIZE\n", "t.cube:1: expected LUT_3D_SIZE's number");
    fails("LUT_3D_SIZE 2\nLUT_3D_SIZE 3\n", "t.cube:2: a second LUT_3D_SIZE");
    fails("LUT_1D_SIZE 1024\n", "t.cube:1: LUT_1D_SIZE: a 1D table");
    fails("LUT_3D_SIZE 2\nGAMMA 2.2\n", "t.cube:2: unknown keyword 'GAMMA'");
    fails("0 0 0\n", "t.cube:1: a row of the table before LUT_3D_SIZE");
    fails("LUT_3D_SIZE 2\n0 0 0\nTITLE \"late\"\n", "t.cube:3: keyword TITLE among the table's rows");
    fails("TITLE \"open\n", "t.cube:1: TITLE's text has no closing quote");
    fails("TITLE \"a\" b\n", "t.cube:1: something after TITLE's closing quote: 'b'");
    fails("DOMAIN_MIN 0 0\n", "t.cube:1: expected three numbers (r g b), got '0 0'");
    fails("LUT_3D_INPUT_RANGE 0\n", "t.cube:1: expected two numbers (min max), got '0'");
    fails("LUT_3D_SIZE 2\n*\n", "t.cube:2: expected a keyword or three numbers, got '*'");
    fails("LUT_3D_SIZE 2\n0 0 0\n\n", "t.cube:3: the table ends after 1 rows; LUT_3D_SIZE 2 needs 8");
    fails("# nothing\n\n", "t.cube: no LUT_3D_SIZE");
    fails("", "t.cube: no LUT_3D_SIZE");
    char *s = identity_text(2, "DOMAIN_MIN 0 0.5 0\nDOMAIN_MAX 1 0.5 1\n");
    fails(s, "t.cube:2: the domain's green goes from 0.5 to 0.5");
    free(s);
    s = identity_text(2, "");
    size_t n = strlen(s);
    s = realloc(s, n + 16);
    strcpy(s + n, "0.5 0.5 0.5\n");
    fails(s, "t.cube:10: more rows than LUT_3D_SIZE 2 holds (8)");
    free(s);
    const char nul[] = "LUT_3D_SIZE 2\n0 0\0 0\n";
    FILE *f = fmemopen((void *)nul, sizeof nul - 1, "r");
    CHECK(mr_cube_read(f, "t.cube", &err) == NULL);
    CHECK_STR(err.msg, "t.cube:2: a NUL byte");
    fclose(f);
}

static void files(void)
{
    CHECK(mr_cube_load("/nonexistent/grade.cube", &err) == NULL);
    CHECK_STR(err.msg, "/nonexistent/grade.cube: No such file or directory");
    CHECK(mr_cube_load("/", &err) == NULL);
    CHECK_STR(err.msg, "/: Is a directory");
}

/* Every colour (every value of each channel for n == 2 and 33; a lattice else) comes back. */
static void identity_exact(int n, int step)
{
    char *s = identity_text(n, "");
    mr_cube *c = parse(s);
    free(s);
    CHECK(c != NULL);
    if (!c)
        return;
    uint32_t pos[768];
    uint16_t *grid = tables(c, pos);
    long wrong = 0;
    for (int r = 0; r < 256; r += step)
        for (int g = 0; g < 256; g += step)
            for (int b = 0; b < 256; b++) {
                int32_t v[3] = {r, g, b};
                mr_lut_apply(v, pos, grid, n, 256);
                wrong += v[0] != r || v[1] != g || v[2] != b;
            }
    printf("identity %d^3: %ld colours differ\n", n, wrong);
    CHECK_INT(wrong, 0);
    free(grid);
    mr_cube_free(c);
}

/* A 2-point table that maps everything to (0.2, 0.4, 0.6) at black and 1 at white: black and
 * white hit its points exactly, mid grey is their mean, and amount mixes with the input. */
static void interpolation(void)
{
    mr_cube *c = parse("LUT_3D_SIZE 2\n0.2 0.4 0.6\n1 0.4 0.6\n0.2 1 0.6\n1 1 0.6\n"
                       "0.2 0.4 1\n1 0.4 1\n0.2 1 1\n1 1 1\n");
    CHECK(c != NULL);
    if (!c)
        return;
    uint32_t pos[768];
    uint16_t *grid = tables(c, pos);
    int32_t black[3] = {0, 0, 0}, white[3] = {255, 255, 255}, grey[3] = {0, 0, 0}, half[3] = {0, 0, 0};
    mr_lut_apply(black, pos, grid, 2, 256);
    mr_lut_apply(white, pos, grid, 2, 256);
    CHECK(black[0] == 51 && black[1] == 102 && black[2] == 153);
    CHECK(white[0] == 255 && white[1] == 255 && white[2] == 255);
    grey[0] = grey[1] = grey[2] = 128;
    mr_lut_apply(grey, pos, grid, 2, 256); /* 0.2 + 0.8 x 128/255 = 0.6016 */
    CHECK_INT(grey[0], 153);
    mr_lut_apply(half, pos, grid, 2, 128); /* half of (51, 102, 153) over black */
    CHECK(half[0] == 26 && half[1] == 51 && half[2] == 77);
    free(grid);
    mr_cube_free(c);
}

/* A random 17^3 table over random pixels (opaque, see-through and clear, rows of odd width):
 * the AVX2 loop and the plain loop agree on every bit, at full and partial amount. */
static void simd_matches_plain(void)
{
    enum { N = 17, W = 101, H = 7 };
    size_t cells = (size_t)N * N * N;
    mr_cube c = {.size = N, .domain_min = {0, 0, 0}, .domain_max = {1, 1, 1}};
    c.rgb = malloc(sizeof(float) * 3 * cells);
    srand(7);
    for (size_t i = 0; i < 3 * cells; i++)
        c.rgb[i] = (float)rand() / RAND_MAX * 1.2f - 0.1f; /* some outside 0..1: clamped */
    uint32_t pos[768];
    uint16_t *grid = tables(&c, pos);
    mr_frame *a = mr_frame_new(W, H, &err), *b = mr_frame_new(W, H, &err);
    long differ = 0;
    for (int amount = 256; amount >= 100; amount -= 156) {
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                uint32_t alpha = y == 3 ? (uint32_t)(rand() % 256) : x % 13 == 5 ? 0 : 255, v = (uint32_t)rand();
                uint32_t r = (v & 255) * alpha / 255, g = (v >> 8 & 255) * alpha / 255, bl = (v >> 16 & 255) * alpha / 255;
                ((uint32_t *)mr_frame_row(a, y))[x] = ((uint32_t *)mr_frame_row(b, y))[x] = r | g << 8 | bl << 16 | alpha << 24;
            }
        mr_lut_params k = {N, amount, pos, grid};
        mr_cpu_lut_use_simd(true);
        mr_cpu_lut(a, &k);
        mr_cpu_lut_use_simd(false);
        mr_cpu_lut(b, &k);
        mr_cpu_lut_use_simd(true);
        for (int y = 0; y < H; y++)
            differ += memcmp(mr_frame_row(a, y), mr_frame_row(b, y), 4 * W) != 0;
    }
    CHECK_INT(differ, 0);
    mr_frame_unref(a);
    mr_frame_unref(b);
    free(grid);
    free(c.rgb);
}

int main(void)
{
    well_formed();
    malformed();
    files();
    identity_exact(2, 1);
    identity_exact(3, 5);
    identity_exact(17, 3);
    identity_exact(33, 1);
    identity_exact(65, 7);
    interpolation();
    simd_matches_plain();
    return CHECK_DONE();
}
