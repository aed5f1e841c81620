/* src_synth.c: synthetic sources for demos and tests: pattern(), tone() (sine, square, saw,
 * noise), silence(). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine/kernels/cpu/blend.h"
#include "engine/core/eval.h"
#include "engine/sources/sources.h"
#include "engine/sources/text.h"

typedef enum { PAT_BARS, PAT_GRADIENT, PAT_CHECKER, PAT_COUNTER } pattern_kind;
static const char *const pattern_names[] = {"bars", "gradient", "checker", "counter"};

typedef struct pattern_priv {
    pattern_kind kind;
} pattern_priv;

static void draw_bars(mr_frame *f)
{
    /* 75 % colour bars: white, yellow, cyan, green, magenta, red, blue */
    static const uint32_t bars[7] = {0xffbfbfbf, 0xff00bfbf, 0xffbfbf00, 0xff00bf00, 0xffbf00bf, 0xff0000bf, 0xffbf0000};
    for (int y = 0; y < f->h; y++) {
        uint32_t *p = (uint32_t *)mr_frame_row(f, y);
        for (int x = 0; x < f->w; x++)
            p[x] = bars[(int64_t)x * 7 / f->w];
    }
}

static void draw_gradient(mr_frame *f)
{
    for (int y = 0; y < f->h; y++) {
        uint8_t *p = mr_frame_row(f, y);
        int g = f->h > 1 ? y * 255 / (f->h - 1) : 0;
        for (int x = 0; x < f->w; x++, p += 4) {
            int r = f->w > 1 ? x * 255 / (f->w - 1) : 0;
            p[0] = (uint8_t)r;
            p[1] = (uint8_t)g;
            p[2] = (uint8_t)(255 - r);
            p[3] = 255;
        }
    }
}

static void draw_checker(mr_frame *f)
{
    int cell = (f->w < f->h ? f->w : f->h) / 8;
    if (cell < 1)
        cell = 1;
    for (int y = 0; y < f->h; y++) {
        uint32_t *p = (uint32_t *)mr_frame_row(f, y);
        for (int x = 0; x < f->w; x++)
            p[x] = ((x / cell + y / cell) & 1) ? 0xff303030 : 0xffd0d0d0;
    }
}

/* Grey n % 256, the number n in the middle, and n's 16 low bits as cells along the bottom
 * (white = 1, most significant first), which survive lossy encoding for tests to read. */
static int draw_counter(mr_frame *f, int64_t n, mr_err *err)
{
    uint8_t grey = (uint8_t)(n & 255);
    mr_cpu_fill(f, 0xff000000u | grey * 0x010101u);
    mr_text_style st = mr_text_style_default();
    st.size = f->h / 3.0 > 4 ? f->h / 3.0 : 4;
    st.stroke_width = st.size / 16;
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)n);
    mr_frame *txt = mr_text_render(num, &st, err);
    if (!txt)
        return -1;
    mr_cpu_over(f, txt, (f->w - txt->w) / 2, (f->h - txt->h) / 2, 255);
    mr_frame_unref(txt);
    int cells = 16, ch = f->h / 10 > 2 ? f->h / 10 : 2;
    if (ch > f->h) /* a picture one pixel tall: the strip is all of it */
        ch = f->h;
    for (int y = f->h - ch; y < f->h; y++) {
        uint32_t *p = (uint32_t *)mr_frame_row(f, y);
        for (int x = 0; x < f->w; x++) {
            int bit = 15 - (int)((int64_t)x * cells / f->w);
            p[x] = (n >> bit) & 1 ? 0xffffffffu : 0xff000000u;
        }
    }
    f->opaque = true;
    return 0;
}

static int pattern_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const pattern_priv *p = c->priv;
    mr_frame *f = mr_frame_new(c->w, c->h, ev->err);
    if (!f)
        return -1;
    switch (p->kind) {
    case PAT_BARS: draw_bars(f); break;
    case PAT_GRADIENT: draw_gradient(f); break;
    case PAT_CHECKER: draw_checker(f); break;
    case PAT_COUNTER:
        if (draw_counter(f, (int64_t)floor(t * mr_q2d(c->fps) + 1e-6), ev->err) < 0) {
            mr_frame_unref(f);
            return -1;
        }
        break;
    }
    f->opaque = true;
    *out = f;
    return 0;
}

static void pattern_describe(const mr_clip *c, char *buf, size_t n)
{
    snprintf(buf, n, "\"%s\"", pattern_names[((const pattern_priv *)c->priv)->kind]);
}

static const mr_clip_ops pattern_ops = {"pattern", pattern_picture, NULL, pattern_describe, NULL};

mr_clip *mr_pattern_new(const char *kind, int w, int h, mr_rational fps, mr_err *err)
{
    int k = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(kind, pattern_names[i]) == 0)
            k = i;
    if (k < 0) {
        mr_err_set(err, "unknown pattern '%s' (bars, gradient, checker, counter)", kind);
        return NULL;
    }
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        mr_err_set(err, "pattern: size %dx%d is not a picture size", w, h);
        return NULL;
    }
    if (fps.num <= 0 || fps.den <= 0) {
        mr_err_set(err, "pattern: frame rate must be positive");
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&pattern_ops, sizeof(pattern_priv), NULL, err);
    if (!c)
        return NULL;
    ((pattern_priv *)c->priv)->kind = (pattern_kind)k;
    c->w = w;
    c->h = h;
    c->fps = fps;
    c->has_video = true;
    c->is_static = k != PAT_COUNTER;
    return c;
}

typedef struct tone_priv {
    double freq;
    mr_wave wave;
    uint64_t seed;
} tone_priv;

static const char *const wave_names[] = {"sine", "square", "saw", "noise"};

/* PolyBLEP: the correction that takes the step out of a naive square or saw where the phase
 * x (0..1) wraps, over one sample (dt) either side: without it the corners alias. */
static double blep(double x, double dt)
{
    if (x < dt) {
        x /= dt;
        return x + x - x * x - 1;
    }
    if (x > 1 - dt) {
        x = (x - 1) / dt;
        return x * x + x + x + 1;
    }
    return 0;
}

/* splitmix64 of the seed and the sample index: white noise that any sample can be asked for
 * alone, the same on every run for one seed. Uniform in [-1, 1). */
static double noise_at(uint64_t seed, int64_t s)
{
    uint64_t z = seed * 0x9e3779b97f4a7c15ull + (uint64_t)s * 0xbf58476d1ce4e5b9ull + 0x94d049bb133111ebull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (double)(z >> 11) / (double)(1ull << 52) - 1.0;
}

static int tone_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    const tone_priv *p = c->priv;
    double f = p->freq, dt = f / MR_AUDIO_RATE;
    for (int i = 0; i < n; i++) {
        /* phase from the sample index itself: no drift however long it plays */
        double x = fmod((double)(s0 + i) * f / MR_AUDIO_RATE, 1.0), v;
        switch (p->wave) {
        case MR_WAVE_SQUARE:
            v = (x < 0.5 ? 1 : -1) + blep(x, dt) - blep(fmod(x + 0.5, 1.0), dt);
            break;
        case MR_WAVE_SAW:
            v = 2 * x - 1 - blep(x, dt);
            break;
        case MR_WAVE_NOISE:
            v = noise_at(p->seed, s0 + i);
            break;
        default:
            v = sin(2 * M_PI * x);
        }
        out[2 * i] = out[2 * i + 1] = (float)(0.5 * v);
    }
    return 0;
}

static int silence_sound(const mr_clip *c, int64_t s0, int n, float *out, mr_eval *ev)
{
    memset(out, 0, sizeof(float) * 2 * n);
    return 0;
}

static void tone_describe(const mr_clip *c, char *buf, size_t n)
{
    const tone_priv *p = c->priv;
    if (p->wave == MR_WAVE_NOISE)
        snprintf(buf, n, "noise, seed %llu", (unsigned long long)p->seed);
    else if (p->wave == MR_WAVE_SINE)
        snprintf(buf, n, "%g Hz", p->freq);
    else
        snprintf(buf, n, "%g Hz %s", p->freq, wave_names[p->wave]);
}

static const mr_clip_ops tone_ops = {"tone", NULL, tone_sound, tone_describe, NULL};
static const mr_clip_ops silence_ops = {"silence", NULL, silence_sound, NULL, NULL};

int mr_wave_parse(const char *name, mr_wave *w)
{
    for (int i = 0; i < 4; i++)
        if (!strcmp(name, wave_names[i]))
            return *w = (mr_wave)i, 0;
    return -1;
}

mr_clip *mr_tone_wave_new(double freq, mr_wave wave, uint64_t seed, mr_err *err)
{
    if (wave != MR_WAVE_NOISE && !(freq > 0 && freq < MR_AUDIO_RATE / 2)) {
        mr_err_set(err, "frequency %g Hz is outside 0..24000", freq);
        return NULL;
    }
    mr_clip *c = mr_clip_alloc(&tone_ops, sizeof(tone_priv), NULL, err);
    if (!c)
        return NULL;
    *(tone_priv *)c->priv = (tone_priv){freq, wave, seed};
    c->has_audio = true;
    return c;
}

mr_clip *mr_tone_new(double freq, mr_err *err)
{
    return mr_tone_wave_new(freq, MR_WAVE_SINE, 0, err);
}

mr_clip *mr_silence_new(mr_err *err)
{
    mr_clip *c = mr_clip_alloc(&silence_ops, 0, NULL, err);
    if (c)
        c->has_audio = true;
    return c;
}
