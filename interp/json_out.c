/* json_out.c: info and probe as JSON (json_out.h), built with jansson. */
#include "interp/json_out.h"

#include <jansson.h>
#include "engine/media/colorspace.h"
#include "engine/media/orient.h"

/* Prints obj (stolen) compactly with a newline. Returns 0, or -1 when obj is NULL. */
static int emit(json_t *obj, FILE *out)
{
    if (!obj)
        return -1;
    int r = json_dumpf(obj, out, JSON_COMPACT | JSON_ENSURE_ASCII) == 0 ? 0 : -1;
    json_decref(obj);
    if (r == 0)
        fputc('\n', out);
    return r;
}

int mr_json_media_info(const mr_media_info *in, FILE *out)
{
    json_t *video = json_null(), *audio = json_null();
    if (in->has_video) {
        char rate[32], turn[64];
        snprintf(rate, sizeof rate, "%d/%d", in->fps.num, in->fps.den);
        video = json_pack("{s:s, s:i, s:i, s:i, s:i, s:f, s:s, s:I, s:s, s:s, s:s, s:b, s:o, s:b}", "codec", in->vcodec,
                          "width", in->w, "height", in->h, "coded_width", in->coded_w, "coded_height", in->coded_h,
                          "fps", mr_q2d(in->fps), "fps_rational", rate, "frames", (json_int_t)in->frames,
                          "pix_fmt", in->pix_fmt, "matrix", mr_matrix_name(in->matrix), "range",
                          in->full_range ? "full" : "limited", "matrix_assumed", in->matrix_guessed, "rotation",
                          mr_orient_is_identity(in->orient)
                              ? json_null()
                              : json_string(mr_orient_describe(in->orient, turn, sizeof turn)),
                          "alpha", in->has_alpha);
    }
    if (in->has_audio)
        audio = json_pack("{s:s, s:i, s:i, s:s}", "codec", in->acodec, "sample_rate", in->sample_rate, "channels",
                          in->channels, "layout", in->layout);
    return emit(json_pack("{s:s, s:s, s:I, s:f, s:o, s:o}", "file", in->path, "format", in->container, "size_bytes",
                          (json_int_t)in->size_bytes, "duration", in->duration, "video", video, "audio", audio),
                out);
}

static const char *answer(mr_probe_answer a)
{
    return a == MR_PROBE_YES ? "yes" : a == MR_PROBE_NO ? "no" : "not tried";
}

/* A reason as a string, or null where there is none. */
static json_t *reason(const char *why)
{
    return why[0] ? json_string(why) : json_null();
}

int mr_json_probe(const mr_probe_report *r, FILE *out)
{
    json_t *codecs = json_array(), *gpu = json_null();
    for (int i = 0; codecs && i < r->ncodecs; i++) {
        const mr_probe_codec *c = &r->codecs[i];
        json_array_append_new(
            codecs, json_pack("{s:s, s:s, s:o, s:o, s:s, s:o}", "codec", c->codec, "nvdec", answer(c->nvdec),
                              "nvdec_reason", reason(c->nvdec_why), "nvenc_encoder",
                              c->nvenc ? json_string(c->nvenc) : json_null(), "nvenc",
                              c->nvenc ? answer(c->nvenc_opens) : "none", "nvenc_reason", reason(c->nvenc_why)));
    }
    if (r->gpu) {
        char cuda[16];
        snprintf(cuda, sizeof cuda, "%d.%d", r->cuda_version / 1000, r->cuda_version % 1000 / 10);
        gpu = json_pack("{s:s, s:f, s:s}", "name", r->gpu_name, "memory_gib", r->gpu_memory_gib, "cuda", cuda);
    }
    return emit(json_pack("{s:b, s:o, s:o, s:o, s:{s:s, s:s, s:o}}", "cuda_built", r->built, "gpu", gpu,
                          "gpu_reason", r->built && !r->gpu ? json_string(r->gpu_why) : json_null(), "codecs", codecs,
                          "auto", "backend", r->auto_backend, "encoder", r->auto_encoder, "reason",
                          reason(r->auto_why)),
                out);
}
