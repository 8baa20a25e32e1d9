/* search: matches of a folded pattern in a document, a slice at a time.
 *
 * Data model: the folded pattern; a count that walks the lines from the
 * first and keeps, for the lines that have matches, how many (so the
 * number of a match is a sum over fewer entries than lines), tagged with
 * the doc generation it was made for; and finds (struct search_scan) that
 * walk from a position round the document once, the starting line being
 * looked in twice — after the start, and at the end for what lies before
 * it. */
#include "mahdar/search.h"

#include "mahdar/doc.h"
#include "mahdar/fold.h"
#include "mahdar/util.h"

#include <stdlib.h>

struct search *search_new(const char *pat, size_t n, int exact)
{
	struct search *s = xcalloc(1, sizeof *s);
	s->pat = fold_pattern_new(pat, n, exact ? FOLD_EXACT : FOLD_LOOSE);
	s->gen = (unsigned long)-1;
	return s;
}

void search_free(struct search *s)
{
	if (s == NULL)
		return;
	fold_pattern_free(s->pat);
	free(s->lines);
	free(s);
}

int search_empty(const struct search *s)
{
	return fold_pattern_empty(s->pat);
}

void search_line(const struct search *s, const struct doc *d, size_t line,
		 void (*fn)(void *ctx, size_t start, size_t end), void *ctx)
{
	if (line >= d->nlines || search_empty(s))
		return;
	const struct doc_line *l = &d->lines[line];
	size_t from = 0, a, b;
	while (from <= l->len && fold_find(s->pat, doc_line_str(d, l), l->len, from, &a, &b)) {
		fn(ctx, a, b);
		from = b > a ? b : a + 1;
	}
}

void search_scan_start(struct search_scan *sc, size_t line, size_t off, int dir)
{
	*sc = (struct search_scan){.active = 1, .dir = dir < 0 ? -1 : 1, .line0 = line, .off0 = off, .line = line};
}

/* The match sc wants on line l, if there is one: 1 and [*a, *b). */
static int search_scan_line(const struct search *s, const struct doc *d, const struct doc_line *l, const struct search_scan *sc,
			    int first, int last, size_t *a, size_t *b)
{
	if (sc->dir > 0) {
		if (!fold_find(s->pat, doc_line_str(d, l), l->len, first ? sc->off0 : 0, a, b))
			return 0;
		return !last || *a < sc->off0;
	}
	if (!fold_find_prev(s->pat, doc_line_str(d, l), l->len, first ? sc->off0 : l->len + 1, a, b))
		return 0;
	return !last || *a >= sc->off0;
}

int search_scan_step(const struct search *s, const struct doc *d, struct search_scan *sc, size_t max,
		     size_t *line, size_t *start, size_t *end)
{
	if (!sc->active || search_empty(s) || d->nlines == 0) {
		sc->active = 0;
		return 0;
	}
	if (sc->line0 >= d->nlines)
		search_scan_start(sc, d->nlines - 1, d->lines[d->nlines - 1].len, sc->dir);
	for (size_t k = 0; k < max; k++) {
		if (sc->looked > d->nlines) {
			sc->active = 0;
			return 0;
		}
		int first = sc->looked == 0, last = sc->looked == d->nlines;
		size_t a, b;
		const struct doc_line *l = &d->lines[sc->line];
		int hit = search_scan_line(s, d, l, sc, first, last, &a, &b);
		if (hit) {
			*line = sc->line;
			*start = a;
			*end = b;
			sc->active = 0;
			return 1;
		}
		sc->looked++;
		if (sc->dir > 0) {
			if (++sc->line == d->nlines) {
				sc->line = 0;
				sc->wrapped = 1;
			}
		} else if (sc->line-- == 0) {
			sc->line = d->nlines - 1;
			sc->wrapped = 1;
		}
	}
	return -1;
}

static void search_count_one(void *ctx, size_t start, size_t end)
{
	(void)start, (void)end;
	(*(size_t *)ctx)++;
}

int search_count_step(struct search *s, const struct doc *d, size_t max)
{
	if (s->gen != d->gen) {
		s->gen = d->gen;
		s->next = s->total = s->nlines = 0;
	}
	for (size_t k = 0; k < max && s->next < d->nlines; k++, s->next++) {
		size_t n = 0;
		search_line(s, d, s->next, search_count_one, &n);
		if (n == 0)
			continue;
		s->lines = xgrow(s->lines, &s->cap, s->nlines + 1, sizeof *s->lines);
		s->lines[s->nlines++] = (struct search_count){s->next, n};
		s->total += n;
	}
	return s->next >= d->nlines;
}

size_t search_total(const struct search *s)
{
	return s->total;
}

int search_counted(const struct search *s, const struct doc *d)
{
	return s->gen == d->gen && s->next >= d->nlines;
}

struct search_before {
	size_t start, n;
};

static void search_count_before(void *ctx, size_t start, size_t end)
{
	(void)end;
	struct search_before *sb = ctx;
	sb->n += start < sb->start;
}

size_t search_index(const struct search *s, const struct doc *d, size_t line, size_t start)
{
	if (s->gen != d->gen || s->next <= line)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < s->nlines && s->lines[i].line < line; i++)
		n += s->lines[i].n;
	struct search_before sb = {start, 0};
	search_line(s, d, line, search_count_before, &sb);
	return n + sb.n + 1;
}
