/* test_blur.c: the blur and morphology CUDA kernels against their CPU twins on 1920x1080
 * frames (random and natural) and small odd ones, through the dispatch layer: the same bits for
 * the blur (exact taps below MR_BLUR_BOX_SIGMA, box passes from it: both sides, 25 and 50
 * among them, lines long enough to leave shared memory too), within 1 LSB for morphology (in
 * fact the same bits: exact extremes), and the GPU's time for blurs of sigma 10, 25 and 50
 * and a radius 20 grow, by CUDA events on the pipeline's stream. Exit 77 (skipped) without a
 * GPU. */
#include "engine/kernels/k_blur.h"
#include "engine/kernels/k_morph.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"
#include "tests/gpu/gpu_check.h"

#define W 1920
#define H 1080

static mr_eval cpu, dev;
static mr_err err;

static mr_frame *up(const mr_frame *h) { return gpu_up(&dev, h); }

/* One operation on one backend: blur (a: sigma_x, b: sigma_y), or grow or shrink (a: radius). */
typedef enum { BLUR, GROW, SHRINK } op;

static int run(mr_eval *ev, op o, const mr_frame *src, mr_frame *dst, float a, float b)
{
    return o == BLUR ? mr_k_blur(ev, src, dst, a, b) : mr_k_morph(ev, src, dst, a, o == GROW);
}

static void compare(op o, const mr_frame *h, const mr_frame *d, float a, float b, const char *what)
{
    mr_frame *ho = mr_frame_new(h->w, h->h, NULL), *dout = mr_frame_new_gpu(mr_gpu_ready(), h->w, h->h, &err);
    CHECK(run(&cpu, o, h, ho, a, b) == 0);
    if (run(&dev, o, d, dout, a, b) < 0)
        fprintf(stderr, "GPU: %s\n", err.msg);
    mr_frame *back = gpu_down(dout, &err);
    long n;
    int m = frame_worst(ho, back, &n);
    static const char *names[] = {"blur", "grow", "shrink"};
    char args[64];
    snprintf(args, sizeof args, o == BLUR ? "sigma %g, %g" : "radius %g", a, b);
    printf("%s %s on the %s frame: largest difference %d (%ld values differ)\n", names[o], args, what, m, n);
    CHECK(m <= 1);
    CHECK(o != BLUR || (back && n == 0)); /* the blur: the same bits */
    CHECK(back && back->opaque == ho->opaque);
    mr_frame_unref(ho); mr_frame_unref(dout); mr_frame_unref(back);
}

/* An operation to time on the GPU. */
typedef struct job {
    op o;
    const mr_frame *src;
    mr_frame *dst;
    float a, b;
} job;

static void run_job(void *arg)
{
    job *j = arg;
    run(&dev, j->o, j->src, j->dst, j->a, j->b);
}

/* Milliseconds o takes on the GPU on the device frame d (gpu_check.h's mean of 20 runs). */
static double time_op(op o, const mr_frame *d, float a, float b)
{
    job j = {o, d, mr_frame_new_gpu(mr_gpu_ready(), d->w, d->h, &err), a, b};
    double ms = gpu_ms(dev.gpu, run_job, &j);
    mr_frame_unref(j.dst);
    return ms;
}

int main(void)
{
    gpu_start(&cpu, &dev, &err);

    mr_frame *rnd = frame_random(W, H, 1), *nat = frame_natural(W, H, true, false);
    mr_frame *drnd = up(rnd), *dnat = up(nat);

    /* the exact taps (below MR_BLUR_BOX_SIGMA), the box passes (from it), and the two mixed */
    static const float sigmas[][2] = {{0.5f, 0.5f}, {2, 2},     {3.9f, 3.9f}, {4, 4},  {10, 10},
                                      {3, 0},       {0, 7.5f},  {25, 25},     {50, 50}, {37.3f, 12},
                                      {2, 25},      {25, 1.5f}, {256, 100}};
    for (size_t i = 0; i < sizeof sigmas / sizeof *sigmas; i++) {
        compare(BLUR, rnd, drnd, sigmas[i][0], sigmas[i][1], "random");
        compare(BLUR, nat, dnat, sigmas[i][0], sigmas[i][1], "natural");
    }
    /* small and odd sizes: every edge case of the tiles and spans, radii past the frame */
    static const int small[][2] = {{67, 35}, {1, 1}, {3, 200}, {301, 2}};
    for (int i = 0; i < 4; i++) {
        mr_frame *s = frame_random(small[i][0], small[i][1], 30 + i), *ds = up(s);
        char what[32];
        snprintf(what, sizeof what, "%dx%d", small[i][0], small[i][1]);
        compare(BLUR, s, ds, 2.5f, 40, what);
        compare(GROW, s, ds, 7.5f, 0, what);
        compare(SHRINK, s, ds, 150, 0, what);
        mr_frame_unref(s); mr_frame_unref(ds);
    }
    /* lines longer than MR_BLUR_BOX_SHARED with their reach: the box passes in device memory */
    static const int wide[][2] = {{3200, 40}, {40, 3200}};
    for (int i = 0; i < 2; i++) {
        mr_frame *s = frame_random(wide[i][0], wide[i][1], 40 + i), *ds = up(s);
        char what[32];
        snprintf(what, sizeof what, "%dx%d", wide[i][0], wide[i][1]);
        compare(BLUR, s, ds, 25, 25, what);
        compare(BLUR, s, ds, 4, 200, what);
        mr_frame_unref(s); mr_frame_unref(ds);
    }
    static const float radii[] = {1, 3.5f, 5, 20, 20.5f, 64};
    for (size_t i = 0; i < sizeof radii / sizeof *radii; i++)
        for (op o = GROW; o <= SHRINK; o++) {
            compare(o, rnd, drnd, radii[i], 0, "random");
            compare(o, nat, dnat, radii[i], 0, "natural");
        }

    double blur_ms = time_op(BLUR, dnat, 10, 10), grow_ms = time_op(GROW, dnat, 20, 0);
    double blur25_ms = time_op(BLUR, dnat, 25, 25);
    printf("GPU 1920x1080: blur sigma 10 %.3f ms, grow radius 20 %.3f ms, shrink radius 5 %.3f ms, "
           "grow radius 20.5 %.3f ms, blur sigma 50 %.3f ms\n",
           blur_ms, grow_ms, time_op(SHRINK, dnat, 5, 0), time_op(GROW, dnat, 20.5f, 0), time_op(BLUR, dnat, 50, 50));
    printf("GPU 1920x1080: blur sigma 25 (clip:blur(50)) %.3f ms, sigma 3.9 (the last exact taps) %.3f ms\n",
           blur25_ms, time_op(BLUR, dnat, 3.9f, 3.9f));
    /* the speed goals, said rather than checked (a shared GPU's times vary) */
    if (blur_ms >= 1.5 || grow_ms >= 1.0 || blur25_ms >= 2.0)
        printf("slower than the goals: blur sigma 10 under 1.5 ms, sigma 25 under 2 ms, grow radius 20 under 1 ms\n");

    mr_frame_unref(rnd); mr_frame_unref(nat); mr_frame_unref(drnd); mr_frame_unref(dnat);
    mr_eval_free(&cpu);
    mr_eval_free(&dev);
    return CHECK_DONE();
}
