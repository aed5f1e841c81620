/* test_time_fx.c: the time effects in the engine: the frame mix's weights (summing to exactly
 * one, in proportion) and its CPU kernel (equal frames give themselves back, premultiplied
 * stays premultiplied, a known mix); the sound of reverse, time_symmetrize, freeze and
 * freeze_last sample-exact, read in runs of every length across their seams; a speed ramp's
 * duration and times against the integral worked by hand. */
#include <math.h>
#include <stdlib.h>
#include "engine/ops/declick.h"
#include "engine/core/eval.h"
#include "engine/kernels/k_frame_mix.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static mr_err err;
static mr_eval ev;

/* The operation name over in with n numeric arguments (a curve for the first when c is not
 * NULL); NULL said. */
static mr_clip *apply(const char *name, mr_clip *in, int n, const double *v, mr_curve *c)
{
    mr_arg a[MR_OP_MAX_PARAMS] = {0};
    for (int i = 0; i < n; i++)
        a[i] = (mr_arg){.given = true, .num = v[i]};
    a[0].curve = mr_curve_ref(c);
    mr_clip *out = mr_op_apply(mr_op_find(name), in, a, &err);
    if (!out)
        fprintf(stderr, "%s: %s\n", name, err.msg);
    mr_op_args_clear(a, MR_OP_MAX_PARAMS);
    return out;
}

/* n samples of c from s0, read in runs of `run` (a new buffer). */
static float *pull(mr_clip *c, int64_t s0, int n, int run)
{
    float *b = malloc(sizeof(float) * 2 * n);
    for (int i = 0; i < n; i += run)
        if (mr_clip_sound(c, s0 + i, n - i < run ? n - i : run, b + 2 * i, &ev) < 0)
            fprintf(stderr, "sound: %s\n", err.msg);
    return b;
}

static void test_weights(void)
{
    mr_mix_params k;
    double w3[3] = {1, 0.5, 0.25};
    mr_mix_weights_make(w3, 3, &k);
    CHECK_INT(k.n, 3);
    CHECK_INT(k.w[0] + k.w[1] + k.w[2], 65536);
    CHECK_INT(k.w[0], 37449);
    CHECK_INT(k.w[1], 18725); /* the largest remainder gets the unit left over */
    CHECK_INT(k.w[2], 9362);
    double w16[16];
    for (int i = 0; i < 16; i++)
        w16[i] = 1;
    mr_mix_weights_make(w16, 16, &k);
    for (int i = 0; i < 16; i++)
        CHECK_INT(k.w[i], 4096);
    double odd[7] = {1, 1, 1, 1, 1, 1, 1};
    mr_mix_weights_make(odd, 7, &k);
    uint32_t s = 0;
    for (int i = 0; i < 7; i++) {
        s += k.w[i];
        CHECK(k.w[i] == 9362 || k.w[i] == 9363);
    }
    CHECK_INT(s, 65536);
    double zero[2] = {0, 0};
    mr_mix_weights_make(zero, 2, &k);
    CHECK_INT(k.w[0], 65536);
}

static void test_kernel(void)
{
    double w[4] = {3, 1, 7, 2};
    mr_mix_params k;
    mr_mix_weights_make(w, 4, &k);
    /* four copies of one random frame: itself, bit for bit */
    mr_frame *r = frame_random(101, 13, 5), *dst = mr_frame_new(101, 13, NULL);
    const mr_frame *same[4] = {r, r, r, r};
    CHECK(mr_k_frame_mix(&ev, dst, same, &k) == 0);
    CHECK(frame_same(dst, r));
    /* different random frames: colour never above alpha */
    mr_frame *f[4];
    for (int i = 0; i < 4; i++)
        f[i] = frame_random(101, 13, 20 + i);
    CHECK(mr_k_frame_mix(&ev, dst, (const mr_frame *const *)f, &k) == 0);
    int bad = 0;
    for (int y = 0; y < 13; y++)
        for (int x = 0; x < 101; x++) {
            uint8_t *p = frame_px(dst, x, y);
            bad += p[0] > p[3] || p[1] > p[3] || p[2] > p[3];
        }
    CHECK_INT(bad, 0);
    CHECK(!dst->opaque);
    /* a known mix: greys 0, 100, 200 at 1:1:2 -> 125 */
    mr_frame *g[3] = {frame_filled(8, 8, 0xff000000u), frame_filled(8, 8, 0xff646464u),
                      frame_filled(8, 8, 0xffc8c8c8u)};
    mr_frame *o = mr_frame_new(8, 8, NULL);
    double w3[3] = {1, 1, 2};
    mr_mix_weights_make(w3, 3, &k);
    CHECK(mr_k_frame_mix(&ev, o, (const mr_frame *const *)g, &k) == 0);
    CHECK_INT(frame_px(o, 3, 3)[0], 125);
    CHECK_INT(frame_px(o, 3, 3)[3], 255);
    CHECK(o->opaque);
    /* a frame that does not fit is an error */
    CHECK(mr_k_frame_mix(&ev, o, (const mr_frame *const *)f, &k) < 0);
    CHECK_STR(err.msg, "does not match");
    for (int i = 0; i < 4; i++)
        mr_frame_unref(f[i]);
    for (int i = 0; i < 3; i++)
        mr_frame_unref(g[i]);
    mr_frame_unref(o); mr_frame_unref(r); mr_frame_unref(dst);
}

static void test_sound(void)
{
    /* a 1 Hz tone's first 0.2 s: rising, every sample distinct */
    mr_clip *tone = mr_tone_new(1, &err);
    double ramp = mr_declick_set_ms(0); /* a raw cut: no 5 ms ramp at its end (declick.h) */
    mr_clip *src = mr_clip_dur(tone, 0.2, &err);
    mr_declick_set_ms(ramp);
    int S = 9600;
    CHECK_INT(mr_clip_samples(src), S);
    float *fwd = pull(src, 0, S, S);
    int distinct = 1;
    for (int i = 1; i < S; i++)
        distinct &= fwd[2 * i] > fwd[2 * i - 2];
    CHECK(distinct);

    static const int runs[] = {1, 7, 1000, 4800, 9600, 20000};
    mr_clip *rev = apply("reverse", src, 0, NULL, NULL);
    mr_clip *boom = apply("time_symmetrize", src, 0, NULL, NULL);
    double fz[2] = {0.05, 0.1};
    mr_clip *frz = apply("freeze", src, 2, fz, NULL);
    double fl[1] = {0.05};
    mr_clip *last = apply("freeze_last", src, 1, fl, NULL);
    CHECK_INT(mr_clip_samples(rev), S);
    CHECK_INT(mr_clip_samples(boom), 2 * S);
    CHECK_INT(mr_clip_samples(frz), S + 4800);
    CHECK_INT(mr_clip_samples(last), S + 2400);
    for (int r = 0; r < 6; r++) {
        float *a = pull(rev, 0, S, runs[r]), *b = pull(boom, 0, 2 * S, runs[r]);
        float *c = pull(frz, 0, S + 4800, runs[r]), *d = pull(last, 0, S + 2400, runs[r]);
        int bad = 0;
        for (int i = 0; i < S; i++) {
            bad += a[2 * i] != fwd[2 * (S - 1 - i)] || a[2 * i + 1] != fwd[2 * (S - 1 - i) + 1];
            bad += b[2 * i] != fwd[2 * i] || b[2 * (S + i)] != fwd[2 * (S - 1 - i)];
        }
        for (int i = 0; i < S + 4800; i++) {
            float want = i < 2400 ? fwd[2 * i] : i < 7200 ? 0 : fwd[2 * (i - 4800)];
            bad += c[2 * i] != want;
        }
        for (int i = 0; i < S + 2400; i++)
            bad += d[2 * i] != (i < S ? fwd[2 * i] : 0);
        if (bad)
            fprintf(stderr, "runs of %d: %d samples wrong\n", runs[r], bad);
        CHECK_INT(bad, 0);
        free(a); free(b); free(c); free(d);
    }
    free(fwd);
    mr_clip_unref(rev); mr_clip_unref(boom); mr_clip_unref(frz); mr_clip_unref(last);
    mr_clip_unref(src); mr_clip_unref(tone);
}

static void test_ramp(void)
{
    mr_clip *p = mr_pattern_new("counter", 16, 16, (mr_rational){10, 1}, &err);
    mr_clip *ten = mr_clip_dur(p, 10, &err);
    /* linear 1 -> 3 over 2 s: 4 s of the clip, then 3x: 6 s more in 2 s */
    mr_curve_key keys[2] = {{0, {1}}, {2, {3}}};
    mr_curve *k = mr_curve_keys(1, keys, 2, &err);
    mr_clip *r = apply("speed", ten, 1, (double[]){0}, k);
    CHECK(r != NULL);
    CHECK_NEAR(r->duration, 4, 1e-9);
    /* eased: 0.5 -> 2 in_out_cubic over 1 s; the integral by a fine midpoint sum */
    mr_curve_key ek[2] = {{0, {0.5}}, {1, {2}}};
    CHECK(mr_ease_parse("in_out_cubic", &ek[1].ease, &err) == 0);
    mr_curve *e = mr_curve_keys(1, ek, 2, &err);
    double integral = 0;
    for (int i = 0; i < 100000; i++) {
        double v[4];
        mr_curve_eval(e, (i + 0.5) / 100000, v, &err);
        integral += v[0] / 100000;
    }
    mr_clip *re = apply("speed", ten, 1, (double[]){0}, e);
    CHECK(re != NULL);
    CHECK_NEAR(re->duration, 1 + (10 - integral) / 2, 1e-5);
    /* a clip without an end, and a speed out of range, are errors */
    mr_clip *none = apply("speed", p, 1, (double[]){0}, k);
    CHECK(none == NULL);
    CHECK_STR(err.msg, "needs a clip with an end");
    mr_curve_key bad[2] = {{0, {1}}, {1, {-1}}}; /* below 0 after 0.5 s, long before the end */
    mr_curve *b = mr_curve_keys(1, bad, 2, &err);
    CHECK(apply("speed", ten, 1, (double[]){0}, b) == NULL);
    CHECK_STR(err.msg, "so slowly that it would last more than 10 hours"); /* held to 0: it stops */
    mr_curve_unref(b); mr_curve_unref(k); mr_curve_unref(e);
    mr_clip_unref(r); mr_clip_unref(re); mr_clip_unref(ten); mr_clip_unref(p);
}

int main(void)
{
    mr_eval_init(&ev, &err, NULL);
    test_weights();
    test_kernel();
    test_sound();
    test_ramp();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
