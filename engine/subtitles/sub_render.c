/* sub_render.c: the subtitle renderer both subtitle clips share: one libass renderer under a
 * mutex (libass is not thread-safe per renderer, and the render's workers ask for frames in
 * parallel), and a cache: while the cues shown do not change (nothing shows, or libass's
 * detect_change says the images are the same), every ask gets the same picture, so a long
 * edit draws each cue once (and uploads it to the GPU once). libass gives coverage bitmaps
 * with one colour each; they are blended here into a premultiplied RGBA picture of the
 * inked rectangle. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/subtitles/ass_track.h"
#include "engine/subtitles/subtitles.h"

/* Pictures kept where evaluations work: [0] host, [1] GPU. */
typedef struct sub_slot {
    unsigned long ink_gen, full_gen;
    mr_frame *ink, *full, *empty;
} sub_slot;

struct mr_subs {
    pthread_mutex_t lock;
    ASS_Library *lib;
    ASS_Renderer *rend;
    ASS_Track *track;
    mr_ass_log log;
    int w, h;
    double end;
    long long last_now;     /* the ms last asked for; -1: none */
    unsigned long gen;      /* what shows at last_now: 0 nothing, else lib_gen */
    unsigned long lib_gen;  /* counts libass's changed pictures */
    mr_frame *ink;          /* libass's last picture (host), NULL when it drew nothing */
    int x, y;
    long draws;
    sub_slot slot[2];
};

mr_sub_style mr_sub_style_default(void)
{
    mr_sub_style s = {0};
    s.font_size = -1;
    s.color = (mr_rgba){255, 255, 255, 255};
    s.outline = -1;
    s.outline_color = (mr_rgba){0, 0, 0, 255};
    s.box_color = (mr_rgba){0, 0, 0, 176};
    s.margin = -1;
    s.align = 2;
    return s;
}

mr_subs *mr_subs_open(const char *path, const mr_sub_style *style, int w, int h, mr_err *err)
{
    mr_subs *s = calloc(1, sizeof *s);
    if (!s) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    s->w = w;
    s->h = h;
    s->last_now = -1;
    s->log.worst = 99;
    mr_sub_style st = *style;
    if (st.font_size <= 0)
        st.font_size = round(h / 20.0);
    if (st.outline < 0)
        st.outline = st.font_size / 16;
    if (st.margin < 0)
        st.margin = round(h / 20.0);
    if (!(s->lib = ass_library_init())) {
        mr_subs_free(s);
        mr_err_set(err, "subtitles: libass failed to start");
        return NULL;
    }
    ass_set_message_cb(s->lib, mr_ass_log_cb, &s->log);
    ass_set_extract_fonts(s->lib, 1);
    if (!(s->rend = ass_renderer_init(s->lib))) {
        mr_subs_free(s);
        mr_err_set(err, "subtitles: libass has no renderer (FreeType failed to start)");
        return NULL;
    }
    ass_set_frame_size(s->rend, w, h);
    ass_set_storage_size(s->rend, w, h);
    ass_set_fonts(s->rend, NULL, "sans-serif", ASS_FONTPROVIDER_AUTODETECT, NULL, 1);
    if (!(s->track = mr_ass_track_load(s->lib, path, &st, w, h, &s->log, err))) {
        mr_subs_free(s);
        return NULL;
    }
    for (int i = 0; i < s->track->n_events; i++) {
        const ASS_Event *e = &s->track->events[i];
        s->end = fmax(s->end, (e->Start + e->Duration) / 1000.0);
    }
    return s;
}

void mr_subs_free(mr_subs *s)
{
    if (!s)
        return;
    for (int k = 0; k < 2; k++) {
        mr_frame_unref(s->slot[k].ink);
        mr_frame_unref(s->slot[k].full);
        mr_frame_unref(s->slot[k].empty);
    }
    mr_frame_unref(s->ink);
    if (s->track)
        ass_free_track(s->track);
    if (s->rend)
        ass_renderer_done(s->rend);
    if (s->lib)
        ass_library_done(s->lib);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

double mr_subs_end(const mr_subs *s) { return s->end; }

long mr_subs_draws(const mr_subs *s) { return s->draws; }

/* v / 255, rounded, for v in 0..255*255. */
static inline unsigned div255(unsigned v) { return (v + 128 + ((v + 128) >> 8)) >> 8; }

/* libass's images blended into a new host picture of their inked rectangle (clipped to the
 * picture): *ink NULL when nothing is inked. Returns 0, or -1 (err set) without memory. */
static int blend_images(const mr_subs *s, const ASS_Image *img, mr_frame **ink, int *ox, int *oy, mr_err *err)
{
    int x0 = s->w, y0 = s->h, x1 = 0, y1 = 0;
    for (const ASS_Image *i = img; i; i = i->next) {
        if (i->w <= 0 || i->h <= 0)
            continue;
        x0 = i->dst_x < x0 ? i->dst_x : x0;
        y0 = i->dst_y < y0 ? i->dst_y : y0;
        x1 = i->dst_x + i->w > x1 ? i->dst_x + i->w : x1;
        y1 = i->dst_y + i->h > y1 ? i->dst_y + i->h : y1;
    }
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > s->w ? s->w : x1;
    y1 = y1 > s->h ? s->h : y1;
    *ink = NULL;
    if (x1 <= x0 || y1 <= y0)
        return 0;
    mr_frame *f = mr_frame_new(x1 - x0, y1 - y0, err);
    if (!f)
        return -1;
    for (int y = 0; y < f->h; y++)
        memset(mr_frame_row(f, y), 0, (size_t)f->w * 4);
    for (const ASS_Image *i = img; i; i = i->next) {
        unsigned r = i->color >> 24, g = (i->color >> 16) & 255, b = (i->color >> 8) & 255;
        unsigned opacity = 255 - (i->color & 255);
        for (int y = 0; y < i->h; y++) {
            int fy = i->dst_y + y - y0;
            if (fy < 0 || fy >= f->h)
                continue;
            const unsigned char *src = i->bitmap + (size_t)y * i->stride;
            uint8_t *row = mr_frame_row(f, fy);
            for (int x = 0; x < i->w; x++) {
                int fx = i->dst_x + x - x0;
                if (fx < 0 || fx >= f->w || !src[x])
                    continue;
                unsigned a = div255(src[x] * opacity), na = 255 - a;
                uint8_t *p = row + 4 * fx;
                p[0] = (uint8_t)div255(r * a + p[0] * na);
                p[1] = (uint8_t)div255(g * a + p[1] * na);
                p[2] = (uint8_t)div255(b * a + p[2] * na);
                p[3] = (uint8_t)div255(255 * a + p[3] * na);
            }
        }
    }
    f->opaque = false;
    *ink = f;
    *ox = x0;
    *oy = y0;
    return 0;
}

/* Brings s to what shows at now (ms): asks libass only when a cue is active, and draws
 * only when libass says the picture changed. Returns 0 or -1 (err set). Holds s->lock. */
static int update(mr_subs *s, long long now, mr_err *err)
{
    bool active = false;
    for (int i = 0; i < s->track->n_events && !active; i++) {
        const ASS_Event *e = &s->track->events[i];
        active = e->Start <= now && now < e->Start + e->Duration;
    }
    s->last_now = now;
    if (!active) {
        s->gen = 0;
        return 0;
    }
    int change = 2;
    ASS_Image *img = ass_render_frame(s->rend, s->track, now, &change);
    if (change == 0 && s->lib_gen) {
        s->gen = s->ink ? s->lib_gen : 0;
        return 0;
    }
    mr_frame *ink;
    int x = 0, y = 0;
    if (blend_images(s, img, &ink, &x, &y, err) < 0) {
        s->last_now = -1;
        return -1;
    }
    s->draws++;
    mr_frame_unref(s->ink);
    s->ink = ink;
    s->x = x;
    s->y = y;
    s->lib_gen++;
    s->gen = ink ? s->lib_gen : 0;
    return 0;
}

/* A new transparent w x h picture where ev works, or NULL (ev->err set). */
static mr_frame *transparent(const mr_subs *s, mr_eval *ev)
{
    mr_frame *f = mr_k_new(ev, s->w, s->h);
    if (f && mr_k_fill(ev, f, 0) < 0) {
        mr_frame_unref(f);
        return NULL;
    }
    return f;
}

/* The whole picture of the current ink on the host: transparent around it. */
static mr_frame *full_host(const mr_subs *s, mr_err *err)
{
    mr_frame *f = mr_frame_new(s->w, s->h, err);
    if (!f)
        return NULL;
    for (int y = 0; y < f->h; y++) {
        uint8_t *row = mr_frame_row(f, y);
        memset(row, 0, (size_t)f->w * 4);
        if (y >= s->y && y < s->y + s->ink->h)
            memcpy(row + 4 * s->x, mr_frame_row(s->ink, y - s->y), (size_t)s->ink->w * 4);
    }
    f->opaque = false;
    mr_frame_set_ink(f, s->x, s->y, s->ink->w, s->ink->h); /* compose draws the line alone */
    return f;
}

/* The picture to hand out for the current state in slot k (full or ink): kept in the slot
 * and made (host) or uploaded (GPU) when the state changed, or for another lane. NULL with
 * ev->err set. */
static mr_frame *slot_picture(mr_subs *s, mr_eval *ev, int k, bool full)
{
    sub_slot *sl = &s->slot[k];
    if (s->gen == 0) {
        if (sl->empty && !mr_frame_usable(sl->empty, ev->gpu)) { /* made on another lane */
            mr_frame_unref(sl->empty);
            sl->empty = NULL;
        }
        if (!sl->empty && (sl->empty = transparent(s, ev)))
            mr_frame_set_ink(sl->empty, 0, 0, 0, 0); /* compose draws nothing of it */
        return mr_frame_ref(sl->empty);
    }
    unsigned long *gen = full ? &sl->full_gen : &sl->ink_gen;
    mr_frame **keep = full ? &sl->full : &sl->ink;
    if (*gen != s->gen || (*keep && !mr_frame_usable(*keep, ev->gpu))) {
        mr_frame *f = NULL;
        if (k == 0)
            f = full ? full_host(s, ev->err) : mr_frame_ref(s->ink);
        else if ((f = slot_picture(s, ev, 0, full)) && mr_k_to_device(ev, &f) < 0) {
            mr_frame_unref(f);
            f = NULL;
        }
        if (!f)
            return NULL;
        mr_frame_unref(*keep);
        *keep = f;
        *gen = s->gen;
    }
    return mr_frame_ref(*keep);
}

int mr_subs_picture(mr_subs *s, double t, mr_eval *ev, bool full, mr_frame **out, int *x, int *y)
{
    long long now = (long long)floor(t * 1000 + 1e-3);
    pthread_mutex_lock(&s->lock);
    int ret = 0;
    *out = NULL;
    if (now != s->last_now)
        ret = update(s, now, ev->err);
    if (ret == 0 && (full || s->gen)) {
        *out = slot_picture(s, ev, ev->gpu != NULL, full);
        ret = *out ? 0 : -1;
    }
    *x = full || !s->gen ? 0 : s->x;
    *y = full || !s->gen ? 0 : s->y;
    pthread_mutex_unlock(&s->lock);
    return ret;
}
