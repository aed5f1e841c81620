/* color_build.c: the colour effects' parameters, built on the host in double precision and
 * handed to the integer kernel as tables and a fixed-point matrix (color_build.h). */
#include "engine/ops/color_build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* BT.709's luma weights, as the keys use them. */
static const double LR = 0.2126, LG = 0.7152, LB = 0.0722;

/* x (0..1 scale) as an 8-bit value, rounded (halves up, past the doubles' noise) and kept
 * inside 0..255 (NaN: 0). */
static uint8_t to8(double x)
{
    x = x * 255 + 0.5 + 1e-9;
    return x >= 255 ? 255 : x > 0 ? (uint8_t)x : 0;
}

static double unit(double v) { return v > 0 ? (v < 1 ? v : 1) : 0; }

void mr_color_identity(mr_color_params *k)
{
    memset(k, 0, sizeof *k);
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 256; v++)
            k->pre[c][v] = k->post[c][v] = (uint8_t)v;
    for (int i = 0; i < 3; i++)
        k->m[i][i] = MR_COLOR_ONE;
}

bool mr_color_is_identity(const mr_color_params *k)
{
    if (k->use_matrix)
        return false;
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 256; v++)
            if (k->pre[c][v] != v || k->post[c][v] != v)
                return false;
    return true;
}

/* The same table for the three channels before the matrix, f(v / 255) for each value. */
static void pre_all(mr_color_params *k, double (*f)(double x, const double *a), const double *a)
{
    mr_color_identity(k);
    for (int v = 0; v < 256; v++)
        k->pre[0][v] = k->pre[1][v] = k->pre[2][v] = to8(f(v / 255.0, a));
}

/* The matrix m (row-major 3x3, offsets 0) in the kernel's fixed point; skipped when it is
 * the identity there. */
static void set_matrix(mr_color_params *k, const double m[3][3])
{
    mr_color_identity(k);
    bool ident = true;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double q = round(m[i][j] * MR_COLOR_ONE);
            q = q > MR_COLOR_COEF_MAX ? MR_COLOR_COEF_MAX : q < -MR_COLOR_COEF_MAX ? -MR_COLOR_COEF_MAX : q;
            k->m[i][j] = isnan(q) ? 0 : (int32_t)q;
            ident = ident && k->m[i][j] == (i == j ? MR_COLOR_ONE : 0);
        }
    k->use_matrix = !ident;
}

/* A diagonal matrix of gains g[3]. */
static void set_gains(mr_color_params *k, const double g[3])
{
    const double m[3][3] = {{g[0], 0, 0}, {0, g[1], 0}, {0, 0, g[2]}};
    set_matrix(k, m);
}

static double f_brightness(double x, const double *a) { return x + a[0]; }
static double f_contrast(double x, const double *a) { return (x - 0.5) * a[0] + 0.5; }
static double f_gamma(double x, const double *a) { return pow(x, 1 / a[0]); }

/* sRGB's transfer curve, both ways. */
static double srgb_to_linear(double c) { return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4); }
static double linear_to_srgb(double l) { return l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055; }
static double f_exposure(double x, const double *a)
{
    double l = srgb_to_linear(x) * a[0];
    return linear_to_srgb(l < 1 ? l : 1);
}

void mr_color_brightness(mr_color_params *k, double v)
{
    double a = v < -1 ? -1 : v > 1 ? 1 : v;
    pre_all(k, f_brightness, &a);
}

void mr_color_contrast(mr_color_params *k, double f)
{
    double a = f > 0 ? f : 0;
    pre_all(k, f_contrast, &a);
}

void mr_color_gamma(mr_color_params *k, double g)
{
    double a = g < 0.01 ? 0.01 : g > 100 ? 100 : g;
    pre_all(k, f_gamma, &a);
}

void mr_color_exposure(mr_color_params *k, double stops)
{
    double a = exp2(stops < -20 ? -20 : stops > 20 ? 20 : stops);
    pre_all(k, f_exposure, &a);
}

static double f_levels(double x, const double *a)
{
    double lo = a[0], hi = a[1];
    x = hi > lo ? unit((x - lo) / (hi - lo)) : x >= lo; /* an empty input range: a step at lo */
    return a[2] + pow(x, 1 / a[4]) * (a[3] - a[2]);
}

void mr_color_levels(mr_color_params *k, double in_lo, double in_hi, double out_lo, double out_hi, double gamma)
{
    double a[5] = {unit(in_lo), unit(in_hi), unit(out_lo), unit(out_hi), gamma < 0.01 ? 0.01 : gamma};
    pre_all(k, f_levels, a);
}

void mr_color_invert(mr_color_params *k)
{
    mr_color_identity(k);
    for (int v = 0; v < 256; v++)
        k->pre[0][v] = k->pre[1][v] = k->pre[2][v] = (uint8_t)(255 - v);
}

void mr_color_multiply(mr_color_params *k, double f)
{
    mr_color_identity(k);
    f = f > 0 ? f : 0;
    for (int v = 0; v < 256; v++) {
        double x = floor(f * v); /* numpy's astype("uint8") of min(255, f * frame): truncated */
        k->pre[0][v] = k->pre[1][v] = k->pre[2][v] = x >= 255 ? 255 : (uint8_t)x;
    }
}

void mr_color_posterize(mr_color_params *k, double levels)
{
    int n = (int)lround(levels < 2 ? 2 : levels > 256 ? 256 : levels);
    mr_color_identity(k);
    for (int v = 0; v < 256; v++) {
        int band = v * n / 256; /* n bands of equal width */
        k->pre[0][v] = k->pre[1][v] = k->pre[2][v] = (uint8_t)((band * 255 + (n - 1) / 2) / (n - 1));
    }
}

void mr_color_saturation(mr_color_params *k, double s)
{
    s = s > 0 ? (s < 30 ? s : 30) : 0;
    const double m[3][3] = {{LR + s * (1 - LR), LG * (1 - s), LB * (1 - s)},
                            {LR * (1 - s), LG + s * (1 - LG), LB * (1 - s)},
                            {LR * (1 - s), LG * (1 - s), LB + s * (1 - LB)}};
    set_matrix(k, m);
}

void mr_color_hue(mr_color_params *k, double deg)
{
    double r = fmod(deg, 360) * M_PI / 180, c = cos(r), s = sin(r);
    /* the Filter Effects spec's feColorMatrix hueRotate */
    const double m[3][3] = {
        {0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928},
        {0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283},
        {0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072}};
    set_matrix(k, m);
}

void mr_color_sepia(mr_color_params *k, double amount)
{
    double a = unit(amount), b = 1 - a;
    /* the Filter Effects spec's sepia(amount) */
    const double m[3][3] = {{0.393 + 0.607 * b, 0.769 - 0.769 * b, 0.189 - 0.189 * b},
                            {0.349 - 0.349 * b, 0.686 + 0.314 * b, 0.168 - 0.168 * b},
                            {0.272 - 0.272 * b, 0.534 - 0.534 * b, 0.131 + 0.869 * b}};
    set_matrix(k, m);
}

/* The colour of a black body at kelvin, each channel 0..1 (Tanner Helland's fit, as ffmpeg's
 * colortemperature filter). */
static void kelvin_rgb(double kelvin, double *rgb)
{
    double t = kelvin / 100;
    if (t <= 66) {
        rgb[0] = 1;
        rgb[1] = unit(0.39008157876901960784 * log(t) - 0.63184144378862745098);
    } else {
        double u = t - 60 > 0 ? t - 60 : 0;
        rgb[0] = unit(1.29293618606274509804 * pow(u, -0.1332047592));
        rgb[1] = unit(1.12989086089529411765 * pow(u, -0.0755148492));
    }
    if (t >= 66)
        rgb[2] = 1;
    else if (t <= 19)
        rgb[2] = 0;
    else
        rgb[2] = unit(0.54320678911019607843 * log(t - 10) - 1.19625408914);
}

void mr_color_temperature(mr_color_params *k, double kelvin)
{
    double at[3], white[3], g[3];
    kelvin_rgb(kelvin < 1000 ? 1000 : kelvin > 40000 ? 40000 : kelvin, at);
    kelvin_rgb(6500, white);
    for (int i = 0; i < 3; i++)
        g[i] = at[i] / white[i];
    set_gains(k, g);
}

void mr_color_tint(mr_color_params *k, mr_rgba c, double amount)
{
    double a = unit(amount);
    const double g[3] = {1 - a + a * c.r / 255.0, 1 - a + a * c.g / 255.0, 1 - a + a * c.b / 255.0};
    set_gains(k, g);
}

void mr_color_threshold(mr_color_params *k, double v)
{
    mr_color_saturation(k, 0);
    double t = unit(v) * 255;
    for (int x = 0; x < 256; x++)
        k->post[0][x] = k->post[1][x] = k->post[2][x] = x >= t - 1e-9 ? 255 : 0;
}

/* Fritsch-Carlson tangents m[0..n) of the points xy[0..n) (x strictly increasing). */
static void monotone_tangents(const double (*xy)[2], int n, double *m)
{
    double d[n > 1 ? n - 1 : 1];
    for (int i = 0; i + 1 < n; i++)
        d[i] = (xy[i + 1][1] - xy[i][1]) / (xy[i + 1][0] - xy[i][0]);
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (int i = 1; i + 1 < n; i++)
        m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
    for (int i = 0; i + 1 < n; i++) {
        if (d[i] == 0) {
            m[i] = m[i + 1] = 0;
            continue;
        }
        double a = m[i] / d[i], b = m[i + 1] / d[i], h = a * a + b * b;
        if (h > 9) {
            double t = 3 / sqrt(h);
            m[i] = t * a * d[i];
            m[i + 1] = t * b * d[i];
        }
    }
}

void mr_color_curve_table(const double (*xy)[2], int n, uint8_t table[256])
{
    double m[n > 1 ? n : 1];
    if (n >= 2)
        monotone_tangents(xy, n, m);
    int seg = 0;
    for (int v = 0; v < 256; v++) {
        double x = v / 255.0, y;
        if (n < 2 || x <= xy[0][0]) {
            y = n ? xy[0][1] : x;
        } else if (x >= xy[n - 1][0]) {
            y = xy[n - 1][1];
        } else {
            while (x > xy[seg + 1][0])
                seg++;
            double h = xy[seg + 1][0] - xy[seg][0], t = (x - xy[seg][0]) / h, t2 = t * t, t3 = t2 * t;
            y = (2 * t3 - 3 * t2 + 1) * xy[seg][1] + (t3 - 2 * t2 + t) * h * m[seg] + (-2 * t3 + 3 * t2) * xy[seg + 1][1] +
                (t3 - t2) * h * m[seg + 1];
        }
        table[v] = to8(y);
    }
}
