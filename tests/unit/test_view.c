/* view: the grid a small document gives at a given size — alignment,
 * symbols for controls, selection, status line, scrolling, the layout
 * cache, and the too-small note. */
#include "testutil.h"
#include "testfs.h"
#include "testgrid.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/layout.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

static const struct layout *lay_of(void *ctx, size_t line)
{
	return view_layout(ctx, line);
}

static void assert_row(const struct view_grid *g, int r, const char *want)
{
	char *got = tg_row(g, r, 0);
	if (strcmp(got, want) != 0)
		fail_msg("row %d is \"%s\", expected \"%s\"", r, got, want);
	free(got);
}

struct vf {
	struct buffer *b;
	struct doc *d;
	struct view *v;
	struct edit *e;
};

/* The lines (LF each), opened like the editor opens a file, in a view of rows x cols. */
static struct vf vf_new(int rows, int cols, const char *const *lines, size_t n)
{
	struct vf f;
	f.b = tu_buffer_of(lines, n);
	f.d = buffer_doc(f.b);
	f.e = buffer_edit(f.b);
	f.v = view_new(f.d, rows, cols);
	buffer_set_layout(f.b, lay_of, f.v);
	return f;
}

static void vf_free(struct vf *f)
{
	buffer_free(f->b);
	view_free(f->v);
}

static const struct view_grid *render(struct vf *f, const char *msg)
{
	struct view_status st = {.name = "m.txt", .line = f->e->cur.line + 1, .col = edit_column(f->e) + 1,
				 .hints = "^S save", .msg = msg};
	view_follow(f->v, f->e->cur.line, f->e->cur.off);
	return view_render(f->v, f->e, &st);
}

static void test_small_doc_20x5(void **state)
{
	(void)state;
	/* "سلام" is shown reversed and right-aligned; English stays left. */
	const char *lines[] = {"\u0633\u0644\u0627\u0645", "Agenda", "x"};
	struct vf f = vf_new(5, 20, lines, 3);
	const struct view_grid *g = render(&f, "hello");
	assert_int_equal(g->rows, 5);
	assert_int_equal(g->cols, 20);
	assert_row(g, 0, "                \u0645\u0627\u0644\u0633");
	assert_row(g, 1, "Agenda              ");
	assert_row(g, 2, "x                   ");
	char *status = tg_row(g, 3, 0);
	assert_non_null(strstr(status, "m.txt"));
	assert_non_null(strstr(status, "1:1"));
	assert_true(g->cells[3 * 20].attr & VIEW_A_STATUS);
	free(status);
	assert_row(g, 4, "hello               ");
	/* The cursor of an RTL line's start is at its right edge. */
	assert_int_equal(g->cur_row, 0);
	assert_int_equal(g->cur_col, 19);
	vf_free(&f);
}

static void test_controls_are_symbols(void **state)
{
	(void)state;
	const char *lines[] = {"a\x1b]52;c;x\x07 \xc2\x9b b"};
	struct vf f = vf_new(5, 40, lines, 1);
	const struct view_grid *g = render(&f, NULL);
	int reversed = 0;
	for (int c = 0; c < g->cols; c++) {
		const struct view_cell *cell = &g->cells[c];
		for (size_t k = 0; k < cell->len; k++) {
			unsigned char b = (unsigned char)view_cell_text(g, 0, cell)[k];
			assert_true(b >= 0x20 && b != 0x7f);
		}
		if (cell->attr & VIEW_A_REVERSE)
			reversed++;
	}
	assert_true(reversed >= 3);	/* ESC, BEL and the C1 byte, at least */
	char *row = tg_row(g, 0, 0);
	assert_null(strstr(row, "\xc2\x9b"));
	free(row);
	vf_free(&f);
}

static void test_selection_and_bold_headings(void **state)
{
	(void)state;
	const char *lines[] = {"## Agenda", "one two"};
	struct vf f = vf_new(6, 30, lines, 2);
	f.d->lines[0].kind = DOC_K_HEADING;
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_set_cursor(f.e, (struct edit_pos){1, 3}, 1);
	const struct view_grid *g = render(&f, NULL);
	assert_true(g->cells[0].attr & VIEW_A_BOLD);
	assert_false(g->cells[30].attr & VIEW_A_BOLD);
	for (int c = 0; c < 7; c++)
		assert_int_equal((g->cells[30 + c].attr & VIEW_A_SELECT) != 0, c < 3);
	vf_free(&f);
}

static void test_scrolling_and_hits(void **state)
{
	(void)state;
	const char *lines[] = {"l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9"};
	struct vf f = vf_new(5, 20, lines, 10);
	edit_move(f.e, EDIT_DOC_END, 0);
	const struct view_grid *g = render(&f, NULL);
	assert_row(g, 0, "l7                  ");
	assert_row(g, 2, "l9                  ");
	assert_int_equal(g->cur_row, 2);
	assert_int_equal(g->cur_col, 2);
	struct edit_pos p;
	assert_int_equal(view_hit(f.v, 1, 1, &p), 0);
	assert_int_equal(p.line, 8);
	assert_int_equal(p.off, 1);
	assert_int_equal(view_hit(f.v, 3, 1, &p), -1);	/* the status line */
	edit_move(f.e, EDIT_DOC_START, 0);
	g = render(&f, NULL);
	assert_row(g, 0, "l0                  ");
	vf_free(&f);
}

static void test_layout_cache(void **state)
{
	(void)state;
	const char *lines[] = {"first line", "second line"};
	struct vf f = vf_new(5, 20, lines, 2);
	const struct layout *a0 = view_layout(f.v, 0);
	const struct layout *a1 = view_layout(f.v, 1);
	assert_ptr_equal(view_layout(f.v, 0), a0);
	doc_line_splice(f.d, 0, 0, 0, "X", 1);
	assert_ptr_equal(view_layout(f.v, 1), a1);	/* untouched line: cached */
	assert_int_equal(view_layout(f.v, 0)->ngraph, 11);	/* changed line: redone */
	view_resize(f.v, 5, 6);
	assert_int_equal(view_layout(f.v, 1)->nrows, 2);	/* new width: redone */
	vf_free(&f);
}

/* The cache holds a few screens of lines, however far one scrolls; two
 * views of one document keep their own layouts at their own widths. */
static void test_cache_bounded(void **state)
{
	(void)state;
	struct vf f = vf_new(10, 30, NULL, 0);
	for (size_t i = 0; i < 20000; i++)
		doc_line_insert(f.d, i, "سطر ثم line and more words", strlen("سطر ثم line and more words"),
				DOC_EOL_LF);
	size_t most = 0;
	struct view_status st = {.name = "m.txt", .line = 1, .col = 1};
	for (int k = 0; k < 20000 / 7; k++) {
		view_scroll(f.v, 7);
		view_render(f.v, f.e, &st);
		if (view_cache_count(f.v) > most)
			most = view_cache_count(f.v);
	}
	assert_true(f.v->top_line > 19000);
	assert_true(most <= view_cache_limit(f.v));
	assert_true(view_cache_limit(f.v) < 200);
	struct view *narrow = view_new(f.d, 10, 8);
	const struct layout *wide = view_layout(f.v, 5);
	assert_int_equal(view_layout(narrow, 5)->nrows > 1, 1);
	assert_ptr_equal(view_layout(f.v, 5), wide);	/* not disturbed by the other view */
	assert_int_equal(wide->nrows, 1);
	view_free(narrow);
	vf_free(&f);
}

/* Spans: each adds its attribute to exactly the graphemes it covers,
 * across lines for a selection. */
static void test_spans(void **state)
{
	(void)state;
	const char *lines[] = {"abcdef", "ghij"};
	struct vf f = vf_new(5, 20, lines, 2);
	struct view_frame fr = {.st = {.name = "m.txt", .line = 1, .col = 1}};
	view_frame_span(&fr, 0, 1, 0, 3, VIEW_A_MATCH);
	view_frame_span(&fr, 0, 4, 1, 2, VIEW_A_SELECT);
	view_frame_span(&fr, 1, 0, 1, 1, VIEW_A_CURRENT);
	const struct view_grid *g = view_render_frame(f.v, &fr);
	for (int c = 0; c < 6; c++) {
		assert_int_equal((g->cells[c].attr & VIEW_A_MATCH) != 0, c >= 1 && c < 3);
		assert_int_equal((g->cells[c].attr & VIEW_A_SELECT) != 0, c >= 4);
	}
	for (int c = 0; c < 4; c++) {
		assert_int_equal((g->cells[20 + c].attr & VIEW_A_SELECT) != 0, c < 2);
		assert_int_equal((g->cells[20 + c].attr & VIEW_A_CURRENT) != 0, c == 0);
	}
	view_frame_free(&fr);
	vf_free(&f);
}

static void test_too_small(void **state)
{
	(void)state;
	const char *lines[] = {"text"};
	struct vf f = vf_new(2, 8, lines, 1);
	const struct view_grid *g = render(&f, NULL);
	assert_row(g, 0, "small   ");
	assert_int_equal(g->cur_row, -1);
	view_resize(f.v, 5, 20);
	g = render(&f, NULL);
	assert_row(g, 0, "text                ");
	vf_free(&f);
}

/* A grapheme cluster longer than 64 KB (a letter with 40,000 combining
 * marks) reaches the grid whole: the cell holds every byte the layout gave
 * it, never a cut UTF-8 sequence. */
static void test_huge_cluster_is_not_cut(void **state)
{
	(void)state;
	size_t nmarks = 40000;
	char *s = malloc(1 + 2 * nmarks + 1);
	s[0] = 'a';
	for (size_t i = 0; i < nmarks; i++)
		memcpy(s + 1 + 2 * i, "\u0301", 2);
	s[1 + 2 * nmarks] = '\0';
	const char *lines[] = {s};
	struct vf f = vf_new(5, 20, lines, 1);
	const struct view_grid *g = render(&f, NULL);
	const struct layout *lay = view_layout(f.v, 0);
	const struct view_cell *c = &g->cells[0];
	assert_true(lay->cells[0].text_len > 65535);
	assert_int_equal(c->len, lay->cells[0].text_len);
	assert_memory_equal(view_cell_text(g, 0, c), lay->text + lay->cells[0].text, c->len);
	vf_free(&f);
	free(s);
}

/* A message longer than the width wraps onto more rows (at most half the
 * text area), taken from the text area; the cursor can go after it. */
static void test_long_message_wraps(void **state)
{
	(void)state;
	const char *lines[] = {"a", "b", "c", "d", "e", "f"};
	struct vf f = vf_new(8, 20, lines, 6);
	const char *msg = "Saved /a/long/path/minutes.txt today";
	view_set_message(f.v, msg);
	assert_int_equal(view_text_rows(f.v), 5);
	edit_set_cursor(f.e, (struct edit_pos){5, 0}, 0);
	const struct view_grid *g = render(&f, msg);
	assert_row(g, 4, "f                   ");
	assert_int_equal(g->cur_row, 4);
	assert_true(g->cells[5 * 20].attr & VIEW_A_STATUS);
	assert_row(g, 6, "Saved /a/long/path/ ");
	assert_row(g, 7, "minutes.txt today   ");
	/* Never more than half the text area: the rest is cut. */
	view_set_message(f.v, "one two three four five six seven eight nine ten eleven twelve");
	assert_int_equal(view_text_rows(f.v), 4);
	view_set_message(f.v, NULL);
	assert_int_equal(view_text_rows(f.v), 6);
	/* The cursor after a typed answer. */
	struct view_status st = {.name = "m.txt", .line = 1, .col = 1, .msg = "Save as: x.txt", .msg_cursor = 1};
	view_set_message(f.v, st.msg);
	g = view_render(f.v, f.e, &st);
	assert_int_equal(g->cur_row, 7);
	assert_int_equal(g->cur_col, 14);
	vf_free(&f);
}

/* Title and headings are bold as soon as they are typed, from their own
 * bytes, without an analysis of the document (which the editor no longer
 * runs on every pause in a long one). */
static void test_bold_without_analysis(void **state)
{
	(void)state;
	const char *lines[] = {"# Title", "text", "## Heading", "# not a title"};
	struct vf f = vf_new(8, 20, lines, 4);
	const struct view_grid *g = render(&f, NULL);
	for (int r = 0; r < 4; r++)
		assert_int_equal((g->cells[r * 20].attr & VIEW_A_BOLD) != 0, r == 0 || r == 2);
	/* Typing "## " makes a heading at once; the first line moving away
	 * takes the title with it. */
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_type(f.e, "## ", 3);
	assert_true(f.d->stale);
	g = render(&f, NULL);
	assert_true(g->cells[20].attr & VIEW_A_BOLD);
	edit_set_cursor(f.e, (struct edit_pos){0, 0}, 0);
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 1);
	edit_cut(f.e);
	g = render(&f, NULL);
	assert_row(g, 0, "## text             ");
	assert_true(g->cells[0].attr & VIEW_A_BOLD);
	assert_false(g->cells[40].attr & VIEW_A_BOLD);	/* "# not a title": not the first line */
	vf_free(&f);
}

/* Every row of g as a fresh view of the same document at the same place
 * shows it: text and attributes. */
static void assert_same_as_fresh(struct vf *f, const struct view_grid *g)
{
	struct view *v = view_new(f->d, g->rows, g->cols);
	v->top_line = f->v->top_line;
	v->top_row = f->v->top_row;
	struct view_status st = {.name = "m.txt", .line = f->e->cur.line + 1, .col = edit_column(f->e) + 1,
				 .hints = "^S save"};
	const struct view_grid *fresh = view_render(v, f->e, &st);
	for (int r = 0; r < g->rows; r++) {
		for (unsigned a = 0; a <= VIEW_A_DIM; a = a ? a << 1 : 1) {
			char *x = tg_row(g, r, a), *y = tg_row(fresh, r, a);
			if (strcmp(x, y) != 0)
				fail_msg("row %d (attr %u) is \"%s\", a fresh view shows \"%s\"", r, a, x, y);
			free(x);
			free(y);
		}
	}
	view_free(v);
}

/* A frame rewrites the rows whose content changed, and only those: a
 * typed character rewrites its row and the status line, a selection the
 * rows it covers, a scroll every text row; what stays is what a fresh
 * view would show. */
static void test_rows_rewritten_when_changed(void **state)
{
	(void)state;
	const char *lines[] = {"one", "two", "\u0633\u0644\u0627\u0645 three", "four", "five", "six"};
	struct vf f = vf_new(6, 20, lines, 6);	/* 4 text rows, status, message */
	const struct view_grid *g = render(&f, NULL);
	unsigned long first = g->frame;
	g = render(&f, NULL);
	assert_true(g->frame > first);
	for (int r = 0; r < g->rows; r++)
		assert_true(g->drawn[r] <= first);	/* nothing changed: nothing rewritten */
	edit_set_cursor(f.e, (struct edit_pos){2, 4}, 0);
	edit_type(f.e, "X", 1);
	g = render(&f, NULL);
	for (int r = 0; r < 4; r++)
		assert_int_equal(g->drawn[r] == g->frame, r == 2);
	assert_int_equal(g->drawn[4], g->frame);	/* the status: its column moved */
	assert_same_as_fresh(&f, g);
	/* A selection over rows 0 and 1. */
	edit_set_cursor(f.e, (struct edit_pos){0, 1}, 0);
	g = render(&f, NULL);
	edit_set_cursor(f.e, (struct edit_pos){1, 2}, 1);
	g = render(&f, NULL);
	for (int r = 0; r < 4; r++)
		assert_int_equal(g->drawn[r] == g->frame, r <= 1);
	assert_same_as_fresh(&f, g);
	edit_select_none(f.e);
	g = render(&f, NULL);
	assert_same_as_fresh(&f, g);
	/* A scroll: every text row. */
	edit_set_cursor(f.e, (struct edit_pos){5, 0}, 0);
	g = render(&f, NULL);
	assert_true(f.v->top_line > 0);
	for (int r = 0; r < 4; r++)
		assert_int_equal(g->drawn[r], g->frame);
	assert_same_as_fresh(&f, g);
	/* A message, then none. */
	g = render(&f, "saved");
	assert_int_equal(g->drawn[5], g->frame);
	g = render(&f, "saved");
	assert_true(g->drawn[5] < g->frame);
	g = render(&f, NULL);
	assert_int_equal(g->drawn[5], g->frame);
	assert_row(g, 5, "                    ");
	vf_free(&f);
}

/* Lines inserted and deleted above the shown ones move every record after
 * them: a cached layout or a remembered row is never another line's. */
static void test_cache_after_lines_move(void **state)
{
	(void)state;
	const char *lines[] = {"a", "bb", "ccc", "dddd", "eeeee", "ffffff", "ggggggg", "hhhhhhhh"};
	struct vf f = vf_new(6, 20, lines, 8);	/* 4 text rows */
	f.v->top_line = 2;
	edit_set_cursor(f.e, (struct edit_pos){3, 0}, 0);
	const struct view_grid *g = render(&f, NULL);
	assert_row(g, 0, "ccc                 ");
	doc_line_insert(f.d, 0, "new", 3, DOC_EOL_LF);
	doc_line_insert(f.d, 1, "bb", 2, DOC_EOL_LF);	/* the same bytes as a shown line */
	edit_set_cursor(f.e, (struct edit_pos){5, 0}, 0);
	f.v->top_line = 2;
	g = render(&f, NULL);
	assert_row(g, 0, "a                   ");
	assert_row(g, 1, "bb                  ");
	assert_row(g, 2, "ccc                 ");
	assert_same_as_fresh(&f, g);
	for (size_t i = 0; i < f.d->nlines; i++)
		assert_int_equal(view_layout(f.v, i)->ngraph, f.d->lines[i].len);
	doc_line_delete(f.d, 0);
	doc_line_delete(f.d, 0);
	doc_line_delete(f.d, 0);
	f.v->top_line = 0;
	edit_set_cursor(f.e, (struct edit_pos){0, 0}, 0);
	g = render(&f, NULL);
	assert_row(g, 0, "bb                  ");
	assert_row(g, 3, "eeeee               ");
	assert_same_as_fresh(&f, g);
	vf_free(&f);
}

/* A key typed makes a new version of its line: the layout of the version
 * it replaced (doc.replaced_stamp) is given over to it, so that typing
 * does not fill the cache with dead versions, also after the line moved;
 * what is seen does not change. */
static void test_typing_replaces_its_layout(void **state)
{
	(void)state;
	const char *lines[] = {"one", "two", "three", "four", "five"};
	struct vf f = vf_new(6, 20, lines, 5);
	edit_set_cursor(f.e, (struct edit_pos){2, 5}, 0);
	render(&f, NULL);
	size_t n0 = view_cache_count(f.v);
	for (int k = 0; k < 60; k++) {
		edit_type(f.e, "x", 1);
		const struct view_grid *g = render(&f, NULL);
		assert_int_equal(view_layout(f.v, f.e->cur.line)->ngraph, 6 + k);
		assert_int_equal(view_cache_count(f.v), n0);
		if (k == 30) {	/* a line inserted above: the typed line moves */
			doc_line_insert(f.d, 0, "zero", 4, DOC_EOL_LF);
			edit_set_cursor(f.e, (struct edit_pos){3, f.d->lines[3].len}, 0);
			g = render(&f, NULL);
			assert_same_as_fresh(&f, g);
			n0 = view_cache_count(f.v);
		}
		if (k % 10 == 0)
			assert_same_as_fresh(&f, g);
	}
	vf_free(&f);
}

/* Lines asked for at random while others are edited, in a cache far
 * smaller than the document: every answer is the line's own layout. */
static void test_cache_random_walk(void **state)
{
	(void)state;
	struct vf f = vf_new(4, 30, NULL, 0);	/* a cache of 2 x 4 + 16 */
	char text[64];
	for (size_t i = 0; i < 400; i++) {
		int n = snprintf(text, sizeof text, "line %zu", i);
		doc_line_insert(f.d, i, text, (size_t)n, DOC_EOL_LF);
	}
	unsigned x = 12345;
	struct {
		size_t line;
		uint32_t stamp;
		const struct layout *lay;
	} recent[5] = {{0}};
	for (int k = 0; k < 20000; k++) {
		x = x * 1103515245u + 12345u;
		size_t l = (x >> 8) % (k % 3 == 0 ? 40 : f.d->nlines);
		if ((x >> 4) % 5 == 0)
			doc_line_splice(f.d, l, 0, 0, "y", 1);
		const struct layout *a = view_layout(f.v, l);
		assert_int_equal(a->ngraph, f.d->lines[l].len);
		assert_memory_equal(a->text, doc_line_text(f.d, l), f.d->lines[l].len);
		assert_ptr_equal(view_layout(f.v, l), a);
		assert_true(view_cache_count(f.v) <= view_cache_limit(f.v));
		/* The last few asked for are still held (found, not made again). */
		for (int i = 0; i < 5; i++)
			if (recent[i].lay != NULL && f.d->lines[recent[i].line].stamp == recent[i].stamp)
				assert_ptr_equal(view_layout(f.v, recent[i].line), recent[i].lay);
		memmove(&recent[1], &recent[0], 4 * sizeof recent[0]);
		recent[0].line = l;
		recent[0].stamp = f.d->lines[l].stamp;
		recent[0].lay = a;
	}
	vf_free(&f);
}

/* Frames after every kind of change, at random: typing (in Arabic and
 * Latin, long enough to wrap), moves, selections, lines added, deleted
 * and changed elsewhere, a change undone, a scroll, a resize.  Each frame
 * is what a fresh view shows, whether it was made row by row or only on
 * the typed line's rows. */
static void test_frames_after_random_changes(void **state)
{
	(void)state;
	const char *lines[] = {"# عنوان", "one", "سطر ثانٍ", "three", "four", "five", "six", "seven",
			       "## heading", "nine", "ten", "eleven"};
	struct vf f = vf_new(8, 24, lines, 12);
	static const char *const words[] = {"x", "ب", " ", "كلمة ", "word ", "1"};
	unsigned x = 777;
	const struct view_grid *g = render(&f, NULL);
	for (int k = 0; k < 4000; k++) {
		x = x * 1103515245u + 12345u;
		unsigned op = (x >> 8) % 100;
		const char *w = words[(x >> 16) % UTIL_ARRAY_LEN(words)];
		if (op < 60) {
			edit_type(f.e, w, strlen(w));
		} else if (op < 70) {
			static const int motions[] = {EDIT_LEFT, EDIT_RIGHT, EDIT_UP, EDIT_DOWN, EDIT_HOME, EDIT_END};
			edit_move(f.e, motions[(x >> 12) % 6], (x >> 20) % 4 == 0);
		} else if (op < 74) {
			edit_select_none(f.e);
		} else if (op < 78) {
			edit_backspace(f.e);
		} else if (op < 81) {
			size_t at = (x >> 12) % (f.d->nlines + 1);
			doc_line_insert(f.d, at, w, strlen(w), DOC_EOL_LF);
			edit_set_cursor(f.e, (struct edit_pos){at < f.d->nlines ? at : 0, 0}, 0);
		} else if (op < 84 && f.d->nlines > 3) {
			size_t at = (x >> 12) % f.d->nlines;
			doc_line_delete(f.d, at);
			edit_set_cursor(f.e, (struct edit_pos){0, 0}, 0);
		} else if (op < 88) {
			size_t at = (x >> 12) % f.d->nlines;	/* another line than the cursor's, maybe */
			doc_line_splice(f.d, at, 0, 0, w, strlen(w));
		} else if (op < 91) {
			edit_newline(f.e);
		} else if (op < 94) {
			view_scroll(f.v, (x >> 12) % 2 ? 1 : -1);
		} else if (op < 96) {
			view_resize(f.v, 8, (x >> 12) % 2 ? 24 : 17);
		} else {
			edit_set_cursor(f.e, (struct edit_pos){(x >> 12) % f.d->nlines, 0}, 0);
		}
		g = render(&f, NULL);
		assert_same_as_fresh(&f, g);
	}
	vf_free(&f);
}

/* The status line's column, read from the line's layout, is the column
 * edit_column() counts, at every byte of the corpus' lines and of lines
 * with marks, joiners, controls and invalid bytes. */
static void test_column_from_layout(void **state)
{
	(void)state;
	static const char *const names[] = {"malmo-2018-ar.txt", "shora-1403-fa.txt", "vaad-2024-he.txt",
					    "library-2025-en.txt", "unstructured-communique-ar.txt"};
	const char *odd[] = {"e\u0301a\u0651\u064e b", "\U0001F469\u200D\U0001F4BB x\u200C\u0628",
			     "a\x01\x1b[31m\xff\xc3 \xe2\x80\xae\u05e9\u05b8\u05dc", "\u202b\u0628\u202c 12"};
	size_t checked = 0;
	for (size_t k = 0; k <= sizeof names / sizeof *names; k++) {
		char *text = NULL;
		const char **lines = odd;
		size_t n = sizeof odd / sizeof *odd;
		if (k < sizeof names / sizeof *names) {
			text = tu_corpus_file(names[k], NULL);
			lines = calloc(4096, sizeof *lines);
			n = 0;
			for (char *p = strtok(text, "\n"); p != NULL && n < 4096; p = strtok(NULL, "\n"))
				lines[n++] = p;
		}
		struct vf f = vf_new(10, 40, lines, n);
		for (size_t i = 0; i < f.d->nlines; i++) {
			for (size_t off = 0; off <= f.d->lines[i].len + 1; off++) {
				f.e->cur = (struct edit_pos){i, off};
				assert_int_equal(view_column(f.v, i, off), edit_column(f.e));
				checked++;
			}
		}
		vf_free(&f);
		if (text != NULL) {
			free(lines);
			free(text);
		}
	}
	assert_true(checked > 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_doc_20x5),
		cmocka_unit_test(test_controls_are_symbols),
		cmocka_unit_test(test_selection_and_bold_headings),
		cmocka_unit_test(test_scrolling_and_hits),
		cmocka_unit_test(test_layout_cache),
		cmocka_unit_test(test_cache_bounded),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_huge_cluster_is_not_cut),
		cmocka_unit_test(test_long_message_wraps),
		cmocka_unit_test(test_bold_without_analysis),
		cmocka_unit_test(test_rows_rewritten_when_changed),
		cmocka_unit_test(test_cache_after_lines_move),
		cmocka_unit_test(test_typing_replaces_its_layout),
		cmocka_unit_test(test_cache_random_walk),
		cmocka_unit_test(test_frames_after_random_changes),
		cmocka_unit_test(test_column_from_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
