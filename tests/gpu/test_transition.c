/* test_transition.c: the transition kernel's CUDA twin against the CPU loop on 1920x1080
 * frames, every shape (crossfade, wipe and blinds, iris, clock, noise, luma map) on
 * random premultiplied pictures: equal within 1 LSB (in fact the same bits: integers only);
 * then every transition of the table at 25, 50 and 75 % through its frame function on both
 * engines; and the GPU's time for each, by CUDA events on the pipeline's stream. Exit 77
 * (skipped) without a GPU. */
#include <math.h>
#include "engine/kernels/k_transition.h"
#include "engine/sources/sources.h"
#include "engine/transitions/transition.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"
#include "tests/gpu/gpu_check.h"

#define W 1920
#define H 1080

static mr_eval cpu, dev;
static mr_err err;

/* The kernel on both engines, drawn over a in place. */
static void compare_kernel(const mr_tr_params *k, const mr_frame *a, const mr_frame *b, const mr_frame *map,
                           const char *what)
{
    mr_frame *da = gpu_up(&dev, a), *db = gpu_up(&dev, b), *dm = gpu_up(&dev, map);
    mr_frame *ha = mr_frame_new(W, H, NULL);
    for (int y = 0; y < H; y++)
        memcpy(mr_frame_row(ha, y), mr_frame_row(a, y), (size_t)W * 4);
    ha->opaque = a->opaque;
    CHECK(mr_k_transition(&cpu, ha, ha, b, map, k) == 0);
    if (mr_k_transition(&dev, da, da, db, dm, k) < 0)
        fprintf(stderr, "GPU: %s\n", err.msg);
    mr_frame *back = gpu_down(da, &err);
    long n;
    int m = frame_worst(ha, back, &n);
    printf("kernel %s: largest difference %d (%ld values differ)\n", what, m, n);
    CHECK(m <= 1);
    CHECK(back && back->opaque == ha->opaque);
    mr_frame_unref(back); mr_frame_unref(ha); mr_frame_unref(da); mr_frame_unref(db); mr_frame_unref(dm);
}

/* The kernel of k on device frames, to time. */
typedef struct job {
    const mr_tr_params *k;
    mr_frame *a, *b, *map;
} job;

static void run_kernel(void *arg)
{
    job *j = arg;
    mr_k_transition(&dev, j->a, j->a, j->b, j->map, j->k);
}

/* One frame of a transition from its table entry, on one engine. */
typedef struct frame_job {
    const mr_transition *t;
    mr_tr_ctx x;
} frame_job;

static void run_frame(void *arg)
{
    frame_job *j = arg;
    mr_frame *f = NULL;
    if (j->t->desc->frame(&j->x, j->t->args, &f) < 0)
        fprintf(stderr, "%s: %s\n", j->t->desc->op.name, err.msg);
    mr_frame_unref(f);
}

int main(void)
{
    mr_gpu *gpu = gpu_start(&cpu, &dev, &err);

    /* the kernel, shape by shape, on random pictures */
    mr_frame *a = frame_random(W, H, 1), *b = frame_random(W, H, 2), *map = frame_random(W, H, 3);
    const int64_t S = MR_TR_SUB;
    mr_tr_params shapes[] = {
        {.shape = MR_TR_UNIFORM, .cov = 100},
        {.shape = MR_TR_LINEAR, .ax = -1, .off = W * S, .edge = 700 * S, .soft = 40 * S},
        {.shape = MR_TR_LINEAR, .ay = 1, .period = 108 * S, .edge = 50 * S, .soft = S},
        {.shape = MR_TR_CIRCLE, .cx = W * S / 2, .cy = H * S / 2, .edge = 400 * S, .soft = 3 * S},
        {.shape = MR_TR_CIRCLE, .invert = 1, .cx = W * S / 2, .cy = H * S / 2, .edge = 300 * S, .soft = S},
        {.shape = MR_TR_CLOCK, .cx = W * S / 2, .cy = H * S / 2, .hx = 23170, .hy = 23170, .hand = 0},
        {.shape = MR_TR_NOISE, .seed = 7, .edge = 30000, .soft = 1},
        {.shape = MR_TR_MAP, .edge = 32768, .soft = 6000},
    };
    static const char *names[] = {"crossfade", "wipe", "blinds", "iris", "iris closing", "clock", "noise",
                                  "luma map"};
    shapes[5].hand = mr_tr_pseudo_angle(shapes[5].hx << 10, shapes[5].hy << 10) + MR_TR_ANGLE; /* past 3 o'clock */
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        compare_kernel(&shapes[i], a, b, map, names[i]);
    mr_frame *da = gpu_up(&dev, a), *db = gpu_up(&dev, b), *dm = gpu_up(&dev, map);
    printf("GPU 1920x1080 kernel times:");
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        job j = {&shapes[i], da, db, dm};
        printf(" %s %.3f ms%s", names[i], gpu_ms(gpu, run_kernel, &j), i + 1 < sizeof shapes / sizeof *shapes ? "," : "\n");
    }

    /* every transition through its frame function, on both engines */
    mr_clip *ca = mr_pattern_new("bars", W, H, (mr_rational){30, 1}, &err);
    mr_clip *cb = mr_pattern_new("checker", W, H, (mr_rational){30, 1}, &err);
    CHECK(ca && cb);
    for (const mr_transition_desc *d = mr_transition_table; ca && cb && d->op.name; d++) {
        mr_arg args[MR_OP_MAX_PARAMS] = {0};
        mr_transition *t = d->frame ? mr_transition_new(d, args, &err) : NULL;
        if (!t) /* custom (a script's), luma (needs a picture: the map kernel above) */
            continue;
        for (int q = 1; q <= 3; q++) {
            double p = q / 4.0;
            mr_tr_ctx x = {&cpu, ca, cb, 1 + p, p, p, p, p, W, H};
            mr_frame *hf = NULL, *df = NULL, *back = NULL;
            CHECK(d->frame(&x, t->args, &hf) == 0);
            x.ev = &dev;
            if (d->frame(&x, t->args, &df) < 0)
                fprintf(stderr, "GPU %s: %s\n", d->op.name, err.msg);
            back = df ? gpu_down(df, &err) : NULL;
            long n = 0;
            int m = hf ? frame_worst(hf, back, &n) : 256;
            printf("%s at %d %%: largest difference %d (%ld values differ)\n", d->op.name, q * 25, m, n);
            CHECK(m <= 1);
            mr_frame_unref(hf); mr_frame_unref(df); mr_frame_unref(back);
        }
        frame_job j = {t, {&dev, ca, cb, 1.5, 0.5, 0.5, 0.5, 0.5, W, H}};
        printf("GPU 1920x1080: %s at 50 %%, a frame %.3f ms\n", d->op.name, gpu_ms(gpu, run_frame, &j));
        mr_transition_unref(t);
    }
    mr_clip_unref(ca);
    mr_clip_unref(cb);
    mr_frame_unref(a); mr_frame_unref(b); mr_frame_unref(map);
    mr_frame_unref(da); mr_frame_unref(db); mr_frame_unref(dm);
    mr_eval_free(&cpu);
    mr_eval_free(&dev);
    return CHECK_DONE();
}
