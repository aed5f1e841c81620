/* test_shape.c: the coverage of shapes and the colours of gradients on the CPU
 * (engine/kernels/k_shape.h): values at chosen pixels against the formulas (inside, outside,
 * half on an edge, a rounded corner's cut, a circle, triangles and concave polygons by the
 * nonzero rule, ramps), the area of a circle, symmetry, determinism, and the CPU loop's spans
 * against mr_shape_coverage computed at every pixel for many random shapes. */
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include "engine/core/eval.h"
#include "engine/kernels/k_shape.h"
#include "tests/engine/check.h"

static mr_eval ev;
static mr_err err;

static uint32_t px(const mr_frame *f, int x, int y) { return ((const uint32_t *)mr_frame_row(f, y))[x]; }
static int cov(const mr_frame *f, int x, int y) { return (int)(px(f, x, y) >> 24); }

/* A new w x h frame of s's coverage (NULL on failure, said). */
static mr_frame *draw(const mr_shape_params *s, int w, int h)
{
    mr_frame *f = mr_frame_new(w, h, &err);
    if (f && mr_k_shape(&ev, f, s) < 0) {
        fprintf(stderr, "shape: %s\n", err.msg);
        mr_frame_unref(f);
        return NULL;
    }
    return f;
}

/* Whether every pixel of f is mr_shape_coverage's value in all four channels; says the first
 * that is not. */
static bool matches_formula(const mr_frame *f, const mr_shape_params *s, const char *what)
{
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++) {
            uint32_t want = mr_shape_coverage(s, x, y) * 0x01010101u;
            if (px(f, x, y) != want) {
                fprintf(stderr, "%s: pixel (%d, %d) is %08x, the formula says %08x\n", what, x, y, px(f, x, y), want);
                return false;
            }
        }
    return true;
}

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

/* The area f covers, in pixels: its coverage summed. */
static double area(const mr_frame *f)
{
    double sum = 0;
    for (int y = 0; y < f->h; y++)
        for (int x = 0; x < f->w; x++)
            sum += cov(f, x, y) / 255.0;
    return sum;
}

/* Whether two frames of one size hold the same pixels. */
static bool same_pixels(const mr_frame *a, const mr_frame *b)
{
    for (int y = 0; y < a->h; y++)
        if (memcmp(mr_frame_row(a, y), mr_frame_row(b, y), (size_t)a->w * 4))
            return false;
    return true;
}

static mr_shape_params rect(float x, float y, float w, float h, float radius)
{
    return (mr_shape_params){.kind = MR_SHAPE_RECT, .x = x, .y = y, .w = w, .h = h, .radius = radius};
}

static mr_shape_params ellipse(float cx, float cy, float rx, float ry)
{
    return (mr_shape_params){.kind = MR_SHAPE_ELLIPSE, .cx = cx, .cy = cy, .rx = rx, .ry = ry};
}

static mr_shape_params polygon(int n, const float (*p)[2])
{
    mr_shape_params s = {.kind = MR_SHAPE_POLYGON, .npoints = n};
    for (int i = 0; i < n; i++)
        s.pts[i][0] = p[i][0], s.pts[i][1] = p[i][1];
    return s;
}

static void test_rect(void)
{
    mr_shape_params s = rect(10.5f, 20, 100, 50.25f, 0);
    mr_frame *f = draw(&s, 160, 90);
    CHECK_INT(cov(f, 50, 40), 255);
    CHECK_INT(cov(f, 5, 40), 0);
    CHECK_INT(cov(f, 50, 80), 0);
    CHECK_INT(cov(f, 10, 40), 128);  /* half the pixel inside: round(127.5) */
    CHECK_INT(cov(f, 110, 40), 128); /* the right edge at 110.5 */
    CHECK_INT(cov(f, 50, 70), 64);   /* a quarter: round(63.75) */
    CHECK_INT(cov(f, 10, 70), 32);   /* the corner pixel: half of a quarter, round(31.875) */
    CHECK_INT(px(f, 50, 40), 0xffffffffu); /* premultiplied white: all four channels */
    CHECK(!f->opaque);
    CHECK(matches_formula(f, &s, "rect"));
    mr_frame_unref(f);

    /* rounded corners: the corner pixel is cut away, the arc's pixels follow the circle */
    s = rect(10, 10, 100, 60, 20);
    f = draw(&s, 130, 90);
    CHECK_INT(cov(f, 10, 10), 0);
    CHECK_INT(cov(f, 13, 13), 0);
    CHECK_INT(cov(f, 30, 10), 255); /* where the top edge is straight */
    CHECK_INT(cov(f, 10, 40), 255);
    bool arc = true;
    for (int y = 10; y < 30; y++)
        for (int x = 10; x < 30; x++) {
            double d = 20 - hypot(x + 0.5 - 30, y + 0.5 - 30);
            arc = arc && abs(cov(f, x, y) - (int)(clamp01(d + 0.5) * 255 + 0.5)) <= 1;
        }
    CHECK(arc);
    CHECK(matches_formula(f, &s, "rounded rect"));
    /* a radius over half the shorter side is clamped: a stadium */
    mr_frame_unref(f);
    s = rect(10, 10, 100, 20, 50);
    f = draw(&s, 130, 40);
    CHECK_INT(cov(f, 60, 20), 255);
    CHECK_INT(cov(f, 10, 10), 0);
    CHECK(matches_formula(f, &s, "stadium"));
    mr_frame_unref(f);

    /* empty boxes cover nothing */
    s = rect(10, 10, 0, 20, 0);
    f = draw(&s, 40, 40);
    CHECK(matches_formula(f, &s, "empty rect") && cov(f, 10, 15) == 0);
    mr_frame_unref(f);
}

static void test_ellipse(void)
{
    /* the edge through pixel centres: exactly half there */
    mr_shape_params s = ellipse(100.5f, 50.5f, 40, 20);
    mr_frame *f = draw(&s, 200, 100);
    CHECK_INT(cov(f, 100, 50), 255);
    CHECK_INT(cov(f, 140, 50), 128);
    CHECK_INT(cov(f, 100, 30), 128);
    CHECK_INT(cov(f, 60, 50), 128);
    CHECK_INT(cov(f, 145, 50), 0);
    CHECK_INT(cov(f, 140, 70), 0);
    CHECK(matches_formula(f, &s, "ellipse"));
    mr_frame_unref(f);

    /* rx = ry: a circle, whose ramp is the distance to the edge */
    s = ellipse(64.3f, 40.8f, 30, 30);
    f = draw(&s, 128, 80);
    bool circle = true;
    for (int y = 0; y < 80; y++)
        for (int x = 0; x < 128; x++) {
            double d = 30 - hypot(x + 0.5 - 64.3, y + 0.5 - 40.8);
            circle = circle && abs(cov(f, x, y) - (int)(clamp01(d + 0.5) * 255 + 0.5)) <= 1;
        }
    CHECK(circle);
    mr_frame_unref(f);

    /* the area of a circle of r = 100 is pi r^2 within 0.1 % */
    s = ellipse(160.37f, 120.61f, 100, 100);
    f = draw(&s, 320, 240);
    double sum = area(f);
    printf("circle r = 100: area %.1f, pi r^2 = %.1f\n", sum, M_PI * 1e4);
    CHECK_NEAR(sum, M_PI * 1e4, M_PI * 1e4 * 0.001);
    mr_frame_unref(f);

    /* symmetric about its centre, exactly */
    s = ellipse(80, 45, 61.3f, 27.9f);
    f = draw(&s, 160, 90);
    bool sym = true;
    for (int y = 0; y < 90; y++)
        for (int x = 0; x < 160; x++)
            sym = sym && px(f, x, y) == px(f, 159 - x, y) && px(f, x, y) == px(f, x, 89 - y);
    CHECK(sym);
    mr_frame_unref(f);
}

static void test_polygon(void)
{
    /* a right triangle: its hypotenuse x + y = 120 halves the pixels it crosses corner to corner */
    static const float tri[][2] = {{10, 10}, {110, 10}, {10, 110}};
    mr_shape_params s = polygon(3, tri);
    mr_frame *f = draw(&s, 128, 128);
    CHECK_INT(cov(f, 20, 20), 255);
    CHECK_INT(cov(f, 100, 100), 0);
    CHECK_INT(cov(f, 50, 9), 0);
    CHECK_INT(cov(f, 50, 10), 255);
    CHECK_INT(cov(f, 59, 60), 128);
    CHECK_INT(cov(f, 60, 59), 128);
    CHECK_INT(cov(f, 60, 60), 0);
    CHECK_INT(cov(f, 59, 59), 255);
    CHECK(matches_formula(f, &s, "triangle"));
    mr_frame_unref(f);

    /* the same triangle the other way round covers the same */
    static const float back[][2] = {{10, 110}, {110, 10}, {10, 10}};
    mr_shape_params r = polygon(3, back);
    mr_frame *g = draw(&r, 128, 128), *h = draw(&s, 128, 128);
    CHECK(same_pixels(g, h));
    mr_frame_unref(g);
    mr_frame_unref(h);

    /* a box as a polygon covers what the box does */
    static const float box[][2] = {{10.5f, 20}, {110.5f, 20}, {110.5f, 70.25f}, {10.5f, 70.25f}};
    s = polygon(4, box);
    mr_shape_params b = rect(10.5f, 20, 100, 50.25f, 0);
    f = draw(&s, 160, 90);
    g = draw(&b, 160, 90);
    int worst = 0;
    for (int y = 0; y < 90; y++)
        for (int x = 0; x < 160; x++)
            worst = abs(cov(f, x, y) - cov(g, x, y)) > worst ? abs(cov(f, x, y) - cov(g, x, y)) : worst;
    CHECK_INT(worst, 0);
    mr_frame_unref(f);
    mr_frame_unref(g);

    /* concave: an L, its notch empty */
    static const float ell[][2] = {{10, 10}, {30, 10}, {30, 50}, {70, 50}, {70, 70}, {10, 70}};
    s = polygon(6, ell);
    f = draw(&s, 80, 80);
    CHECK_INT(cov(f, 20, 20), 255);
    CHECK_INT(cov(f, 50, 60), 255);
    CHECK_INT(cov(f, 50, 30), 0);
    CHECK_INT(cov(f, 75, 60), 0);
    CHECK(matches_formula(f, &s, "L"));
    mr_frame_unref(f);

    /* a pentagram crosses itself: nonzero fills the middle (even-odd would leave it empty),
     * with no seam along the inner edges */
    float star[5][2];
    for (int i = 0; i < 5; i++) {
        double a = -M_PI / 2 + i * 4 * M_PI / 5;
        star[i][0] = (float)(100 + 80 * cos(a));
        star[i][1] = (float)(100 + 80 * sin(a));
    }
    s = polygon(5, (const float (*)[2])star);
    f = draw(&s, 200, 200);
    CHECK_INT(cov(f, 100, 100), 255);
    bool full = true;
    for (int y = 85; y < 115; y++)
        for (int x = 85; x < 115; x++)
            full = full && cov(f, x, y) == 255;
    CHECK(full);
    CHECK_INT(cov(f, 5, 5), 0);
    CHECK(matches_formula(f, &s, "star"));
    mr_frame_unref(f);

    /* a circle of 256 points: its area is the polygon's */
    mr_shape_params c = {.kind = MR_SHAPE_POLYGON, .npoints = MR_SHAPE_MAX_POINTS};
    for (int i = 0; i < MR_SHAPE_MAX_POINTS; i++) {
        c.pts[i][0] = (float)(160.2 + 100 * cos(2 * M_PI * i / MR_SHAPE_MAX_POINTS));
        c.pts[i][1] = (float)(120.7 + 100 * sin(2 * M_PI * i / MR_SHAPE_MAX_POINTS));
    }
    f = draw(&c, 320, 240);
    double want = 0.5 * MR_SHAPE_MAX_POINTS * 1e4 * sin(2 * M_PI / MR_SHAPE_MAX_POINTS);
    CHECK_NEAR(area(f), want, want * 0.0005);
    CHECK(matches_formula(f, &c, "256-gon"));
    mr_frame_unref(f);
}

static void test_ramps(void)
{
    mr_shape_params s = {.kind = MR_SHAPE_LINEAR, .p1 = {0.5f, 10}, .p2 = {100.5f, 10}};
    mr_frame *f = draw(&s, 120, 20);
    CHECK_INT(cov(f, 0, 3), 0);
    CHECK_INT(cov(f, 50, 7), 128);
    CHECK_INT(cov(f, 25, 7), 64);
    CHECK_INT(cov(f, 100, 19), 255);
    CHECK_INT(cov(f, 115, 0), 255);
    CHECK(matches_formula(f, &s, "linear"));
    mr_frame_unref(f);

    /* along a diagonal: the same value across each line perpendicular to it */
    s = (mr_shape_params){.kind = MR_SHAPE_LINEAR, .p1 = {0, 0}, .p2 = {64, 64}};
    f = draw(&s, 64, 64);
    CHECK(cov(f, 10, 20) == cov(f, 20, 10) && cov(f, 0, 63) == cov(f, 63, 0));
    CHECK_INT(cov(f, 31, 32), 128);
    mr_frame_unref(f);

    s = (mr_shape_params){.kind = MR_SHAPE_RADIAL, .cx = 100.5f, .cy = 100.5f, .r = 60, .inner = 20};
    f = draw(&s, 200, 200);
    CHECK_INT(cov(f, 100, 100), 255);
    CHECK_INT(cov(f, 115, 100), 255); /* within inner */
    CHECK_INT(cov(f, 140, 100), 128); /* halfway from 20 to 60 */
    CHECK_INT(cov(f, 160, 100), 0);
    CHECK_INT(cov(f, 100, 190), 0);
    CHECK(matches_formula(f, &s, "radial"));
    mr_frame_unref(f);
}

/* The CPU loop's spans against the formula at every pixel, for random shapes of every kind. */
static void test_spans(void)
{
    srand(7);
    bool all = true;
    for (int i = 0; i < 120 && all; i++) {
        mr_shape_params s = {.kind = (mr_shape_kind)(i % 5)};
        double u[8];
        for (int k = 0; k < 8; k++)
            u[k] = rand() / (double)RAND_MAX;
        s.x = (float)(u[0] * 200 - 40), s.y = (float)(u[1] * 120 - 20), s.w = (float)(u[2] * 180);
        s.h = (float)(u[3] * 100), s.radius = (float)(u[4] * 40);
        s.cx = (float)(u[0] * 240 - 20), s.cy = (float)(u[1] * 140 - 20);
        s.rx = (float)(0.3 + u[2] * u[2] * 150), s.ry = (float)(0.3 + u[3] * u[3] * 90);
        s.r = (float)(u[4] * 120), s.inner = (float)(u[5] * u[4] * 120);
        s.p1[0] = (float)(u[0] * 200), s.p1[1] = (float)(u[1] * 120), s.p2[0] = (float)(u[5] * 200);
        s.p2[1] = (float)(u[6] * 120);
        s.npoints = 3 + (int)(u[7] * 30);
        for (int k = 0; k < s.npoints; k++) /* a wandering star: concave, crossing itself */
            s.pts[k][0] = (float)(100 + rand() % 2400 / 10.0 - 120), s.pts[k][1] = (float)(60 + rand() % 1400 / 10.0 - 70);
        mr_frame *f = draw(&s, 200, 120);
        char what[32];
        snprintf(what, sizeof what, "random shape %d", i);
        all = f && matches_formula(f, &s, what);
        mr_frame_unref(f);
    }
    CHECK(all);
}

/* The CPU time drawing s (a gradient with g) into f takes: the best of 5, in ms (the machine
 * may be busy). */
static double cpu_ms(mr_frame *f, const mr_shape_params *s, const mr_gradient_stops *g)
{
    double best = 1e9;
    for (int i = 0; i < 5; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        CHECK((g ? mr_k_gradient(&ev, f, s, g) : mr_k_shape(&ev, f, s)) == 0);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
        best = ms < best ? ms : best;
    }
    return best;
}

/* Twice the same frame; and a 1080p draw of each kind timed (said, not checked). */
static void test_determinism_and_speed(void)
{
    static const float tri[][2] = {{300, 100}, {1700, 200}, {900, 1000}, {600, 500}};
    mr_shape_params shapes[5] = {rect(200.3f, 150.7f, 1500, 800, 120), ellipse(960, 540, 700.5f, 400.25f),
                                 polygon(4, tri),
                                 {.kind = MR_SHAPE_LINEAR, .p1 = {100, 100}, .p2 = {1800, 900}},
                                 {.kind = MR_SHAPE_RADIAL, .cx = 900, .cy = 500, .r = 600, .inner = 100}};
    static const char *const names[] = {"rect", "ellipse", "polygon", "linear", "radial"};
    mr_frame *warm = draw(&shapes[0], 1920, 1080); /* the pages of a 1080p frame, touched */
    for (int k = 0; k < 5; k++) {
        double best = cpu_ms(warm, &shapes[k], NULL);
        mr_frame *b = draw(&shapes[k], 1920, 1080);
        CHECK(b && same_pixels(warm, b));
        printf("1080p %s: %.2f ms on the CPU\n", names[k], best);
        mr_frame_unref(b);
    }
    mr_frame_unref(warm);
}

/* Straight colour c as premultiplied float stop i. */
static void stop(mr_gradient_stops *g, int i, float pos, float r, float gr, float b, float a)
{
    g->pos[i] = pos;
    g->rgba[i][0] = r * a / 255, g->rgba[i][1] = gr * a / 255, g->rgba[i][2] = b * a / 255, g->rgba[i][3] = a;
}

static void test_gradient(void)
{
    mr_shape_params s = {.kind = MR_SHAPE_LINEAR, .p1 = {0.5f, 0}, .p2 = {100.5f, 0}};
    mr_gradient_stops g = {.n = 3};
    stop(&g, 0, 0, 255, 0, 0, 255);
    stop(&g, 1, 0.5f, 0, 255, 0, 128);
    stop(&g, 2, 1, 0, 0, 255, 255);
    mr_frame *f = mr_frame_new(120, 4, &err);
    CHECK(mr_k_gradient(&ev, f, &s, &g) == 0);
    CHECK_INT(px(f, 0, 0), 0xff0000ffu);  /* red at p1 */
    CHECK_INT(px(f, 50, 1), 0x80008000u); /* the middle stop, premultiplied: (0, 128, 0, 128) */
    CHECK_INT(px(f, 100, 2), 0xffff0000u); /* blue at p2 */
    CHECK_INT(px(f, 110, 3), 0xffff0000u); /* and past it */
    /* a quarter: halfway between red and the half-transparent green, in premultiplied space */
    CHECK_INT(px(f, 25, 0), 0xc0004080u); /* (127.5, 64, 0, 191.5) */
    CHECK(!f->opaque);
    bool exact = true;
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 120; x++)
            exact = exact && px(f, x, y) == mr_gradient_pixel(&s, &g, x, y);
    CHECK(exact);

    /* opaque stops make an opaque frame; a radial one colours outward from the centre */
    mr_gradient_stops bw = {.n = 2};
    stop(&bw, 0, 0, 255, 255, 255, 255);
    stop(&bw, 1, 1, 0, 0, 0, 255);
    s = (mr_shape_params){.kind = MR_SHAPE_RADIAL, .cx = 60.5f, .cy = 1.5f, .r = 50, .inner = 10};
    CHECK(mr_k_gradient(&ev, f, &s, &bw) == 0);
    CHECK(f->opaque);
    CHECK_INT(px(f, 60, 1), 0xffffffffu);
    CHECK_INT(px(f, 90, 1) & 255, 128); /* 30 out: halfway from 10 to 50 */
    CHECK_INT(px(f, 115, 1), 0xff000000u);

    /* misuse is refused, not drawn */
    s.kind = MR_SHAPE_ELLIPSE;
    CHECK(mr_k_gradient(&ev, f, &s, &bw) < 0);
    s.kind = MR_SHAPE_RADIAL;
    bw.pos[0] = 0.7f;
    bw.pos[1] = 0.3f;
    CHECK(mr_k_gradient(&ev, f, &s, &bw) < 0);
    CHECK_STR(err.msg, "in order");
    /* a 1080p gradient of each kind timed (said, not checked) */
    mr_frame *big = mr_frame_new(1920, 1080, &err);
    mr_shape_params ramps[3] = {{.kind = MR_SHAPE_LINEAR, .p1 = {0, 0}, .p2 = {1920, 1080}},
                                {.kind = MR_SHAPE_LINEAR, .p1 = {0, 0}, .p2 = {0, 1080}},
                                {.kind = MR_SHAPE_RADIAL, .cx = 960, .cy = 540, .r = 1101, .inner = 50}};
    static const char *const kinds[] = {"diagonal", "vertical", "radial"};
    for (int k = 0; k < 3; k++) {
        printf("1080p %s gradient: %.2f ms on the CPU\n", kinds[k], cpu_ms(big, &ramps[k], &g));
        bool exact = true;
        for (int y = 0; y < 1080; y += 7)
            for (int x = 0; x < 1920; x++)
                exact = exact && px(big, x, y) == mr_gradient_pixel(&ramps[k], &g, x, y);
        CHECK(exact);
    }
    mr_frame_unref(big);

    mr_shape_params bad = ellipse(NAN, 5, 3, 3);
    CHECK(mr_k_shape(&ev, f, &bad) < 0);
    CHECK_STR(err.msg, "finite");
    bad = (mr_shape_params){.kind = MR_SHAPE_POLYGON, .npoints = MR_SHAPE_MAX_POINTS + 1};
    CHECK(mr_k_shape(&ev, f, &bad) < 0);
    mr_frame_unref(f);
}

int main(void)
{
    mr_eval_init(&ev, &err, NULL);
    test_rect();
    test_ellipse();
    test_polygon();
    test_ramps();
    test_spans();
    test_determinism_and_speed();
    test_gradient();
    mr_eval_free(&ev);
    return CHECK_DONE();
}
