/* pos.c: placement arithmetic and names. */
#include "engine/ops/pos.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine/ops/curve.h"

/* The offsets of p at t: its curve's, or its own. Returns 0, or -1 with err set. */
static int offsets_at(const mr_pos *p, double t, double *ox, double *oy, mr_err *err)
{
    *ox = p->x;
    *oy = p->y;
    if (!p->curve)
        return 0;
    double v[MR_CURVE_DIM];
    if (mr_curve_eval(p->curve, t, v, err) < 0)
        return -1;
    *ox = v[0];
    *oy = v[1];
    return 0;
}

/* One coordinate of the point an edge and offset name on a side of W pixels. Fractions and
 * the centre are on whole pixels (as ever), pixel offsets as they are. */
static double point_axis(mr_edge e, double off, bool frac, int W)
{
    if (frac)
        off = round(off * W);
    switch (e) {
    case MR_EDGE_CENTER: return W / 2 + off;
    case MR_EDGE_END: return W - off;
    default: return off;
    }
}

/* One coordinate of the corner of a box of w pixels: placed by its edges, or by its anchor
 * (at fraction a of the box, on a whole pixel) put on the point. */
static double corner_axis(mr_edge e, double off, bool frac, bool anchored, double a, int W, int w)
{
    if (anchored)
        return point_axis(e, off, frac, W) - floor(a * w + 0.5);
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
    double ox, oy;
    if (offsets_at(p, t, &ox, &oy, err) < 0)
        return -1;
    bool by_anchor = p->anchored && p->placed;
    *x = corner_axis(p->ex, ox, p->xfrac, by_anchor, p->ax, W, w);
    *y = corner_axis(p->ey, oy, p->yfrac, by_anchor, p->ay, H, h);
    return 0;
}

int mr_pos_point(const mr_pos *p, int W, int H, double t, double *x, double *y, mr_err *err)
{
    double ox, oy;
    if (offsets_at(p, t, &ox, &oy, err) < 0)
        return -1;
    *x = point_axis(p->ex, ox, p->xfrac, W);
    *y = point_axis(p->ey, oy, p->yfrac, H);
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
    char a[48], b[48], anchor[64] = "";
    if (p->anchored)
        snprintf(anchor, sizeof anchor, " (anchor %g%%, %g%%)", p->ax * 100, p->ay * 100);
    if (p->curve) {
        snprintf(buf, n, "moving (curve)%s", anchor);
        return;
    }
    if (p->ex == MR_EDGE_START && p->ey == MR_EDGE_START && !p->xfrac && !p->yfrac) {
        snprintf(buf, n, "%g, %g%s", p->x, p->y, anchor);
        return;
    }
    describe_axis(p->ex, p->x, p->xfrac, true, a, sizeof a);
    describe_axis(p->ey, p->y, p->yfrac, false, b, sizeof b);
    snprintf(buf, n, "%s, %s%s", a, b, anchor);
}
