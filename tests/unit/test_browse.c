/* browse: the archive browser and minutes open to read, driven through the
 * fake ui (testfake.h) — the rows in meeting-date order across calendars,
 * an RTL title laid out in its column, the script-aware filter, Enter
 * opening read-only and Ctrl-Q coming back to the same row, the search and
 * actions lists, final minutes read-only and the forced edit recording an
 * amendment in the sidecar. */
#define _POSIX_C_SOURCE 200809L
#include "testfake.h"

#include <sys/stat.h>

#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/review.h"
#include "mahdar/store.h"
#include "mahdar/util.h"

/* Four meetings in four calendars, in an order neither of the names nor of
 * the written years. */
static void put_folder(void **state)
{
	char *dir = tf_path(state, "arch");
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	tf_put(state, "arch/a-fa.txt", "# جلسه شورا\nتاریخ: ۱۵ مهر ۱۴۰۳\n\n## تصمیمات\n- کار — مسئول: علی\n");
	tf_put(state, "arch/b-he.txt", "# ישיבת ועד\nתאריך: ט״ו בניסן תשפ״ד\n");
	tf_put(state, "arch/c-ar.txt", "# محضر اجتماع الجمعية\nالتاريخ: ١٥ رمضان ١٤٤٥ هـ\n\n١٢٣٤٥\n\n## التوصيات\n"
				    "- طلب التمويل — المسؤول: كريم منصور، الموعد: 2024-04-01\n");
	tf_put(state, "arch/d-en.txt", "# Library meeting\nDate: 2 January 2025\n\n## Recommendations\n"
				    "- Order shelves — owner: Ann, due: 2025-02-01\n- Paint — owner: Bob, due: 2025-01-15\n");
}

/* Open the browser on the folder "arch" (with its own archive cache). */
static void open_browser(struct fake *f, void **state)
{
	char *cache = tf_path(state, "cache");
	setenv("XDG_CACHE_HOME", cache, 1);
	free(cache);
	put_folder(state);
	fake_open(f, state, "arch", NULL);
	editor_resize(f->ed, 14, 100);
	fake_frame(f);
}

/* The screen row showing text, or -1. */
static int row_of(const struct fake *f, const char *text)
{
	for (int r = 0; r < f->g->rows; r++) {
		char *row = fake_row(f, r);
		int hit = strstr(row, text) != NULL;
		free(row);
		if (hit)
			return r;
	}
	return -1;
}

/* The selected row's text (the cells drawn selected). */
static char *selected(const struct fake *f)
{
	for (int r = 0; r < f->g->rows; r++) {
		char *s = fake_cells_with(f, r, VIEW_A_SELECT);
		if (s[0] != '\0')
			return s;
		free(s);
	}
	return calloc(1, 1);
}

static void test_browse_order_and_rtl_title(void **state)
{
	struct fake f;
	open_browser(&f, state);
	/* 2024-03-25 (Hijri), 2024-04-23 (Hebrew), 2024-10-06 (Solar Hijri), 2025-01-02. */
	int r1 = row_of(&f, "2024-03-25"), r2 = row_of(&f, "2024-04-23"), r3 = row_of(&f, "2024-10-06"),
	    r4 = row_of(&f, "2025-01-02");
	assert_true(r1 >= 1 && r1 < r2 && r2 < r3 && r3 < r4);
	/* The Arabic title reads right to left in its own column, right-aligned
	 * against the language column; the dates around it are not reordered. */
	char *row = fake_row(&f, r1);
	assert_non_null(strstr(row, "ةيعمجلا عامتجا رضحم  ar"));
	assert_non_null(strstr(row, "2024-03-25"));
	assert_non_null(strstr(row, "ـه ١٤٤٥ ناضمر ١٥"));
	free(row);
	row = fake_row(&f, r4);
	assert_non_null(strstr(row, "2 January 2025"));
	assert_non_null(strstr(row, "Library meeting"));
	free(row);
	fake_expect(&f, "4 minutes");
	fake_close(&f);
	/* A title with terminal escapes and an override (a received file):
	 * shown as symbols, the override left out, the row still one row. */
	tf_put(state, "arch/e-en.txt", "# \x1b[2Jevil \xE2\x80\xAEtitle\nDate: 2025-03-01\n");
	fake_open(&f, state, "arch", NULL);
	editor_resize(f.ed, 14, 100);
	fake_frame(&f);
	int r5 = row_of(&f, "2025-03-01");
	assert_int_equal(r5, 5);
	row = fake_row(&f, r5);
	assert_non_null(strstr(row, "evil title"));
	assert_null(strchr(row, '\x1b'));
	free(row);
	fake_expect(&f, "5 minutes");
	/* Narrower: the title column gives way, a title too long for it is
	 * cut with "…", and every row still takes one screen row. */
	editor_resize(f.ed, 14, 60);
	fake_frame(&f);
	assert_int_equal(row_of(&f, "2024-03-25"), 1);
	assert_int_equal(row_of(&f, "2025-01-02"), 4);
	assert_int_equal(row_of(&f, "2025-03-01"), 5);
	row = fake_row(&f, 1);
	assert_non_null(strstr(row, "…"));
	assert_null(strstr(row, "ةيعمجلا عامتجا رضحم"));
	free(row);
	fake_close(&f);
}

static void test_browse_filter_open_back(void **state)
{
	struct fake f;
	open_browser(&f, state);
	/* Script-aware: teh marbuta typed as heh, no alef-lam. */
	fake_type(&f, "جمعيه");
	fake_expect(&f, "1 of 4");
	assert_int_equal(row_of(&f, "Library meeting"), -1);
	char *sel = selected(&f);
	assert_non_null(strstr(sel, "2024-03-25"));
	free(sel);
	fake_key(&f, "Enter");
	struct buffer *b = editor_buffer(f.ed);
	assert_non_null(strstr(buffer_path(b), "c-ar.txt"));
	assert_true(buffer_readonly(b));
	fake_expect(&f, "read-only");
	/* Typing changes nothing, and says how to edit. */
	fake_type(&f, "x");
	assert_false(buffer_modified(editor_buffer(f.ed)));
	fake_expect(&f, "M-e edits it");
	/* The line with no strong letter follows the Arabic document's
	 * direction (right-aligned), not the list's. */
	int r = row_of(&f, "١٢٣٤٥");
	assert_true(r >= 0);
	char *line = fake_row(&f, r);
	size_t n = strlen(line);
	assert_true(n >= strlen("١٢٣٤٥") && strcmp(line + n - strlen("١٢٣٤٥"), "١٢٣٤٥") == 0);
	free(line);
	assert_true(row_of(&f, "١٢٣٤٥") >= 0);
	/* Back: the list, filtered as it was, the same row selected. */
	fake_key(&f, "C-q");
	fake_expect(&f, "1 of 4");
	sel = selected(&f);
	assert_non_null(strstr(sel, "2024-03-25"));
	free(sel);
	/* Esc clears the filter and keeps the row. */
	fake_key(&f, "Esc");
	fake_expect(&f, "4 of 4");
	sel = selected(&f);
	assert_non_null(strstr(sel, "2024-03-25"));
	free(sel);
	fake_key(&f, "Down");
	fake_key(&f, "Down");
	sel = selected(&f);
	assert_non_null(strstr(sel, "2024-10-06"));
	free(sel);
	/* Open for editing at once: edits are taken. */
	fake_key(&f, "M-e");
	assert_false(buffer_readonly(editor_buffer(f.ed)));
	fake_type(&f, "x");
	assert_true(buffer_modified(editor_buffer(f.ed)));
	/* Back with unsaved changes asks; n goes back without saving. */
	fake_key(&f, "C-q");
	fake_expect(&f, "Unsaved changes");
	fake_type(&f, "n");
	fake_expect(&f, "4 of 4");
	char *p = tf_path(state, "arch/a-fa.txt");
	size_t len;
	char *text = tu_slurp(p, &len);
	assert_int_equal(strncmp(text, "# جلسه", strlen("# جلسه")), 0);
	free(text);
	free(p);
	/* Ctrl-Q in the list quits. */
	fake_key(&f, "C-q");
	int st;
	assert_true(editor_done(f.ed, &st));
	fake_close(&f);
}

static void test_browse_search_and_actions(void **state)
{
	struct fake f;
	open_browser(&f, state);
	fake_key(&f, "C-f");
	fake_type(&f, "كريم");
	fake_key(&f, "Enter");
	fake_expect(&f, "1 line matches");
	fake_expect(&f, "c-ar.txt");
	fake_key(&f, "Enter");
	/* Opened at the line found. */
	assert_non_null(strstr(buffer_path(editor_buffer(f.ed)), "c-ar.txt"));
	assert_int_equal(fake_cur(&f)->line, 6);
	const char *l = doc_line_text(buffer_doc(editor_buffer(f.ed)), 6);
	assert_int_equal(fake_cur(&f)->off, (size_t)(strstr(l, "كريم") - l));
	fake_key(&f, "C-q");
	fake_expect(&f, "1 line matches");
	/* The actions of the folder, by due date. */
	fake_key(&f, "Esc");
	fake_key(&f, "M-a");
	fake_expect(&f, "4 actions");
	int a = row_of(&f, "2024-04-01"), b = row_of(&f, "2025-01-15"), c = row_of(&f, "2025-02-01");
	assert_true(a >= 1 && a < b && b < c);
	assert_true(row_of(&f, "یلع") > c);	/* علی, no due date: last */
	/* Overdue ones (all of these are past). */
	fake_key(&f, "M-d");
	fake_expect(&f, "3 overdue actions");
	fake_key(&f, "M-d");
	fake_expect(&f, "4 actions");
	/* Filtering by owner, script-aware. */
	fake_type(&f, "bob");
	fake_expect(&f, "1 of 4");
	fake_key(&f, "Enter");
	assert_non_null(strstr(buffer_path(editor_buffer(f.ed)), "d-en.txt"));
	assert_int_equal(fake_cur(&f)->line, 5);
	fake_close(&f);
}

/* Make name final, approved by Nadia. */
static void finalize(void **state, const char *name)
{
	char *p = tf_path(state, name);
	struct store_info info;
	char *cause = NULL;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(review_finalize(d, "2025-01-10", "Nadia", &cause), 0);
	assert_int_equal(store_save(d, &info, "2025-01-10T10:00:00+00:00", &cause), 0);
	doc_free(d);
	store_info_free(&info);
	free(p);
}

static void test_final_read_only_amend(void **state)
{
	tf_put(state, "f.txt", "# Meeting\nDate: 2025-01-02\n\n## Opening\nOpened at six.\n");
	finalize(state, "f.txt");
	struct fake f;
	fake_open(&f, state, "f.txt", NULL);
	editor_resize(f.ed, 12, 100);
	fake_frame(&f);
	fake_expect(&f, "is final (approved on 2025-01-10 by Nadia)");
	assert_true(buffer_readonly(editor_buffer(f.ed)));
	fake_type(&f, "x");
	assert_false(buffer_modified(editor_buffer(f.ed)));
	/* Esc at the question: still read-only, nothing recorded. */
	fake_key(&f, "M-e");
	fake_expect(&f, "Why change them");
	fake_key(&f, "Esc");
	assert_true(buffer_readonly(editor_buffer(f.ed)));
	char *side = tf_path(state, "f.json");
	size_t len;
	char *js = tu_slurp(side, &len);
	assert_null(strstr(js, "amendments"));
	free(js);
	/* With a reason: recorded in the sidecar at once, then editable. */
	fake_key(&f, "M-e");
	fake_type(&f, "the time of opening was wrong");
	fake_key(&f, "Enter");
	fake_expect(&f, "Your name");
	fake_type(&f, "Sara Yousef");
	fake_key(&f, "Enter");
	fake_expect(&f, "Amendment of");
	assert_false(buffer_readonly(editor_buffer(f.ed)));
	js = tu_slurp(side, &len);
	assert_non_null(strstr(js, "\"amendments\""));
	assert_non_null(strstr(js, "the time of opening was wrong"));
	assert_non_null(strstr(js, "\"by\": \"Sara Yousef\""));
	free(js);
	fake_type(&f, "x");
	assert_true(buffer_modified(editor_buffer(f.ed)));
	/* Without a list, Ctrl-Q is quit (which asks about the change). */
	fake_key(&f, "C-q");
	fake_expect(&f, "Unsaved changes");
	fake_type(&f, "y");
	int st;
	assert_true(editor_done(f.ed, &st));
	char *txt = tf_path(state, "f.txt");
	char *text = tu_slurp(txt, &len);
	assert_int_equal(text[0], 'x');
	free(text);
	free(txt);
	free(side);
	fake_close(&f);
}

static void test_final_from_browser(void **state)
{
	struct fake f;
	put_folder(state);
	finalize(state, "arch/d-en.txt");
	char *cache = tf_path(state, "cache");
	setenv("XDG_CACHE_HOME", cache, 1);
	free(cache);
	fake_open(&f, state, "arch", NULL);
	editor_resize(f.ed, 14, 100);
	fake_frame(&f);
	fake_key(&f, "C-End");
	fake_key(&f, "Enter");
	fake_expect(&f, "is final");
	assert_true(buffer_readonly(editor_buffer(f.ed)));
	fake_key(&f, "C-q");
	fake_expect(&f, "4 of 4");
	/* browse-edit on final minutes asks for the reason too. */
	fake_key(&f, "M-e");
	fake_expect(&f, "Why change them");
	fake_key(&f, "Esc");
	assert_true(buffer_readonly(editor_buffer(f.ed)));
	fake_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_browse_order_and_rtl_title, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_browse_filter_open_back, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_browse_search_and_actions, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_final_read_only_amend, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_final_from_browser, tf_setup_dir, tf_teardown_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
