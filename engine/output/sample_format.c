/* sample_format.c: the sample format of a lossless sound file (sample_format.h). */
#include "engine/output/sample_format.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

const char *mr_sample_format_pcm(const char *want)
{
    if (!want || !strcmp(want, "s16"))
        return "pcm_s16le";
    if (!strcmp(want, "s24"))
        return "pcm_s24le";
    if (!strcmp(want, "f32"))
        return "pcm_f32le";
    return NULL;
}

/* Whether codec takes samples laid out as f. */
static bool takes(const AVCodec *codec, enum AVSampleFormat f)
{
    for (const enum AVSampleFormat *p = codec->sample_fmts; p && *p != AV_SAMPLE_FMT_NONE; p++)
        if (*p == f)
            return true;
    return false;
}

int mr_sample_format_choose(const AVCodec *codec, const char *want, const char *path, enum AVSampleFormat *fmt,
                            int *bits, mr_err *err)
{
    *bits = 0;
    *fmt = AV_SAMPLE_FMT_NONE;
    if (!want) { /* the encoder's first of the layouts moonreel writes */
        for (const enum AVSampleFormat *f = codec->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE; f++)
            if (*f == AV_SAMPLE_FMT_FLTP || *f == AV_SAMPLE_FMT_FLT || *f == AV_SAMPLE_FMT_S16) {
                *fmt = *f;
                return 0;
            }
        return mr_err_set(err, "the %s encoder takes no sample format moonreel writes", codec->name);
    }
    if (!mr_sample_format_pcm(want))
        return mr_err_set(err, "sample_format '%s' is not s16, s24 or f32", want);
    const AVCodecDescriptor *d = avcodec_descriptor_get(codec->id);
    if (!d || !(d->props & AV_CODEC_PROP_LOSSLESS))
        return mr_err_set(err, "'%s' holds %s, which keeps its own samples: sample_format (%s) is for .wav and .flac",
                          path, avcodec_get_name(codec->id), want);
    if (!strcmp(want, "f32")) {
        *fmt = takes(codec, AV_SAMPLE_FMT_FLT) ? AV_SAMPLE_FMT_FLT : takes(codec, AV_SAMPLE_FMT_FLTP) ? AV_SAMPLE_FMT_FLTP
                                                                                                   : AV_SAMPLE_FMT_NONE;
    } else if (!strcmp(want, "s24")) {
        *fmt = takes(codec, AV_SAMPLE_FMT_S32) ? AV_SAMPLE_FMT_S32 : AV_SAMPLE_FMT_NONE;
        *bits = 24;
    } else {
        *fmt = takes(codec, AV_SAMPLE_FMT_S16) ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_NONE;
    }
    if (*fmt == AV_SAMPLE_FMT_NONE)
        return mr_err_set(err, "'%s' cannot hold %s samples in %s (FLAC holds s16 or s24; .wav any of s16, s24, f32)",
                          path, want, avcodec_get_name(codec->id));
    return 0;
}

void mr_samples_to_s24(const float *in, int32_t *out, int n)
{
    for (int i = 0; i < n; i++) {
        float v = in[i] * 8388608.0f; /* the scale decoders read back */
        v = v > 8388607.0f ? 8388607.0f : v < -8388608.0f ? -8388608.0f : v;
        out[i] = (int32_t)lrintf(v) * 256;
    }
}
