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

static int edit_pos_cmp(struct edit_pos a, struct edit_pos b)
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
	struct doc_line *la = d->lines[a.line];
	if (a.line == b.line) {
		edit_text_add(out, la->s + a.off, b.off - a.off, DOC_EOL_NONE);
		doc_line_splice(d, a.line, a.off, b.off - a.off, NULL, 0);
		return;
	}
	if (a.off == 0 && b.off == 0) {
		for (size_t i = a.line; i < b.line; i++) {
			struct doc_line *l = d->lines[i];
			edit_text_add(out, l->s, l->len, l->eol);
			out->v[out->n - 1].attr = l->attr;
			l->attr = NULL;
		}
		edit_text_add(out, NULL, 0, DOC_EOL_NONE);
		for (size_t i = a.line; i < b.line; i++)
			doc_line_delete(d, a.line);
		return;
	}
	edit_text_add(out, la->s + a.off, la->len - a.off, la->eol);
	for (size_t i = a.line + 1; i <= b.line; i++) {
		struct doc_line *l = d->lines[i];
		if (i < b.line)
			edit_text_add(out, l->s, l->len, l->eol);
		else
			edit_text_add(out, l->s, b.off, DOC_EOL_NONE);
		out->v[out->n - 1].attr = l->attr;
		l->attr = NULL;
	}
	struct doc_line *lb = d->lines[b.line];
	int eol = lb->eol;
	doc_line_splice(d, a.line, a.off, la->len - a.off, lb->s + b.off, lb->len - b.off);
	doc_line_set_eol(d, a.line, eol);
	for (size_t i = a.line + 1; i <= b.line; i++)
		doc_line_delete(d, a.line + 1);
}

/* Give line l the attributes held by piece p (moving them). */
static void edit_attr_move(struct doc_line *l, struct edit_piece *p)
{
	if (p->attr == NULL)
		return;
	doc_attr_free(l->attr);
	l->attr = p->attr;
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
			struct doc_line *l = doc_line_insert(d, at.line + k, t->v[k].s, t->v[k].len, t->v[k].eol);
			edit_attr_move(l, &t->v[k]);
		}
		return;
	}
	struct doc_line *la = d->lines[at.line];
	char *post = xstrndup(la->s + at.off, la->len - at.off);
	size_t post_len = la->len - at.off;
	int eol = la->eol;
	doc_line_splice(d, at.line, at.off, post_len, t->v[0].s, t->v[0].len);
	doc_line_set_eol(d, at.line, t->v[0].eol);
	for (size_t k = 1; k < t->n; k++) {
		struct edit_piece *p = &t->v[k];
		struct doc_line *l;
		if (k + 1 < t->n) {
			l = doc_line_insert(d, at.line + k, p->s, p->len, p->eol);
		} else {
			l = doc_line_insert(d, at.line + k, p->s, p->len, eol);
			doc_line_splice(d, at.line + k, p->len, 0, post, post_len);
		}
		edit_attr_move(l, p);
	}
	free(post);
}

/* ------------------------------------------------------------ undo steps */

static void edit_step_free(struct edit_step *s)
{
	for (size_t i = 0; i < s->n; i++) {
		edit_text_free(&s->ops[i].del);
		edit_text_free(&s->ops[i].ins);
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

/* The step to add ops to: the open one when kind may continue it, else a new one. */
static struct edit_step *edit_step_for(struct edit *e, int kind)
{
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
	}
	e->open = kind;
	return &e->undo[e->nundo - 1];
}

/* off, or the end of the grapheme cluster off is inside of. */
static size_t edit_round_up(const struct doc_line *l, size_t off)
{
	if (off == 0 || off >= l->len)
		return off;
	size_t next = ustr_grapheme_next(l->s, l->len, ustr_grapheme_prev(l->s, l->len, off));
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
	e->cur.off = edit_round_up(e->doc->lines[e->cur.line], e->cur.off);
	s->after = e->cur;
	e->sel = 0;
	e->goal = -1;
}

/* Apply op backwards (undo) or forwards (redo): remove what one side put in,
 * put the other back.  The removed text (with any attributes) replaces that side. */
static void edit_op_swap(struct edit *e, struct edit_op *op, int undo)
{
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

/* ------------------------------------------------------------ motions */

static struct doc_line *edit_line(const struct edit *e, size_t i)
{
	return e->doc->lines[i];
}

static size_t edit_next(const struct edit *e, struct edit_pos p)
{
	const struct doc_line *l = edit_line(e, p.line);
	return ustr_grapheme_next(l->s, l->len, p.off);
}

static size_t edit_prev(const struct edit *e, struct edit_pos p)
{
	const struct doc_line *l = edit_line(e, p.line);
	return ustr_grapheme_prev(l->s, l->len, p.off);
}

/* One grapheme forward (+1) or backward (-1) in logical order, across lines. */
static struct edit_pos edit_step_logical(const struct edit *e, struct edit_pos p, int dir)
{
	const struct doc_line *l = edit_line(e, p.line);
	if (dir > 0) {
		if (p.off < l->len)
			p.off = edit_next(e, p);
		else if (p.line + 1 < e->doc->nlines)
			p = (struct edit_pos){p.line + 1, 0};
	} else {
		if (p.off > 0)
			p.off = edit_prev(e, p);
		else if (p.line > 0)
			p = (struct edit_pos){p.line - 1, edit_line(e, p.line - 1)->len};
	}
	return p;
}

static const struct layout *edit_lay(const struct edit *e, size_t line)
{
	return e->layout(e->layout_ctx, line);
}

/* Grapheme index of byte offset off in a laid-out line. */
static size_t edit_g(const struct layout *lay, size_t off)
{
	return layout_g_of_off(lay, off);
}

static int edit_line_rtl(const struct edit *e, size_t line)
{
	return edit_lay(e, line)->dir == LAYOUT_RTL;
}

/* One cell left (-1) or right (+1) on screen. */
static struct edit_pos edit_step_visual(const struct edit *e, struct edit_pos p, int dir)
{
	const struct layout *lay = edit_lay(e, p.line);
	size_t g = layout_move(lay, edit_g(lay, p.off), dir);
	if (g == LAYOUT_OFF_START || g == LAYOUT_OFF_END) {
		int prev = g == LAYOUT_OFF_START;
		if (prev ? p.line == 0 : p.line + 1 >= e->doc->nlines)
			return p;
		size_t line = prev ? p.line - 1 : p.line + 1;
		lay = edit_lay(e, line);
		return (struct edit_pos){line, lay->goff[layout_enter(lay, dir)]};
	}
	return (struct edit_pos){p.line, lay->goff[g]};
}

static struct edit_pos edit_step_word(const struct edit *e, struct edit_pos p, int dir)
{
	const struct doc_line *l = edit_line(e, p.line);
	if (dir > 0) {
		if (p.off >= l->len)
			return edit_step_logical(e, p, 1);
		p.off = ustr_word_next(l->s, l->len, p.off);
	} else {
		if (p.off == 0)
			return edit_step_logical(e, p, -1);
		p.off = ustr_word_prev(l->s, l->len, p.off);
	}
	return p;
}

/* One screen row up (-1) or down (+1), keeping e->goal. */
static struct edit_pos edit_step_row(struct edit *e, struct edit_pos p, int dir)
{
	const struct layout *lay = edit_lay(e, p.line);
	size_t row;
	int col;
	layout_pos(lay, edit_g(lay, p.off), &row, &col);
	if (e->goal < 0)
		e->goal = col;
	if (dir < 0) {
		if (row > 0) {
			row--;
		} else if (p.line > 0) {
			p.line--;
			lay = edit_lay(e, p.line);
			row = lay->nrows - 1;
		} else {
			return (struct edit_pos){0, 0};
		}
	} else {
		if (row + 1 < lay->nrows) {
			row++;
		} else if (p.line + 1 < e->doc->nlines) {
			p.line++;
			lay = edit_lay(e, p.line);
			row = 0;
		} else {
			return (struct edit_pos){p.line, edit_line(e, p.line)->len};
		}
	}
	size_t g = layout_hit(lay, row, e->goal);
	return (struct edit_pos){p.line, lay->goff[g]};
}

void edit_move(struct edit *e, int motion, int extend)
{
	struct edit_pos p = e->cur;
	int keep_goal = 0;
	if (extend && !e->sel) {
		e->anchor = e->cur;
		e->sel = 1;
	}
	switch (motion) {
	case EDIT_LEFT:
	case EDIT_RIGHT: {
		int dir = motion == EDIT_LEFT ? -1 : 1;
		if (e->logical)
			p = edit_step_logical(e, p, edit_line_rtl(e, p.line) ? -dir : dir);
		else
			p = edit_step_visual(e, p, dir);
		break;
	}
	case EDIT_WORD_LEFT:
	case EDIT_WORD_RIGHT: {
		/* Because a word to the left of the cursor is the previous word
		 * in an LTR line and the next one in an RTL line. */
		int dir = motion == EDIT_WORD_LEFT ? -1 : 1;
		p = edit_step_word(e, p, edit_line_rtl(e, p.line) ? -dir : dir);
		break;
	}
	case EDIT_UP:
	case EDIT_DOWN:
		p = edit_step_row(e, p, motion == EDIT_UP ? -1 : 1);
		keep_goal = 1;
		break;
	case EDIT_PAGE_UP:
	case EDIT_PAGE_DOWN:
		for (int i = 0; i < (e->page_rows > 0 ? e->page_rows : 1); i++)
			p = edit_step_row(e, p, motion == EDIT_PAGE_UP ? -1 : 1);
		keep_goal = 1;
		break;
	case EDIT_HOME:
		p.off = 0;
		break;
	case EDIT_END:
		p.off = edit_line(e, p.line)->len;
		break;
	case EDIT_DOC_START:
		p = (struct edit_pos){0, 0};
		break;
	case EDIT_DOC_END:
		p.line = e->doc->nlines - 1;
		p.off = edit_line(e, p.line)->len;
		break;
	default:
		return;
	}
	if (!keep_goal)
		e->goal = -1;
	e->cur = p;
	if (!extend)
		e->sel = 0;
	e->open = EDIT_OPEN_NONE;
}

/* Round off down to a grapheme boundary of line. */
static size_t edit_round(const struct edit *e, size_t line, size_t off)
{
	const struct doc_line *l = edit_line(e, line);
	if (off >= l->len)
		return l->len;
	size_t b = 0;
	while (b < l->len) {
		size_t nb = ustr_grapheme_next(l->s, l->len, b);
		if (nb > off || nb <= b)
			break;
		b = nb;
	}
	return b;
}

void edit_set_cursor(struct edit *e, struct edit_pos p, int extend)
{
	if (p.line >= e->doc->nlines)
		p.line = e->doc->nlines - 1;
	p.off = edit_round(e, p.line, p.off);
	if (extend && !e->sel) {
		e->anchor = e->cur;
		e->sel = 1;
	}
	if (!extend)
		e->sel = 0;
	e->cur = p;
	e->goal = -1;
	e->open = EDIT_OPEN_NONE;
}

void edit_select_all(struct edit *e)
{
	e->anchor = (struct edit_pos){0, 0};
	e->cur.line = e->doc->nlines - 1;
	e->cur.off = edit_line(e, e->cur.line)->len;
	e->sel = 1;
	e->goal = -1;
	e->open = EDIT_OPEN_NONE;
}

int edit_selection(const struct edit *e, struct edit_pos *from, struct edit_pos *to)
{
	if (!e->sel)
		return 0;
	int c = edit_pos_cmp(e->anchor, e->cur);
	if (c == 0)
		return 0;
	*from = c < 0 ? e->anchor : e->cur;
	*to = c < 0 ? e->cur : e->anchor;
	return 1;
}

size_t edit_column(const struct edit *e)
{
	const struct doc_line *l = edit_line(e, e->cur.line);
	size_t g = 0;
	for (size_t b = 0; b < e->cur.off && b < l->len; g++) {
		size_t nb = ustr_grapheme_next(l->s, l->len, b);
		if (nb <= b)
			break;
		b = nb;
	}
	return g;
}

/* ------------------------------------------------------------ edits */

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
		size_t start = b.off - ustr_decode_prev(l->s, b.off, &cp);
		size_t gstart = edit_prev(e, b);
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
		b.off = edit_next(e, a);
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
		edit_text_add(t, l->s + from, to - from, i == b.line ? DOC_EOL_NONE : l->eol);
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

/* ------------------------------------------------------------ line direction */

/* Bytes of the direction marks (U+200E LRM, U+200F RLM, U+061C ALM) at
 * the start of line l. */
static size_t edit_lead_marks(const struct doc_line *l)
{
	size_t k = 0;
	for (;;) {
		if (l->len - k >= 3 && memcmp(l->s + k, "\xE2\x80", 2) == 0 &&
		    (l->s[k + 2] == '\x8E' || l->s[k + 2] == '\x8F'))
			k += 3;
		else if (l->len - k >= 2 && memcmp(l->s + k, "\xD8\x9C", 2) == 0)
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
	int now = edit_line_rtl(e, line) ? LAYOUT_RTL : LAYOUT_LTR;
	int want = dir < 0 ? (now == LAYOUT_RTL ? LAYOUT_LTR : LAYOUT_RTL) : dir ? LAYOUT_RTL : LAYOUT_LTR;
	size_t k = edit_lead_marks(l);
	/* Because a mark the line does not need is noise in the file, one is
	 * put in only when the letters alone do not give the direction. */
	const char *mark = edit_own_dir(l->s + k, l->len - k) == want ? NULL :
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
