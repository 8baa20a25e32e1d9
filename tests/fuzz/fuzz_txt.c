/* fuzz txt: any bytes read and written back are the same bytes; analysing
 * again gives the same structure; every line index in the structure names
 * an existing line (problems may name the whole file); ids are unique. */
#include "fuzz.h"

#include "mahdar/buf.h"
#include "mahdar/txt.h"

#include <stdlib.h>
#include <string.h>

#define NOLINE ((size_t)-1)

static const char *fuzz_str(const char *s)
{
	return s != NULL ? s : "(null)";
}

/* Everything txt_analyse() derives, as text, for comparison. */
static void fuzz_snapshot(const struct doc *d, struct buf *b)
{
	buf_printf(b, "title %s @%zu\n", fuzz_str(d->title), d->title_line);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		const struct doc_attr *a = doc_attr_of(d, i);
		buf_printf(b, "line %zu kind %d sec %d id %s\n", i, l->kind, doc_line_section(d, i),
			   fuzz_str(a != NULL ? a->id : NULL));
	}
	for (size_t i = 0; i < d->nfields; i++)
		buf_printf(b, "field %d %s=%s @%zu\n", d->fields[i].key, d->fields[i].label,
			   d->fields[i].value, d->fields[i].line);
	for (int a = 0; a < DOC_ATT_COUNT; a++) {
		buf_printf(b, "att %d @%zu\n", a, d->att[a].line);
		for (size_t i = 0; i < d->att[a].n; i++)
			buf_printf(b, "  %s (%s)\n", d->att[a].v[i].name, fuzz_str(d->att[a].v[i].role));
	}
	for (size_t i = 0; i < d->nsections; i++)
		buf_printf(b, "sec %d %s @%zu [%zu,%zu)\n", d->sections[i].key,
			   fuzz_str(d->sections[i].heading), d->sections[i].line, d->sections[i].first,
			   d->sections[i].end);
	for (size_t i = 0; i < d->nagenda; i++)
		buf_printf(b, "agenda %ld %s %s @%zu\n", d->agenda[i].number, d->agenda[i].number_text,
			   d->agenda[i].text, d->agenda[i].line);
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		buf_printf(b, "rec %d %s o=%s d=%s iso=%s v=%d:%d-%d-%d @%zu\n", r->kind, r->text,
			   fuzz_str(r->owner), fuzz_str(r->due), fuzz_str(r->due_iso), r->has_votes,
			   r->votes[0], r->votes[1], r->votes[2], r->line);
	}
	buf_printf(b, "date %s cal %d lang %d dir %d\n", fuzz_str(d->date_iso), d->calendar,
		   d->lang_detected, d->dir_detected);
	for (size_t i = 0; i < d->nproblems; i++)
		buf_printf(b, "problem %d %s @%zu\n", d->problems[i].severity, d->problems[i].msg,
			   d->problems[i].line);
}

static void fuzz_check_structure(const struct doc *d)
{
	size_t n = d->nlines;
	if (d->title != NULL)
		FUZZ_CHECK(d->title_line < n && d->lines[d->title_line].kind == DOC_K_TITLE);
	for (size_t i = 0; i < d->nfields; i++) {
		FUZZ_CHECK(d->fields[i].line < n);
		FUZZ_CHECK(d->lines[d->fields[i].line].kind == DOC_K_HEADER);
		FUZZ_CHECK(d->fields[i].key >= DOC_KEY_NONE && d->fields[i].key < DOC_KEY_COUNT);
	}
	for (int a = 0; a < DOC_ATT_COUNT; a++)
		FUZZ_CHECK(d->att[a].line == NOLINE ? d->att[a].n == 0 : d->att[a].line < n);
	size_t prev_end = 0;
	for (size_t i = 0; i < d->nsections; i++) {
		const struct doc_section *s = &d->sections[i];
		if (s->line == NOLINE) {
			FUZZ_CHECK(i == 0 && s->heading == NULL);
		} else {
			FUZZ_CHECK(s->line < n && d->lines[s->line].kind == DOC_K_HEADING);
			FUZZ_CHECK(s->first == s->line + 1);
		}
		FUZZ_CHECK(s->first <= s->end && s->end <= n);
		FUZZ_CHECK(s->first >= prev_end);	/* in file order, not overlapping */
		prev_end = s->end;
		for (size_t l = s->first; l < s->end; l++)
			FUZZ_CHECK(doc_line_section(d, l) == (int)i);
	}
	for (size_t i = 0; i < n; i++) {
		int sec = doc_line_section(d, i);
		FUZZ_CHECK(sec >= -1 && (sec < 0 || (size_t)sec < d->nsections));
	}
	for (size_t i = 0; i < d->nagenda; i++) {
		FUZZ_CHECK(d->agenda[i].line < n && d->lines[d->agenda[i].line].kind == DOC_K_AGENDA);
		FUZZ_CHECK(doc_attr_of(d, d->agenda[i].line) != NULL &&
			   doc_attr_of(d, d->agenda[i].line)->id != NULL);
	}
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		FUZZ_CHECK(r->line < n && d->lines[r->line].kind == DOC_K_REC);
		FUZZ_CHECK(doc_attr_of(d, r->line) != NULL && doc_attr_of(d, r->line)->id != NULL);
		FUZZ_CHECK(r->kind == (r->owner != NULL ? DOC_REC_ACTION : DOC_REC_DECISION));
		FUZZ_CHECK(r->due_iso == NULL || r->due != NULL);
	}
	for (size_t i = 0; i < d->nproblems; i++)
		FUZZ_CHECK(d->problems[i].line == NOLINE || d->problems[i].line < n);
	FUZZ_CHECK(fuzz_ids_unique(d));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct doc *d = txt_read(in, size);
	FUZZ_CHECK(!d->stale && !d->modified);

	size_t n;
	char *out = txt_write(d, &n);
	FUZZ_CHECK(n == size && memcmp(out, in, n) == 0);
	free(out);

	fuzz_check_structure(d);
	struct buf first = BUF_INIT, second = BUF_INIT;
	fuzz_snapshot(d, &first);
	txt_analyse(d);
	fuzz_snapshot(d, &second);
	FUZZ_CHECK(first.len == second.len && memcmp(first.s, second.s, first.len) == 0);
	buf_free(&first);
	buf_free(&second);
	doc_free(d);
	return 0;
}
