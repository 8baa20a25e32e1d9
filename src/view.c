/* view: a frame + layouts -> a grid of cells.
 *
 * Data model: the view keeps a small cache of line layouts (struct
 * view_lru), each entry keyed by the line's address and stamp (doc_line
 * .stamp changes with its bytes) and tagged with the view generation it
 * was made for; the view bumps its generation when the width, flags or
 * fallback direction change, so a keystroke re-lays out only the line it
 * touched.  The cache holds at most view_cache_limit() layouts — three
 * screens of lines and a margin, because a frame and a PageDown touch
 * about that many — and a miss beyond that replaces the least recently
 * used, so scrolling through 200,000 lines keeps the memory of a few
 * screens.  The top of the screen is
 * (top_line, top_row): a row inside a wrapped line.  The grid is rebuilt
 * whole on every frame (cheap: one screen of cells); ui_curses diffs it
 * against the terminal. */
#include "mahdar/view.h"

#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct view_lru_entry {
	const struct doc_line *line;
	unsigned long stamp;	/* line->stamp when laid out */
	unsigned long gen;	/* view generation when laid out */
	unsigned long used;	/* tick of the last lookup */
	struct layout *lay;
};

struct view_lru {
	struct view_lru_entry *v;
	size_t n, cap;
	unsigned long tick;
	size_t hint;		/* the last hit, tried first */
};

static void view_lru_clear(struct view_lru *c)
{
	for (size_t i = 0; i < c->n; i++)
		layout_free(c->v[i].lay);
	c->n = 0;
	c->hint = 0;
}

size_t view_cache_limit(const struct view *v)
{
	return 3 * (size_t)v->rows + 64;
}

size_t view_cache_count(const struct view *v)
{
	return v->cache->n;
}

/* The entry for line l: its own, a fresh one, or the least recently used
 * one given over to l. */
static struct view_lru_entry *view_lru_get(struct view *v, const struct doc_line *l)
{
	struct view_lru *c = v->cache;
	c->tick++;
	if (c->hint < c->n && c->v[c->hint].line == l)
		return &c->v[c->hint];
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].line == l) {
			c->hint = i;
			return &c->v[i];
		}
	}
	size_t at = c->n;
	if (c->n < view_cache_limit(v)) {
		c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
		c->n++;
	} else {
		at = 0;
		for (size_t i = 1; i < c->n; i++)
			if (c->v[i].used < c->v[at].used)
				at = i;
		layout_free(c->v[at].lay);
	}
	memset(&c->v[at], 0, sizeof c->v[at]);
	c->v[at].line = l;
	c->hint = at;
	return &c->v[at];
}

/* Direction of lines that have no strong character: the document's. */
static int view_fallback(const struct doc *d)
{
	if (doc_lang_rtl(doc_language(d)))
		return LAYOUT_RTL;
	return d->dir_detected == DOC_DIR_RTL ? LAYOUT_RTL : LAYOUT_LTR;
}

struct view *view_new(struct doc *d, int rows, int cols)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->doc = d;
	v->cache = xcalloc(1, sizeof *v->cache);
	v->lo.base = LAYOUT_AUTO;
	v->lo.fallback = view_fallback(d);
	v->gen = 1;
	v->msg_rows = 1;
	view_resize(v, rows, cols);
	return v;
}

void view_free(struct view *v)
{
	if (v == NULL)
		return;
	free(v->grid.cells);
	buf_free(&v->grid.text);
	view_lru_clear(v->cache);
	free(v->cache->v);
	free(v->cache);
	free(v);
}

void view_set_doc(struct view *v, struct doc *d)
{
	view_lru_clear(v->cache);
	v->doc = d;
	v->top_line = v->top_row = 0;
	v->lo.fallback = view_fallback(d);
	v->gen++;
}

void view_frame_span(struct view_frame *f, size_t line0, size_t off0, size_t line1, size_t off1,
		     unsigned attr)
{
	f->spans = xgrow(f->spans, &f->spans_cap, f->nspans + 1, sizeof *f->spans);
	f->spans[f->nspans++] = (struct view_span){line0, off0, line1, off1, attr};
}

void view_frame_free(struct view_frame *f)
{
	free(f->spans);
	f->spans = NULL;
	f->nspans = f->spans_cap = 0;
}

void view_resize(struct view *v, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows == v->rows && cols == v->cols)
		return;
	v->rows = rows;
	v->cols = cols;
	v->lo.width = cols;
	v->gen++;
	v->top_row = 0;
	free(v->grid.cells);
	v->grid.rows = rows;
	v->grid.cols = cols;
	v->grid.cells = xcalloc((size_t)rows * (size_t)cols, sizeof *v->grid.cells);
}

void view_set_flags(struct view *v, unsigned flags)
{
	if (flags == v->lo.flags)
		return;
	v->lo.flags = flags;
	v->gen++;
}

int view_too_small(const struct view *v)
{
	return v->rows < VIEW_MIN_ROWS || v->cols < VIEW_MIN_COLS;
}

int view_text_rows(const struct view *v)
{
	return view_too_small(v) ? 0 : v->rows - 1 - v->msg_rows;
}

/* The layout of a one-line string (a message) at width w, left to right. */
static struct layout *view_string_layout(const char *s, int w)
{
	struct layout_opts o = {.width = w, .base = LAYOUT_LTR, .fallback = LAYOUT_LTR};
	return layout_line(s, strlen(s), &o);
}

int view_message_rows(const struct view *v, const char *msg)
{
	if (msg == NULL)
		return 0;
	struct layout *lay = view_string_layout(msg, v->cols);
	int n = (int)lay->nrows;
	layout_free(lay);
	return n;
}

int view_message_max_rows(const struct view *v)
{
	return (v->rows - 2) / 2 > 1 ? (v->rows - 2) / 2 : 1;
}

void view_set_message(struct view *v, const char *msg)
{
	int n = view_too_small(v) ? 1 : view_message_rows(v, msg);
	int most = view_message_max_rows(v);
	v->msg_rows = n < 1 ? 1 : n > most ? most : n;
}

const struct layout *view_layout(struct view *v, size_t line)
{
	struct doc_line *l = v->doc->lines[line];
	int fb = view_fallback(v->doc);
	if (fb != v->lo.fallback) {
		v->lo.fallback = fb;
		v->gen++;
	}
	struct view_lru_entry *c = view_lru_get(v, l);
	c->used = v->cache->tick;
	if (c->lay != NULL && c->gen == v->gen && c->stamp == l->stamp)
		return c->lay;
	layout_free(c->lay);
	c->lay = layout_line(l->s, l->len, &v->lo);
	c->gen = v->gen;
	c->stamp = l->stamp;
	return c->lay;
}

/* Screen row of off within its line. */
static size_t view_row_of(struct view *v, size_t line, size_t off)
{
	const struct layout *lay = view_layout(v, line);
	return layout_row_of(lay, layout_g_of_off(lay, off));
}

/* Step (line, row) back by one screen row; 0 at the document's start. */
static int view_row_back(struct view *v, size_t *line, size_t *row)
{
	if (*row > 0) {
		(*row)--;
		return 1;
	}
	if (*line == 0)
		return 0;
	(*line)--;
	*row = view_layout(v, *line)->nrows - 1;
	return 1;
}

/* Step (line, row) forward by one screen row; 0 past the last row. */
static int view_row_fwd(struct view *v, size_t *line, size_t *row)
{
	if (*row + 1 < view_layout(v, *line)->nrows) {
		(*row)++;
		return 1;
	}
	if (*line + 1 >= v->doc->nlines)
		return 0;
	(*line)++;
	*row = 0;
	return 1;
}

void view_follow(struct view *v, size_t line, size_t off)
{
	size_t h = (size_t)(view_text_rows(v) > 0 ? view_text_rows(v) : 1);
	if (v->top_line >= v->doc->nlines) {
		v->top_line = v->doc->nlines - 1;
		v->top_row = 0;
	}
	if (v->top_row >= view_layout(v, v->top_line)->nrows)
		v->top_row = view_layout(v, v->top_line)->nrows - 1;
	size_t row = view_row_of(v, line, off);
	if (line < v->top_line || (line == v->top_line && row < v->top_row)) {
		v->top_line = line;
		v->top_row = row;
		return;
	}
	/* Count rows from the top to the cursor, stopping once past the screen. */
	size_t l = v->top_line, r = v->top_row, n = 0;
	while ((l != line || r != row) && n < h && view_row_fwd(v, &l, &r))
		n++;
	if (n < h)
		return;
	l = line;
	r = row;
	for (size_t i = 0; i + 1 < h && view_row_back(v, &l, &r); i++)
		;
	v->top_line = l;
	v->top_row = r;
}

void view_scroll(struct view *v, int rows)
{
	int h = view_text_rows(v) > 0 ? view_text_rows(v) : 1;
	for (; rows < 0 && view_row_back(v, &v->top_line, &v->top_row); rows++)
		;
	for (; rows > 0; rows--) {
		/* Only while a whole screen of rows lies below the new top. */
		size_t l = v->top_line, r = v->top_row;
		int below = 0;
		while (below < h && view_row_fwd(v, &l, &r))
			below++;
		if (below < h)
			break;
		l = v->top_line;
		r = v->top_row;
		view_row_fwd(v, &l, &r);
		v->top_line = l;
		v->top_row = r;
	}
}

int view_hit(struct view *v, int row, int col, struct edit_pos *p)
{
	int h = view_text_rows(v);
	if (row < 0 || row >= h || col < 0)
		return -1;
	size_t l = v->top_line, r = v->top_row;
	for (int i = 0; i < row; i++) {
		if (!view_row_fwd(v, &l, &r)) {
			p->line = l;
			p->off = v->doc->lines[l]->len;
			return 0;
		}
	}
	const struct layout *lay = view_layout(v, l);
	p->line = l;
	p->off = lay->goff[layout_hit(lay, r, col)];
	return 0;
}

/* ------------------------------------------------------------ drawing */

static struct view_cell *view_cell_at(struct view_grid *g, int row, int col)
{
	return &g->cells[(size_t)row * (size_t)g->cols + (size_t)col];
}

/* Put one cell's text at (row, col); a wide cell also claims col + 1. */
static void view_put_cell(struct view_grid *g, int row, int col, const char *s, size_t len, int width,
			  unsigned attr)
{
	if (col < 0 || col + width > g->cols || width < 1)
		return;
	struct view_cell *c = view_cell_at(g, row, col);
	c->text = (uint32_t)g->text.len;
	c->len = (uint32_t)len;
	c->width = (uint8_t)width;
	c->attr = (uint8_t)attr;
	buf_append(&g->text, s, len);
	for (int k = 1; k < width; k++) {
		struct view_cell *r = view_cell_at(g, row, col + k);
		r->len = 0;
		r->width = 0;
		r->attr = (uint8_t)attr;
	}
}

static void view_blank_row(struct view_grid *g, int row, unsigned attr)
{
	for (int c = 0; c < g->cols; c++) {
		struct view_cell *cell = view_cell_at(g, row, c);
		memset(cell, 0, sizeof *cell);
		cell->width = 1;
		cell->attr = (uint8_t)attr;
	}
}

static unsigned view_cell_attr(const struct layout_cell *c)
{
	return (c->flags & (LAYOUT_CELL_CTRL | LAYOUT_CELL_INVALID | LAYOUT_CELL_BIDI)) ? VIEW_A_REVERSE : 0;
}

/* A span on one laid-out line: graphemes [from, to) get attr. */
struct view_gspan {
	size_t from, to;
	unsigned attr;
};

/* Draw row r of lay at screen row sr, starting at screen column x0 and not
 * past column x1; cells of the graphemes in gs[0..ngs) get their attrs. */
static void view_draw_row(struct view_grid *g, int sr, const struct layout *lay, size_t r, int x0, int x1,
			  unsigned attr, const struct view_gspan *gs, size_t ngs)
{
	const struct layout_row *row = &lay->rows[r];
	for (size_t i = 0; i < row->ncells; i++) {
		const struct layout_cell *c = &lay->cells[row->cell + i];
		if (c->flags & LAYOUT_CELL_HIDDEN)
			continue;
		int col = x0 + c->col;
		if (col + c->width > x1)
			continue;
		unsigned a = attr | view_cell_attr(c);
		for (size_t k = 0; k < ngs; k++)
			if (c->g >= gs[k].from && c->g < gs[k].to)
				a |= gs[k].attr;
		view_put_cell(g, sr, col, lay->text + c->text, c->text_len, c->width, a);
	}
}

/* Columns the first row of lay takes. */
static int view_row_width(const struct layout *lay)
{
	return lay->rows[0].right - lay->rows[0].left;
}

/* A one-row string (file name, message: any bytes) at screen row sr in
 * columns [x0, x1), left to right.  Returns the columns used. */
static int view_draw_string(struct view_grid *g, int sr, int x0, int x1, const char *s, unsigned attr)
{
	if (x1 <= x0)
		return 0;
	struct layout *lay = view_string_layout(s, 4096);
	int left = lay->rows[0].left;
	view_draw_row(g, sr, lay, 0, x0 - left, x1, attr, NULL, 0);
	int w = view_row_width(lay);
	layout_free(lay);
	return w < x1 - x0 ? w : x1 - x0;
}

static int view_string_width(const char *s)
{
	struct layout *lay = view_string_layout(s, 4096);
	int w = view_row_width(lay);
	layout_free(lay);
	return w;
}

/* Status line: " name [+]" on the left; "L:C DIR  hints" on the right,
 * hints dropped first and the name cut when the screen is narrow. */
static void view_draw_status(struct view *v, int sr, const struct view_status *st)
{
	struct view_grid *g = &v->grid;
	view_blank_row(g, sr, VIEW_A_STATUS);
	char pos[64];
	snprintf(pos, sizeof pos, "%zu:%zu %s", st->line, st->col, st->rtl ? "RTL" : "LTR");
	const char *info = st->info != NULL ? st->info : "";
	char *right = xasprintf("%s%s%s%s%s ", pos, *info ? "  " : "", info, st->hints != NULL ? "  " : "",
				st->hints != NULL ? st->hints : "");
	char *left = xasprintf(" %s%s%s", st->name != NULL ? st->name : "", st->modified ? " [+]" : "",
			       st->readonly ? " [read-only]" : "");
	int lw = view_string_width(left);
	int rw = view_string_width(right);
	if (lw + 1 + rw > g->cols && st->hints != NULL) {	/* the hints go first */
		free(right);
		right = xasprintf("%s%s%s ", pos, *info ? "  " : "", info);
		rw = view_string_width(right);
	}
	if (lw + 1 + rw > g->cols && *info && g->cols - rw - 1 < 16) {
		/* then the quorum and clock, when the name would be cut too short */
		free(right);
		right = xasprintf("%s ", pos);
		rw = view_string_width(right);
	}
	int room = g->cols - rw - 1;
	if (room < 0)
		room = 0;
	if (lw > room && room >= 2) {
		/* Cut the name but keep the modified mark visible. */
		view_draw_string(g, sr, 0, room - (st->modified ? 4 : 0) - 1, left, VIEW_A_STATUS);
		view_draw_string(g, sr, room - (st->modified ? 4 : 0) - 1, room, st->modified ? "~[+]" : "~",
				 VIEW_A_STATUS);
	} else {
		view_draw_string(g, sr, 0, room, left, VIEW_A_STATUS);
	}
	int rx = g->cols - rw;
	view_draw_string(g, sr, rx < 0 ? 0 : rx, g->cols, right, VIEW_A_STATUS);
	free(left);
	free(right);
}

/* Cursor screen position for (line, off), if it is on screen. */
static void view_place_cursor(struct view *v, size_t line, size_t off)
{
	struct view_grid *g = &v->grid;
	g->cur_row = g->cur_col = -1;
	size_t h = (size_t)view_text_rows(v);
	const struct layout *lay = view_layout(v, line);
	size_t row;
	int col;
	layout_pos(lay, layout_g_of_off(lay, off), &row, &col);
	size_t l = v->top_line, r = v->top_row;
	for (size_t sr = 0; sr < h; sr++) {
		if (l == line && r == row) {
			g->cur_row = (int)sr;
			g->cur_col = col < g->cols ? col : g->cols - 1;
			return;
		}
		if (!view_row_fwd(v, &l, &r))
			return;
	}
}

static void view_render_small(struct view *v)
{
	struct view_grid *g = &v->grid;
	for (int r = 0; r < g->rows; r++)
		view_blank_row(g, r, 0);
	view_draw_string(g, 0, 0, g->cols, g->cols >= 18 ? "terminal too small" : g->cols >= 9 ? "too small" : "small", 0);
	g->cur_row = g->cur_col = -1;
}

/* The message on the rows from sr down (v->msg_rows of them), wrapped; with
 * the cursor after it when cursor is set. */
static void view_draw_message(struct view *v, int sr, const char *msg, unsigned attr, int cursor)
{
	struct view_grid *g = &v->grid;
	for (int r = sr; r < g->rows; r++)
		view_blank_row(g, r, 0);
	if (msg == NULL)
		return;
	struct layout *lay = view_string_layout(msg, g->cols);
	for (size_t r = 0; r < lay->nrows && sr + (int)r < g->rows; r++)
		view_draw_row(g, sr + (int)r, lay, r, 0, g->cols, attr, NULL, 0);
	if (cursor) {
		size_t row;
		int col;
		layout_pos(lay, lay->ngraph, &row, &col);
		if (sr + (int)row < g->rows) {
			g->cur_row = sr + (int)row;
			g->cur_col = col < g->cols ? col : g->cols - 1;
		}
	}
	layout_free(lay);
}

/* Start a frame: the rows of text it has, or -1 when the screen is too
 * small (the frame is then the short note). */
static int view_frame(struct view *v)
{
	buf_clear(&v->grid.text);
	if (view_too_small(v)) {
		view_render_small(v);
		return -1;
	}
	return view_text_rows(v);
}

/* The spans of f that touch line l, as grapheme ranges of its layout
 * (into *gs, grown as needed); returns how many. */
static size_t view_line_spans(const struct view_frame *f, size_t l, const struct layout *lay,
			      struct view_gspan **gs, size_t *cap)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nspans; i++) {
		const struct view_span *sp = &f->spans[i];
		if (l < sp->line0 || l > sp->line1)
			continue;
		*gs = xgrow(*gs, cap, n + 1, sizeof **gs);
		(*gs)[n].from = l == sp->line0 ? layout_g_of_off(lay, sp->off0) : 0;
		(*gs)[n].to = l == sp->line1 ? layout_g_of_off(lay, sp->off1) : lay->ngraph;
		(*gs)[n].attr = sp->attr;
		n++;
	}
	return n;
}

/* The input line at screen row sr: the label, then the typed text laid
 * out as a paragraph of its own in the columns left, showing the row the
 * cursor is on. */
static void view_draw_input(struct view *v, int sr, const struct view_input *in)
{
	struct view_grid *g = &v->grid;
	for (int r = sr; r < g->rows; r++)
		view_blank_row(g, r, 0);
	const char *label = in->label;
	if (in->label_short != NULL && view_string_width(label) > g->cols - 24)
		label = in->label_short;
	int x = view_draw_string(g, sr, 0, g->cols, label, 0);
	int w = g->cols - x - 1;
	if (in->note != NULL) {
		int nw = view_string_width(in->note);
		if (w - nw - 2 >= 4) {
			view_draw_string(g, sr, g->cols - nw, g->cols, in->note, VIEW_A_STATUS);
			w -= nw + 2;
		}
	}
	if (w < 1)
		return;
	struct layout_opts o = {.width = w, .base = LAYOUT_AUTO, .fallback = LAYOUT_LTR,
				.flags = v->lo.flags & ~(unsigned)LAYOUT_SHAPE};
	struct layout *lay = layout_line(in->text, in->len, &o);
	size_t row;
	int col;
	layout_pos(lay, layout_g_of_off(lay, in->cur), &row, &col);
	view_draw_row(g, sr, lay, row, x, x + w, in->selected ? VIEW_A_SELECT : 0, NULL, 0);
	g->cur_row = sr;
	g->cur_col = x + col < g->cols ? x + col : g->cols - 1;
	layout_free(lay);
}

static const struct view_grid *view_render_page_frame(struct view *v, const struct view_frame *f);

const struct view_grid *view_render_frame(struct view *v, const struct view_frame *f)
{
	if (f->page != NULL)
		return view_render_page_frame(v, f);
	struct view_grid *g = &v->grid;
	int h = view_frame(v);
	if (h < 0)
		return g;
	struct view_gspan *gs = NULL;
	size_t gcap = 0;
	size_t l = v->top_line, r = v->top_row;
	int more = 1;
	for (int sr = 0; sr < h; sr++) {
		view_blank_row(g, sr, 0);
		if (!more)
			continue;
		const struct layout *lay = view_layout(v, l);
		/* Because the structure is analysed only now and then, the
		 * title and headings are told from the line itself. */
		const struct doc_line *dl = v->doc->lines[l];
		unsigned attr = txt_line_kind(dl->s, dl->len, l) != DOC_K_FREE ? VIEW_A_BOLD : 0;
		size_t ngs = view_line_spans(f, l, lay, &gs, &gcap);
		view_draw_row(g, sr, lay, r, 0, g->cols, attr, gs, ngs);
		more = view_row_fwd(v, &l, &r);
	}
	free(gs);
	view_draw_status(v, h, &f->st);
	view_place_cursor(v, f->cur_line, f->cur_off);
	if (f->input != NULL)
		view_draw_input(v, h + 1, f->input);
	else
		view_draw_message(v, h + 1, f->st.msg, f->st.msg_error ? VIEW_A_ERROR : 0, f->st.msg_cursor);
	return g;
}

const struct view_grid *view_render(struct view *v, const struct edit *e, const struct view_status *st)
{
	struct view_frame f = {.st = *st, .cur_line = e->cur.line, .cur_off = e->cur.off};
	struct edit_pos a, b;
	if (edit_selection(e, &a, &b))
		view_frame_span(&f, a.line, a.off, b.line, b.off, VIEW_A_SELECT);
	const struct view_grid *g = view_render_frame(v, &f);
	view_frame_free(&f);
	return g;
}

static const struct view_grid *view_render_page_frame(struct view *v, const struct view_frame *f)
{
	/* A form over a page (a person added to the attendance) types in
	 * the message line under it. */
	const struct view_grid *g = view_render_page(v, f->page, f->npage, f->page_top, f->page_title,
						     f->input != NULL ? NULL : f->st.msg);
	if (f->input != NULL && !view_too_small(v))
		view_draw_input(v, view_text_rows(v) + 1, f->input);
	return g;
}

const struct view_grid *view_render_page(struct view *v, const char *const *lines, size_t n, size_t *top,
					 const char *title, const char *msg)
{
	struct view_grid *g = &v->grid;
	int h = view_frame(v);
	if (h < 0)
		return g;
	struct layout **lays = xcalloc(n ? n : 1, sizeof *lays);
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		lays[i] = view_string_layout(lines[i], g->cols);
		total += lays[i]->nrows;
	}
	if (*top + (size_t)h > total)
		*top = total > (size_t)h ? total - (size_t)h : 0;
	for (int sr = 0; sr < h; sr++)
		view_blank_row(g, sr, 0);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t r = 0; r < lays[i]->nrows; r++, at++)
			if (at >= *top && at < *top + (size_t)h)
				view_draw_row(g, (int)(at - *top), lays[i], r, 0, g->cols, 0, NULL, 0);
		layout_free(lays[i]);
	}
	free(lays);
	size_t last = *top + (size_t)h < total ? *top + (size_t)h : total;
	char *where = xasprintf("%zu-%zu/%zu ", total ? *top + 1 : 0, last, total);
	view_blank_row(g, h, VIEW_A_STATUS);
	int ww = view_string_width(where);
	view_draw_string(g, h, 0, g->cols - ww - 1, title, VIEW_A_STATUS);
	view_draw_string(g, h, g->cols - ww > 0 ? g->cols - ww : 0, g->cols, where, VIEW_A_STATUS);
	free(where);
	g->cur_row = g->cur_col = -1;
	view_draw_message(v, h + 1, msg, 0, 0);
	return g;
}
