/* mode-browse: the archive browser — `mahdar DIR`, or `mahdar` in a folder
 * of minutes.  Three lists of one folder: its minutes files in meeting-date
 * order (archive.c: every calendar), the lines a search found in them, and
 * their action items (archive-find.c: the same as `mahdar search` and
 * `mahdar actions`).  Typing filters the list shown, script-aware (fold.h);
 * Enter opens the row's minutes read-only (mode-read.c), at the line.
 *
 * Data model: the archive and the results, the filter (a line input, so
 * the "[prompt]" keys edit it) and which rows pass it; the list itself is
 * a read-only buffer whose lines are the rows — the editor's buffer while
 * the list is shown, so the view lays each row out like any text line.
 * Because a row holds cells in several scripts, each cell is a bidi
 * isolate (LRI or RLI … PDI) padded to its column: an Arabic title is laid out
 * right to left in its own column (and right-aligned there) without
 * reordering the columns around it; the UI does no bidi of its own.  The
 * rows are written again (in place, in the tick before a frame) when the
 * filter, the list or the width changed. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/mode.h"

#include "mahdar/archive.h"
#include "mahdar/buf.h"
#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/fold.h"
#include "mahdar/input.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/ui.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MODE_BROWSE_FILES, MODE_BROWSE_HITS, MODE_BROWSE_ACTIONS };

/* Columns of each list: {header, longest width (0: takes the rest), shortest}. */
#define MODE_BROWSE_COLS 6

struct mode_browse {
	char *dir, *cache;
	struct archive *a;
	int what;			/* MODE_BROWSE_* */
	struct archive_hit *hits;
	size_t nhits;
	char *term;			/* what the hits were searched for */
	struct archive_action *acts;
	size_t nacts;
	unsigned act_flags;		/* ARCHIVE_ACT_* */
	struct input in;		/* the filter */
	size_t *rows;			/* the items that pass the filter */
	size_t nrows, rows_cap;
	size_t row;			/* the selected one (index into rows) */
	struct buffer *list;		/* the list's buffer while a minutes is open, else NULL */
	/* What the rows were written for. */
	unsigned long built_gen;
	int built_cols, dirty;
	char *name, *note, *hints;
	struct view_input shown;
};

/* ------------------------------------------------------------ the items */

static size_t mode_browse_items(const struct mode_browse *b)
{
	return b->what == MODE_BROWSE_FILES ? b->a->n : b->what == MODE_BROWSE_HITS ? b->nhits : b->nacts;
}

/* path under the folder, without the folder's name. */
static const char *mode_browse_rel(const struct mode_browse *b, const char *path)
{
	size_t n = strlen(b->dir);
	if (strncmp(path, b->dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/* The texts of item i's cells, in column order (NULL: empty). */
static void mode_browse_cells(const struct mode_browse *b, size_t i, const char *cell[MODE_BROWSE_COLS],
			      char num[2][24])
{
	memset(cell, 0, MODE_BROWSE_COLS * sizeof *cell);
	if (b->what == MODE_BROWSE_FILES) {
		const struct archive_entry *e = &b->a->v[i];
		snprintf(num[0], sizeof num[0], "%zu", e->open);
		cell[0] = e->date;
		cell[1] = e->date_iso;
		cell[2] = e->title[0] != '\0' ? e->title : mode_browse_rel(b, e->path);
		cell[3] = doc_lang_code(e->lang);
		cell[4] = num[0];
	} else if (b->what == MODE_BROWSE_HITS) {
		const struct archive_hit *h = &b->hits[i];
		snprintf(num[0], sizeof num[0], "%zu", h->line);
		cell[0] = mode_browse_rel(b, h->path);
		cell[1] = num[0];
		cell[2] = h->section;
		cell[3] = h->text;
	} else {
		const struct archive_action *a = &b->acts[i];
		cell[0] = a->due_iso != NULL ? a->due_iso : a->due;
		cell[1] = doc_status_name(a->status);
		cell[2] = a->owner;
		cell[3] = a->text;
		cell[4] = a->date_iso;
		cell[5] = a->title;
	}
}

struct mode_browse_col {
	const char *head;
	int max, min;		/* max 0: the column takes what the others leave */
	int right;		/* numbers: right-aligned */
};

static const struct mode_browse_col mode_browse_cols[3][MODE_BROWSE_COLS] = {
	{{N_("Date"), 26, 8, 0}, {N_("ISO"), 10, 10, 0}, {N_("Title"), 0, 12, 0}, {N_("Lang"), 4, 4, 0},
	 {N_("Open"), 4, 4, 1}},
	{{N_("File"), 28, 10, 0}, {N_("Line"), 5, 4, 1}, {N_("Section"), 18, 8, 0}, {N_("Text"), 0, 12, 0}},
	{{N_("Due"), 12, 10, 0}, {N_("Status"), 7, 7, 0}, {N_("Owner"), 18, 8, 0}, {N_("Action"), 0, 12, 0},
	 {N_("Meeting"), 10, 10, 0}, {N_("Title"), 24, 8, 0}},
};

/* Does item i pass the filter? */
static int mode_browse_pass(const struct mode_browse *b, size_t i, const struct fold_pattern *fp)
{
	if (fp == NULL)
		return 1;
	const char *cell[MODE_BROWSE_COLS];
	char num[2][24];
	mode_browse_cells(b, i, cell, num);
	size_t s, e;
	for (size_t c = 0; c < MODE_BROWSE_COLS; c++)
		if (cell[c] != NULL && fold_find(fp, cell[c], strlen(cell[c]), 0, &s, &e))
			return 1;
	/* The file's name too, for minutes without a title or date. */
	const char *path = b->what == MODE_BROWSE_FILES ? b->a->v[i].path
			   : b->what == MODE_BROWSE_ACTIONS ? b->acts[i].path : NULL;
	return path != NULL && fold_find(fp, path, strlen(path), 0, &s, &e);
}

/* The rows that pass the filter, keeping the selected item selected. */
static void mode_browse_filter(struct mode_browse *b)
{
	size_t keep = b->row < b->nrows ? b->rows[b->row] : 0;
	const char *t = input_text(&b->in);
	struct fold_pattern *fp = input_len(&b->in) > 0 ? fold_pattern_new(t, strlen(t), FOLD_LOOSE) : NULL;
	size_t n = mode_browse_items(b);
	b->nrows = 0;
	b->row = 0;
	for (size_t i = 0; i < n; i++) {
		if (!mode_browse_pass(b, i, fp))
			continue;
		b->rows = xgrow(b->rows, &b->rows_cap, b->nrows + 1, sizeof *b->rows);
		if (i == keep)
			b->row = b->nrows;
		b->rows[b->nrows++] = i;
	}
	fold_pattern_free(fp);
}

/* ------------------------------------------------------------ the rows */

/* Is cp a bidi embedding, override or isolate control?  (They would break
 * the isolate each cell is put in.) */
static int mode_browse_bidi_ctrl(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Put s as a cell of w columns: an isolate, cut (with "…") to fit, padded
 * on the side its direction ends (right-aligned when RTL or right). */
static void mode_browse_cell(struct buf *out, const char *s, int w, int right)
{
	struct buf clean = BUF_INIT;
	buf_puts(&clean, "");
	for (size_t off = 0, n = s != NULL ? strlen(s) : 0; off < n;) {
		uint32_t cp;
		size_t k = ustr_decode(s + off, n - off, &cp);
		if (k == 0)
			k = 1;
		if (cp == '\t' || cp == '\n' || cp == '\r')
			buf_puts(&clean, " ");
		else if (!mode_browse_bidi_ctrl(cp))
			buf_append(&clean, s + off, k);
		off += k;
	}
	struct layout_opts lo = {.width = 4096, .base = LAYOUT_AUTO, .fallback = LAYOUT_LTR};
	struct layout *lay = layout_line(clean.s, clean.len, &lo);
	int used = 0;
	size_t cut = clean.len;
	int total = 0;
	for (size_t g = 0; g < lay->ngraph; g++)
		total += lay->cells[lay->gcell[g]].width;
	if (total > w) {
		for (size_t g = 0; g < lay->ngraph; g++) {
			int cw = lay->cells[lay->gcell[g]].width;
			if (used + cw > w - 1) {
				cut = lay->goff[g];
				break;
			}
			used += cw;
		}
	} else {
		used = total;
	}
	int pad = w - used - (cut < clean.len ? 1 : 0);
	int rtl = lay->dir == LAYOUT_RTL;
	if (rtl || right)
		for (int i = 0; i < pad; i++)
			buf_puts(out, " ");
	/* The isolate of the direction found (and an LRM in a left-to-right
	 * one) because fribidi's W2 looks past the start of an isolate for the
	 * strong letter before digits: after an Arabic cell, 2019-06-29 would
	 * read as Arabic numbers. */
	buf_puts(out, rtl ? "\xE2\x81\xA7" : "\xE2\x81\xA6\xE2\x80\x8E");	/* RLI, or LRI LRM */
	buf_append(out, clean.s, cut);
	if (cut < clean.len)
		buf_puts(out, "\xE2\x80\xA6");	/* … */
	buf_puts(out, "\xE2\x81\xA9");	/* PDI */
	if (!rtl && !right)
		for (int i = 0; i < pad; i++)
			buf_puts(out, " ");
	layout_free(lay);
	buf_free(&clean);
}

/* Column widths for the screen's width: the fixed ones at most as wide as
 * their widest cell, the rest to the one that takes it. */
static void mode_browse_widths(const struct mode_browse *b, int cols, int w[MODE_BROWSE_COLS])
{
	const struct mode_browse_col *c = mode_browse_cols[b->what];
	int rest = cols - 1, flex = -1;
	for (int k = 0; k < MODE_BROWSE_COLS; k++) {
		w[k] = 0;
		if (c[k].head == NULL)
			continue;
		rest -= k > 0 ? 2 : 0;
		if (c[k].max == 0) {
			flex = k;
			continue;
		}
		int widest = ustr_width(_(c[k].head), strlen(_(c[k].head)));
		for (size_t r = 0; r < b->nrows; r++) {
			const char *cell[MODE_BROWSE_COLS];
			char num[2][24];
			mode_browse_cells(b, b->rows[r], cell, num);
			int cw = cell[k] != NULL ? ustr_width(cell[k], strlen(cell[k])) : 0;
			widest = cw > widest ? cw : widest;
			if (widest >= c[k].max)
				break;
		}
		w[k] = widest < c[k].max ? widest : c[k].max;
		rest -= w[k];
	}
	/* Narrow screens: the fixed columns give way to their shortest. */
	for (int k = MODE_BROWSE_COLS - 1; k >= 0 && flex >= 0 && rest < c[flex].min; k--) {
		if (c[k].head == NULL || k == flex || w[k] <= c[k].min)
			continue;
		int give = w[k] - c[k].min < c[flex].min - rest ? w[k] - c[k].min : c[flex].min - rest;
		w[k] -= give;
		rest += give;
	}
	if (flex >= 0)
		w[flex] = rest > 1 ? rest : 1;
}

/* One row: the cells in their columns, after a space. */
static void mode_browse_row(const struct mode_browse *b, const char *const *cell, const int *w, struct buf *out)
{
	const struct mode_browse_col *c = mode_browse_cols[b->what];
	buf_puts(out, "\xE2\x80\x8E ");	/* LRM: the row reads left to right */
	for (int k = 0; k < MODE_BROWSE_COLS; k++) {
		if (c[k].head == NULL)
			continue;
		if (k > 0)
			buf_puts(out, "  ");
		mode_browse_cell(out, cell[k], w[k], c[k].right);
	}
}

/* Write the list's lines for the width: the heading, then a row per item
 * that passes the filter; the cursor on the selected row. */
static void mode_browse_build(struct editor *ed, struct mode_browse *b)
{
	struct buffer *buf = editor_buffer(ed);
	struct doc *d = buffer_doc(buf);
	int cols = view_too_small(editor_view(ed)) ? 80 : editor_view(ed)->cols;
	if (b->built_gen != b->in.gen || b->dirty)
		mode_browse_filter(b);
	int w[MODE_BROWSE_COLS];
	mode_browse_widths(b, cols, w);
	while (d->nlines > 0)
		doc_line_delete(d, d->nlines - 1);
	const struct mode_browse_col *c = mode_browse_cols[b->what];
	const char *cell[MODE_BROWSE_COLS] = {NULL};
	for (int k = 0; k < MODE_BROWSE_COLS; k++)
		cell[k] = c[k].head != NULL ? _(c[k].head) : NULL;
	struct buf row = BUF_INIT;
	buf_puts(&row, "");
	mode_browse_row(b, cell, w, &row);
	doc_line_insert(d, 0, row.s, row.len, DOC_EOL_LF);
	for (size_t r = 0; r < b->nrows; r++) {
		char num[2][24];
		mode_browse_cells(b, b->rows[r], cell, num);
		row.len = 0;
		mode_browse_row(b, cell, w, &row);
		doc_line_insert(d, r + 1, row.s, row.len, DOC_EOL_LF);
	}
	buf_free(&row);
	d->modified = 0;
	view_set_doc(editor_view(ed), d);
	edit_set_cursor(buffer_edit(buf), (struct edit_pos){b->nrows > 0 ? b->row + 1 : 0, 0}, 0);
	b->built_gen = b->in.gen;
	b->built_cols = cols;
	b->dirty = 0;
}

/* ------------------------------------------------------------ the mode */

static const struct mode_ops mode_browse_ops;

static struct input *mode_browse_input(struct mode *m)
{
	return &((struct mode_browse *)m->state)->in;
}

static int mode_browse_tick(struct editor *ed, struct mode *m)
{
	struct mode_browse *b = m->state;
	int cols = view_too_small(editor_view(ed)) ? 80 : editor_view(ed)->cols;
	if (b->dirty || b->built_gen != b->in.gen || b->built_cols != cols) {
		mode_browse_build(ed, b);
		editor_changed(ed);	/* the list, filtered again */
	}
	return -1;
}

static int mode_browse_key(struct editor *ed, struct mode *m, const char *key)
{
	(void)m;
	const char *k = keymap_key_for_mode(editor_keymap(ed), "browse", "help");
	char hint[40] = "F1";
	if (k != NULL)
		keymap_hint(k, hint, sizeof hint);
	editor_message(ed, 0, _("%s does nothing in the list; %s lists the keys."), key, hint);
	return 1;
}

static int mode_browse_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)ed, (void)paste;
	input_insert(mode_browse_input(m), s, len);
	return 1;
}

/* An empty filter, and the list from its first row. */
static void mode_browse_restart(struct editor *ed, struct mode_browse *b)
{
	input_free(&b->in);
	input_init(&b->in, NULL, editor_history(ed, "browse"));
	b->row = 0;
	b->nrows = 0;
	b->dirty = 1;
}

/* Select row r (clamped) and put the cursor on it. */
static void mode_browse_select(struct editor *ed, struct mode_browse *b, size_t r)
{
	if (b->nrows == 0)
		return;
	b->row = r < b->nrows ? r : b->nrows - 1;
	if (b->built_gen == b->in.gen && !b->dirty)
		edit_set_cursor(editor_edit(ed), (struct edit_pos){b->row + 1, 0}, 0);
}

static int mode_browse_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	struct mode_browse *b = m->state;
	struct edit_pos p;
	if (ev->button == 3 || ev->button == 4) {
		view_scroll(editor_view(ed), ev->button == 3 ? -3 : 3);
		editor_set_scrolled(ed, 1);
	} else if (ev->button == 0 && ev->action == UI_MOUSE_PRESS && view_hit(editor_view(ed), ev->row, ev->col, &p) == 0 &&
		   p.line > 0) {
		mode_browse_select(ed, b, p.line - 1);
	}
	return 1;
}

static const char *mode_browse_key_hint(struct editor *ed, const char *cmd, char out[40])
{
	const char *k = keymap_key_for_mode(editor_keymap(ed), "browse", cmd);
	out[0] = '\0';
	if (k != NULL)
		keymap_hint(k, out, 40);
	return out;
}

static void mode_browse_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_browse *b = m->state;
	size_t items = mode_browse_items(b);
	free(b->name);
	if (b->what == MODE_BROWSE_FILES)
		b->name = xasprintf(_("%s: %zu minutes"), b->dir, items);
	else if (b->what == MODE_BROWSE_HITS && items == 1)
		b->name = xasprintf(_("%s: 1 line matches \"%s\""), b->dir, b->term);
	else if (b->what == MODE_BROWSE_HITS)
		b->name = xasprintf(_("%s: %zu lines match \"%s\""), b->dir, items, b->term);
	else if (items == 1)
		b->name = xasprintf((b->act_flags & ARCHIVE_ACT_OVERDUE) ? _("%s: 1 overdue action")
				    : (b->act_flags & ARCHIVE_ACT_OPEN) ? _("%s: 1 open action")
									: _("%s: 1 action"), b->dir);
	else
		b->name = xasprintf((b->act_flags & ARCHIVE_ACT_OVERDUE) ? _("%s: %zu overdue actions")
				    : (b->act_flags & ARCHIVE_ACT_OPEN) ? _("%s: %zu open actions")
									: _("%s: %zu actions"), b->dir, items);
	f->st.name = b->name;
	f->st.modified = 0;
	f->st.readonly = 0;
	if (b->hints == NULL) {
		char ko[40], ks[40], ka[40], kq[40];
		b->hints = xasprintf(_("%s open  %s search  %s actions  %s quit"),
				     mode_browse_key_hint(ed, "browse-open", ko), mode_browse_key_hint(ed, "browse-search", ks),
				     mode_browse_key_hint(ed, "browse-actions", ka), mode_browse_key_hint(ed, "browse-quit", kq));
	}
	f->st.hints = b->hints;
	if (b->nrows > 0) {
		f->cur_line = b->row + 1;
		f->cur_off = 0;
		size_t len = buffer_doc(editor_buffer(ed))->lines[b->row + 1].len;
		view_frame_span(f, b->row + 1, 0, b->row + 1, len, VIEW_A_SELECT);
	}
	if (input_len(&b->in) > 0 || f->st.msg == NULL) {
		free(b->note);
		b->note = xasprintf(_("%zu of %zu"), b->nrows, items);
		b->shown = (struct view_input){_("Filter (type to narrow the list): "), _("Filter: "),
					       input_text(&b->in), input_len(&b->in), b->in.cur, b->note, 0};
		f->input = &b->shown;
	}
}

void mode_browse_free(void *state)
{
	struct mode_browse *b = state;
	if (b == NULL)
		return;
	archive_free(b->a);
	archive_hits_free(b->hits, b->nhits);
	archive_actions_free(b->acts, b->nacts);
	input_free(&b->in);
	buffer_free(b->list);
	free(b->rows);
	free(b->dir);
	free(b->cache);
	free(b->term);
	free(b->name);
	free(b->note);
	free(b->hints);
	free(b);
}

static const struct mode_ops mode_browse_ops = {
	.name = "browse",
	.tables = {"browse", "prompt", NULL},
	.key = mode_browse_key,
	.text = mode_browse_text,
	.mouse = mode_browse_mouse,
	.tick = mode_browse_tick,
	.draw = mode_browse_draw,
	.input = mode_browse_input,
	.free = mode_browse_free,
};

/* Read the folder again (files changed, were added or removed); 0, or -1
 * and *cause. */
static int mode_browse_scan(struct mode_browse *b, char **cause)
{
	struct archive *a = archive_scan(b->dir, b->cache, cause);
	if (a == NULL)
		return -1;
	archive_free(b->a);
	b->a = a;
	b->dirty = 1;
	return 0;
}

/* The paths of the folder's minutes, in date order (the array is the caller's). */
static char **mode_browse_paths(const struct mode_browse *b)
{
	char **v = xcalloc(b->a->n + 1, sizeof *v);
	for (size_t i = 0; i < b->a->n; i++)
		v[i] = b->a->v[i].path;
	return v;
}

/* The action items again, with the filters of flags. */
static void mode_browse_actions_load(struct mode_browse *b, unsigned flags)
{
	int y, mo, d;
	char today[16];
	util_today(&y, &mo, &d);
	snprintf(today, sizeof today, "%04d-%02d-%02d", y, mo, d);
	char **paths = mode_browse_paths(b);
	archive_actions_free(b->acts, b->nacts);
	b->acts = archive_actions(paths, b->a->n, flags, NULL, today, &b->nacts, NULL, NULL);
	free(paths);
	b->act_flags = flags;
	b->dirty = 1;
}

int mode_browse_open(struct editor *ed, const char *dir, char **cause)
{
	struct mode_browse *b = xcalloc(1, sizeof *b);
	b->dir = xstrdup(dir);
	b->cache = archive_cache_path();
	input_init(&b->in, NULL, editor_history(ed, "browse"));
	if (mode_browse_scan(b, cause) < 0) {
		mode_browse_free(b);
		return -1;
	}
	struct doc *d = doc_new();
	doc_line_insert(d, 0, "", 0, DOC_EOL_NONE);
	buffer_free(editor_swap_buffer(ed, buffer_new(dir, d, BUFFER_READONLY)));
	editor_push(ed, mode_text(), NULL);
	editor_push(ed, &mode_browse_ops, b);
	if (b->a->n == 0)
		editor_message(ed, 1, _("No minutes (*.txt files) under %s."), dir);
	return 0;
}

/* ------------------------------------------------------------ leaving and coming back */

/* Open the selected row's minutes (read-only unless edit) in place of the list. */
static int mode_browse_enter(struct editor *ed, struct mode *m, int edit, char **error)
{
	struct mode_browse *b = m->state;
	if (b->nrows == 0)
		return cmd_error(error, "%s", _("Nothing to open: the list is empty."));
	size_t i = b->rows[b->row], line = 0, off = 0;
	const char *path = b->what == MODE_BROWSE_FILES ? b->a->v[i].path
			   : b->what == MODE_BROWSE_HITS ? b->hits[i].path : b->acts[i].path;
	if (b->what == MODE_BROWSE_HITS) {
		line = b->hits[i].line - 1;
		off = b->hits[i].off;
	}
	else if (b->what == MODE_BROWSE_ACTIONS)
		line = b->acts[i].line - 1;
	char *cause = NULL;
	struct buffer *doc = buffer_open(path, BUFFER_READONLY, &cause);
	if (doc == NULL) {
		cmd_error(error, _("Cannot open %s: %s"), path, cause);
		free(cause);
		return CMD_ERROR;
	}
	b->list = editor_swap_buffer(ed, doc);
	if (line < buffer_doc(doc)->nlines)
		edit_set_cursor(buffer_edit(doc), (struct edit_pos){line, off <= buffer_doc(doc)->lines[line].len ? off : 0}, 0);
	m->state = NULL;	/* the list waits in the read mode */
	editor_pop(ed, m);
	mode_read_open(ed, b, edit);
	if (buffer_info(doc)->side_msg != NULL)
		editor_message_clear(ed);	/* what is wrong with the sidecar comes first */
	cmd_file_opened(ed);
	return CMD_OK;
}

void mode_browse_back(struct editor *ed, struct mode_browse *b)
{
	buffer_free(editor_swap_buffer(ed, b->list));
	b->list = NULL;
	char *cause = NULL;
	if (mode_browse_scan(b, &cause) < 0) {
		editor_message(ed, 1, "%s", cause);
		free(cause);
	}
	if (b->what == MODE_BROWSE_ACTIONS)
		mode_browse_actions_load(b, b->act_flags);
	b->dirty = 1;
	editor_push(ed, &mode_browse_ops, b);
}

/* ------------------------------------------------------------ commands */

enum {
	MODE_BROWSE_UP, MODE_BROWSE_DOWN, MODE_BROWSE_PAGE_UP, MODE_BROWSE_PAGE_DOWN, MODE_BROWSE_FIRST,
	MODE_BROWSE_LAST,
};

static int mode_browse_move(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (m->ops != &mode_browse_ops)
		return cmd_error(error, "%s", _("There is no list here."));
	struct mode_browse *b = m->state;
	size_t page = view_text_rows(editor_view(ed)) > 2 ? (size_t)view_text_rows(editor_view(ed)) - 2 : 1;
	size_t r = b->row;
	switch (arg) {
	case MODE_BROWSE_UP: r = r > 0 ? r - 1 : 0; break;
	case MODE_BROWSE_DOWN: r = r + 1; break;
	case MODE_BROWSE_PAGE_UP: r = r > page ? r - page : 0; break;
	case MODE_BROWSE_PAGE_DOWN: r = r + page; break;
	case MODE_BROWSE_FIRST: r = 0; break;
	default: r = b->nrows; break;
	}
	mode_browse_select(ed, b, r);
	return CMD_OK;
}

static int mode_browse_open_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (m->ops != &mode_browse_ops)
		return cmd_error(error, "%s", _("There is no list here."));
	return mode_browse_enter(ed, m, arg, error);
}

/* The search term typed (NULL: cancelled): the hits in every minutes file. */
static void mode_browse_search_done(struct editor *ed, const char *text, void *ctx)
{
	(void)ctx;
	struct mode *m = editor_top(ed);
	if (text == NULL || m == NULL || m->ops != &mode_browse_ops)
		return;
	struct mode_browse *b = m->state;
	struct fold_pattern *fp = fold_pattern_new(text, strlen(text), FOLD_LOOSE);
	if (fold_pattern_empty(fp)) {
		fold_pattern_free(fp);
		editor_message(ed, 0, _("'%s' has nothing to search for."), text);
		return;
	}
	char **paths = mode_browse_paths(b);
	archive_hits_free(b->hits, b->nhits);
	b->hits = archive_search(paths, b->a->n, fp, &b->nhits, NULL, NULL);
	free(paths);
	fold_pattern_free(fp);
	free(b->term);
	b->term = xstrdup(text);
	b->what = MODE_BROWSE_HITS;
	mode_browse_restart(ed, b);
	if (b->nhits == 0)
		editor_message(ed, 0, _("No line of these minutes matches \"%s\"."), text);
}

static int mode_browse_search(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)arg;
	if (m->ops != &mode_browse_ops)
		return cmd_error(error, "%s", _("There is no list here."));
	mode_prompt_open(ed, _("Search every minutes file here (as mahdar search): "), _("Search all: "), NULL,
			 "search", mode_browse_search_done, NULL);
	return CMD_OK;
}

/* The actions list: arg 0 shows it (all of them), else toggles that filter. */
static int mode_browse_actions(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (m->ops != &mode_browse_ops)
		return cmd_error(error, "%s", _("There is no list here."));
	struct mode_browse *b = m->state;
	unsigned flags = arg == 0 ? (b->what == MODE_BROWSE_ACTIONS ? b->act_flags : 0) : b->act_flags ^ (unsigned)arg;
	if (arg == (int)ARCHIVE_ACT_OPEN && !(flags & ARCHIVE_ACT_OPEN))
		flags &= ~ARCHIVE_ACT_OVERDUE;	/* all, then: overdue ones are open */
	if (b->what != MODE_BROWSE_ACTIONS)
		mode_browse_restart(ed, b);
	mode_browse_actions_load(b, flags);
	b->what = MODE_BROWSE_ACTIONS;
	return CMD_OK;
}

/* Esc: clear the filter; with none, back to the files list. */
static int mode_browse_escape(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)arg;
	if (m->ops != &mode_browse_ops)
		return cmd_error(error, "%s", _("There is no list here."));
	struct mode_browse *b = m->state;
	if (input_len(&b->in) > 0) {
		size_t keep = b->row < b->nrows ? b->rows[b->row] : 0;
		mode_browse_restart(ed, b);
		b->rows = xgrow(b->rows, &b->rows_cap, 1, sizeof *b->rows);
		b->rows[0] = keep;	/* the row selected stays selected */
		b->nrows = 1;
	} else if (b->what != MODE_BROWSE_FILES) {
		b->what = MODE_BROWSE_FILES;
		mode_browse_restart(ed, b);
	}
	return CMD_OK;
}

static int mode_browse_quit(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	editor_quit_now(ed, 0);
	return CMD_OK;
}

static const struct cmd mode_browse_cmds[] = {
	{"browse-up", "The row above", mode_browse_move, MODE_BROWSE_UP},
	{"browse-down", "The row below", mode_browse_move, MODE_BROWSE_DOWN},
	{"browse-page-up", "A screen of rows up", mode_browse_move, MODE_BROWSE_PAGE_UP},
	{"browse-page-down", "A screen of rows down", mode_browse_move, MODE_BROWSE_PAGE_DOWN},
	{"browse-first", "The first row", mode_browse_move, MODE_BROWSE_FIRST},
	{"browse-last", "The last row", mode_browse_move, MODE_BROWSE_LAST},
	{"browse-open", "Open the row's minutes read-only (at its line)", mode_browse_open_cmd, 0},
	{"browse-edit", "Open the row's minutes for editing", mode_browse_open_cmd, 1},
	{"browse-search", "Search every minutes file of the folder (a list of the lines found)", mode_browse_search,
	 0},
	{"browse-actions", "The action items of every minutes file, by due date", mode_browse_actions, 0},
	{"browse-open-only", "Actions: only the open ones, or all", mode_browse_actions, (int)ARCHIVE_ACT_OPEN},
	{"browse-overdue", "Actions: only the overdue ones, or all", mode_browse_actions, (int)ARCHIVE_ACT_OVERDUE},
	{"browse-back", "Clear the filter; then back to the list of minutes", mode_browse_escape, 0},
	{"browse-quit", "Quit mahdar", mode_browse_quit, 0},
};

const struct cmd *mode_browse_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_browse_cmds);
	return mode_browse_cmds;
}
