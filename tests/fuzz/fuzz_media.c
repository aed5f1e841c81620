/* fuzz_media.c: libFuzzer target for media input: the prober (and its truncation check),
 * then opening the file as video() and audio() do and reading the first picture and some
 * sound, frame-exactly, through FFmpeg's demuxers and decoders and moonreel's converters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "engine/core/eval.h"
#include "engine/media/media.h"
#include "engine/render/render.h"
#include "engine/sources/sources.h"

/* Writes the input to a file of its own (FFmpeg opens files by name). Returns its path. */
static const char *as_file(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/moonreel-fuzz-media-%d", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = as_file(data, size);
    mr_media_info info;
    mr_err err;
    if (mr_media_probe(path, &info, &err) < 0)
        return 0;
    mr_clip *v = info.has_video && (int64_t)info.w * info.h <= 4096 * 4096 ? mr_video_new(path, &err) : NULL;
    if (v && v->has_video)
        mr_frame_unref(mr_render_frame(v, 0, NULL, NULL, &err));
    mr_clip_unref(v);
    mr_clip *a = info.has_audio ? mr_audio_new(path, &err) : NULL;
    if (a) {
        float buf[2 * 1024];
        mr_eval ev;
        mr_eval_init(&ev, &err, NULL);
        mr_clip_sound(a, 0, 1024, buf, &ev);
        mr_eval_free(&ev);
    }
    mr_clip_unref(a);
    return 0;
}
