/* media_length.h: how long a media file really is where its header says less, or nothing:
 * a recording stopped before it wrote its length (Matroska/WebM from OBS, a browser's
 * MediaRecorder), a header edited or copied from another file. Read from the last entries of
 * the file's index and, for Matroska/WebM, from the timestamps of its last packets. */
#ifndef MR_MEDIA_LENGTH_H
#define MR_MEDIA_LENGTH_H

#include <libavformat/avformat.h>

/* The end of what streams[0..n) of the open file fmt hold, in seconds from the container's
 * start (where media time 0 is), or -1 when it cannot be told. Reading the last packets moves
 * fmt's read position: call it when fmt has done its other work (probing). */
double mr_media_held_until(AVFormatContext *fmt, const int *streams, int n);

#endif
