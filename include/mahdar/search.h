/* search: matches of a folded pattern (fold.h) in a document, found and
 * counted a slice at a time.  Pure: no terminal, no globals, no clock —
 * the caller says how many lines a slice may look at, so a search in a
 * 200,000-line document never holds up typing.
 *
 * Matches never span lines; each starts and ends on grapheme boundaries
 * of the line's original bytes (fold_find), so a highlight covers exactly
 * the matched graphemes, whatever the bidi order on screen. */
#ifndef MAHDAR_SEARCH_H
#define MAHDAR_SEARCH_H

#include <stddef.h>

struct doc;
struct fold_pattern;

struct search_count {
	size_t line, n;		/* n matches on line */
};

struct search {
	struct fold_pattern *pat;
	/* Counting, from the first line on. */
	unsigned long gen;		/* doc->gen the counts are for */
	size_t next;			/* the next line to count */
	size_t total;			/* matches on lines [0, next) */
	struct search_count *lines;	/* lines with matches among them, in order */
	size_t nlines, cap;
};

/* A find in progress: from (line0, off0) in direction dir, all round the
 * document once (wrapping past its end or start). */
struct search_scan {
	int active;
	int dir;			/* +1 forward, -1 backward */
	size_t line0, off0;
	size_t line;			/* the next line to look in */
	size_t looked;			/* lines looked in so far (line0 counts twice) */
	int wrapped;			/* went past the end (or the start) */
};

/* A search for pat[0..n); exact = 1 compares code points as they are. */
struct search *search_new(const char *pat, size_t n, int exact);
void search_free(struct search *s);
/* The pattern folds to nothing: it matches nowhere. */
int search_empty(const struct search *s);

/* Every match on line `line`: calls fn(ctx, start, end) for each. */
void search_line(const struct search *s, const struct doc *d, size_t line,
		 void (*fn)(void *ctx, size_t start, size_t end), void *ctx);

/* Start a find at (line, off): forward, the first match starting at or
 * after off; backward, the last one starting before off. */
void search_scan_start(struct search_scan *sc, size_t line, size_t off, int dir);
/* Look in at most max lines: 1 and the match (sc->wrapped says whether
 * it is past the end/start), 0 when there is none anywhere, -1 when the
 * slice ended first (call again). */
int search_scan_step(const struct search *s, const struct doc *d, struct search_scan *sc, size_t max,
		     size_t *line, size_t *start, size_t *end);

/* Count the matches of at most max more lines; 1 once the whole document
 * is counted (a change of the document starts the count again). */
int search_count_step(struct search *s, const struct doc *d, size_t max);
/* Matches counted so far; whether the count is complete. */
size_t search_total(const struct search *s);
int search_counted(const struct search *s, const struct doc *d);
/* The number (1-based) of the match starting at (line, start), once the
 * count has passed that line; 0 before. */
size_t search_index(const struct search *s, const struct doc *d, size_t line, size_t start);

#endif
