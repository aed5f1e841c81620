/* test_lanes.c: GPU lanes (engine/gpu/gpu.h), the streams that segments render on side by
 * side: a lane has its own stream and FFmpeg device on the same GPU; its frames say so, are
 * used by no other lane (memos hand them out on their lane alone) and go back to the pool for
 * their lane alone; two lanes fill frames at once and each reads back its own; a static
 * node's picture made on one lane reads right on another at once; a lane freed
 * leaves the process's GPU working. Exit 77 (skipped) without a GPU. */
#include <stdint.h>
#include <string.h>
#include <libavutil/buffer.h>
#include "engine/core/clip.h"
#include "engine/core/memo.h"
#include "engine/gpu/gpu.h"
#include "engine/kernels/kernels.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"
#include "tests/gpu/gpu_check.h"

static mr_err err;

/* Whether every pixel of the host frame h is v. */
static bool all_are(const mr_frame *h, uint32_t v)
{
    for (int y = 0; y < h->h; y++)
        for (int x = 0; x < h->w; x++)
            if (memcmp(mr_frame_row(h, y) + 4 * x, &v, 4))
                return false;
    return true;
}

int main(void)
{
    mr_gpu *gpu = gpu_open_or_skip(&err);
    mr_gpu *a = mr_gpu_lane_new(gpu, &err), *b = mr_gpu_lane_new(gpu, &err);
    CHECK(a && b);
    if (!a || !b) {
        fprintf(stderr, "no lane: %s\n", err.msg);
        return CHECK_DONE();
    }
    CHECK(mr_gpu_stream(a) != mr_gpu_stream(gpu) && mr_gpu_stream(a) != mr_gpu_stream(b));
    CHECK(mr_gpu_hw_device(a) != mr_gpu_hw_device(gpu) && mr_gpu_hw_device(a)->data != mr_gpu_hw_device(b)->data);
    CHECK(!strcmp(mr_gpu_name(a), mr_gpu_name(gpu)));

    /* a frame belongs to its lane */
    mr_frame *f = mr_frame_new_gpu(a, 320, 240, &err), *host = mr_frame_new(8, 8, &err);
    CHECK(f && f->gpu && f->lane == a);
    CHECK(mr_frame_usable(f, a) && !mr_frame_usable(f, b) && !mr_frame_usable(f, gpu) && !mr_frame_usable(f, NULL));
    CHECK(mr_frame_usable(host, a) && mr_frame_usable(host, NULL));
    mr_frame_unref(host);

    /* the pool gives a lane's frame back to that lane alone */
    uint8_t *was = f->data;
    mr_frame_unref(f);
    mr_frame *on_b = mr_frame_new_gpu(b, 320, 240, &err), *on_a = mr_frame_new_gpu(a, 320, 240, &err);
    CHECK(on_b && on_a && on_b->data != was && on_a->data == was && on_b->lane == b);

    /* two lanes at work at once, each reading back what it drew */
    mr_eval ea, eb;
    mr_eval_init(&ea, &err, NULL);
    mr_eval_init(&eb, &err, NULL);
    ea.gpu = a;
    eb.gpu = b;
    const uint32_t red = 0xff0000ffu, blue = 0xffff0000u;
    for (int round = 0; round < 20; round++) {
        CHECK(mr_k_fill(&ea, on_a, round & 1 ? red : blue) == 0 && mr_k_fill(&eb, on_b, round & 1 ? blue : red) == 0);
        mr_frame *ha = mr_k_to_host(a, on_a, &err), *hb = mr_k_to_host(b, on_b, &err);
        CHECK(ha && hb && all_are(ha, round & 1 ? red : blue) && all_are(hb, round & 1 ? blue : red));
        mr_frame_unref(ha);
        mr_frame_unref(hb);
    }
    CHECK(mr_gpu_publish(a, &err) == 0);

    /* a memo hands its GPU picture out on the lane that made it alone, and keeps one a lane */
    mr_memo m;
    mr_memo_init(&m);
    int key = 7;
    mr_memo_put(&m, &ea, &key, sizeof key, NULL, on_a);
    mr_frame *got_b = mr_memo_get(&m, &eb, &key, sizeof key, NULL), *got_a = mr_memo_get(&m, &ea, &key, sizeof key, NULL);
    CHECK(!got_b && got_a == on_a);
    mr_frame_unref(got_a);
    mr_memo_put(&m, &eb, &key, sizeof key, NULL, on_b); /* lane b's picture does not push out a's */
    got_a = mr_memo_get(&m, &ea, &key, sizeof key, NULL);
    got_b = mr_memo_get(&m, &eb, &key, sizeof key, NULL);
    CHECK(got_a == on_a && got_b == on_b);
    mr_frame_unref(got_a);
    mr_frame_unref(got_b);
    mr_memo_free(&m);

    /* a static node's picture is published: made on lane a, read at once on lane b */
    for (int round = 0; round < 5; round++) {
        uint8_t v = (uint8_t)(40 * round + 10);
        mr_clip *still = mr_color_new((mr_rgba){v, 0, 255, 255}, 1920, 1080, &err);
        mr_frame *fa = NULL, *fb = NULL, *hb = NULL;
        CHECK(still && mr_clip_picture(still, 0, &ea, &fa) == 0 && mr_clip_picture(still, 1, &eb, &fb) == 0);
        CHECK(fa && fa == fb && (hb = mr_k_to_host(b, fb, &err)) && all_are(hb, 0xffff0000u | v));
        mr_frame_unref(hb);
        mr_frame_unref(fa);
        mr_frame_unref(fb);
        mr_clip_unref(still);
    }

    mr_frame_unref(on_a);
    mr_frame_unref(on_b);
    mr_eval_free(&ea);
    mr_eval_free(&eb);
    mr_gpu_lane_free(a);
    mr_gpu_lane_free(b);
    mr_gpu_lane_free(gpu); /* the process's own handle: ignored */

    /* the process's GPU still works */
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    ev.gpu = gpu;
    mr_frame *g = mr_k_new(&ev, 64, 64), *hg = NULL;
    CHECK(g && mr_k_fill(&ev, g, red) == 0 && (hg = mr_k_to_host(gpu, g, &err)) && all_are(hg, red));
    mr_frame_unref(hg);
    mr_frame_unref(g);
    mr_eval_free(&ev);
    return CHECK_DONE();
}
