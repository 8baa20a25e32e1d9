/* view: a frame (what the modes want shown) + line layouts -> a
 * screen-sized grid of cells.  No terminal here: ui_curses copies the grid
 * to the screen.
 *
 * The screen is the text area, a status line and the message line; a
 * message too long for one row wraps onto more (up to half the text area),
 * which the text area gives up, so nothing the user must read is cut.
 * Each document line is laid out on its own (layout_line) with the text
 * area's width.  The layouts are cached in the view, keyed by the line
 * (its address and the doc's stamp of its last change) and the layout
 * options, so two views of one document do not disturb each other; the
 * cache holds the visible rows' lines plus a margin and forgets the least
 * recently used beyond that, so its memory stays flat however far one
 * scrolls.
 *
 * What is drawn over the text — the selection, search matches, a mode's
 * overlay — comes as spans (struct view_span) in the frame, not as
 * parameters per feature. */
#ifndef MAHDAR_VIEW_H
#define MAHDAR_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "mahdar/buf.h"
#include "mahdar/layout.h"

struct doc;
struct edit;
struct edit_pos;

/* view_cell.attr */
#define VIEW_A_REVERSE	0x01u	/* a control, invalid byte or bidi marker drawn as a symbol */
#define VIEW_A_BOLD	0x02u	/* title and heading lines */
#define VIEW_A_SELECT	0x04u	/* selected text */
#define VIEW_A_STATUS	0x08u	/* the status line */
#define VIEW_A_ERROR	0x10u	/* an error message */
#define VIEW_A_MATCH	0x20u	/* a search match */
#define VIEW_A_CURRENT	0x40u	/* the current search match */
#define VIEW_A_DIM	0x80u	/* an action item done or dropped */

/* One screen cell.  A cell with width 2 is followed by one with width 0
 * (the right half, nothing to draw).  len == 0 is a blank. */
struct view_cell {
	uint32_t text;		/* UTF-8 at view_cell_text(): offset in its row's text, len
				 * bytes; never a control byte */
	uint32_t len;		/* as wide as layout_cell.text_len: a cluster may pass 64 KB */
	uint8_t width;
	uint8_t attr;
};

/* The grid persists from frame to frame: a frame rewrites only the rows
 * whose content changed (a row of text whose line, layout, attributes and
 * spans are those it showed already is left as it is), and stamps each
 * row it rewrote with the frame's number, so that the terminal side need
 * look only at those. */
struct view_grid {
	int rows, cols;
	struct view_cell *cells;	/* rows * cols, row-major */
	struct buf *text;		/* rows of them: the text of each row's cells */
	unsigned long *drawn;		/* rows: the frame that last rewrote the row */
	unsigned long frame;		/* this frame's number; unique across views */
	int cur_row, cur_col;		/* the cursor, -1 when hidden */
};

/* The text of cell c of row r. */
static inline const char *view_cell_text(const struct view_grid *g, int r, const struct view_cell *c)
{
	return g->text[r].s + c->text;
}

/* What the status and message lines say. */
struct view_status {
	const char *name;	/* file name */
	int modified;
	int readonly;		/* the document may not be changed */
	size_t line, col;	/* 1-based */
	int rtl;		/* the cursor line's direction */
	const char *hints;	/* short key hints, or NULL */
	const char *info;	/* the quorum, the meeting clock: before the hints, kept when they
				 * do not fit (NULL: none) */
	const char *msg;	/* message line, or NULL */
	int msg_error;
	int msg_cursor;		/* put the cursor just after the message (a typed answer) */
};

/* Attributes added to the cells of the graphemes from (line0, off0) up to
 * (line1, off1), which may be lines apart (a selection). */
struct view_span {
	size_t line0, off0;
	size_t line1, off1;
	unsigned attr;		/* VIEW_A_* */
};

/* A line being typed (save-as, search): label, then the text laid out as
 * its own paragraph (so Arabic typed after a Latin label reads right to
 * left), with the cursor in it. */
struct view_input {
	const char *label;
	const char *label_short;	/* used when label leaves under 24 columns, or NULL */
	const char *text;
	size_t len;
	size_t cur;		/* byte offset of the cursor in text */
	const char *note;	/* right-aligned after the text ("3 of 17"), or NULL */
	int selected;		/* the text is drawn selected (a pre-filled answer) */
};

/* Everything one frame shows; the editor fills it from the buffer, the
 * modes add to it bottom to top. */
struct view_frame {
	struct view_status st;
	size_t cur_line, cur_off;	/* the text cursor */
	struct view_span *spans;
	size_t nspans, spans_cap;
	const struct view_input *input;	/* in the message line instead of st.msg, or NULL */
	/* A page shown instead of the text (help), or page == NULL. */
	const char *const *page;
	size_t npage;
	size_t *page_top;
	const char *page_title;
};

/* Add a span to f. */
void view_frame_span(struct view_frame *f, size_t line0, size_t off0, size_t line1, size_t off1,
		     unsigned attr);
/* Free f's spans. */
void view_frame_free(struct view_frame *f);

struct view_lru;
struct view_memo;

struct view {
	struct doc *doc;
	int rows, cols;			/* the whole screen */
	size_t top_line, top_row;	/* first text row shown: row top_row of line top_line */
	struct layout_opts lo;		/* width = cols; base = LAYOUT_AUTO */
	unsigned long gen;		/* bumped when lo changes; cached layouts of older gens are stale */
	int msg_rows;			/* rows the message takes (view_set_message), >= 1 */
	struct view_grid grid;
	struct view_lru *cache;		/* the layouts (view.c) */
	struct view_memo *memo;		/* what each row shows, short strings' layouts (view.c) */
};

/* Smallest screen the editor draws in; below it a short note is shown. */
#define VIEW_MIN_ROWS 3
#define VIEW_MIN_COLS 10

/* A view of d (which stays the caller's). */
struct view *view_new(struct doc *d, int rows, int cols);
void view_free(struct view *v);
/* Show another document (after the old one was replaced); drops the cache. */
void view_set_doc(struct view *v, struct doc *d);
/* Layouts held in the cache now, and the most it holds at this size. */
size_t view_cache_count(const struct view *v);
size_t view_cache_limit(const struct view *v);

void view_resize(struct view *v, int rows, int cols);
/* LAYOUT_SHAPE / LAYOUT_SHOW_CONTROLS / LAYOUT_NO_MIRROR. */
void view_set_flags(struct view *v, unsigned flags);
/* Rows msg takes wrapped to the screen's width (0 for NULL). */
int view_message_rows(const struct view *v, const char *msg);
/* Most rows a message may take: half the text area, at least 1. */
int view_message_max_rows(const struct view *v);
/* Make room for msg (NULL: none) under the status line: the rows it needs,
 * at most view_message_max_rows().  Call before view_follow(), and render
 * with the same message. */
void view_set_message(struct view *v, const char *msg);
/* Rows of text shown (>= 1 unless too small). */
int view_text_rows(const struct view *v);
int view_too_small(const struct view *v);

/* The layout of line i (cached in the view; valid until that line changes,
 * the options change, or a screen's worth of other lines were asked for). */
const struct layout *view_layout(struct view *v, size_t line);

/* The grapheme column (0-based) of byte offset off of line `line`, from
 * the line's layout: what edit_column() counts, without walking the line
 * again at every key. */
size_t view_column(struct view *v, size_t line, size_t off);

/* Move the view by rows screen rows (< 0: up), not before the document's
 * start nor so far that its end leaves the bottom of the screen. */
void view_scroll(struct view *v, int rows);
/* Scroll so that byte offset off of line `line` is on screen. */
void view_follow(struct view *v, size_t line, size_t off);
/* The document position under screen cell (row, col); -1 outside the text area. */
int view_hit(struct view *v, int row, int col, struct edit_pos *p);

/* Build the grid of frame f: text with its spans and cursor (or f's page),
 * status, message or input line.  Call view_set_message() with the same
 * message first. */
const struct view_grid *view_render_frame(struct view *v, const struct view_frame *f);
/* view_render_frame() with e's selection and cursor, status and message st. */
const struct view_grid *view_render(struct view *v, const struct edit *e, const struct view_status *st);

/* Build a full-screen page instead (the help screen): lines[0..n) left to
 * right, each wrapped to the width, from screen row *top of the page
 * (clamped so that the page's end is not above the screen's); the status
 * line shows title and which rows are shown, the message line msg. */
const struct view_grid *view_render_page(struct view *v, const char *const *lines, size_t n, size_t *top,
					 const char *title, const char *msg);

#endif
