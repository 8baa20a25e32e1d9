/* fuzz edit: a document and a sequence of editing operations decoded from
 * the input, applied as the editor does (layouts from a view, the view
 * following the cursor and rendered after each key):
 *   - the cursor (and the selection's anchor) is always on a grapheme
 *     boundary of an existing line; the rendered grid holds no control byte;
 *   - undoing everything gives back the original bytes, redoing all that
 *     was undone the final ones; item ids stay unique through it all;
 *   - saved (text and sidecar) and opened again, every item has its id.
 *
 * Input: byte 0 = length n of the initial text, bytes 1..n the text (read
 * as a file: any bytes), then operations, one opcode byte each with their
 * arguments after it. */
#include "fuzz.h"

#include "mahdar/edit.h"
#include "mahdar/layout.h"
#include "mahdar/side.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>

/* What a typist types: one character (or cluster) at a time, as the
 * terminal layer delivers it (valid UTF-8, no control characters). */
static const char *const fuzz_typed[] = {
	"a", " ", "1", "#", "-", ".", ":", "\xd8\xb3" /* seen */, "\xd9\x8e" /* fatha */,
	"\xd9\x91" /* shadda */, "\xd7\x90" /* alef */, "\xd6\xb8" /* qamats */,
	"\xdb\xb1" /* Persian 1 */, "\xe2\x80\x8c" /* ZWNJ */, "\xe2\x80\x8d" /* ZWJ */,
	"\xe2\x80\x8f" /* RLM */, "\xe2\x80\xae" /* RLO */, "\xe2\x80\xac" /* PDF */,
	"\xe4\xb8\xad" /* wide */, "\xf0\x9f\x87\xa6" /* regional A */, "\xcc\x81" /* acute */,
	"\xe1\x84\x80" /* Hangul L */, "\xe1\x85\xa1" /* Hangul V */, "\xe2\x80\x94" /* em dash */,
	"\xc2\xa0" /* no-break space */, "\xef\xbb\xbf" /* BOM */, "(", "]",
};

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static unsigned fuzz_byte(struct fuzz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static const struct layout *fuzz_layout_of(void *ctx, size_t line)
{
	return view_layout(ctx, line);
}

static char *fuzz_text(const struct doc *d, size_t *n)
{
	return txt_write(d, n);
}

static void fuzz_check_pos(const struct doc *d, struct edit_pos p)
{
	FUZZ_CHECK(p.line < d->nlines);
	const struct doc_line *l = &d->lines[p.line];
	FUZZ_CHECK(fuzz_on_boundary(doc_line_str(d, l), l->len, p.off));
}

static void fuzz_check_grid(const struct view_grid *g)
{
	for (int i = 0; i < g->rows * g->cols; i++) {
		const struct view_cell *c = &g->cells[i];
		FUZZ_CHECK((size_t)c->text + c->len <= g->text[i / g->cols].len || c->len == 0);
		if (c->len > 0)
			FUZZ_CHECK(fuzz_clean_text(view_cell_text(g, i / g->cols, c), c->len));
		/* A cell w columns wide is followed by w - 1 empty ones on its row. */
		FUZZ_CHECK(i % g->cols + c->width <= g->cols);
		for (int k = 1; k < c->width; k++)
			FUZZ_CHECK(g->cells[i + k].width == 0 && g->cells[i + k].len == 0);
	}
	FUZZ_CHECK((g->cur_row < 0) == (g->cur_col < 0));
	FUZZ_CHECK(g->cur_row < g->rows && g->cur_col < g->cols);
}

static const char *fuzz_id(const struct doc *d, size_t line)
{
	const struct doc_attr *a = doc_attr_of(d, line);
	return a != NULL && a->id != NULL ? a->id : "";
}

/* Saved as the store saves (analysed, text and sidecar) and opened again:
 * the same items with the same ids, nothing reported. */
static void fuzz_save_reopen(struct doc *d, const char *text, size_t len)
{
	if (d->stale)
		txt_analyse(d);
	FUZZ_CHECK(fuzz_ids_unique(d));
	size_t jlen;
	char *json = side_write(d, text, len, "2026-11-25T10:00:00+03:30", &jlen);
	struct doc *re = txt_read(text, len);
	struct side_report rep;
	FUZZ_CHECK(side_apply(re, json, jlen, text, len, "fuzz.json", &rep) == SIDE_OK);
	FUZZ_CHECK(rep.msg == NULL && rep.unmatched == 0);
	FUZZ_CHECK(re->nagenda == d->nagenda && re->nrecs == d->nrecs);
	for (size_t i = 0; i < d->nagenda; i++)
		FUZZ_CHECK(strcmp(fuzz_id(re, re->agenda[i].line), fuzz_id(d, d->agenda[i].line)) == 0);
	for (size_t i = 0; i < d->nrecs; i++)
		FUZZ_CHECK(strcmp(fuzz_id(re, re->recs[i].line), fuzz_id(d, d->recs[i].line)) == 0);
	free(rep.msg);
	free(json);
	doc_free(re);
}

/* Bytes in d.  Because select-all, copy and paste double a document each
 * time, inputs would otherwise grow it exponentially and time out. */
static size_t fuzz_doc_bytes(const struct doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nlines; i++)
		n += d->lines[i].len + 1;
	return n;
}

#define FUZZ_MAX_DOC 20000

/* FUZZ_TRACE=1 in the environment: each step and the lines after it, on
 * stderr, to see what a saved input does. */
static void fuzz_trace(const struct edit *e, const char *what, unsigned arg)
{
	if (getenv("FUZZ_TRACE") == NULL)
		return;
	fprintf(stderr, "%s %u -> cursor %zu:%zu%s\n", what, arg, e->cur.line, e->cur.off, e->sel ? " sel" : "");
	for (size_t i = 0; i < e->doc->nlines; i++) {
		const struct doc_line *l = &e->doc->lines[i];
		const struct doc_attr *a = doc_attr_of(e->doc, i);
		const char *s = doc_line_str(e->doc, l);
		fprintf(stderr, "  %zu [%s] k%d \"", i, a != NULL && a->id != NULL ? a->id : "", l->kind);
		for (size_t k = 0; k < l->len; k++)
			fprintf(stderr, (unsigned char)s[k] < 0x20 || (unsigned char)s[k] >= 0x7f ? "\\x%02x" : "%c",
				(unsigned char)s[k]);
		fprintf(stderr, "\" eol %d\n", l->eol);
	}
}

static void fuzz_op(struct edit *e, struct view *v, struct fuzz_in *in)
{
	unsigned op = fuzz_byte(in) % 24, a;
	if ((op == 16 || op == 9) && fuzz_doc_bytes(e->doc) > FUZZ_MAX_DOC)
		op = 20;	/* no paste, no redo of one */
	switch (op) {
	case 0: case 1: case 2: case 3:	/* typing is the common case */
		a = fuzz_byte(in);
		edit_type(e, fuzz_typed[a % UTIL_ARRAY_LEN(fuzz_typed)],
			  strlen(fuzz_typed[a % UTIL_ARRAY_LEN(fuzz_typed)]));
		break;
	case 4: edit_backspace(e); break;
	case 5: edit_delete(e); break;
	case 6: edit_newline(e); break;
	case 7: case 8: edit_undo(e); break;
	case 9: edit_redo(e); break;
	case 10: case 11: case 12:
		a = fuzz_byte(in);
		edit_move(e, (int)(a % 12), (a >> 4) & 1);
		break;
	case 13: edit_select_all(e); break;
	case 14: edit_copy(e); break;
	case 15: edit_cut(e); break;
	case 16: edit_paste(e); break;
	case 17: {	/* a bracketed paste from the terminal: any bytes */
		size_t n = fuzz_byte(in) % 16;
		if (n > in->n)
			n = in->n;
		edit_insert_text(e, (const char *)in->p, n);
		in->p += n, in->n -= n;
		break;
	}
	case 18: {	/* a click */
		struct edit_pos p;
		int row = (int)(fuzz_byte(in) % 8), col = (int)(fuzz_byte(in) % 40) - 2;
		if (view_hit(v, row, col, &p) == 0)
			edit_set_cursor(e, p, fuzz_byte(in) & 1);
		break;
	}
	case 19: {	/* any position, rounded by edit_set_cursor */
		struct edit_pos p = { fuzz_byte(in) % 8, fuzz_byte(in) % 64 };
		edit_set_cursor(e, p, fuzz_byte(in) & 1);
		break;
	}
	case 20: edit_break(e); break;
	case 21: e->logical = !e->logical; break;
	case 22:	/* the view changes: width, flags */
		a = fuzz_byte(in);
		view_resize(v, 3 + (int)(a % 8), 1 + (int)((a >> 3) % 30));
		view_set_flags(v, fuzz_byte(in) & 7);
		e->page_rows = view_text_rows(v) > 0 ? view_text_rows(v) : 1;
		break;
	case 23:	/* typing paused: the structure is analysed again */
		txt_analyse(e->doc);
		break;
	}
}

/* A frame that rewrote only some rows shows what a fresh view would. */
static void fuzz_check_fresh(struct view *v, const struct edit *e, const struct view_status *st,
			     const struct view_grid *g)
{
	struct view *f = view_new(v->doc, v->rows, v->cols);
	view_set_flags(f, v->lo.flags);
	f->top_line = v->top_line;
	f->top_row = v->top_row;
	const struct view_grid *h = view_render(f, e, st);
	FUZZ_CHECK(h->rows == g->rows && h->cols == g->cols && h->cur_row == g->cur_row && h->cur_col == g->cur_col);
	for (int i = 0; i < g->rows * g->cols; i++) {
		const struct view_cell *a = &g->cells[i], *b = &h->cells[i];
		FUZZ_CHECK(a->width == b->width && a->attr == b->attr && a->len == b->len);
		if (a->len > 0)
			FUZZ_CHECK(memcmp(view_cell_text(g, i / g->cols, a), view_cell_text(h, i / h->cols, b), a->len) == 0);
	}
	view_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t tlen = data[0];
	if (tlen > size - 1)
		tlen = size - 1;
	struct doc *d = txt_read((const char *)data + 1, tlen);
	struct view *v = view_new(d, 8, 12);
	struct edit *e = edit_new(d, fuzz_layout_of, v);
	e->page_rows = view_text_rows(v);
	size_t orig_len, final_len;
	char *orig = fuzz_text(d, &orig_len);
	struct view_status st = { .name = "fuzz.txt", .line = 1, .col = 1 };

	struct fuzz_in in = { data + 1 + tlen, size - 1 - tlen };
	fuzz_trace(e, "start", 0);
	while (in.n > 0) {
		unsigned op = in.p[0];
		fuzz_op(e, v, &in);
		fuzz_trace(e, "op", op % 24);
		fuzz_check_pos(d, e->cur);
		if (e->sel)
			fuzz_check_pos(d, e->anchor);
		FUZZ_CHECK(fuzz_ids_unique(d));
		view_follow(v, e->cur.line, e->cur.off);
		st.modified = d->modified;
		const struct view_grid *g = view_render(v, e, &st);
		fuzz_check_grid(g);
		fuzz_check_fresh(v, e, &st, g);
	}

	char *final = fuzz_text(d, &final_len);
	fuzz_save_reopen(d, final, final_len);
	size_t steps = 0, nundo = e->nundo;
	fuzz_trace(e, "saved and reopened", 0);
	while (edit_undo(e) == 0) {
		fuzz_trace(e, "undo", 0);
		fuzz_check_pos(d, e->cur);
		FUZZ_CHECK(fuzz_ids_unique(d));
		steps++;
	}
	FUZZ_CHECK(steps == nundo);
	size_t n;
	char *now = fuzz_text(d, &n);
	FUZZ_CHECK(n == orig_len && memcmp(now, orig, n) == 0);
	FUZZ_CHECK(!d->modified);
	free(now);
	for (size_t k = 0; k < steps; k++) {	/* as far as the undo went */
		FUZZ_CHECK(edit_redo(e) == 0);
		fuzz_check_pos(d, e->cur);
		FUZZ_CHECK(fuzz_ids_unique(d));
	}
	now = fuzz_text(d, &n);
	FUZZ_CHECK(n == final_len && memcmp(now, final, n) == 0);
	free(now);

	free(orig);
	free(final);
	edit_free(e);
	doc_free(d);
	view_free(v);
	return 0;
}
