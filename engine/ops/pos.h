/* pos.h: where a clip goes inside a compose: its box's top-left corner, or its anchor. */
#ifndef MR_POS_H
#define MR_POS_H

#include <stdbool.h>
#include <stddef.h>
#include "engine/core/error.h"

struct mr_curve;

/* How one coordinate is measured: from the start edge (left/top), centred, or from the
 * end edge (right/bottom), with `offset` pixels inwards from that edge (for start/end) or
 * from the centre (for center). */
typedef enum { MR_EDGE_START, MR_EDGE_CENTER, MR_EDGE_END } mr_edge;

typedef struct mr_pos {
    mr_edge ex, ey;
    double x, y;        /* offsets in pixels, as above (fractions of the canvas with xfrac, yfrac) */
    /* a curve of two numbers that gives (x, y) at clip time t instead, or NULL. Borrowed: the
     * node that placed the clip (at) owns it, and every copy of this pos lives in a node
     * that holds that node */
    const struct mr_curve *curve;
    bool xfrac, yfrac;  /* x (y) is a fraction of the canvas's width (height): at("50%", ...) */
    /* The clip's anchor (clip:anchor()), as fractions of its box ((0.5, 0.5): its centre):
     * the point that rotate and scale pivot on and, for a clip anchored and placed by at(),
     * the point the place puts. Otherwise the box is placed (at 0, 0 when nobody placed it;
     * inside margin, fit and concat), and it turns and scales about its centre. */
    bool anchored;
    double ax, ay;
    bool placed;        /* the place was given by clip:at() */
} mr_pos;

/* Top-left at (0, 0): where a clip goes when nobody placed it. */
static inline mr_pos mr_pos_origin(void)
{
    return (mr_pos){MR_EDGE_START, MR_EDGE_START, 0, 0, NULL, false, false, false, 0.5, 0.5, false};
}

/* A place of pixel offsets (x, y) from the edges ex, ey, not anchored. */
static inline mr_pos mr_pos_edges(mr_edge ex, mr_edge ey, double x, double y)
{
    mr_pos p = mr_pos_origin();
    p.ex = ex;
    p.ey = ey;
    p.x = x;
    p.y = y;
    return p;
}

/* Where the top-left corner of a w x h picture placed by p on a W x H canvas goes at clip
 * time t, in pixels, not rounded (a layer at 10.5 is drawn half a pixel over): its box placed
 * by the edges, or (anchored) its anchor put on the point mr_pos_point gives. Returns 0, or
 * -1 with err set when p's curve fails at t. */
int mr_pos_resolve(const mr_pos *p, int W, int H, int w, int h, double t, double *x, double *y, mr_err *err);

/* The point of a W x H picture that p names at time t: edges with their offsets inwards,
 * "center" with its offset, fractions of the picture. Returns 0, or -1 with err set. */
int mr_pos_point(const mr_pos *p, int W, int H, double t, double *x, double *y, mr_err *err);

/* Parses an edge name: "left"/"top" (start), "center"/"middle", "right"/"bottom" (end).
 * `horizontal` says which axis it is for. Returns false for an unknown name. */
bool mr_edge_parse(const char *name, bool horizontal, mr_edge *out);

/* "right-40, top+40"-style text for tostring(). */
void mr_pos_describe(const mr_pos *p, char *buf, size_t n);

#endif
