/* test_colorconv.c: YUV <-> RGBA kernels: known values, flat-colour round trips within +-2
 * through 4:2:0, every input layout agreeing with the planar 8-bit path, and decoded
 * pictures with an alpha plane (yuva420p: libvpx's VP9 with alpha) premultiplied. */
#include <stdlib.h>
#include <libavutil/frame.h>
#include "engine/media/colorspace.h"
#include "engine/kernels/cpu/convert.h"
#include "engine/media/picture_in.h"
#include "tests/engine/check.h"

enum { W = 34, H = 18 };

static mr_frame *flat(uint8_t r, uint8_t g, uint8_t b)
{
    mr_frame *f = mr_frame_new(W, H, NULL);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = mr_frame_row(f, y) + 4 * x;
            p[0] = r; p[1] = g; p[2] = b; p[3] = 255;
        }
    return f;
}

typedef struct planes { uint8_t *y, *u, *v; mr_yuv_image img; } planes;

static planes yuv420(int w, int h)
{
    planes p;
    p.y = calloc((size_t)w * h, 1);
    p.u = calloc((size_t)(w / 2) * (h / 2), 1);
    p.v = calloc((size_t)(w / 2) * (h / 2), 1);
    p.img = (mr_yuv_image){{p.y, p.u, p.v}, {w, w / 2, w / 2}, w, h, 1, 1, 1, 0, 0};
    return p;
}

static void free_planes(planes *p) { free(p->y); free(p->u); free(p->v); }

int main(void)
{
    mr_rgb2yuv_params out = mr_rgb2yuv_params_make(MR_MATRIX_BT709, 8);
    mr_yuv2rgb_params in = mr_yuv2rgb_params_make(MR_MATRIX_BT709, false, 8);

    /* black, white and red in BT.709 limited range */
    struct { uint8_t r, g, b, y, u, v; } known[] = {
        {0, 0, 0, 16, 128, 128}, {255, 255, 255, 235, 128, 128}, {255, 0, 0, 63, 102, 240}};
    for (int i = 0; i < 3; i++) {
        mr_frame *f = flat(known[i].r, known[i].g, known[i].b);
        planes p = yuv420(W, H);
        mr_cpu_rgba_to_yuv420(f, &out, &p.img, 0, H);
        CHECK_NEAR(p.y[5], known[i].y, 1);
        CHECK_NEAR(p.u[3], known[i].u, 1);
        CHECK_NEAR(p.v[3], known[i].v, 1);
        free_planes(&p);
        mr_frame_unref(f);
    }

    /* flat colours survive RGB -> 4:2:0 -> RGB within +-2, for every matrix and both ranges in */
    int worst = 0;
    for (int m = 0; m < 3; m++) {
        mr_rgb2yuv_params o = mr_rgb2yuv_params_make((mr_matrix)m, 8);
        mr_yuv2rgb_params k = mr_yuv2rgb_params_make((mr_matrix)m, false, 8);
        for (int c = 0; c < 512; c++) {
            uint8_t r = (uint8_t)(c * 37), g = (uint8_t)(c * 91 + 13), b = (uint8_t)(c * 53 + 101);
            mr_frame *f = flat(r, g, b), *back = mr_frame_new(W, H, NULL);
            planes p = yuv420(W, H);
            mr_cpu_rgba_to_yuv420(f, &o, &p.img, 0, H);
            mr_cpu_yuv_to_rgba(&p.img, &k, back, 0, H);
            const uint8_t *q = mr_frame_row(back, 7) + 4 * 9;
            int d = abs(q[0] - r);
            if (abs(q[1] - g) > d) d = abs(q[1] - g);
            if (abs(q[2] - b) > d) d = abs(q[2] - b);
            if (d > worst) worst = d;
            CHECK(q[3] == 255 && back->opaque);
            free_planes(&p);
            mr_frame_unref(f);
            mr_frame_unref(back);
        }
    }
    CHECK(worst <= 2);

    /* NV12, P010 and yuv420p10 inputs give exactly what planar 8-bit gives for the same picture */
    planes p = yuv420(W, H);
    for (int i = 0; i < W * H; i++) p.y[i] = (uint8_t)(16 + (i * 7) % 220);
    for (int i = 0; i < W / 2 * H / 2; i++) { p.u[i] = (uint8_t)(40 + i * 3 % 170); p.v[i] = (uint8_t)(200 - i * 5 % 150); }
    mr_frame *ref = mr_frame_new(W, H, NULL), *got = mr_frame_new(W, H, NULL);
    mr_cpu_yuv_to_rgba(&p.img, &in, ref, 0, H);
    uint8_t *uv = malloc((size_t)W * H / 2);
    for (int i = 0; i < W / 2 * H / 2; i++) { uv[2 * i] = p.u[i]; uv[2 * i + 1] = p.v[i]; }
    mr_yuv_image nv12 = {{p.y, uv, NULL}, {W, W, 0}, W, H, 1, 1, 1, 0, 1};
    mr_cpu_yuv_to_rgba(&nv12, &in, got, 0, H);
    CHECK(memcmp(ref->data, got->data, (size_t)ref->stride * H) == 0);
    uint16_t *y16 = malloc(sizeof(uint16_t) * W * H), *uv16 = malloc(sizeof(uint16_t) * W * H / 2);
    for (int i = 0; i < W * H; i++) y16[i] = (uint16_t)(p.y[i] << 2 << 6);
    for (int i = 0; i < W * H / 2; i++) uv16[i] = (uint16_t)(uv[i] << 2 << 6);
    mr_yuv_image p010 = {{(uint8_t *)y16, (uint8_t *)uv16, NULL}, {2 * W, 2 * W, 0}, W, H, 1, 1, 2, 6, 1};
    mr_yuv2rgb_params in10 = mr_yuv2rgb_params_make(MR_MATRIX_BT709, false, 10);
    mr_cpu_yuv_to_rgba(&p010, &in10, got, 0, H);
    int maxd = 0;
    for (int i = 0; i < ref->stride * H; i++) {
        int d = abs(ref->data[i] - got->data[i]);
        if (d > maxd) maxd = d;
    }
    CHECK(maxd <= 1); /* 10-bit coefficients round differently by at most one step */

    /* odd sizes: the padded column and row repeat the picture's edge */
    mr_frame *odd = mr_frame_new(W - 1, H - 1, NULL);
    for (int y = 0; y < H - 1; y++)
        for (int x = 0; x < W - 1; x++) {
            uint8_t *q = mr_frame_row(odd, y) + 4 * x;
            q[0] = x == W - 2 ? 255 : 0; q[1] = 0; q[2] = 0; q[3] = 255;
        }
    planes o2 = yuv420(W, H);
    mr_cpu_rgba_to_yuv420(odd, &out, &o2.img, 0, H);
    CHECK_INT(o2.y[3 * W + (W - 1)], o2.y[3 * W + (W - 2)]);    /* repeated last column */
    CHECK_INT(o2.y[(H - 1) * W + 4], o2.y[(H - 2) * W + 4]);    /* repeated last row */
    CHECK_NEAR(o2.y[3 * W + (W - 2)], 63, 1);                   /* the red edge column */

    /* yuva420p: white over alpha 128 on the left, alpha 255 on the right; premultiplied into
     * the working frame, which is not opaque; with every alpha 255 it is */
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    AVFrame *av = av_frame_alloc();
    av->format = AV_PIX_FMT_YUVA420P;
    av->width = W;
    av->height = H;
    CHECK(av_frame_get_buffer(av, 0) == 0);
    for (int y = 0; y < H; y++) {
        memset(av->data[0] + y * av->linesize[0], 235, W);
        for (int x = 0; x < W; x++)
            av->data[3][y * av->linesize[3] + x] = x < W / 2 ? 128 : 255;
    }
    for (int y = 0; y < H / 2; y++) {
        memset(av->data[1] + y * av->linesize[1], 128, W / 2);
        memset(av->data[2] + y * av->linesize[2], 128, W / 2);
    }
    mr_frame *pa = NULL;
    CHECK(mr_picture_from_av(&ev, av, MR_MATRIX_BT709, false, &pa, &err) == 0);
    if (pa) {
        const uint8_t *l = mr_frame_row(pa, 5) + 4 * 3, *r = mr_frame_row(pa, 5) + 4 * (W - 3);
        CHECK(l[0] == 128 && l[1] == 128 && l[2] == 128 && l[3] == 128);
        CHECK(r[0] == 255 && r[1] == 255 && r[2] == 255 && r[3] == 255);
        CHECK(!pa->opaque);
        mr_frame_unref(pa);
        pa = NULL;
    }
    for (int y = 0; y < H; y++)
        memset(av->data[3] + y * av->linesize[3], 255, W);
    CHECK(mr_picture_from_av(&ev, av, MR_MATRIX_BT709, false, &pa, &err) == 0);
    CHECK(pa && pa->opaque);
    mr_frame_unref(pa);
    av_frame_free(&av);
    mr_eval_free(&ev);

    free(uv); free(y16); free(uv16);
    free_planes(&p); free_planes(&o2);
    mr_frame_unref(ref); mr_frame_unref(got); mr_frame_unref(odd);
    return CHECK_DONE();
}
