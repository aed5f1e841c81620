/* fx.c: applying effect values to clips. */
#include "engine/fx.h"

#include <math.h>
#include <stdio.h>
#include "engine/ops.h"

/* Resize dimensions for a clip of w x h. Returns 0 or -1 with err set. */
static int resize_dims(const mr_fx *fx, const mr_clip *c, int *w, int *h, mr_err *err)
{
    if (!c->has_video)
        return mr_err_set(err, "resize: the clip has no picture");
    double W, H;
    switch (fx->mode) {
    case MR_RESIZE_SCALE: W = c->w * fx->v[0]; H = c->h * fx->v[0]; break;
    case MR_RESIZE_W: W = fx->v[0]; H = fx->v[0] * c->h / c->w; break;
    case MR_RESIZE_H: H = fx->v[0]; W = fx->v[0] * c->w / c->h; break;
    default: W = fx->v[0]; H = fx->v[1]; break;
    }
    if (!(W >= 0.5 && H >= 0.5 && W < 16384.5 && H < 16384.5))
        return mr_err_set(err, "resize: %gx%g is not a picture size (1..16384)", W, H);
    *w = (int)lround(W);
    *h = (int)lround(H);
    return 0;
}

mr_clip *mr_fx_apply(const mr_fx *fx, mr_clip *c, mr_err *err)
{
    int w = 0, h = 0;
    switch (fx->kind) {
    case MR_FX_FADEIN: return mr_clip_fadein(c, fx->v[0], fx->has_color ? &fx->color : NULL, err);
    case MR_FX_FADEOUT: return mr_clip_fadeout(c, fx->v[0], fx->has_color ? &fx->color : NULL, err);
    case MR_FX_OPACITY: return mr_clip_opacity(c, fx->v[0], err);
    case MR_FX_VOLUME: return mr_clip_volume(c, fx->v[0], err);
    case MR_FX_RESIZE:
        if (resize_dims(fx, c, &w, &h, err) < 0)
            return NULL;
        return mr_clip_resize(c, w, h, err);
    case MR_FX_CROP:
        return mr_clip_crop(c, (int)fx->v[0], (int)fx->v[1], (int)fx->v[2], (int)fx->v[3], err);
    }
    mr_err_set(err, "unknown effect");
    return NULL;
}

void mr_fx_describe(const mr_fx *fx, char *buf, size_t n)
{
    switch (fx->kind) {
    case MR_FX_FADEIN:
    case MR_FX_FADEOUT:
        if (fx->has_color)
            snprintf(buf, n, "%s %g s %s #%02x%02x%02x", fx->kind == MR_FX_FADEIN ? "fadein" : "fadeout", fx->v[0],
                     fx->kind == MR_FX_FADEIN ? "from" : "to", fx->color.r, fx->color.g, fx->color.b);
        else
            snprintf(buf, n, "%s %g s", fx->kind == MR_FX_FADEIN ? "fadein" : "fadeout", fx->v[0]);
        break;
    case MR_FX_OPACITY: snprintf(buf, n, "opacity %g", fx->v[0]); break;
    case MR_FX_VOLUME: snprintf(buf, n, "volume %g", fx->v[0]); break;
    case MR_FX_CROP: snprintf(buf, n, "crop %gx%g at %g,%g", fx->v[2], fx->v[3], fx->v[0], fx->v[1]); break;
    case MR_FX_RESIZE:
        switch (fx->mode) {
        case MR_RESIZE_SCALE: snprintf(buf, n, "resize %gx", fx->v[0]); break;
        case MR_RESIZE_W: snprintf(buf, n, "resize to width %g", fx->v[0]); break;
        case MR_RESIZE_H: snprintf(buf, n, "resize to height %g", fx->v[0]); break;
        default: snprintf(buf, n, "resize to %gx%g", fx->v[0], fx->v[1]); break;
        }
        break;
    }
}
