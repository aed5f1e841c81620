/* test_text_layout.c: text in every script (engine/text/): Arabic joined (lam-alef one glyph)
 * and laid right to left, Hebrew with numbers in bidi order, Chinese wrapped between characters at a width with
 * no spaces, Latin never broken inside a word that fits on a line, a colour emoji, descenders
 * inside the picture and inside their box, max_lines with an ellipsis, fit = "shrink", and the
 * glyph cache: a 10 s scrolling title and a typewriter rasterise each glyph once, also drawn
 * from several threads at once. */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
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
    return CHECK_DONE();
}
