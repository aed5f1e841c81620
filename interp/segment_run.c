/* segment_run.c: how many segments `run` renders in (--segments, auto), and one part of a
 * cluster's render (run --segment K/N -o DIR) with its manifest (segments.h). */
#include "interp/segments.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "engine/core/log.h"
#include "engine/gpu/gpu.h"
#include "engine/output/output.h"
#include "engine/output/alpha_out.h"
#include "engine/render/segmented.h"
#include "engine/render/segments.h"
#include "interp/host.h"
#include "interp/part_folder.h"
#include "interp/part_manifest.h"

/* Whether the first picture of clip's output with o is transparent (evaluated on the CPU):
 * 1, or 0 (also where it cannot be made: the render then says why). */
static int first_transparent(mr_clip *clip, const mr_render_opts *o, mr_rational fps)
{
    double t = o->frames[0] >= 0 ? mr_frame_time(o->frames[0], fps) : o->range[1] > 0 ? o->range[0] : 0;
    mr_err err;
    mr_frame *f = mr_render_frame(clip, t, NULL, o->cancel, &err);
    int r = f && mr_frame_transparent(f);
    mr_frame_unref(f);
    return r;
}

bool mr_script_is_file(const char *script)
{
    struct stat st;
    return strcmp(script, "-") && stat(script, &st) == 0 && S_ISREG(st.st_mode);
}

/* Why out cannot be made of segments with o, or NULL when it can. */
static const char *why_not_segmented(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out,
                                     mr_rational fps)
{
    const char *codec = mr_output_codec(out, &o->out);
    size_t len = strlen(out);
    if (mr_output_is_sequence(out) || (codec && !strcmp(codec, "gif")))
        return "GIFs and PNG sequences are not joined from parts";
    if (len >= 4 && !strcasecmp(out + len - 4, ".png"))
        return "a PNG is one picture";
    if (!codec)
        return "the output holds sound only";
    if (cli->gpus && !mr_script_is_file(cli->script)) /* threads share the clip made once */
        return "the script comes from standard input or a pipe, which the segments' processes cannot read again";
    if (o->out.alpha == MR_ALPHA_ON ||
        (o->out.alpha == MR_ALPHA_AUTO && mr_output_alpha_support(out, &o->out) && first_transparent(clip, o, fps)))
        return "the picture is transparent, and parts do not keep transparency (--alpha=false flattens it)";
    return NULL;
}

bool mr_segments_render_only(const mr_render_opts *o)
{
    return o->out.encoder && !strcmp(o->out.encoder, "null");
}

/* Whether a render of o to out would decode and encode its picture off the CPU: on a GPU,
 * rendering only or through NVENC (settled as segments' encoders are). */
static bool off_cpu(const mr_render_opts *o, const char *out)
{
    mr_err why;
    mr_gpu *gpu = o->backend == MR_BACKEND_CPU ? NULL : mr_gpu_open(&why); /* waits for a start begun */
    if (!gpu)
        return false;
    if (mr_segments_render_only(o))
        return true;
    const char *enc = mr_venc_settle(o->out.encoder, mr_output_codec(out, &o->out), gpu);
    return enc && strstr(enc, "nvenc");
}

int mr_segments_for(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out, int *n, mr_err *err)
{
    int asked = 0; /* auto */
    *n = 1;
    if (cli->segments && mr_segments_parse(cli->segments, &asked, err) < 0) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        return mr_err_set(err, "--segments %s", why);
    }
    if (asked == 1)
        return 0;
    mr_rational fps;
    int64_t frames;
    mr_err why_render;
    if (mr_render_output_frames(clip, o, &fps, &frames, &why_render) < 0)
        return 0; /* the render says why */
    const char *why = frames == 0 ? "the clip has no picture" : why_not_segmented(cli, clip, o, out, fps);
    if (why) {
        if (asked > 1)
            mr_log("--segments %d: %s; rendering it in one pipeline", asked, why);
        return 0;
    }
    *n = asked ? (asked < frames ? asked : (int)frames) : mr_segments_auto(frames, fps, mr_cpu_cores(), off_cpu(o, out));
    if (*n > MR_SEGMENTS_AT_ONCE) {
        mr_log("--segments %d: at most %d render at once on one machine%s", asked, MR_SEGMENTS_AT_ONCE,
               asked > frames ? " (and no more than the output's frames)" : "");
        *n = MR_SEGMENTS_AT_ONCE;
    }
    return 0;
}

/* Makes the folder dir and those above it that are missing. 0, or -1 with err. */
static int make_folders(const char *dir, mr_err *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", dir);
    for (char *p = path + 1;; p++) {
        bool end = *p == 0;
        if (*p == '/' || end) {
            *p = 0;
            if (mkdir(path, 0777) < 0 && errno != EEXIST)
                return mr_err_set(err, "cannot make the folder '%s': %s", path, strerror(errno));
            if (end)
                break;
            *p = '/';
        }
    }
    struct stat st;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
        return mr_err_set(err, "'%s' is a file, not a folder for the parts", dir);
    return 0;
}

int mr_run_segment(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *given)
{
    char dirbuf[PATH_MAX];
    const char *dir = mr_folder_name(given, dirbuf);
    int k, n;
    mr_err err;
    if (mr_segment_parse(cli->segment, &k, &n, &err) < 0) {
        mr_cli_complain("run", "--segment %s", err.msg);
        return 2;
    }
    if (mr_output_named_file(dir)) {
        mr_cli_complain("run", "--segment writes a folder of parts: -o parts/ (got '%s', a file's name)", given);
        return 2;
    }

    mr_rational fps;
    int64_t total;
    const char *codec = o->out.codec ? o->out.codec : "h264";
    mr_part_manifest *m = NULL;
    if (mr_render_output_frames(clip, o, &fps, &total, &err) < 0)
        goto fail;
    if (total == 0) {
        mr_err_set(&err, "the clip has no picture: segments split pictures");
        goto fail;
    }
    if (!strcmp(codec, "gif") || !strcmp(codec, "png")) {
        mr_err_set(&err, "%s pictures are not joined from parts", codec);
        goto fail;
    }
    if (make_folders(dir, &err) < 0)
        goto fail;
    if (!(m = calloc(1, sizeof *m))) {
        mr_err_set(&err, "out of memory");
        goto fail;
    }
    char name[64], path[PATH_MAX];
    mr_manifest_name(k, n, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path); /* an earlier run's manifest no longer describes what is about to be written */
    mr_segment seg = mr_segment_of(total, k, n);
    *m = (mr_part_manifest){.k = k, .n = n, .first = seg.first, .frames = seg.count, .total = total, .fps = fps};
    snprintf(m->version, sizeof m->version, "%s", MR_VERSION);
    int r = realpath(cli->script, m->script) ? mr_file_sha256(m->script, m->script_sha256, &err)
                                              : mr_err_set(&err, "cannot find '%s'", cli->script);
    for (int i = 0; i < cli->nargs; i++)
        m->args[m->nargs++] = cli->args[i];
    if (r == 0 && seg.count > 0) {
        snprintf(m->file, sizeof m->file, "part-%04d-of-%04d%s", k, n, mr_segment_part_ext(codec));
        snprintf(path, sizeof path, "%s/%s", dir, m->file);
        mr_render_opts po = *o;
        po.segment = seg;
        struct stat st;
        if ((r = mr_render(clip, path, &po, &err)) == 0 && !mr_segments_render_only(o)) {
            r = stat(path, &st) < 0 ? mr_err_set(&err, "'%s' is gone: %s", path, strerror(errno))
                                    : mr_file_sha256(path, m->file_sha256, &err);
            m->bytes = st.st_size;
        }
    }
    if (r == 0 && !mr_segments_render_only(o)) /* render only: nothing was written, nothing to join */
        r = mr_manifest_write(dir, m, &err);
    free(m);
    if (r == 0) {
        if (cli->quiet)
            return 0;
        if (seg.count > 0 && mr_segments_render_only(o))
            fprintf(stderr, "moonreel: rendered segment %d/%d (frames %lld-%lld of %lld); --encoder null writes "
                    "nothing, so there is no part to join\n", k, n, (long long)seg.first,
                    (long long)(seg.first + seg.count - 1), (long long)total);
        else if (seg.count > 0)
            fprintf(stderr, "moonreel: wrote segment %d/%d (frames %lld-%lld of %lld) in %s\n", k, n,
                    (long long)seg.first, (long long)(seg.first + seg.count - 1), (long long)total, dir);
        else
            fprintf(stderr, "moonreel: wrote segment %d/%d in %s: no frames (%lld frames, %d segments)\n", k, n, dir,
                    (long long)total, n);
        return 0;
    }
fail:
    fprintf(stderr, "moonreel: %s: segment %d/%d: %s\n", dir, k, n, err.msg);
    return mr_interrupted ? mr_host_interrupt_status() : 1;
}

void mr_segment_follow_parent(void)
{
    const char *parent = getenv("MOONREEL_SEGMENT_PARENT");
    if (!parent)
        return;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != (pid_t)atol(parent)) /* it died before the line above */
        raise(SIGTERM);
}
