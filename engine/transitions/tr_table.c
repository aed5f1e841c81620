/* tr_table.c: every transition, one descriptor each (name, doc, example, parameters, frame
 * function), in the order the reference lists them. The Lua constructors, their argument
 * checks, `moonreel help ops`, the stubs and the docs all read this table. */
#include <math.h>
#include "engine/transitions/tr_frames.h"

#define N(params) ((int)(sizeof(params) / sizeof(params)[0]))
#define DIRECTION(doc) {"direction", MR_P_ENUM, true, false, 0, 0, 0, MR_TR_DIRECTIONS, doc}
#define SOFTNESS(doc) {"softness", MR_P_NUMBER, true, false, 0, 1, 0, NULL, doc}

static const mr_param_desc plain[] = {MR_TR_D, MR_TR_OPTIONS};
static const mr_param_desc fade_through[] = {
    {"color", MR_P_COLOR, true, false, 0, 0, 0, NULL, "the colour between them (default black)"},
    MR_TR_D, MR_TR_OPTIONS};
static const mr_param_desc wipe[] = {
    DIRECTION("the way the edge moves (\"left\": b comes in from the right)"), MR_TR_D,
    SOFTNESS("how soft the edge is: a fraction of the picture (0: one pixel)"), MR_TR_OPTIONS};
static const mr_param_desc moving[] = {DIRECTION("the way the pictures move"), MR_TR_D, MR_TR_OPTIONS};
static const mr_param_desc iris[] = {
    MR_TR_D, SOFTNESS("how soft the circle's edge is: a fraction of its largest radius (0: one pixel)"),
    MR_TR_OPTIONS};
static const mr_param_desc dissolve[] = {
    MR_TR_D, {"seed", MR_P_INT, true, false, 0, 2147483647, 0, NULL, "which random pattern"}, MR_TR_OPTIONS};
static const mr_param_desc blinds[] = {
    DIRECTION("the way each slat's edge moves"), MR_TR_D,
    {"count", MR_P_INT, true, false, 1, 200, 10, NULL, "how many slats"}, MR_TR_OPTIONS};
static const mr_param_desc luma[] = {
    {"image", MR_P_MASK, false, false, 0, 0, 0, NULL,
     "a grey picture (a clip: its luma; or a mask), scaled to the concat's size: b comes in where it is "
     "dark first, where it is white last"},
    {"softness", MR_P_NUMBER, true, false, 0, 1, 0.1, NULL, "how many greys the edge spans, 0 .. 1 (0: hard)"},
    MR_TR_D, MR_TR_OPTIONS};

const mr_transition_desc mr_transition_table[] = {
    {{"crossfade", "a dissolves into b: the two pictures mixed, b's share growing (a plain dissolve)",
      "local movie = concat{a, b, transition = crossfade(1)}", plain, N(plain)}, mr_tr_crossfade},
    {{"fade_through", "a fades to a colour (black unless given), then b fades in from it (a dip)",
      "local movie = concat{a, fade_through(\"white\", 1.5), b}", fade_through, N(fade_through)}, mr_tr_fade_through},
    {{"wipe", "an edge crosses the picture, b behind it", "local movie = concat{a, wipe(\"left\", 0.5), b}", wipe,
      N(wipe)}, mr_tr_wipe},
    {{"slide", "b slides in over a, which stays still", "local movie = concat{a, slide(\"up\", 0.8), b}", moving,
      N(moving)}, mr_tr_slide},
    {{"push", "b comes in and pushes a out, the two side by side", "local movie = concat{a, push(\"left\"), b}",
      moving, N(moving)}, mr_tr_push},
    {{"cover", "b slides in over a, which darkens under it as if in its shadow",
      "local movie = concat{a, cover(\"left\", 0.6), b}", moving, N(moving)}, mr_tr_cover},
    {{"reveal", "a slides away and uncovers b, which brightens out of its shadow",
      "local movie = concat{a, reveal(\"right\", 0.6), b}", moving, N(moving)}, mr_tr_reveal},
    {{"zoom_in", "the view zooms into a (twice as large at the end) while b dissolves in",
      "local movie = concat{a, zoom_in(0.7), b}", plain, N(plain)}, mr_tr_zoom_in},
    {{"zoom_out", "b, first seen twice as large, zooms out to its size while it dissolves in over a",
      "local movie = concat{a, zoom_out(0.7), b}", plain, N(plain)}, mr_tr_zoom_out},
    {{"circle_open", "b shows in a circle that grows from the centre (an iris opening)",
      "local movie = concat{a, circle_open(1), b}", iris, N(iris)}, mr_tr_circle_open},
    {{"circle_close", "a shows in a circle that shrinks into the centre, b around it (an iris closing)",
      "local movie = concat{a, circle_close(1, 0.05), b}", iris, N(iris)}, mr_tr_circle_close},
    {{"dissolve", "b appears pixel by pixel in random order (noise)", "local movie = concat{a, dissolve(1), b}",
      dissolve, N(dissolve)}, mr_tr_dissolve},
    {{"pixelize", "both pictures break into blocks that grow to the middle, where a gives way to b, then shrink",
      "local movie = concat{a, pixelize(1), b}", plain, N(plain)}, mr_tr_pixelize},
    {{"radial", "a clock hand sweeps round from 12 o'clock, b behind it (a clock wipe)",
      "local movie = concat{a, radial(1.2), b}", plain, N(plain)}, mr_tr_radial},
    {{"blinds", "slats across the picture, each wiped at once (venetian blinds)",
      "local movie = concat{a, blinds(\"down\", 1, 8), b}", blinds, N(blinds)}, mr_tr_blinds},
    {{"luma", "a grey picture drives the wipe: b comes in where it is darkest first (MLT's luma wipes)",
      "local movie = concat{a, luma(image(\"wipe.png\"), 0.1, 1.5), b}", luma, N(luma)}, mr_tr_luma},
    {{"custom", "your own: fn(a, b, progress, t) returns a clip made from a and b (the overlap's last and "
      "first seconds, the concat's size) by the other operations; progress is a curve from 0 to 1 (eased), "
      "t one of the seconds from 0 to d; it is called once, when the concat is built",
      "local iris = transition.custom(function(a, b, p) return compose{a, b:mask(mask.circle(960, 540, p * 1100))} "
      "end, 1)", plain, N(plain)}, NULL},
    {{NULL}, NULL},
};
