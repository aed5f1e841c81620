/* glyph_cache.c: the process's glyph pictures (glyph_cache.h): an open-addressed table under a
 * read-write lock. Each picture is counted: the table holds one reference, each user one (taken
 * under the read lock); past the byte limit the table is emptied under the write lock and the
 * last user of a dropped picture frees it. */
#include "engine/text/glyph_cache.h"

#include FT_GLYPH_H
#include FT_STROKER_H
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    mr_tface *face;
    unsigned id;
    int size64, stroke64, phase; /* phase: px | py << 6 */
    const mr_glyph_img *img;     /* NULL: the slot is empty */
} entry;

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static entry *table;
static size_t cap, used;
static size_t bytes, limit = (size_t)64 << 20;
static atomic_long rasterised;

static size_t img_bytes(const mr_glyph_img *img)
{
    return sizeof *img + (size_t)img->w * img->h * (img->color ? 4 : 1);
}

static void img_ref(const mr_glyph_img *img)
{
    __atomic_fetch_add(&((mr_glyph_img *)img)->refs, 1, __ATOMIC_RELAXED);
}

void mr_glyph_release(const mr_glyph_img *img)
{
    if (img && __atomic_fetch_sub(&((mr_glyph_img *)img)->refs, 1, __ATOMIC_ACQ_REL) == 1)
        free((mr_glyph_img *)img);
}

size_t mr_glyph_cache_limit(size_t n)
{
    pthread_rwlock_wrlock(&table_lock);
    limit = n;
    size_t held = bytes;
    pthread_rwlock_unlock(&table_lock);
    return held;
}

long mr_glyph_rasterised(void) { return atomic_load(&rasterised); }

static size_t hash(const mr_tface *f, unsigned id, int size64, int stroke64, int phase)
{
    uint64_t h = (uint64_t)(uintptr_t)f * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)id << 32 | (uint32_t)size64) * 0xC2B2AE3D27D4EB4Full;
    h ^= ((uint64_t)(uint32_t)stroke64 << 16 | (uint32_t)phase) * 0x165667B19E3779F9ull;
    return (size_t)(h ^ (h >> 29));
}

/* The slot holding the key, or the empty slot where it would go. Needs the lock and cap > 0. */
static entry *slot(entry *t, size_t n, mr_tface *f, unsigned id, int size64, int stroke64, int phase)
{
    for (size_t i = hash(f, id, size64, stroke64, phase) & (n - 1);; i = (i + 1) & (n - 1)) {
        entry *e = &t[i];
        if (!e->img || (e->face == f && e->id == id && e->size64 == size64 && e->stroke64 == stroke64 && e->phase == phase))
            return e;
    }
}

static const mr_glyph_img *lookup(mr_tface *f, unsigned id, int size64, int stroke64, int phase)
{
    pthread_rwlock_rdlock(&table_lock);
    const mr_glyph_img *img = cap ? slot(table, cap, f, id, size64, stroke64, phase)->img : NULL;
    if (img)
        img_ref(img); /* under the lock: the table cannot drop it meanwhile */
    pthread_rwlock_unlock(&table_lock);
    return img;
}

/* Adds a picture, taking a reference for the table (past the byte limit, the table is first
 * emptied); on no memory to grow, the picture is simply not kept. */
static void insert(mr_tface *f, unsigned id, int size64, int stroke64, int phase, const mr_glyph_img *img)
{
    pthread_rwlock_wrlock(&table_lock);
    if (used && bytes + img_bytes(img) > limit) { /* drop them all: users keep theirs alive */
        for (size_t i = 0; i < cap; i++)
            if (table[i].img) {
                mr_glyph_release(table[i].img);
                table[i] = (entry){0};
            }
        used = bytes = 0;
    }
    if ((used + 1) * 2 > cap) {
        size_t n = cap ? cap * 2 : 1024;
        entry *t = calloc(n, sizeof *t);
        if (!t) {
            pthread_rwlock_unlock(&table_lock);
            return;
        }
        for (size_t i = 0; i < cap; i++)
            if (table[i].img)
                *slot(t, n, table[i].face, table[i].id, table[i].size64, table[i].stroke64, table[i].phase) = table[i];
        free(table);
        table = t;
        cap = n;
    }
    img_ref(img);
    *slot(table, cap, f, id, size64, stroke64, phase) = (entry){f, id, size64, stroke64, phase, img};
    used++;
    bytes += img_bytes(img);
    pthread_rwlock_unlock(&table_lock);
}

/* An outline glyph's coverage. Called with f's lock held. NULL when FreeType cannot draw it. */
static mr_glyph_img *raster_outline(mr_tface *f, unsigned id, int size64, int stroke64, int px, int py)
{
    FT_Face face = f->face;
    if (FT_Set_Char_Size(face, 0, size64, 72, 72) || FT_Load_Glyph(face, id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
        return NULL;
    FT_Glyph g;
    if (FT_Get_Glyph(face->glyph, &g))
        return NULL;
    if (stroke64 > 0) {
        FT_Stroker stroker;
        if (FT_Stroker_New(mr_font_library(), &stroker)) {
            FT_Done_Glyph(g);
            return NULL;
        }
        FT_Stroker_Set(stroker, stroke64, FT_STROKER_LINECAP_ROUND, FT_STROKER_LINEJOIN_ROUND, 0);
        int bad = FT_Glyph_StrokeBorder(&g, stroker, 0, 1);
        FT_Stroker_Done(stroker);
        if (bad) {
            FT_Done_Glyph(g);
            return NULL;
        }
    }
    FT_Vector origin = {px, -py};
    mr_glyph_img *img = NULL;
    if (FT_Glyph_To_Bitmap(&g, FT_RENDER_MODE_NORMAL, &origin, 1) == 0) {
        FT_BitmapGlyph bg = (FT_BitmapGlyph)g;
        int w = (int)bg->bitmap.width, h = (int)bg->bitmap.rows;
        img = malloc(sizeof *img + (size_t)w * h);
        if (img) {
            *img = (mr_glyph_img){bg->left, bg->top, w, h, false};
            for (int r = 0; r < h; r++)
                memcpy(img->data + (size_t)r * w, bg->bitmap.buffer + (ptrdiff_t)r * bg->bitmap.pitch, (size_t)w);
        }
    }
    FT_Done_Glyph(g);
    return img;
}

/* A colour bitmap glyph (BGRA strike) scaled to size64, as premultiplied RGBA by averaging
 * the strike's pixels under each pixel. Called with f's lock held. NULL when it has none. */
static mr_glyph_img *raster_color(mr_tface *f, unsigned id, int size64)
{
    FT_Face face = f->face;
    if (FT_Select_Size(face, f->strike) || FT_Load_Glyph(face, id, FT_LOAD_COLOR))
        return NULL;
    FT_GlyphSlot gs = face->glyph;
    if (gs->bitmap.pixel_mode != FT_PIXEL_MODE_BGRA)
        return NULL;
    double k = (double)size64 / (double)f->strike_ppem;
    int sw = (int)gs->bitmap.width, sh = (int)gs->bitmap.rows;
    int w = (int)ceil(sw * k), h = (int)ceil(sh * k);
    mr_glyph_img *img = malloc(sizeof *img + (size_t)w * h * 4);
    if (!img)
        return NULL;
    *img = (mr_glyph_img){(int)lround(gs->bitmap_left * k), (int)lround(gs->bitmap_top * k), w, h, true};
    for (int y = 0; y < h; y++) {
        int y0 = (int)(y / k), y1 = (int)ceil((y + 1) / k);
        y1 = y1 > sh ? sh : y1 <= y0 ? y0 + 1 : y1;
        for (int x = 0; x < w; x++) {
            int x0 = (int)(x / k), x1 = (int)ceil((x + 1) / k);
            x1 = x1 > sw ? sw : x1 <= x0 ? x0 + 1 : x1;
            unsigned sum[4] = {0, 0, 0, 0}, n = 0;
            for (int yy = y0; yy < y1 && yy < sh; yy++)
                for (int xx = x0; xx < x1 && xx < sw; xx++, n++) {
                    const uint8_t *s = gs->bitmap.buffer + (ptrdiff_t)yy * gs->bitmap.pitch + xx * 4;
                    sum[0] += s[2], sum[1] += s[1], sum[2] += s[0], sum[3] += s[3];
                }
            uint8_t *o = img->data + ((size_t)y * w + x) * 4;
            for (int c = 0; c < 4; c++)
                o[c] = (uint8_t)(n ? (sum[c] + n / 2) / n : 0);
        }
    }
    return img;
}

const mr_glyph_img *mr_glyph_get(mr_tface *f, unsigned id, int size64, int stroke64, int px, int py)
{
    if (f->color && !f->scalable)
        px = py = 0;
    px &= 48, py = 0; /* mr_glyph_snap's phases */
    int phase = px | py << 6;
    const mr_glyph_img *img = lookup(f, id, size64, stroke64, phase);
    if (img)
        return img;
    pthread_mutex_lock(&f->lock);
    img = lookup(f, id, size64, stroke64, phase); /* another worker may have made it meanwhile */
    if (!img) {
        mr_glyph_img *made = f->scalable ? raster_outline(f, id, size64, stroke64, px, py)
                                         : stroke64 > 0 ? NULL : raster_color(f, id, size64);
        if (!made) { /* nothing to draw: remember an empty picture */
            made = calloc(1, sizeof *made);
        }
        if (made) {
            made->refs = 1; /* the caller's */
            atomic_fetch_add(&rasterised, 1);
            insert(f, id, size64, stroke64, phase, made);
            img = made;
        }
    }
    pthread_mutex_unlock(&f->lock);
    return img;
}
