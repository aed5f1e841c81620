/* test_sound_fx.c: the per-clip sound operations: volume_at (no click at its edges), pan (the
 * constant-power law), audio fades with a shape, delay, audio_echo, normalize (EBU R128 with
 * the true-peak ceiling), loudness, duck (the asked dB while the voice sounds), and speed with
 * keep_pitch (the length frame-exact, the pitch kept, the same bits in any order). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/ops/loudness.h"
#include "engine/ops/op.h"
#include "engine/ops/ops.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/sound_pull.h"

static mr_clip *made[64];
static int nmade;

/* Keeps c to drop at the end. */
static mr_clip *K(mr_clip *c)
{
    if (c && nmade < 64)
        made[nmade++] = c;
    return c;
}


/* Applies the registry's operation `name` to c with numbers given in order (NAN: left out). */
static mr_clip *op(const char *name, mr_clip *c, int n, const double *v)
{
    const mr_op *o = mr_op_find(name);
    mr_arg a[MR_OP_MAX_PARAMS] = {0};
    for (int i = 0; i < n; i++)
        if (!isnan(v[i]))
            a[i] = (mr_arg){.given = true, .num = v[i]};
    mr_err err;
    mr_clip *r = mr_op_apply(o, c, a, &err);
    if (!r)
        fprintf(stderr, "%s: %s\n", name, err.msg);
    return r;
}

/* RMS of channel ch over samples [a, b) of c. */
static double rms(const mr_clip *c, int ch, int64_t a, int64_t b)
{
    float *x = pull(c, a, (int)(b - a));
    double s = 0;
    for (int64_t i = 0; i < b - a; i++)
        s += (double)x[2 * i + ch] * x[2 * i + ch];
    free(x);
    return sqrt(s / (double)(b - a));
}

/* The largest step between neighbouring samples of the left channel over [a, b). */
static double max_step(const mr_clip *c, int64_t a, int64_t b)
{
    float *x = pull(c, a, (int)(b - a));
    double m = 0;
    for (int64_t i = 1; i < b - a; i++)
        m = fmax(m, fabs((double)x[2 * i] - x[2 * i - 2]));
    free(x);
    return m;
}

static int zero_crossings(const float *x, int n)
{
    int z = 0;
    for (int i = 1; i < n; i++)
        z += (x[2 * i - 2] < 0) != (x[2 * i] < 0);
    return z;
}

int main(void)
{
    mr_err err;
    mr_clip *tone = K(mr_tone_new(1000, &err)), *bass = K(mr_tone_new(100, &err));
    mr_clip *t4 = K(mr_clip_dur(tone, 4, &err)), *b4 = K(mr_clip_dur(bass, 4, &err));
    const int R = MR_AUDIO_RATE;

    /* volume_at: v inside, untouched outside, and the edges no steeper than the tone's own */
    mr_clip *va = K(op("volume_at", b4, 3, (double[]){1, 2, 0.1}));
    CHECK_NEAR(rms(va, 0, R / 2, R) / rms(b4, 0, R / 2, R), 1, 1e-6);
    CHECK_NEAR(rms(va, 0, 14 * R / 10, 16 * R / 10) / rms(b4, 0, 14 * R / 10, 16 * R / 10), 0.1, 1e-3);
    double own = max_step(b4, R / 2, R);
    CHECK(max_step(va, R - 2400, R + 2400) <= own * 1.0001);
    CHECK(max_step(va, 2 * R - 2400, 2 * R + 2400) <= own * 1.0001);
    mr_clip *hard = K(op("volume_at", b4, 4, (double[]){1.0025, 2, 0.1, 0})); /* no ramp: a step at 1.0025 s */
    CHECK(max_step(hard, R, R + 480) > own * 1.5);

    /* volume with a curve is an envelope: even a step (1 to 0.1 at 1 s) is ramped over 10 ms, no click */
    mr_ease held;
    mr_ease_parse("step", &held, &err);
    mr_curve *jump = mr_curve_keys(1, (mr_curve_key[]){{0, {1}}, {1.0001, {0.1}, held}}, 2, &err);
    mr_clip *env = K(mr_clip_volume(b4, 0, jump, &err));
    mr_curve_unref(jump);
    CHECK_NEAR(rms(env, 0, R / 2, R) / rms(b4, 0, R / 2, R), 1, 1e-6);
    CHECK_NEAR(rms(env, 0, 2 * R, 3 * R) / rms(b4, 0, 2 * R, 3 * R), 0.1, 1e-4);
    CHECK(max_step(env, R - 2400, R + 2400) <= own * 1.2);

    /* pan law (a mono tone): hard left leaves the right silent; the centre is 3 dB under the hard side */
    mr_clip *left = K(op("pan", t4, 1, (double[]){-1})), *mid = K(op("pan", t4, 1, (double[]){0}));
    mr_clip *right = K(op("pan", t4, 1, (double[]){1}));
    CHECK(rms(left, 1, R, 2 * R) < 1e-6);
    CHECK(rms(right, 0, R, 2 * R) < 1e-6);
    CHECK_NEAR(20 * log10(rms(mid, 0, R, 2 * R) / rms(left, 0, R, 2 * R)), -3.0103, 0.01);
    CHECK_NEAR(rms(mid, 1, R, 2 * R), rms(t4, 1, R, 2 * R), 1e-6); /* 0: unchanged */
    /* constant power across the field */
    mr_clip *part = K(op("pan", t4, 1, (double[]){0.4}));
    double pl = rms(part, 0, R, 2 * R), pr = rms(part, 1, R, 2 * R), pc = rms(mid, 0, R, 2 * R);
    CHECK_NEAR(pl * pl + pr * pr, 2 * pc * pc, 1e-4);

    /* audio fades: the gain follows the shape; the picture stays */
    mr_arg fa[2] = {{.given = true, .num = 1}, {.given = true, .num = 0}};
    const mr_op *fin = mr_op_find("audio_fadein");
    CHECK(fin != NULL);
    mr_clip *lin = K(mr_op_apply(fin, t4, fa, &err));
    float *x = pull(lin, R / 2, 1), *y = pull(t4, R / 2, 1), *a0, *a1;
    CHECK_NEAR(x[0], 0.5 * y[0], 1e-5);
    free(x);
    int sine = mr_op_find("audio_fadein")->params[1].choices ? 1 : -1; /* "linear|in_sine|..." */
    CHECK_STR(mr_op_find("audio_fadein")->params[1].choices, "linear|in_sine|");
    CHECK(sine > 0);
    fa[1].num = sine;
    mr_clip *sin_in = K(mr_op_apply(fin, t4, fa, &err));
    x = pull(sin_in, R / 2, 1);
    CHECK_NEAR(x[0], (1 - cos(M_PI / 4)) * y[0], 1e-5);
    free(x);
    free(y);
    mr_clip *fout = K(op("audio_fadeout", t4, 1, (double[]){2}));
    CHECK_NEAR(rms(fout, 0, R / 2, R), rms(t4, 0, R / 2, R), 1e-6);
    x = pull(fout, 3 * R, 1), y = pull(t4, 3 * R, 1);
    CHECK_NEAR(x[0], 0.5 * y[0], 1e-5);
    free(x);
    free(y);

    /* delay: sample n is the input's n - 0.25 s; silence before */
    mr_clip *late = K(op("delay", t4, 1, (double[]){0.25}));
    x = pull(late, 0, R), y = pull(t4, 0, R);
    CHECK(x[0] == 0 && x[2 * (R / 4 - 1)] == 0);
    CHECK(x[2 * (R / 4 + 77)] == y[2 * 77]);
    free(x);
    free(y);
    CHECK_NEAR(late->duration, 4, 1e-9);

    /* audio_echo: x[n] + 0.5 x[n - d] + 0.25 x[n - 2d] + ... (8 repeats by default) */
    mr_clip *echo = K(op("audio_echo", t4, 2, (double[]){0.1, 0.5}));
    x = pull(echo, R, 1);
    double want = 0, g = 1;
    for (int k = 0; k <= 8; k++, g *= 0.5) {
        a0 = pull(t4, R - k * (R / 10), 1);
        want += g * a0[0];
        free(a0);
    }
    CHECK_NEAR(x[0], want, 1e-5);
    free(x);
    mr_clip *echo1 = K(op("audio_echo", t4, 3, (double[]){0.1, 0.5, 1}));
    x = pull(echo1, R, 1), a0 = pull(t4, R, 1), a1 = pull(t4, R - R / 10, 1);
    CHECK_NEAR(x[0], a0[0] + 0.5f * a1[0], 1e-6);
    free(x);
    free(a0);
    free(a1);

    /* normalize: -16 LUFS reached; where the peak would pass -1 dBTP the gain is lowered */
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    mr_loudness m0, m1, m2;
    CHECK_INT(mr_loudness_measure(t4, &ev, &m0), 0);
    CHECK_NEAR(m0.peak_dbtp, -6.02, 0.1); /* a 0.5 sine */
    CHECK_NEAR(m0.lufs, -6.02, 0.05);
    mr_clip *n16 = K(op("normalize", t4, 1, (double[]){-16}));
    CHECK_INT(mr_loudness_measure(n16, &ev, &m1), 0);
    CHECK_NEAR(m1.lufs, -16, 0.05);
    mr_clip *n1 = K(op("normalize", t4, 1, (double[]){0})); /* +6 dB would peak at 0 dBTP */
    CHECK_INT(mr_loudness_measure(n1, &ev, &m2), 0);
    CHECK_NEAR(m2.peak_dbtp, -1, 0.05);
    CHECK_NEAR(m2.lufs, -1, 0.05);
    CHECK(mr_loudness_measure(tone, &ev, &m0) < 0); /* no end */
    CHECK_STR(err.msg, "no end");

    /* duck: the bass 12 dB down while a voice (1 kHz, 2 s to 4 s) sounds, back after */
    mr_clip *b8 = K(mr_clip_dur(bass, 8, &err)), *v2 = K(mr_clip_dur(tone, 2, &err));
    mr_clip *voice = K(mr_clip_start_at(v2, 2, &err));
    const mr_op *dk = mr_op_find("duck");
    mr_arg da[5] = {{.given = true, .clip = voice}, {.given = true, .num = 12}};
    mr_clip *ducked = K(mr_op_apply(dk, b8, da, &err));
    CHECK(ducked != NULL);
    double before = rms(ducked, 0, R / 2, 3 * R / 2), during = rms(ducked, 0, 2 * R, 4 * R);
    double after = rms(ducked, 0, 5 * R, 7 * R);
    CHECK_NEAR(20 * log10(during / before), -12, 0.1);
    CHECK_NEAR(20 * log10(after / before), 0, 0.01);
    CHECK(max_step(ducked, 3 * R / 2, 5 * R) <= max_step(b8, 3 * R / 2, 5 * R) * 1.0001); /* ramps, no clicks */

    /* speed 2 keeping the pitch: half the samples, still 1 kHz; chunks give the same bits in any order */
    const mr_op *sp = mr_op_find("speed");
    mr_arg sa[2] = {{.given = true, .num = 2}, {.given = true, .num = 1}};
    mr_clip *k2 = K(mr_op_apply(sp, K(mr_clip_dur(tone, 24, &err)), sa, &err)); /* 12 s: three chunks */
    CHECK(k2 != NULL);
    CHECK_INT(mr_clip_samples(k2), 12 * R);
    float *whole = pull(k2, 0, 12 * R);
    int zc = zero_crossings(whole + 2 * R, R);
    CHECK(abs(zc - 2000) <= 4);
    float *again = pull(k2, 5 * R - 100, 300); /* a fresh node state would differ: this one's cache */
    CHECK(memcmp(again, whole + 2 * (5 * R - 100), sizeof(float) * 600) == 0);
    free(again);
    mr_clip *k2b = K(mr_op_apply(sp, K(mr_clip_dur(tone, 24, &err)), sa, &err)); /* asked at the join first */
    again = pull(k2b, 5 * R - 100, 300);
    CHECK(memcmp(again, whole + 2 * (5 * R - 100), sizeof(float) * 600) == 0);
    free(again);
    double step = 0;
    for (int i = 5 * R - 2000; i < 5 * R + 2000; i++)
        step = fmax(step, fabs(whole[2 * i] - whole[2 * i - 2]));
    CHECK(step < 0.07 * 1.5); /* the tone's own step is 0.065: no click at the join */
    free(whole);
    sa[1].num = 0;
    mr_clip *tape = K(mr_op_apply(sp, t4, sa, &err));
    x = pull(tape, 0, R);
    CHECK(abs(zero_crossings(x, R) - 4000) <= 4);
    free(x);
    /* a ramp cannot keep the pitch */
    mr_curve *ramp = mr_curve_keys(1, (mr_curve_key[]){{0, {1}}, {1, {2}}}, 2, &err);
    mr_arg ra[2] = {{.given = true, .curve = ramp}, {.given = true, .num = 1}};
    CHECK(mr_op_apply(sp, t4, ra, &err) == NULL);
    CHECK_STR(err.msg, "keep_pitch");
    mr_curve_unref(ramp);

    mr_eval_free(&ev);
    for (int i = nmade - 1; i >= 0; i--)
        mr_clip_unref(made[i]);
    return CHECK_DONE();
}
