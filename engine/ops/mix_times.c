/* mix_times.c: an input's pictures at several times, mixed by weights (frame blending, echoes,
 * motion blur) with the frame-mix kernel pair. */
#include "engine/ops/time_fx.h"

#include "engine/kernels/k_frame_mix.h"
#include "engine/kernels/kernels.h"

int mr_mix_times(const mr_clip *in, const double *t, const double *w, int n, mr_eval *ev, mr_frame **out)
{
    if (n < 1 || n > MR_MIX_MAX)
        return mr_err_set(ev->err, "internal error: %d pictures to mix (1 to %d)", n, MR_MIX_MAX);
    /* the integer weights of all n first, so a picture fetched once for two times (a held
     * frame, a cached one) gives the same bits as two copies of it would */
    mr_mix_params all, k = {0};
    mr_mix_weights_make(w, n, &all);
    mr_frame *f[MR_MIX_MAX];
    int r = 0;
    for (int i = 0; i < n && r == 0; i++) {
        if (all.w[i] == 0)
            continue;
        mr_frame *g = NULL;
        if ((r = mr_clip_picture(in, t[i], ev, &g)) < 0)
            break;
        int j = 0;
        while (j < k.n && f[j] != g)
            j++;
        if (j < k.n) {
            k.w[j] += all.w[i];
            mr_frame_unref(g);
        } else {
            f[k.n] = g;
            k.w[k.n++] = all.w[i];
        }
    }
    if (r == 0 && k.n == 1) {
        *out = f[0];
        return 0;
    }
    mr_frame *dst = NULL;
    if (r == 0 && !(dst = mr_k_new(ev, f[0]->w, f[0]->h)))
        r = -1;
    if (r == 0)
        r = mr_k_frame_mix(ev, dst, (const mr_frame *const *)f, &k);
    for (int j = 0; j < k.n; j++)
        mr_frame_unref(f[j]);
    if (r < 0) {
        mr_frame_unref(dst);
        return -1;
    }
    *out = dst;
    return 0;
}
