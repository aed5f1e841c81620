/* media_policy.h: which files a media open may read. By default, any. A batch worker sets a
 * list of allowed folders before it runs untrusted rows; from then on every media file is
 * opened by FFmpeg with the "file" protocol only, without the demuxers that read other files
 * named inside the one opened (playlists, concat lists, image sequences, scripts), and with a
 * check of every file FFmpeg itself opens (segments, references) against the folders, by its
 * real path (so no way out through "..", or through a link). Plain C, no Lua: the interp
 * sets the policy, the engine's open path reads it. */
#ifndef MR_MEDIA_POLICY_H
#define MR_MEDIA_POLICY_H

#include <libavformat/avformat.h>
#include "engine/core/clip.h"
#include "engine/core/error.h"

/* Restricts media reads to the real folders dirs[0..n) from now on, for the whole process;
 * n == 0 lifts the restriction. Call while no media is being opened (a batch worker does
 * before each row). Returns 0, or -1 when a folder does not exist or there are too many (the
 * policy is then left as it was). */
int mr_media_policy_set(const char *const *dirs, int n, mr_err *err);

/* Whether a restriction is in force. */
int mr_media_policy_active(void);

/* avformat_open_input(fmt, path, NULL, NULL) under the policy; an image sequence's name
 * (frames/%04d.png, sequence.h) is read at seq_rate (num 0: its default). Returns 0 with *fmt
 * open (the caller's, closed with avformat_close_input), or -1 with *fmt NULL and err naming
 * the file and the reason: a file outside the folders it would read, a kind of file that reads
 * other files (image sequences too), a sequence none of whose files is there, or the usual
 * reasons a file does not open. */
int mr_media_open_input(AVFormatContext **fmt, const char *path, mr_rational seq_rate, mr_err *err);

#endif
