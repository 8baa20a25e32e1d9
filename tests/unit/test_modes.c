/* modes: the editor driven without a terminal — a fake ui that hands
 * made-up events to editor_event(), the entry point the real loop uses,
 * and reads the grid editor_frame() builds: save-as, the quit question,
 * the search prompt (incremental, n of m, wrap, Esc, exact), replace-all
 * as one undo step, an action item's status, and a search in a
 * 200,000-line document that never holds up typing. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "testfs.h"
#include "testgrid.h"

#include <time.h>

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/search.h"
#include "mahdar/ui.h"
#include "mahdar/view.h"

#include "testfake.h"

/* ---- save as ---- */

static void test_save_as(void **state)
{
	struct fake f;
	fake_open(&f, state, "a.txt", "hello\n");
	fake_type(&f, "X");
	fake_key(&f, "F2");
	fake_expect(&f, "Save as");
	/* The current name is offered selected: typing replaces it at once. */
	char *old = tf_path(state, "a.txt");
	fake_expect(&f, old);
	char *sel = fake_cells_with(&f, f.g->rows - 1, VIEW_A_SELECT);
	assert_non_null(strstr(sel, "a.txt"));
	free(sel);
	free(old);
	char *path = tf_path(state, "b.txt");
	fake_type(&f, path);
	fake_key(&f, "Enter");
	fake_expect(&f, "Saved");
	size_t len;
	char *got = tu_slurp(path, &len);
	assert_string_equal(got, "Xhello\n");
	free(got);
	assert_string_equal(buffer_path(editor_buffer(f.ed)), path);
	assert_false(buffer_modified(editor_buffer(f.ed)));
	/* Up in the next save-as brings the name typed last; one Backspace
	 * clears the offered name, a motion keeps it to edit. */
	fake_key(&f, "F2");
	fake_key(&f, "Backspace");
	char *prompt = fake_row(&f, f.g->rows - 1);
	assert_non_null(strstr(prompt, "Save as"));
	assert_null(strstr(prompt, "b.txt"));
	free(prompt);
	fake_key(&f, "Up");
	fake_expect(&f, "b.txt");
	/* On a narrow screen the shorter label leaves room for the name. */
	fake_expect(&f, "Save as (Enter: save  Esc: cancel): ");
	editor_resize(f.ed, 12, 40);
	fake_frame(&f);
	assert_false(fake_shows(&f, "Esc: cancel"));
	fake_expect(&f, "Save as: ");
	fake_key(&f, "Esc");
	fake_expect(&f, "Not saved");
	editor_resize(f.ed, 12, 70);
	fake_key(&f, "F2");
	fake_key(&f, "End");
	fake_type(&f, ".bak");
	fake_expect(&f, "b.txt.bak");
	fake_key(&f, "Esc");
	free(path);
	fake_close(&f);
}

/* ---- the quit question ---- */

static void test_quit_question(void **state)
{
	struct fake f;
	int status;
	fake_open(&f, state, "q.txt", "# محضر\nنص\n");
	fake_type(&f, "!");
	fake_key(&f, "C-q");
	fake_expect(&f, "Unsaved changes");
	assert_false(editor_done(f.ed, &status));
	/* A letter that answers nothing: back to the text, the text intact. */
	fake_type(&f, "x");
	fake_expect(&f, "Not quitting");
	assert_false(editor_done(f.ed, &status));
	/* ل (no, on an Arabic keyboard): quit without saving. */
	fake_key(&f, "C-q");
	fake_type(&f, "\u0644");
	assert_true(editor_done(f.ed, &status));
	assert_int_equal(status, 0);
	char *p = tf_path(state, "q.txt");
	char *got = tu_slurp(p, NULL);
	assert_string_equal(got, "# محضر\nنص\n");
	free(got);
	free(p);
	fake_close(&f);
	/* غ (the y key on an Arabic keyboard): save, then quit. */
	fake_open(&f, state, "q.txt", NULL);
	fake_type(&f, "!");
	fake_key(&f, "C-q");
	fake_type(&f, "\u063a");
	assert_true(editor_done(f.ed, &status));
	p = tf_path(state, "q.txt");
	got = tu_slurp(p, NULL);
	assert_string_equal(got, "!# محضر\nنص\n");
	free(got);
	free(p);
	fake_close(&f);
}

/* ---- search ---- */

static void test_search_prompt(void **state)
{
	struct fake f;
	fake_open(&f, state, "s.txt",
		  "# الاجتماع\n"
		  "قال المسئول عن الاجتماعَ كلمته\n"
		  "report: الإجتماع 2024 ok\n"
		  "nothing\n");
	edit_move(editor_edit(f.ed), EDIT_DOWN, 0);	/* start on line 2 */
	fake_frame(&f);
	struct edit_pos start = *fake_cur(&f);
	fake_key(&f, "C-f");
	fake_expect(&f, "Search");
	fake_type(&f, "الاجتماع");
	/* From the cursor on: the match on line 2 is current (1-based
	 * number 2 of 3), the other visible ones are marked. */
	fake_expect(&f, "2 of 3");
	assert_int_equal(fake_cur(&f)->line, 1);
	char *cur = fake_cells_with(&f, 1, VIEW_A_CURRENT);
	char *all0 = fake_cells_with(&f, 0, VIEW_A_MATCH);
	char *all2 = fake_cells_with(&f, 2, VIEW_A_MATCH);
	/* On screen the RTL word is drawn right to left: its cells in
	 * screen order are the letters reversed, the haraka on its letter. */
	assert_string_equal(cur, "عَامتجالا");
	assert_string_equal(all0, "عامتجالا");
	assert_string_equal(all2, "عامتجإلا");
	free(cur), free(all0), free(all2);
	fake_key(&f, "Enter");
	fake_expect(&f, "3 of 3");
	assert_int_equal(fake_cur(&f)->line, 2);
	fake_key(&f, "Enter");
	fake_expect(&f, "1 of 3, wrapped to the top");
	assert_int_equal(fake_cur(&f)->line, 0);
	fake_key(&f, "M-p");
	fake_expect(&f, "3 of 3, wrapped to the bottom");
	/* Exact: the folded forms are no longer the same word. */
	fake_key(&f, "M-e");
	fake_expect(&f, "Search, exact");
	fake_expect(&f, "1 of 1");
	assert_int_equal(fake_cur(&f)->line, 0);
	/* A match across an RTL word and the digits after it: exactly its
	 * cells are marked, in the order bidi puts them on screen. */
	fake_key(&f, "M-e");
	for (int i = 0; i < 20; i++)
		fake_key(&f, "Backspace");
	fake_type(&f, "الاجتماع ٢٠٢٤");
	fake_expect(&f, "1 of 1");
	cur = fake_cells_with(&f, 2, VIEW_A_CURRENT);
	assert_string_equal(cur, "2024 عامتجإلا");
	free(cur);
	/* Esc: back where the search started. */
	fake_key(&f, "Esc");
	assert_int_equal(fake_cur(&f)->line, start.line);
	assert_int_equal(fake_cur(&f)->off, start.off);
	assert_false(fake_shows(&f, "Search"));
	/* Ctrl-F, then Ctrl-F again on the empty term: the last term. */
	fake_key(&f, "C-f");
	fake_key(&f, "C-f");
	fake_expect(&f, "1 of 1");
	/* M-Enter leaves the cursor on the match; so does a key the search
	 * does not bind, which then does its job in the text. */
	fake_key(&f, "M-Enter");
	assert_false(fake_shows(&f, "Search"));
	assert_int_equal(fake_cur(&f)->line, 2);
	fake_key(&f, "C-f");
	fake_type(&f, "nothing");
	fake_expect(&f, "1 of 1");
	fake_key(&f, "PageDown");
	assert_false(fake_shows(&f, "Search"));
	assert_int_equal(fake_cur(&f)->line, 3);
	assert_int_equal(fake_cur(&f)->off, 7);
	fake_close(&f);
}

static void test_replace_all_one_undo(void **state)
{
	const char *text = "المسؤول: كريم\nالمسئول الثاني والمسؤول الثالث\nno match here\r\nend";
	struct fake f;
	fake_open(&f, state, "r.txt", text);
	fake_key(&f, "C-r");
	fake_type(&f, "مسؤول");
	fake_key(&f, "Enter");
	fake_expect(&f, "Replace with");
	fake_type(&f, "مدير");
	fake_key(&f, "Enter");
	fake_expect(&f, "Replace");
	/* y on the first, then ش (the a key on an Arabic keyboard): all. */
	fake_type(&f, "y");
	fake_type(&f, "\u0634");
	fake_expect(&f, "Replaced 3 matches");
	struct doc *d = buffer_doc(editor_buffer(f.ed));
	assert_string_equal(doc_line_text(d, 0), "المدير: كريم");
	assert_string_equal(doc_line_text(d, 1), "المدير الثاني والمدير الثالث");
	/* "a" was one undo step: one undo takes back the two, one more the first. */
	fake_key(&f, "C-z");
	assert_string_equal(doc_line_text(d, 0), "المدير: كريم");
	assert_string_equal(doc_line_text(d, 1), "المسئول الثاني والمسؤول الثالث");
	fake_key(&f, "C-z");
	fake_key(&f, "C-s");
	char *p = tf_path(state, "r.txt");
	size_t len;
	char *got = tu_slurp(p, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(got, text, len);
	free(got);
	free(p);
	fake_close(&f);
}

static void test_item_status_undo(void **state)
{
	struct fake f;
	fake_open(&f, state, "i.txt",
		  "# Board\nDate: 2025-01-01\n\n## Recommendations\n- Fix the roof — owner: Ann\n");
	struct edit *e = editor_edit(f.ed);
	edit_move(e, EDIT_DOC_END, 0);
	fake_key(&f, "F6");
	fake_expect(&f, "is now done");
	struct doc *d = buffer_doc(editor_buffer(f.ed));
	assert_int_equal(doc_attr_of(d, 4)->status, DOC_ST_DONE);
	assert_true(buffer_modified(editor_buffer(f.ed)));
	fake_expect(&f, "[+]");
	/* Undo gives the status back, and the document is as saved again. */
	fake_key(&f, "C-z");
	assert_int_equal(doc_attr_of(d, 4)->status, DOC_ST_OPEN);
	assert_false(buffer_modified(editor_buffer(f.ed)));
	fake_key(&f, "C-y");
	fake_key(&f, "C-s");
	char *p = tf_path(state, "i.json");
	char *json = tu_slurp(p, NULL);
	assert_non_null(strstr(json, "\"done\""));
	free(json);
	free(p);
	/* Not on an item: said so, nothing changed. */
	edit_move(e, EDIT_DOC_START, 0);
	fake_key(&f, "F6");
	fake_expect(&f, "not on a recommendation");
	assert_false(buffer_modified(editor_buffer(f.ed)));
	fake_close(&f);
}

/* --read-only: what is typed, pasted or replaced does not reach the text,
 * and nothing is saved; searching works. */
static void test_read_only(void **state)
{
	struct fake f;
	memset(&f, 0, sizeof f);
	char *path = tf_path(state, "ro.txt");
	tf_put_file(path, "keep me\n", 8);
	snprintf(f.keys, sizeof f.keys, "%s/keymaps/default.keys", tu_srcdir());
	f.opts.keymap = f.keys;
	f.opts.readonly = 1;
	char *cause = NULL;
	f.ed = editor_new(&f.opts, &cause);
	assert_int_equal(editor_open(f.ed, path, &cause), 0);
	editor_resize(f.ed, 10, 60);
	fake_frame(&f);
	fake_expect(&f, "[read-only]");
	fake_type(&f, "x");
	fake_expect(&f, "is open read-only");
	fake_key(&f, "Enter");
	fake_key(&f, "C-r");
	fake_expect(&f, "is open read-only");
	fake_key(&f, "F6");
	fake_key(&f, "C-s");
	fake_expect(&f, "Not saved");
	assert_string_equal(doc_line_text(buffer_doc(editor_buffer(f.ed)), 0), "keep me");
	assert_false(buffer_modified(editor_buffer(f.ed)));
	fake_key(&f, "C-f");
	fake_type(&f, "me");
	fake_expect(&f, "1 of 1");
	int status;
	fake_key(&f, "Esc");
	fake_key(&f, "C-q");
	assert_true(editor_done(f.ed, &status));
	free(path);
	fake_close(&f);
}

/* An item's owner and due date: typed in a prompt, written into the line
 * as one undo step, added when the line has none. */
static void test_item_details(void **state)
{
	struct fake f;
	fake_open(&f, state, "o.txt",
		  "# محضر\nالتاريخ: 2025-01-01\n\n## التوصيات\n- إصلاح السقف — المسؤول: كريم، الموعد: 2025-02-01\n"
		  "- قرار بلا مسؤول\n");
	struct doc *d = buffer_doc(editor_buffer(f.ed));
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){4, 0}, 0);
	fake_key(&f, "F8");
	fake_expect(&f, "Owner");
	fake_expect(&f, "ميرك");	/* the owner now, to edit (drawn right to left) */
	for (int i = 0; i < 10; i++)
		fake_key(&f, "Backspace");
	fake_type(&f, "سارة يوسف");
	fake_key(&f, "Enter");
	assert_string_equal(doc_line_text(d, 4), "- إصلاح السقف — المسؤول: سارة يوسف، الموعد: 2025-02-01");
	fake_key(&f, "F9");
	for (int i = 0; i < 20; i++)
		fake_key(&f, "Backspace");
	fake_type(&f, "2025-03-15");
	fake_key(&f, "Enter");
	assert_string_equal(doc_line_text(d, 4), "- إصلاح السقف — المسؤول: سارة يوسف، الموعد: 2025-03-15");
	fake_key(&f, "C-z");
	fake_key(&f, "C-z");
	assert_string_equal(doc_line_text(d, 4), "- إصلاح السقف — المسؤول: كريم، الموعد: 2025-02-01");
	assert_false(buffer_modified(editor_buffer(f.ed)));
	/* A decision gets an owner (and so becomes an action), in its language. */
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){5, 0}, 0);
	fake_key(&f, "F8");
	fake_type(&f, "ليلى");
	fake_key(&f, "Enter");
	assert_string_equal(doc_line_text(d, 5), "- قرار بلا مسؤول — المسؤول: ليلى");
	fake_key(&f, "F9");
	fake_type(&f, "2025-04-01");
	fake_key(&f, "Enter");
	assert_string_equal(doc_line_text(d, 5), "- قرار بلا مسؤول — المسؤول: ليلى، الموعد: 2025-04-01");
	/* Esc leaves it as it was. */
	fake_key(&f, "F8");
	fake_key(&f, "Esc");
	fake_expect(&f, "Not changed");
	assert_string_equal(doc_line_text(d, 5), "- قرار بلا مسؤول — المسؤول: ليلى، الموعد: 2025-04-01");
	fake_close(&f);
}

static double fake_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* 200,000 lines, the term only on the last: no frame waits for the whole
 * document — each takes a fraction of one synchronous search of it. */
static void test_search_does_not_block(void **state)
{
	size_t n = 200000;
	char *text = malloc(n * 128 + 128), *p = text;
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "سطر رقم %zu من محضر طويل جدا فيه كلام كثير\n", i);
	p += sprintf(p, "الكلمة النادرة هنا\n");
	struct fake f;
	fake_open(&f, state, "big.txt", text);
	free(text);
	struct doc *d = buffer_doc(editor_buffer(f.ed));
	/* The time one search of the whole document takes. */
	struct search *s = search_new("النادرة", strlen("النادرة"), 0);
	struct search_scan sc;
	size_t l, a, b;
	double t0 = fake_ms();
	search_scan_start(&sc, 0, 0, 1);
	assert_int_equal(search_scan_step(s, d, &sc, (size_t)-1, &l, &a, &b), 1);
	double whole = fake_ms() - t0;
	search_free(s);
	assert_int_equal(l, n);
	fake_key(&f, "C-f");
	double worst = 0;
	const char *term[] = {"ا", "ل", "ن", "ا", "د", "ر", "ة"};
	for (size_t i = 0; i < 7; i++) {
		t0 = fake_ms();
		fake_type(&f, term[i]);
		double t = fake_ms() - t0;
		worst = t > worst ? t : worst;
	}
	int frames = 0;
	while (fake_cur(&f)->line != n && frames < 100000) {
		t0 = fake_ms();
		fake_frame(&f);
		double t = fake_ms() - t0;
		worst = t > worst ? t : worst;
		frames++;
	}
	assert_int_equal(fake_cur(&f)->line, n);
	if (getenv("MAHDAR_TEST_VERBOSE") != NULL)
		fprintf(stderr, "worst frame %.1f ms, whole search %.1f ms, %d frames\n", worst, whole, frames);
	if (frames < 2 || worst > whole / 2)
		fail_msg("a frame took %.1f ms, the whole search %.1f ms (%d frames)", worst, whole, frames);
	fake_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_as, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_quit_question, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_search_prompt, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_replace_all_one_undo, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_item_status_undo, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_read_only, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_item_details, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_search_does_not_block, tf_setup_dir, tf_teardown_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
