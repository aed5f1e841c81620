/* test_sound.c: sound through the graph, sample-exact: offsets of sub, compose and concat,
 * fades, volume, speed. */
#include <math.h>
#include <stdlib.h>
#include "engine/core/eval.h"
#include "engine/ops/ops.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/sound_pull.h"

static float tone_at(double f, int64_t s) { return (float)(0.5 * sin(2 * M_PI * fmod((double)s * f / MR_AUDIO_RATE, 1.0))); }


int main(void)
{
    mr_err err;
    mr_clip *tone = mr_tone_new(1000, &err);
    mr_clip *t4 = mr_clip_dur(tone, 4, &err);
    CHECK_INT(mr_clip_samples(t4), 4 * 48000);

    /* sub shifts by exactly t0 * 48000 samples (after its 5 ms ramp in, declick.h) */
    mr_clip *s = mr_clip_sub(t4, 1.5, NAN, &err);
    float *a = pull(s, 300, 100);
    int bad = 0;
    for (int i = 0; i < 100; i++)
        bad += fabsf(a[2 * i] - tone_at(1000, 72000 + 300 + i)) > 1e-6f || a[2 * i] != a[2 * i + 1];
    CHECK_INT(bad, 0);
    free(a);

    /* silence outside the clip */
    a = pull(s, 120000 - 50, 100); /* the clip ends at 2.5 s = sample 120000 */
    CHECK(fabsf(a[2 * 49]) > 0 || fabsf(a[2 * 48]) > 0);
    CHECK(a[2 * 50] == 0 && a[2 * 99] == 0);
    free(a);

    /* compose places a layer's sound at its start */
    mr_clip *t1 = mr_clip_dur(tone, 1, &err);
    mr_clip *late = mr_clip_start_at(t1, 0.5, &err);
    mr_clip *quiet = mr_silence_new(&err);
    mr_clip *q2 = mr_clip_dur(quiet, 2, &err);
    mr_clip *layers[] = {q2, late};
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *comp = mr_compose_new(layers, 2, &o, &err);
    a = pull(comp, 24000 - 2, 4);
    CHECK(a[0] == 0 && a[2] == 0);
    CHECK(fabsf(a[6]) < 1e-4f && a[6] != 0); /* it ramps in over 5 ms (declick.h) */
    free(a);
    a = pull(comp, 24000 + 240, 2);
    CHECK_NEAR(a[0], tone_at(1000, 240), 1e-6);
    CHECK_NEAR(a[2], tone_at(1000, 241), 1e-6);
    free(a);

    /* concat: the second clip's sound begins at the first's end, sample-exact */
    mr_clip *low = mr_tone_new(250, &err);
    mr_clip *one = mr_clip_dur(tone, 1, &err), *other = mr_clip_dur(low, 1, &err);
    mr_clip *parts[] = {one, other};
    mr_clip *cat = mr_concat_new(parts, 2, 0, 0, &err);
    a = pull(cat, 48000 - 241, 483); /* a hard cut: 5 ms ramps either side (declick.h) */
    CHECK_NEAR(a[0], tone_at(1000, 47759), 1e-6);
    CHECK(fabsf(a[2 * 240]) < 1e-4f && fabsf(a[2 * 241]) < 1e-4f);
    CHECK_NEAR(a[2 * 481], tone_at(250, 240), 1e-6);
    CHECK_NEAR(a[2 * 482], tone_at(250, 241), 1e-6);
    free(a);

    /* fades: half way through a 1 s fade-in, half the gain; volume multiplies */
    mr_clip *fi = mr_clip_fadein(t4, 1, NULL, &err);
    a = pull(fi, 24000, 1);
    CHECK_NEAR(a[0], 0.5 * tone_at(1000, 24000), 1e-5);
    free(a);
    mr_clip *fo = mr_clip_fadeout(t4, 2, NULL, &err);
    a = pull(fo, 4 * 48000 - 48000, 1);
    CHECK_NEAR(a[0], 0.5 * tone_at(1000, 3 * 48000), 1e-5);
    free(a);
    mr_clip *vol = mr_clip_volume(t4, 0.25, NULL, &err);
    a = pull(vol, 777, 1);
    CHECK_NEAR(a[0], 0.25 * tone_at(1000, 777), 1e-6);
    free(a);

    /* speed 2: sample n plays input sample 2n (pitch doubles) */
    mr_clip *fast = mr_clip_speed(t4, 2, &err);
    CHECK_INT(mr_clip_samples(fast), 2 * 48000);
    a = pull(fast, 1000, 2);
    CHECK_NEAR(a[0], tone_at(1000, 2000), 1e-5);
    CHECK_NEAR(a[2], tone_at(1000, 2002), 1e-5);
    free(a);

    /* mute removes the sound; with_audio swaps it */
    mr_clip *still = mr_color_new((mr_rgba){1, 2, 3, 255}, 8, 8, &err);
    mr_clip *pic = mr_clip_dur(still, 2, &err);
    CHECK(!pic->has_audio);
    mr_clip *withs = mr_clip_with_audio(pic, t4, &err);
    CHECK(withs->has_audio);
    CHECK_INT(mr_clip_samples(withs), 2 * 48000); /* the picture's length rules */
    mr_clip *muted = mr_clip_mute(withs, &err);
    CHECK(!muted->has_audio);

    mr_clip *all[] = {tone, t4, s, t1, late, quiet, q2, comp, low, one, other, cat, fi, fo, vol, fast, still, pic,
                      withs, muted};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
