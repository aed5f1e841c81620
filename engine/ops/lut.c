/* lut.c: clip:lut("grade.cube", amount): a 3D colour LUT read from a .cube file
 * (engine/media/cube.h) when the node is made, applied by trilinear interpolation in integers
 * (engine/kernels/lut_params.h). The table goes to the GPU once, the first time a frame of
 * the node is made there, and is freed with the node. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/k_color.h"
#include "engine/media/cube.h"
#include "engine/ops/op.h"
#include "engine/ops/param.h"

#define POS_BYTES (sizeof(uint32_t) * 3 * 256)

typedef struct lut_priv {
    int n;                      /* grid points a side */
    uint32_t pos[3 * 256];      /* where each input value falls (lut_params.h) */
    uint16_t *grid;             /* n^3 x 4 values, owned */
    size_t grid_bytes;
    mr_param amount;
    char name[64];              /* the file's name, for describe */
    pthread_mutex_t lock;       /* guards the upload */
    void *dev;                  /* the positions then the grid on the GPU, or NULL; owned */
} lut_priv;

static double unit(double v) { return v > 0 ? (v < 1 ? v : 1) : 0; }

/* The device copy of p's tables, made the first time (under p->lock) on gpu's stream and
 * published to the other lanes. NULL with err set. */
static void *device_tables(lut_priv *p, const mr_gpu *gpu, mr_err *err)
{
    pthread_mutex_lock(&p->lock);
    if (!p->dev) {
        uint8_t *d = mr_gpu_malloc(POS_BYTES + p->grid_bytes, err);
        if (d && (mr_gpu_copy2d(gpu, d, POS_BYTES, p->pos, POS_BYTES, POS_BYTES, 1, err) < 0 ||
                  mr_gpu_copy2d(gpu, d + POS_BYTES, p->grid_bytes, p->grid, p->grid_bytes, p->grid_bytes, 1, err) < 0 ||
                  mr_gpu_publish(gpu, err) < 0)) {
            mr_gpu_free(d, POS_BYTES + p->grid_bytes);
            d = NULL;
        }
        p->dev = d;
    }
    void *d = p->dev;
    pthread_mutex_unlock(&p->lock);
    return d;
}

/* The input's picture at t through the LUT: a new reference in *out. Returns 0, or -1 with
 * ev->err set (nothing in *out). */
static int lut_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    lut_priv *p = c->priv;
    double a;
    if (mr_param_at(&p->amount, t, &a, ev->err) < 0 || mr_clip_picture(c->input, t, ev, out) < 0)
        return -1;
    mr_lut_params k = {p->n, (int32_t)lround(unit(a) * 256), p->pos, p->grid};
    if (k.amount == 0)
        return 0;
    if (mr_frame_make_writable(out, ev->gpu, ev->err) < 0)
        goto fail;
    if ((*out)->gpu) {
        const uint8_t *d = device_tables(p, ev->gpu, ev->err);
        if (!d)
            goto fail;
        k.pos = (const uint32_t *)d;
        k.grid = (const uint16_t *)(d + POS_BYTES);
    }
    if (mr_k_lut(ev, *out, &k) < 0)
        goto fail;
    return 0;
fail:
    mr_frame_unref(*out);
    return -1;
}

/* "\"grade.cube\" 33^3 amount=0.5". */
static void lut_describe(const mr_clip *c, char *buf, size_t n)
{
    const lut_priv *p = c->priv;
    if (p->amount.curve)
        snprintf(buf, n, "\"%s\" %d^3 amount=moving", p->name, p->n);
    else
        snprintf(buf, n, "\"%s\" %d^3 amount=%g", p->name, p->n, p->amount.v);
}

/* Frees the tables (both copies) and the curve. */
static void lut_destroy(mr_clip *c)
{
    lut_priv *p = c->priv;
    mr_gpu_free(p->dev, POS_BYTES + p->grid_bytes);
    free(p->grid);
    mr_param_release(&p->amount);
    pthread_mutex_destroy(&p->lock);
}

static const mr_clip_ops lut_ops = {"lut", lut_picture, mr_pass_sound, lut_describe, lut_destroy};

/* lut: the file (resolved by the binding) read now, its errors named by line. NULL with err
 * set. */
static mr_clip *make_lut(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (!in->has_video)
        return mr_err_set(err, "lut: the clip has no picture"), NULL;
    mr_cube *cube = mr_cube_load(a[0].str->s, err);
    if (!cube)
        return NULL;
    size_t cells = (size_t)cube->size * cube->size * cube->size;
    uint16_t *grid = malloc(sizeof(uint16_t) * 4 * cells);
    mr_clip *c = grid ? mr_clip_alloc(&lut_ops, sizeof(lut_priv), in, err) : NULL;
    if (!c) {
        if (!grid)
            mr_err_set(err, "lut: out of memory for a table of %d^3", cube->size);
        free(grid);
        mr_cube_free(cube);
        return NULL;
    }
    lut_priv *p = c->priv;
    pthread_mutex_init(&p->lock, NULL);
    p->n = cube->size;
    p->grid = grid;
    p->grid_bytes = sizeof(uint16_t) * 4 * cells;
    mr_lut_grid(cube->rgb, cells, grid);
    mr_lut_positions(p->n, cube->domain_min, cube->domain_max, p->pos);
    mr_cube_free(cube);
    const char *slash = strrchr(a[0].str->s, '/');
    snprintf(p->name, sizeof p->name, "%s", slash ? slash + 1 : a[0].str->s);
    p->amount = mr_param_make(a[1].num, a[1].curve);
    if (mr_param_moves(&p->amount))
        c->is_static = false;
    return c;
}

static const mr_param_desc lut_params[] = {
    {"file", MR_P_FILE, false, false, 0, 0, 0, NULL,
     "a .cube file (3D, LUT_3D_SIZE 2..256, DOMAIN_MIN/MAX), relative to the script's folder"},
    {"amount", MR_P_NUMBER, true, true, 0, 1, 1, NULL, "how much of the graded colour: 0 unchanged, 1 all of it"},
};

const mr_op mr_op_lut = {"lut",
                         "a colour grade from a 3D LUT (.cube, as Resolve and Premiere write them), trilinear; a "
                         "malformed file is an error naming its line",
                         "local graded = clip:lut(\"grade.cube\")", lut_params, 2, NULL, make_lut};
