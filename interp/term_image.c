/* term_image.c: escape sequences for pictures in terminals. */
#include "interp/term_image.h"

#include <poll.h>
#include <sixel/sixel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <libavutil/base64.h>

static int put(mr_buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

static int puts_(mr_buf *b, const char *s) { return put(b, s, strlen(s)); }

int mr_term_kitty(const uint8_t *png, size_t n, mr_buf *out)
{
    size_t blen = AV_BASE64_SIZE(n);
    char *b64 = malloc(blen);
    if (!b64 || !av_base64_encode(b64, (int)blen, png, (int)n)) {
        free(b64);
        return -1;
    }
    size_t total = strlen(b64), off = 0;
    int r = 0;
    do {
        size_t chunk = total - off > 4096 ? 4096 : total - off;
        bool more = off + chunk < total;
        char head[64];
        /* q=2: the terminal answers nothing (an answer would look like typed input) */
        snprintf(head, sizeof head, off == 0 ? "\033_Gf=100,a=T,q=2,m=%d;" : "\033_Gm=%d;", more);
        r |= puts_(out, head);
        r |= put(out, b64 + off, chunk);
        r |= puts_(out, "\033\\");
        off += chunk;
    } while (off < total);
    r |= puts_(out, "\n");
    free(b64);
    return r ? -1 : 0;
}

int mr_term_iterm(const uint8_t *png, size_t n, int w, int h, mr_buf *out)
{
    size_t blen = AV_BASE64_SIZE(n);
    char *b64 = malloc(blen);
    if (!b64 || !av_base64_encode(b64, (int)blen, png, (int)n)) {
        free(b64);
        return -1;
    }
    char head[128];
    snprintf(head, sizeof head, "\033]1337;File=inline=1;size=%zu;width=%dpx;height=%dpx;preserveAspectRatio=1:", n, w, h);
    int r = puts_(out, head) | puts_(out, b64) | puts_(out, "\a\n");
    free(b64);
    return r ? -1 : 0;
}

static int sixel_write(char *data, int size, void *priv)
{
    return put(priv, data, (size_t)size);
}

int mr_term_sixel(const mr_frame *f, mr_buf *out)
{
    unsigned char *rgb = malloc((size_t)f->w * f->h * 3);
    if (!rgb)
        return -1;
    for (int y = 0; y < f->h; y++) /* premultiplied is already over black */
        for (int x = 0; x < f->w; x++)
            memcpy(rgb + ((size_t)y * f->w + x) * 3, mr_frame_row(f, y) + 4 * x, 3);
    sixel_output_t *o = NULL;
    sixel_dither_t *d = NULL;
    int r = -1;
    if (SIXEL_SUCCEEDED(sixel_output_new(&o, sixel_write, out, NULL)) &&
        SIXEL_SUCCEEDED(sixel_dither_new(&d, 256, NULL)) &&
        SIXEL_SUCCEEDED(sixel_dither_initialize(d, rgb, f->w, f->h, SIXEL_PIXELFORMAT_RGB888, SIXEL_LARGE_AUTO,
                                                SIXEL_REP_AUTO, SIXEL_QUALITY_AUTO)) &&
        SIXEL_SUCCEEDED(sixel_encode(rgb, f->w, f->h, 3, d, o)))
        r = puts_(out, "\n");
    if (d)
        sixel_dither_unref(d);
    if (o)
        sixel_output_unref(o);
    free(rgb);
    return r;
}

/* Asks the terminal for its attributes (DA1); sixel support is attribute 4. */
static bool answers_sixel(int fd)
{
    if (!isatty(fd) || !isatty(STDIN_FILENO))
        return false;
    struct termios old, raw;
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return false;
    raw = old;
    raw.c_lflag &= ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    bool yes = false;
    if (write(fd, "\033[c", 3) == 3) {
        char buf[128];
        size_t n = 0;
        struct pollfd p = {STDIN_FILENO, POLLIN, 0};
        while (n < sizeof buf - 1 && poll(&p, 1, 200) > 0) {
            ssize_t k = read(STDIN_FILENO, buf + n, sizeof buf - 1 - n);
            if (k <= 0)
                break;
            n += (size_t)k;
            if (memchr(buf, 'c', n))
                break;
        }
        buf[n] = 0;
        yes = strstr(buf, "\033[?") && (strstr(buf, ";4;") || strstr(buf, ";4c"));
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    return yes;
}

mr_term_kind mr_term_detect(int fd)
{
    const char *want = getenv("MOONREEL_IMAGES");
    if (want) {
        if (!strcmp(want, "kitty")) return MR_TERM_KITTY;
        if (!strcmp(want, "iterm")) return MR_TERM_ITERM;
        if (!strcmp(want, "sixel")) return MR_TERM_SIXEL;
        return MR_TERM_NONE;
    }
    if (!isatty(fd))
        return MR_TERM_NONE;
    const char *term = getenv("TERM"), *prog = getenv("TERM_PROGRAM"), *lc = getenv("LC_TERMINAL");
    if (getenv("KITTY_WINDOW_ID") || (term && (strstr(term, "kitty") || strstr(term, "ghostty"))))
        return MR_TERM_KITTY;
    if ((prog && (!strcmp(prog, "iTerm.app") || !strcmp(prog, "WezTerm"))) || (lc && !strcmp(lc, "iTerm2")))
        return MR_TERM_ITERM;
    if (term && (strstr(term, "tmux") || strstr(term, "screen")))
        return MR_TERM_NONE; /* multiplexers swallow image sequences unless configured */
    return answers_sixel(fd) ? MR_TERM_SIXEL : MR_TERM_NONE;
}

const char *mr_term_name(mr_term_kind k)
{
    static const char *const names[] = {"none", "kitty", "iterm", "sixel"};
    return names[k];
}
