/* suggest.c: the closest known name to a misspelled one. */
#include "engine/core/suggest.h"

#include <stdbool.h>
#include <string.h>

#define MAX_LEN 64

/* Optimal string alignment distance between a and b (both shorter than MAX_LEN). */
static int distance(const char *a, size_t la, const char *b, size_t lb)
{
    int d[MAX_LEN + 1][MAX_LEN + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* Whether name is a part of word that other tools' spellings keep: a token between '_' or
 * '-', or its start or end ("font_size", "fontsize", "size_px" all hold "size"). */
static bool holds(const char *word, size_t lw, const char *name, size_t ln)
{
    if (ln < 3 || ln >= lw)
        return false;
    if (!strncmp(word, name, ln) || !strcmp(word + lw - ln, name))
        return true;
    for (const char *p = strstr(word, name); p; p = strstr(p + 1, name))
        if ((p == word || p[-1] == '_' || p[-1] == '-') && (p[ln] == 0 || p[ln] == '_' || p[ln] == '-'))
            return true;
    return false;
}

const char *mr_suggest(const char *word, const char *const *names, size_t n)
{
    size_t lw = strlen(word);
    if (lw == 0 || lw >= MAX_LEN)
        return NULL;
    int limit = lw <= 4 ? 1 : (int)(lw + 2) / 3;
    const char *best = NULL;
    int best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        size_t ln = strlen(names[i]);
        if (ln >= MAX_LEN)
            continue;
        int d = distance(word, lw, names[i], ln);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    if (best)
        return best;
    /* no typo: a name written with other tools' words around it; the longest part, and
     * between parts as long, the last ("font_size" is a size) */
    size_t best_score = 0;
    for (size_t i = 0; i < n; i++) {
        size_t ln = strlen(names[i]);
        size_t score = holds(word, lw, names[i], ln) ? 2 * ln + !strcmp(word + lw - ln, names[i]) : 0;
        if (score > best_score) {
            best_score = score;
            best = names[i];
        }
    }
    return best;
}
