/* para.c: a paragraph's characters, directions, fonts, break opportunities and shaped runs
 * (para.h). */
#include "engine/text/para.h"

#include <hb-ft.h>
#include <linebreak.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void mr_face_metrics(mr_tface *f, int size64, int *ascent, int *height)
{
    pthread_mutex_lock(&f->lock);
    if (f->scalable && FT_Set_Char_Size(f->face, 0, size64, 72, 72) == 0) {
        *ascent = (int)f->face->size->metrics.ascender;
        *height = (int)f->face->size->metrics.height;
    } else {
        long upem = f->face->units_per_EM > 0 ? f->face->units_per_EM : 1;
        *ascent = (int)((long)f->face->ascender * size64 / upem);
        *height = (int)((long)f->face->height * size64 / upem);
        if (*height <= 0)
            *ascent = size64, *height = size64 * 6 / 5;
    }
    pthread_mutex_unlock(&f->lock);
}

/* A HarfBuzz font for f at size64. Called with f's lock held; the caller destroys it. */
static hb_font_t *hb_font_at(mr_tface *f, int size64)
{
    if (f->scalable) {
        if (FT_Set_Char_Size(f->face, 0, size64, 72, 72))
            return NULL;
        hb_font_t *font = hb_ft_font_create_referenced(f->face);
        hb_ft_font_set_load_flags(font, FT_LOAD_NO_HINTING);
        return font;
    }
    hb_font_t *font = hb_font_create(f->hb);
    hb_font_set_scale(font, size64, size64);
    return font;
}

/* Shapes cp[start, start+len) (the whole of cp[0..n) as context) into g; returns the glyph
 * count (at most `room`), or -1. With `spacing` (26.6) added after each cluster, unless the
 * script joins its letters. Called without locks. */
static int shape(mr_tface *f, int size64, const uint32_t *cp, int n, int start, int len, bool rtl, int spacing,
                 mr_pglyph *g, int room, mr_err *err)
{
    pthread_mutex_lock(&f->lock);
    hb_font_t *font = hb_font_at(f, size64);
    if (!font) {
        pthread_mutex_unlock(&f->lock);
        return mr_err_set(err, "font '%s' cannot be drawn at %g px", f->path, size64 / 64.0);
    }
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_codepoints(buf, cp, n, (unsigned)start, len);
    hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buf);
    hb_script_t script = hb_buffer_get_script(buf);
    if (script == HB_SCRIPT_ARABIC || script == HB_SCRIPT_SYRIAC || script == HB_SCRIPT_NKO ||
        script == HB_SCRIPT_MONGOLIAN)
        spacing = 0;
    hb_shape(font, buf, NULL, 0);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    int k = 0;
    for (unsigned i = 0; i < count && k < room; i++, k++) {
        hb_glyph_extents_t e;
        if (!hb_font_get_glyph_extents(font, info[i].codepoint, &e))
            memset(&e, 0, sizeof e);
        bool last = i + 1 == count || info[i + 1].cluster != info[i].cluster;
        g[k] = (mr_pglyph){info[i].codepoint, pos[i].x_advance + (last ? spacing : 0), pos[i].x_offset, pos[i].y_offset,
                           e.x_bearing, e.y_bearing, e.width, e.height, e.width != 0 || e.height != 0,
                           (int)info[i].cluster};
    }
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    pthread_mutex_unlock(&f->lock);
    return k;
}

int mr_shape_alone(mr_tface *f, int size64, const uint32_t *cp, int n, bool rtl, mr_pglyph *g, mr_err *err)
{
    return shape(f, size64, cp, n, 0, n, rtl, 0, g, 4 * n, err);
}

/* Frees P's arrays and zeroes it (para.h). */
void mr_para_free(mr_para *P)
{
    free(P->cp);
    free(P->span);
    free(P->face);
    free(P->level);
    free(P->brk);
    free(P->cstart);
    free(P->ch);
    free(P->g);
    free(P->runs);
    memset(P, 0, sizeof *P);
}

/* Characters that take the font of the one before them: marks, joiners, variation
 * selectors, emoji modifiers and tags. */
static bool follows(uint32_t c)
{
    hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || c == 0x200D || c == 0x200C || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

/* Whether c (followed by next) asks for a colour emoji. */
static bool emoji(uint32_t c, uint32_t next)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || next == 0xFE0F;
}

static bool common(uint32_t c)
{
    hb_script_t s = hb_unicode_script(hb_unicode_funcs_get_default(), c);
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* Each character's face: its span's font, or a fallback that has it. */
static void choose_faces(mr_para *P, const mr_text_span *spans)
{
    for (int i = 0; i < P->n; i++) {
        uint32_t c = P->cp[i], next = i + 1 < P->n ? P->cp[i + 1] : 0;
        mr_tface *primary = spans[P->span[i]].face;
        if (i > 0 && P->span[i - 1] == P->span[i] && (follows(c) || (common(c) && !emoji(c, next) &&
                                                                     P->face[i - 1] != primary &&
                                                                     mr_tface_has(P->face[i - 1], c)))) {
            P->face[i] = P->face[i - 1];
            continue;
        }
        P->face[i] = mr_font_fallback(primary, c, emoji(c, next));
    }
}

/* Cuts the paragraph into runs of one span, face, level and script. Returns 0 or -1. */
static int make_runs(mr_para *P, mr_err *err)
{
    P->runs = malloc(sizeof *P->runs * (size_t)(P->n + 1));
    if (!P->runs)
        return mr_err_set(err, "out of memory laying out text");
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t script = HB_SCRIPT_COMMON;
    for (int i = 0; i < P->n; i++) {
        hb_script_t s = hb_unicode_script(uf, P->cp[i]);
        bool own = s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
        mr_run *r = P->nruns ? &P->runs[P->nruns - 1] : NULL;
        if (!r || r->span != P->span[i] || r->face != P->face[i] || r->level != P->level[i] ||
            (own && script != HB_SCRIPT_COMMON && s != script)) {
            P->runs[P->nruns++] = (mr_run){i, 0, P->span[i], P->face[i], 0, P->level[i], 0, 0, 0, 0};
            r = &P->runs[P->nruns - 1];
            script = HB_SCRIPT_COMMON;
        }
        if (own && script == HB_SCRIPT_COMMON)
            script = s;
        r->len++;
    }
    return 0;
}

int mr_para_make(mr_para *P, const uint32_t *cp, const int *sp, int n, const mr_text_span *spans,
                 const mr_layout_opts *o, int *chars, mr_err *err)
{
    memset(P, 0, sizeof *P);
    size_t m = (size_t)n + 1;
    P->n = n;
    P->cp = malloc(m * sizeof *P->cp);
    P->span = malloc(m * sizeof *P->span);
    P->face = malloc(m * sizeof *P->face);
    P->level = malloc(m * sizeof *P->level);
    P->brk = malloc(m);
    P->cstart = calloc(m, 1);
    P->ch = malloc(m * sizeof *P->ch);
    FriBidiCharType *types = malloc(m * sizeof *types);
    FriBidiBracketType *brackets = malloc(m * sizeof *brackets);
    if (!P->cp || !P->span || !P->face || !P->level || !P->brk || !P->cstart || !P->ch || !types || !brackets) {
        free(types);
        free(brackets);
        return mr_err_set(err, "out of memory laying out text");
    }
    memcpy(P->cp, cp, (size_t)n * sizeof *cp);
    memcpy(P->span, sp, (size_t)n * sizeof *sp);
    FriBidiParType dir = FRIBIDI_PAR_ON;
    fribidi_get_bidi_types(P->cp, n, types);
    fribidi_get_bracket_types(P->cp, n, types, brackets);
    if (n > 0 && !fribidi_get_par_embedding_levels_ex(types, brackets, n, &dir, P->level))
        memset(P->level, 0, (size_t)n);
    free(types);
    free(brackets);
    P->rtl = n > 0 && FRIBIDI_IS_RTL(dir);
    if (n > 0)
        set_linebreaks_utf32(P->cp, (size_t)n, NULL, P->brk);
    choose_faces(P, spans);
    if (make_runs(P, err) < 0)
        return -1;
    int spacing = (int)lround(o->letter_spacing * o->scale * 64);
    for (int r = 0; r < P->nruns; r++) {
        mr_run *run = &P->runs[r];
        double px = spans[run->span].size * o->scale;
        run->size64 = px * 64 >= 64 ? (int)lround(px * 64) : 64;
        mr_face_metrics(run->face, run->size64, &run->ascent, &run->height);
        int room = 4 * run->len + 8;
        mr_pglyph *g = realloc(P->g, sizeof *g * (size_t)(P->ng + room));
        if (!g)
            return mr_err_set(err, "out of memory laying out text");
        P->g = g;
        int k = shape(run->face, run->size64, P->cp, n, run->start, run->len, run->level & 1, spacing, P->g + P->ng,
                      room, err);
        if (k < 0)
            return -1;
        run->g0 = P->ng;
        run->ng = k;
        P->ng += k;
    }
    for (int i = 0; i < P->ng; i++)
        if (P->g[i].cl >= 0 && P->g[i].cl < n)
            P->cstart[P->g[i].cl] = true;
    if (n > 0)
        P->cstart[0] = true;
    for (int i = 0; i < n; i++)
        P->ch[i] = P->cstart[i] || i == 0 ? (*chars)++ : P->ch[i - 1];
    return 0;
}
