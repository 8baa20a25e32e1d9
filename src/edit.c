/* edit: cursor, motions, selection, undo/redo and clipboard on a doc.
 *
 * Data model: the cursor and the selection anchor are (line, byte offset)
 * positions.  Every change is an edit_op — "at position at, text del was
 * replaced by text ins" — made by edit_replace(), which is its own inverse
 * when del and ins are swapped, so undo and redo are the same code.  Steps
 * (struct edit_step) are arrays of ops; e->undo and e->redo are stacks of
 * steps.  A step stays "open" (e->open = its kind) while typing may still
 * add to it; see the grouping rule in edit.h.
 *
 * The motions (cursor, selection) are in edit-move.c.
 *
 * Lines cut out of the document keep their sidecar attributes in the
 * removed text (edit_piece.attr), so undoing a deletion gives an action
 * item its id and status back; a cut also gives the clipboard a copy,
 * which the first paste puts on the pasted lines. */
#include "mahdar/edit.h"

#include "mahdar/doc.h"
#include "mahdar/layout.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* Kinds of open steps. */
enum { EDIT_OPEN_NONE = 0, EDIT_OPEN_TYPE, EDIT_OPEN_BACK, EDIT_OPEN_DEL };
/* A pause in typing this long (ms) ends the run: see the rule in edit.h. */
#define EDIT_TYPE_PAUSE_MS 1000

/* ---------------------------------------------------------------- texts */

void edit_text_add(struct edit_text *t, const char *s, size_t len, int eol)
{
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	struct edit_piece *p = &t->v[t->n++];
	p->s = xstrndup(s != NULL ? s : "", len);
	p->len = len;
	p->eol = eol;
	p->attr = NULL;
}

void edit_text_free(struct edit_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].s);
		doc_attr_free(t->v[i].attr);
	}
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static const char *edit_eol_bytes(int eol)
{
	return eol == DOC_EOL_CRLF ? "\r\n" : eol == DOC_EOL_LF ? "\n" : "";
}

char *edit_text_bytes(const struct edit_text *t, size_t *len)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += t->v[i].len + (i + 1 < t->n ? strlen(edit_eol_bytes(t->v[i].eol)) : 0);
	char *out = xmalloc(n + 1), *p = out;
	for (size_t i = 0; i < t->n; i++) {
		memcpy(p, t->v[i].s, t->v[i].len);
		p += t->v[i].len;
		if (i + 1 < t->n) {
			const char *eb = edit_eol_bytes(t->v[i].eol);
			memcpy(p, eb, strlen(eb));
			p += strlen(eb);
		}
	}
	*p = '\0';
	*len = n;
	return out;
}

/* Split bytes at \r\n, \n and \r into t; breaks get eol. */
static void edit_text_split(struct edit_text *t, const char *s, size_t len, int eol)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\n' && s[i] != '\r')
			continue;
		edit_text_add(t, s + start, i - start, eol);
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	edit_text_add(t, s + start, len - start, DOC_EOL_NONE);
}

static void edit_text_copy(struct edit_text *dst, const struct edit_text *src)
{
	for (size_t i = 0; i < src->n; i++)
		edit_text_add(dst, src->v[i].s, src->v[i].len, src->v[i].eol);
}

/* ------------------------------------------------------ document primitives */

int edit_pos_cmp(struct edit_pos a, struct edit_pos b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return a.off < b.off ? -1 : a.off > b.off;
}

/* Where text t ends once inserted at at. */
static struct edit_pos edit_text_end(struct edit_pos at, const struct edit_text *t)
{
	if (t->n <= 1)
		return (struct edit_pos){at.line, at.off + (t->n ? t->v[0].len : 0)};
	return (struct edit_pos){at.line + t->n - 1, t->v[t->n - 1].len};
}

/* Remove [a, b) from d into out (empty on entry).
 * Because an action item's attributes belong to its line, a range of whole
 * lines ((l,0) to (m,0)) is removed by deleting those lines, so the line
 * after them keeps its own attributes; edit_doc_insert() mirrors this. */
static void edit_doc_remove(struct doc *d, struct edit_pos a, struct edit_pos b, struct edit_text *out)
{
	struct doc_line *la = &d->lines[a.line];
	if (a.line == b.line) {
		edit_text_add(out, doc_line_str(d, la) + a.off, b.off - a.off, DOC_EOL_NONE);
		doc_line_splice(d, a.line, a.off, b.off - a.off, NULL, 0);
		return;
	}
	if (a.off == 0 && b.off == 0) {
		for (size_t i = a.line; i < b.line; i++) {
			struct doc_line *l = &d->lines[i];
			edit_text_add(out, doc_line_str(d, l), l->len, l->eol);
			out->v[out->n - 1].attr = doc_attr_set(d, i, NULL);
		}
		edit_text_add(out, NULL, 0, DOC_EOL_NONE);
		for (size_t i = a.line; i < b.line; i++)
			doc_line_delete(d, a.line);
		return;
	}
	edit_text_add(out, doc_line_str(d, la) + a.off, la->len - a.off, la->eol);
	for (size_t i = a.line + 1; i <= b.line; i++) {
		struct doc_line *l = &d->lines[i];
		if (i < b.line)
			edit_text_add(out, doc_line_str(d, l), l->len, l->eol);
		else
			edit_text_add(out, doc_line_str(d, l), b.off, DOC_EOL_NONE);
		out->v[out->n - 1].attr = doc_attr_set(d, i, NULL);
	}
	struct doc_line *lb = &d->lines[b.line];
	int eol = lb->eol;
	doc_line_splice(d, a.line, a.off, la->len - a.off, doc_line_str(d, lb) + b.off, lb->len - b.off);
	doc_line_set_eol(d, a.line, eol);
	for (size_t i = a.line + 1; i <= b.line; i++)
		doc_line_delete(d, a.line + 1);
}

/* Give line i the attributes held by piece p (moving them). */
static void edit_attr_move(struct doc *d, size_t i, struct edit_piece *p)
{
	if (p->attr == NULL)
		return;
	doc_attr_free(doc_attr_set(d, i, p->attr));
	p->attr = NULL;
}

/* Insert t at at; t's attributes move into the document. */
static void edit_doc_insert(struct doc *d, struct edit_pos at, struct edit_text *t)
{
	if (t->n == 0)
		return;
	if (t->n == 1) {
		doc_line_splice(d, at.line, at.off, 0, t->v[0].s, t->v[0].len);
		return;
	}
	if (at.off == 0 && t->v[t->n - 1].len == 0) {
		for (size_t k = 0; k + 1 < t->n; k++) {
			doc_line_insert(d, at.line + k, t->v[k].s, t->v[k].len, t->v[k].eol);
			edit_attr_move(d, at.line + k, &t->v[k]);
		}
		return;
	}
	struct doc_line *la = &d->lines[at.line];
	char *post = xstrndup(doc_line_str(d, la) + at.off, la->len - at.off);
	size_t post_len = la->len - at.off;
	int eol = la->eol;
	doc_line_splice(d, at.line, at.off, post_len, t->v[0].s, t->v[0].len);
	doc_line_set_eol(d, at.line, t->v[0].eol);
	for (size_t k = 1; k < t->n; k++) {
		struct edit_piece *p = &t->v[k];
		if (k + 1 < t->n) {
			doc_line_insert(d, at.line + k, p->s, p->len, p->eol);
		} else {
			doc_line_insert(d, at.line + k, p->s, p->len, eol);
			doc_line_splice(d, at.line + k, p->len, 0, post, post_len);
		}
		edit_attr_move(d, at.line + k, p);
	}
	free(post);
}

/* ------------------------------------------------------------ undo steps */

static void edit_step_free(struct edit_step *s)
{
	for (size_t i = 0; i < s->n; i++) {
		edit_text_free(&s->ops[i].del);
		edit_text_free(&s->ops[i].ins);
		doc_attr_free(s->ops[i].attr);
	}
	free(s->ops);
	memset(s, 0, sizeof *s);
}

static void edit_stack_clear(struct edit_step *v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		edit_step_free(&v[i]);
	*n = 0;
}

void edit_break(struct edit *e)
{
	e->open = EDIT_OPEN_NONE;
}

/* The step to add ops to: the open one when kind may continue it (or
 * the group's), else a new one. */
static struct edit_step *edit_step_for(struct edit *e, int kind)
{
	if (e->group && e->group_id != 0 && e->nundo > 0 && e->undo[e->nundo - 1].id == e->group_id) {
		edit_stack_clear(e->redo, &e->nredo);
		return &e->undo[e->nundo - 1];
	}
	int cont = e->nundo > 0 && e->open != EDIT_OPEN_NONE && kind != EDIT_OPEN_NONE &&
		   edit_pos_cmp(e->undo[e->nundo - 1].after, e->cur) == 0 &&
		   e->open == kind;
	edit_stack_clear(e->redo, &e->nredo);
	if (!cont) {
		e->undo = xgrow(e->undo, &e->undo_cap, e->nundo + 1, sizeof *e->undo);
		struct edit_step *s = &e->undo[e->nundo++];
		memset(s, 0, sizeof *s);
		s->before = e->cur;
		s->id = ++e->next_id;
		if (e->group)
			e->group_id = s->id;
	}
	e->open = kind;
	return &e->undo[e->nundo - 1];
}

/* off, or the end of the grapheme cluster off is inside of. */
static size_t edit_round_up(const struct doc *d, size_t i, size_t off)
{
	const struct doc_line *l = &d->lines[i];
	const char *s = doc_line_str(d, l);
	if (off == 0 || off >= l->len)
		return off;
	size_t next = ustr_grapheme_next(s, l->len, ustr_grapheme_prev(s, l->len, off));
	return next > off ? next : off;
}

/* Replace [a, b) by ins (consumed) as part of step s; the cursor goes to the
 * end of ins, and past the rest of a cluster the edit made there — because
 * a letter typed before a lone haraka (or a line joined to one that starts
 * with a mark) takes the mark, and a cursor inside a cluster would be drawn
 * before the letter just typed. */
static void edit_replace(struct edit *e, struct edit_step *s, struct edit_pos a, struct edit_pos b,
			 struct edit_text *ins)
{
	s->ops = xgrow(s->ops, &s->cap, s->n + 1, sizeof *s->ops);
	struct edit_op *op = &s->ops[s->n++];
	memset(op, 0, sizeof *op);
	op->at = a;
	if (edit_pos_cmp(a, b) != 0)
		edit_doc_remove(e->doc, a, b, &op->del);
	else
		edit_text_add(&op->del, NULL, 0, DOC_EOL_NONE);
	op->ins = *ins;
	memset(ins, 0, sizeof *ins);
	if (op->ins.n == 0)
		edit_text_add(&op->ins, NULL, 0, DOC_EOL_NONE);
	edit_doc_insert(e->doc, a, &op->ins);
	e->cur = edit_text_end(a, &op->ins);
	e->cur.off = edit_round_up(e->doc, e->cur.line, e->cur.off);
	s->after = e->cur;
	e->sel = 0;
	e->goal = -1;
}

/* Apply op backwards (undo) or forwards (redo): remove what one side put in,
 * put the other back.  The removed text (with any attributes) replaces that side. */
static void edit_op_swap(struct edit *e, struct edit_op *op, int undo)
{
	if (op->attr_op) {
		op->attr = doc_line_attr_swap(e->doc, op->attr_line, op->attr);
		return;
	}
	struct edit_text *out = undo ? &op->ins : &op->del;
	struct edit_text *in = undo ? &op->del : &op->ins;
	struct edit_pos end = edit_text_end(op->at, out);
	struct edit_text removed = {0};
	if (edit_pos_cmp(op->at, end) != 0)
		edit_doc_remove(e->doc, op->at, end, &removed);
	else
		edit_text_add(&removed, NULL, 0, DOC_EOL_NONE);
	edit_text_free(out);
	*out = removed;
	edit_doc_insert(e->doc, op->at, in);
}

static void edit_modified_update(struct edit *e)
{
	unsigned long top = e->nundo ? e->undo[e->nundo - 1].id : 0;
	e->doc->modified = top != e->saved_id;
}

/* Move the top step of stack from (undo = 1: the undo stack) to the other
 * stack, applying it backwards or forwards. */
static int edit_history(struct edit *e, int undo)
{
	struct edit_step **from = undo ? &e->undo : &e->redo, **to = undo ? &e->redo : &e->undo;
	size_t *nfrom = undo ? &e->nundo : &e->nredo, *nto = undo ? &e->nredo : &e->nundo;
	size_t *capto = undo ? &e->redo_cap : &e->undo_cap;
	if (*nfrom == 0)
		return -1;
	struct edit_step s = (*from)[--*nfrom];
	for (size_t k = 0; k < s.n; k++)
		edit_op_swap(e, &s.ops[undo ? s.n - 1 - k : k], undo);
	*to = xgrow(*to, capto, *nto + 1, sizeof **to);
	(*to)[(*nto)++] = s;
	e->cur = undo ? s.before : s.after;
	e->sel = 0;
	e->goal = -1;
	e->open = EDIT_OPEN_NONE;
	edit_modified_update(e);
	return 0;
}

int edit_undo(struct edit *e)
{
	return edit_history(e, 1);
}

int edit_redo(struct edit *e)
{
	return edit_history(e, 0);
}

void edit_mark_saved(struct edit *e)
{
	e->saved_id = e->nundo ? e->undo[e->nundo - 1].id : 0;
	e->open = EDIT_OPEN_NONE;
}

/* ------------------------------------------------------------ lifecycle */

/* Milliseconds on the monotonic clock: the default e->clock. */
static long long edit_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct edit *edit_new(struct doc *d, edit_layout_fn layout, void *ctx)
{
	struct edit *e = xcalloc(1, sizeof *e);
	e->doc = d;
	e->layout = layout;
	e->layout_ctx = ctx;
	e->goal = -1;
	e->page_rows = 1;
	e->clock = edit_clock_ms;
	if (d->modified)
		e->saved_id = EDIT_NEVER_SAVED;
	if (d->nlines == 0) {
		int mod = d->modified;
		doc_line_insert(d, 0, "", 0, DOC_EOL_NONE);
		d->modified = mod;
	}
	return e;
}

void edit_free(struct edit *e)
{
	if (e == NULL)
		return;
	edit_stack_clear(e->undo, &e->nundo);
	edit_stack_clear(e->redo, &e->nredo);
	free(e->undo);
	free(e->redo);
	edit_text_free(&e->clip);
	free(e);
}

void edit_set_layout(struct edit *e, edit_layout_fn layout, void *ctx)
{
	e->layout = layout;
	e->layout_ctx = ctx;
}

void edit_set_page_rows(struct edit *e, int rows)
{
	e->page_rows = rows > 0 ? rows : 1;
}

void edit_set_logical(struct edit *e, int logical)
{
	e->logical = logical != 0;
}

int edit_logical(const struct edit *e)
{
	return e->logical;
}

void edit_select_none(struct edit *e)
{
	e->sel = 0;
}

/* ------------------------------------------------------------ edits */

static struct doc_line *edit_line(const struct edit *e, size_t i)
{
	return &e->doc->lines[i];
}


/* Replace the selection (if any) by ins in step s; else insert at the cursor. */
static void edit_replace_sel(struct edit *e, struct edit_step *s, struct edit_text *ins)
{
	struct edit_pos a, b;
	if (!edit_selection(e, &a, &b))
		a = b = e->cur;
	edit_replace(e, s, a, b, ins);
}

/* s[0..*len) without its NUL bytes: s itself, or a copy in *copy (caller
 * frees).  *dropped gets how many there were. */
static const char *edit_no_nul(const char *s, size_t *len, char **copy, size_t *dropped)
{
	*copy = NULL;
	*dropped = 0;
	if (*len == 0 || memchr(s, '\0', *len) == NULL)
		return s;
	char *c = xmalloc(*len);
	size_t n = 0;
	for (size_t i = 0; i < *len; i++)
		if (s[i] != '\0')
			c[n++] = s[i];
	*dropped = *len - n;
	*len = n;
	*copy = c;
	return c;
}

void edit_type(struct edit *e, const char *text, size_t len)
{
	char *copy;
	size_t dropped, i = 0;
	const char *s = edit_no_nul(text, &len, &copy, &dropped);
	while (i < len) {
		uint32_t cp;
		size_t n = ustr_decode(s + i, len - i, &cp);
		(void)cp;
		int kind = EDIT_OPEN_TYPE;
		/* A pause ends the run of typing: see the rule in edit.h. */
		long long now = e->clock != NULL ? e->clock() : 0;
		if (e->open == EDIT_OPEN_TYPE && now - e->typed_ms >= EDIT_TYPE_PAUSE_MS)
			edit_break(e);
		e->typed_ms = now;
		struct edit_step *st = edit_step_for(e, e->sel ? EDIT_OPEN_NONE : kind);
		struct edit_text t = {0};
		edit_text_add(&t, s + i, n, DOC_EOL_NONE);
		edit_replace_sel(e, st, &t);
		e->open = kind;
		i += n;
	}
	free(copy);
}

/* The terminator new lines get: the document's most common one.
 * Because counting walks every line, it is counted once, when first
 * needed; lines mahdar adds all get it, so typing cannot change it. */
static int edit_eol(struct edit *e)
{
	if (e->eol == DOC_EOL_NONE)
		e->eol = doc_eol_default(e->doc);
	return e->eol;
}

/* Terminator for a new line break at the cursor's line. */
static int edit_break_eol(struct edit *e)
{
	int eol = edit_line(e, e->cur.line)->eol;
	return eol != DOC_EOL_NONE ? eol : edit_eol(e);
}

void edit_newline(struct edit *e)
{
	struct edit_text t = {0};
	edit_text_add(&t, NULL, 0, edit_break_eol(e));
	edit_text_add(&t, NULL, 0, DOC_EOL_NONE);
	edit_replace_sel(e, edit_step_for(e, EDIT_OPEN_NONE), &t);
	e->open = EDIT_OPEN_NONE;
}

size_t edit_insert_text(struct edit *e, const char *text, size_t len)
{
	char *copy;
	size_t dropped;
	const char *s = edit_no_nul(text, &len, &copy, &dropped);
	struct edit_text t = {0};
	edit_text_split(&t, s, len, edit_eol(e));
	edit_replace_sel(e, edit_step_for(e, EDIT_OPEN_NONE), &t);
	e->open = EDIT_OPEN_NONE;
	free(copy);
	return dropped;
}

/* Delete the selection as a step of its own; 0 if there was none. */
static int edit_delete_sel(struct edit *e)
{
	struct edit_pos a, b;
	if (!edit_selection(e, &a, &b)) {
		e->sel = 0;
		return 0;
	}
	struct edit_text t = {0};
	edit_replace(e, edit_step_for(e, EDIT_OPEN_NONE), a, b, &t);
	e->open = EDIT_OPEN_NONE;
	return 1;
}

void edit_backspace(struct edit *e)
{
	if (edit_delete_sel(e))
		return;
	struct edit_pos b = e->cur, a = b;
	const struct doc_line *l = edit_line(e, b.line);
	if (b.off == 0) {
		if (b.line == 0)
			return;
		a = (struct edit_pos){b.line - 1, edit_line(e, b.line - 1)->len};
	} else {
		uint32_t cp;
		size_t start = b.off - ustr_decode_prev(doc_line_str(e->doc, l), b.off, &cp);
		size_t gstart = ustr_grapheme_prev(doc_line_str(e->doc, l), l->len, b.off);
		/* Because a typist fixes a wrong haraka or niqqud by erasing
		 * just that mark, not the letter it sits on; and a misplaced
		 * Persian half-space (ZWNJ) or joiner (ZWJ) the same way.
		 * (Variation selectors are marks too.) */
		int lone = cp == 0x200C || cp == 0x200D || (cp != USTR_INVALID && ustr_is_mark(cp));
		a.off = (lone && gstart < start) ? start : gstart;
	}
	struct edit_text t = {0};
	edit_replace(e, edit_step_for(e, EDIT_OPEN_BACK), a, b, &t);
}

void edit_delete(struct edit *e)
{
	if (edit_delete_sel(e))
		return;
	struct edit_pos a = e->cur, b = a;
	const struct doc_line *l = edit_line(e, a.line);
	if (a.off >= l->len) {
		if (a.line + 1 >= e->doc->nlines)
			return;
		b = (struct edit_pos){a.line + 1, 0};
	} else {
		b.off = ustr_grapheme_next(doc_line_str(e->doc, l), l->len, a.off);
	}
	struct edit_text t = {0};
	edit_replace(e, edit_step_for(e, EDIT_OPEN_DEL), a, b, &t);
}

/* ------------------------------------------------------------ clipboard */

/* Copy [a, b) of the document into t. */
static void edit_doc_copy(const struct edit *e, struct edit_pos a, struct edit_pos b, struct edit_text *t)
{
	for (size_t i = a.line; i <= b.line; i++) {
		const struct doc_line *l = edit_line(e, i);
		size_t from = i == a.line ? a.off : 0;
		size_t to = i == b.line ? b.off : l->len;
		edit_text_add(t, doc_line_str(e->doc, l) + from, to - from, i == b.line ? DOC_EOL_NONE : l->eol);
	}
}

int edit_copy(struct edit *e)
{
	struct edit_pos a, b;
	if (!edit_selection(e, &a, &b))
		return -1;
	edit_text_free(&e->clip);
	edit_doc_copy(e, a, b, &e->clip);
	return 0;
}

int edit_cut(struct edit *e)
{
	if (!e->sel || !edit_delete_sel(e))
		return -1;
	/* The step just made holds the removed text and the sidecar data of
	 * the whole lines it took out (for undo); the clipboard gets a copy of
	 * that data, so that moving an action item keeps its id and status.
	 * The last piece is never a whole line. */
	const struct edit_step *s = &e->undo[e->nundo - 1];
	const struct edit_text *del = &s->ops[s->n - 1].del;
	edit_text_free(&e->clip);
	edit_text_copy(&e->clip, del);
	for (size_t k = 0; k + 1 < del->n; k++)
		e->clip.v[k].attr = doc_attr_dup(del->v[k].attr);
	return 0;
}

int edit_paste(struct edit *e)
{
	if (e->clip.n == 0)
		return -1;
	struct edit_text t = {0};
	edit_text_copy(&t, &e->clip);
	/* The first paste gives cut lines their data back; a later one gets
	 * none.  Because an undone cut put the item back in the document,
	 * data whose id is there already is dropped too: no id on two lines. */
	for (size_t k = 0; k < e->clip.n; k++) {
		struct doc_attr *a = e->clip.v[k].attr;
		e->clip.v[k].attr = NULL;
		if (a != NULL && a->id != NULL && doc_find_id(e->doc, a->id) != (size_t)-1) {
			doc_attr_free(a);
			a = NULL;
		}
		t.v[k].attr = a;
	}
	edit_replace_sel(e, edit_step_for(e, EDIT_OPEN_NONE), &t);
	e->open = EDIT_OPEN_NONE;
	return 0;
}

/* ------------------------------------------------------ structured edits */

void edit_replace_range(struct edit *e, struct edit_pos a, struct edit_pos b, const char *text, size_t len)
{
	char *copy;
	size_t dropped;
	const char *s = edit_no_nul(text, &len, &copy, &dropped);
	a = edit_pos_round(e, a);
	b = edit_pos_round(e, b);
	if (edit_pos_cmp(a, b) > 0) {
		struct edit_pos t = a;
		a = b;
		b = t;
	}
	struct edit_text t = {0};
	edit_text_split(&t, s, len, edit_eol(e));
	struct edit_step *st = edit_step_for(e, EDIT_OPEN_NONE);
	edit_replace(e, st, a, b, &t);
	e->open = EDIT_OPEN_NONE;
	free(copy);
}

void edit_group_begin(struct edit *e)
{
	e->open = EDIT_OPEN_NONE;
	e->group = 1;
	e->group_id = 0;
}

void edit_group_end(struct edit *e)
{
	e->group = 0;
	e->group_id = 0;
	e->open = EDIT_OPEN_NONE;
}

int edit_set_attr(struct edit *e, size_t line, const struct doc_attr *a)
{
	if (line >= e->doc->nlines)
		return -1;
	struct edit_step *s = edit_step_for(e, EDIT_OPEN_NONE);
	s->ops = xgrow(s->ops, &s->cap, s->n + 1, sizeof *s->ops);
	struct edit_op *op = &s->ops[s->n++];
	memset(op, 0, sizeof *op);
	op->at = e->cur;
	op->attr_op = 1;
	op->attr_line = line;
	op->attr = doc_line_attr_swap(e->doc, line, doc_attr_dup(a));
	s->after = e->cur;
	e->open = EDIT_OPEN_NONE;
	return 0;
}

int edit_set_status(struct edit *e, size_t line, int status)
{
	if (line >= e->doc->nlines)
		return -1;
	const struct doc_attr *cur = doc_attr_of(e->doc, line);
	if ((cur != NULL ? cur->status : DOC_ST_OPEN) == status)
		return -1;
	struct doc_attr a = {0};
	if (cur != NULL)
		a = *cur;
	a.status = status;
	return edit_set_attr(e, line, &a);
}

/* ------------------------------------------------------------ line direction */

/* Bytes of the direction marks (U+200E LRM, U+200F RLM, U+061C ALM) at
 * the start of line l. */
static size_t edit_lead_marks(const struct doc *d, const struct doc_line *l)
{
	const char *s = doc_line_str(d, l);
	size_t k = 0;
	for (;;) {
		if (l->len - k >= 3 && memcmp(s + k, "\xE2\x80", 2) == 0 &&
		    (s[k + 2] == '\x8E' || s[k + 2] == '\x8F'))
			k += 3;
		else if (l->len - k >= 2 && memcmp(s + k, "\xD8\x9C", 2) == 0)
			k += 2;
		else
			return k;
	}
}

/* The direction s[0..n)'s own letters give it (first strong character),
 * or -1 when it has none. */
static int edit_own_dir(const char *s, size_t n)
{
	struct layout_opts o = { .width = 1 << 14, .base = LAYOUT_AUTO, .fallback = LAYOUT_LTR };
	struct layout *a = layout_line(s, n, &o);
	o.fallback = LAYOUT_RTL;
	struct layout *b = layout_line(s, n, &o);
	int dir = a->dir == b->dir ? a->dir : -1;
	layout_free(a);
	layout_free(b);
	return dir;
}

int edit_line_direction(struct edit *e, int dir)
{
	size_t line = e->cur.line;
	const struct doc_line *l = edit_line(e, line);
	int now = e->layout(e->layout_ctx, line)->dir == LAYOUT_RTL ? LAYOUT_RTL : LAYOUT_LTR;
	int want = dir < 0 ? (now == LAYOUT_RTL ? LAYOUT_LTR : LAYOUT_RTL) : dir ? LAYOUT_RTL : LAYOUT_LTR;
	size_t k = edit_lead_marks(e->doc, l);
	/* Because a mark the line does not need is noise in the file, one is
	 * put in only when the letters alone do not give the direction. */
	const char *mark = edit_own_dir(doc_line_str(e->doc, l) + k, l->len - k) == want ? NULL :
			   want == LAYOUT_RTL ? "\xE2\x80\x8F" : "\xE2\x80\x8E";
	if (want == now && (k == 0 || mark != NULL))
		return want == LAYOUT_RTL;	/* nothing to do */
	size_t off = e->cur.off > k ? e->cur.off - k : 0;
	struct edit_step *st = edit_step_for(e, EDIT_OPEN_NONE);
	struct edit_text t = {0};
	if (k > 0)
		edit_replace(e, st, (struct edit_pos){line, 0}, (struct edit_pos){line, k}, &t);
	if (mark != NULL) {
		edit_text_add(&t, mark, 3, DOC_EOL_NONE);
		edit_replace(e, st, (struct edit_pos){line, 0}, (struct edit_pos){line, 0}, &t);
		off += 3;
	}
	e->cur = (struct edit_pos){line, off};
	st->after = e->cur;
	e->open = EDIT_OPEN_NONE;
	return want == LAYOUT_RTL;
}
