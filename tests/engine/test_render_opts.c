/* test_render_opts.c: the one table of render options: one parser per option for the command
 * line, render() and batch; the engine's own range checks; and renders that cannot be made
 * (no end, shorter than a frame, too many threads) refused with the script line. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/ops/ops.h"
#include "engine/render/render.h"
#include "engine/render/render_opts.h"
#include "engine/sources/sources.h"
#include "tests/engine/check.h"

/* Parses text for option name into o; returns what mr_render_opt_set returned. */
static int set(mr_render_opts *o, const char *name, const char *text, mr_err *err)
{
    const mr_render_opt *d = mr_render_opt_find(name);
    if (!d)
        return mr_err_set(err, "no option %s", name);
    return mr_render_opt_set(o, d, text, err);
}

int main(void)
{
    mr_err err;
    mr_render_opts o = mr_render_opts_default();

    /* frame rates: exact decimals, NTSC rates, fractions */
    struct { const char *text; int num, den; } rates[] = {
        {"25", 25, 1}, {"12.5", 25, 2}, {"29.97", 30000, 1001}, {"23.976", 24000, 1001}, {"59.94", 60000, 1001},
        {"30000/1001", 30000, 1001}, {"7.5", 15, 2}, {"0.5", 1, 2}, {"1000", 1000, 1}};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        CHECK(set(&o, "fps", rates[i].text, &err) == 0);
        CHECK_INT(o.fps.num, rates[i].num);
        CHECK_INT(o.fps.den, rates[i].den);
    }
    const char *bad_rates[] = {"0", "-5", "1001", "abc", "25fps", "30/0", "", ".00000000000000009", "1/99999999999"};
    for (size_t i = 0; i < sizeof bad_rates / sizeof bad_rates[0]; i++)
        CHECK(set(&o, "fps", bad_rates[i], &err) < 0);
    CHECK_STR(err.msg, "wants frames per second");

    /* the command-line flag and the Lua key name the same option */
    CHECK(mr_render_opt_find("encoder-threads") == mr_render_opt_find("encoder_threads"));
    CHECK(mr_render_opt_find("bitrat") == NULL);
    CHECK(set(&o, "encoder_threads", "8", &err) == 0 && o.out.threads == 8);
    CHECK(set(&o, "threads", "65", &err) < 0);
    CHECK_STR(err.msg, "wants a whole number 1..64, got '65'");
    CHECK(set(&o, "crf", "20.5", &err) < 0);
    CHECK(set(&o, "crf", "0", &err) == 0 && o.out.crf == 0);
    CHECK(set(&o, "audio_bitrate", "192k", &err) == 0 && o.out.audio_bitrate == 192000);
    CHECK(set(&o, "audio_bitrate", "7", &err) < 0);
    CHECK(set(&o, "size", "1280x720", &err) == 0 && o.w == 1280 && o.h == 720);
    CHECK(set(&o, "size", "1280x720x3", &err) < 0);
    CHECK(set(&o, "size", "0x720", &err) < 0);
    CHECK(set(&o, "faststart", "true", &err) == 0 && o.out.faststart);
    CHECK(set(&o, "faststart", "maybe", &err) < 0);
    /* alpha: "not given" (the default: kept where the picture is transparent) is not false */
    CHECK(o.out.alpha == MR_ALPHA_AUTO);
    CHECK(set(&o, "alpha", "true", &err) == 0 && o.out.alpha == MR_ALPHA_ON);
    CHECK(set(&o, "alpha", "no", &err) == 0 && o.out.alpha == MR_ALPHA_OFF);
    CHECK(set(&o, "alpha", "clear", &err) < 0);
    CHECK_STR(err.msg, "wants true or false, got 'clear'");
    CHECK(o.out.alpha == MR_ALPHA_OFF);
    CHECK(set(&o, "backend", "cpu", &err) == 0 && o.backend == MR_BACKEND_CPU);
    CHECK(set(&o, "backend", "gpu", &err) < 0);
    CHECK(set(&o, "t", "1:02.5", &err) == 0 && o.t == 62.5);
    CHECK(set(&o, "encoder", "libx264", &err) == 0 && !strcmp(o.out.encoder, "libx264"));
    CHECK(mr_render_opts_check(&o, &err) == 0);

    /* the engine checks every limit itself, whoever filled the struct */
    mr_render_opts direct = mr_render_opts_default();
    CHECK(mr_render_opts_check(&direct, &err) == 0);
    direct.threads = 100;
    CHECK(mr_render_opts_check(&direct, &err) < 0);
    CHECK_STR(err.msg, "threads 100 is outside 1..64");
    direct = mr_render_opts_default();
    direct.out.crf = 99;
    CHECK(mr_render_opts_check(&direct, &err) < 0);
    direct = mr_render_opts_default();
    direct.fps = (mr_rational){-1, 1};
    CHECK(mr_render_opts_check(&direct, &err) < 0);
    direct = mr_render_opts_default();
    direct.out.alpha = 2;
    CHECK(mr_render_opts_check(&direct, &err) < 0);
    CHECK_STR(err.msg, "alpha 2 is not");

    /* renders that cannot be made leave nothing behind and say which clip */
    char dir[] = "/tmp/mr_test_render_opts_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/out.mp4", dir);
    mr_clip *red = mr_color_new((mr_rgba){255, 0, 0, 255}, 32, 16, &err);
    snprintf(red->origin, sizeof red->origin, "edit.lua:3");
    mr_render_opts ro = mr_render_opts_default();
    ro.out.preset = "ultrafast";
    CHECK(mr_render(red, path, &ro, &err) < 0);
    CHECK_STR(err.msg, "edit.lua:3: the clip has no end");
    mr_clip *blink = mr_clip_dur(red, 1e-9, &err);
    snprintf(blink->origin, sizeof blink->origin, "edit.lua:4");
    CHECK(mr_render(blink, path, &ro, &err) < 0);
    CHECK_STR(err.msg, "edit.lua:4: the clip lasts 1e-09 s, less than one frame at 30 fps");
    mr_clip *tiny = mr_clip_dur(red, 0.01, &err);
    mr_clip *looped = mr_clip_loop(tiny, 1e-12, &err);
    CHECK(mr_render(looped, path, &ro, &err) < 0);
    CHECK_STR(err.msg, "less than one frame");
    CHECK(access(path, F_OK) != 0);
    /* 40 workers (more than the old fixed array held) render; 100 are refused */
    mr_clip *second = mr_clip_dur(red, 0.5, &err);
    ro.threads = 40;
    CHECK(mr_render(second, path, &ro, &err) == 0);
    CHECK(access(path, F_OK) == 0);
    unlink(path);
    ro.threads = 100;
    CHECK(mr_render(second, path, &ro, &err) < 0);
    CHECK_STR(err.msg, "threads 100");
    CHECK(access(path, F_OK) != 0);
    /* alpha asked for where the format cannot hold it: an error naming the format, no file */
    ro.threads = 0;
    ro.out.alpha = MR_ALPHA_ON;
    CHECK(mr_render(second, path, &ro, &err) < 0);
    CHECK_STR(err.msg, "h264 video in a mp4 file cannot hold transparency");
    CHECK(access(path, F_OK) != 0);
    rmdir(dir);

    mr_clip *all[] = {red, blink, tiny, looped, second};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mr_clip_unref(all[i]);
    return CHECK_DONE();
}
