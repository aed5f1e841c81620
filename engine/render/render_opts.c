/* render_opts.c: the table of render options, its parsers, and the engine's own checks. */
#include "engine/render/render_opts.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "engine/render/render.h"
#include "engine/core/timefmt.h"

#define MAX_THREADS MR_RENDER_MAX_THREADS

#define AT(field) offsetof(mr_render_opts, field)
const mr_render_opt mr_render_opt_table[] = {
    {"encoder", "encoder", MR_ROPT_STRING, AT(out.encoder), 0, 0, 0,
     "auto, nvenc, x264, x265, vp9, prores, null, or an FFmpeg encoder name"},
    {"codec", "codec", MR_ROPT_STRING, AT(out.codec), 0, 0, 0,
     "h264, hevc, vp9, prores, png, qtrle or gif (default: from the extension)"},
    {"crf", "crf", MR_ROPT_INT, AT(out.crf), 0, 63, -1, "quality, lower is better (the encoder's moonreel default: x264 20)"},
    {"preset", "preset", MR_ROPT_STRING, AT(out.preset), 0, 0, 0, "the encoder's speed: ultrafast .. veryslow (default veryfast)"},
    {"fps", "fps", MR_ROPT_FPS, AT(fps), 0, 1000, 0, "frames per second: 25, 29.97, 30000/1001 (default: the clip's)"},
    {"size", "size", MR_ROPT_SIZE, AT(w), 1, 16384, 0, "WxH: the output size; the clip is scaled to fit, letterboxed"},
    {"threads", "threads", MR_ROPT_INT, AT(threads), 1, MAX_THREADS, 0, "render workers (default one a core, at most 16)"},
    {"encoder_threads", "encoder-threads", MR_ROPT_INT, AT(out.threads), 1, MAX_THREADS, 0,
     "the encoder's threads (default its own choice)"},
    {"audio_bitrate", "audio-bitrate", MR_ROPT_BITRATE, AT(out.audio_bitrate), 8000, 1024000, 0,
     "bits per second of compressed sound: 128000 or \"128k\" (default 128k)"},
    {"audio_codec", "audio-codec", MR_ROPT_STRING, AT(out.audio_codec), 0, 0, 0,
     "aac, opus, mp3, vorbis, flac, pcm, ac3 or an FFmpeg encoder (default: AAC; Opus in .webm; "
     "the extension's in sound files)"},
    {"sample_format", "sample-format", MR_ROPT_STRING, AT(out.sample_format), 0, 0, 0,
     ".wav and .flac: how samples are stored: s16 (default), s24, or f32 (.wav only)"},
    {"bitrate", "bitrate", MR_ROPT_BITRATE, AT(out.bitrate), 10000, 2000000000, 0,
     "video bits per second: 8000000 or \"8M\", \"2500k\" (default: constant quality by crf)"},
    {"maxrate", "maxrate", MR_ROPT_BITRATE, AT(out.maxrate), 10000, 2000000000, 0,
     "the most video bits per second over bufsize (with crf: capped quality)"},
    {"bufsize", "bufsize", MR_ROPT_BITRATE, AT(out.bufsize), 10000, 2000000000, 0,
     "the buffer, in bits, over which maxrate holds (default: the encoder's)"},
    {"gop", "gop", MR_ROPT_INT, AT(out.gop), 1, 100000, 0, "frames from one key frame to the next (default: the encoder's)"},
    {"pixel_format", "pixel-format", MR_ROPT_STRING, AT(out.pixel_format), 0, 0, 0,
     "yuv420p (default), yuv422p, yuv444p, yuv420p10le ...: the encoder's picture layout, where it takes it"},
    {"codec_opts", "codec-opts", MR_ROPT_DICT, AT(out.codec_opts), 0, 0, 0,
     "the video encoder's own options: {tune = \"film\"} in Lua, --codec-opts tune=film (again for more); "
     "an unknown key is an error naming the encoder"},
    {"range", "range", MR_ROPT_RANGE, AT(range), 0, 1e9, 0,
     "only a part of the clip: {t0, t1} in Lua, --range T0,T1 (seconds or mm:ss.fff)"},
    {"frames", "frames", MR_ROPT_FRAMES, AT(frames), 0, 1e12, -1,
     "only frames A to B, both included, at the output's rate: --frames 0-99, frames = \"0-99\""},
    {"faststart", "faststart", MR_ROPT_BOOL, AT(out.faststart), 0, 0, 0,
     ".mp4/.mov: the index at the front, for playing while downloading"},
    {"backend", "backend", MR_ROPT_BACKEND, AT(backend), 0, 0, 0, "auto, cpu or cuda: where frames are evaluated"},
    {"strict", "strict", MR_ROPT_BOOL, AT(strict), 0, 0, 0,
     "fail at a damaged frame in a source (default: conceal it, and say how many at the end)"},
    {"alpha", "alpha", MR_ROPT_BOOL, AT(out.alpha), 0, 0, 0,
     "true: keep transparency (an error where the format cannot); false: flatten over black "
     "(default: kept when the picture is transparent and the format holds it)", true},
    {"t", "time", MR_ROPT_TIME, AT(t), 0, 1e9, 0, ".png outputs and frame -t: the time of the frame (seconds or mm:ss.fff)"},
    {NULL, NULL, 0, 0, 0, 0, 0, NULL}};
#undef AT

const mr_render_opt *mr_render_opt_find(const char *name)
{
    for (const mr_render_opt *d = mr_render_opt_table; d->name; d++)
        if (!strcmp(name, d->name) || !strcmp(name, d->flag))
            return d;
    return NULL;
}

static long gcd(long a, long b)
{
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int mr_fps_parse(const char *text, mr_rational *fps, mr_err *err)
{
    char *end;
    long num, den;
    if (strchr(text, '/')) {
        num = strtol(text, &end, 10);
        if (*end != '/' || (den = strtol(end + 1, &end, 10), *end) || num <= 0 || den <= 0 ||
            num > 1000000000L || den > 1000000000L || num > 1000L * den)
            return mr_err_set(err, "wants frames per second such as 25, 29.97 or 30000/1001, got '%s'", text);
    } else {
        double f = strtod(text, &end);
        if (end == text || *end || !(f > 0 && f <= 1000))
            return mr_err_set(err, "wants frames per second in (0, 1000], such as 25 or 29.97, got '%s'", text);
        if (fabs(f - round(f)) < 1e-9) {
            num = lround(f);
            den = 1;
        } else if (fabs(f * 1.001 - round(f * 1.001)) < 1e-3 * f / 30) {
            num = lround(f * 1.001) * 1000; /* 23.976, 29.97, 59.94: the NTSC rates */
            den = 1001;
        } else {
            num = lround(f * 1000000); /* a decimal rate, exactly: 12.5 -> 25/2 */
            den = 1000000;
        }
        if (num < 1) /* so small it rounds to nothing */
            return mr_err_set(err, "wants frames per second of at least 0.000001, got '%s'", text);
    }
    long g = gcd(num, den);
    *fps = (mr_rational){(int)(num / g), (int)(den / g)};
    return 0;
}

/* The value of a whole number or a bitrate; -1 with err set when it is not one in range. */
static int parse_number(const mr_render_opt *d, const char *text, double *v, mr_err *err)
{
    char *end;
    double x = strtod(text, &end);
    if (d->type == MR_ROPT_BITRATE && end != text && strchr("kKmM", *end) && *end && !end[1]) {
        x *= *end == 'k' || *end == 'K' ? 1e3 : 1e6;
        end++;
    }
    bool whole = d->type != MR_ROPT_INT || x == floor(x);
    if (end == text || *end || !whole || !(x >= d->min && x <= d->max)) {
        if (d->type == MR_ROPT_BITRATE)
            return mr_err_set(err, "wants bits per second %g..%g, such as 128000 or \"128k\", got '%s'", d->min,
                              d->max, text);
        return mr_err_set(err, "wants a whole number %g..%g, got '%s'", d->min, d->max, text);
    }
    *v = x;
    return 0;
}

static int parse_bool(const char *text, bool *b)
{
    static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (!strcasecmp(text, yes[i]))
            return *b = true, 0;
        if (!strcasecmp(text, no[i]))
            return *b = false, 0;
    }
    return -1;
}

/* Adds "key=value" as a line of the char[1024] lines. 0, or -1 with err set (no key, no '=',
 * a line break in it, too long). */
static int add_line(char *lines, const char *text, mr_err *err)
{
    const char *eq = strchr(text, '=');
    if (!eq || eq == text || strchr(text, '\n'))
        return mr_err_set(err, "wants key=value, got '%s'", text);
    size_t have = strlen(lines), need = strlen(text) + (have ? 1 : 0);
    if (have + need >= sizeof ((mr_output_opts *)0)->codec_opts)
        return mr_err_set(err, "holds at most %zu characters of key=value", sizeof ((mr_output_opts *)0)->codec_opts - 1);
    snprintf(lines + have, need + 1, "%s%s", have ? "\n" : "", text);
    return 0;
}

/* "T0,T1" (seconds or mm:ss.fff each, 0 <= T0 < T1 <= max) into t[2]. 0, or -1 with err set. */
static int parse_range(const char *text, double max, double *t, mr_err *err)
{
    const char *comma = strchr(text, ',');
    char first[64];
    double a, b;
    mr_err why;
    if (!comma || (size_t)(comma - text) >= sizeof first)
        return mr_err_set(err, "wants two times T0,T1 (seconds or mm:ss.fff), got '%s'", text);
    snprintf(first, sizeof first, "%.*s", (int)(comma - text), text);
    if (mr_time_parse(first, &a, &why) < 0 || mr_time_parse(comma + 1, &b, &why) < 0)
        return mr_err_set(err, "wants two times T0,T1: %s", why.msg);
    if (!(a >= 0 && b > a && b <= max))
        return mr_err_set(err, "wants T0 < T1, from 0 to %g s, got '%s'", max, text);
    t[0] = a;
    t[1] = b;
    return 0;
}

int mr_render_opt_set(mr_render_opts *o, const mr_render_opt *d, const char *text, mr_err *err)
{
    char *field = (char *)o + d->offset;
    double v = 0;
    mr_err why;
    switch (d->type) {
    case MR_ROPT_STRING:
        if (!*text)
            return mr_err_set(err, "wants a name (%s), got ''", d->doc);
        *(const char **)field = text;
        return 0;
    case MR_ROPT_INT:
    case MR_ROPT_BITRATE:
        if (parse_number(d, text, &v, err) < 0)
            return -1;
        *(int *)field = (int)v;
        return 0;
    case MR_ROPT_FPS:
        if (mr_fps_parse(text, (mr_rational *)field, &why) < 0)
            return mr_err_set(err, "%s", why.msg);
        return 0;
    case MR_ROPT_SIZE: {
        int w, h;
        char tail;
        if (sscanf(text, "%dx%d%c", &w, &h, &tail) != 2 || w < d->min || h < d->min || w > d->max || h > d->max)
            return mr_err_set(err, "wants WIDTHxHEIGHT such as 1280x720 (1..16384 pixels each), got '%s'", text);
        ((int *)field)[0] = w;
        ((int *)field)[1] = h;
        return 0;
    }
    case MR_ROPT_BOOL: {
        bool b;
        if (parse_bool(text, &b) < 0)
            return mr_err_set(err, "wants true or false, got '%s'", text);
        if (d->tristate)
            *(int *)field = b ? 1 : -1;
        else
            *(bool *)field = b;
        return 0;
    }
    case MR_ROPT_BACKEND:
        if (!mr_backend_parse(text, (mr_backend *)field))
            return mr_err_set(err, "wants auto, cpu or cuda, got '%s'", text);
        return 0;
    case MR_ROPT_TIME: /* the field changes only when the value is good */
        if (mr_time_parse(text, &v, &why) < 0)
            return mr_err_set(err, "%s", why.msg);
        if (!(v >= 0 && v <= d->max))
            return mr_err_set(err, "wants a time from 0 to %g s, got '%s'", d->max, text);
        *(double *)field = v;
        return 0;
    case MR_ROPT_DICT:
        return add_line(field, text, err);
    case MR_ROPT_RANGE:
        return parse_range(text, d->max, (double *)field, err);
    case MR_ROPT_FRAMES: {
        long long a, b;
        char tail;
        if (sscanf(text, "%lld-%lld%c", &a, &b, &tail) != 2 || a < 0 || b < a || b > (long long)d->max)
            return mr_err_set(err, "wants frames A-B, from frame A to frame B (both included, A <= B), such as "
                                   "0-99, got '%s'", text);
        ((int64_t *)field)[0] = a;
        ((int64_t *)field)[1] = b;
        return 0;
    }
    }
    return mr_err_set(err, "internal error: option %s has no parser", d->name);
}

int mr_render_opts_check(const mr_render_opts *o, mr_err *err)
{
    for (const mr_render_opt *d = mr_render_opt_table; d->name; d++) {
        const char *field = (const char *)o + d->offset;
        switch (d->type) {
        case MR_ROPT_INT:
        case MR_ROPT_BITRATE: {
            int v = *(const int *)field;
            if (v != (int)d->unset && !(v >= d->min && v <= d->max))
                return mr_err_set(err, "%s %d is outside %g..%g", d->name, v, d->min, d->max);
            break;
        }
        case MR_ROPT_FPS: {
            mr_rational q = *(const mr_rational *)field;
            if (q.num != 0 && !(q.num > 0 && q.den > 0 && mr_q2d(q) <= d->max))
                return mr_err_set(err, "%s %d/%d is not a rate in (0, %g]", d->name, q.num, q.den, d->max);
            break;
        }
        case MR_ROPT_SIZE: {
            const int *wh = (const int *)field;
            if ((wh[0] || wh[1]) && !(wh[0] >= d->min && wh[1] >= d->min && wh[0] <= d->max && wh[1] <= d->max))
                return mr_err_set(err, "%s %dx%d is outside %g..%g pixels", d->name, wh[0], wh[1], d->min, d->max);
            break;
        }
        case MR_ROPT_TIME: {
            double t = *(const double *)field;
            if (!(t >= 0 && t <= d->max))
                return mr_err_set(err, "%s %g is not a time from 0 to %g s", d->name, t, d->max);
            break;
        }
        case MR_ROPT_BACKEND:
            if ((unsigned)*(const mr_backend *)field > MR_BACKEND_CUDA)
                return mr_err_set(err, "%s %d is not auto, cpu or cuda", d->name, (int)*(const mr_backend *)field);
            break;
        case MR_ROPT_BOOL:
            if (d->tristate && (*(const int *)field < -1 || *(const int *)field > 1))
                return mr_err_set(err, "%s %d is not -1 (false), 0 (not given) or 1 (true)", d->name, *(const int *)field);
            break;
        case MR_ROPT_RANGE: {
            const double *t = (const double *)field;
            if ((t[0] || t[1]) && !(t[0] >= 0 && t[1] > t[0] && t[1] <= d->max))
                return mr_err_set(err, "%s %g..%g is not a part of a clip (0 <= t0 < t1)", d->name, t[0], t[1]);
            break;
        }
        case MR_ROPT_FRAMES: {
            const int64_t *f = (const int64_t *)field;
            if (!(f[0] == -1 && f[1] == -1) && !(f[0] >= 0 && f[1] >= f[0]))
                return mr_err_set(err, "%s %lld-%lld is not a range of frames", d->name, (long long)f[0],
                                  (long long)f[1]);
            break;
        }
        case MR_ROPT_STRING:
        case MR_ROPT_DICT:
            break;
        }
    }
    if ((o->range[0] || o->range[1]) && o->frames[0] >= 0)
        return mr_err_set(err, "range and frames are two ways to say one thing: give one");
    return 0;
}
