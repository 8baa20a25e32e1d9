/* fold: script-aware folding, for matching labels and headings and for
 * search — what typists vary without meaning to is ignored or made equal.
 *
 * FOLD_LOOSE (the default everywhere):
 *   ignored   Arabic harakat, superscript alef, tatweel, Quranic marks;
 *             Hebrew niqqud and cantillation; ZWNJ, ZWJ, ZWSP, BOM and the
 *             bidi marks and controls (LRM, RLM, ALM, embeddings, isolates)
 *   equal     alef forms أ إ آ ٱ → ا; hamza carriers ؤ ئ and ء; Arabic and
 *             Persian yeh ي ى ی; kaf ك ک; teh marbuta, heh, heh with yeh
 *             above ة ه ۀ; ASCII, Arabic-Indic and Persian digits; Latin
 *             (and other cased scripts) in any case; " “ ” ״ and ' ’ ׳;
 *             a run of spaces (space, tab, no-break spaces) is one space
 * FOLD_EXACT: code points compared as they are.
 *
 * Matches always start and end on grapheme boundaries of the original
 * text, so a match covers exactly the graphemes it matched (a haraka on the
 * last matched letter is inside the match; in FOLD_EXACT a match that
 * would end inside a grapheme is no match).  Pure: no globals, no I/O. */
#ifndef MAHDAR_FOLD_H
#define MAHDAR_FOLD_H

#include <stddef.h>
#include <stdint.h>

enum fold_mode { FOLD_LOOSE, FOLD_EXACT };

/* cp folded in mode m: 0 when it is ignored, ' ' for any space. */
uint32_t fold_char(uint32_t cp, enum fold_mode m);

/* Do a[0..an) and b[0..bn) fold to the same text?  Spaces at either end
 * are ignored.  An empty (or all-ignored) string equals nothing. */
int fold_eq(const char *a, size_t an, const char *b, size_t bn);

/* s[0..n) folded (FOLD_LOOSE) as UTF-8, spaces collapsed and trimmed:
 * a key to compare, sort or index by.  Caller frees. */
char *fold_string(const char *s, size_t n);

/* A pattern to find, folded once. */
struct fold_pattern;

/* Fold pat[0..n) in mode m.  Caller frees with fold_pattern_free(). */
struct fold_pattern *fold_pattern_new(const char *pat, size_t n, enum fold_mode m);
void fold_pattern_free(struct fold_pattern *p);
/* Does the pattern fold to nothing (it then matches nowhere)? */
int fold_pattern_empty(const struct fold_pattern *p);

/* The first match in s[0..n) that starts at or after byte from (a
 * grapheme boundary): returns 1 and its byte range [*start, *end), or 0. */
int fold_find(const struct fold_pattern *p, const char *s, size_t n, size_t from,
	      size_t *start, size_t *end);
/* The last match in s[0..n) that starts before byte before: 1 or 0. */
int fold_find_prev(const struct fold_pattern *p, const char *s, size_t n, size_t before,
		   size_t *start, size_t *end);

#endif
