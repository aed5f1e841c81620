/* checksum.c: MD5 of every evaluated frame and of the sound. */
#include "engine/core/checksum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <libavutil/md5.h>
#include <libavutil/mem.h>
#include "engine/core/eval.h"
#include "engine/render/render.h"

static void hex(const uint8_t d[16], char *out)
{
    for (int i = 0; i < 16; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

int mr_clip_checksums(mr_clip *clip, mr_rational fps, void (*line)(const char *, void *), void *ud,
                      const volatile sig_atomic_t *cancel, mr_err *err)
{
    if (mr_clip_check_renderable(clip, fps, err) < 0)
        return -1;
    struct AVMD5 *md5 = av_md5_alloc();
    if (!md5)
        return mr_err_set(err, "out of memory");
    mr_eval ev;
    mr_eval_init(&ev, err, cancel);
    int r = 0;
    char text[64];
    uint8_t d[16];
    int64_t frames = clip->has_video ? mr_frame_count(clip->duration, fps) : 0;
    for (int64_t n = 0; n < frames && r == 0; n++) {
        mr_frame *f;
        ev.blamed = false;
        if ((r = mr_clip_picture(clip, mr_frame_time(n, fps), &ev, &f)) < 0)
            break;
        av_md5_init(md5);
        for (int y = 0; y < f->h; y++)
            av_md5_update(md5, mr_frame_row(f, y), (size_t)f->w * 4);
        av_md5_final(md5, d);
        mr_frame_unref(f);
        snprintf(text, sizeof text, "%06lld ", (long long)n);
        hex(d, text + 7);
        line(text, ud);
    }
    if (r == 0 && clip->has_audio) {
        int64_t total = mr_clip_samples(clip);
        float *buf = malloc(sizeof(float) * 2 * 4096);
        av_md5_init(md5);
        for (int64_t s = 0; buf && s < total && r == 0; s += 4096) {
            int n = total - s < 4096 ? (int)(total - s) : 4096;
            if ((r = mr_clip_sound(clip, s, n, buf, &ev)) == 0)
                av_md5_update(md5, (const uint8_t *)buf, sizeof(float) * 2 * (size_t)n);
        }
        if (!buf)
            r = mr_err_set(err, "out of memory");
        free(buf);
        if (r == 0) {
            av_md5_final(md5, d);
            snprintf(text, sizeof text, "audio ");
            hex(d, text + 6);
            line(text, ud);
        }
    }
    mr_eval_free(&ev);
    av_free(md5);
    return r;
}
