/* pos.c: placement arithmetic and names. */
#include "engine/ops/pos.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine/ops/curve.h"

/* One coordinate of the corner: centred on whole pixels (as ever), offsets as they are. */
static double resolve_axis(mr_edge e, double off, bool frac, int W, int w)
{
    if (frac) /* a layout's fraction: on whole pixels, as "center" is */
        off = round(off * W);
    switch (e) {
    case MR_EDGE_CENTER: return (W - w) / 2 + off;
    case MR_EDGE_END: return W - w - off;
    default: return off;
    }
}

int mr_pos_resolve(const mr_pos *p, int W, int H, int w, int h, double t, double *x, double *y, mr_err *err)
{
    double ox = p->x, oy = p->y;
    if (p->curve) {
        double v[MR_CURVE_DIM];
        if (mr_curve_eval(p->curve, t, v, err) < 0)
            return -1;
        ox = v[0];
        oy = v[1];
    } else if (p->dur > 0) {
        double k = (t - p->t0) / p->dur;
        k = k < 0 ? 0 : k > 1 ? 1 : k;
        if (p->ease_out)
            k = 1 - (1 - k) * (1 - k);
        ox += (p->x1 - p->x) * k;
        oy += (p->y1 - p->y) * k;
    }
    *x = resolve_axis(p->ex, ox, p->xfrac, W, w);
    *y = resolve_axis(p->ey, oy, p->yfrac, H, h);
    return 0;
}

bool mr_edge_parse(const char *name, bool horizontal, mr_edge *out)
{
    if (strcmp(name, "center") == 0 || strcmp(name, "centre") == 0 || strcmp(name, "middle") == 0) {
        *out = MR_EDGE_CENTER;
        return true;
    }
    if (strcmp(name, horizontal ? "left" : "top") == 0) {
        *out = MR_EDGE_START;
        return true;
    }
    if (strcmp(name, horizontal ? "right" : "bottom") == 0) {
        *out = MR_EDGE_END;
        return true;
    }
    return false;
}

static void describe_axis(mr_edge e, double off, bool frac, bool horizontal, char *buf, size_t n)
{
    static const char *names[2][3] = {{"top", "center", "bottom"}, {"left", "center", "right"}};
    if (frac)
        snprintf(buf, n, "%s%+g%%", names[horizontal][e], (e == MR_EDGE_END ? -off : off) * 100);
    else if (off == 0)
        snprintf(buf, n, "%s", names[horizontal][e]);
    else /* offsets point inwards from an end edge */
        snprintf(buf, n, "%s%+g", names[horizontal][e], e == MR_EDGE_END ? -off : off);
}

void mr_pos_describe(const mr_pos *p, char *buf, size_t n)
{
    char a[48], b[48];
    if (p->curve) {
        snprintf(buf, n, "moving (curve)");
        return;
    }
    if (p->ex == MR_EDGE_START && p->ey == MR_EDGE_START && !p->xfrac && !p->yfrac) {
        int k = snprintf(buf, n, "%g, %g", p->x, p->y);
        if (p->dur > 0 && k > 0 && (size_t)k < n)
            snprintf(buf + k, n - k, " to %g, %g in %g s", p->x1, p->y1, p->dur);
        return;
    }
    describe_axis(p->ex, p->x, p->xfrac, true, a, sizeof a);
    describe_axis(p->ey, p->y, p->yfrac, false, b, sizeof b);
    int k = snprintf(buf, n, "%s, %s", a, b);
    if (p->dur > 0 && k > 0 && (size_t)k < n)
        snprintf(buf + k, n - k, " to %g, %g in %g s", p->x1, p->y1, p->dur);
}
