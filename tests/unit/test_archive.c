/* archive and review: a folder of minutes in four calendars sorted by
 * meeting date, the cache by size and time (used, invalidated, shared
 * between folders); carry-over, approval and amendments on a document. */
#include "testutil.h"
#include "testfs.h"

#include <time.h>
#include <utime.h>

#include "mahdar/archive.h"
#include "mahdar/doc.h"
#include "mahdar/export.h"
#include "mahdar/fold.h"
#include "mahdar/review.h"
#include "mahdar/side.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

/* Four meetings, written in four calendars, in an order that is not the
 * file names' order nor the order of the written years. */
static void put_folder(void **state)
{
	char *sub = tf_path(state, "older");
	assert_int_equal(mkdir(sub, 0700), 0);
	free(sub);
	tf_put(state, "a-fa.txt", "# جلسه\nتاریخ: ۱۵ مهر ۱۴۰۳\n\n## تصمیمات\n- کار — مسئول: علی\n");	/* 2024-10-06 */
	tf_put(state, "b-he.txt", "# ישיבה\nתאריך: ט״ו בניסן תשפ״ד\n");	/* 2024-04-23 */
	tf_put(state, "older/c-ar.txt", "# اجتماع\nالتاريخ: ١٥ رمضان ١٤٤٥ هـ\n");	/* 2024-03-25 */
	tf_put(state, "d-en.txt", "# Meeting\nDate: 2 January 2025\n\n## Recommendations\n"
			       "- One — owner: Ann\n- Two — owner: Bob\n- A decision\n");
	tf_put(state, "e-none.txt", "no header at all\n");
	tf_put(state, "notes.md", "# not minutes: not a .txt file\n");
}

static void test_scan_sorted_by_meeting_date(void **state)
{
	put_folder(state);
	char *cause = NULL;
	struct archive *a = archive_scan(*state, NULL, &cause);
	assert_non_null(a);
	static const char *const order[] = { "older/c-ar.txt", "b-he.txt", "a-fa.txt", "d-en.txt", "e-none.txt" };
	static const char *const iso[] = { "2024-03-25", "2024-04-23", "2024-10-06", "2025-01-02", "" };
	static const int cal[] = { DOC_CAL_ISLAMIC, DOC_CAL_HEBREW, DOC_CAL_PERSIAN, DOC_CAL_GREGORIAN, DOC_CAL_GREGORIAN };
	assert_int_equal(a->n, 5);
	size_t dl = strlen(*state) + 1;
	for (size_t i = 0; i < a->n; i++) {
		assert_string_equal(a->v[i].path + dl, order[i]);
		assert_string_equal(a->v[i].date_iso, iso[i]);
		assert_int_equal(a->v[i].calendar, cal[i]);
	}
	assert_string_equal(a->v[0].date, "١٥ رمضان ١٤٤٥ هـ");
	assert_string_equal(a->v[3].title, "Meeting");
	assert_int_equal(a->v[3].actions, 2);
	assert_int_equal(a->v[3].open, 2);
	assert_int_equal(a->v[2].lang, DOC_LANG_FA);
	/* The browser's filter: script-aware, over title, date and name. */
	struct fold_pattern *p = fold_pattern_new("رمضان", strlen("رمضان"), FOLD_LOOSE);
	assert_true(archive_entry_matches(&a->v[0], p));
	assert_false(archive_entry_matches(&a->v[1], p));
	fold_pattern_free(p);
	p = fold_pattern_new("2024-04", 7, FOLD_LOOSE);	/* the ISO date of a Hebrew one */
	assert_true(archive_entry_matches(&a->v[1], p));
	assert_false(archive_entry_matches(&a->v[3], p));
	fold_pattern_free(p);
	p = fold_pattern_new("MEETING", 7, FOLD_LOOSE);
	assert_true(archive_entry_matches(&a->v[3], p));
	fold_pattern_free(p);
	archive_free(a);

	char *missing = tf_path(state, "nope");
	assert_null(archive_scan(missing, NULL, &cause));
	assert_non_null(strstr(cause, "nope"));
	free(cause);
	free(missing);
}

static void test_cache(void **state)
{
	put_folder(state);
	char *cache = tf_path(state, ".cache/mahdar/archive.tsv");
	char *cause = NULL;
	struct archive *a = archive_scan(*state, cache, &cause);
	assert_int_equal(a->parsed, 5);
	assert_int_equal(a->cached, 0);
	archive_free(a);

	/* Second scan: everything from the cache, the same answers. */
	a = archive_scan(*state, cache, &cause);
	assert_int_equal(a->parsed, 0);
	assert_int_equal(a->cached, 5);
	assert_string_equal(a->v[1].date_iso, "2024-04-23");
	assert_string_equal(a->v[0].date, "١٥ رمضان ١٤٤٥ هـ");
	archive_free(a);

	/* A file changed (other size): read again, the new date counts. */
	tf_put(state, "d-en.txt", "# Meeting\nDate: 1 March 2024\n");
	a = archive_scan(*state, cache, &cause);
	assert_int_equal(a->parsed, 1);
	assert_int_equal(a->cached, 4);
	char *d = tf_path(state, "d-en.txt");
	assert_string_equal(a->v[0].path, d);
	assert_string_equal(a->v[0].date_iso, "2024-03-01");
	archive_free(a);

	/* Same size, other time: read again too. */
	tf_put(state, "d-en.txt", "# Meeting\nDate: 2 March 2024\n");
	struct utimbuf ut = { .actime = 1000000000, .modtime = 1000000000 };
	assert_int_equal(utime(d, &ut), 0);
	a = archive_scan(*state, cache, &cause);
	assert_int_equal(a->parsed, 1);
	assert_string_equal(a->v[0].date_iso, "2024-03-02");
	archive_free(a);

	/* The sub-folder scanned alone: its file is known to the cache by
	 * its absolute name, and the other folder's entries are kept. */
	char *sub = tf_path(state, "older");
	a = archive_scan(sub, cache, &cause);
	assert_int_equal(a->n, 1);
	assert_int_equal(a->cached, 1);
	archive_free(a);
	a = archive_scan(*state, cache, &cause);
	assert_int_equal(a->parsed, 0);
	archive_free(a);
	free(sub);
	free(d);
	free(cache);
}

static struct doc *doc_of(const char *text)
{
	return txt_read(text, strlen(text));
}

static void test_carry_over(void **state)
{
	(void)state;
	const char *prev_text = "# محضر\nالتاريخ: 2026-11-12\nالحضور: ليلى حداد (الرئيسة)؛ كريم منصور\n"
				"المعتذرون: سارة يوسف\n\n## التوصيات\n"
				"- طلب التمويل — المسؤول: كريم منصور، الموعد: 2026-11-28\n"
				"- حجز القاعة — المسؤول: ليلى حداد\n- قرار بلا مسؤول\n";
	struct doc *prev = doc_of(prev_text);
	/* The second action is done. */
	doc_line_attr(prev, prev->recs[1].line)->status = DOC_ST_DONE;
	struct doc *d = txt_skeleton(DOC_LANG_AR, "2026-12-10");
	assert_int_equal(review_carry_over(d, prev, "minutes-2026-11"), 1);
	size_t len;
	char *text = txt_write(d, &len);
	assert_non_null(strstr(text, "\nالحضور: ليلى حداد (الرئيسة)؛ كريم منصور؛ سارة يوسف\n"));
	assert_non_null(strstr(text, "\n## جدول الأعمال\n1. متابعة مهام الاجتماع السابق\n"));
	assert_non_null(strstr(text, "\n- طلب التمويل — المسؤول: كريم منصور، الموعد: 2026-11-28\n"));
	assert_null(strstr(text, "حجز القاعة"));
	assert_null(strstr(text, "قرار بلا مسؤول"));
	assert_int_equal(d->nrecs, 1);
	assert_string_equal(d->recs[0].due_iso, "2026-11-28");
	const struct doc_attr *at = doc_attr_of(d, d->recs[0].line);
	assert_string_equal(at->from, "minutes-2026-11");
	char *js = side_write(d, text, len, "2026-12-10T10:00:00+03:00", &len);
	assert_non_null(strstr(js, "\"from\": \"minutes-2026-11\""));
	free(js);
	free(text);
	doc_free(d);
	doc_free(prev);
}

static void test_finalize_and_amend(void **state)
{
	(void)state;
	struct doc *d = doc_of("# Meeting\nDate: 2024-03-15\n\n## Opening\nOpened.\n");
	char *cause = NULL;
	assert_int_equal(review_amend(d, "2024-03-20", "Ann", "typo", &cause), -1);
	assert_non_null(strstr(cause, "not final"));
	free(cause);
	cause = NULL;
	assert_int_equal(review_finalize(d, "2024-03-18", "Ann Chair", &cause), 0);
	assert_int_equal(review_finalize(d, "2024-03-19", "Bob", &cause), -1);
	assert_non_null(strstr(cause, "already final (approved on 2024-03-18 by Ann Chair)"));
	free(cause);
	cause = NULL;
	assert_int_equal(review_amend(d, "2024-03-20", "Bob", "  ", &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(review_amend(d, "2024-03-20", "Bob", "corrected the time", &cause), 0);
	assert_int_equal(d->namends, 1);

	/* The sidecar keeps them; read back onto the text, they return. */
	size_t tlen, jlen;
	char *text = txt_write(d, &tlen);
	char *js = side_write(d, text, tlen, "2024-03-20T10:00:00+00:00", &jlen);
	assert_non_null(strstr(js, "\"status\": \"final\""));
	assert_non_null(strstr(js, "\"amendments\": [{\"on\": \"2024-03-20\", \"by\": \"Bob\", "
				   "\"reason\": \"corrected the time\"}]"));
	struct doc *back = txt_read(text, tlen);
	assert_int_equal(side_apply(back, js, jlen, text, tlen, "x.json", NULL), SIDE_OK);
	assert_int_equal(back->namends, 1);
	assert_string_equal(back->amends[0].reason, "corrected the time");
	assert_string_equal(back->approved_by, "Ann Chair");

	/* An amendment reads in its reason's direction, whoever made it. */
	char *cause2 = NULL;
	assert_int_equal(review_amend(back, "2024-03-21", "Bob", "תוקן הסכום", &cause2), 0);
	struct export_opts ho = { .format = EXPORT_HTML, .width = 72 };
	size_t hn;
	char *html = export_doc(back, &ho, &hn);
	assert_non_null(strstr(html, "<li lang=\"he\" dir=\"rtl\">2024-03-21, Bob: תוקן הסכום</li>"));
	free(html);
	ho.format = EXPORT_MARKDOWN;
	html = export_doc(back, &ho, &hn);
	assert_non_null(strstr(html, "- \xE2\x80\x8F" "2024-03-21, Bob: תוקן הסכום" "\xE2\x80\x8F\n"));
	free(html);

	/* Every export shows approval and amendment. */
	for (int f = EXPORT_TEXT; f <= EXPORT_HTML; f++) {
		struct export_opts o = { .format = f, .width = 72 };
		size_t n;
		char *out = export_doc(back, &o, &n);
		if (strstr(out, "Approved on 2024-03-18 by Ann Chair.") == NULL ||
		    strstr(out, "2024-03-20, Bob: corrected the time") == NULL)
			fail_msg("format %d: %s", f, out);
		free(out);
	}
	doc_free(back);
	free(js);
	free(text);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_sorted_by_meeting_date, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test_setup_teardown(test_cache, tf_setup_dir, tf_teardown_dir),
		cmocka_unit_test(test_carry_over),
		cmocka_unit_test(test_finalize_and_amend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
