/* text.c: the text clip node: a placed text (engine/text/place.h), shared by the clips made
 * from it; a still drawn once, or, typed out (clip:typewriter) or animated per character, a
 * picture drawn per frame from cached glyphs. The typewriter op's descriptor lives here. */
#include "engine/sources/text.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/core/memo.h"
#include "engine/kernels/kernels.h"
#include "engine/ops/op.h"

mr_text_style mr_text_style_default(void)
{
    mr_text_style s;
    memset(&s, 0, sizeof s);
    snprintf(s.font, sizeof s.font, "DejaVu Sans");
    s.size = 48;
    s.color = (mr_rgba){255, 255, 255, 255};
    s.stroke_color = (mr_rgba){0, 0, 0, 255};
    s.align = MR_ALIGN_AUTO;
    s.box.color = (mr_rgba){0, 0, 0, 160};
    s.shadow.color = (mr_rgba){0, 0, 0, 160};
    return s;
}

/* A placed text, shared by reference between the clips made from it. */
typedef struct shared_text {
    atomic_int refs;
    mr_text_pic pic;
    char *text;             /* the whole text, for describe */
} shared_text;

static void shared_unref(shared_text *s)
{
    if (s && atomic_fetch_sub(&s->refs, 1) == 1) {
        mr_text_pic_free(&s->pic);
        free(s->text);
        free(s);
    }
}

typedef struct text_priv {
    shared_text *s;
    double cps;             /* typewriter: characters a second; 0: all shown */
    mr_text_anim_fn fn;     /* per-character animation, or NULL */
    void *ud;
    void (*release)(void *ud);
    mr_memo last;           /* typewriter: the last frame drawn, keyed by how many characters
                               it shows (on the host, and on each GPU lane) */
} text_priv;

/* 0 when s is valid UTF-8 (shortest forms only, no surrogates, nothing past U+10FFFF), else
 * -1 with err set naming the byte. */
static int check_utf8(const char *s, mr_err *err)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *start = p;
        unsigned c = *p++;
        int n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : (c >> 4) == 14 ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
        uint32_t cp = n == 0 ? c : n == 1 ? c & 31 : n == 2 ? c & 15 : c & 7;
        for (int i = 0; i < n && n > 0; i++, p++) {
            if ((*p >> 6) != 2) {
                n = -1;
                break;
            }
            cp = cp << 6 | (*p & 63);
        }
        if (n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
            n = -1; /* overlong, or a surrogate */
        if (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))
            n = -1;
        if (n < 0)
            return mr_err_set(err, "text is not valid UTF-8 (at byte %td: an overlong form, a surrogate, a code point "
                              "past U+10FFFF or a broken sequence)", start - (const unsigned char *)s + 1);
    }
    return 0;
}

/* The parts laid out and placed, with one reference; NULL with err set. */
static shared_text *shared_new(const mr_text_part *parts, int n, const mr_text_style *st, mr_err *err)
{
    if (!(st->size > 0 && st->size <= 2000)) { /* NaN too */
        mr_err_set(err, "text size %g px is out of range (1..2000)", st->size);
        return NULL;
    }
    size_t len = 1;
    for (int k = 0; k < n; k++) {
        if (check_utf8(parts[k].text, err) < 0)
            return NULL;
        if (parts[k].size != 0 && !(parts[k].size > 0 && parts[k].size <= 2000)) {
            mr_err_set(err, "text size %g px is out of range (1..2000)", parts[k].size);
            return NULL;
        }
        len += strlen(parts[k].text);
    }
    shared_text *s = calloc(1, sizeof *s);
    if (!s || !(s->text = malloc(len))) {
        free(s);
        mr_err_set(err, "out of memory");
        return NULL;
    }
    s->text[0] = 0;
    for (int k = 0; k < n; k++)
        strcat(s->text, parts[k].text);
    atomic_init(&s->refs, 1);
    if (mr_text_place(parts, n, st, &s->pic, err) < 0) {
        free(s->text);
        free(s);
        return NULL;
    }
    return s;
}

mr_frame *mr_text_render(const char *utf8, const mr_text_style *st, mr_err *err)
{
    mr_text_part part = {utf8, NULL, 0, false, {0, 0, 0, 0}};
    shared_text *s = shared_new(&part, 1, st, err);
    if (!s)
        return NULL;
    mr_frame *f = mr_text_draw(&s->pic, -1, NULL, err);
    shared_unref(s);
    return f;
}

/* The characters shown at t: -1 for all. */
static int visible_at(const text_priv *p, double t)
{
    if (p->cps <= 0)
        return -1;
    double v = floor(t * p->cps + 1e-9);
    return v >= p->s->pic.L.nchars ? -1 : (int)v;
}

static int text_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    text_priv *p = c->priv;
    int visible = visible_at(p, t);
    if (p->fn) {
        int n = p->s->pic.L.nchars;
        mr_char_look *looks = malloc(sizeof *looks * (size_t)(n > 0 ? n : 1));
        if (!looks)
            return mr_err_set(ev->err, "out of memory");
        for (int i = 0; i < n; i++)
            looks[i] = (mr_char_look){0, 0, 1, 1, 0};
        int r = p->fn(p->ud, t, n, looks, ev->err);
        *out = r < 0 ? NULL : mr_text_draw(&p->s->pic, visible, looks, ev->err);
        free(looks);
        return *out ? 0 : -1;
    }
    if (p->cps > 0 && (*out = mr_memo_get(&p->last, ev, &visible, sizeof visible, NULL)))
        return 0; /* the typewriter between two characters */
    *out = mr_text_draw(&p->s->pic, visible, NULL, ev->err);
    if (!*out)
        return -1;
    if (p->cps > 0) { /* kept where it is used: a GPU evaluation uploads each state once */
        if (ev->gpu && mr_k_to_device(ev, out) < 0) {
            mr_frame_unref(*out);
            *out = NULL;
            return -1;
        }
        mr_memo_put(&p->last, ev, &visible, sizeof visible, NULL, *out);
    }
    return 0;
}

static void text_describe(const mr_clip *c, char *buf, size_t n)
{
    const text_priv *p = c->priv;
    const char *s = p->s->text;
    int k = snprintf(buf, n, "\"%.40s%s\" %s %gpx", s, strlen(s) > 40 ? "..." : "", p->s->pic.st.font,
                     p->s->pic.st.size * p->s->pic.scale);
    if (p->cps > 0 && k > 0 && (size_t)k < n)
        snprintf(buf + k, n - (size_t)k, " typewriter %g/s", p->cps);
}

static void text_destroy(mr_clip *c)
{
    text_priv *p = c->priv;
    shared_unref(p->s);
    mr_memo_free(&p->last);
    if (p->release)
        p->release(p->ud);
}

static const mr_clip_ops text_ops = {"text", text_picture, NULL, text_describe, text_destroy};

/* A text node on s (taking a reference), made from `in` (NULL, or the text it types out:
 * it keeps in, and its placement). NULL with err set. */
static mr_clip *node_new(shared_text *s, mr_clip *in, double cps, mr_text_anim_fn fn, void *ud,
                         void (*release)(void *), mr_err *err)
{
    mr_clip *c = mr_clip_alloc(&text_ops, sizeof(text_priv), in, err);
    if (!c)
        return NULL;
    text_priv *p = c->priv;
    atomic_fetch_add(&s->refs, 1);
    p->s = s;
    p->cps = cps;
    p->fn = fn;
    p->ud = ud;
    p->release = release;
    mr_memo_init(&p->last);
    c->w = s->pic.W;
    c->h = s->pic.H;
    c->has_video = true;
    c->is_static = cps <= 0 && !fn;
    return c;
}

mr_clip *mr_text_new_parts(const mr_text_part *parts, int nparts, const mr_text_style *st, mr_err *err)
{
    shared_text *s = shared_new(parts, nparts, st, err);
    mr_clip *c = s ? node_new(s, NULL, 0, NULL, NULL, NULL, err) : NULL;
    shared_unref(s);
    return c;
}

mr_clip *mr_text_animate(const mr_text_part *parts, int nparts, const mr_text_style *st, mr_text_anim_fn fn,
                         void *ud, void (*release)(void *ud), mr_err *err)
{
    shared_text *s = shared_new(parts, nparts, st, err);
    mr_clip *c = s ? node_new(s, NULL, 0, fn, ud, release, err) : NULL;
    shared_unref(s);
    if (!c && release)
        release(ud);
    return c;
}

/* typewriter(cps): the same text, its characters appearing one after another. The function
 * of an animated text is shared by both clips (kept alive by the first). */
static mr_clip *make_typewriter(mr_clip *in, const mr_arg *a, mr_err *err)
{
    if (in->ops != &text_ops) {
        mr_err_set(err, "typewriter: the clip was made by '%s', not by text(): call it on the text itself, before "
                   ":at() or other operations (text(\"Hello\"):typewriter(12):at(\"center\"))", in->ops->kind);
        return NULL;
    }
    const text_priv *p = in->priv;
    return node_new(p->s, in, a[0].num, p->fn, p->ud, NULL, err); /* in keeps the function's owner alive */
}

static const mr_param_desc typewriter_params[] = {
    {"chars_per_s", MR_P_NUMBER, false, false, 0.01, 10000, 0, NULL,
     "characters shown a second, from none at time 0 (spaces count; a character is what a cursor steps over)"},
};
const mr_op mr_op_typewriter = {"typewriter", "a text's characters appear one after another, as typed",
                                "local title = text(\"Breaking news\", {box = {color = \"#000000a0\"}}):typewriter(15)",
                                typewriter_params, 1, NULL, make_typewriter};
