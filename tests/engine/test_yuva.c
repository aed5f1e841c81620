/* test_yuva.c: premultiplied RGBA into YUV planes with alpha (the layouts of ProRes 4444 and
 * VP9 with alpha): BT.709 limited-range values of known colours at 8 and 10 bits, straight
 * colour from a half-transparent pixel, chroma of a block taken from its visible pixels only
 * (no dark fringe), alpha in 10 bits, and the padding of an odd size repeating the edge. */
#include <stdint.h>
#include "engine/kernels/cpu/yuva.h"
#include "engine/media/colorspace.h"
#include "tests/engine/check.h"

/* Planes of a W x H picture with chroma blocks of 1 << cx by 1 << cy, bytes a sample. */
typedef struct planes {
    uint8_t y[64 * 2], u[64 * 2], v[64 * 2], a[64 * 2];
    mr_yuva_image img;
} planes;

static void planes_init(planes *p, int W, int H, int cx, int cy, int bytes)
{
    int cw = (W + (1 << cx) - 1) >> cx;
    p->img = (mr_yuva_image){{{p->y, p->u, p->v}, {W * bytes, cw * bytes, cw * bytes}, W, H, cx, cy, bytes, 0, 0},
                             p->a, W * bytes};
}

static int at(const uint8_t *plane, int stride, int bytes, int x, int y)
{
    const uint8_t *row = plane + y * stride;
    return bytes == 1 ? row[x] : ((const uint16_t *)row)[x];
}

static void set(mr_frame *f, int x, int y, int r, int g, int b, int a)
{
    uint8_t *p = mr_frame_row(f, y) + 4 * x;
    p[0] = (uint8_t)r, p[1] = (uint8_t)g, p[2] = (uint8_t)b, p[3] = (uint8_t)a;
}

int main(void)
{
    mr_rgb2yuv_params k8 = mr_rgb2yuv_params_make(MR_MATRIX_BT709, 8), k10 = mr_rgb2yuv_params_make(MR_MATRIX_BT709, 10);
    mr_frame *f = mr_frame_new(4, 2, NULL);
    set(f, 0, 0, 255, 255, 255, 255); /* white */
    set(f, 1, 0, 0, 0, 0, 255);       /* black */
    set(f, 2, 0, 0, 0, 0, 0);         /* transparent */
    set(f, 3, 0, 128, 0, 0, 128);     /* red at half alpha, premultiplied */
    set(f, 0, 1, 255, 0, 0, 255);     /* an opaque red pixel among transparent ones */
    set(f, 1, 1, 0, 0, 0, 0);
    set(f, 2, 1, 0, 0, 0, 0);
    set(f, 3, 1, 0, 0, 0, 0);

    /* 4:4:4, 8 bits */
    planes p;
    planes_init(&p, 4, 2, 0, 0, 1);
    mr_cpu_rgba_to_yuva(f, &k8, &p.img);
    CHECK_INT(p.y[0], 235); CHECK_INT(p.u[0], 128); CHECK_INT(p.v[0], 128); CHECK_INT(p.a[0], 255);
    CHECK_INT(p.y[1], 16); CHECK_INT(p.a[1], 255);
    CHECK_INT(p.y[2], 16); CHECK_INT(p.u[2], 128); CHECK_INT(p.v[2], 128); CHECK_INT(p.a[2], 0);
    /* straight red: Y = 16 + 219 * 0.2126, V = 128 + 112 */
    CHECK_INT(p.y[3], 63); CHECK_INT(p.v[3], 240); CHECK_INT(p.a[3], 128);
    int red_u = p.u[4], red_v = p.v[4];
    CHECK_INT(red_v, 240);

    /* 4:2:0: the right block, one half-transparent red pixel and three transparent ones, is
     * red, not darkened towards black */
    planes q;
    planes_init(&q, 4, 2, 1, 1, 1);
    mr_cpu_rgba_to_yuva(f, &k8, &q.img);
    CHECK_INT(q.u[1], red_u);
    CHECK_INT(q.v[1], red_v);
    CHECK_INT(q.a[4 + 0], 255);

    /* 10 bits: white 940, black 64, alpha 128 -> 514 ((a << 2) | (a >> 6)), 255 -> 1023 */
    planes t;
    planes_init(&t, 4, 2, 0, 0, 2);
    mr_cpu_rgba_to_yuva(f, &k10, &t.img);
    CHECK_INT(at(t.y, 8, 2, 0, 0), 940);
    CHECK_INT(at(t.y, 8, 2, 1, 0), 64);
    CHECK_INT(at(t.a, 8, 2, 0, 0), 1023);
    CHECK_INT(at(t.a, 8, 2, 3, 0), 514);
    CHECK_INT(at(t.u, 8, 2, 0, 0), 512);

    /* an odd size (3 x 1) padded to 4 x 2: the edge repeats */
    mr_frame *o = mr_frame_new(3, 1, NULL);
    set(o, 0, 0, 0, 0, 0, 255);
    set(o, 1, 0, 0, 0, 0, 255);
    set(o, 2, 0, 255, 255, 255, 255);
    planes e;
    planes_init(&e, 4, 2, 1, 1, 1);
    mr_cpu_rgba_to_yuva(o, &k8, &e.img);
    CHECK_INT(e.y[3], 235);
    CHECK_INT(e.y[4 + 3], 235);
    CHECK_INT(e.y[4 + 0], 16);
    CHECK_INT(e.a[4 + 3], 255);

    mr_frame_unref(f);
    mr_frame_unref(o);
    return CHECK_DONE();
}
