/* test_transition.c: transitions in the engine: every `ease` choice is an easing ease.c knows;
 * the kernel's ramp and pseudo-angle; the CPU loop (a row's coverage, then the mix) equals the
 * per-pixel formula the CUDA twin computes, for every shape; every transition of the table
 * shows a at progress 0 and b at 1; concat's timeline and the sound's equal-power crossfade. */
#include <math.h>
#include "engine/kernels/cpu/transition.h"
#include "engine/ops/concat.h"
#include "engine/ops/ops.h"
#include "engine/core/eval.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/frames.h"

static mr_err err;

/* Every choice of `ease` parses. */
static void eases(void)
{
    const mr_transition_desc *t = mr_transition_find("wipe");
    const char *c = t->op.params[mr_op_param(&t->op, "ease")].choices;
    int n = 0;
    while (*c) {
        char name[32];
        size_t len = strcspn(c, "|");
        snprintf(name, sizeof name, "%.*s", (int)len, c);
        mr_ease e;
        CHECK(mr_ease_parse(name, &e, &err) == 0);
        n++;
        c += len + (c[len] == '|');
    }
    CHECK_INT(n, 32);
}

/* The ramp's ends and middle, and the pseudo-angle's order round the clock. */
static void arithmetic(void)
{
    CHECK_INT(mr_tr_ramp(0, 256), 128);
    CHECK_INT(mr_tr_ramp(128, 256), 255);
    CHECK_INT(mr_tr_ramp(-128, 256), 0);
    CHECK_INT(mr_tr_ramp(64, 256), 191);
    CHECK_INT(mr_tr_ramp(0, 1), 128);
    CHECK_INT(mr_tr_ramp(1, 1), 255);
    int64_t last = -1;
    bool rising = true;
    for (int i = 0; i < 3600; i++) { /* clockwise from 12 o'clock, y down */
        double a = i * 2 * M_PI / 3600;
        int64_t p = mr_tr_pseudo_angle(llround(sin(a) * 1e6), llround(-cos(a) * 1e6));
        rising &= p > last;
        last = p;
    }
    CHECK(rising);
    CHECK_INT(mr_tr_pseudo_angle(0, -5), 0);
    CHECK_INT(mr_tr_pseudo_angle(5, 0), MR_TR_ANGLE);
    CHECK_INT(mr_tr_pseudo_angle(0, 5), 2 * MR_TR_ANGLE);
    CHECK_INT(mr_tr_pseudo_angle(-5, 0), 3 * MR_TR_ANGLE);
}

/* The CPU loop against the per-pixel formula of cuda/transition.cu, for k on 97 x 61 random
 * pictures. */
static void loop_is_formula(const mr_tr_params *k, const char *what)
{
    int w = 97, h = 61;
    mr_frame *a = frame_random(w, h, 11), *b = frame_random(w, h, 12), *m = frame_random(w, h, 13);
    mr_frame *out = mr_frame_new(w, h, NULL);
    mr_cpu_transition(out, a, b, m, k);
    int bad = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t want, pa, pb, pm;
            memcpy(&pa, frame_px(a, x, y), 4);
            memcpy(&pb, frame_px(b, x, y), 4);
            memcpy(&pm, frame_px(m, x, y), 4);
            want = mr_tr_mix(pa, pb, mr_tr_coverage(k, x, y, pm));
            bad += memcmp(&want, frame_px(out, x, y), 4) != 0;
        }
    if (bad)
        fprintf(stderr, "%s: %d pixels differ from the formula\n", what, bad);
    CHECK_INT(bad, 0);
    /* in place over a gives the same */
    mr_cpu_transition(a, a, b, m, k);
    CHECK(!memcmp(mr_frame_row(a, h - 1), mr_frame_row(out, h - 1), (size_t)w * 4));
    mr_frame_unref(a); mr_frame_unref(b); mr_frame_unref(m); mr_frame_unref(out);
}

static void shapes(void)
{
    const int64_t S = MR_TR_SUB;
    mr_tr_params k[] = {
        {.shape = MR_TR_UNIFORM, .cov = 77},
        {.shape = MR_TR_LINEAR, .ax = -1, .off = 97 * S, .edge = 40 * S + 13, .soft = 9 * S},
        {.shape = MR_TR_LINEAR, .ay = 1, .period = 10 * S, .edge = 4 * S, .soft = S},
        {.shape = MR_TR_CIRCLE, .cx = 48 * S, .cy = 30 * S, .edge = 20 * S, .soft = 2 * S},
        {.shape = MR_TR_CIRCLE, .invert = 1, .cx = 48 * S, .cy = 30 * S, .edge = 20 * S, .soft = S},
        {.shape = MR_TR_CLOCK, .cx = 48 * S, .cy = 30 * S, .hx = -23170, .hy = 23170, .hand = 0},
        {.shape = MR_TR_NOISE, .seed = 3, .edge = 20000, .soft = 1},
        {.shape = MR_TR_MAP, .edge = 30000, .soft = 9000},
    };
    k[5].hand = mr_tr_pseudo_angle(k[5].hx, k[5].hy);
    static const char *names[] = {"uniform", "linear", "blinds", "circle", "circle closing", "clock", "noise", "map"};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        loop_is_formula(&k[i], names[i]);
    /* an axis-aligned edge covers a pixel by the part of it inside: 1/4 of a pixel is 64 */
    mr_tr_params e = {.shape = MR_TR_LINEAR, .ax = 1, .edge = 10 * S + 64, .soft = S};
    CHECK_INT(mr_tr_coverage(&e, 9, 0, 0), 255);
    CHECK_INT(mr_tr_coverage(&e, 10, 0, 0), 64);
    CHECK_INT(mr_tr_coverage(&e, 11, 0, 0), 0);
}

/* Whether two host frames hold the same pixels. */
static bool same(const mr_frame *a, const mr_frame *b)
{
    for (int y = 0; y < a->h; y++)
        if (memcmp(mr_frame_row(a, y), mr_frame_row(b, y), (size_t)a->w * 4))
            return false;
    return true;
}

/* Every transition: a at progress 0, b at 1, neither in the middle (a and b differ everywhere). */
static void ends(void)
{
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    mr_clip *a = mr_pattern_new("bars", 64, 36, (mr_rational){10, 1}, &err);
    mr_clip *b = mr_color_new((mr_rgba){10, 20, 30, 255}, 64, 36, &err);
    mr_frame *fa, *fb;
    CHECK(mr_clip_picture(a, 1, &ev, &fa) == 0 && mr_clip_picture(b, 0, &ev, &fb) == 0);
    for (const mr_transition_desc *d = mr_transition_table; d->op.name; d++) {
        mr_arg args[MR_OP_MAX_PARAMS] = {0};
        mr_transition *t = d->frame ? mr_transition_new(d, args, &err) : NULL;
        if (!t)
            continue; /* custom; luma wants a picture */
        for (int q = 0; q <= 2; q++) {
            double p = q / 2.0;
            mr_tr_ctx x = {&ev, a, b, 1, 0, p, p, 0, 64, 36};
            mr_frame *f = NULL;
            CHECK(d->frame(&x, t->args, &f) == 0);
            bool is_a = f && same(f, fa), is_b = f && same(f, fb);
            if (!(q == 0 ? is_a : q == 2 ? is_b : !is_a && !is_b))
                fprintf(stderr, "%s at %g: not what it should show\n", d->op.name, p);
            CHECK(q == 0 ? is_a : q == 2 ? is_b : !is_a && !is_b);
            mr_frame_unref(f);
        }
        mr_transition_unref(t);
    }
    mr_frame_unref(fa); mr_frame_unref(fb);
    mr_clip_unref(a); mr_clip_unref(b);
    mr_eval_free(&ev);
}

/* Two tones crossfaded: the duration, and equal power at the window's middle. */
static void sound(void)
{
    mr_clip *t1 = mr_tone_new(300, &err), *t2 = mr_tone_new(500, &err);
    mr_clip *a = mr_clip_dur(t1, 2, &err), *b = mr_clip_dur(t2, 2, &err);
    mr_transition *x = mr_transition_crossfade(1, &err);
    mr_clip *parts[] = {a, b};
    mr_transition *cuts[] = {x};
    mr_concat_opts o = mr_concat_opts_default();
    o.cuts = cuts;
    mr_clip *c = mr_concat_make(parts, 2, &o, &err);
    CHECK(c && c->duration == 3);
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    float got[2], sa[2], sb[2];
    int64_t s = 72000; /* 1.5 s: the middle of the overlap */
    CHECK(mr_clip_sound(c, s, 1, got, &ev) == 0 && mr_clip_sound(a, s, 1, sa, &ev) == 0 &&
          mr_clip_sound(b, s - 48000, 1, sb, &ev) == 0);
    CHECK_NEAR(got[0], (sa[0] + sb[0]) * (float)M_SQRT1_2, 1e-3);
    /* a cut in the middle: only a before it, only b after (5 ms ramps either side, declick.h) */
    x->audio = 0;
    mr_clip *cut = mr_concat_make(parts, 2, &o, &err);
    CHECK(mr_clip_sound(cut, s - 241, 1, got, &ev) == 0 && mr_clip_sound(a, s - 241, 1, sa, &ev) == 0);
    CHECK_NEAR(got[0], sa[0], 1e-6);
    CHECK(mr_clip_sound(cut, s + 240, 1, got, &ev) == 0 && mr_clip_sound(b, s + 240 - 48000, 1, sb, &ev) == 0);
    CHECK_NEAR(got[0], sb[0], 1e-6);
    CHECK(mr_clip_sound(cut, s - 1, 1, got, &ev) == 0 && fabsf(got[0]) < 1e-4f);
    CHECK(mr_clip_sound(cut, s, 1, got, &ev) == 0 && fabsf(got[0]) < 1e-4f);
    mr_eval_free(&ev);
    mr_clip_unref(cut); mr_clip_unref(c); mr_transition_unref(x);
    mr_clip_unref(a); mr_clip_unref(b); mr_clip_unref(t1); mr_clip_unref(t2);
}

int main(void)
{
    eases();
    arithmetic();
    shapes();
    ends();
    sound();
    return CHECK_DONE();
}
