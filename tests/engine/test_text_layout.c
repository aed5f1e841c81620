/* test_text_layout.c: text in every script (engine/text/): Arabic joined (lam-alef one glyph)
 * and laid right to left, Hebrew with numbers in bidi order, Chinese wrapped between characters at a width with
 * no spaces, Latin never broken inside a word that fits on a line, a colour emoji, descenders
 * inside the picture and inside their box, max_lines with an ellipsis, fit = "shrink", and the
 * glyph cache: a 10 s scrolling title and a typewriter rasterise each glyph once, also drawn
 * from several threads at once; a glyph at most once per quarter pixel, and the cache's byte
 * cap. Then what the review found: sizes past 16384 px refused, shrinking keeps words whole,
 * an ellipsis only before visible text, tabs, U+2028, bad UTF-8, more than 64 fonts, and
 * characters no font has asked of fontconfig once. */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "engine/sources/text.h"
#include "engine/text/glyph_cache.h"
#include "tests/engine/check.h"

static mr_err err;

/* The text laid out and placed in style st (NULL: defaults with font). Aborts on failure. */
static mr_text_pic place(const char *s, const mr_text_style *st)
{
    mr_text_part part = {s, NULL, 0, false, {0, 0, 0, 0}};
    mr_text_pic p;
    if (mr_text_place(&part, 1, st, &p, &err) < 0) {
        fprintf(stderr, "layout of \"%s\": %s\n", s, err.msg);
        exit(1);
    }
    return p;
}

static mr_text_style style(const char *font, double size)
{
    mr_text_style st = mr_text_style_default();
    snprintf(st.font, sizeof st.font, "%s", font);
    st.size = size;
    return st;
}

/* The x (26.6) of the first glyph drawing character ch, or INT_MIN. */
static int x_of(const mr_text_pic *p, int ch)
{
    for (int i = 0; i < p->L.ng; i++)
        if (p->L.g[i].ch == ch)
            return p->L.g[i].x;
    return INT_MIN;
}

static void arabic(void)
{
    mr_text_style st = style("Noto Sans Arabic", 48);
    mr_text_pic p = place("مرحبا", &st); /* five code points */
    /* no font installed has a ligature in this word (each letter takes its joined form, below) */
    printf("arabic: %d glyphs for 5 code points, %d characters\n", p.L.ng, p.L.nchars);
    CHECK(p.L.ng <= 5);
    CHECK(p.L.lines[0].rtl);
    CHECK(x_of(&p, 0) > x_of(&p, p.L.nchars - 1)); /* the first letter on the right */
    /* joined: the word's glyphs are not the letters' own (isolated) forms */
    mr_text_pic m = place("م", &st);
    bool differs = true;
    for (int i = 0; i < p.L.ng; i++)
        if (p.L.g[i].ch == 0 && p.L.g[i].id == m.L.g[0].id)
            differs = false;
    CHECK(differs);
    mr_text_pic_free(&m);
    mr_text_pic lam_alef = place("سلام", &st); /* lam and alef join into one glyph */
    CHECK(lam_alef.L.ng < 4);
    mr_text_pic_free(&lam_alef);
    mr_text_pic_free(&p);
    /* in the default font (DejaVu Sans has Arabic letters too): still joined, right to left */
    st = style("DejaVu Sans", 48);
    p = place("مرحبا", &st);
    CHECK(x_of(&p, 0) > x_of(&p, 4));
    mr_text_pic_free(&p);
}

static void hebrew_numbers(void)
{
    mr_text_style st = style("DejaVu Sans", 40);
    mr_text_pic p = place("שלום 123 עולם", &st); /* characters: 0-3 shalom, 5-7 the digits, 9-12 olam */
    CHECK(p.L.lines[0].rtl);
    CHECK(x_of(&p, 0) > x_of(&p, 5));               /* shalom right of the number */
    CHECK(x_of(&p, 5) < x_of(&p, 6) && x_of(&p, 6) < x_of(&p, 7)); /* 1 2 3 left to right */
    CHECK(x_of(&p, 9) < x_of(&p, 5));               /* olam, the last word, on the left */
    mr_text_pic_free(&p);
}

static void chinese_wrap(void)
{
    const char *s = "我们一起去看看这个美丽的世界吧今天天气很好适合出去走走";
    mr_text_style st = style("DejaVu Sans", 32);
    st.wrap_width = 200;
    mr_text_pic p = place(s, &st);
    int inner = (200 - 2 * p.pad) * 64, glyphs = 0;
    printf("chinese: %d lines at width 200\n", p.L.nlines);
    CHECK(p.L.nlines >= 4);
    for (int i = 0; i < p.L.nlines; i++) {
        CHECK(p.L.lines[i].right - p.L.lines[i].left <= inner);
        glyphs += p.L.lines[i].count;
        if (i + 1 < p.L.nlines) /* full lines: room for less than one more character */
            CHECK(p.L.lines[i].right - p.L.lines[i].left > inner - 2 * 32 * 64);
    }
    CHECK_INT(glyphs, 27);
    CHECK(p.L.g[0].face != mr_font_face("DejaVu Sans", &err)); /* found by fallback */
    mr_text_pic_free(&p);
}

static void latin_words(void)
{
    mr_text_style st = style("DejaVu Sans", 30);
    st.wrap_width = 260;
    const char *s = "never inside a word unless it must";
    mr_text_pic p = place(s, &st);
    /* each line ends where a space followed: the next line starts at a word */
    int ch = 0;
    for (int i = 0; i + 1 < p.L.nlines; i++) {
        const mr_tline *ln = &p.L.lines[i + 1];
        int first = p.L.g[ln->first].ch;
        CHECK(first > ch && s[first - 1] == ' ');
        ch = first;
    }
    CHECK(p.L.nlines >= 2);
    mr_text_pic_free(&p);
}

static void emoji(void)
{
    mr_text_style st = style("DejaVu Sans", 64);
    mr_text_pic p = place("Hi \xF0\x9F\x98\x80", &st); /* U+1F600 */
    const mr_tglyph *g = &p.L.g[p.L.ng - 1];
    CHECK(g->face->color);
    mr_frame *f = mr_text_draw(&p, -1, NULL, &err);
    int coloured = 0;
    for (int y = 0; f && y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            const uint8_t *px = mr_frame_row(f, y) + x * 4;
            coloured += px[3] > 200 && abs(px[0] - px[2]) > 60;
        }
    printf("emoji: %d coloured pixels\n", coloured);
    CHECK(coloured > 300);
    mr_frame_unref(f);
    mr_text_pic_free(&p);
}

/* The box of "gjpqy" holds every inked pixel, and no ink touches the picture's edge. */
static void descenders(void)
{
    mr_text_style st = style("DejaVu Sans", 60);
    st.box.on = true;
    st.box.per_line = true;
    st.box.padding = 0;
    st.box.color = (mr_rgba){0, 0, 0, 0};
    mr_text_pic p = place("gjpqy", &st);
    mr_frame *f = mr_text_draw(&p, -1, NULL, &err);
    const double *b = p.box[0];
    int outside = 0, ink = 0, edge = 0;
    for (int y = 0; f && y < f->h; y++)
        for (int x = 0; x < f->w; x++)
            if (mr_frame_row(f, y)[x * 4 + 3]) {
                ink++;
                outside += x < floor(b[0]) || y < floor(b[1]) || x >= ceil(b[0] + b[2]) || y >= ceil(b[1] + b[3]);
                edge += x == 0 || y == 0 || x == f->w - 1 || y == f->h - 1;
            }
    CHECK(ink > 500);
    CHECK_INT(outside, 0);
    CHECK_INT(edge, 0);
    mr_frame_unref(f);
    mr_text_pic_free(&p);
}

static void lines_and_fit(void)
{
    mr_text_style st = style("DejaVu Sans", 30);
    st.wrap_width = 240;
    st.max_lines = 2;
    const char *s = "one two three four six seven eight nine ten eleven twelve"; /* no fi ligature */
    mr_text_pic p = place(s, &st);
    CHECK_INT(p.L.nlines, 2);
    CHECK(p.L.cut);
    mr_text_pic_free(&p);
    st.max_lines = 0;
    st.height = 80;
    st.fit_shrink = true;
    p = place(s, &st);
    CHECK(p.scale < 1);
    CHECK_INT(p.H, 80);
    int glyphs = 0;
    for (int i = 0; i < p.L.nlines; i++)
        glyphs += p.L.lines[i].count;
    CHECK_INT(glyphs + p.L.nlines - 1, (int)strlen(s)); /* every letter; no space at a line's end */
    mr_text_pic_free(&p);
}

typedef struct job {
    const mr_text_pic *p;
    int frames, first;
} job;

/* Draws frames first .. first+frames of a title scrolling 100 px/s at 30 fps. */
static void *scroll(void *arg)
{
    job *j = arg;
    int n = j->p->L.nchars;
    mr_char_look *lk = malloc(sizeof *lk * (size_t)n);
    mr_err e;
    for (int f = j->first; f < j->first + j->frames; f++) {
        double t = f / 30.0;
        for (int i = 0; i < n; i++)
            lk[i] = (mr_char_look){-t * 100 + 200, sin(t * 3 + i) * 5, 1, 1, 0};
        mr_frame *fr = mr_text_draw(j->p, (int)(t * 12), lk, &e);
        mr_frame_unref(fr);
    }
    free(lk);
    return NULL;
}

static void cache(void)
{
    mr_text_style st = style("DejaVu Sans Bold", 72);
    st.shadow.on = true;
    st.shadow.dx = st.shadow.dy = 3;
    st.shadow.blur = 6;
    mr_text_pic p = place("Scrolling credits roll by", &st);
    job one = {&p, 1, 299};
    scroll(&one); /* every character shown once */
    long after_one = mr_glyph_rasterised();
    pthread_t th[4];
    job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){&p, 75, i * 75};
        pthread_create(&th[i], NULL, scroll, &jobs[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    printf("cache: %ld glyphs rasterised after one frame, %ld after 300 frames on 4 threads\n", after_one,
           mr_glyph_rasterised());
    CHECK_INT(mr_glyph_rasterised(), after_one);
    mr_text_pic_free(&p);
}

/* Whether placing s in st fails with a message holding want. */
static bool fails(const char *s, const mr_text_style *st, const char *want)
{
    mr_text_part part = {s, NULL, 0, false, {0, 0, 0, 0}};
    mr_text_pic p;
    mr_err e = {0};
    if (mr_text_place(&part, 1, st, &p, &e) == 0) {
        fprintf(stderr, "placing \"%.20s\" did not fail (want \"%s\")\n", s, want);
        mr_text_pic_free(&p);
        return false;
    }
    if (!strstr(e.msg, want))
        fprintf(stderr, "placing \"%.20s\": \"%s\" (want \"%s\")\n", s, e.msg, want);
    return strstr(e.msg, want) != NULL;
}

static char *repeat(const char *s, int n)
{
    size_t k = strlen(s);
    char *r = malloc(k * (size_t)n + 1);
    for (int i = 0; i < n; i++)
        memcpy(r + k * (size_t)i, s, k);
    r[k * (size_t)n] = 0;
    return r;
}

/* Sizes summed past an int, or past 16384 px, are refused, not wrapped round. */
static void too_big(void)
{
    char *w = repeat("W", 20000);
    mr_text_style st = style("DejaVu Sans", 2000);
    CHECK(fails(w, &st, "px wide (at most 16384): give width = to wrap it"));
    w[2000] = 0;
    st.size = 200;
    CHECK(fails(w, &st, "395"));
    free(w);
    char *nl = repeat("x\n", 20000);
    st.size = 2000;
    CHECK(fails(nl, &st, "px tall (at most 16384)"));
    free(nl);
}

/* fit = "shrink" never breaks a word: it shrinks until words fit whole, else fails. */
static void shrink_whole_words(void)
{
    mr_text_style st = style("DejaVu Sans", 60);
    st.wrap_width = 10;
    st.fit_shrink = true;
    CHECK(fails("Hello", &st, "cannot fit in 10 px x any height even at 4 px"));
    const char *s = "Supercalifragilistic expialidocious";
    st.wrap_width = 300;
    st.height = 200;
    mr_text_pic p = place(s, &st);
    CHECK(p.scale < 1);
    for (int i = 1; i < p.L.nlines; i++) { /* each line starts a word */
        int first = p.L.g[p.L.lines[i].first].ch;
        CHECK(s[first - 1] == ' ');
    }
    mr_text_pic_free(&p);
}

/* max_lines: no ellipsis when only empty lines follow. */
static void ellipsis_only_before_ink(void)
{
    mr_text_style st = style("DejaVu Sans", 30);
    st.max_lines = 1;
    mr_text_pic p = place("Hello\n", &st), q = place("Hello", &st);
    CHECK_INT(p.L.nlines, 1);
    CHECK(!p.L.cut);
    CHECK_INT(p.L.ng, q.L.ng);
    CHECK_INT(p.W, q.W);
    mr_text_pic_free(&p);
    p = place("Hello\n \n\n", &st);
    CHECK(!p.L.cut);
    CHECK_INT(p.L.nlines, 1);
    mr_text_pic_free(&p);
    p = place("Hello\n\nWorld", &st);
    CHECK(p.L.cut);
    CHECK_INT(p.L.ng, q.L.ng + 1);
    mr_text_pic_free(&p);
    mr_text_pic_free(&q);
}

/* A tab: spaces to the next multiple of 4 characters; U+2028 and U+2029 break lines. */
static void tabs_and_separators(void)
{
    mr_text_style st = style("DejaVu Sans", 30);
    mr_text_pic a = place("a\tb", &st), b = place("a   b", &st), c = place("abc\td", &st), d = place("abc d", &st);
    CHECK_INT(a.L.g[a.L.ng - 1].x, b.L.g[b.L.ng - 1].x);
    CHECK_INT(c.L.g[c.L.ng - 1].x, d.L.g[d.L.ng - 1].x);
    CHECK_INT(a.L.nchars, 5);
    mr_text_pic_free(&a), mr_text_pic_free(&b), mr_text_pic_free(&c), mr_text_pic_free(&d);
    a = place("one\xE2\x80\xA8two\xE2\x80\xA9three", &st);
    CHECK_INT(a.L.nlines, 3);
    mr_text_pic_free(&a);
}

/* Only valid UTF-8: no overlong forms, surrogates or code points past U+10FFFF. */
static void utf8(void)
{
    mr_text_style st = mr_text_style_default();
    const char *bad[] = {"\xC0\x80", "a\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "ab\xC3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mr_text_part part = {bad[i], NULL, 0, false, {0, 0, 0, 0}};
        mr_err e = {0};
        mr_clip *c = mr_text_new_parts(&part, 1, &st, &e);
        CHECK(!c && strstr(e.msg, "not valid UTF-8"));
        mr_clip_unref(c);
    }
    mr_text_part ok = {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", NULL, 0, false, {0, 0, 0, 0}};
    mr_clip *c = mr_text_new_parts(&ok, 1, &st, &err);
    CHECK(c != NULL);
    mr_clip_unref(c);
}

/* More than 64 fonts in one process (the same file by 80 paths is 80 faces). */
static void many_fonts(void)
{
    char path[1024], alias[2048];
    int index;
    CHECK(mr_font_find("DejaVu Sans", path, sizeof path, &index, &err) == 0);
    char *slash = strrchr(path, '/');
    for (int i = 0; i < 80 && slash; i++) {
        int k = snprintf(alias, sizeof alias, "%.*s", (int)(slash - path), path);
        for (int j = 0; j <= i; j++)
            k += snprintf(alias + k, sizeof alias - (size_t)k, "/.");
        snprintf(alias + k, sizeof alias - (size_t)k, "%s", slash);
        mr_err e = {0};
        if (!mr_font_face(alias, &e)) {
            fprintf(stderr, "font %d: %s\n", i, e.msg);
            CHECK(false);
            break;
        }
    }
    mr_text_style st = style("DejaVu Serif", 20); /* a text after them still finds its font */
    mr_text_pic p = place("after", &st);
    mr_text_pic_free(&p);
}

/* A character no font has asks fontconfig once per primary face, not at every use. */
static void missing_characters(void)
{
    mr_tface *f = mr_font_face("DejaVu Sans", &err);
    mr_font_fallback(f, 0x10FFFD, false);
    long asked = mr_font_fallback_asks();
    CHECK(mr_font_fallback(f, 0x10FFFD, false) == f);
    CHECK(mr_font_fallback(f, 0x10FFFD, false) == f);
    CHECK_INT(mr_font_fallback_asks(), asked);
}

static bool same(const mr_frame *a, const mr_frame *b)
{
    if (a->w != b->w || a->h != b->h)
        return false;
    for (int y = 0; y < a->h; y++)
        if (memcmp(mr_frame_row(a, y), mr_frame_row(b, y), (size_t)a->w * 4) != 0)
            return false;
    return true;
}

/* A glyph is rasterised at most 4 times a size (quarter pixels), and the cache keeps to its
 * byte cap, dropping pictures that drawings in flight still hold safely. */
static void cache_phases_and_cap(void)
{
    mr_text_style st = style("DejaVu Sans", 37.3);
    mr_text_pic p = place("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", &st);
    long before = mr_glyph_rasterised();
    mr_frame *a = mr_text_draw(&p, -1, NULL, &err);
    printf("cache: 40 e's rasterised %ld pictures\n", mr_glyph_rasterised() - before);
    CHECK(mr_glyph_rasterised() - before <= 4);
    size_t held = mr_glyph_cache_limit(4096); /* tiny: dropped again and again while drawing */
    CHECK(held > 0 && held <= ((size_t)64 << 20));
    mr_text_style big = style("DejaVu Sans", 90);
    mr_text_pic q = place("Dropping the cache", &big);
    mr_frame *b1 = mr_text_draw(&q, -1, NULL, &err);
    mr_frame *b2 = mr_text_draw(&q, -1, NULL, &err);
    CHECK(mr_glyph_cache_limit(4096) <= 4096 + 90 * 90 * 2);
    mr_glyph_cache_limit((size_t)64 << 20);
    mr_frame *a2 = mr_text_draw(&p, -1, NULL, &err);
    CHECK(a && a2 && same(a, a2));
    CHECK(b1 && b2 && same(b1, b2));
    mr_frame_unref(a), mr_frame_unref(a2), mr_frame_unref(b1), mr_frame_unref(b2);
    mr_text_pic_free(&p);
    mr_text_pic_free(&q);
}

int main(void)
{
    arabic();
    hebrew_numbers();
    chinese_wrap();
    latin_words();
    emoji();
    descenders();
    lines_and_fit();
    cache();
    too_big();
    shrink_whole_words();
    ellipsis_only_before_ink();
    tabs_and_separators();
    utf8();
    many_fonts();
    missing_characters();
    cache_phases_and_cap();
    return CHECK_DONE();
}
