/* suggest.h: "did you mean ...?" for misspelled names (options, methods, keys). */
#ifndef MR_SUGGEST_H
#define MR_SUGGEST_H

#include <stddef.h>

/* The name in names[0..n) closest to word by edit distance (a swap of two neighbouring
 * letters counts as one edit), if it is close enough to be a likely typo (at most 1 edit for
 * short words, about a third of the letters for longer ones); else the longest name that
 * word holds as a part ("font_size", "fontsize" -> "size", MoviePy's spellings); else NULL.
 * Borrows names. */
const char *mr_suggest(const char *word, const char *const *names, size_t n);

#endif
