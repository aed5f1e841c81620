/* output.c: an output file: the container, the sound encoder, the temporary file renamed
 * when complete. The picture encoder is in video_encoder.c. */
#include "engine/output/output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libavutil/opt.h>
#include "engine/core/log.h"
#include "engine/output/alpha_out.h"
#include "engine/output/output_internal.h"
#include "engine/output/sample_format.h"

/* The sound of a file: the codec's name for messages and the FFmpeg encoders to try, in order. */
typedef struct sound_codec {
    const char *name, *enc[2];
} sound_codec;

/* Files that hold sound only, by extension, and the codec each is made for. */
static const struct { const char *ext; sound_codec codec; } sound_files[] = {
    {".wav", {"PCM", {"pcm_s16le"}}},
    {".mp3", {"MP3", {"libmp3lame"}}},
    {".flac", {"FLAC", {"flac"}}},
    {".ogg", {"Vorbis", {"libvorbis", "vorbis"}}},
    {".opus", {"Opus", {"libopus", "opus"}}},
    {".m4a", {"AAC", {"aac"}}}, /* FFmpeg's "ipod" muxer, which would also take H.264 */
};

/* The codec for sound-only files with path's extension, or NULL where the extension is not
 * one of sound_files. */
static const sound_codec *sound_file_codec(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof sound_files / sizeof sound_files[0]; i++) {
        size_t k = strlen(sound_files[i].ext);
        if (n > k && strcasecmp(path + n - k, sound_files[i].ext) == 0)
            return &sound_files[i].codec;
    }
    return NULL;
}

/* Whether o's container holds sound only: one of sound_files, or a muxer for sound without
 * pictures (.aac, .mka...). */
static bool holds_sound_only(const mr_output *o)
{
    const AVOutputFormat *f = o->mux.oc->oformat;
    return sound_file_codec(o->path) || (f->video_codec == AV_CODEC_ID_NONE && f->audio_codec != AV_CODEC_ID_NONE);
}

/* The codecs audio_codec names by their short names (others go by FFmpeg's encoder name). */
static const struct { const char *name; sound_codec codec; } named_codecs[] = {
    {"aac", {"AAC", {"aac"}}},           {"opus", {"Opus", {"libopus", "opus"}}},
    {"mp3", {"MP3", {"libmp3lame"}}},    {"vorbis", {"Vorbis", {"libvorbis", "vorbis"}}},
    {"flac", {"FLAC", {"flac"}}},        {"pcm", {"PCM", {"pcm_s16le"}}},
    {"ac3", {"AC-3", {"ac3"}}},
};

/* The encoder audio_codec asks for: a short name of named_codecs (pcm: of the sample format)
 * or an FFmpeg audio encoder's name. NULL with err set (the names it takes). */
static const AVCodec *asked_audio_encoder(const mr_output *o, const char *asked, mr_err *err)
{
    for (size_t i = 0; i < sizeof named_codecs / sizeof named_codecs[0]; i++) {
        const sound_codec *sc = &named_codecs[i].codec;
        if (strcmp(asked, named_codecs[i].name))
            continue;
        const char *pcm = !strcmp(asked, "pcm") ? mr_sample_format_pcm(o->sample_format) : NULL;
        for (int k = 0; k < 2 && sc->enc[k]; k++) {
            const AVCodec *c = avcodec_find_encoder_by_name(pcm ? pcm : sc->enc[k]);
            if (c)
                return c;
        }
        mr_err_set(err, "audio_codec '%s': this FFmpeg build has no %s encoder (%s)", asked, sc->name, sc->enc[0]);
        return NULL;
    }
    const AVCodec *c = avcodec_find_encoder_by_name(asked);
    if (c && c->type == AVMEDIA_TYPE_AUDIO)
        return c;
    mr_err_set(err, "audio_codec '%s' is not a sound encoder (aac, opus, mp3, vorbis, flac, pcm, ac3, or an "
                    "FFmpeg audio encoder's name)", asked);
    return NULL;
}

/* The sound encoder for o: audio_codec's where asked, else what its extension is made for
 * (sound_files), Opus in WebM, the muxer's own choice in other sound-only files, else AAC.
 * NULL with err set naming the file and the encoder this FFmpeg lacks. */
static const AVCodec *find_audio_encoder(const mr_output *o, const char *asked, mr_err *err)
{
    static const sound_codec opus = {"Opus", {"libopus", "opus"}}, aac = {"AAC", {"aac"}};
    if (asked)
        return asked_audio_encoder(o, asked, err);
    const sound_codec *want = sound_file_codec(o->path);
    sound_codec pcm = {"PCM", {mr_sample_format_pcm(o->sample_format)}};
    if (want && !strcmp(want->enc[0], "pcm_s16le") && pcm.enc[0]) /* .wav: the sample format's PCM */
        want = &pcm;
    if (!want && !strcmp(o->mux.oc->oformat->name, "webm"))
        want = &opus;
    if (!want && holds_sound_only(o)) {
        const AVCodec *c = avcodec_find_encoder(o->mux.oc->oformat->audio_codec);
        if (!c)
            mr_err_set(err, "cannot write '%s': this FFmpeg build has no %s encoder", o->path,
                       avcodec_get_name(o->mux.oc->oformat->audio_codec));
        return c;
    }
    if (!want)
        want = &aac;
    for (int i = 0; i < 2 && want->enc[i]; i++) {
        const AVCodec *c = avcodec_find_encoder_by_name(want->enc[i]);
        if (c)
            return c;
    }
    mr_err_set(err, "cannot write '%s': this FFmpeg build has no %s encoder (%s)", o->path, want->name, want->enc[0]);
    return NULL;
}

/* Opens the sound encoder and adds its stream. 0, or -1 with err set. */
static int open_audio(mr_output *o, const mr_output_opts *opt, mr_err *err)
{
    const AVCodec *codec = find_audio_encoder(o, opt->audio_codec, err);
    if (!codec)
        return -1;
    if (avformat_query_codec(o->mux.oc->oformat, codec->id, FF_COMPLIANCE_NORMAL) == 0)
        return mr_err_set(err, "'%s' cannot hold %s sound%s", o->path, avcodec_get_name(codec->id),
                          opt->audio_codec ? " (another audio_codec, or another container)" : "");
    if (!(o->ast = avformat_new_stream(o->mux.oc, NULL)) || !(o->aenc = avcodec_alloc_context3(codec)))
        return mr_err_set(err, "out of memory");
    AVCodecContext *e = o->aenc;
    e->sample_rate = MR_AUDIO_RATE;
    int bits;
    if (mr_sample_format_choose(codec, opt->sample_format, o->path, &e->sample_fmt, &bits, err) < 0)
        return -1;
    if (bits)
        e->bits_per_raw_sample = bits;
    av_channel_layout_copy(&e->ch_layout, &(AVChannelLayout)AV_CHANNEL_LAYOUT_STEREO);
    const AVCodecDescriptor *d = avcodec_descriptor_get(codec->id);
    if (!d || !(d->props & AV_CODEC_PROP_LOSSLESS)) /* PCM and FLAC take no bit rate */
        e->bit_rate = opt->audio_bitrate > 0 ? opt->audio_bitrate : 128000;
    if (codec->capabilities & AV_CODEC_CAP_EXPERIMENTAL) /* FFmpeg's own Vorbis and Opus */
        e->strict_std_compliance = FF_COMPLIANCE_EXPERIMENTAL;
    e->time_base = (AVRational){1, MR_AUDIO_RATE};
    if (o->mux.oc->oformat->flags & AVFMT_GLOBALHEADER)
        e->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int r = avcodec_open2(e, codec, NULL);
    if (r < 0)
        return mr_err_av(err, r, "cannot open the %s encoder", codec->name);
    avcodec_parameters_from_context(o->ast->codecpar, e);
    o->ast->time_base = e->time_base;
    int fs = e->frame_size > 0 ? e->frame_size : 1024;
    o->fifo = av_audio_fifo_alloc(e->sample_fmt, 2, fs * 4);
    o->aframe = av_frame_alloc();
    if (!o->fifo || !o->aframe)
        return mr_err_set(err, "out of memory");
    return 0;
}

/* Starts writing the temporary file: opens it and writes the container's header. */
static int start_file(mr_output *o, const mr_output_opts *opt, mr_err *err)
{
    if (mr_part_create(&o->part, o->path, err) < 0)
        return -1;
    av_free(o->mux.oc->url); /* the muxer re-opens its url to move the index (faststart) */
    o->mux.oc->url = av_strdup(o->part.path);
    int r = avio_open(&o->mux.oc->pb, o->part.path, AVIO_FLAG_WRITE);
    if (r < 0)
        return mr_err_av(err, r, "cannot write '%s'", o->path);
    AVDictionary *mux = NULL;
    bool mov = !strcmp(o->mux.oc->oformat->name, "mov");
    if (opt->faststart || mov) /* mov writes the colour tags (colr atom) only when asked */
        av_dict_set(&mux, "movflags", opt->faststart && mov ? "+faststart+write_colr" : mov ? "+write_colr" : "+faststart", 0);
    r = avformat_write_header(o->mux.oc, &mux);
    av_dict_free(&mux);
    return r < 0 ? mr_err_av(err, r, "cannot start '%s'", o->path) : 0;
}

/* The picture codec a container gets when none is asked for. */
static const char *default_codec(const char *fmt)
{
    return !strcmp(fmt, "webm") ? "vp9" : !strcmp(fmt, "gif") ? "gif" : !strcmp(fmt, "image2") ? "png" : "h264";
}

bool mr_output_named_file(const char *path)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    return strchr(base, '.') && av_guess_format(NULL, base, NULL);
}

const char *mr_output_codec(const char *path, const mr_output_opts *opt)
{
    if (mr_output_is_sequence(path))
        return "png";
    AVFormatContext *oc = NULL;
    if (avformat_alloc_output_context2(&oc, NULL, NULL, path) < 0 || !oc)
        return NULL;
    const char *codec = opt->codec ? opt->codec : default_codec(oc->oformat->name);
    bool sound_only = sound_file_codec(path) ||
                      (oc->oformat->video_codec == AV_CODEC_ID_NONE && oc->oformat->audio_codec != AV_CODEC_ID_NONE);
    avformat_free_context(oc);
    return sound_only ? NULL : codec;
}

int mr_output_alpha_support(const char *path, const mr_output_opts *opt)
{
    bool seq = mr_output_is_sequence(path);
    AVFormatContext *oc = NULL;
    if (avformat_alloc_output_context2(&oc, NULL, seq ? "image2" : NULL, path) < 0 || !oc)
        return 0;
    const char *codec = opt->codec ? opt->codec : default_codec(oc->oformat->name);
    const AVCodec *c = mr_venc_find(opt->encoder, codec, NULL);
    int r = c && mr_alpha_holds(c, oc->oformat->name) && (seq || avformat_query_codec(oc->oformat, c->id, FF_COMPLIANCE_NORMAL) == 1);
    avformat_free_context(oc);
    return r;
}

/* A sequence's own checks: its pattern and folder, pictures written as PNG by FFmpeg's
 * encoder. 0, or -1 with err set. */
static int check_sequence(const char *path, const mr_output_opts *opt, int w, mr_err *err)
{
    if (mr_seq_check(path, err) < 0)
        return -1;
    if (w == 0)
        return mr_err_set(err, "'%s': a PNG sequence holds pictures only, and the clip has none", path);
    if (opt->codec && strcmp(opt->codec, "png"))
        return mr_err_set(err, "'%s' is a PNG sequence: its pictures are PNG, not %s", path, opt->codec);
    if (opt->encoder && strcmp(opt->encoder, "auto") && strcmp(opt->encoder, "null") && strcmp(opt->encoder, "png"))
        return mr_err_set(err, "'%s' is a PNG sequence: its pictures are written by the png encoder, not %s", path,
                          opt->encoder);
    return 0;
}

/* mr_output_open, or mr_output_open_copy where `copy` describes the copied picture. */
static mr_output *open_output(const char *path, const mr_output_opts *opt, int w, int h, mr_rational fps, bool audio,
                              struct mr_gpu *gpu, bool transparent, const AVCodecParameters *copy, mr_err *err)
{
    mr_output *o = calloc(1, sizeof *o);
    if (!o) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    snprintf(o->path, sizeof o->path, "%s", path);
    o->mux.path = o->path;
    o->part.path[0] = 0;
    o->w = w;
    o->h = h;
    o->gpu = gpu;
    o->null = opt->encoder && !strcmp(opt->encoder, "null");
    o->seq = mr_output_is_sequence(path);
    o->alpha_mode = opt->alpha;
    o->sample_format = opt->sample_format;
    o->transparent = transparent;
    if (o->seq && check_sequence(path, opt, w, err) < 0) {
        free(o);
        return NULL;
    }
    /* render only: a matroska context stands in, so the encoder choice works as usual; a
     * sequence's context only describes it (its files are written by png_seq.c) */
    int r = avformat_alloc_output_context2(&o->mux.oc, NULL, o->null ? "matroska" : o->seq ? "image2" : NULL, path);
    if (r < 0 || !o->mux.oc) {
        mr_err_set(err, "cannot tell the format of '%s' from its name (use .mp4, .mkv, .mov, .webm, .gif or .png; "
                        "for sound only .wav, .mp3, .flac, .ogg, .opus or .m4a)", path);
        free(o);
        return NULL;
    }
    const char *fmt = o->mux.oc->oformat->name;
    const char *codec = o->seq ? "png" : opt->codec ? opt->codec : default_codec(fmt);
    if (!(o->mux.pkt = av_packet_alloc())) {
        mr_err_set(err, "out of memory");
        goto fail;
    }
    /* render only: nothing is written, so the container does not matter */
    if (w > 0 && !o->null && holds_sound_only(o)) {
        mr_err_set(err, "'%s' holds sound only, but the clip has a picture: render it to .mp4, .mkv, .mov or .webm",
                   path);
        goto fail;
    }
    if (copy ? mr_vcopy_open(o, copy, fps, err) < 0 : w > 0 && mr_venc_open(o, opt, codec, fps, err) < 0)
        goto fail;
    if (w == 0 && !strcmp(fmt, "gif")) {
        mr_err_set(err, "'%s': a GIF holds pictures only, and the clip has none", path);
        goto fail;
    }
    if (audio && (!strcmp(fmt, "gif") || o->seq))
        mr_log("a %s has no sound; the sound is left out of '%s'", o->seq ? "PNG sequence" : "GIF", path);
    else if (audio && !o->null && open_audio(o, opt, err) < 0)
        goto fail;
    if (!o->vst && !o->ast && !o->null) {
        mr_err_set(err, "nothing to write to '%s': the clip has neither picture nor sound", path);
        goto fail;
    }
    if (!o->null && !o->seq && start_file(o, opt, err) < 0)
        goto fail;
    return o;
fail:
    mr_output_abort(o);
    return NULL;
}

mr_output *mr_output_open(const char *path, const mr_output_opts *opt, int w, int h, mr_rational fps, bool audio,
                          struct mr_gpu *gpu, bool transparent, mr_err *err)
{
    return open_output(path, opt, w, h, fps, audio, gpu, transparent, NULL, err);
}

mr_output *mr_output_open_copy(const char *path, const mr_output_opts *opt, const AVCodecParameters *par,
                               mr_rational fps, bool audio, mr_err *err)
{
    return open_output(path, opt, par->width, par->height, fps, audio, NULL, false, par, err);
}

const char *mr_output_encoder_name(const mr_output *o)
{
    return o->null ? "null" : o->venc ? o->venc->codec->name : o->copy ? "copy" : o->aenc ? o->aenc->codec->name : "none";
}

bool mr_output_needs_gpu(const mr_output *o)
{
    return o->hw_frames || (o->null && o->gpu); /* render only: finishing waits for the GPU */
}

int mr_output_video(mr_output *o, AVFrame *pic, int64_t n, mr_err *err)
{
    pic->pts = n;
    return mr_venc_send(o, pic, err);
}

/* Encodes whole encoder frames from the FIFO; with `last`, the remainder too. */
static int drain_audio(mr_output *o, bool last, mr_err *err)
{
    AVCodecContext *e = o->aenc;
    int fs = e->frame_size > 0 ? e->frame_size : 1024;
    bool small_last = e->codec->capabilities & (AV_CODEC_CAP_SMALL_LAST_FRAME | AV_CODEC_CAP_VARIABLE_FRAME_SIZE);
    while (av_audio_fifo_size(o->fifo) >= fs || (last && av_audio_fifo_size(o->fifo) > 0)) {
        int n = av_audio_fifo_size(o->fifo) < fs ? av_audio_fifo_size(o->fifo) : fs;
        AVFrame *f = o->aframe;
        av_frame_unref(f);
        f->nb_samples = n < fs && !small_last ? fs : n;
        f->format = e->sample_fmt;
        f->sample_rate = MR_AUDIO_RATE;
        av_channel_layout_copy(&f->ch_layout, &e->ch_layout);
        if (av_frame_get_buffer(f, 0) < 0)
            return mr_err_set(err, "out of memory for sound");
        av_samples_set_silence(f->extended_data, 0, f->nb_samples, 2, e->sample_fmt);
        av_audio_fifo_read(o->fifo, (void **)f->extended_data, n);
        f->pts = o->apts;
        o->apts += f->nb_samples;
        if (mr_mux_encode(&o->mux, e, o->ast, f, err) < 0)
            return -1;
    }
    return 0;
}

int mr_output_audio(mr_output *o, const float *s, int n, mr_err *err)
{
    if (!o->aenc || n <= 0)
        return 0;
    enum AVSampleFormat fmt = o->aenc->sample_fmt;
    if (o->planar_cap < n) {
        float *p = realloc(o->planar, sizeof(float) * 2 * (size_t)n);
        if (!p)
            return mr_err_set(err, "out of memory for sound");
        o->planar = p;
        o->planar_cap = n;
    }
    void *planes[2];
    if (fmt == AV_SAMPLE_FMT_FLTP) {
        float *l = o->planar, *r = o->planar + n;
        for (int i = 0; i < n; i++) {
            l[i] = s[2 * i];
            r[i] = s[2 * i + 1];
        }
        planes[0] = l;
        planes[1] = r;
    } else if (fmt == AV_SAMPLE_FMT_S32) { /* 24-bit PCM and FLAC */
        mr_samples_to_s24(s, (int32_t *)o->planar, 2 * n);
        planes[0] = o->planar;
    } else if (fmt == AV_SAMPLE_FMT_S16) {
        int16_t *d = (int16_t *)o->planar;
        for (int i = 0; i < 2 * n; i++) { /* rounded, on the scale decoders read back (x 32768) */
            float v = s[i] * 32768.0f;
            d[i] = (int16_t)(v >= 32767 ? 32767 : v <= -32768 ? -32768 : lrintf(v));
        }
        planes[0] = d;
    } else {
        planes[0] = (void *)s;
    }
    if (av_audio_fifo_write(o->fifo, planes, n) < n)
        return mr_err_set(err, "out of memory for sound");
    return drain_audio(o, false, err);
}

int mr_output_finish(mr_output *o, const volatile sig_atomic_t *cancel, mr_err *err)
{
    int r = 0;
    o->mux.cancel = cancel;
    if (o->venc)
        r = mr_venc_send(o, NULL, err);
    if (r == 0 && o->null && o->gpu)
        r = mr_gpu_sync(o->gpu, err); /* render only: the last frames' work is done */
    if (r == 0 && o->aenc && (r = drain_audio(o, true, err)) == 0)
        r = mr_mux_encode(&o->mux, o->aenc, o->ast, NULL, err);
    if (o->null) {
        mr_output_abort(o);
        return r;
    }
    if (o->seq) { /* every file is in place already */
        if (r == 0 && cancel && *cancel)
            r = mr_err_set(err, "interrupted");
        if (r == 0) {
            o->seq_kept = true;
            mr_seq_say_leftovers(o);
        }
        mr_output_abort(o);
        return r;
    }
    int w;
    if (r == 0 && (w = av_write_trailer(o->mux.oc)) < 0)
        r = mr_err_av(err, w, "cannot finish '%s'", o->path);
    if (r == 0 && (w = avio_closep(&o->mux.oc->pb)) < 0)
        r = mr_err_av(err, w, "cannot write '%s'", o->path);
    if (r == 0 && cancel && *cancel) /* the last moment to stop: after the rename it is done */
        r = mr_err_set(err, "interrupted");
    if (r == 0)
        r = mr_part_commit(&o->part, o->path, err);
    mr_output_abort(o);
    return r;
}

void mr_output_abort(mr_output *o)
{
    if (!o)
        return;
    if (o->mux.oc && o->mux.oc->pb)
        avio_closep(&o->mux.oc->pb);
    mr_part_discard(&o->part);
    if (o->seq)
        mr_seq_remove(o); /* unless finished: no set that looks whole and is not */
    mr_venc_close(o);
    avcodec_free_context(&o->aenc);
    avformat_free_context(o->mux.oc);
    av_packet_free(&o->mux.pkt);
    if (o->fifo)
        av_audio_fifo_free(o->fifo);
    av_frame_free(&o->aframe);
    free(o->planar);
    free(o);
}
