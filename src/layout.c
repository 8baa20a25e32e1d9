/* layout: one line of text -> screen rows of cells; see layout.h.
 *
 * Data model.  layout_line() decodes the line into code points, groups
 * them into graphemes (ustr), resolves bidi levels for the whole line as
 * one paragraph (bidi), turns each grapheme into one cell of display text
 * (symbols for controls and invalid bytes, mirrored or shaped glyphs),
 * wraps the graphemes into rows at line-break opportunities, and reorders
 * each row on its own.  Everything per code point lives in a scratch kept
 * from call to call (struct layout_scratch); the result is one block:
 * struct layout, its arrays and its display text.
 *
 * Cells and graphemes are one to one: a row's visual order of graphemes is
 * the order in which fribidi's visual map shows their first code points,
 * so a cluster always moves as a unit (base first, then its marks in
 * logical order) even when L3 alone would not keep it together (emoji ZWJ
 * sequences, Hangul jamo, marks after a bidi control).
 *
 * Cursor stops: every grapheme that is not hidden, plus the end of the
 * line.  In "reading order" the stops run row by row, and within a row in
 * the paragraph's direction (left to right for LTR, right to left for
 * RTL), the end of the line last; visual motion walks that sequence. */
#include "mahdar/layout.h"
#include "mahdar/bidi.h"
#include "mahdar/buf.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Columns beyond which a width is clamped, so that columns fit uint16_t
 * even with one over-wide grapheme on a row. */
#define LAYOUT_MAX_WIDTH (UINT16_MAX - 512)
/* A cluster drawn as symbols stops growing past this many columns. */
#define LAYOUT_MAX_SYMBOL 200
#define LAYOUT_DOTTED_CIRCLE 0x25CCu

/* Per code point scratch of layout_line (all arrays have room for len). */
struct layout_work {
	uint32_t *cp;		/* code points, USTR_INVALID for an invalid byte */
	uint32_t *coff;		/* byte offset of each code point, + 1 */
	uint32_t *dcp;		/* display code points: valid, then shaped */
	uint32_t *types;	/* bidi classes (symbols made neutral) */
	uint32_t *scratch;	/* bracket types for bidi_levels */
	uint32_t *cpg;		/* grapheme of each code point */
	uint32_t *gcp;		/* first code point of each grapheme, + 1 */
	int *map;		/* visual map (bidi_reorder_line) */
	uint8_t *levels;	/* paragraph levels */
	uint8_t *llevels;	/* line levels: a copy, changed by L1 per row */
	char *gbrk;		/* grapheme starts */
	char *sym;		/* drawn as a symbol (layout_is_symbol) */
	char *lbrk;		/* line-break opportunities, per byte */
	uint8_t *shape;		/* joining scratch */
	struct layout_cell *gtmp;	/* each grapheme's cell, logical order */
	int simple;		/* levels from bidi_levels_simple, one per grapheme: rows
				 * are reordered here (layout_row_order) */
};

static const struct {
	uint32_t cp;
	char name[4];
} layout_bidi_names[] = {
	{0x061C, "ALM"}, {0x200E, "LRM"}, {0x200F, "RLM"}, {0x202A, "LRE"}, {0x202B, "RLE"},
	{0x202C, "PDF"}, {0x202D, "LRO"}, {0x202E, "RLO"}, {0x2066, "LRI"}, {0x2067, "RLI"},
	{0x2068, "FSI"}, {0x2069, "PDI"},
};

/* The short name of a bidi control, or NULL. */
static const char *layout_bidi_name(uint32_t cp)
{
	if (cp != 0x061C && (cp < 0x200E || cp > 0x2069))
		return NULL;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(layout_bidi_names); i++)
		if (layout_bidi_names[i].cp == cp)
			return layout_bidi_names[i].name;
	return NULL;
}

/* Is cp drawn as a symbol ("^[", "<9B>", "<FF>", "<200B>")?  TAB and the
 * bidi controls are not: they have their own display. */
static int layout_is_symbol(uint32_t cp)
{
	if ((cp >= 0x20 && cp < 0x7F) || cp == '\t')
		return 0;
	if (cp == USTR_INVALID || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	return ustr_is_control(cp) && layout_bidi_name(cp) == NULL;
}

/* Append the symbol of code point cp (or of the invalid byte b); returns its width. */
static int layout_put_symbol(struct buf *t, uint32_t cp, unsigned char b)
{
	char sym[8];
	size_t n = ustr_symbol(cp, b, sym);
	buf_append(t, sym, n);
	return (int)n;
}

static void layout_put_cp(struct buf *t, uint32_t cp)
{
	char u[4];
	buf_append(t, u, ustr_encode(cp, u));
}

/* Which PDFs close an LRO/RLO: marks them in show[] (per grapheme), with
 * a stack of the open embeddings, overrides and isolates (X1-X8, without
 * the overflow subtleties: this only decides which PDF markers to show). */
static void layout_pdf_of_override(const struct layout_work *w, size_t ng, char *show)
{
	enum { EMBED = 1, OVERRIDE = 2, ISOLATE = 3 };
	unsigned char stack[128];
	size_t depth = 0, overflow = 0;
	for (size_t g = 0; g < ng; g++) {
		uint32_t c = w->cp[w->gcp[g]];
		int kind = 0;
		if (c == 0x202A || c == 0x202B)
			kind = EMBED;
		else if (c == 0x202D || c == 0x202E)
			kind = OVERRIDE;
		else if (c >= 0x2066 && c <= 0x2068)
			kind = ISOLATE;
		if (kind != 0) {
			if (depth < sizeof stack)
				stack[depth++] = (unsigned char)kind;
			else
				overflow++;
		} else if (c == 0x2069) {
			if (overflow > 0) {
				overflow--;
				continue;
			}
			size_t d = depth;
			while (d > 0 && stack[d - 1] != ISOLATE)
				d--;
			if (d > 0)
				depth = d - 1;
		} else if (c == 0x202C) {
			if (overflow > 0)
				overflow--;
			else if (depth > 0 && stack[depth - 1] != ISOLATE)
				show[g] = stack[--depth] == OVERRIDE;
		}
	}
}

/* The glyph shown for code point i: shaped, then mirrored in a
 * right-to-left run; adds LAYOUT_CELL_SHAPED/MIRRORED to *flags. */
static uint32_t layout_glyph(const struct layout_work *w, const struct layout_opts *o, size_t i,
			     unsigned *flags)
{
	uint32_t d = w->dcp[i];
	if (d != w->cp[i])
		*flags |= LAYOUT_CELL_SHAPED;
	if (!(o->flags & LAYOUT_NO_MIRROR) && (w->levels[i] & 1)) {
		uint32_t m = bidi_mirror(d);
		if (m != d) {
			*flags |= LAYOUT_CELL_MIRRORED;
			d = m;
		}
	}
	return d;
}

/* The display of grapheme g (code points [c0, c1)) into w->gtmp[g]. */
static void layout_cell_make(const struct layout_work *w, const char *s, size_t g,
			     const struct layout_opts *o, int show_pdf, struct buf *t)
{
	size_t c0 = w->gcp[g], c1 = w->gcp[g + 1];
	uint32_t first = w->cp[c0];
	struct layout_cell *cell = &w->gtmp[g];
	const char *name;
	int width = 0;
	unsigned flags = 0;

	cell->g = (uint32_t)g;
	cell->text = (uint32_t)t->len;
	if (first == '\t') {
		/* Kept simple on purpose: a TAB is one column, drawn as a space,
		 * not a jump to the next tab stop — so that columns do not depend
		 * on the row a TAB lands on after wrapping and reordering. */
		buf_putc(t, ' ');
		width = 1;
	} else if (w->sym[c0]) {
		flags = first == USTR_INVALID ? LAYOUT_CELL_INVALID : LAYOUT_CELL_CTRL;
		for (size_t i = c0; i < c1 && width < LAYOUT_MAX_SYMBOL; i++)
			width += layout_put_symbol(t, w->cp[i], (unsigned char)s[w->coff[i]]);
	} else if ((name = layout_bidi_name(first)) != NULL) {
		/* Overrides change what the text looks like, so they are always
		 * shown, and so is the PDF that ends one; other controls only
		 * on request. */
		int shown = (o->flags & LAYOUT_SHOW_CONTROLS) || first == 0x202D ||
			    first == 0x202E || (first == 0x202C && show_pdf);
		if (shown) {
			buf_append(t, name, 3);
			width = 3;
			flags = LAYOUT_CELL_BIDI;
		} else {
			flags = LAYOUT_CELL_HIDDEN;
		}
	} else {
		width = ustr_grapheme_width(w->cp + c0, c1 - c0);
		if (width == 0 && ustr_is_format(first) && first != 0x200C && first != 0x200D) {
			/* Invisible formatting with nothing to show it on. */
			flags = LAYOUT_CELL_CTRL;
			for (size_t i = c0; i < c1 && width < LAYOUT_MAX_SYMBOL; i++)
				width += layout_put_symbol(t, w->cp[i], 0);
		} else {
			if (width == 0) {
				/* A mark (or joiner) with no base: on a dotted circle. */
				layout_put_cp(t, LAYOUT_DOTTED_CIRCLE);
				width = 1;
			}
			unsigned changed = 0;
			for (size_t i = c0; i < c1; i++)
				layout_glyph(w, o, i, &changed);
			if (changed == 0) {	/* the common case: the bytes as they are */
				buf_append(t, s + w->coff[c0], w->coff[c1] - w->coff[c0]);
			} else {
				for (size_t i = c0; i < c1; i++)
					layout_put_cp(t, layout_glyph(w, o, i, &flags));
			}
		}
	}
	cell->width = (uint8_t)(width > UINT8_MAX ? UINT8_MAX : width);
	cell->flags = (uint8_t)flags;
	cell->col = 0;
	cell->text_len = (uint32_t)(t->len - cell->text);
}

/* layout_cell_make for the grapheme nearly every one is: one code point
 * with a width, not a control, drawn as it is.  0 when g is not one. */
static inline int layout_cell_plain(const struct layout_work *w, const char *s, size_t g,
				    const struct layout_opts *o, struct buf *t)
{
	size_t c0 = w->gcp[g];
	uint32_t c = w->cp[c0];
	if (w->gcp[g + 1] != c0 + 1 || c == '\t' || w->sym[c0] || w->dcp[c0] != c ||
	    layout_bidi_name(c) != NULL)
		return 0;
	int width = ustr_cp_width(c);
	if (width <= 0 || (!(o->flags & LAYOUT_NO_MIRROR) && (w->levels[c0] & 1) && bidi_mirror(c) != c))
		return 0;
	struct layout_cell *cell = &w->gtmp[g];
	cell->g = (uint32_t)g;
	cell->text = (uint32_t)t->len;
	buf_append(t, s + w->coff[c0], w->coff[c0 + 1] - w->coff[c0]);
	cell->width = (uint8_t)width;
	cell->flags = 0;
	cell->col = 0;
	cell->text_len = (uint32_t)(t->len - cell->text);
	return 1;
}

/* ---- Where a row may end.
 *
 * Line-break opportunities (UAX #14, libunistring) are asked only near
 * the graphemes where a row overflows, not for the whole line: a key typed
 * in a long paragraph would otherwise pay for all of it.  A window of the
 * line starts two code points before a place where no rule can see past:
 * a letter, a space, a letter (every rule that looks back, LB8 and LB14-17
 * over spaces, LB9 over marks, LB21a, LB25 over a number, LB30a over
 * regional indicators, stops at a letter; and LB18 breaks after the
 * space).  The window ends four code points that are not marks past the
 * last opportunity asked (the rules that look ahead, LB25 and LB15c, look
 * at most two ahead, marks aside).  Where no such place lies inside the
 * row, the whole line's opportunities are found once (LAYOUT_FULL always
 * does that), so the result is the whole line's either way. */

/* A letter that UAX #14 classes AL or HL: Latin, Hebrew, Arabic. */
static int layout_plain_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x05D0 && c <= 0x05EA) ||
	       (c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3);
}

struct layout_breaks {
	const char *s;
	size_t len, n;		/* bytes and code points of the line */
	int full;		/* w->lbrk holds the whole line's opportunities */
};

/* Fill w->lbrk for code points [c0, c1) as the whole line has them
 * (exact from c0 + 2 on: c0 is a letter followed by a space). */
static void layout_breaks_window(const struct layout_work *w, const struct layout_breaks *lb, size_t c0,
				 size_t c1)
{
	size_t e = c1, plain = 0;
	while (e < lb->n && plain < 4) {
		if (!ustr_is_mark(w->cp[e]))
			plain++;
		e++;
	}
	size_t b0 = w->coff[c0], b1 = e < lb->n ? w->coff[e] : lb->len;
	ustr_line_breaks(lb->s + b0, b1 - b0, w->lbrk + b0);
}

/* The last grapheme in (start, g] before which the row may end, or start. */
static size_t layout_last_break(const struct layout_work *w, struct layout_breaks *lb, size_t start, size_t g)
{
	size_t hi = w->gcp[g] + 1;	/* code points [.., hi) asked */
	size_t from = w->gcp[g];	/* code points before this one are still to look at */
	while (!lb->full) {
		/* The nearest safe window start at or below from. */
		size_t c = from;
		while (c >= 2 &&
		       !(w->cp[c - 1] == ' ' && layout_plain_letter(w->cp[c - 2]) && layout_plain_letter(w->cp[c])))
			c--;
		if (c < 2) {
			ustr_line_breaks(lb->s, lb->len, w->lbrk);
			lb->full = 1;
			break;
		}
		layout_breaks_window(w, lb, c - 2, hi);
		for (size_t k = g + 1; k-- > start + 1;) {
			if (w->gcp[k] < c)
				break;
			if (w->lbrk[w->coff[w->gcp[k]]])
				return k;
		}
		/* None from c up to g: look further back. */
		hi = c;
		from = c - 1;
		while (g > start && w->gcp[g] >= c)
			g--;
		if (g <= start)
			return start;
	}
	for (size_t k = g + 1; k-- > start + 1;)
		if (w->lbrk[w->coff[w->gcp[k]]])
			return k;
	return start;
}

/* Wrap graphemes into rows: rows[r].gfirst/gend; returns the row count.
 * Greedy: a row ends at the last line-break opportunity that lets it fit;
 * a word wider than the row is cut between graphemes; a space that does
 * not fit starts the next row (it is a cursor stop, so it must be on
 * screen).  Every row but the last shows something: a grapheme that takes
 * no column (a hidden bidi control) never starts a row, and a row is not
 * cut at a break that would leave it only such graphemes — because a
 * click on a row of nothing would land on no cursor stop. */
static size_t layout_wrap(const struct layout_work *w, struct layout_breaks *lb, size_t ng, int width,
			  struct layout_row *rows)
{
	size_t nrows = 0, start = 0;
	int used = 0;	/* columns of [start, g) */
	for (size_t g = 0; g < ng; g++) {
		int cw = w->gtmp[g].width;
		while (cw > 0 && used > 0 && used + cw > width) {
			size_t cut = g, lastbrk = layout_last_break(w, lb, start, g);
			int brkused = 0;	/* columns of [start, lastbrk) */
			for (size_t k = start; k < lastbrk; k++)
				brkused += w->gtmp[k].width;
			if (lastbrk > start && brkused > 0 && !ustr_is_space(w->cp[w->gcp[g]]))
				cut = lastbrk;
			rows[nrows].gfirst = (uint32_t)start;
			rows[nrows].gend = (uint32_t)cut;
			nrows++;
			used = 0;
			for (size_t k = cut; k < g; k++)
				used += w->gtmp[k].width;
			start = cut;
		}
		used += cw;
	}
	rows[nrows].gfirst = (uint32_t)start;
	rows[nrows].gend = (uint32_t)ng;
	return nrows + 1;
}

/* Do the code points of each grapheme share one level? */
static int layout_graphemes_level(const struct layout_work *w, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (!w->gbrk[i] && w->levels[i] != w->levels[i - 1])
			return 0;
	return 1;
}

/* L2 for a row of a simple paragraph (levels 0, or 1 and 2): the first
 * code point of each grapheme, left to right, into map[c0...] — what
 * fribidi's map shows of them.  Returns how many. */
static size_t layout_row_order(const struct layout_work *w, const struct layout_row *row, size_t c0,
			       int dir)
{
	size_t k = c0;
	if (dir == LAYOUT_LTR) {	/* every level 0 */
		for (size_t g = row->gfirst; g < row->gend; g++)
			w->map[k++] = (int)w->gcp[g];
		return k - c0;
	}
	/* Right to left, runs of level 2 kept left to right, and (L3, as
	 * fribidi's FRIBIDI_FLAG_REORDER_NSM does it) a grapheme that starts
	 * with a mark kept right after the one before it at its level, when
	 * that one is a single code point (fribidi keeps the mark with the
	 * code point before it: after CR LF, with the LF, which leaves the
	 * CR's grapheme where plain reversal puts it). */
	uint32_t nsm = bidi_class_nsm();
	for (size_t g = row->gend; g > row->gfirst;) {
		g--;
		uint8_t lv = w->levels[w->gcp[g]];
		size_t s = g;
		if (lv == 2) {
			while (s > row->gfirst && w->levels[w->gcp[s - 1]] == 2)
				s--;
		} else {
			while (s > row->gfirst && w->types[w->gcp[s]] == nsm && w->levels[w->gcp[s - 1]] == lv &&
			       w->gcp[s] == w->gcp[s - 1] + 1)
				s--;
		}
		for (size_t x = s; x <= g; x++)
			w->map[k++] = (int)w->gcp[x];
		g = s;
	}
	return k - c0;
}

/* Reorder row r, placing its cells in visual order at lay->cells + next. */
static size_t layout_row_fill(struct layout *lay, const struct layout_work *w, size_t r,
			      size_t next)
{
	struct layout_row *row = &lay->rows[r];
	size_t c0 = w->gcp[row->gfirst], c1 = w->gcp[row->gend];
	if (w->simple)	/* only grapheme starts in the map: c1 moves to its end */
		c1 = c0 + layout_row_order(w, row, c0, lay->dir);
	else
		bidi_reorder_line(w->types, c0, c1 - c0, lay->dir, 1, w->llevels, w->map);
	int roww = 0;
	for (size_t g = row->gfirst; g < row->gend; g++) {
		roww += w->gtmp[g].width;
		lay->glevel[g] = w->llevels[w->gcp[g]];
	}
	int left = 0;
	if (lay->dir == LAYOUT_RTL && roww < lay->width)
		left = lay->width - roww;
	row->cell = next;
	row->left = (uint16_t)left;
	row->right = (uint16_t)(left + roww);
	int col = left;
	for (size_t i = c0; i < c1; i++) {
		size_t c = (size_t)w->map[i];
		if (!w->gbrk[c])
			continue;
		size_t g = w->cpg[c];
		struct layout_cell *cell = &lay->cells[next];
		*cell = w->gtmp[g];
		cell->col = (uint16_t)col;
		if (lay->glevel[g] & 1)
			cell->flags |= LAYOUT_CELL_RTL;
		lay->gcell[g] = (uint32_t)next;
		col += cell->width;
		next++;
	}
	row->ncells = next - row->cell;
	return next;
}

/* Where the rows start in a result block for ng graphemes. */
static size_t layout_rows_at(size_t ng)
{
	size_t at = sizeof(struct layout) + ng * sizeof(struct layout_cell) + (ng + 1 + ng) * sizeof(uint32_t) + ng;
	return (at + _Alignof(struct layout_row) - 1) / _Alignof(struct layout_row) * _Alignof(struct layout_row);
}

/* Scratch kept from one layout_line() to the next: the per code point
 * work, the result before it is cut to size, and the display text.
 * Typing lays the same line out again on every key, and warm memory
 * reused costs less than fresh heap each time (a fresh page is a page
 * fault, and a cold cache line a miss).  One caller at a time takes it
 * (another thread allocates its own); past LAYOUT_KEEP bytes it is given
 * back, so that one long line does not hold memory for good. */
struct layout_scratch {
	char *work, *res;
	size_t work_cap, res_cap;
	struct buf text;
};
#define LAYOUT_KEEP (256 * 1024)
static struct layout_scratch layout_kept;
static atomic_flag layout_kept_busy = ATOMIC_FLAG_INIT;

static struct layout_scratch *layout_scratch_take(struct layout_scratch *own)
{
	if (atomic_flag_test_and_set_explicit(&layout_kept_busy, memory_order_acquire)) {
		*own = (struct layout_scratch){.text = BUF_INIT};
		return own;
	}
	return &layout_kept;
}

static void layout_scratch_give(struct layout_scratch *sc)
{
	int kept = sc == &layout_kept;
	if (!kept || sc->work_cap + sc->res_cap + sc->text.cap > LAYOUT_KEEP) {
		free(sc->work);
		free(sc->res);
		buf_free(&sc->text);
		*sc = (struct layout_scratch){.text = BUF_INIT};
	}
	if (kept)
		atomic_flag_clear_explicit(&layout_kept_busy, memory_order_release);
}

/* A scratch block of at least size bytes in *p (contents not kept). */
static char *layout_scratch_block(char **p, size_t *cap, size_t size)
{
	if (size > *cap) {
		free(*p);
		*p = xmalloc(size);
		*cap = size;
	}
	return *p;
}

/* Point lay's arrays into the block that starts with it: cells, goff,
 * gcell, glevel, then at layout_rows_at() the rows. */
static void layout_carve(struct layout *lay, size_t ng)
{
	char *p = (char *)(lay + 1);
	lay->cells = (struct layout_cell *)p;
	p += ng * sizeof(struct layout_cell);
	lay->goff = (uint32_t *)p;
	p += (ng + 1) * sizeof(uint32_t);
	lay->gcell = (uint32_t *)p;
	p += ng * sizeof(uint32_t);
	lay->glevel = (uint8_t *)p;
	lay->rows = (struct layout_row *)((char *)lay + layout_rows_at(ng));
	lay->ngraph = ng;
}

/* The result block in the scratch, with room for as many rows as a line
 * can have (one per grapheme, and one); layout_trim() copies out what the
 * line has. */
static struct layout *layout_alloc(struct layout_scratch *sc, size_t ng)
{
	size_t size = layout_rows_at(ng) + (ng + 1) * sizeof(struct layout_row);
	/* Not zeroed: every part is written before it is read (the rows past
	 * nrows never are). */
	struct layout *lay = (struct layout *)layout_scratch_block(&sc->res, &sc->res_cap, size);
	memset(lay, 0, sizeof *lay);
	layout_carve(lay, ng);
	return lay;
}

/* The result, in one block of its size: the scratch's struct layout and
 * arrays, its nrows rows, then the display text (a line of 100 graphemes
 * in one row takes 2 KB, not 5). */
static struct layout *layout_trim(const struct layout *from, const struct buf *text)
{
	size_t at = layout_rows_at(from->ngraph), rows = from->nrows * sizeof *from->rows;
	char *p = xmalloc(at + rows + text->len + 1);
	memcpy(p, from, at);
	memcpy(p + at, from->rows, rows);
	if (text->len > 0)
		memcpy(p + at + rows, text->s, text->len);
	p[at + rows + text->len] = '\0';
	struct layout *lay = (struct layout *)p;
	layout_carve(lay, from->ngraph);
	lay->text = p + at + rows;
	lay->text_len = text->len;
	return lay;
}

static void layout_work_init(struct layout_work *w, struct layout_scratch *sc, size_t len)
{
	size_t n = len + 1;
	size_t size = n * (7 * sizeof(uint32_t) + sizeof(int) + sizeof(struct layout_cell) + 6);
	char *p = layout_scratch_block(&sc->work, &sc->work_cap, size);
	w->gtmp = (struct layout_cell *)p, p += n * sizeof(struct layout_cell);
	w->cp = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->coff = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->dcp = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->types = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->scratch = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->cpg = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->gcp = (uint32_t *)p, p += n * sizeof(uint32_t);
	w->map = (int *)p, p += n * sizeof(int);
	w->levels = (uint8_t *)p, p += n;
	w->llevels = (uint8_t *)p, p += n;
	w->gbrk = p, p += n;
	w->lbrk = p, p += n;
	w->sym = p, p += n;
	w->shape = (uint8_t *)p;
}

struct layout *layout_line(const char *s, size_t len, const struct layout_opts *o)
{
	struct layout_work w;
	struct layout_scratch own, *sc = layout_scratch_take(&own);
	layout_work_init(&w, sc, len);

	/* Code points and graphemes. */
	size_t n = ustr_decode_all(s, len, w.cp, w.coff);
	w.coff[n] = (uint32_t)len;
	ustr_grapheme_breaks(w.cp, n, w.gbrk);
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		if (w.gbrk[i])
			w.gcp[ng++] = (uint32_t)i;
		w.cpg[i] = (uint32_t)(ng - 1);
	}
	w.gcp[ng] = (uint32_t)n;

	struct layout *lay = layout_alloc(sc, ng);
	lay->width = o->width < 1 ? 1 : o->width > LAYOUT_MAX_WIDTH ? LAYOUT_MAX_WIDTH : o->width;
	for (size_t g = 0; g <= ng; g++)
		lay->goff[g] = w.coff[w.gcp[g]];

	/* Bidi levels: what is drawn as a symbol is a neutral. */
	for (size_t i = 0; i < n; i++)
		w.dcp[i] = w.cp[i] == USTR_INVALID ? 0xFFFDu : w.cp[i];	/* for bidi */
	bidi_classify(w.dcp, n, w.types);
	for (size_t i = 0; i < n; i++)
		if ((w.sym[i] = (char)layout_is_symbol(w.cp[i])))
			w.types[i] = bidi_class_neutral();
	int base = o->base == LAYOUT_LTR || o->base == LAYOUT_RTL ? o->base : BIDI_AUTO;
	int fallback = o->fallback == LAYOUT_RTL ? BIDI_RTL : BIDI_LTR;
	int dir = o->flags & LAYOUT_FULL ? -1 : bidi_levels_simple(w.types, n, base, fallback, w.levels);
	w.simple = dir >= 0 && layout_graphemes_level(&w, n);
	lay->dir = dir >= 0 ? dir : bidi_levels(w.dcp, w.types, n, base, fallback, w.scratch, w.levels);
	memcpy(w.llevels, w.levels, n);
	if (o->flags & LAYOUT_SHAPE)
		bidi_shape(w.types, w.levels, n, w.shape, w.dcp);

	/* One cell per grapheme, in logical order for now. */
	struct buf *text = &sc->text;
	buf_clear(text);
	buf_reserve(text, 2 * len + 16);
	char *show_pdf = w.lbrk;	/* borrowed: lbrk is filled after this */
	memset(show_pdf, 0, ng);
	if (dir < 0)	/* a simple paragraph has no explicit formatting */
		layout_pdf_of_override(&w, ng, show_pdf);
	int full = (o->flags & LAYOUT_FULL) != 0;
	for (size_t g = 0; g < ng; g++)
		if (full || !layout_cell_plain(&w, s, g, o, text))
			layout_cell_make(&w, s, g, o, show_pdf[g], text);
	lay->text = text->s;	/* until layout_trim() */
	lay->text_len = text->len;

	/* Rows, each reordered on its own.  Where to break is asked only of
	 * a line wider than the screen. */
	long total = 0;
	for (size_t g = 0; g < ng; g++)
		total += w.gtmp[g].width;
	struct layout_breaks lb = {s, len, n, 0};
	if (total > lay->width && (o->flags & LAYOUT_FULL)) {
		ustr_line_breaks(s, len, w.lbrk);
		lb.full = 1;
	}
	lay->nrows = total > lay->width ? layout_wrap(&w, &lb, ng, lay->width, lay->rows) : 1;
	if (lay->nrows == 1) {
		lay->rows[0].gfirst = 0;
		lay->rows[0].gend = (uint32_t)ng;
	}
	size_t next = 0;
	for (size_t r = 0; r < lay->nrows; r++)
		next = layout_row_fill(lay, &w, r, next);
	lay->ncells = next;
	struct layout *out = layout_trim(lay, text);
	layout_scratch_give(sc);
	return out;
}

void layout_free(struct layout *lay)
{
	free(lay);	/* one block, its text included */
}

size_t layout_row_of(const struct layout *lay, size_t g)
{
	if (g >= lay->ngraph)
		return lay->nrows - 1;
	size_t lo = 0, hi = lay->nrows - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (lay->rows[mid].gfirst <= g)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

size_t layout_g_of_off(const struct layout *lay, size_t off)
{
	if (lay->ngraph == 0 || off >= lay->goff[lay->ngraph])
		return lay->ngraph;
	size_t lo = 0, hi = lay->ngraph - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (lay->goff[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Column of the end-of-line position, on the last row. */
static int layout_eol_col(const struct layout *lay)
{
	const struct layout_row *row = &lay->rows[lay->nrows - 1];
	int col = lay->dir == LAYOUT_RTL ? (int)row->left - 1 : (int)row->right;
	if (col < 0)
		col = 0;
	if (col > lay->width - 1)
		col = lay->width - 1;
	return col;
}

void layout_pos(const struct layout *lay, size_t g, size_t *row, int *col)
{
	*row = layout_row_of(lay, g);
	if (g >= lay->ngraph) {
		*col = layout_eol_col(lay);
		return;
	}
	int c = lay->cells[lay->gcell[g]].col;
	*col = c > lay->width - 1 ? lay->width - 1 : c;
}

size_t layout_hit(const struct layout *lay, size_t r, int col)
{
	if (r >= lay->nrows)
		r = lay->nrows - 1;
	const struct layout_row *row = &lay->rows[r];
	size_t best = row->gfirst;
	int bestd = -1;
	if (r == lay->nrows - 1) {
		int e = layout_eol_col(lay);
		best = lay->ngraph;
		bestd = col > e ? col - e : e - col;
	}
	for (size_t c = row->cell; c < row->cell + row->ncells; c++) {
		const struct layout_cell *cell = &lay->cells[c];
		if (cell->flags & LAYOUT_CELL_HIDDEN)
			continue;
		int a = cell->col, b = cell->col + cell->width - 1;
		int d = col < a ? a - col : col > b ? col - b : 0;
		if (d == 0)
			return cell->g;
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = cell->g;
		}
	}
	return best;
}

/* The reading-order neighbour of stop position p (a cell index, or
 * lay->ncells for the end of the line): fwd = 1 the next, 0 the previous.
 * Returns LAYOUT_OFF_START / LAYOUT_OFF_END past either end. */
static size_t layout_step(const struct layout *lay, size_t p, int fwd)
{
	size_t nc = lay->ncells;
	if (p == LAYOUT_OFF_START) {	/* before the first stop */
		if (!fwd)
			return LAYOUT_OFF_START;
		if (lay->dir == LAYOUT_LTR)
			return 0;
		for (size_t r = 0; r < lay->nrows; r++)
			if (lay->rows[r].ncells > 0)
				return lay->rows[r].cell + lay->rows[r].ncells - 1;
		return nc;
	}
	if (lay->dir == LAYOUT_LTR) {
		if (fwd)
			return p >= nc ? LAYOUT_OFF_END : p + 1;
		return p == 0 ? LAYOUT_OFF_START : p - 1;
	}
	/* RTL: each row right to left, rows top to bottom, then the end. */
	if (p >= nc) {
		if (fwd)
			return LAYOUT_OFF_END;
		for (size_t r = lay->nrows; r-- > 0;)
			if (lay->rows[r].ncells > 0)
				return lay->rows[r].cell;
		return LAYOUT_OFF_START;
	}
	size_t r = layout_row_of(lay, lay->cells[p].g);
	const struct layout_row *row = &lay->rows[r];
	if (fwd) {
		if (p > row->cell)
			return p - 1;
		for (r++; r < lay->nrows; r++)
			if (lay->rows[r].ncells > 0)
				return lay->rows[r].cell + lay->rows[r].ncells - 1;
		return nc;
	}
	if (p + 1 < row->cell + row->ncells)
		return p + 1;
	while (r-- > 0)
		if (lay->rows[r].ncells > 0)
			return lay->rows[r].cell;
	return LAYOUT_OFF_START;
}

/* From stop position p, step in reading order until a cursor stop. */
static size_t layout_walk(const struct layout *lay, size_t p, int fwd)
{
	for (;;) {
		p = layout_step(lay, p, fwd);
		if (p == LAYOUT_OFF_START || p == LAYOUT_OFF_END)
			return p;
		if (p == lay->ncells)
			return lay->ngraph;
		if (!(lay->cells[p].flags & LAYOUT_CELL_HIDDEN))
			return lay->cells[p].g;
	}
}

size_t layout_move(const struct layout *lay, size_t g, int dir)
{
	int fwd = (dir > 0) == (lay->dir == LAYOUT_LTR);
	size_t p = g >= lay->ngraph ? lay->ncells : lay->gcell[g];
	return layout_walk(lay, p, fwd);
}

size_t layout_enter(const struct layout *lay, int dir)
{
	int fwd = (dir > 0) == (lay->dir == LAYOUT_LTR);
	if (!fwd)
		return lay->ngraph;	/* the end of the line is the last stop */
	return layout_walk(lay, LAYOUT_OFF_START, 1);
}

int layout_reorder(const uint32_t *cp, size_t n, int base, int keep_marks, uint8_t *levels,
		   size_t *vis)
{
	size_t k = n + 1;
	char *block = xmalloc(k * (3 * sizeof(uint32_t) + sizeof(int) + 1));
	uint32_t *real = (uint32_t *)block;
	uint32_t *types = real + k;
	uint32_t *scratch = types + k;
	int *map = (int *)(scratch + k);
	uint8_t *lev = (uint8_t *)(map + k);
	for (size_t i = 0; i < n; i++)	/* bidi wants real code points */
		real[i] = cp[i] > 0x10FFFF ? 0xFFFDu : cp[i];
	bidi_classify(real, n, types);
	int b = base == LAYOUT_LTR || base == LAYOUT_RTL ? base : BIDI_AUTO;
	int dir = bidi_levels_simple(types, n, b, BIDI_LTR, lev);
	if (dir < 0)
		dir = bidi_levels(real, types, n, b, BIDI_LTR, scratch, lev);
	bidi_reorder_line(types, 0, n, dir, keep_marks, lev, map);
	for (size_t i = 0; i < n; i++) {
		if (levels != NULL)
			levels[i] = lev[i];
		if (vis != NULL)
			vis[i] = (size_t)map[i];
	}
	free(block);
	return dir;
}
