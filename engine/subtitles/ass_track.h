/* ass_track.h: a subtitle file as a libass track (ass_track.c). */
#ifndef MR_ASS_TRACK_H
#define MR_ASS_TRACK_H

#include <ass/ass.h>
#include "engine/core/error.h"
#include "engine/subtitles/subtitles.h"

/* What libass said while reading (its messages at warning level or worse; the first kept). */
typedef struct mr_ass_log {
    int worst;          /* the lowest (most serious) level seen; 99 when none */
    char first[512];    /* the first message at error level or worse */
} mr_ass_log;

/* The message callback to give ass_set_message_cb with a mr_ass_log as data. */
void mr_ass_log_cb(int level, const char *fmt, va_list va, void *data);

/* Reads path into a new track of lib (the caller's, freed with ass_free_track): an .ass/.ssa
 * file as written (checked line by line first: Dialogue times, end before start, styles that
 * are not defined), SRT and WebVTT cues converted into events of one "Default" style made from
 * st at a play resolution of w x h. log collects libass's messages (lib's callback must write
 * into it). Returns NULL with err naming the file (and line). */
ASS_Track *mr_ass_track_load(ASS_Library *lib, const char *path, const mr_sub_style *st, int w, int h,
                             mr_ass_log *log, mr_err *err);

#endif
