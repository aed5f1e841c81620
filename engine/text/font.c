/* font.c: fonts for text: lookup by name through fontconfig (or the font folders on a
 * machine without its configuration), the registry of open faces, and per-character fallback.
 * The registry's lock guards fontconfig and the list of faces; each face has a lock of its own
 * for FreeType and HarfBuzz calls on it. */
#include "engine/text/font.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static FT_Library ft;
static bool fc_ready;

/* The open faces (a list that grows; faces are never closed, so pointers stay valid). */
static mr_tface **faces;
static int nfaces, capfaces;
static atomic_long fc_asks;

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
    pthread_mutex_lock(&reg_lock);
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
    pthread_mutex_unlock(&reg_lock);
    if (r < 0 && find_in_dirs(name, path, n) == 0)
        r = 0;
    if (r < 0)
        mr_err_set(err, "font '%s' not found (give a family such as \"DejaVu Sans\", \"DejaVu Sans Bold\", or a .ttf path)", name);
    return r;
}

FT_Library mr_font_library(void)
{
    pthread_mutex_lock(&reg_lock);
    if (!ft && FT_Init_FreeType(&ft))
        ft = NULL;
    pthread_mutex_unlock(&reg_lock);
    return ft;
}

/* The open face of file path (index), opening it. Called with reg_lock held. NULL with err
 * set when FreeType cannot load it or there is no memory. */
static mr_tface *open_face(const char *path, int index, mr_err *err)
{
    for (int i = 0; i < nfaces; i++)
        if (faces[i]->index == index && strcmp(faces[i]->path, path) == 0)
            return faces[i];
    if (!ft && FT_Init_FreeType(&ft)) {
        mr_err_set(err, "cannot start FreeType");
        return NULL;
    }
    if (nfaces == capfaces) {
        int n = capfaces ? capfaces * 2 : 16;
        mr_tface **grown = realloc(faces, sizeof *grown * (size_t)n);
        if (!grown) {
            mr_err_set(err, "out of memory opening font '%s'", path);
            return NULL;
        }
        faces = grown;
        capfaces = n;
    }
    mr_tface *f = calloc(1, sizeof *f);
    if (!f || FT_New_Face(ft, path, index, &f->face)) {
        free(f);
        mr_err_set(err, "cannot load font '%s'", path);
        return NULL;
    }
    snprintf(f->path, sizeof f->path, "%s", path);
    f->index = index;
    f->scalable = FT_IS_SCALABLE(f->face);
    f->color = FT_HAS_COLOR(f->face);
    pthread_mutex_init(&f->lock, NULL);
    if (!f->scalable) { /* the largest strike: scaled down to the size asked */
        for (int i = 0; i < f->face->num_fixed_sizes; i++)
            if (f->face->available_sizes[i].y_ppem > f->strike_ppem) {
                f->strike = i;
                f->strike_ppem = f->face->available_sizes[i].y_ppem;
            }
        if (f->strike_ppem <= 0 || FT_Select_Size(f->face, f->strike)) {
            FT_Done_Face(f->face);
            free(f);
            mr_err_set(err, "font '%s' has neither outlines nor bitmap sizes", path);
            return NULL;
        }
        hb_blob_t *blob = hb_blob_create_from_file(path);
        f->hb = hb_face_create(blob, (unsigned)index);
        hb_blob_destroy(blob);
    }
    faces[nfaces++] = f;
    return f;
}

/* Names already looked up, so fontconfig is asked once per name (a list that grows). */
typedef struct named { char *name; mr_tface *face; } named;
static named *names;
static int nnames, capnames;

mr_tface *mr_font_face(const char *name, mr_err *err)
{
    pthread_mutex_lock(&reg_lock);
    for (int i = 0; i < nnames; i++)
        if (strcmp(names[i].name, name) == 0) {
            mr_tface *f = names[i].face;
            pthread_mutex_unlock(&reg_lock);
            return f;
        }
    pthread_mutex_unlock(&reg_lock);
    char path[1024];
    int index;
    if (mr_font_find(name, path, sizeof path, &index, err) < 0)
        return NULL;
    pthread_mutex_lock(&reg_lock);
    mr_tface *f = open_face(path, index, err);
    if (f && nnames == capnames) { /* no memory: the name is only not remembered */
        int n = capnames ? capnames * 2 : 16;
        named *grown = realloc(names, sizeof *grown * (size_t)n);
        if (grown)
            names = grown, capnames = n;
    }
    if (f && nnames < capnames && (names[nnames].name = strdup(name)))
        names[nnames++].face = f;
    pthread_mutex_unlock(&reg_lock);
    return f;
}

bool mr_tface_has(mr_tface *f, uint32_t cp)
{
    pthread_mutex_lock(&f->lock);
    bool has = FT_Get_Char_Index(f->face, cp) != 0;
    pthread_mutex_unlock(&f->lock);
    return has;
}

/* The face fontconfig offers for cp (a colour one for an emoji), or NULL. Called without
 * locks held. */
static mr_tface *ask_fontconfig(uint32_t cp, bool emoji)
{
    pthread_mutex_lock(&reg_lock);
    fc_setup();
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    if (emoji)
        FcPatternAddBool(pat, FC_COLOR, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    atomic_fetch_add(&fc_asks, 1);
    FcFontSet *fs = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    mr_tface *found = NULL;
    mr_err err;
    for (int i = 0; fs && i < fs->nfont && !found; i++) {
        FcCharSet *has;
        FcChar8 *file;
        int index = 0;
        if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &has) != FcResultMatch || !FcCharSetHasChar(has, cp) ||
            FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index);
        found = open_face((const char *)file, index, &err);
    }
    if (fs)
        FcFontSetDestroy(fs);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    pthread_mutex_unlock(&reg_lock);
    return found;
}

/* Characters no font has, per primary face (and whether a colour one was wanted), so
 * fontconfig is asked once for each: a small table under reg_lock, emptied when full. */
#define MISS_CAP 1024
static struct miss { const mr_tface *face; uint32_t cp; bool emoji, used; } misses[MISS_CAP];
static int nmisses;

static size_t miss_slot(const mr_tface *f, uint32_t cp, bool emoji)
{
    uint64_t h = ((uint64_t)(uintptr_t)f ^ ((uint64_t)cp << 1 | emoji)) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 40) & (MISS_CAP - 1);
}

/* Whether (f, cp, emoji) is a known miss; with `add`, records it. Called with reg_lock held. */
static bool missing(const mr_tface *f, uint32_t cp, bool emoji, bool add)
{
    if (add && nmisses * 2 >= MISS_CAP) {
        memset(misses, 0, sizeof misses);
        nmisses = 0;
    }
    for (size_t i = miss_slot(f, cp, emoji);; i = (i + 1) & (MISS_CAP - 1)) {
        struct miss *m = &misses[i];
        if (!m->used) {
            if (add) {
                *m = (struct miss){f, cp, emoji, true};
                nmisses++;
            }
            return false;
        }
        if (m->face == f && m->cp == cp && m->emoji == emoji)
            return true;
    }
}

long mr_font_fallback_asks(void) { return atomic_load(&fc_asks); }

mr_tface *mr_font_fallback(mr_tface *primary, uint32_t cp, bool emoji)
{
    if ((!emoji || primary->color) && mr_tface_has(primary, cp))
        return primary;
    /* faces open already, colour ones first for an emoji */
    pthread_mutex_lock(&reg_lock);
    int n = nfaces;
    mr_tface **open = malloc(sizeof *open * (size_t)(n > 0 ? n : 1));
    if (open)
        memcpy(open, faces, sizeof open[0] * (size_t)n);
    bool known_miss = missing(primary, cp, emoji, false);
    pthread_mutex_unlock(&reg_lock);
    for (int pass = emoji ? 0 : 1; open && pass < 2; pass++)
        for (int i = 0; i < n; i++)
            if (open[i] != primary && (pass == 1 || open[i]->color) && mr_tface_has(open[i], cp)) {
                mr_tface *f = open[i];
                free(open);
                return f;
            }
    free(open);
    if (known_miss)
        return primary;
    mr_tface *f = ask_fontconfig(cp, emoji);
    if (!f && emoji)
        f = ask_fontconfig(cp, false);
    if (f && mr_tface_has(f, cp))
        return f;
    pthread_mutex_lock(&reg_lock);
    missing(primary, cp, emoji, true);
    pthread_mutex_unlock(&reg_lock);
    return primary;
}
