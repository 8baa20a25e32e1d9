/* forms: drafting minutes in the editor, driven through the fake ui — a
 * new file from its language's template with the cursor in the first
 * field, Tab between header fields with "now"/"today" written as a time
 * and date, the structure note, Enter after an agenda item and
 * renumbering, the action item and decision forms (owner completed from
 * the attendance, due words, votes checked), the item status, the
 * attendance editor with its quorum, the outline and the section keys,
 * go to line, and the meeting clock with its stamps. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "testfs.h"
#include "testgrid.h"

#include "mahdar/buffer.h"
#include "mahdar/cmd.h"
#include "mahdar/keymap.h"
#include "mahdar/util.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/txt.h"
#include "mahdar/ui.h"
#include "mahdar/view.h"

#include "testfake.h"

#include <dirent.h>

/* fake_open_lang() on a taller, wider screen. */
static void forms_open(struct fake *f, void **state, const char *name, const char *text, int lang)
{
	fake_open_lang(f, state, name, text, lang);
	editor_resize(f->ed, 16, 90);
	fake_frame(f);
}

static struct doc *forms_doc(struct fake *f)
{
	struct doc *d = buffer_doc(editor_buffer(f->ed));
	if (d->stale)
		txt_analyse(d);
	return d;
}

/* The line of the document that starts with prefix, or -1. */
static long forms_line(struct fake *f, const char *prefix)
{
	struct doc *d = forms_doc(f);
	for (size_t i = 0; i < d->nlines; i++)
		if (strncmp(doc_line_text(d, i), prefix, strlen(prefix)) == 0)
			return (long)i;
	return -1;
}

static void test_template(void **state)
{
	struct fake f;
	forms_open(&f, state, "new.txt", NULL, DOC_LANG_AR);
	struct doc *d = forms_doc(&f);
	assert_true(d->nlines > 10);
	assert_string_equal(doc_line_text(d, 0), "# محضر الاجتماع");
	assert_false(buffer_modified(editor_buffer(f.ed)));
	/* The cursor is in the first empty field (the time), after its space. */
	assert_int_equal(fake_cur(&f)->line, 2);
	assert_string_equal(doc_line_text(d, 2), "الوقت: ");
	assert_int_equal(fake_cur(&f)->off, d->lines[2].len);
	/* "الآن" (now) becomes the time when Tab leaves the field, and the
	 * cursor goes to the place. */
	fake_type(&f, "الآن");
	fake_key(&f, "Tab");
	d = forms_doc(&f);
	const char *t = doc_line_text(d, 2) + strlen("الوقت: ");
	assert_int_equal(strlen(t), 5);
	assert_true(t[2] == ':');
	assert_int_equal(fake_cur(&f)->line, 3);
	fake_type(&f, "القاعة");
	fake_key(&f, "S-Tab");
	assert_int_equal(fake_cur(&f)->line, 2);
	/* Outside the header Tab types a TAB. */
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){(size_t)forms_line(&f, "## المناقشة") + 1, 0}, 0);
	fake_key(&f, "Tab");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, forms_line(&f, "## المناقشة") + 1), "\t");
	/* Saved, it is Arabic minutes with their five sections. */
	fake_key(&f, "C-s");
	fake_expect(&f, "Saved");
	char *p = tf_path(state, "new.txt");
	char *got = tu_slurp(p, NULL);
	assert_non_null(strstr(got, "المكان: القاعة\n"));
	assert_non_null(strstr(got, "## الختام\n"));
	free(got);
	free(p);
	fake_close(&f);
}

/* A Persian document: "امروز" in the Date field is today in the Solar
 * Hijri calendar, in Persian digits. */
static void test_persian_today(void **state)
{
	struct fake f;
	forms_open(&f, state, "fa.txt", NULL, DOC_LANG_FA);
	fake_key(&f, "S-Tab");
	struct doc *d = forms_doc(&f);
	assert_int_equal(fake_cur(&f)->line, 1);
	char *was = xstrdup(doc_line_text(d, 1));	/* the template's date: today, Solar Hijri */
	for (int i = 0; i < 10; i++)
		fake_key(&f, "Backspace");
	fake_type(&f, "امروز");
	fake_key(&f, "Tab");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, 1), was);
	assert_non_null(strstr(was, "۱۴"));	/* a year 14xx in Persian digits */
	free(was);
	fake_close(&f);
}

static void test_structure_note(void **state)
{
	struct fake f;
	forms_open(&f, state, "s.txt", NULL, DOC_LANG_AR);
	long close = forms_line(&f, "## الختام");
	assert_true(close > 0);
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){(size_t)close, strlen("## الختام")}, 0);
	fake_type(&f, "اختتم");
	fake_expect(&f, "did you mean");
	/* Taken back, the note goes. */
	fake_key(&f, "C-z");
	assert_false(fake_shows(&f, "did you mean"));
	/* A heading deleted: said at once too. */
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){(size_t)close, 0}, 0);
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){(size_t)close + 1, 0}, 1);
	fake_key(&f, "Delete");
	fake_expect(&f, "section is gone");
	fake_close(&f);
}

static void test_agenda_enter(void **state)
{
	struct fake f;
	forms_open(&f, state, "a.txt",
		   "# محضر\nالتاريخ: ٢٠٢٦-١١-٢٧\n\n## جدول الأعمال\n١. الميزانية\n\n## الختام\n\n", DOC_LANG_AR);
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){4, strlen("١. الميزانية")}, 0);
	fake_key(&f, "Enter");
	struct doc *d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, 5), "٢. ");
	fake_type(&f, "الحديقة");
	fake_key(&f, "Enter");
	fake_type(&f, "النظافة");
	d = forms_doc(&f);
	assert_int_equal(d->nagenda, 3);
	assert_string_equal(doc_line_text(d, 6), "٣. النظافة");
	/* Enter on a number alone ends the list: the number goes. */
	fake_key(&f, "Enter");
	assert_string_equal(doc_line_text(forms_doc(&f), 7), "٤. ");
	fake_key(&f, "Enter");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, 7), "");
	assert_string_equal(doc_line_text(d, 8), "");
	assert_string_equal(doc_line_text(d, 9), "## الختام");
	fake_key(&f, "C-z");
	fake_key(&f, "C-z");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, 7), "");
	assert_string_equal(doc_line_text(d, 8), "## الختام");
	/* The second item deleted: one key numbers them again, one undo
	 * step takes it back. */
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){5, 0}, 0);
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){6, 0}, 1);
	fake_key(&f, "Delete");
	fake_key(&f, "M-r");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, 5), "٢. النظافة");
	fake_key(&f, "C-z");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, 5), "٣. النظافة");
	fake_close(&f);
}

static const char forms_minutes[] =
	"# Board\nDate: 2026-11-27\nPresent: Ann Lee; Bob Hart; Cy Dunn\nMembers: 5\n\n"
	"## Agenda\n1. Roof\n\n## Recommendations\n\n## Closing\n\n";

static void test_action_form(void **state)
{
	struct fake f;
	forms_open(&f, state, "f.txt", forms_minutes, DOC_LANG_NONE);
	fake_expect(&f, "present 3 of 5");
	fake_key(&f, "M-a");
	fake_expect(&f, "What is to be done");
	fake_type(&f, "Fix the roof");
	fake_key(&f, "Enter");
	fake_expect(&f, "Owner (2 of 3)");
	fake_type(&f, "bo");
	fake_expect(&f, "Tab: Bob Hart");
	fake_key(&f, "Tab");
	fake_expect(&f, "Bob Hart");
	fake_key(&f, "Tab");
	fake_type(&f, "+3d");
	fake_key(&f, "Enter");
	fake_expect(&f, "Action item written");
	struct doc *d = forms_doc(&f);
	long l = forms_line(&f, "- Fix the roof");
	assert_true(l > 0);
	assert_string_equal(doc_line_text(d, l), "- Fix the roof — owner: Bob Hart, due: 2026-11-30");
	assert_int_equal(d->nrecs, 1);
	assert_string_equal(d->recs[0].owner, "Bob Hart");
	/* The status: open -> done, as an undo step. */
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){(size_t)l, 0}, 0);
	fake_key(&f, "F6");
	fake_expect(&f, "is now done");
	assert_int_equal(doc_attr_of(d, l)->status, DOC_ST_DONE);
	/* Done items are drawn dimmed. */
	int dimmed = 0;
	for (int r = 0; r < f.g->rows; r++) {
		char *cells = fake_cells_with(&f, r, VIEW_A_DIM);
		dimmed |= strstr(cells, "Fix the roof") != NULL;
		free(cells);
	}
	assert_true(dimmed);
	/* A decision with more votes than people present is refused; the form
	 * stays open with what was typed. */
	fake_key(&f, "M-v");
	fake_type(&f, "Buy tiles");
	fake_key(&f, "Enter");
	fake_type(&f, "4");
	fake_key(&f, "Enter");
	fake_type(&f, "1");
	fake_key(&f, "Enter");
	fake_type(&f, "0");
	fake_key(&f, "Enter");
	fake_expect(&f, "Abstentions");
	assert_int_equal(forms_line(&f, "- Buy tiles"), -1);
	fake_key(&f, "Up");
	fake_key(&f, "Up");
	fake_key(&f, "Backspace");
	fake_type(&f, "2");
	fake_key(&f, "M-Enter");
	fake_expect(&f, "Decision written");
	l = forms_line(&f, "- Buy tiles");
	assert_true(l > 0);
	assert_string_equal(doc_line_text(forms_doc(&f), l), "- Buy tiles — votes: 2-1-0");
	/* A decision's bullet is drawn reversed, an action's bold. */
	int marked = 0;
	for (int r = 0; r < f.g->rows; r++) {
		char *row = fake_row(&f, r), *rev = fake_cells_with(&f, r, VIEW_A_REVERSE);
		char *bold = fake_cells_with(&f, r, VIEW_A_BOLD);
		if (strncmp(row, "- Buy tiles", 11) == 0)
			marked |= strcmp(rev, "-") == 0;
		if (strncmp(row, "- Fix the roof", 14) == 0)
			marked |= (strcmp(bold, "-") == 0) << 1;
		free(row), free(rev), free(bold);
	}
	assert_int_equal(marked, 3);
	/* Esc leaves a form without writing. */
	size_t n = forms_doc(&f)->nlines;
	fake_key(&f, "M-a");
	fake_type(&f, "nothing");
	fake_key(&f, "Esc");
	fake_expect(&f, "Nothing was written");
	assert_int_equal(forms_doc(&f)->nlines, n);
	fake_close(&f);
}

static void test_meeting_clock(void **state)
{
	struct fake f;
	forms_open(&f, state, "c.txt",
		   "# Board\nDate: 2026-11-27\nTime: \n\n## Discussion\n\n## Closing\n\n", DOC_LANG_NONE);
	fake_key(&f, "M-m");
	fake_expect(&f, "meeting has started");
	struct doc *d = forms_doc(&f);
	assert_int_equal(strlen(doc_line_text(d, 2)), strlen("Time: 12:00"));
	fake_expect(&f, "0:00:0");
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){5, 0}, 0);
	fake_type(&f, "Ann opened the meeting.");
	fake_key(&f, "Enter");
	fake_type(&f, "Bob spoke.");
	fake_frame(&f);
	d = forms_doc(&f);
	assert_non_null(doc_attr_of(d, 5));
	assert_non_null(doc_attr_of(d, 5)->stamp);
	assert_non_null(doc_attr_of(d, 6));
	assert_non_null(doc_attr_of(d, 6)->stamp);
	assert_true(doc_attr_of(d, 0) == NULL || doc_attr_of(d, 0)->stamp == NULL);
	/* M-t types the time. */
	fake_key(&f, "M-t");
	assert_int_equal(d->lines[6].len, strlen("Bob spoke.12:00"));
	fake_key(&f, "M-m");
	fake_expect(&f, "meeting has ended");
	d = forms_doc(&f);
	assert_int_equal(strlen(doc_line_text(d, 2)), strlen("Time: 12:00–12:00"));
	fake_key(&f, "C-s");
	char *p = tf_path(state, "c.json");
	char *json = tu_slurp(p, NULL);
	assert_non_null(strstr(json, "\"text\": \"Ann opened the meeting.\""));
	free(json);
	free(p);
	fake_close(&f);
}

static void test_attendance(void **state)
{
	struct fake f;
	char *old = tf_path(state, "earlier.txt");
	tf_put_file(old, "# Board\nDate: 2026-10-01\nPresent: Dina Kamal (treasurer); Ann Lee\n", 66);
	free(old);
	forms_open(&f, state, "p.txt",
		   "# Board\nDate: 2026-11-27\nMembers: 9\n\n## Agenda\n\n", DOC_LANG_NONE);
	fake_key(&f, "M-p");
	fake_expect(&f, "Attendance: present 0 of 9");
	/* Typing a name opens the form; Tab takes the name from the earlier
	 * minutes, then goes to the role. */
	fake_type(&f, "Di");
	fake_expect(&f, "Tab: Dina Kamal");
	fake_key(&f, "Tab");
	fake_key(&f, "Tab");
	fake_type(&f, "treasurer");
	fake_key(&f, "Enter");
	fake_expect(&f, "Dina Kamal (treasurer) is present");
	static const char *const more[] = {"Ann Lee", "Bob Hart", "Cy Dunn", "Eve Noor"};
	for (size_t i = 0; i < 4; i++) {
		fake_key(&f, "Enter");
		fake_type(&f, more[i]);
		fake_key(&f, "M-Enter");
	}
	fake_expect(&f, "present 5 of 9");
	fake_expect(&f, "quorum 5 ✓");
	struct doc *d = forms_doc(&f);
	long l = forms_line(&f, "Present: ");
	assert_true(l > 0);
	assert_string_equal(doc_line_text(d, l), "Present: Dina Kamal (treasurer); Ann Lee; Bob Hart; Cy Dunn; Eve Noor");
	/* A paste of two lines adds one name, never a line break in the header. */
	size_t lines = forms_doc(&f)->nlines;
	struct ui_event ev = {.type = UI_EV_PASTE, .text = "Zed Two\nlines", .len = 13};
	editor_event(f.ed, &ev);
	fake_frame(&f);
	fake_key(&f, "M-Enter");
	d = forms_doc(&f);
	assert_int_equal(d->nlines, lines);
	assert_string_equal(doc_line_text(d, l),
			    "Present: Dina Kamal (treasurer); Ann Lee; Bob Hart; Cy Dunn; Eve Noor; Zed Two");
	fake_key(&f, "C-z");
	fake_key(&f, "Esc");
	fake_key(&f, "M-p");
	/* Bob to the apologies with one key: the quorum is lost. */
	fake_key(&f, "Down");
	fake_key(&f, "Down");
	fake_key(&f, "Tab");
	fake_expect(&f, "Bob Hart sent apologies");
	fake_expect(&f, "present 4 of 9");
	d = forms_doc(&f);
	assert_string_equal(doc_line_text(d, forms_line(&f, "Apologies: ")), "Apologies: Bob Hart");
	/* Remove, and one undo brings him back. */
	fake_key(&f, "Delete");
	d = forms_doc(&f);
	assert_int_equal(forms_line(&f, "Apologies: Bob"), -1);
	fake_key(&f, "Esc");
	fake_expect(&f, "present 4 of 9 · quorum 5 ✗");
	fake_key(&f, "C-z");
	assert_true(forms_line(&f, "Apologies: Bob Hart") > 0);
	fake_close(&f);
}

/* The marks of the structure (bold labels, a done item dimmed) and the
 * quorum stay while a sentence is typed in the discussion — without the
 * document being analysed again at every key — and follow an edit of the
 * structure at once: a name added to the attendance, an item's status. */
static void test_marks_follow_edits(void **state)
{
	struct fake f;
	forms_open(&f, state, "m.txt",
		   "# Board\nDate: 2026-11-27\nMembers: 5\nPresent: Ann Lee; Bob Hart\n\n## Discussion\nWe met.\n\n"
		   "## Recommendations\n- Fix the roof — owner: Ann Lee\nNotes follow.\n",
		   DOC_LANG_NONE);
	fake_expect(&f, "present 2 of 5");
	long disc = forms_line(&f, "We met."), present = forms_line(&f, "Present: "), rec = forms_line(&f, "- Fix");
	struct doc *d = buffer_doc(editor_buffer(f.ed));
	struct edit *e = editor_edit(f.ed);
	edit_set_cursor(e, (struct edit_pos){(size_t)disc, 7}, 0);
	fake_type(&f, " We");
	fake_type(&f, " agreed.");
	assert_true(d->stale);	/* typed text: the last analysis still stands */
	fake_expect(&f, "We met. We agreed.");
	fake_expect(&f, "present 2 of 5");
	char *bold = fake_cells_with(&f, 1, VIEW_A_BOLD);
	assert_non_null(strstr(bold, "Date:"));
	free(bold);
	/* A name typed into the attendance counts at once. */
	edit_set_cursor(e, (struct edit_pos){(size_t)present, d->lines[present].len}, 0);
	fake_type(&f, "; Cy Dunn");
	fake_expect(&f, "present 3 of 5");
	/* An item marked done is dimmed at once, and stays so while typing. */
	edit_set_cursor(e, (struct edit_pos){(size_t)rec, 2}, 0);
	fake_key(&f, "F6");
	char *dim = fake_cells_with(&f, (int)rec, VIEW_A_DIM);
	assert_non_null(strstr(dim, "Fix the roof"));
	free(dim);
	edit_set_cursor(e, (struct edit_pos){(size_t)disc, d->lines[disc].len}, 0);
	fake_type(&f, " Done.");
	dim = fake_cells_with(&f, (int)rec, VIEW_A_DIM);
	assert_non_null(strstr(dim, "Fix the roof"));
	free(dim);
	fake_key(&f, "C-z");	/* the typing */
	fake_key(&f, "C-z");	/* the status */
	dim = fake_cells_with(&f, (int)rec, VIEW_A_DIM);
	assert_string_equal(dim, "");
	free(dim);
	/* Text under the recommendations is not an item until it has a bullet. */
	edit_set_cursor(e, (struct edit_pos){(size_t)rec + 1, d->lines[rec + 1].len}, 0);
	fake_type(&f, " Soon.");
	assert_true(d->stale);
	edit_set_cursor(e, (struct edit_pos){(size_t)rec + 1, 0}, 0);
	fake_type(&f, "- ");
	assert_false(d->stale);	/* an item now: analysed for this frame */
	assert_int_equal(d->nrecs, 2);
	fake_close(&f);
}

static void test_navigation(void **state)
{
	struct fake f;
	forms_open(&f, state, "n.txt",
		   "# Board\nDate: 2026-11-27\n\n## Opening\nhello\n## Agenda\n1. Roof\n2. Garden\n"
		   "## Recommendations\n- Fix it — owner: Ann\n- Done one — owner: Bob\n## Closing\nbye\n",
		   DOC_LANG_NONE);
	fake_key(&f, "M-4");
	assert_int_equal(fake_cur(&f)->line, 9);
	fake_key(&f, "S-F2");
	assert_int_equal(fake_cur(&f)->line, 6);
	fake_key(&f, "M-g");
	fake_type(&f, "13");
	fake_key(&f, "Enter");
	assert_int_equal(fake_cur(&f)->line, 12);
	fake_key(&f, "M-g");
	fake_type(&f, "99");
	fake_key(&f, "Enter");
	fake_expect(&f, "has 13 lines");
	assert_int_equal(fake_cur(&f)->line, 12);
	/* The outline: open actions only, Enter jumps. */
	edit_set_cursor(editor_edit(f.ed), (struct edit_pos){10, 0}, 0);
	fake_key(&f, "F6");
	fake_key(&f, "M-o");
	fake_expect(&f, "Outline");
	fake_expect(&f, "2. Garden");
	fake_expect(&f, "Fix it — Ann");
	assert_false(fake_shows(&f, "Done one"));
	fake_key(&f, "C-Home");	/* not bound here: nothing happens */
	fake_key(&f, "Up");
	fake_key(&f, "Up");
	fake_key(&f, "Enter");
	assert_false(fake_shows(&f, "Outline"));
	assert_int_equal(fake_cur(&f)->line, 7);
	fake_close(&f);
}

/* Every shipped keys file loads without a problem; the default one gives
 * every command a key in its table. */
static void test_shipped_keys(void **state)
{
	(void)state;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/keymaps", tu_srcdir());
	DIR *dh = opendir(dir);
	assert_non_null(dh);
	size_t files = 0;
	for (struct dirent *de; (de = readdir(dh)) != NULL;) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".keys") != 0)
			continue;
		files++;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		size_t len;
		char *text = tu_slurp(path, &len);
		struct keymap *km = keymap_new();
		char *cause = NULL;
		if (keymap_parse(km, text, len, path, cmd_exists, &cause) != 0)
			fail_msg("%s", cause);
		size_t nf;
		const struct cmd_family *fam = cmd_families(&nf);
		for (size_t t = 0; strcmp(de->d_name, "default.keys") == 0 && t < nf; t++) {
			size_t nc;
			const struct cmd *v = fam[t].table(&nc);
			for (size_t i = 0; i < nc; i++)
				if (keymap_key_for_mode(km, fam[t].mode, v[i].name) == NULL)
					fail_msg("%s: command %s has no key in [%s]", path, v[i].name, fam[t].mode);
		}
		keymap_free(km);
		free(text);
	}
	closedir(dh);
	assert_true(files >= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_keys),
		cmocka_unit_test_setup_teardown(test_template, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_persian_today, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_structure_note, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_agenda_enter, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_action_form, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_meeting_clock, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_attendance, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_navigation, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_marks_follow_edits, tf_setup_dir, tf_teardown_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
