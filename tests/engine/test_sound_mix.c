/* test_sound_mix.c: mixing and cutting sound: no click at a hard cut (concat, sub, dur,
 * compose, audio_mix: the largest sample step near a cut stays below the sources' own),
 * audio_mix sums at the clips' starts, tone's waves, sound made by a callback, and the sample
 * formats of lossless files. */
#include <math.h>
#include <stdlib.h>
#include "engine/core/eval.h"
#include "engine/ops/declick.h"
#include "engine/ops/ops.h"
#include "engine/ops/sound_mix.h"
#include "engine/output/sample_format.h"
#include "engine/sources/scripted_sound.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/engine/sound_pull.h"


/* The largest step between neighbouring samples of either channel of c in [s0, s0+n). */
static double max_step(const mr_clip *c, int64_t s0, int n)
{
    float *a = pull(c, s0, n);
    double m = 0;
    for (int i = 1; i < n; i++)
        for (int ch = 0; ch < 2; ch++)
            m = fmax(m, fabs((double)a[2 * i + ch] - a[2 * (i - 1) + ch]));
    free(a);
    return m;
}

static int calls, biggest;

/* A sound callback: a 300 Hz sine on the left, its negative on the right. */
static int sine_block(void *ud, double t0, int64_t s0, int n, float *out, mr_err *err)
{
    calls++;
    biggest = n > biggest ? n : biggest;
    for (int i = 0; i < n; i++) {
        float v = (float)(0.25 * sin(2 * M_PI * 300 * (double)(s0 + i) / MR_AUDIO_RATE));
        out[2 * i] = v;
        out[2 * i + 1] = -v;
    }
    return 0;
}

int main(void)
{
    mr_err err;
    CHECK_NEAR(mr_declick_ms(), MR_DECLICK_MS, 0);
    const int R = mr_declick_samples();
    CHECK_INT(R, 240);

    /* the ramp: 0 -> 1 smoothly, held to half a short sound */
    CHECK(mr_declick_gain(0, 10000, R, R) < 0.001f);
    CHECK_NEAR(mr_declick_gain(R / 2, 10000, R, R), 0.5, 0.01);
    CHECK_NEAR(mr_declick_gain(R, 10000, R, R), 1, 0);
    CHECK(mr_declick_gain(9999, 10000, R, R) < 0.001f);
    CHECK(mr_declick_gain(50, 100, R, R) > 0.99f);

    mr_clip *a440 = mr_tone_new(440, &err), *b1000 = mr_tone_new(1000, &err);
    double own = fmax(max_step(a440, 0, 48000), max_step(b1000, 0, 48000)); /* the sources' own */

    /* concat: pieces cut mid-signal (built with the ramps off: raw cuts), joined by a concat
     * built with them on. Without the ramps the join jumps; with them it stays below `own`. */
    mr_declick_set_ms(0);
    mr_clip *b2 = mr_clip_dur(b1000, 2, &err);
    mr_clip *pa = mr_clip_dur(a440, 0.5013, &err), *pb = mr_clip_sub(b2, 0.2371, NAN, &err);
    mr_clip *pieces[] = {pa, pb};
    mr_clip *raw = mr_concat_new(pieces, 2, 0, 0, &err);
    int64_t join = mr_clip_samples(pa);
    CHECK(max_step(raw, join - 300, 600) > 2 * own);
    mr_declick_set_ms(MR_DECLICK_MS);
    mr_clip *cat = mr_concat_new(pieces, 2, 0, 0, &err);
    CHECK(max_step(cat, join - R, 2 * R) < own); /* across the ramps; beyond them the sources' own */
    float *s = pull(cat, join - 1, 2);
    CHECK(fabsf(s[0]) < 0.001f && fabsf(s[2]) < 0.001f); /* both sides near silence at the join */
    free(s);
    s = pull(cat, join - 2 * R, 1); /* outside the ramps: the sound as it was */
    float *r0 = pull(raw, join - 2 * R, 1);
    CHECK_NEAR(s[0], r0[0], 0);
    free(s);
    free(r0);

    /* sub starting and dur ending mid-signal: from silence before, to silence after */
    mr_clip *t4 = mr_clip_dur(b1000, 4, &err);
    mr_clip *part = mr_clip_sub(t4, 1.23456, 2.5, &err);
    CHECK(max_step(part, -1, R + 2) < own);
    CHECK(max_step(part, mr_clip_samples(part) - R - 1, R + 2) < own);
    mr_clip *whole = mr_clip_sub(t4, 0, NAN, &err); /* not cut: unchanged */
    s = pull(whole, 0, 3);
    r0 = pull(t4, 0, 3);
    CHECK(s[2] == r0[2] && s[4] == r0[4]);
    free(s);
    free(r0);
    mr_clip *cut = mr_clip_dur(a440, 0.7777, &err);
    CHECK(max_step(cut, mr_clip_samples(cut) - R - 1, R + 2) < own);

    /* compose: a layer starting (and ending) inside it ramps; one at 0 does not */
    mr_declick_set_ms(0);
    mr_clip *quiet = mr_silence_new(&err);
    mr_clip *raw_b = mr_clip_dur(b1000, 1, &err), *q = mr_clip_dur(quiet, 3, &err);
    mr_declick_set_ms(MR_DECLICK_MS);
    mr_clip *raw_b1 = mr_clip_sub(raw_b, 0.1, NAN, &err);
    mr_clip *late = mr_clip_start_at(raw_b1, 1.0, &err);
    mr_clip *layers[] = {q, late};
    mr_compose_opts o = mr_compose_opts_default();
    mr_clip *comp = mr_compose_new(layers, 2, &o, &err);
    CHECK(max_step(comp, 48000 - 10, R + 20) < own);
    CHECK(max_step(comp, 48000 + mr_clip_samples(late) - R - 10, R + 20) < own);
    /* a layer from before the compose's start, cut by its end: ramped where it is heard */
    mr_clip *early = mr_clip_start_at(raw_b, -0.3337, &err);
    mr_clip *one_layer[] = {early};
    mr_compose_opts o2 = mr_compose_opts_default();
    o2.duration = 0.5;
    mr_clip *cutmix = mr_compose_new(one_layer, 1, &o2, &err);
    CHECK(max_step(cutmix, -1, R + 2) < own);
    CHECK(max_step(cutmix, 24000 - R - 1, R + 2) < own);
    s = pull(cutmix, 12000, 1);
    r0 = pull(raw_b, 12000 + 16018, 1); /* 0.3337 s = 16017.6 samples, rounded */
    CHECK_NEAR(s[0], r0[0], 1e-6);
    free(s);
    free(r0);

    /* audio_mix: the sum at each start, volumes, as long as the longest, no picture */
    mr_clip *short1 = mr_clip_dur(a440, 1, &err), *long2 = mr_clip_dur(b1000, 2, &err);
    mr_clip *late2 = mr_clip_start_at(long2, 0.5, &err);
    mr_clip *mixed[] = {short1, late2};
    float vols[] = {1, 0.5f};
    mr_clip *mix = mr_audio_mix_new(mixed, 2, vols, &err);
    CHECK(mix && !mix->has_video && mix->has_audio && mix->w == 0);
    CHECK_NEAR(mix->duration, 2.5, 1e-9);
    s = pull(mix, 36000, 1);
    float *x = pull(short1, 36000, 1), *y = pull(long2, 12000, 1);
    CHECK_NEAR(s[0], x[0] + 0.5 * y[0], 1e-6);
    free(s);
    free(x);
    free(y);
    CHECK(max_step(mix, 24000 - 10, R + 20) < own); /* late2 comes in without a click */
    mr_clip *pic = mr_color_new((mr_rgba){0, 0, 0, 255}, 8, 8, &err);
    mr_clip *none[] = {pic};
    CHECK(!mr_audio_mix_new(none, 1, NULL, &err));
    CHECK_STR(err.msg, "none of the 1 clip has sound");
    float loud[] = {101};
    CHECK(!mr_audio_mix_new(mixed, 1, loud, &err));
    CHECK_STR(err.msg, "outside 0..100");

    /* waves: within +-0.5 (a little more at a band-limited corner), zero mean, noise by seed */
    mr_wave w;
    CHECK(mr_wave_parse("saw", &w) == 0 && w == MR_WAVE_SAW);
    CHECK(mr_wave_parse("triangle", &w) < 0);
    const mr_wave waves[] = {MR_WAVE_SQUARE, MR_WAVE_SAW, MR_WAVE_NOISE};
    for (int k = 0; k < 3; k++) {
        mr_clip *t = mr_tone_wave_new(100, waves[k], 7, &err);
        s = pull(t, 0, 48000);
        double sum = 0, peak = 0;
        for (int i = 0; i < 48000; i++) {
            sum += s[2 * i];
            peak = fmax(peak, fabs(s[2 * i]));
        }
        CHECK(fabs(sum / 48000) < 0.01);
        CHECK(peak > 0.45 && peak < 0.6);
        free(s);
        mr_clip_unref(t);
    }
    mr_clip *n1 = mr_tone_wave_new(0, MR_WAVE_NOISE, 1, &err), *n1b = mr_tone_wave_new(0, MR_WAVE_NOISE, 1, &err);
    mr_clip *n2 = mr_tone_wave_new(0, MR_WAVE_NOISE, 2, &err);
    s = pull(n1, 1000, 64);
    x = pull(n1b, 1000, 64);
    y = pull(n2, 1000, 64);
    int same = 0, diff = 0;
    for (int i = 0; i < 128; i++) {
        same += s[i] == x[i];
        diff += s[i] != y[i];
    }
    CHECK_INT(same, 128);
    CHECK(diff > 120);
    free(s);
    free(x);
    free(y);
    mr_clip *square = mr_tone_wave_new(1000, MR_WAVE_SQUARE, 0, &err);
    float *sq = pull(square, 10, 1);
    CHECK_NEAR(sq[0], 0.5, 1e-6); /* away from a corner the square is flat */
    free(sq);
    CHECK(!mr_tone_wave_new(30000, MR_WAVE_SAW, 0, &err));

    /* a callback's sound: asked in blocks of at most MR_SOUND_BLOCK */
    mr_clip *cb = mr_sound_fn_new(2, sine_block, NULL, NULL, &err);
    CHECK(cb && cb->has_audio && !cb->has_video && mr_clip_samples(cb) == 96000);
    s = pull(cb, 100, 20000);
    CHECK_NEAR(s[2 * 500], 0.25 * sin(2 * M_PI * 300 * 600.0 / MR_AUDIO_RATE), 1e-6);
    CHECK(s[2 * 500 + 1] == -s[2 * 500]);
    CHECK(biggest <= MR_SOUND_BLOCK && calls >= 5);
    free(s);
    CHECK(!mr_sound_fn_new(0, sine_block, NULL, NULL, &err));

    /* sample formats: PCM and FLAC keep one; lossy codecs refuse */
    enum AVSampleFormat f;
    int bits;
    CHECK(mr_sample_format_choose(avcodec_find_encoder_by_name("pcm_s24le"), "s24", "o.wav", &f, &bits, &err) == 0);
    CHECK(f == AV_SAMPLE_FMT_S32 && bits == 24);
    CHECK(mr_sample_format_choose(avcodec_find_encoder_by_name("flac"), "s24", "o.flac", &f, &bits, &err) == 0);
    CHECK(mr_sample_format_choose(avcodec_find_encoder_by_name("flac"), "f32", "o.flac", &f, &bits, &err) < 0);
    CHECK_STR(err.msg, "cannot hold f32 samples");
    CHECK(mr_sample_format_choose(avcodec_find_encoder_by_name("aac"), "s16", "o.m4a", &f, &bits, &err) < 0);
    CHECK_STR(err.msg, "is for .wav and .flac");
    CHECK(mr_sample_format_choose(avcodec_find_encoder_by_name("flac"), "u8", "o.flac", &f, &bits, &err) < 0);
    CHECK_STR(err.msg, "not s16, s24 or f32");
    CHECK(mr_sample_format_pcm("f32") && !strcmp(mr_sample_format_pcm("f32"), "pcm_f32le"));
    int32_t i24[3];
    mr_samples_to_s24((const float[]){1.0f, -2.0f, 0.5f}, i24, 3);
    CHECK(i24[0] == 8388607 * 256 && i24[1] == -8388608 * 256 && i24[2] == 4194304 * 256);

    mr_clip *all[] = {a440, b1000, b2, quiet, raw_b1, square, pa, pb, raw, cat, t4, part, whole, cut, raw_b, q, late, comp, early, cutmix, short1, long2, late2,
                      mix, pic, n1, n1b, n2, cb};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
