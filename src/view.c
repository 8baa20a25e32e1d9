/* view: a frame + layouts -> a grid of cells.
 *
 * Data model: the view keeps a small cache of line layouts (struct
 * view_lru), each entry keyed by the line's stamp (doc_line.stamp, unique
 * to each version of each line's bytes) and tagged with the view generation it
 * was made for; the view bumps its generation when the width, flags or
 * fallback direction change, so a keystroke re-lays out only the line it
 * touched.  The cache holds at most view_cache_limit() layouts — two
 * screens of lines and a margin, because a frame and a PageDown touch
 * about that many — and a miss beyond that replaces the least recently
 * used, so scrolling through 200,000 lines keeps the memory of a few
 * screens.  The top of the screen is
 * (top_line, top_row): a row inside a wrapped line.  The grid is rebuilt
 * row by row, only where a row shows something else than it did (struct
 * view_memo); ui_curses diffs those rows
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
	uint32_t stamp;		/* the line's stamp (unique per version of its bytes) */
	unsigned long gen;	/* view generation when laid out */
	unsigned long used;	/* tick of the last lookup */
	struct layout *lay;
};

/* The entries, and an index from a line's stamp to its entry (open
 * addressing, entry + 1, 0 for none) so that a lookup does not walk them:
 * a frame asks for every row's line a few times. */
struct view_lru {
	struct view_lru_entry *v;
	size_t n, cap;
	unsigned long tick;
	uint32_t *index;
	size_t index_size;	/* a power of two, at least twice n */
};

static size_t view_lru_slot(const struct view_lru *c, uint32_t stamp)
{
	uint64_t x = stamp;
	x *= UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(x >> 32) & (c->index_size - 1);
}

static void view_lru_index_put(struct view_lru *c, size_t i)
{
	size_t k = view_lru_slot(c, c->v[i].stamp);
	while (c->index[k] != 0)
		k = (k + 1) & (c->index_size - 1);
	c->index[k] = (uint32_t)(i + 1);
}

/* The index slot of stamp's entry, or index_size when it has none. */
static size_t view_lru_find(const struct view_lru *c, uint32_t stamp)
{
	if (c->index_size == 0)
		return 0;
	for (size_t k = view_lru_slot(c, stamp); c->index[k] != 0; k = (k + 1) & (c->index_size - 1))
		if (c->v[c->index[k] - 1].stamp == stamp)
			return k;
	return c->index_size;
}

/* Empty slot k, moving back the entries after it that probed past it
 * (linear probing's deletion, without tombstones). */
static void view_lru_index_del(struct view_lru *c, size_t k)
{
	size_t mask = c->index_size - 1, j = k;
	c->index[k] = 0;
	for (;;) {
		j = (j + 1) & mask;
		if (c->index[j] == 0)
			return;
		size_t h = view_lru_slot(c, c->v[c->index[j] - 1].stamp);
		/* Stays unless its home slot h lies outside (k, j], cyclically. */
		if (k <= j ? (h > k && h <= j) : (h > k || h <= j))
			continue;
		c->index[k] = c->index[j];
		c->index[j] = 0;
		k = j;
	}
}

/* Entry i now holds stamp (its old one out of the index), laid out anew. */
static void view_lru_take(struct view_lru *c, size_t i, size_t slot, uint32_t stamp)
{
	if (slot < c->index_size)
		view_lru_index_del(c, slot);
	layout_free(c->v[i].lay);
	memset(&c->v[i], 0, sizeof c->v[i]);
	c->v[i].stamp = stamp;
	view_lru_index_put(c, i);
}

/* Index the entries again, in a table for at least want of them. */
static void view_lru_reindex(struct view_lru *c, size_t want)
{
	size_t size = c->index_size ? c->index_size : 64;
	while (size < 2 * want)
		size *= 2;
	if (size != c->index_size) {
		free(c->index);
		c->index = xcalloc(size, sizeof *c->index);
		c->index_size = size;
	} else {
		memset(c->index, 0, size * sizeof *c->index);
	}
	for (size_t i = 0; i < c->n; i++)
		view_lru_index_put(c, i);
}

static void view_lru_clear(struct view_lru *c)
{
	for (size_t i = 0; i < c->n; i++)
		layout_free(c->v[i].lay);
	c->n = 0;
	if (c->index != NULL)
		memset(c->index, 0, c->index_size * sizeof *c->index);
}

size_t view_cache_limit(const struct view *v)
{
	return 2 * (size_t)v->rows + 16;
}

size_t view_cache_count(const struct view *v)
{
	return v->cache->n;
}

/* The entry for a line version's stamp: its own; else the entry of the
 * version it replaced (a key typed: doc.replaced_stamp), a fresh one, or
 * the least recently used one, given over to it. */
static struct view_lru_entry *view_lru_get(struct view *v, uint32_t stamp)
{
	struct view_lru *c = v->cache;
	c->tick++;
	size_t k = view_lru_find(c, stamp);
	if (k < c->index_size)
		return &c->v[c->index[k] - 1];
	if (stamp == v->doc->replacing_stamp && (k = view_lru_find(c, v->doc->replaced_stamp)) < c->index_size) {
		size_t at = c->index[k] - 1;
		view_lru_take(c, at, k, stamp);
		return &c->v[at];
	}
	size_t at = c->n;
	if (c->n < view_cache_limit(v)) {
		c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
		c->n++;
		memset(&c->v[at], 0, sizeof c->v[at]);
		c->v[at].stamp = stamp;
		if (2 * c->n > c->index_size)
			view_lru_reindex(c, c->n);
		else
			view_lru_index_put(c, at);
	} else {
		at = 0;
		for (size_t i = 1; i < c->n; i++)
			if (c->v[i].used < c->v[at].used)
				at = i;
		view_lru_take(c, at, view_lru_find(c, c->v[at].stamp), stamp);
	}
	return &c->v[at];
}

/* The layout of a one-line string (a message) at width w, left to right. */
static struct layout *view_string_layout(const char *s, int w)
{
	struct layout_opts o = {.width = w, .base = LAYOUT_LTR, .fallback = LAYOUT_LTR};
	return layout_line(s, strlen(s), &o);
}

/* ------------------------------------------------------------ memo */

/* What a screen row shows, to tell whether a frame must rewrite it. */
enum { VIEW_ROW_NONE, VIEW_ROW_TEXT, VIEW_ROW_EMPTY, VIEW_ROW_STATUS, VIEW_ROW_MSG };

struct view_rowsig {
	int kind;		/* VIEW_ROW_*; NONE: rewritten by the next frame */
	uint32_t stamp;		/* TEXT: row r of line lidx (this version of it), */
	unsigned long gen;	/* laid out in generation gen */
	size_t lidx, r;
	unsigned attr;		/* TEXT: the line's own attribute (bold) */
	uint64_t spans;		/* TEXT: hash of the spans over the line */
};

/* A short string laid out (status line pieces, messages). */
struct view_strlay {
	char *s;
	int w;
	unsigned long used;
	struct layout *lay;
};

#define VIEW_STRLAYS 8

struct view_memo {
	struct view_rowsig *row;	/* grid.rows of them */
	/* The status line drawn (when a row is VIEW_ROW_STATUS). */
	struct view_status st;
	char *st_name, *st_hints, *st_info;
	int pos_x, pos_len;	/* where its "line:col DIR" is, whole, or pos_x -1 */
	/* The message drawn from row msg_sr down (rows VIEW_ROW_MSG). */
	char *msg;
	unsigned msg_attr;
	int msg_sr;
	struct view_strlay str[VIEW_STRLAYS];
	unsigned long tick;
	/* view_follow's last count: from the top (top_line, top_row) the
	 * first row of line f_line was f_before rows down, with the view at
	 * f_gen, the lines in between being those of f_sig (their addresses)
	 * unchanged since doc gen f_dgen. */
	int f_ok;
	size_t f_top_line, f_top_row, f_line, f_nlines;
	long f_before;		/* negative when f_line is the top line */
	unsigned long f_gen;
	uint32_t f_dgen;
	uint64_t f_sig;
	const struct doc *f_doc;
	/* The last frame of text, when its rows were all made (r_ok): what
	 * they showed depends on these, so that the next frame, when only a
	 * new version of the cursor's line came (a key typed) or nothing
	 * changed, makes that line's rows alone. */
	int r_ok, r_h;
	const struct doc *r_doc;
	uint32_t r_dgen;
	unsigned long r_gen;
	size_t r_nlines, r_top_line, r_top_row, r_cur_line, r_cur_nrows;
	long r_cur_sr;		/* the screen row of the cursor line's first row (< 0: above) */
	uint64_t r_spans;	/* view_frame_hash() of its spans */
};

/* Numbers frames across all views, so that a row's frame number never
 * repeats (view_grid.drawn). */
static unsigned long view_frames;

static void view_memo_forget(struct view *v)
{
	v->memo->f_ok = 0;
	v->memo->r_ok = 0;
	for (int r = 0; r < v->grid.rows; r++)
		v->memo->row[r].kind = VIEW_ROW_NONE;
}

static void view_memo_free(struct view_memo *m)
{
	free(m->row);
	free(m->st_name);
	free(m->st_hints);
	free(m->st_info);
	free(m->msg);
	for (int i = 0; i < VIEW_STRLAYS; i++) {
		free(m->str[i].s);
		layout_free(m->str[i].lay);
	}
	free(m);
}

/* The layout of the one-row string s at width w, left to right, kept for
 * the next frames (valid until the next call). */
static const struct layout *view_str_layout(const struct view *v, const char *s, int w)
{
	struct view_memo *m = v->memo;
	int at = 0;
	m->tick++;
	for (int i = 0; i < VIEW_STRLAYS; i++) {
		if (m->str[i].s != NULL && m->str[i].w == w && strcmp(m->str[i].s, s) == 0) {
			m->str[i].used = m->tick;
			return m->str[i].lay;
		}
		if (m->str[i].used < m->str[at].used)
			at = i;
	}
	struct view_strlay *e = &m->str[at];
	free(e->s);
	layout_free(e->lay);
	e->lay = view_string_layout(s, w);
	e->s = xstrdup(s);
	e->w = w;
	e->used = m->tick;
	return e->lay;
}

/* Direction of lines that have no strong character: the document's. */
static int view_fallback(const struct doc *d)
{
	if (doc_lang_rtl(doc_language(d)))
		return LAYOUT_RTL;
	return d->dir_detected == DOC_DIR_RTL ? LAYOUT_RTL : LAYOUT_LTR;
}

static void view_grid_free(struct view_grid *g)
{
	for (int r = 0; r < g->rows; r++)
		buf_free(&g->text[r]);
	free(g->text);
	free(g->drawn);
	free(g->cells);
}

struct view *view_new(struct doc *d, int rows, int cols)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->doc = d;
	v->cache = xcalloc(1, sizeof *v->cache);
	v->memo = xcalloc(1, sizeof *v->memo);
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
	view_grid_free(&v->grid);
	view_lru_clear(v->cache);
	free(v->cache->v);
	free(v->cache->index);
	free(v->cache);
	view_memo_free(v->memo);
	free(v);
}

void view_set_doc(struct view *v, struct doc *d)
{
	view_lru_clear(v->cache);
	v->doc = d;
	v->top_line = v->top_row = 0;
	v->lo.fallback = view_fallback(d);
	v->gen++;
	view_memo_forget(v);
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
	struct view_grid *g = &v->grid;
	view_grid_free(g);
	free(v->memo->row);
	g->rows = rows;
	g->cols = cols;
	g->cells = xcalloc((size_t)rows * (size_t)cols, sizeof *g->cells);
	g->text = xcalloc((size_t)rows, sizeof *g->text);
	g->drawn = xcalloc((size_t)rows, sizeof *g->drawn);
	v->memo->row = xcalloc((size_t)rows, sizeof *v->memo->row);
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

int view_message_rows(const struct view *v, const char *msg)
{
	if (msg == NULL)
		return 0;
	return (int)view_str_layout(v, msg, v->cols)->nrows;
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
	struct doc_line *l = &v->doc->lines[line];
	int fb = view_fallback(v->doc);
	if (fb != v->lo.fallback) {
		v->lo.fallback = fb;
		v->gen++;
	}
	struct view_lru_entry *c = view_lru_get(v, l->stamp);
	c->used = v->cache->tick;
	if (c->lay != NULL && c->gen == v->gen)
		return c->lay;
	layout_free(c->lay);
	c->lay = layout_line(doc_line_str(v->doc, l), l->len, &v->lo);
	c->gen = v->gen;
	return c->lay;
}

size_t view_column(struct view *v, size_t line, size_t off)
{
	const struct layout *lay = view_layout(v, line);
	size_t g = layout_g_of_off(lay, off);
	if (lay->goff[g] == off || g == lay->ngraph)
		return g;
	return g + 1;	/* inside a grapheme: it counts, as in edit_column() */
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

/* FNV-1a, a 64-bit word at a time: the fingerprints a frame compares. */
#define VIEW_FNV_START UINT64_C(14695981039346656037)

static inline uint64_t view_fnv(uint64_t h, uint64_t x)
{
	return (h ^ x) * UINT64_C(1099511628211);
}

/* The lines from the top line up to (not with) line: a hash of their
 * stamps, or 0 when one changed after doc gen dgen. */
static uint64_t view_follow_sig(const struct view *v, size_t line, uint32_t dgen)
{
	uint64_t h = VIEW_FNV_START;
	for (size_t i = v->top_line; i < line && i < v->doc->nlines; i++) {
		const struct doc_line *l = &v->doc->lines[i];
		if (l->stamp > dgen)
			return 0;
		h = view_fnv(h, l->stamp);
	}
	return h | 1;
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
	/* Count rows from the top to the cursor, stopping once past the
	 * screen; while typing, the count of the last frame stands for the
	 * lines above the cursor's. */
	struct view_memo *m = v->memo;
	if (m->f_ok && m->f_doc == v->doc && m->f_top_line == v->top_line && m->f_top_row == v->top_row &&
	    m->f_line == line && m->f_nlines == v->doc->nlines && m->f_gen == v->gen &&
	    m->f_before + (long)row < (long)h && view_follow_sig(v, line, m->f_dgen) == m->f_sig)
		return;
	m->f_ok = 0;
	size_t l = v->top_line, r = v->top_row, n = 0;
	while ((l != line || r != row) && n < h && view_row_fwd(v, &l, &r))
		n++;
	if (n < h) {
		if (l == line && r == row) {
			m->f_ok = 1;
			m->f_doc = v->doc;
			m->f_top_line = v->top_line;
			m->f_top_row = v->top_row;
			m->f_line = line;
			m->f_before = (long)n - (long)row;
			m->f_nlines = v->doc->nlines;
			m->f_gen = v->gen;
			m->f_dgen = v->doc->gen;
			m->f_sig = view_follow_sig(v, line, m->f_dgen);
		}
		return;
	}
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
			p->off = v->doc->lines[l].len;
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
	c->text = (uint32_t)g->text[row].len;
	c->len = (uint32_t)len;
	c->width = (uint8_t)width;
	c->attr = (uint8_t)attr;
	buf_append(&g->text[row], s, len);
	for (int k = 1; k < width; k++) {
		struct view_cell *r = view_cell_at(g, row, col + k);
		r->len = 0;
		r->width = 0;
		r->attr = (uint8_t)attr;
	}
}

/* Start rewriting row `row`: blanks with attr, no text, and nothing
 * remembered of what it showed. */
static void view_blank_row(struct view *v, int row, unsigned attr)
{
	struct view_grid *g = &v->grid;
	struct view_cell blank = {.width = 1, .attr = (uint8_t)attr};
	struct view_cell *c = view_cell_at(g, row, 0);
	for (int k = 0; k < g->cols; k++)
		c[k] = blank;
	buf_clear(&g->text[row]);
	g->drawn[row] = g->frame;
	v->memo->row[row].kind = VIEW_ROW_NONE;
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
	buf_reserve(&g->text[sr], lay->text_len < 4096 ? lay->text_len : 4096);
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

/* Does screen row sr show already what view_draw_row(g, sr, lay, r, 0,
 * cols, attr, gs, ngs) would draw on a blank row?  (A key typed in a
 * long paragraph changes its stamp, but often leaves its other rows as
 * they were.) */
static int view_row_shows(const struct view_grid *g, int sr, const struct layout *lay, size_t r,
			  unsigned attr, const struct view_gspan *gs, size_t ngs)
{
	const struct layout_row *row = &lay->rows[r];
	const struct view_cell *cells = &g->cells[(size_t)sr * (size_t)g->cols];
	const char *text = g->text[sr].s;
	int col = 0;	/* the columns before it are checked */
	for (size_t i = 0; i < row->ncells; i++) {
		const struct layout_cell *c = &lay->cells[row->cell + i];
		if ((c->flags & LAYOUT_CELL_HIDDEN) || c->col + c->width > g->cols)
			continue;
		for (; col < c->col; col++)
			if (cells[col].len != 0 || cells[col].width != 1 || cells[col].attr != 0)
				return 0;
		unsigned a = attr | view_cell_attr(c);
		for (size_t k = 0; k < ngs; k++)
			if (c->g >= gs[k].from && c->g < gs[k].to)
				a |= gs[k].attr;
		const struct view_cell *x = &cells[col];
		if (x->width != c->width || x->attr != a || x->len != c->text_len ||
		    memcmp(text + x->text, lay->text + c->text, c->text_len) != 0)
			return 0;
		for (int k = 1; k < c->width; k++)
			if (x[k].width != 0 || x[k].len != 0 || x[k].attr != a)
				return 0;
		col += c->width;
	}
	for (; col < g->cols; col++)
		if (cells[col].len != 0 || cells[col].width != 1 || cells[col].attr != 0)
			return 0;
	return 1;
}

/* Columns the first row of lay takes. */
static int view_row_width(const struct layout *lay)
{
	return lay->rows[0].right - lay->rows[0].left;
}

/* Is s printable ASCII only (one cell a byte, left to right)? */
static int view_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* A one-row string (file name, message: any bytes) at screen row sr in
 * columns [x0, x1), left to right.  Returns the columns used. */
static int view_draw_string(struct view *v, int sr, int x0, int x1, const char *s, unsigned attr)
{
	struct view_grid *g = &v->grid;
	if (x1 <= x0)
		return 0;
	if (view_ascii(s)) {
		int x = x0;
		for (; *s && x < x1; s++, x++)
			view_put_cell(g, sr, x, s, 1, 1, attr);
		return x - x0;
	}
	const struct layout *lay = view_str_layout(v, s, 4096);
	int left = lay->rows[0].left;
	view_draw_row(g, sr, lay, 0, x0 - left, x1, attr, NULL, 0);
	int w = view_row_width(lay);
	return w < x1 - x0 ? w : x1 - x0;
}

static int view_string_width(const struct view *v, const char *s)
{
	if (view_ascii(s))
		return (int)strlen(s);
	return view_row_width(view_str_layout(v, s, 4096));
}

static int view_str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void view_str_keep(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/* "line:col DIR" into buf (64 bytes), without printf: it changes at
 * every key.  Returns its length. */
static int view_format_pos(char *buf, size_t line, size_t col, int rtl)
{
	char d[24];
	int n = 0, k;
	size_t nums[2] = {line, col};
	for (int i = 0; i < 2; i++) {
		k = 0;
		do {
			d[k++] = (char)('0' + nums[i] % 10);
			nums[i] /= 10;
		} while (nums[i] > 0);
		while (k > 0)
			buf[n++] = d[--k];
		buf[n++] = i == 0 ? ':' : ' ';
	}
	memcpy(buf + n, rtl ? "RTL" : "LTR", 4);
	return n + 3;
}

/* Does row sr show status st already? */
static int view_status_shown(const struct view *v, int sr, const struct view_status *st)
{
	const struct view_memo *m = v->memo;
	return m->row[sr].kind == VIEW_ROW_STATUS && m->st.modified == st->modified &&
	       m->st.readonly == st->readonly && m->st.line == st->line && m->st.col == st->col &&
	       m->st.rtl == st->rtl && view_str_eq(m->st_name, st->name) && view_str_eq(m->st_hints, st->hints) &&
	       view_str_eq(m->st_info, st->info);
}

/* Status line: " name [+]" on the left; "L:C DIR  info  hints" on the
 * right, hints dropped first, then the info, and the name cut when the
 * screen is narrow.  The right side's pieces are drawn one after the
 * other, each laid out on its own. */
static void view_draw_status(struct view *v, int sr, const struct view_status *st)
{
	struct view_grid *g = &v->grid;
	if (view_status_shown(v, sr, st))
		return;
	struct view_memo *m = v->memo;
	char pos[64];
	int posw = view_format_pos(pos, st->line, st->col, st->rtl);
	if (m->row[sr].kind == VIEW_ROW_STATUS && m->pos_x >= 0 && posw == m->pos_len &&
	    g->text[sr].len < 8 * (size_t)g->cols && m->st.modified == st->modified &&
	    m->st.readonly == st->readonly && view_str_eq(m->st_name, st->name) &&
	    view_str_eq(m->st_hints, st->hints) && view_str_eq(m->st_info, st->info)) {
		/* Only the position changed, to one as wide (a key typed):
		 * written over the old one. */
		view_draw_string(v, sr, m->pos_x, m->pos_x + posw, pos, VIEW_A_STATUS);
		g->drawn[sr] = g->frame;
		m->st.line = st->line;
		m->st.col = st->col;
		m->st.rtl = st->rtl;
		return;
	}
	view_blank_row(v, sr, VIEW_A_STATUS);
	m->pos_x = -1;
	const char *info = st->info != NULL && *st->info ? st->info : NULL;
	const char *hints = st->hints;
	int infow = info != NULL ? view_string_width(v, info) : 0;
	int hintw = hints != NULL ? view_string_width(v, hints) : 0;
	char *left = xasprintf(" %s%s%s", st->name != NULL ? st->name : "", st->modified ? " [+]" : "",
			       st->readonly ? " [read-only]" : "");
	int lw = view_string_width(v, left);
	/* "pos  info  hints " */
	int rw = posw + (info != NULL ? 2 + infow : 0) + (hints != NULL ? 2 + hintw : 0) + 1;
	if (lw + 1 + rw > g->cols && hints != NULL) {	/* the hints go first */
		rw -= 2 + hintw;
		hints = NULL;
	}
	if (lw + 1 + rw > g->cols && info != NULL && g->cols - rw - 1 < 16) {
		/* then the quorum and clock, when the name would be cut too short */
		rw -= 2 + infow;
		info = NULL;
	}
	int room = g->cols - rw - 1;
	if (room < 0)
		room = 0;
	if (lw > room && room >= 2) {
		/* Cut the name but keep the modified mark visible. */
		view_draw_string(v, sr, 0, room - (st->modified ? 4 : 0) - 1, left, VIEW_A_STATUS);
		view_draw_string(v, sr, room - (st->modified ? 4 : 0) - 1, room, st->modified ? "~[+]" : "~",
				 VIEW_A_STATUS);
	} else {
		view_draw_string(v, sr, 0, room, left, VIEW_A_STATUS);
	}
	int x = g->cols - rw;
	const char *piece[3] = {pos, info, hints};
	for (int i = 0; i < 3; i++) {
		if (piece[i] == NULL)
			continue;
		if (i > 0)
			x += 2;
		int from = x < 0 ? 0 : x;
		int w = view_draw_string(v, sr, from, g->cols, piece[i], VIEW_A_STATUS);
		if (i == 0 && from == x && w == posw) {
			m->pos_x = x;
			m->pos_len = posw;
		}
		x = from + w;
	}
	free(left);
	m->st = *st;
	m->st.name = m->st.hints = m->st.info = m->st.msg = NULL;
	view_str_keep(&m->st_name, st->name);
	view_str_keep(&m->st_hints, st->hints);
	view_str_keep(&m->st_info, st->info);
	m->row[sr].kind = VIEW_ROW_STATUS;
}

static void view_render_small(struct view *v)
{
	struct view_grid *g = &v->grid;
	for (int r = 0; r < g->rows; r++)
		view_blank_row(v, r, 0);
	view_draw_string(v, 0, 0, g->cols, g->cols >= 18 ? "terminal too small" : g->cols >= 9 ? "too small" : "small", 0);
	g->cur_row = g->cur_col = -1;
}

/* The message on the rows from sr down (v->msg_rows of them), wrapped; with
 * the cursor after it when cursor is set. */
static void view_draw_message(struct view *v, int sr, const char *msg, unsigned attr, int cursor)
{
	struct view_grid *g = &v->grid;
	struct view_memo *m = v->memo;
	if (!cursor && sr < g->rows && m->row[sr].kind == VIEW_ROW_MSG && m->msg_sr == sr && m->msg_attr == attr &&
	    view_str_eq(m->msg, msg))
		return;
	for (int r = sr; r < g->rows; r++)
		view_blank_row(v, r, 0);
	if (msg != NULL) {
		const struct layout *lay = view_str_layout(v, msg, g->cols);
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
	}
	if (cursor)
		return;	/* drawn again each frame: the cursor is placed by it */
	for (int r = sr; r < g->rows; r++)
		m->row[r].kind = VIEW_ROW_MSG;
	view_str_keep(&m->msg, msg);
	m->msg_attr = attr;
	m->msg_sr = sr;
}

/* Start a frame: the rows of text it has, or -1 when the screen is too
 * small (the frame is then the short note). */
static int view_frame(struct view *v)
{
	v->grid.frame = ++view_frames;
	v->memo->r_ok = 0;	/* until a frame of text makes every row */
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

/* A fingerprint of a line's spans. */
static uint64_t view_spans_hash(const struct view_gspan *gs, size_t n)
{
	uint64_t h = VIEW_FNV_START;
	for (size_t i = 0; i < n; i++)
		h = view_fnv(view_fnv(view_fnv(h, gs[i].from), gs[i].to), gs[i].attr);
	return h;
}

/* The input line at screen row sr: the label, then the typed text laid
 * out as a paragraph of its own in the columns left, showing the row the
 * cursor is on. */
static void view_draw_input(struct view *v, int sr, const struct view_input *in)
{
	struct view_grid *g = &v->grid;
	for (int r = sr; r < g->rows; r++)
		view_blank_row(v, r, 0);
	const char *label = in->label;
	if (in->label_short != NULL && view_string_width(v, label) > g->cols - 24)
		label = in->label_short;
	int x = view_draw_string(v, sr, 0, g->cols, label, 0);
	int w = g->cols - x - 1;
	if (in->note != NULL) {
		int nw = view_string_width(v, in->note);
		if (w - nw - 2 >= 4) {
			view_draw_string(v, sr, g->cols - nw, g->cols, in->note, VIEW_A_STATUS);
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

/* Text row sr: row r of line l (laid out as lay), unless it shows that already. */
static void view_text_row(struct view *v, int sr, size_t l, size_t r, const struct layout *lay,
			  const struct view_frame *f, struct view_gspan **gs, size_t *gcap)
{
	struct view_rowsig *rs = &v->memo->row[sr];
	const struct doc_line *dl = &v->doc->lines[l];
	int same_line = rs->kind == VIEW_ROW_TEXT && rs->stamp == dl->stamp && rs->lidx == l;
	/* Because the structure is analysed only now and then, the title and
	 * headings are told from the line itself. */
	unsigned attr = same_line ? rs->attr : txt_line_kind(doc_line_str(v->doc, dl), dl->len, l) != DOC_K_FREE ? VIEW_A_BOLD : 0;
	size_t ngs = view_line_spans(f, l, lay, gs, gcap);
	uint64_t sh = view_spans_hash(*gs, ngs);
	if (same_line && rs->gen == v->gen && rs->r == r && rs->spans == sh)
		return;
	if (rs->kind != VIEW_ROW_TEXT || !view_row_shows(&v->grid, sr, lay, r, attr, *gs, ngs)) {
		view_blank_row(v, sr, 0);
		view_draw_row(&v->grid, sr, lay, r, 0, v->grid.cols, attr, *gs, ngs);
	}
	*rs = (struct view_rowsig){.kind = VIEW_ROW_TEXT, .stamp = dl->stamp, .gen = v->gen,
				   .lidx = l, .r = r, .attr = attr, .spans = sh};
}

static const struct view_grid *view_render_page_frame(struct view *v, const struct view_frame *f);

/* A fingerprint of a frame's spans. */
static uint64_t view_frame_hash(const struct view_frame *f)
{
	uint64_t h = VIEW_FNV_START;
	for (size_t i = 0; i < f->nspans; i++) {
		const struct view_span *sp = &f->spans[i];
		h = view_fnv(view_fnv(view_fnv(view_fnv(view_fnv(h, sp->line0), sp->off0), sp->line1), sp->off1),
			     sp->attr);
	}
	return h;
}

/* Can this frame's text rows differ from the last one's only on the
 * cursor line's rows, when the last frame made every row?  Yes when since
 * then the document changed at most by one new version of the cursor's
 * line (one change of the document, and that line holds its number: no
 * line came, went or moved), which still takes as many rows, and the
 * top, the rows, the layouts' generation and the spans are the same. */
static int view_one_line(const struct view *v, const struct view_frame *f, int h, uint64_t fh, size_t nrows)
{
	const struct view_memo *m = v->memo;
	const struct doc *d = v->doc;
	return m->r_doc == d && m->r_h == h && m->r_gen == v->gen && m->r_spans == fh &&
	       m->r_nlines == d->nlines && m->r_top_line == v->top_line && m->r_top_row == v->top_row &&
	       m->r_cur_line == f->cur_line && m->r_cur_nrows == nrows &&
	       (d->gen == m->r_dgen || (d->gen == m->r_dgen + 1 && d->lines[f->cur_line].stamp == d->gen));
}

/* The status row and the message or input rows under the text. */
static const struct view_grid *view_render_bottom(struct view *v, const struct view_frame *f, int h)
{
	view_draw_status(v, h, &f->st);
	if (f->input != NULL)
		view_draw_input(v, h + 1, f->input);
	else
		view_draw_message(v, h + 1, f->st.msg, f->st.msg_error ? VIEW_A_ERROR : 0, f->st.msg_cursor);
	return &v->grid;
}

const struct view_grid *view_render_frame(struct view *v, const struct view_frame *f)
{
	if (f->page != NULL)
		return view_render_page_frame(v, f);
	struct view_grid *g = &v->grid;
	int rows_ok = v->memo->r_ok;	/* view_frame() forgets it */
	int h = view_frame(v);
	if (h < 0)
		return g;
	struct view_gspan *gs = NULL;
	size_t gcap = 0;
	/* The cursor's row in its line, to be met on the way down. */
	const struct layout *lay = view_layout(v, f->cur_line);
	size_t crow;
	int ccol;
	layout_pos(lay, layout_g_of_off(lay, f->cur_off), &crow, &ccol);
	g->cur_row = g->cur_col = -1;
	struct view_memo *m = v->memo;
	const struct doc *d = v->doc;
	uint64_t fh = view_frame_hash(f);
	size_t cur_nrows = lay->nrows;
	if (rows_ok && view_one_line(v, f, h, fh, cur_nrows)) {
		/* Only the cursor's line can show otherwise, on the same rows. */
		for (size_t k = 0; k < cur_nrows; k++) {
			long sr = m->r_cur_sr + (long)k;
			if (sr >= 0 && sr < h)
				view_text_row(v, (int)sr, f->cur_line, k, lay, f, &gs, &gcap);
		}
		long sr = m->r_cur_sr + (long)crow;
		if (sr >= 0 && sr < h) {
			g->cur_row = (int)sr;
			g->cur_col = ccol < g->cols ? ccol : g->cols - 1;
		}
		free(gs);
		m->r_ok = 1;
		m->r_dgen = d->gen;
		return view_render_bottom(v, f, h);
	}
	int cur_met = 0;
	size_t l = v->top_line, r = v->top_row;
	lay = view_layout(v, l);
	int more = 1;
	for (int sr = 0; sr < h; sr++) {
		if (!more) {
			if (v->memo->row[sr].kind != VIEW_ROW_EMPTY) {
				view_blank_row(v, sr, 0);
				v->memo->row[sr].kind = VIEW_ROW_EMPTY;
			}
			continue;
		}
		view_text_row(v, sr, l, r, lay, f, &gs, &gcap);
		if (l == f->cur_line && !cur_met) {
			cur_met = 1;
			m->r_cur_sr = sr - (long)r;
		}
		if (l == f->cur_line && r == crow) {
			g->cur_row = sr;
			g->cur_col = ccol < g->cols ? ccol : g->cols - 1;
		}
		/* view_row_fwd, with the layout at hand */
		if (r + 1 < lay->nrows) {
			r++;
		} else if (l + 1 < v->doc->nlines) {
			l++;
			r = 0;
			lay = view_layout(v, l);
		} else {
			more = 0;
		}
	}
	free(gs);
	m->r_ok = cur_met;
	m->r_h = h;
	m->r_doc = d;
	m->r_dgen = d->gen;
	m->r_gen = v->gen;
	m->r_nlines = d->nlines;
	m->r_top_line = v->top_line;
	m->r_top_row = v->top_row;
	m->r_cur_line = f->cur_line;
	m->r_cur_nrows = cur_nrows;
	m->r_spans = fh;
	return view_render_bottom(v, f, h);
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
		view_blank_row(v, sr, 0);
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
	view_blank_row(v, h, VIEW_A_STATUS);
	int ww = view_string_width(v, where);
	view_draw_string(v, h, 0, g->cols - ww - 1, title, VIEW_A_STATUS);
	view_draw_string(v, h, g->cols - ww > 0 ? g->cols - ww : 0, g->cols, where, VIEW_A_STATUS);
	free(where);
	g->cur_row = g->cur_col = -1;
	view_draw_message(v, h + 1, msg, 0, 0);
	return g;
}
