/* text.c: layout and drawing of text. FreeType faces are not thread-safe, so all work on
 * them happens under one lock; text clips are static, so each is drawn once per process. */
#include "engine/sources/text.h"

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
#include "engine/core/eval.h"
#include "engine/kernels/kernel_params.h"

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

/* What a run of text covers, 26.6 pixels from its pen origin (y down): the advance, and
 * the box holding both the advance and the ink (outlines, unstroked). */
typedef struct extent {
    int width;           /* the advance */
    int left, right;     /* min(0, ink's left), max(width, ink's right) */
    int top, bottom;     /* the ink's top and bottom from the baseline; 0 without ink */
} extent;

typedef struct line {
    int first, count;
    extent e;
} line;

typedef struct layout {
    glyph *g;
    int ng, capg;
    line *lines;
    int nlines, caplines;
    int ascender, line_height, max_span;  /* 26.6; max_span: the widest line's right - left */
} layout;

static void layout_free(layout *L)
{
    free(L->g);
    free(L->lines);
}

static int span_of(const extent *e) { return e->right - e->left; }

/* Makes room in L for n more glyphs and one more line. 0, or -1 with err set. */
static int layout_grow(layout *L, int n, mr_err *err)
{
    if (L->ng + n > L->capg) {
        int cap = (L->ng + n) * 2 + 16;
        glyph *g = realloc(L->g, sizeof *g * cap);
        if (!g)
            return mr_err_set(err, "out of memory laying out text");
        L->g = g;
        L->capg = cap;
    }
    if (L->nlines == L->caplines) {
        int cap = L->caplines * 2 + 4;
        line *l = realloc(L->lines, sizeof *l * cap);
        if (!l)
            return mr_err_set(err, "out of memory laying out text");
        L->lines = l;
        L->caplines = cap;
    }
    return 0;
}

/* What laying out one text needs: the font, lines' width (`wrap`, 26.6; < 0: no wrapping),
 * the style (for messages), and the glyphs' ink boxes as far as known (loading a glyph for
 * its box is what measuring costs; wrapping measures the same glyphs many times). */
typedef struct shaper {
    hb_font_t *font;
    int wrap;
    const mr_text_style *st;
    hb_glyph_extents_t *box; /* by glyph id, NULL when there was no memory for it */
    bool *known;
    unsigned nglyphs;
} shaper;

/* The ink box of glyph id into *b; false when it has none (a space). */
static bool glyph_box(shaper *sh, unsigned id, hb_glyph_extents_t *b)
{
    if (sh->box && id < sh->nglyphs && sh->known[id]) {
        *b = sh->box[id];
    } else {
        if (!hb_font_get_glyph_extents(sh->font, id, b))
            memset(b, 0, sizeof *b);
        if (sh->box && id < sh->nglyphs) {
            sh->box[id] = *b;
            sh->known[id] = true;
        }
    }
    return b->width != 0 || b->height != 0;
}

/* Shapes bytes [s, s+len) of text and measures it into *e; if `into`, appends the glyphs
 * as a new line. If `clusters` (len + 1 bools, zeroed by the caller), marks the byte
 * offsets where a cluster starts: the places a word may be broken. 0, or -1 with err set. */
static int shape(shaper *sh, const char *s, int len, layout *into, extent *e, bool *clusters, mr_err *err)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, s, len, 0, len);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(sh->font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    if (into && layout_grow(into, (int)n, err) < 0) {
        hb_buffer_destroy(buf);
        return -1;
    }
    int first = into ? into->ng : 0, x = 0;
    int left = 0, right = 0, top = 0, bottom = 0;
    bool ink = false;
    for (unsigned i = 0; i < n; i++) {
        int gx = x + pos[i].x_offset, gy = -pos[i].y_offset;
        hb_glyph_extents_t ge;
        if (glyph_box(sh, info[i].codepoint, &ge)) {
            /* hb: bearings from the pen, y up; width > 0 and height < 0 in the usual case */
            int x1 = gx + ge.x_bearing, x2 = x1 + ge.width, y1 = gy - ge.y_bearing, y2 = y1 - ge.height;
            int l = x1 < x2 ? x1 : x2, r = x1 < x2 ? x2 : x1, t = y1 < y2 ? y1 : y2, b = y1 < y2 ? y2 : y1;
            left = !ink || l < left ? l : left;
            right = !ink || r > right ? r : right;
            top = !ink || t < top ? t : top;
            bottom = !ink || b > bottom ? b : bottom;
            ink = true;
        }
        if (into)
            into->g[into->ng++] = (glyph){info[i].codepoint, gx, gy};
        if (clusters && info[i].cluster <= (unsigned)len)
            clusters[info[i].cluster] = true;
        x += pos[i].x_advance;
    }
    *e = (extent){x, ink && left < 0 ? left : 0, ink && right > x ? right : x, top, bottom};
    if (into) {
        into->lines[into->nlines++] = (line){first, (int)n, *e};
        if (span_of(e) > into->max_span)
            into->max_span = span_of(e);
    }
    hb_buffer_destroy(buf);
    return 0;
}

static int pad_of(const mr_text_style *st) { return (int)ceil(st->stroke_width) + 2; }

/* The most bytes at the start of the word [s, s+n) that fit on a line, cut where a cluster
 * starts (never inside a character or between a letter and its marks); at least the first
 * cluster. -1 with err set when even that does not fit in the width. */
static int break_word(shaper *sh, const char *s, int n, mr_err *err)
{
    bool *starts = calloc((size_t)n + 1, 1);
    if (!starts)
        return mr_err_set(err, "out of memory laying out text");
    extent e;
    int best = -1, b = 1;
    if (shape(sh, s, n, NULL, &e, starts, err) < 0) {
        free(starts);
        return -1;
    }
    for (; b < n; b++) {
        if (!starts[b])
            continue;
        if (shape(sh, s, b, NULL, &e, NULL, err) < 0) {
            free(starts);
            return -1;
        }
        if (span_of(&e) > sh->wrap)
            break;
        best = b;
    }
    free(starts);
    if (best > 0)
        return best;
    const mr_text_style *st = sh->st;
    return mr_err_set(err, "width %d px is too narrow for \"%.*s\" at %g px: it needs %d px%s", st->wrap_width, b, s,
                      st->size, (span_of(&e) + 63) / 64 + 2 * pad_of(st), st->stroke_width > 0 ? ", stroke included" : "");
}

/* Lays out one paragraph: breaks at spaces to fit, and inside a word that does not fit on
 * a line by itself, so that every line fits and no glyph is lost. 0, or -1 with err set. */
static int layout_paragraph(shaper *sh, const char *s, int len, layout *L, mr_err *err)
{
    extent e;
    while (sh->wrap >= 0 && len > 0) {
        if (shape(sh, s, len, NULL, &e, NULL, err) < 0)
            return -1;
        if (span_of(&e) <= sh->wrap)
            break;
        int cut = -1, word = len; /* cut: the end of the most whole words that fit */
        for (int i = 1; i < len; i++) {
            if (s[i] != ' ')
                continue;
            if (word == len)
                word = i;
            if (shape(sh, s, i, NULL, &e, NULL, err) < 0)
                return -1;
            if (span_of(&e) > sh->wrap)
                break;
            cut = i;
        }
        int skip = 1; /* the space where the line breaks */
        if (cut < 0) { /* the first word alone is too wide: break inside it */
            if ((cut = break_word(sh, s, word, err)) < 0)
                return -1;
            skip = 0;
        }
        if (shape(sh, s, cut, L, &e, NULL, err) < 0)
            return -1;
        s += cut + skip;
        len -= cut + skip;
    }
    return shape(sh, s, len, L, &e, NULL, err);
}

/* Lays out the whole text. Called with ft_lock held. */
static int do_layout(FT_Face face, const char *utf8, const mr_text_style *st, layout *L, mr_err *err)
{
    memset(L, 0, sizeof *L);
    if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)lround(st->size * 64), 72, 72))
        return mr_err_set(err, "font cannot be drawn at %g px", st->size);
    shaper sh = {hb_ft_font_create_referenced(face), -1, st, NULL, NULL, (unsigned)face->num_glyphs};
    hb_ft_font_set_load_flags(sh.font, FT_LOAD_NO_HINTING);
    L->ascender = (int)face->size->metrics.ascender;
    L->line_height = (int)face->size->metrics.height;
    /* with a width, lines fit inside it less the margins on both sides */
    int inner = st->wrap_width - 2 * pad_of(st);
    if (st->wrap_width > 0) { /* wrapping measures glyphs over and over: remember their boxes */
        sh.wrap = inner > 0 ? inner * 64 : 0;
        sh.box = malloc(sizeof *sh.box * (sh.nglyphs + 1));
        sh.known = calloc(sh.nglyphs + 1, 1);
        if (!sh.box || !sh.known) { /* measure without remembering */
            free(sh.box);
            sh.box = NULL;
        }
    }
    int r = 0;
    for (const char *p = utf8;;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        if ((r = layout_paragraph(&sh, p, len, L, err)) < 0)
            break;
        if (!nl)
            break;
        p = nl + 1;
    }
    hb_font_destroy(sh.font);
    free(sh.box);
    free(sh.known);
    if (r < 0)
        layout_free(L);
    return r;
}

/* The picture's size for a layout: exactly the width when one is given, else the widest
 * line; lines' height, grown where ink reaches past them; margins of pad_of on every
 * side. *over_top (26.6) is how far ink reaches above the first line. */
static void text_size(const layout *L, const mr_text_style *st, int *w, int *h, int *over_top)
{
    int pad = pad_of(st), lines = L->nlines * L->line_height, top = 0, bottom = 0;
    for (int i = 0; i < L->nlines; i++) {
        const extent *e = &L->lines[i].e;
        int base = L->ascender + i * L->line_height;
        if (-(base + e->top) > top)
            top = -(base + e->top);
        if (base + e->bottom - lines > bottom)
            bottom = base + e->bottom - lines;
    }
    *w = st->wrap_width > 0 ? st->wrap_width : (L->max_span + 63) / 64 + 2 * pad;
    *h = (lines + top + bottom + 63) / 64 + 2 * pad;
    *over_top = top;
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
    int W, H, over_top;
    text_size(L, st, &W, &H, &over_top);
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
        int room = box - span_of(&ln->e); /* the line's ink and advance, aligned in the box */
        int x0 = pad * 64 - ln->e.left + (st->align == MR_ALIGN_CENTER ? room / 2 : st->align == MR_ALIGN_RIGHT ? room : 0);
        int base = pad * 64 + over_top + L->ascender + i * L->line_height;
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
    if (!(st->size > 0 && st->size <= 2000)) { /* NaN too */
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
    int w, h, over_top;
    text_size(&L, st, &w, &h, &over_top);
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
