/* edit: the cursor, motions, selection, undo/redo and clipboard on top of a
 * doc.  Pure: no terminal, no globals, never prints.
 *
 * A position is (line, byte offset) with the offset on a grapheme boundary
 * (or between a base and its combining marks after a Backspace).  Visual
 * motions ask the caller for a line's layout through edit_layout_fn (the
 * view's per-line cache); logical ones only need the bytes.
 *
 * Every change of the document goes through one primitive: replace the text
 * between two positions with another text.  Undo keeps those replacements,
 * grouped into steps.  The grouping rule (what one Ctrl-Z takes back):
 *   - a run of typed characters is one step; the run ends when the cursor
 *     is moved (any motion, a click), when any other edit is made, when a
 *     command runs (edit_break()), and after a pause in typing of a second
 *     (measured with e->clock);
 *   - consecutive Backspaces are one step, consecutive Deletes another;
 *   - everything else (Enter, cut, paste, a bracketed paste from the
 *     terminal however long) is one step of its own. */
#ifndef MAHDAR_EDIT_H
#define MAHDAR_EDIT_H

#include <stddef.h>

struct doc;
struct doc_attr;
struct layout;

struct edit_pos {
	size_t line;
	size_t off;		/* byte offset in the line */
};

/* Text that may span lines: n >= 1 pieces; every piece but the last ends
 * with its own line terminator (enum doc_eol).  attr carries the sidecar
 * data of a line that was cut out, so that undo gives it back. */
struct edit_piece {
	char *s;
	size_t len;
	int eol;
	struct doc_attr *attr;
};

struct edit_text {
	struct edit_piece *v;
	size_t n, cap;
};

/* One replacement: at `at`, the text del was removed and ins put in.  Or,
 * when attr_op is set, a change of line attr_line's sidecar data: attr
 * holds the other version (swapping it with the line's undoes and redoes). */
struct edit_op {
	struct edit_pos at;
	struct edit_text del, ins;
	int attr_op;
	size_t attr_line;
	struct doc_attr *attr;
};

/* One undo step. */
struct edit_step {
	struct edit_op *ops;
	size_t n, cap;
	struct edit_pos before, after;	/* cursor before and after the step */
	unsigned long id;
};

/* The layout of line `line` for visual motions; owned by the supplier and
 * valid until that line changes or the supplier's options change. */
typedef const struct layout *(*edit_layout_fn)(void *ctx, size_t line);

enum edit_motion {
	EDIT_LEFT, EDIT_RIGHT,		/* one grapheme, on screen (or logical, see e->logical) */
	EDIT_UP, EDIT_DOWN,		/* one screen row, keeping the screen column */
	EDIT_HOME, EDIT_END,		/* the line's logical start / end */
	EDIT_WORD_LEFT, EDIT_WORD_RIGHT,
	EDIT_PAGE_UP, EDIT_PAGE_DOWN,	/* e->page_rows screen rows */
	EDIT_DOC_START, EDIT_DOC_END,
};

struct edit {
	struct doc *doc;
	edit_layout_fn layout;
	void *layout_ctx;
	struct edit_pos cur;		/* the cursor */
	struct edit_pos anchor;		/* other end of the selection, when sel */
	int sel;			/* a selection is active */
	int goal;			/* screen column Up/Down keep, -1 when unset */
	int logical;			/* Left/Right in logical order (reading direction) */
	int page_rows;			/* rows PageUp/PageDown move, >= 1 */

	struct edit_step *undo, *redo;
	size_t nundo, undo_cap, nredo, redo_cap;
	int open;			/* kind of the last step while it may still grow, 0 if closed */
	unsigned long next_id;
	unsigned long saved_id;		/* id of the top undo step when last saved (0: none;
					 * EDIT_NEVER_SAVED: no state in the history is) */
	int group;			/* edit_group_begin() is in force */
	unsigned long group_id;		/* the step the group adds to, 0 before its first edit */

	struct edit_text clip;		/* the clipboard, n == 0 when empty */
	int eol;			/* terminator new lines get (doc_eol_default()), 0 until needed */
	long long (*clock)(void);	/* milliseconds, for the pause that ends a run of typing
					 * (monotonic by default; tests set their own) */
	long long typed_ms;		/* when the last character was typed */
};

#define EDIT_NEVER_SAVED ((unsigned long)-1)

/* A new editing state on d (which stays the caller's).  A document that
 * is modified already (restored from a recovery copy) stays modified
 * until saved, whatever is undone.  A document with no
 * lines gets one empty line (d->modified is left as it was). */
struct edit *edit_new(struct doc *d, edit_layout_fn layout, void *ctx);
void edit_free(struct edit *e);

/* The supplier of layouts for visual motions (set by whoever shows the doc). */
void edit_set_layout(struct edit *e, edit_layout_fn layout, void *ctx);
/* Rows PageUp/PageDown move (>= 1). */
void edit_set_page_rows(struct edit *e, int rows);
/* Left/Right in logical (1) or visual (0) order; edit_logical() says which. */
void edit_set_logical(struct edit *e, int logical);
int edit_logical(const struct edit *e);
/* Drop the selection (the cursor stays). */
void edit_select_none(struct edit *e);

/* -1, 0, 1 as a is before, at, after b. */
int edit_pos_cmp(struct edit_pos a, struct edit_pos b);
/* p clamped to the document and rounded down to a grapheme start. */
struct edit_pos edit_pos_round(const struct edit *e, struct edit_pos p);

/* Move the cursor; extend = 1 extends the selection (Shift), 0 drops it. */
void edit_move(struct edit *e, int motion, int extend);
/* Put the cursor at p (clamped to the document, rounded to a grapheme
 * start), extending the selection or not. */
void edit_set_cursor(struct edit *e, struct edit_pos p, int extend);
void edit_select_all(struct edit *e);
/* The selection as an ordered range; 0 when there is none (or it is empty). */
int edit_selection(const struct edit *e, struct edit_pos *from, struct edit_pos *to);

/* Type text (no line breaks) at the cursor, replacing the selection.
 * NUL bytes are left out (see edit_insert_text). */
void edit_type(struct edit *e, const char *s, size_t len);
/* Split the line at the cursor (Enter).  Both parts keep the line's own
 * terminator; a last line without one gives e->eol to the left part. */
void edit_newline(struct edit *e);
/* Delete the selection, else before the cursor: a combining mark (or a
 * ZWNJ, ZWJ, variation selector) alone when one is just before it (fixing
 * a haraka, a niqqud, a Persian half-space), else the grapheme. */
void edit_backspace(struct edit *e);
/* Delete the selection, else the grapheme after the cursor (joins lines at the end). */
void edit_delete(struct edit *e);
/* Insert bytes that may hold line breaks (\n, \r\n or \r) as one undo step,
 * replacing the selection; new lines get e->eol.  NUL bytes are left out,
 * because a file holding one is refused as binary when opened; returns how
 * many were. */
size_t edit_insert_text(struct edit *e, const char *s, size_t len);

/* Replace [a, b) (a <= b, clamped to the document) with s[0..len), which
 * may hold line breaks, as one undo step (or as part of the open group);
 * the cursor goes to the end of the new text.  NUL bytes are left out. */
void edit_replace_range(struct edit *e, struct edit_pos a, struct edit_pos b, const char *s, size_t len);
/* Between begin and end every edit is part of one undo step (replace all). */
void edit_group_begin(struct edit *e);
void edit_group_end(struct edit *e);

/* Give line `line` a copy of the sidecar data a (NULL: none) — an item's
 * status, where it was carried from, its stamp — as an undo step of its
 * own (or part of the open group); the document is modified and its
 * generation moves on, so the recovery copy follows.  -1 past the end. */
int edit_set_attr(struct edit *e, size_t line, const struct doc_attr *a);
/* Set the status (enum doc_status) of the item on line `line` through
 * edit_set_attr(); -1 if the line is past the end or already has it. */
int edit_set_status(struct edit *e, size_t line, int status);

/* Clipboard (mahdar's own).  copy/cut return 0, or -1 with no selection;
 * paste returns -1 when the clipboard is empty.  A cut of whole lines
 * takes their sidecar data (id, status, …) along and the first paste gives
 * it back, unless that id is in the document again; a copy, or any later
 * paste, gives the text alone (txt_analyse() gives new items fresh ids). */
int edit_copy(struct edit *e);
int edit_cut(struct edit *e);
int edit_paste(struct edit *e);

/* Undo / redo one step; -1 when there is nothing to undo / redo.  After
 * either, d->modified says whether the document is other than the state
 * last saved (the step on top is not the one that was on top then). */
int edit_undo(struct edit *e);
int edit_redo(struct edit *e);
/* Close the open step, so the next edit starts a new one. */
void edit_break(struct edit *e);
/* Remember that the document was just saved. */
void edit_mark_saved(struct edit *e);

/* Make the cursor's line right-to-left (dir = 1), left-to-right (0), or
 * the other way than it is laid out now (-1): a U+200F (RLM) or U+200E
 * (LRM) goes at its start when its letters alone would not give it that
 * direction (and marks already there are replaced or removed).  One undo
 * step; the cursor stays on the same text.  Returns 1 when the line is
 * now right-to-left, 0 when left-to-right. */
int edit_line_direction(struct edit *e, int dir);

/* Grapheme index of the cursor in its line (the status line shows it + 1). */
size_t edit_column(const struct edit *e);

/* Multi-line text helpers: append a piece, free everything. */
void edit_text_add(struct edit_text *t, const char *s, size_t len, int eol);
void edit_text_free(struct edit_text *t);
/* The bytes of t with its terminators written out (caller frees). */
char *edit_text_bytes(const struct edit_text *t, size_t *len);

#endif
