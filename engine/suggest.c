/* suggest.c: the closest known name to a misspelled one. */
#include "engine/suggest.h"

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
    return best;
}
