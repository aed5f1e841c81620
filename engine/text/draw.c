/* draw.c: text pictures from placed layouts (draw.h). The stroke and the fill are coverage
 * planes (each pixel the most any glyph covers it, so touching glyphs never darken their
 * seams) coloured at the end, fill over stroke; the shadow is the text's alpha, moved and
 * blurred by three box passes; the boxes lie under both. */
#include "engine/text/draw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/kernels/kernel_params.h"
#include "engine/text/glyph_cache.h"

/* The planes a text is drawn in. */
typedef struct planes {
    int W, H;
    uint8_t *fill, *fill_col, *stroke;
    mr_frame *colour;       /* colour glyphs (emoji), premultiplied; NULL until one is drawn */
    mr_err *err;
} planes;

/* Puts coverage v (with colour index ci) at (x, y) of the plane, keeping the larger. */
static inline void put(planes *P, uint8_t *plane, int x, int y, unsigned v, int ci)
{
    size_t i = (size_t)y * P->W + x;
    if (v > plane[i]) {
        plane[i] = (uint8_t)v;
        if (plane == P->fill && P->fill_col)
            P->fill_col[i] = (uint8_t)ci;
    }
}

/* Puts premultiplied colour c (times k/255) over pixel (x, y) of the colour layer. */
static inline void put_colour(planes *P, int x, int y, const uint8_t *c, unsigned k)
{
    uint8_t *d = mr_frame_row(P->colour, y) + x * 4;
    unsigned a = mr_div255(c[3] * k), inv = 255 - a;
    for (int i = 0; i < 3; i++)
        d[i] = (uint8_t)(mr_div255(c[i] * k) + mr_div255(d[i] * inv));
    d[3] = (uint8_t)(a + mr_div255(d[3] * inv));
}

/* Draws glyph picture g with its top-left at (bx, by), coverage times k/255. */
static void blit(planes *P, uint8_t *plane, const mr_glyph_img *g, int bx, int by, unsigned k, int ci)
{
    for (int r = 0; r < g->h; r++) {
        int y = by + r;
        if (y < 0 || y >= P->H)
            continue;
        for (int c = 0; c < g->w; c++) {
            int x = bx + c;
            if (x < 0 || x >= P->W)
                continue;
            if (g->color)
                put_colour(P, x, y, g->data + ((size_t)r * g->w + c) * 4, k);
            else
                put(P, plane, x, y, k == 255 ? g->data[(size_t)r * g->w + c] : mr_div255(g->data[(size_t)r * g->w + c] * k),
                    ci);
        }
    }
}

/* Channel ch (4 channels: colour; else coverage) of g at (u, v), bilinear, 0 outside. */
static double sample(const mr_glyph_img *g, double u, double v, int ch)
{
    int x0 = (int)floor(u), y0 = (int)floor(v);
    double fx = u - x0, fy = v - y0, s = 0;
    for (int j = 0; j < 2; j++)
        for (int i = 0; i < 2; i++) {
            int x = x0 + i, y = y0 + j;
            if (x < 0 || y < 0 || x >= g->w || y >= g->h)
                continue;
            double w = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
            s += w * (g->color ? g->data[((size_t)y * g->w + x) * 4 + ch] : g->data[(size_t)y * g->w + x]);
        }
    return s;
}

/* Draws g placed at (bx, by), then moved, scaled and turned about its middle as `lk` says. */
static void blit_moved(planes *P, uint8_t *plane, const mr_glyph_img *g, int bx, int by, const mr_char_look *lk,
                       unsigned k, int ci)
{
    double cx = bx + g->w / 2.0, cy = by + g->h / 2.0, s = lk->scale > 1e-3 ? lk->scale : 1e-3;
    double a = lk->rotate * M_PI / 180, ca = cos(a), sa = sin(a);
    double ncx = cx + lk->dx, ncy = cy + lk->dy, reach = s * hypot(g->w, g->h) / 2 + 1;
    int x0 = (int)floor(ncx - reach), x1 = (int)ceil(ncx + reach), y0 = (int)floor(ncy - reach), y1 = (int)ceil(ncy + reach);
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < P->H; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < P->W; x++) {
            double px = x + 0.5 - ncx, py = y + 0.5 - ncy; /* back to the glyph's own pixels */
            double u = (ca * px + sa * py) / s + g->w / 2.0 - 0.5, v = (-sa * px + ca * py) / s + g->h / 2.0 - 0.5;
            if (u < -1 || v < -1 || u > g->w || v > g->h)
                continue;
            if (g->color) {
                uint8_t c[4];
                for (int ch = 0; ch < 4; ch++)
                    c[ch] = (uint8_t)lround(fmin(255, sample(g, u, v, ch)));
                if (c[3])
                    put_colour(P, x, y, c, k);
            } else {
                unsigned v8 = (unsigned)lround(sample(g, u, v, 0));
                if (v8)
                    put(P, plane, x, y, mr_div255(v8 * k), ci);
            }
        }
}

static bool moved(const mr_char_look *lk)
{
    return lk && (lk->scale != 1 || lk->rotate != 0 || lk->dx != floor(lk->dx) || lk->dy != floor(lk->dy));
}

/* Draws one glyph of the layout (stroke64 > 0: its stroke) at pen (x, y), 26.6. */
static int draw_glyph(planes *P, const mr_tglyph *g, int x, int y, int stroke64, const mr_char_look *lk)
{
    unsigned k = lk ? (unsigned)lround(fmax(0, fmin(1, lk->opacity)) * 255) : 255;
    if (k == 0)
        return 0;
    if (!moved(lk) && lk) /* whole-pixel moves keep the phase */
        x += (int)lk->dx * 64, y += (int)lk->dy * 64;
    mr_glyph_snap(&x, &y);
    const mr_glyph_img *img = mr_glyph_get(g->face, g->id, g->size64, stroke64, x & 63, y & 63);
    if (!img)
        return 0;
    if (!img->w) {
        mr_glyph_release(img);
        return 0;
    }
    if (img->color && !P->colour) {
        if (!(P->colour = mr_frame_new(P->W, P->H, P->err))) {
            mr_glyph_release(img);
            return -1;
        }
        memset(P->colour->data, 0, (size_t)P->colour->stride * P->H);
    }
    uint8_t *plane = stroke64 > 0 ? P->stroke : P->fill;
    int bx = (x >> 6) + img->left, by = (y >> 6) - img->top;
    if (moved(lk))
        blit_moved(P, plane, img, bx, by, lk, k, g->color);
    else
        blit(P, plane, img, bx, by, k, g->color);
    mr_glyph_release(img);
    return 0;
}

/* The coverage of a w x h rectangle at (x, y) with corners of radius r at pixel (px, py):
 * the area inside, 0..255, by 4x4 samples. */
static unsigned rect_cov(const double *b, double r, int px, int py)
{
    unsigned n = 0;
    for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
            double x = px + (i + 0.5) / 4, y = py + (j + 0.5) / 4;
            if (x < b[0] || y < b[1] || x > b[0] + b[2] || y > b[1] + b[3])
                continue;
            double cx = fmin(fmax(x, b[0] + r), b[0] + b[2] - r), cy = fmin(fmax(y, b[1] + r), b[1] + b[3] - r);
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                n++;
        }
    return n * 255 / 16;
}

/* One box-blur pass of radius r over a w x h plane, along rows (step 1) or columns. */
static void box_pass(uint8_t *a, uint8_t *tmp, int w, int h, int r, bool rows)
{
    int n = rows ? w : h, m = rows ? h : w, step = rows ? 1 : w, next = rows ? w : 1, d = 2 * r + 1;
    for (int l = 0; l < m; l++) {
        uint8_t *p = a + (size_t)l * next;
        unsigned sum = 0;
        for (int i = -r; i <= r; i++)
            sum += i >= 0 && i < n ? p[(size_t)i * step] : 0;
        for (int i = 0; i < n; i++) {
            tmp[i] = (uint8_t)((sum + d / 2) / d);
            int out = i - r, in = i + r + 1;
            sum -= out >= 0 ? p[(size_t)out * step] : 0;
            sum += in < n ? p[(size_t)in * step] : 0;
        }
        for (int i = 0; i < n; i++)
            p[(size_t)i * step] = tmp[i];
    }
}

/* Puts premultiplied pixel s (r, g, b, a) over d. */
static inline void over(uint8_t *d, unsigned r, unsigned g, unsigned b, unsigned a)
{
    unsigned inv = 255 - a;
    d[0] = (uint8_t)(r + mr_div255(d[0] * inv));
    d[1] = (uint8_t)(g + mr_div255(d[1] * inv));
    d[2] = (uint8_t)(b + mr_div255(d[2] * inv));
    d[3] = (uint8_t)(a + mr_div255(d[3] * inv));
}

/* Colours the planes into f (fill over stroke, as text has always been drawn), then the
 * colour glyphs over them. */
static void colour_text(const mr_text_pic *p, const planes *P, mr_frame *f)
{
    const mr_rgba s = p->st.stroke_color;
    for (int y = 0; y < P->H; y++) {
        uint8_t *o = mr_frame_row(f, y);
        const uint8_t *cl = P->colour ? mr_frame_row(P->colour, y) : NULL;
        for (int x = 0; x < P->W; x++, o += 4) {
            size_t i = (size_t)y * P->W + x;
            const mr_rgba c = p->palette[P->fill_col ? P->fill_col[i] : 0];
            uint32_t fa = mr_div255(P->fill[i] * c.a);
            uint32_t sa = P->stroke ? mr_div255(mr_div255(P->stroke[i] * s.a) * (255 - fa)) : 0;
            o[0] = (uint8_t)(mr_div255(c.r * fa) + mr_div255(s.r * sa));
            o[1] = (uint8_t)(mr_div255(c.g * fa) + mr_div255(s.g * sa));
            o[2] = (uint8_t)(mr_div255(c.b * fa) + mr_div255(s.b * sa));
            o[3] = (uint8_t)(fa + sa);
            if (cl && cl[x * 4 + 3])
                over(o, cl[x * 4], cl[x * 4 + 1], cl[x * 4 + 2], cl[x * 4 + 3]);
        }
    }
}

/* The boxes and the shadow under the text picture t, into f. */
static int underlay(const mr_text_pic *p, const mr_frame *t, mr_frame *f, mr_err *err)
{
    int W = p->W, H = p->H;
    memset(f->data, 0, (size_t)f->stride * H);
    if (p->nbox) {
        const mr_rgba c = p->st.box.color;
        for (int y = 0; y < H; y++) {
            uint8_t *o = mr_frame_row(f, y);
            for (int x = 0; x < W; x++) {
                unsigned cov = 0;
                for (int b = 0; b < p->nbox && cov < 255; b++) {
                    const double *r = p->box[b];
                    if (x + 1 <= r[0] || y + 1 <= r[1] || x >= r[0] + r[2] || y >= r[1] + r[3])
                        continue;
                    double rad = fmin(p->st.box.radius, fmin(r[2], r[3]) / 2);
                    unsigned v = rect_cov(r, rad, x, y);
                    cov = v > cov ? v : cov;
                }
                unsigned a = mr_div255(cov * c.a);
                o[x * 4] = (uint8_t)mr_div255(c.r * a), o[x * 4 + 1] = (uint8_t)mr_div255(c.g * a);
                o[x * 4 + 2] = (uint8_t)mr_div255(c.b * a), o[x * 4 + 3] = (uint8_t)a;
            }
        }
    }
    if (p->st.shadow.on) {
        uint8_t *a = calloc((size_t)W * H, 1), *tmp = malloc((size_t)(W > H ? W : H));
        if (!a || !tmp) {
            free(a);
            free(tmp);
            return mr_err_set(err, "out of memory drawing a text's shadow");
        }
        int dx = (int)lround(p->st.shadow.dx), dy = (int)lround(p->st.shadow.dy);
        for (int y = 0; y < H; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= H)
                continue;
            const uint8_t *row = mr_frame_row(t, sy);
            for (int x = 0; x < W; x++) {
                int sx = x - dx;
                a[(size_t)y * W + x] = sx >= 0 && sx < W ? row[sx * 4 + 3] : 0;
            }
        }
        int r = (int)lround(p->st.shadow.blur / 3);
        for (int pass = 0; r > 0 && pass < 3; pass++) {
            box_pass(a, tmp, W, H, r, true);
            box_pass(a, tmp, W, H, r, false);
        }
        const mr_rgba c = p->st.shadow.color;
        for (int y = 0; y < H; y++) {
            uint8_t *o = mr_frame_row(f, y);
            for (int x = 0; x < W; x++) {
                unsigned al = mr_div255(a[(size_t)y * W + x] * c.a);
                if (al)
                    over(o + x * 4, mr_div255(c.r * al), mr_div255(c.g * al), mr_div255(c.b * al), al);
            }
        }
        free(a);
        free(tmp);
    }
    for (int y = 0; y < H; y++) { /* the text over both */
        uint8_t *o = mr_frame_row(f, y);
        const uint8_t *s = mr_frame_row(t, y);
        for (int x = 0; x < W; x++)
            if (s[x * 4 + 3])
                over(o + x * 4, s[x * 4], s[x * 4 + 1], s[x * 4 + 2], s[x * 4 + 3]);
    }
    return 0;
}

mr_frame *mr_text_draw(const mr_text_pic *p, int visible, const mr_char_look *looks, mr_err *err)
{
    int W = p->W, H = p->H;
    bool many = false;
    for (int k = 0; k < p->L.ng; k++)
        many = many || p->L.g[k].color != 0;
    planes P = {W, H, calloc((size_t)W * H, 1), many ? calloc((size_t)W * H, 1) : NULL,
                p->st.stroke_width > 0 ? calloc((size_t)W * H, 1) : NULL, NULL, err};
    mr_frame *f = mr_frame_new(W, H, err), *t = f;
    if (f && (p->nbox || p->st.shadow.on))
        t = mr_frame_new(W, H, err);
    if (!f || !t || !P.fill || (many && !P.fill_col) || (p->st.stroke_width > 0 && !P.stroke)) {
        if (f && t)
            mr_err_set(err, "out of memory drawing text");
        goto fail;
    }
    int stroke64 = (int)lround(p->st.stroke_width * 64);
    for (int pass = P.stroke ? 0 : 1; pass < 2; pass++)
        for (int i = 0; i < p->L.nlines; i++) {
            const mr_tline *ln = &p->L.lines[i];
            for (int k = ln->first; k < ln->first + ln->count; k++) {
                const mr_tglyph *g = &p->L.g[k];
                if (visible >= 0 && g->ch >= visible)
                    continue;
                if (draw_glyph(&P, g, p->x0[i] + g->x, p->base[i] + g->y, pass == 0 ? stroke64 : 0,
                               looks ? &looks[g->ch] : NULL) < 0)
                    goto fail;
            }
        }
    colour_text(p, &P, t);
    if (t != f && underlay(p, t, f, err) < 0)
        goto fail;
    bool opaque = true;
    for (int y = 0; y < H && opaque; y++)
        for (int x = 0; x < W && opaque; x++)
            opaque = mr_frame_row(f, y)[x * 4 + 3] == 255;
    f->opaque = opaque;
    if (t != f)
        mr_frame_unref(t);
    mr_frame_unref(P.colour);
    free(P.fill), free(P.fill_col), free(P.stroke);
    return f;
fail:
    if (t != f)
        mr_frame_unref(t);
    mr_frame_unref(f);
    mr_frame_unref(P.colour);
    free(P.fill), free(P.fill_col), free(P.stroke);
    return NULL;
}
