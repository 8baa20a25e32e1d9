/* edit: motions, typing, marks, undo grouping, selection and clipboard on
 * documents in mixed scripts.  Layouts come from a view, as in the editor. */
#include "testutil.h"
#include "testfs.h"

#include <time.h>

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/layout.h"
#include "mahdar/txt.h"
#include "mahdar/view.h"

struct fx {
	struct buffer *b;
	struct doc *d;
	struct view *v;
	struct edit *e;
};

static const struct layout *fx_layout(void *ctx, size_t line)
{
	return view_layout(ctx, line);
}

/* A document of the given lines (LF each), opened like the editor opens
 * one (buffer_open on a file), laid out cols wide. */
static struct fx fx_new(int cols, const char *const *lines, size_t n)
{
	struct fx f;
	f.b = tu_buffer_of(lines, n);
	f.d = buffer_doc(f.b);
	f.e = buffer_edit(f.b);
	f.v = view_new(f.d, 10, cols);
	buffer_set_layout(f.b, fx_layout, f.v);
	return f;
}

static void fx_free(struct fx *f)
{
	buffer_free(f->b);
	view_free(f->v);
}

static const char *L(struct fx *f, size_t i)
{
	return doc_line_text(f->d, i);
}

static void test_empty_doc_gets_a_line(void **state)
{
	(void)state;
	struct fx f = fx_new(40, NULL, 0);
	assert_int_equal(f.d->nlines, 1);
	assert_false(f.d->modified);
	edit_type(f.e, "hi", 2);
	assert_string_equal(L(&f, 0), "hi");
	assert_true(f.d->modified);
	fx_free(&f);
}

/* A clock the test moves by hand. */
static long long fake_ms;
static long long fake_clock(void)
{
	return fake_ms;
}

/* Type s one character at a time, as typed, advancing the clock by
 * gap_ms before each character. */
static void type_slowly(struct edit *e, const char *s, long long gap_ms)
{
	for (const char *p = s; *p;) {
		size_t n = 1;
		while ((p[n] & 0xC0) == 0x80)
			n++;
		fake_ms += gap_ms;
		edit_type(e, p, n);
		p += n;
	}
}

/* Issue 9: a run of typing is one undo step (the man page's promise),
 * broken by a pause of a second, a cursor move or another edit. */
static void test_typing_run_is_one_step(void **state)
{
	(void)state;
	const char *lines[] = {""};
	struct fx f = fx_new(40, lines, 1);
	f.e->clock = fake_clock;
	const char *s = "قرر المجلس الموافقة";
	type_slowly(f.e, s, 150);	/* a typist's pace: one run */
	assert_string_equal(L(&f, 0), s);
	assert_int_equal(edit_undo(f.e), 0);
	assert_string_equal(L(&f, 0), "");
	assert_false(f.d->modified);
	assert_int_equal(edit_undo(f.e), -1);
	assert_int_equal(edit_redo(f.e), 0);
	assert_string_equal(L(&f, 0), s);
	assert_true(f.d->modified);
	/* A pause of a second between words: two steps. */
	edit_move(f.e, EDIT_END, 0);
	type_slowly(f.e, " one", 100);
	fake_ms += 1200;
	type_slowly(f.e, " two", 100);
	edit_undo(f.e);
	assert_string_equal(L(&f, 0), "قرر المجلس الموافقة one");
	edit_undo(f.e);
	assert_string_equal(L(&f, 0), s);
	/* A motion ends the run: "x" then Home, End, "y" are two steps. */
	edit_move(f.e, EDIT_END, 0);
	type_slowly(f.e, "x", 10);
	edit_move(f.e, EDIT_HOME, 0);
	edit_move(f.e, EDIT_END, 0);
	type_slowly(f.e, "y", 10);
	edit_undo(f.e);
	assert_string_equal(L(&f, 0), "قرر المجلس الموافقةx");
	/* So does edit_break() (the editor calls it before every command). */
	type_slowly(f.e, "a", 10);
	edit_break(f.e);
	type_slowly(f.e, "b", 10);
	edit_undo(f.e);
	assert_string_equal(L(&f, 0), "قرر المجلس الموافقةxa");
	fx_free(&f);
}

/* Issue 9: "Maria Lopez أوضحت أن …" is LTR by UAX #9 (its first strong
 * letter is Latin); one key makes it RTL with a U+200F at its start, and
 * the same key takes the mark out again. */
static void test_line_direction(void **state)
{
	(void)state;
	const char *lines[] = {"Maria Lopez أوضحت أن", "قرر المجلس"};
	struct fx f = fx_new(40, lines, 2);
	edit_move(f.e, EDIT_END, 0);
	size_t end = f.e->cur.off;
	assert_int_equal(view_layout(f.v, 0)->dir, LAYOUT_LTR);
	assert_int_equal(edit_line_direction(f.e, -1), 1);
	assert_string_equal(L(&f, 0), "\u200FMaria Lopez أوضحت أن");
	assert_int_equal(view_layout(f.v, 0)->dir, LAYOUT_RTL);
	assert_int_equal(f.e->cur.off, end + 3);	/* still after the same text */
	assert_true(f.d->modified);
	/* asking for what it is already changes nothing */
	assert_int_equal(edit_line_direction(f.e, 1), 1);
	assert_string_equal(L(&f, 0), "\u200FMaria Lopez أوضحت أن");
	/* the same key again: the mark goes, the letters make it LTR */
	assert_int_equal(edit_line_direction(f.e, -1), 0);
	assert_string_equal(L(&f, 0), "Maria Lopez أوضحت أن");
	assert_int_equal(f.e->cur.off, end);
	/* each is one undo step */
	assert_int_equal(edit_undo(f.e), 0);
	assert_string_equal(L(&f, 0), "\u200FMaria Lopez أوضحت أن");
	assert_int_equal(edit_undo(f.e), 0);
	assert_string_equal(L(&f, 0), "Maria Lopez أوضحت أن");
	assert_false(f.d->modified);
	/* an Arabic line made LTR gets a U+200E; a wrong mark is replaced */
	edit_move(f.e, EDIT_DOWN, 0);
	edit_move(f.e, EDIT_HOME, 0);
	assert_int_equal(edit_line_direction(f.e, 0), 0);
	assert_string_equal(L(&f, 1), "\u200Eقرر المجلس");
	assert_int_equal(f.e->cur.off, 3);
	assert_int_equal(edit_line_direction(f.e, 1), 1);
	assert_string_equal(L(&f, 1), "قرر المجلس");
	assert_int_equal(f.e->cur.off, 0);
	fx_free(&f);
}

static void test_backspace_removes_just_the_mark(void **state)
{
	(void)state;
	/* bi-kasra sin-sukun mim-kasra */
	const char *lines[] = {"\u0628\u0650\u0633\u0652\u0645\u0650"};
	struct fx f = fx_new(40, lines, 1);
	edit_move(f.e, EDIT_END, 0);
	assert_int_equal(edit_column(f.e), 3);
	edit_backspace(f.e);
	assert_string_equal(L(&f, 0), "\u0628\u0650\u0633\u0652\u0645");
	assert_int_equal(edit_column(f.e), 3);	/* still after the mim */
	edit_backspace(f.e);
	assert_string_equal(L(&f, 0), "\u0628\u0650\u0633\u0652");
	edit_backspace(f.e);
	assert_string_equal(L(&f, 0), "\u0628\u0650\u0633");
	/* Consecutive Backspaces are one step. */
	edit_undo(f.e);
	assert_string_equal(L(&f, 0), lines[0]);
	/* Delete takes the whole next grapheme, marks and all. */
	edit_move(f.e, EDIT_HOME, 0);
	edit_delete(f.e);
	assert_string_equal(L(&f, 0), "\u0633\u0652\u0645\u0650");
	/* Hebrew: shin + shin dot + qamats; Backspace drops the qamats only. */
	doc_line_insert(f.d, 1, "\u05e9\u05c1\u05b8\u05dc", 8, DOC_EOL_NONE);
	edit_set_cursor(f.e, (struct edit_pos){1, 6}, 0);
	edit_backspace(f.e);
	assert_string_equal(L(&f, 1), "\u05e9\u05c1\u05dc");
	fx_free(&f);
}

static void test_newline_keeps_line_endings(void **state)
{
	(void)state;
	struct fx f = fx_new(40, NULL, 0);
	doc_line_set(f.d, 0, "abcd", 4);
	doc_line_set_eol(f.d, 0, DOC_EOL_CRLF);
	doc_line_insert(f.d, 1, "efgh", 4, DOC_EOL_NONE);
	edit_set_cursor(f.e, (struct edit_pos){0, 2}, 0);
	edit_newline(f.e);
	assert_int_equal(f.d->nlines, 3);
	assert_string_equal(L(&f, 0), "ab");
	assert_string_equal(L(&f, 1), "cd");
	assert_int_equal(f.d->lines[0].eol, DOC_EOL_CRLF);
	assert_int_equal(f.d->lines[1].eol, DOC_EOL_CRLF);
	assert_int_equal(f.e->cur.line, 1);
	assert_int_equal(f.e->cur.off, 0);
	/* The last line has no terminator: its left part gets the document's. */
	edit_set_cursor(f.e, (struct edit_pos){2, 4}, 0);
	edit_newline(f.e);
	assert_int_equal(f.d->lines[2].eol, DOC_EOL_CRLF);
	assert_int_equal(f.d->lines[3].eol, DOC_EOL_NONE);
	edit_undo(f.e);
	edit_undo(f.e);
	assert_int_equal(f.d->nlines, 2);
	assert_string_equal(L(&f, 0), "abcd");
	assert_int_equal(f.d->lines[0].eol, DOC_EOL_CRLF);
	assert_int_equal(f.d->lines[1].eol, DOC_EOL_NONE);
	fx_free(&f);
}

static void test_join_and_undo_keep_item_ids(void **state)
{
	(void)state;
	const char *lines[] = {"- first", "- second", "- third"};
	struct fx f = fx_new(40, lines, 3);
	doc_line_attr(f.d, 1)->id = strdup("r2");
	doc_line_attr(f.d, 2)->id = strdup("r3");
	/* Backspace at the start of line 2 joins it to line 1. */
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_backspace(f.e);
	assert_int_equal(f.d->nlines, 2);
	assert_string_equal(L(&f, 0), "- first- second");
	assert_int_equal(doc_find_id(f.d, "r2"), (size_t)-1);
	edit_undo(f.e);
	assert_int_equal(f.d->nlines, 3);
	assert_int_equal(doc_find_id(f.d, "r2"), 1);
	/* Enter at the start of a line: the item's id stays with its text. */
	edit_set_cursor(f.e, (struct edit_pos){2, 0}, 0);
	edit_newline(f.e);
	assert_string_equal(L(&f, 3), "- third");
	assert_int_equal(doc_find_id(f.d, "r3"), 3);
	/* Cutting whole lines and undoing gives the ids back. */
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_set_cursor(f.e, (struct edit_pos){3, 0}, 1);
	assert_int_equal(edit_cut(f.e), 0);
	assert_int_equal(f.d->nlines, 2);
	assert_int_equal(doc_find_id(f.d, "r2"), (size_t)-1);
	assert_int_equal(doc_find_id(f.d, "r3"), 1);
	edit_undo(f.e);
	assert_int_equal(doc_find_id(f.d, "r2"), 1);
	edit_redo(f.e);
	edit_undo(f.e);
	assert_int_equal(doc_find_id(f.d, "r2"), 1);
	fx_free(&f);
}

/* Walk a line with Right from its left edge: every step one column right,
 * every cursor position visited once. */
static void check_visual_walk(const char *line, int rtl)
{
	const char *lines[] = {line};
	struct fx f = fx_new(60, lines, 1);
	const struct layout *lay = view_layout(f.v, 0);
	assert_int_equal(lay->dir, rtl ? LAYOUT_RTL : LAYOUT_LTR);
	size_t n = lay->ngraph;
	edit_move(f.e, rtl ? EDIT_END : EDIT_HOME, 0);
	char *seen = calloc(n + 1, 1);
	size_t row;
	int col, prev;
	layout_pos(view_layout(f.v, 0), layout_g_of_off(view_layout(f.v, 0), f.e->cur.off), &row, &prev);
	seen[edit_column(f.e)] = 1;
	for (size_t i = 0; i < n; i++) {
		edit_move(f.e, EDIT_RIGHT, 0);
		lay = view_layout(f.v, 0);
		layout_pos(lay, layout_g_of_off(lay, f.e->cur.off), &row, &col);
		assert_int_equal(col, prev + 1);
		assert_false(seen[edit_column(f.e)]);
		seen[edit_column(f.e)] = 1;
		prev = col;
	}
	for (size_t g = 0; g <= n; g++)
		assert_true(seen[g]);
	/* And Left all the way back. */
	for (size_t i = 0; i < n; i++)
		edit_move(f.e, EDIT_LEFT, 0);
	assert_int_equal(edit_column(f.e), rtl ? n : 0);
	free(seen);
	fx_free(&f);
}

static void test_visual_arrows_mixed_lines(void **state)
{
	(void)state;
	check_visual_walk("minutes \u05e4\u05e8\u05d5\u05d8\u05d5\u05e7\u05d5\u05dc 2024 end", 0);
	check_visual_walk("\u0627\u062c\u062a\u0645\u0627\u0639 report 2024 \u0627\u0644\u062e\u062a\u0627\u0645", 1);
	check_visual_walk("\u06af\u0632\u0627\u0631\u0634 \u06f1\u06f4\u06f0\u06f2 report 2024", 1);
}

static void test_logical_arrows_follow_reading_order(void **state)
{
	(void)state;
	const char *lines[] = {"\u0645\u062d\u0636\u0631 abc", "next"};
	struct fx f = fx_new(60, lines, 2);
	f.e->logical = 1;
	/* In an RTL line Left goes on in reading order. */
	edit_move(f.e, EDIT_LEFT, 0);
	edit_move(f.e, EDIT_LEFT, 0);
	assert_int_equal(edit_column(f.e), 2);
	edit_move(f.e, EDIT_END, 0);
	edit_move(f.e, EDIT_LEFT, 0);
	assert_int_equal(f.e->cur.line, 1);
	assert_int_equal(f.e->cur.off, 0);
	/* In an LTR line Right does. */
	edit_move(f.e, EDIT_RIGHT, 0);
	assert_int_equal(f.e->cur.off, 1);
	fx_free(&f);
}

static void test_up_down_keep_screen_column(void **state)
{
	(void)state;
	/* 10 columns: "aaaa bbbb " / "cccc dddd " / "ee" */
	const char *lines[] = {"aaaa bbbb cccc dddd ee", "0123456789", "x"};
	struct fx f = fx_new(10, lines, 3);
	assert_true(view_layout(f.v, 0)->nrows >= 3);
	edit_set_cursor(f.e, (struct edit_pos){0, 2}, 0);
	edit_move(f.e, EDIT_DOWN, 0);
	assert_int_equal(f.e->cur.line, 0);
	assert_int_equal(f.e->cur.off, 12);	/* "cc|cc" on the second row */
	edit_move(f.e, EDIT_DOWN, 0);
	edit_move(f.e, EDIT_DOWN, 0);
	assert_int_equal(f.e->cur.line, 1);
	assert_int_equal(f.e->cur.off, 2);
	edit_move(f.e, EDIT_DOWN, 0);	/* a short line: its end */
	assert_int_equal(f.e->cur.line, 2);
	assert_int_equal(f.e->cur.off, 1);
	edit_move(f.e, EDIT_UP, 0);	/* the goal column is kept */
	assert_int_equal(f.e->cur.off, 2);
	edit_move(f.e, EDIT_DOC_START, 0);
	assert_int_equal(f.e->cur.line, 0);
	assert_int_equal(f.e->cur.off, 0);
	edit_move(f.e, EDIT_DOC_END, 0);
	assert_int_equal(f.e->cur.line, 2);
	assert_int_equal(f.e->cur.off, 1);
	f.e->page_rows = 3;
	edit_move(f.e, EDIT_PAGE_UP, 0);
	assert_int_equal(f.e->cur.line, 0);
	fx_free(&f);
}

static void test_word_motion_on_screen(void **state)
{
	(void)state;
	const char *lines[] = {"hello world foo", "\u0642\u0631\u0631 \u0627\u0644\u0645\u062c\u0644\u0633"};
	struct fx f = fx_new(60, lines, 2);
	edit_move(f.e, EDIT_WORD_RIGHT, 0);
	assert_int_equal(f.e->cur.off, 6);
	edit_move(f.e, EDIT_WORD_RIGHT, 0);
	assert_int_equal(f.e->cur.off, 12);
	edit_move(f.e, EDIT_WORD_LEFT, 0);
	assert_int_equal(f.e->cur.off, 6);
	/* In an RTL line the next word is to the left. */
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_move(f.e, EDIT_WORD_LEFT, 0);
	assert_int_equal(edit_column(f.e), 4);
	edit_move(f.e, EDIT_WORD_RIGHT, 0);
	assert_int_equal(edit_column(f.e), 0);
	fx_free(&f);
}

static void test_selection_clipboard(void **state)
{
	(void)state;
	const char *lines[] = {"one two", "\u0634\u0644\u0648\u0645 three"};
	struct fx f = fx_new(60, lines, 2);
	edit_move(f.e, EDIT_WORD_RIGHT, 1);
	struct edit_pos a, b;
	assert_true(edit_selection(f.e, &a, &b));
	assert_int_equal(a.off, 0);
	assert_int_equal(b.off, 4);
	assert_int_equal(edit_copy(f.e), 0);
	edit_move(f.e, EDIT_END, 0);
	assert_false(edit_selection(f.e, &a, &b));
	assert_int_equal(edit_paste(f.e), 0);
	assert_string_equal(L(&f, 0), "one twoone ");
	/* A selection over the line break: cut joins, paste restores. */
	edit_set_cursor(f.e, (struct edit_pos){0, 4}, 0);
	edit_set_cursor(f.e, (struct edit_pos){1, 2}, 1);
	assert_int_equal(edit_cut(f.e), 0);
	assert_int_equal(f.d->nlines, 1);
	assert_string_equal(L(&f, 0), "one \u0644\u0648\u0645 three");
	assert_int_equal(edit_paste(f.e), 0);
	assert_string_equal(L(&f, 0), "one twoone ");
	assert_string_equal(L(&f, 1), "\u0634\u0644\u0648\u0645 three");
	/* Typing replaces the selection. */
	edit_select_all(f.e);
	edit_type(f.e, "z", 1);
	assert_int_equal(f.d->nlines, 1);
	assert_string_equal(L(&f, 0), "z");
	assert_int_equal(edit_copy(f.e), -1);
	fx_free(&f);
}

static void test_paste_is_one_step(void **state)
{
	(void)state;
	const char *lines[] = {"top"};
	struct fx f = fx_new(60, lines, 1);
	edit_move(f.e, EDIT_END, 0);
	const char *text = " a\r\nb\nc\rd";
	edit_insert_text(f.e, text, strlen(text));
	assert_int_equal(f.d->nlines, 4);
	assert_string_equal(L(&f, 0), "top a");
	assert_string_equal(L(&f, 3), "d");
	assert_int_equal(f.d->lines[0].eol, DOC_EOL_LF);
	assert_int_equal(f.e->cur.line, 3);
	assert_int_equal(f.e->cur.off, 1);
	edit_undo(f.e);
	assert_int_equal(f.d->nlines, 1);
	assert_string_equal(L(&f, 0), "top");
	assert_false(f.d->modified);
	fx_free(&f);
}

/* Found by fuzzing (input 00 00 14 e3 04 00: type U+0301 on an empty line,
 * Home, type "a"): a letter typed before a lone mark takes the mark, and
 * the cursor was left inside the new cluster, drawn before the letter. */
static void test_typing_before_a_lone_mark(void **state)
{
	(void)state;
	struct fx f = fx_new(40, NULL, 0);
	edit_type(f.e, "\u0301", 2);
	edit_move(f.e, EDIT_HOME, 0);
	edit_type(f.e, "a", 1);
	assert_string_equal(L(&f, 0), "a\u0301");
	assert_int_equal(f.e->cur.off, 3);	/* after the accent it took */
	assert_int_equal(edit_column(f.e), 1);
	fx_free(&f);
	/* A secretary types the beh a stray fatha was left from. */
	const char *ar[] = {"\u064E\u0645", "x", "\u0651y"};
	f = fx_new(40, ar, 3);
	edit_type(f.e, "\u0628", 2);
	assert_string_equal(L(&f, 0), "\u0628\u064E\u0645");
	assert_int_equal(f.e->cur.off, 4);
	edit_type(f.e, "\u0627", 2);	/* the next letter goes after the fatha */
	assert_string_equal(L(&f, 0), "\u0628\u064E\u0627\u0645");
	/* Joining a line that starts with a mark: the cursor past the mark. */
	edit_set_cursor(f.e, (struct edit_pos){1, 1}, 0);
	edit_delete(f.e);
	assert_string_equal(L(&f, 1), "x\u0651y");
	assert_int_equal(f.e->cur.off, 3);
	edit_undo(f.e);
	assert_string_equal(L(&f, 1), "x");
	assert_int_equal(f.e->cur.off, 1);
	edit_redo(f.e);
	assert_int_equal(f.e->cur.off, 3);
	fx_free(&f);
}

/* Found by fuzzing: an agenda item joined into the line above (its id a1
 * went into the undo history with it), a new item analysed while it was
 * gone got a1 too, and undo brought back a second a1. */
static void test_undo_never_duplicates_an_id(void **state)
{
	(void)state;
	const char *lines[] = {"## Agenda", "Items:", "1. Budget", ""};
	struct fx f = fx_new(40, lines, 4);
	txt_analyse(f.d);
	assert_string_equal(doc_attr_of(f.d, 2)->id, "a1");
	edit_set_cursor(f.e, (struct edit_pos){2, 0}, 0);
	edit_backspace(f.e);	/* "Items:1. Budget": no item now */
	edit_set_cursor(f.e, (struct edit_pos){2, 0}, 0);
	edit_type(f.e, "1", 1);
	edit_type(f.e, ".", 1);
	edit_type(f.e, " ", 1);
	edit_type(f.e, "x", 1);
	txt_analyse(f.d);	/* typing paused */
	assert_int_equal(f.d->nagenda, 1);
	assert_string_equal(doc_attr_of(f.d, f.d->agenda[0].line)->id, "a2");
	while (edit_undo(f.e) == 0)
		;
	assert_string_equal(L(&f, 2), "1. Budget");
	assert_string_equal(doc_attr_of(f.d, 2)->id, "a1");
	txt_analyse(f.d);
	assert_int_equal(f.d->nagenda, 1);
	assert_string_equal(doc_attr_of(f.d, 2)->id, "a1");
	while (edit_redo(f.e) == 0)
		;
	txt_analyse(f.d);
	assert_int_equal(f.d->nagenda, 1);
	assert_string_equal(doc_attr_of(f.d, f.d->agenda[0].line)->id, "a2");
	fx_free(&f);
}

static void test_saved_point_and_invalid_bytes(void **state)
{
	(void)state;
	const char *lines[] = {"a\xff\xfe" "b"};
	struct fx f = fx_new(60, lines, 1);
	edit_move(f.e, EDIT_RIGHT, 0);
	edit_move(f.e, EDIT_RIGHT, 0);
	assert_int_equal(f.e->cur.off, 2);	/* an invalid byte is one step */
	edit_backspace(f.e);
	assert_memory_equal(L(&f, 0), "a\xfe" "b", 3);
	edit_mark_saved(f.e);
	f.d->modified = 0;
	edit_delete(f.e);
	assert_string_equal(L(&f, 0), "ab");
	assert_true(f.d->modified);
	edit_undo(f.e);
	assert_false(f.d->modified);	/* back at the saved text */
	edit_undo(f.e);
	assert_true(f.d->modified);
	fx_free(&f);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Enter at the end of a long document (whose last line has no terminator)
 * and pastes take the document's usual terminator without counting the
 * terminators of every line each time: 2,000 of them on a 200,000-line
 * document take a moment, not seconds (counting took 1-2 s here). */
static void test_new_lines_do_not_recount_terminators(void **state)
{
	(void)state;
	struct fx f = fx_new(40, NULL, 0);
	for (size_t i = 0; i < 200000; i++)
		doc_line_insert(f.d, i, "line", 4, i % 3 ? DOC_EOL_CRLF : DOC_EOL_LF);
	doc_line_set_eol(f.d, f.d->nlines - 1, DOC_EOL_NONE);
	edit_move(f.e, EDIT_DOC_END, 0);
	double t0 = now_s();
	for (int i = 0; i < 1000; i++) {
		edit_newline(f.e);
		edit_insert_text(f.e, "a\nb", 3);
	}
	double dt = now_s() - t0;
	assert_int_equal(f.d->lines[f.d->nlines - 2].eol, DOC_EOL_CRLF);
	assert_int_equal(f.d->lines[f.d->nlines - 3].eol, DOC_EOL_CRLF);
	if (dt > 0.3)
		fail_msg("2,000 new lines took %.2f s", dt);
	fx_free(&f);
}

/* NUL bytes never enter the document (a file holding one is refused as
 * binary when opened): a paste or typed text keeps everything else. */
static void test_nul_bytes_are_left_out(void **state)
{
	(void)state;
	const char *lines[] = {""};
	struct fx f = fx_new(40, lines, 1);
	assert_int_equal(edit_insert_text(f.e, "ab\0cd\n\0\0ef", 10), 3);
	assert_int_equal(f.d->nlines, 2);
	assert_int_equal(f.d->lines[0].len, 4);
	assert_string_equal(L(&f, 0), "abcd");
	assert_string_equal(L(&f, 1), "ef");
	edit_type(f.e, "x\0y", 3);
	assert_int_equal(f.d->lines[1].len, 4);
	assert_string_equal(L(&f, 1), "efxy");
	assert_int_equal(edit_insert_text(f.e, "\0", 1), 1);
	assert_string_equal(L(&f, 1), "efxy");
	fx_free(&f);
}

/* Backspace right after a zero-width non-joiner (the Persian half-space),
 * a zero-width joiner or a variation selector removes just that code
 * point, as after a combining mark: the letter before it stays. */
static void test_backspace_removes_just_the_joiner(void **state)
{
	(void)state;
	/* "نمی" ZWNJ "خواهم": the cursor after the ZWNJ (3 letters of 2 bytes). */
	const char *lines[] = {"\u0646\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
			       "\u0628\u200d", "\u2764\ufe0f", "\u0645\u06cc\u200c"};
	struct fx f = fx_new(40, lines, 4);
	edit_set_cursor(f.e, (struct edit_pos){0, 9}, 0);
	assert_int_equal(f.e->cur.off, 9);	/* a grapheme boundary */
	edit_backspace(f.e);
	assert_string_equal(L(&f, 0), "\u0646\u0645\u06cc\u062e\u0648\u0627\u0647\u0645");
	assert_int_equal(f.e->cur.off, 6);
	edit_set_cursor(f.e, (struct edit_pos){1, 5}, 0);
	edit_backspace(f.e);
	assert_string_equal(L(&f, 1), "\u0628");
	edit_set_cursor(f.e, (struct edit_pos){2, 6}, 0);
	edit_backspace(f.e);
	assert_string_equal(L(&f, 2), "\u2764");
	/* Typed: "می" then the half-space, then Backspace fixes it. */
	edit_set_cursor(f.e, (struct edit_pos){3, 7}, 0);
	edit_backspace(f.e);
	assert_string_equal(L(&f, 3), "\u0645\u06cc");
	edit_backspace(f.e);
	assert_string_equal(L(&f, 3), "\u0645");
	fx_free(&f);
}

/* How many lines carry the id. */
static int count_id(const struct doc *d, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < d->nlines; i++)
		n += doc_attr_of(d, i) != NULL && doc_attr_of(d, i)->id != NULL &&
		     strcmp(doc_attr_of(d, i)->id, id) == 0;
	return n;
}

/* Moving an action item with cut and paste keeps its id and status: a
 * whole-line cut takes the lines' sidecar data into the clipboard and the
 * first paste gives it back.  A copy, a second paste, or a paste while the
 * item is back in the document (cut undone) gives none, so no id is ever
 * on two lines. */
static void test_cut_paste_moves_item_data(void **state)
{
	(void)state;
	const char *lines[] = {"- first", "- second", "- third"};
	struct fx f = fx_new(40, lines, 3);
	struct doc_attr *a = doc_line_attr(f.d, 0);
	a->id = strdup("r1");
	a->status = DOC_ST_DONE;
	a->from = strdup("m-2024-01");
	doc_line_attr(f.d, 1)->id = strdup("r2");
	edit_set_cursor(f.e, (struct edit_pos){0, 0}, 0);
	edit_move(f.e, EDIT_DOWN, 1);
	assert_int_equal(edit_cut(f.e), 0);
	assert_string_equal(L(&f, 0), "- second");
	assert_int_equal(count_id(f.d, "r1"), 0);
	edit_move(f.e, EDIT_DOWN, 0);	/* start of "- third" */
	assert_int_equal(edit_paste(f.e), 0);
	assert_string_equal(L(&f, 1), "- first");
	assert_int_equal(doc_find_id(f.d, "r1"), 1);
	assert_int_equal(doc_attr_of(f.d, 1)->status, DOC_ST_DONE);
	assert_string_equal(doc_attr_of(f.d, 1)->from, "m-2024-01");
	/* A second paste of the same clip: the text only. */
	assert_int_equal(edit_paste(f.e), 0);
	assert_string_equal(L(&f, 2), "- first");
	assert_int_equal(count_id(f.d, "r1"), 1);
	assert_int_equal(doc_find_id(f.d, "r1"), 1);
	/* Undoing both pastes and the cut puts r1 back where it was, once. */
	edit_undo(f.e);
	edit_undo(f.e);
	edit_undo(f.e);
	assert_string_equal(L(&f, 0), "- first");
	assert_int_equal(doc_find_id(f.d, "r1"), 0);
	assert_int_equal(count_id(f.d, "r1"), 1);
	/* Redo: the pasted line gets r1 again. */
	edit_redo(f.e);
	edit_redo(f.e);
	assert_int_equal(doc_find_id(f.d, "r1"), 1);
	assert_int_equal(count_id(f.d, "r1"), 1);
	edit_undo(f.e);
	edit_undo(f.e);

	/* A copy never carries the data. */
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_move(f.e, EDIT_DOWN, 1);
	assert_int_equal(edit_copy(f.e), 0);
	edit_move(f.e, EDIT_DOC_START, 0);
	edit_paste(f.e);
	assert_string_equal(L(&f, 0), "- second");
	assert_int_equal(count_id(f.d, "r2"), 1);
	assert_int_equal(doc_find_id(f.d, "r2"), 2);
	edit_undo(f.e);

	/* Cut, undo the cut, paste: r2 is in the document again, so the
	 * pasted copy gets none. */
	edit_set_cursor(f.e, (struct edit_pos){1, 0}, 0);
	edit_move(f.e, EDIT_DOWN, 1);
	edit_cut(f.e);
	edit_undo(f.e);
	assert_int_equal(doc_find_id(f.d, "r2"), 1);
	edit_move(f.e, EDIT_DOC_START, 0);
	edit_paste(f.e);
	assert_int_equal(count_id(f.d, "r2"), 1);
	assert_int_equal(doc_find_id(f.d, "r2"), 2);
	fx_free(&f);
}

/* edit_replace_range: one undo step, line breaks allowed; a group of
 * them is one step too. */
static void test_replace_range_and_groups(void **state)
{
	(void)state;
	const char *lines[] = {"alpha beta", "gamma"};
	struct fx f = fx_new(40, lines, 2);
	edit_replace_range(f.e, (struct edit_pos){0, 6}, (struct edit_pos){1, 1}, "B\nG", 3);
	assert_string_equal(L(&f, 0), "alpha B");
	assert_string_equal(L(&f, 1), "Gamma");
	assert_int_equal(f.e->cur.line, 1);
	assert_int_equal(f.e->cur.off, 1);
	edit_group_begin(f.e);
	edit_replace_range(f.e, (struct edit_pos){0, 0}, (struct edit_pos){0, 1}, "A", 1);
	edit_replace_range(f.e, (struct edit_pos){1, 4}, (struct edit_pos){1, 5}, "A", 1);
	edit_group_end(f.e);
	assert_string_equal(L(&f, 0), "Alpha B");
	assert_string_equal(L(&f, 1), "GammA");
	assert_int_equal(edit_undo(f.e), 0);
	assert_string_equal(L(&f, 0), "alpha B");
	assert_string_equal(L(&f, 1), "Gamma");
	assert_int_equal(edit_undo(f.e), 0);
	assert_string_equal(L(&f, 0), "alpha beta");
	assert_string_equal(L(&f, 1), "gamma");
	assert_false(f.d->modified);
	fx_free(&f);
}

/* An item's status is an undo step; "modified" is against the saved state. */
static void test_status_is_undoable(void **state)
{
	(void)state;
	const char *lines[] = {"- task — owner: Ann"};
	struct fx f = fx_new(40, lines, 1);
	unsigned long gen = f.d->gen;
	assert_int_equal(edit_set_status(f.e, 0, DOC_ST_DONE), 0);
	assert_int_equal(edit_set_status(f.e, 0, DOC_ST_DONE), -1);	/* no change, no step */
	assert_int_equal(doc_attr_of(f.d, 0)->status, DOC_ST_DONE);
	assert_true(f.d->modified);
	assert_true(f.d->gen != gen);	/* the recovery copy will be written */
	edit_mark_saved(f.e);
	f.d->modified = 0;
	assert_int_equal(edit_undo(f.e), 0);
	assert_int_equal(doc_attr_of(f.d, 0) == NULL ? DOC_ST_OPEN : doc_attr_of(f.d, 0)->status, DOC_ST_OPEN);
	assert_true(f.d->modified);	/* the saved state had it done */
	assert_int_equal(edit_redo(f.e), 0);
	assert_false(f.d->modified);
	assert_int_equal(doc_attr_of(f.d, 0)->status, DOC_ST_DONE);
	fx_free(&f);
	/* A document restored from a recovery copy differs from the file:
	 * undoing every edit made since does not make it "saved". */
	struct doc *d = doc_new();
	doc_line_insert(d, 0, "restored", 8, DOC_EOL_NONE);
	assert_true(d->modified);
	struct edit *e = edit_new(d, NULL, NULL);
	edit_type(e, "x", 1);
	edit_undo(e);
	assert_true(d->modified);
	edit_free(e);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_doc_gets_a_line),
		cmocka_unit_test(test_typing_run_is_one_step),
		cmocka_unit_test(test_line_direction),
		cmocka_unit_test(test_backspace_removes_just_the_mark),
		cmocka_unit_test(test_newline_keeps_line_endings),
		cmocka_unit_test(test_join_and_undo_keep_item_ids),
		cmocka_unit_test(test_visual_arrows_mixed_lines),
		cmocka_unit_test(test_logical_arrows_follow_reading_order),
		cmocka_unit_test(test_up_down_keep_screen_column),
		cmocka_unit_test(test_word_motion_on_screen),
		cmocka_unit_test(test_selection_clipboard),
		cmocka_unit_test(test_paste_is_one_step),
		cmocka_unit_test(test_saved_point_and_invalid_bytes),
		cmocka_unit_test(test_typing_before_a_lone_mark),
		cmocka_unit_test(test_undo_never_duplicates_an_id),
		cmocka_unit_test(test_new_lines_do_not_recount_terminators),
		cmocka_unit_test(test_nul_bytes_are_left_out),
		cmocka_unit_test(test_backspace_removes_just_the_joiner),
		cmocka_unit_test(test_cut_paste_moves_item_data),
		cmocka_unit_test(test_replace_range_and_groups),
		cmocka_unit_test(test_status_is_undoable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
