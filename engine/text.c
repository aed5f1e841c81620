/* text.c: layout and drawing of text. FreeType faces are not thread-safe, so all work on
 * them happens under one lock; text clips are static, so each is drawn once per process. */
#include "engine/text.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H
#include <hb-ft.h>
#include <hb.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "engine/eval.h"
#include "engine/kernel_params.h"

static pthread_mutex_t ft_lock = PTHREAD_MUTEX_INITIALIZER;
static FT_Library ft;
static bool fc_ready;

#define MAX_FACES 32
static struct { char path[1024]; int index; FT_Face face; } faces[MAX_FACES];
static int nfaces;

mr_text_style mr_text_style_default(void)
{
    mr_text_style s;
    memset(&s, 0, sizeof s);
    snprintf(s.font, sizeof s.font, "DejaVu Sans");
    s.size = 48;
    s.color = (mr_rgba){255, 255, 255, 255};
    s.stroke_color = (mr_rgba){0, 0, 0, 255};
    s.align = MR_ALIGN_LEFT;
    return s;
}

/* Whether fontconfig will find its configuration file, looked for as fontconfig does
 * (FONTCONFIG_FILE, else fonts.conf in FONTCONFIG_PATH or /etc/fonts) but without asking it:
 * asking would load it, complaining when it is missing. */
static bool fc_config_exists(void)
{
    const char *file = getenv("FONTCONFIG_FILE"), *dir = getenv("FONTCONFIG_PATH");
    char path[4096];
    if (file && file[0] == '/')
        return access(file, R_OK) == 0;
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/etc/fonts", file && *file ? file : "fonts.conf");
    return access(path, R_OK) == 0;
}

/* Makes fontconfig also look in the folders listed in MOONREEL_FONT_DIRS (colon-separated).
 * On a machine without fontconfig's configuration (a bare server, a container), FcInit would
 * print an error on every run and then fall back to /usr/share/fonts; moonreel takes that
 * fallback itself, quietly. */
static void fc_setup(void)
{
    if (fc_ready)
        return;
    fc_ready = true;
    if (fc_config_exists()) {
        FcInit();
    } else {
        static const char fallback[] = "<fontconfig><dir>/usr/share/fonts</dir>"
                                       "<cachedir prefix=\"xdg\">fontconfig</cachedir></fontconfig>";
        FcConfig *bare = FcConfigCreate();
        FcConfigParseAndLoadFromMemory(bare, (const FcChar8 *)fallback, FcFalse);
        FcConfigBuildFonts(bare);
        FcConfigSetCurrent(bare);
        FcConfigDestroy(bare); /* the current configuration holds its own reference */
    }
    const char *dirs = getenv("MOONREEL_FONT_DIRS");
    if (!dirs)
        return;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dirs);
    for (char *save, *d = strtok_r(buf, ":", &save); d; d = strtok_r(NULL, ":", &save))
        FcConfigAppFontAddDir(NULL, (const FcChar8 *)d);
}

/* First font whose full name or family (in any of its languages) is `name`, or NULL. */
static FcPattern *list_exact(const char *object, const char *name)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, object, (const FcChar8 *)name);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_STYLE, FC_WEIGHT, FC_SLANT, NULL);
    FcFontSet *fs = FcFontList(NULL, pat, os);
    FcPattern *best = NULL;
    int best_score = 1 << 30;
    for (int i = 0; fs && i < fs->nfont; i++) {
        /* within a family, prefer the regular upright face */
        int weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
        FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(fs->fonts[i], FC_SLANT, 0, &slant);
        int score = abs(weight - FC_WEIGHT_REGULAR) + slant * 10;
        if (score < best_score) {
            best_score = score;
            best = fs->fonts[i];
        }
    }
    FcPattern *res = best ? FcPatternDuplicate(best) : NULL;
    if (fs)
        FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return res;
}

/* The folders where fonts live when fontconfig knows none (a bare machine). */
static int find_in_dirs(const char *name, char *path, size_t n)
{
    char file[256];
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof file; p++) {
        if (*p == ' ' && (strcasecmp(p + 1, "Bold") == 0 || strcasecmp(p + 1, "Oblique") == 0 ||
                          strcasecmp(p + 1, "Bold Oblique") == 0))
            file[k++] = '-';
        else if (*p != ' ')
            file[k++] = *p;
    }
    file[k] = 0;
    const char *env = getenv("MOONREEL_FONT_DIRS");
    const char *dirs[] = {env ? env : "", "/usr/share/fonts/truetype/dejavu"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, n, "%s/%s.ttf", dirs[i], file);
        if (dirs[i][0] && access(path, R_OK) == 0)
            return 0;
    }
    return -1;
}

int mr_font_find(const char *name, char *path, size_t n, int *index, mr_err *err)
{
    *index = 0;
    size_t len = strlen(name);
    if (strchr(name, '/') || (len > 4 && (strcasecmp(name + len - 4, ".ttf") == 0 ||
                                          strcasecmp(name + len - 4, ".otf") == 0 ||
                                          strcasecmp(name + len - 4, ".ttc") == 0))) {
        if (access(name, R_OK) != 0)
            return mr_err_set(err, "font file '%s' cannot be read", name);
        snprintf(path, n, "%s", name);
        return 0;
    }
    pthread_mutex_lock(&ft_lock);
    fc_setup();
    FcPattern *hit = list_exact(FC_FULLNAME, name);
    if (!hit)
        hit = list_exact(FC_FAMILY, name);
    if (!hit && strchr(name, ':')) { /* fontconfig syntax: "DejaVu Sans:bold" */
        FcPattern *pat = FcNameParse((const FcChar8 *)name);
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *m = FcFontMatch(NULL, pat, &res);
        FcChar8 *fam = NULL, *want = NULL;
        if (m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch &&
            FcPatternGetString(pat, FC_FAMILY, 0, &want) == FcResultMatch &&
            strcasecmp((const char *)fam, (const char *)want) == 0)
            hit = m;
        else if (m)
            FcPatternDestroy(m);
        FcPatternDestroy(pat);
    }
    int r = -1;
    FcChar8 *file;
    if (hit && FcPatternGetString(hit, FC_FILE, 0, &file) == FcResultMatch) {
        snprintf(path, n, "%s", (const char *)file);
        FcPatternGetInteger(hit, FC_INDEX, 0, index);
        r = 0;
    }
    if (hit)
        FcPatternDestroy(hit);
    pthread_mutex_unlock(&ft_lock);
    if (r < 0 && find_in_dirs(name, path, n) == 0)
        r = 0;
    if (r < 0)
        mr_err_set(err, "font '%s' not found (give a family such as \"DejaVu Sans\", \"DejaVu Sans Bold\", or a .ttf path)", name);
    return r;
}

/* The cached face of a font file. Called with ft_lock held. */
static FT_Face get_face(const char *path, int index, mr_err *err)
{
    if (!ft && FT_Init_FreeType(&ft)) {
        mr_err_set(err, "cannot start FreeType");
        return NULL;
    }
    for (int i = 0; i < nfaces; i++)
        if (faces[i].index == index && strcmp(faces[i].path, path) == 0)
            return faces[i].face;
    FT_Face face;
    if (FT_New_Face(ft, path, index, &face)) {
        mr_err_set(err, "cannot load font '%s'", path);
        return NULL;
    }
    if (nfaces < MAX_FACES) {
        snprintf(faces[nfaces].path, sizeof faces[nfaces].path, "%s", path);
        faces[nfaces].index = index;
        faces[nfaces++].face = face;
    }
    return face;
}

typedef struct glyph {
    unsigned id;
    int x, y;            /* pen position, 26.6 pixels, from the line's start */
} glyph;

typedef struct line {
    int first, count;
    int width;           /* 26.6 */
} line;

typedef struct layout {
    glyph *g;
    int ng, capg;
    line *lines;
    int nlines, caplines;
    int ascender, line_height, max_width;  /* 26.6 */
} layout;

static void layout_free(layout *L)
{
    free(L->g);
    free(L->lines);
}

/* Shapes bytes [s, s+len) of text; returns the advance (26.6) and, if `into`, appends the
 * glyphs as a new line. */
static int shape(hb_font_t *font, const char *s, int len, layout *into, mr_err *err)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, s, len, 0, len);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    int x = 0;
    if (into) {
        if (into->ng + (int)n > into->capg) {
            int cap = (into->ng + n) * 2 + 16;
            glyph *g = realloc(into->g, sizeof *g * cap);
            if (!g) {
                hb_buffer_destroy(buf);
                return mr_err_set(err, "out of memory laying out text");
            }
            into->g = g;
            into->capg = cap;
        }
        if (into->nlines == into->caplines) {
            int cap = into->caplines * 2 + 4;
            line *l = realloc(into->lines, sizeof *l * cap);
            if (!l) {
                hb_buffer_destroy(buf);
                return mr_err_set(err, "out of memory laying out text");
            }
            into->lines = l;
            into->caplines = cap;
        }
    }
    int first = into ? into->ng : 0;
    for (unsigned i = 0; i < n; i++) {
        if (into)
            into->g[into->ng++] = (glyph){info[i].codepoint, x + pos[i].x_offset, -pos[i].y_offset};
        x += pos[i].x_advance;
    }
    if (into) {
        into->lines[into->nlines++] = (line){first, (int)n, x};
        if (x > into->max_width)
            into->max_width = x;
    }
    hb_buffer_destroy(buf);
    return x;
}

/* Lays out one paragraph, breaking at spaces to fit wrap (26.6; 0 for no wrapping). */
static int layout_paragraph(hb_font_t *font, const char *s, int len, int wrap, layout *L, mr_err *err)
{
    while (wrap > 0 && len > 0) {
        if (shape(font, s, len, NULL, err) <= wrap)
            break;
        int cut = -1;
        for (int i = 1; i < len; i++) {
            if (s[i] != ' ')
                continue;
            int w = shape(font, s, i, NULL, err);
            if (w > wrap && cut > 0)
                break;
            cut = i;
            if (w > wrap)
                break; /* a first word longer than the width stands alone */
        }
        if (cut < 0)
            break;
        if (shape(font, s, cut, L, err) < 0)
            return -1;
        s += cut + 1;
        len -= cut + 1;
    }
    return shape(font, s, len, L, err) < 0 ? -1 : 0;
}

/* Lays out the whole text. Called with ft_lock held. */
static int do_layout(FT_Face face, const char *utf8, const mr_text_style *st, layout *L, mr_err *err)
{
    memset(L, 0, sizeof *L);
    if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)lround(st->size * 64), 72, 72))
        return mr_err_set(err, "font cannot be drawn at %g px", st->size);
    hb_font_t *font = hb_ft_font_create_referenced(face);
    hb_ft_font_set_load_flags(font, FT_LOAD_NO_HINTING);
    L->ascender = (int)face->size->metrics.ascender;
    L->line_height = (int)face->size->metrics.height;
    int r = 0;
    for (const char *p = utf8;;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        if ((r = layout_paragraph(font, p, len, st->wrap_width * 64, L, err)) < 0)
            break;
        if (!nl)
            break;
        p = nl + 1;
    }
    hb_font_destroy(font);
    if (r < 0)
        layout_free(L);
    return r;
}

static int pad_of(const mr_text_style *st) { return (int)ceil(st->stroke_width) + 2; }

static void text_size(const layout *L, const mr_text_style *st, int *w, int *h)
{
    int box = st->wrap_width > 0 ? st->wrap_width * 64 : L->max_width;
    *w = (box + 63) / 64 + 2 * pad_of(st);
    *h = (L->nlines * L->line_height + 63) / 64 + 2 * pad_of(st);
}

/* Adds the coverage of glyph g (stroked when stroker is given) at pen (x, y) in 26.6. */
static void draw_glyph(FT_Face face, unsigned id, int x, int y, FT_Stroker stroker, uint8_t *cov, int W, int H)
{
    if (FT_Load_Glyph(face, id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
        return;
    FT_Glyph g;
    if (FT_Get_Glyph(face->glyph, &g))
        return;
    if (stroker && FT_Glyph_StrokeBorder(&g, stroker, 0, 1)) {
        FT_Done_Glyph(g);
        return;
    }
    FT_Vector origin = {x & 63, -(y & 63)};
    if (FT_Glyph_To_Bitmap(&g, FT_RENDER_MODE_NORMAL, &origin, 1) == 0) {
        FT_BitmapGlyph bg = (FT_BitmapGlyph)g;
        int bx = (x >> 6) + bg->left, by = (y >> 6) - bg->top;
        for (unsigned r = 0; r < bg->bitmap.rows; r++) {
            int yy = by + (int)r;
            if (yy < 0 || yy >= H)
                continue;
            const uint8_t *src = bg->bitmap.buffer + r * bg->bitmap.pitch;
            for (unsigned c = 0; c < bg->bitmap.width; c++) {
                int xx = bx + (int)c;
                if (xx >= 0 && xx < W && src[c] > cov[yy * W + xx])
                    cov[yy * W + xx] = src[c];
            }
        }
    }
    FT_Done_Glyph(g);
}

/* Draws a layout into a new frame. Called with ft_lock held. */
static mr_frame *rasterise(FT_Face face, const layout *L, const mr_text_style *st, mr_err *err)
{
    int W, H;
    text_size(L, st, &W, &H);
    mr_frame *f = mr_frame_new(W, H, err);
    uint8_t *fill = calloc((size_t)W * H, 1), *stroke = st->stroke_width > 0 ? calloc((size_t)W * H, 1) : NULL;
    if (!f || !fill || (st->stroke_width > 0 && !stroke)) {
        mr_frame_unref(f);
        free(fill);
        free(stroke);
        if (f)
            mr_err_set(err, "out of memory drawing text");
        return NULL;
    }
    FT_Stroker stroker = NULL;
    if (stroke) {
        FT_Stroker_New(ft, &stroker);
        FT_Stroker_Set(stroker, (FT_Fixed)lround(st->stroke_width * 64), FT_STROKER_LINECAP_ROUND,
                       FT_STROKER_LINEJOIN_ROUND, 0);
    }
    int pad = pad_of(st), box = W * 64 - 2 * pad * 64;
    for (int i = 0; i < L->nlines; i++) {
        const line *ln = &L->lines[i];
        int x0 = pad * 64 + (st->align == MR_ALIGN_CENTER ? (box - ln->width) / 2 : st->align == MR_ALIGN_RIGHT ? box - ln->width : 0);
        int base = pad * 64 + L->ascender + i * L->line_height;
        for (int k = ln->first; k < ln->first + ln->count; k++) {
            int x = x0 + L->g[k].x, y = base + L->g[k].y;
            if (stroke)
                draw_glyph(face, L->g[k].id, x, y, stroker, stroke, W, H);
            draw_glyph(face, L->g[k].id, x, y, NULL, fill, W, H);
        }
    }
    if (stroker)
        FT_Stroker_Done(stroker);
    /* colour: fill over stroke, premultiplied */
    const mr_rgba c = st->color, s = st->stroke_color;
    bool opaque = true;
    for (int y = 0; y < H; y++) {
        uint8_t *p = mr_frame_row(f, y);
        for (int x = 0; x < W; x++, p += 4) {
            uint32_t fa = mr_div255(fill[y * W + x] * c.a);
            uint32_t sa = stroke ? mr_div255(mr_div255(stroke[y * W + x] * s.a) * (255 - fa)) : 0;
            p[0] = (uint8_t)(mr_div255(c.r * fa) + mr_div255(s.r * sa));
            p[1] = (uint8_t)(mr_div255(c.g * fa) + mr_div255(s.g * sa));
            p[2] = (uint8_t)(mr_div255(c.b * fa) + mr_div255(s.b * sa));
            p[3] = (uint8_t)(fa + sa);
            opaque = opaque && p[3] == 255;
        }
    }
    f->opaque = opaque;
    free(fill);
    free(stroke);
    return f;
}

static int check_utf8(const char *s, mr_err *err)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p >> 5) == 6 ? 1 : (*p >> 4) == 14 ? 2 : (*p >> 3) == 30 ? 3 : -1;
        if (n < 0)
            return mr_err_set(err, "text is not valid UTF-8");
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p >> 6) != 2)
                return mr_err_set(err, "text is not valid UTF-8");
    }
    return 0;
}

mr_frame *mr_text_render(const char *utf8, const mr_text_style *st, mr_err *err)
{
    char path[1024];
    int index;
    if (check_utf8(utf8, err) < 0 || mr_font_find(st->font, path, sizeof path, &index, err) < 0)
        return NULL;
    pthread_mutex_lock(&ft_lock);
    mr_frame *f = NULL;
    FT_Face face = get_face(path, index, err);
    layout L;
    if (face && do_layout(face, utf8, st, &L, err) == 0) {
        f = rasterise(face, &L, st, err);
        layout_free(&L);
    }
    pthread_mutex_unlock(&ft_lock);
    return f;
}

/* The text node: its text and style; laid out at creation for the size, drawn on first use. */
typedef struct text_priv {
    char *text;
    mr_text_style style;
} text_priv;

static int text_picture(const mr_clip *c, double t, mr_eval *ev, mr_frame **out)
{
    const text_priv *p = c->priv;
    *out = mr_text_render(p->text, &p->style, ev->err);
    return *out ? 0 : -1;
}

static void text_describe(const mr_clip *c, char *buf, size_t n)
{
    const text_priv *p = c->priv;
    snprintf(buf, n, "\"%.40s%s\" %s %gpx", p->text, strlen(p->text) > 40 ? "..." : "", p->style.font, p->style.size);
}

static void text_destroy(mr_clip *c)
{
    free(((text_priv *)c->priv)->text);
}

static const mr_clip_ops text_ops = {"text", text_picture, NULL, text_describe, text_destroy};

mr_clip *mr_text_new(const char *utf8, const mr_text_style *st, mr_err *err)
{
    if (st->size <= 0 || st->size > 2000) {
        mr_err_set(err, "text size %g px is out of range (1..2000)", st->size);
        return NULL;
    }
    char path[1024];
    int index;
    if (check_utf8(utf8, err) < 0 || mr_font_find(st->font, path, sizeof path, &index, err) < 0)
        return NULL;
    pthread_mutex_lock(&ft_lock);
    FT_Face face = get_face(path, index, err);
    layout L;
    int r = face ? do_layout(face, utf8, st, &L, err) : -1;
    pthread_mutex_unlock(&ft_lock);
    if (r < 0)
        return NULL;
    int w, h;
    text_size(&L, st, &w, &h);
    layout_free(&L);
    mr_clip *c = mr_clip_alloc(&text_ops, sizeof(text_priv), NULL, err);
    if (!c)
        return NULL;
    text_priv *p = c->priv;
    p->text = strdup(utf8);
    p->style = *st;
    c->w = w;
    c->h = h;
    c->has_video = true;
    c->is_static = true;
    if (!p->text) {
        mr_clip_unref(c);
        mr_err_set(err, "out of memory");
        return NULL;
    }
    return c;
}
