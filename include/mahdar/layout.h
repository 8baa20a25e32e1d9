/* layout: one line of text -> screen rows.  Pure: no terminal, no globals.
 *
 * (line bytes, width, base direction) -> visual rows of cells, plus the
 * logical<->visual maps the editor needs for the cursor and the mouse.
 *
 * Units: a line is a sequence of graphemes (extended grapheme clusters;
 * an invalid byte is a grapheme of its own).  Grapheme g spans bytes
 * [goff[g], goff[g+1]).  A cursor position is a grapheme index in
 * [0, ngraph]; ngraph is the end of the line.
 *
 * The line is one bidi paragraph.  Levels are resolved for the whole line,
 * then the line is wrapped at word boundaries (never inside a grapheme) and
 * each row is reordered on its own (UAX #9 L1-L2).  A row's cells are in
 * visual order, left to right, with their screen column: RTL paragraphs are
 * right-aligned, LTR ones left-aligned. */
#ifndef MAHDAR_LAYOUT_H
#define MAHDAR_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

enum layout_dir { LAYOUT_LTR = 0, LAYOUT_RTL = 1, LAYOUT_AUTO = 2 };

/* layout_opts.flags */
#define LAYOUT_SHAPE		0x1u	/* Arabic presentation forms for terminals that do not shape */
#define LAYOUT_SHOW_CONTROLS	0x2u	/* show every bidi control as a marker (overrides are always
					 * shown, and so is a PDF that closes an override) */
#define LAYOUT_NO_MIRROR	0x4u	/* do not mirror brackets in RTL runs */
#define LAYOUT_FULL		0x8u	/* fribidi for every line, line-break opportunities of
					 * whole lines, every cell the long way: also where
					 * layout.c has a shorter way to the same result (for
					 * the tests that compare the two) */

struct layout_opts {
	int width;		/* columns available, >= 1 */
	int base;		/* LAYOUT_AUTO: first strong character (P2-P3) */
	int fallback;		/* LAYOUT_LTR/RTL: direction of a line with no strong character */
	unsigned flags;
};

/* layout_cell.flags */
#define LAYOUT_CELL_RTL		0x01u	/* resolved level is odd */
#define LAYOUT_CELL_CTRL	0x02u	/* a control character drawn as a symbol ("^[", "<9B>",
					 * "<200B>" for invisible format characters) */
#define LAYOUT_CELL_INVALID	0x04u	/* an invalid byte drawn as a symbol */
#define LAYOUT_CELL_BIDI	0x08u	/* a bidi control drawn as a marker ("RLO") */
#define LAYOUT_CELL_MIRRORED	0x10u	/* glyph mirrored */
#define LAYOUT_CELL_SHAPED	0x20u	/* glyph replaced by a presentation form */
#define LAYOUT_CELL_HIDDEN	0x40u	/* takes no column (a bidi control not shown) */

struct layout_cell {
	uint32_t g;		/* logical grapheme index */
	uint16_t col;		/* screen column of the cell's left edge */
	uint8_t width;		/* columns (0 only when HIDDEN) */
	uint8_t flags;
	uint32_t text;		/* what to draw: UTF-8 at layout->text + text ... */
	uint32_t text_len;	/* ... never containing C0/C1 controls or ESC */
};

struct layout_row {
	size_t cell;		/* first cell (index into layout->cells) */
	size_t ncells;
	uint32_t gfirst, gend;	/* logical graphemes [gfirst, gend) on this row */
	uint16_t left, right;	/* columns used: [left, right) */
};

struct layout {
	int dir;		/* resolved paragraph direction, LAYOUT_LTR or LAYOUT_RTL */
	int width;
	size_t ngraph;
	uint32_t *goff;		/* ngraph + 1 byte offsets */
	uint8_t *glevel;	/* ngraph resolved embedding levels (of each grapheme's first code point) */
	size_t nrows;		/* >= 1, also for an empty line */
	struct layout_row *rows;
	size_t ncells;
	struct layout_cell *cells;	/* row by row, left to right */
	uint32_t *gcell;	/* ngraph: cell index of each grapheme */
	char *text;		/* display text of all cells */
	size_t text_len;
};

/* Lay out s[0..len).  Never fails (allocation aborts).  Free with layout_free(). */
struct layout *layout_line(const char *s, size_t len, const struct layout_opts *o);
void layout_free(struct layout *lay);

/* Screen position (row, col) of cursor position g in [0, ngraph].  The end
 * of the line sits just past the last row's content in the paragraph's
 * direction (right of it for LTR, left of it for RTL), clamped to the width. */
void layout_pos(const struct layout *lay, size_t g, size_t *row, int *col);

/* The cursor position a click at (row, col) lands on: the grapheme whose
 * cell covers col, else the nearest position on that row. */
size_t layout_hit(const struct layout *lay, size_t row, int col);

/* Visual motion: the cursor position one cell to the left (dir = -1) or
 * right (dir = +1) of g on screen, continuing on the next/previous row in
 * reading order.  Returns LAYOUT_OFF_START when the motion leaves the line
 * before its logical start, LAYOUT_OFF_END past its logical end (the editor
 * then goes to the previous or next line).  Hidden cells are skipped. */
#define LAYOUT_OFF_START ((size_t)-1)
#define LAYOUT_OFF_END ((size_t)-2)
size_t layout_move(const struct layout *lay, size_t g, int dir);

/* The cursor position a visual motion in direction dir (-1 left, +1
 * right) lands on when it enters this line from the neighbouring line:
 * the first stop in reading order when the motion goes forward in the
 * paragraph's direction (right in LTR, left in RTL), else the end of the
 * line (the last stop).  E.g. Left leaving the line above into an RTL
 * line lands on the rightmost cell of its first row; Right leaving the
 * line below into it lands on its end. */
size_t layout_enter(const struct layout *lay, int dir);

/* Row that holds cursor position g. */
size_t layout_row_of(const struct layout *lay, size_t g);

/* The grapheme index of byte offset off (rounded down to a grapheme start), and back. */
size_t layout_g_of_off(const struct layout *lay, size_t off);

/* Plain UBA on code points, for conformance tests and exports: resolve
 * levels for cp[0..n) with paragraph direction base (LAYOUT_AUTO = P2-P3,
 * falling back to LTR), store them in levels (may be NULL), the visual order
 * in vis (vis[i] = logical index shown i-th from the left; may be NULL) and
 * return the resolved paragraph direction.  keep_marks = 1 keeps
 * non-spacing marks after their base in RTL runs (what a terminal needs),
 * 0 gives UAX #9's own order (L1-L2 without L3). */
int layout_reorder(const uint32_t *cp, size_t n, int base, int keep_marks, uint8_t *levels,
		   size_t *vis);

#endif
