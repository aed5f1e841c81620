/* term_image.h: pictures shown inside the terminal: the kitty graphics protocol, iTerm2's
 * inline images, or sixel, whichever the terminal speaks (found from the environment and,
 * where safe, by asking the terminal), also over ssh. */
#ifndef MR_TERM_IMAGE_H
#define MR_TERM_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "engine/core/frame.h"

typedef enum { MR_TERM_NONE, MR_TERM_KITTY, MR_TERM_ITERM, MR_TERM_SIXEL } mr_term_kind;

/* A growable byte buffer (data malloc'd; free it). */
typedef struct mr_buf {
    char *data;
    size_t len, cap;
} mr_buf;

/* What the terminal on fd shows: MOONREEL_IMAGES=kitty|iterm|sixel|none decides if set;
 * otherwise the environment (TERM, TERM_PROGRAM, KITTY_WINDOW_ID, LC_TERMINAL) and, for sixel,
 * the terminal's answer to a Device Attributes query (only when fd and stdin are terminals;
 * 0.2 s at most). */
mr_term_kind mr_term_detect(int fd);
const char *mr_term_name(mr_term_kind k);

/* The escape sequences that show a PNG: kitty's (chunks of base64, at most 4096 each, with
 * f=100 and a=T on the first), iTerm2's (one OSC 1337 File= sequence). Return 0 or -1 (no memory). */
int mr_term_kitty(const uint8_t *png, size_t n, mr_buf *out);
int mr_term_iterm(const uint8_t *png, size_t n, int w, int h, mr_buf *out);

/* The sixel picture of a host frame (over black), by libsixel. Returns 0 or -1. */
int mr_term_sixel(const mr_frame *f, mr_buf *out);

#endif
