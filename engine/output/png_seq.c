/* png_seq.c: PNG image sequences (render(clip, "out/f_%04d.png")): picture n of the render
 * into its own file, named by the pattern with n (from 0), as MoviePy's
 * write_images_sequence does. Each file is written to a part file and renamed when whole, so
 * no file of the set is ever half-written; a render that fails or is interrupted removes the
 * files it had put in place, so it leaves no set that looks complete and is not. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "engine/core/log.h"
#include "engine/output/output_internal.h"

/* The name of file n of pattern into buf; false when the pattern has not exactly one number
 * in it, or the name does not fit. */
static bool file_name(const char *pattern, int64_t n, char *buf, size_t size)
{
    return n >= 0 && n <= 999999999 && av_get_frame_filename2(buf, (int)size, pattern, (int)n, 0) == 0;
}

bool mr_output_is_sequence(const char *path)
{
    size_t n = strlen(path);
    if (n <= 4 || strcasecmp(path + n - 4, ".png"))
        return false;
    for (const char *p = strchr(path, '%'); p; p = strchr(p + 1, '%')) { /* a %d or %04d: a pattern */
        size_t digits = strspn(p + 1, "0123456789");
        if (p[1 + digits] == 'd')
            return true;
        if (p[1] == '%') /* "%%": a per cent sign */
            p++;
    }
    return false;
}

int mr_seq_check(const char *pattern, mr_err *err)
{
    char first[4096];
    if (!file_name(pattern, 0, first, sizeof first))
        return mr_err_set(err, "'%s': a PNG sequence's name holds one number pattern, such as f_%%04d.png", pattern);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", first);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0; /* the current folder */
    slash[slash == dir] = 0; /* "/f_%04d.png": the root */
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return mr_err_set(err, "cannot write '%s': the folder '%s' does not exist (make it first)", pattern, dir);
    return 0;
}

/* Writes one encoded picture as file n of o's sequence. 0, or -1 with err naming the file. */
static int write_file(mr_output *o, const AVPacket *pkt, int64_t n, mr_err *err)
{
    char name[4096];
    if (!file_name(o->path, n, name, sizeof name))
        return mr_err_set(err, "'%s': no file name for picture %lld", o->path, (long long)n);
    return mr_part_write_file(name, pkt->data, (size_t)pkt->size, err);
}

int mr_seq_send(mr_output *o, AVFrame *pic, mr_err *err)
{
    int r = avcodec_send_frame(o->venc, pic);
    if (r < 0 && r != AVERROR_EOF)
        return mr_err_av(err, r, "%s encoder failed", o->venc->codec->name);
    for (;;) {
        if (!pic && o->mux.cancel && *o->mux.cancel) /* flushing, and asked to stop */
            return mr_err_set(err, "interrupted");
        r = avcodec_receive_packet(o->venc, o->mux.pkt);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
            return 0;
        if (r < 0)
            return mr_err_av(err, r, "%s encoder failed", o->venc->codec->name);
        /* pictures come out in order: the file's number is how many came before */
        r = write_file(o, o->mux.pkt, o->seq_done, err);
        av_packet_unref(o->mux.pkt);
        if (r < 0)
            return -1;
        o->seq_done++;
    }
}

void mr_seq_remove(mr_output *o)
{
    char name[4096];
    for (int64_t n = 0; !o->seq_kept && n < o->seq_done; n++)
        if (file_name(o->path, n, name, sizeof name))
            unlink(name);
    o->seq_done = 0;
}

/* After a finished sequence: says once when a file numbered past its last one is there (an
 * earlier, longer render's), since the folder then holds more than this render made. */
void mr_seq_say_leftovers(const mr_output *o)
{
    char name[4096];
    struct stat st;
    if (file_name(o->path, o->seq_done, name, sizeof name) && stat(name, &st) == 0)
        mr_log("'%s': %lld pictures written; '%s' and any after it are from before, not from this render",
               o->path, (long long)o->seq_done, name);
}
