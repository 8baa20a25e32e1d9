/* edit-move: the cursor's motions and the selection — the part of edit
 * (edit.h) that reads the document and its layouts but never changes
 * them.  Data model: positions are (line, byte offset) on grapheme
 * boundaries; visual motions ask the layout supplier (e->layout) for the
 * line's rows and logical<->visual maps. */
#include "mahdar/edit.h"

#include "mahdar/doc.h"
#include "mahdar/layout.h"
#include "mahdar/ustr.h"

#include <stdint.h>

/* ------------------------------------------------------------ motions */

static struct doc_line *edit_line(const struct edit *e, size_t i)
{
	return &e->doc->lines[i];
}

static size_t edit_next(const struct edit *e, struct edit_pos p)
{
	const struct doc_line *l = edit_line(e, p.line);
	return ustr_grapheme_next(doc_line_str(e->doc, l), l->len, p.off);
}

static size_t edit_prev(const struct edit *e, struct edit_pos p)
{
	const struct doc_line *l = edit_line(e, p.line);
	return ustr_grapheme_prev(doc_line_str(e->doc, l), l->len, p.off);
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
		p.off = ustr_word_next(doc_line_str(e->doc, l), l->len, p.off);
	} else {
		if (p.off == 0)
			return edit_step_logical(e, p, -1);
		p.off = ustr_word_prev(doc_line_str(e->doc, l), l->len, p.off);
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
	edit_break(e);
}

/* Round off down to a grapheme boundary of line. */
static size_t edit_round(const struct edit *e, size_t line, size_t off)
{
	const struct doc_line *l = edit_line(e, line);
	if (off >= l->len)
		return l->len;
	size_t b = 0;
	while (b < l->len) {
		size_t nb = ustr_grapheme_next(doc_line_str(e->doc, l), l->len, b);
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
	edit_break(e);
}

void edit_select_all(struct edit *e)
{
	e->anchor = (struct edit_pos){0, 0};
	e->cur.line = e->doc->nlines - 1;
	e->cur.off = edit_line(e, e->cur.line)->len;
	e->sel = 1;
	e->goal = -1;
	edit_break(e);
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
		size_t nb = ustr_grapheme_next(doc_line_str(e->doc, l), l->len, b);
		if (nb <= b)
			break;
		b = nb;
	}
	return g;
}

struct edit_pos edit_pos_round(const struct edit *e, struct edit_pos p)
{
	if (p.line >= e->doc->nlines)
		p = (struct edit_pos){e->doc->nlines - 1, SIZE_MAX};
	p.off = edit_round(e, p.line, p.off);
	return p;
}
