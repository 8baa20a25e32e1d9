/* draft: what the forms of live drafting write — dates from words, the
 * quorum line, agenda numbers, action lines, status cycling, people. */
#include "testutil.h"

#include "mahdar/doc.h"
#include "mahdar/draft.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

static const struct draft_now NOW = { 2026, 11, 27, 9, 5 };

static struct doc *doc_of(const char *s)
{
	return txt_read(s, strlen(s));
}

/* draft_date_word() on word, which must succeed; the date written. */
static char *date_of(const struct doc *d, const char *word)
{
	static char out[64];
	char *cause = NULL;
	int r = draft_date_word(d, word, strlen(word), &NOW, out, sizeof out, &cause);
	if (r != 0)
		fail_msg("“%s”: %d (%s)", word, r, cause ? cause : "not a date word");
	return out;
}

static void test_today_in_each_language(void **state)
{
	(void)state;
	struct doc *en = doc_of("# M\nDate: 2026-11-20\n\n## Agenda\n");
	assert_string_equal(date_of(en, "today"), "2026-11-27");
	assert_string_equal(date_of(en, " Today "), "2026-11-27");
	assert_string_equal(date_of(en, "tomorrow"), "2026-11-28");
	char out[64];
	assert_int_equal(draft_time_word(en, "now", 3, &NOW, out, sizeof out), 0);
	assert_string_equal(out, "09:05");
	/* a date already, or any other text: left as typed */
	assert_int_equal(draft_date_word(en, "2026-12-01", 10, &NOW, out, sizeof out, NULL), 1);
	assert_int_equal(draft_time_word(en, "18:00", 5, &NOW, out, sizeof out), 1);
	doc_free(en);

	/* Arabic with Arabic-Indic digits in its date: the same digits */
	struct doc *ar = doc_of("# محضر\nالتاريخ: ٢٠٢٦-١١-٢٠\n\n## جدول الأعمال\n");
	assert_string_equal(date_of(ar, "اليوم"), "٢٠٢٦-١١-٢٧");
	assert_int_equal(draft_time_word(ar, "الآن", strlen("الآن"), &NOW, out, sizeof out), 0);
	assert_string_equal(out, "٠٩:٠٥");
	doc_free(ar);

	/* Persian: Solar Hijri, Persian digits (1405/09/06 is 2026-11-27) */
	struct doc *fa = doc_of("# صورتجلسه\nتاریخ: ۱۴۰۵/۰۹/۰۱\n\n## دستور جلسه\n");
	assert_string_equal(date_of(fa, "امروز"), "۱۴۰۵/۰۹/۰۶");
	assert_int_equal(draft_time_word(fa, "اکنون", strlen("اکنون"), &NOW, out, sizeof out), 0);
	assert_string_equal(out, "۰۹:۰۵");
	doc_free(fa);
	/* a Persian document without a date yet still writes Solar Hijri */
	struct doc *fa2 = doc_of("# صورتجلسه\nتاریخ:\n\n## دستور جلسه\n");
	assert_string_equal(date_of(fa2, "امروز"), "۱۴۰۵/۰۹/۰۶");
	doc_free(fa2);

	struct doc *he = doc_of("# פרוטוקול\nתאריך: 2026-11-20\n\n## סדר היום\n");
	assert_string_equal(date_of(he, "היום"), "2026-11-27");
	assert_int_equal(draft_time_word(he, "עכשיו", strlen("עכשיו"), &NOW, out, sizeof out), 0);
	assert_string_equal(out, "09:05");
	doc_free(he);
}

/* "+3d", "+2w" and their Arabic/Persian/Hebrew spellings count from the
 * meeting's date; "next meeting" is the Next meeting field's date. */
static void test_relative_due_dates(void **state)
{
	(void)state;
	struct doc *en = doc_of("# M\nDate: 2026-11-20\nNext meeting: 2026-12-18\n\n## Agenda\n");
	assert_string_equal(date_of(en, "+3d"), "2026-11-23");
	assert_string_equal(date_of(en, "+2w"), "2026-12-04");
	assert_string_equal(date_of(en, "+ 10 days"), "2026-11-30");
	assert_string_equal(date_of(en, "next meeting"), "2026-12-18");
	assert_string_equal(date_of(en, "Next Meeting"), "2026-12-18");
	doc_free(en);

	struct doc *ar = doc_of("# محضر\nالتاريخ: 2026-11-20\nالاجتماع القادم: 2026-12-18\n\n## التوصيات\n");
	assert_string_equal(date_of(ar, "+٣ أيام"), "2026-11-23");
	assert_string_equal(date_of(ar, "+2 أسبوع"), "2026-12-04");
	assert_string_equal(date_of(ar, "الاجتماع القادم"), "2026-12-18");
	doc_free(ar);

	struct doc *fa = doc_of("# صورتجلسه\nتاریخ: ۱۴۰۵/۰۹/۰۱\nجلسهٔ بعد: ۱۴۰۵/۰۹/۲۹\n\n## مصوبات\n");
	assert_string_equal(date_of(fa, "+۳ روز"), "۱۴۰۵/۰۹/۰۴");
	assert_string_equal(date_of(fa, "+۲ هفته"), "۱۴۰۵/۰۹/۱۵");
	assert_string_equal(date_of(fa, "جلسه بعد"), "۱۴۰۵/۰۹/۲۹");	/* without the hamza */
	doc_free(fa);

	struct doc *he = doc_of("# פרוטוקול\nתאריך: 2026-11-20\n\n## החלטות\n");
	assert_string_equal(date_of(he, "+3 ימים"), "2026-11-23");
	assert_string_equal(date_of(he, "+2 שבועות"), "2026-12-04");
	/* no next meeting date yet: a reason, not a date */
	char out[64], *cause = NULL;
	assert_int_equal(draft_date_word(he, "הישיבה הבאה", strlen("הישיבה הבאה"), &NOW, out, sizeof out,
					 &cause), -1);
	assert_non_null(strstr(cause, "הישיבה הבאה"));
	free(cause);
	doc_free(he);

	/* no meeting date: from today */
	struct doc *bare = doc_of("# M\n\n## Agenda\n");
	assert_string_equal(date_of(bare, "+1w"), "2026-12-04");
	doc_free(bare);
}

static void test_quorum(void **state)
{
	(void)state;
	struct doc *en = doc_of("# M\nMembers: 9\nPresent: A; B; C; D; E; F; G\n\n## Agenda\n");
	struct draft_quorum q;
	draft_quorum(en, &q);
	assert_int_equal(q.present, 7);
	assert_int_equal(q.members, 9);
	assert_int_equal(q.needed, 5);
	assert_true(q.met);
	char *t = draft_quorum_text(en);
	assert_string_equal(t, "present 7 of 9 · quorum 5 ✓");
	free(t);
	doc_free(en);

	struct doc *ar = doc_of("# محضر\nالتاريخ: ٢٠٢٦-١١-٢٠\nالأعضاء: ٩\nالحضور: أ؛ ب؛ ج\n\n## جدول الأعمال\n");
	t = draft_quorum_text(ar);
	assert_string_equal(t, "الحضور ٣ من ٩ · النصاب ٥ ✗");
	free(t);
	doc_free(ar);

	struct doc *fa = doc_of("# صورتجلسه\nاعضا: الف؛ ب؛ پ؛ ت\nحاضران: الف؛ ب؛ پ\n\n## دستور جلسه\n");
	t = draft_quorum_text(fa);	/* members as a list of names: 4, quorum 3 */
	assert_string_equal(t, "حاضران ۳ از ۴ · حد نصاب ۳ ✓");
	free(t);
	doc_free(fa);

	/* members unknown: the count alone; then from the sidecar's meta.members */
	struct doc *he = doc_of("# פרוטוקול\nנוכחים: א; ב\n\n## סדר היום\n");
	t = draft_quorum_text(he);
	assert_string_equal(t, "נוכחים 2");
	free(t);
	he->members = 5;
	t = draft_quorum_text(he);
	assert_string_equal(t, "נוכחים 2 מתוך 5 · מניין 3 ✗");
	free(t);
	doc_free(he);
}

/* Renumbering is one edit list; applied, the agenda reads 1, 2, 3 in the
 * document's digits, each item keeping its "." or ")". */
static void test_agenda_renumber(void **state)
{
	(void)state;
	struct doc *d = doc_of("# محضر\n\n## جدول الأعمال\n٣. ثالث\n١) أول\n  ٧. سابع\nنص\n");
	struct draft_edits e = { 0 };
	assert_int_equal(draft_agenda_renumber(d, &e), 3);
	draft_edits_apply(d, &e);
	draft_edits_free(&e);
	assert_string_equal(doc_line_text(d, 3), "١. ثالث");
	assert_string_equal(doc_line_text(d, 4), "٢) أول");
	assert_string_equal(doc_line_text(d, 5), "  ٣. سابع");
	assert_string_equal(doc_line_text(d, 6), "نص");
	txt_analyse(d);
	assert_int_equal(d->nagenda, 3);
	/* numbered already: no edit */
	assert_int_equal(draft_agenda_renumber(d, &e), 0);
	doc_free(d);

	/* a Persian document with ASCII agenda numbers keeps ASCII */
	d = doc_of("# صورتجلسه\nتاریخ: ۱۴۰۵/۰۹/۰۱\n\n## دستور جلسه\n1. یک\n5. دو\n");
	assert_int_equal(draft_agenda_renumber(d, &e), 1);
	assert_string_equal(e.v[0].text, "2");
	assert_int_equal(e.v[0].line, 5);
	assert_int_equal(e.v[0].off, 0);
	assert_int_equal(e.v[0].del, 1);
	draft_edits_free(&e);
	doc_free(d);
}

static void test_agenda_next(void **state)
{
	(void)state;
	struct doc *d = doc_of("# صورتجلسه\n\n## دستور جلسه\n۱. یک\n  ۹) دو\nمتن\n");
	char out[64];
	assert_int_equal(draft_agenda_next(d, 3, out, sizeof out), 0);
	assert_string_equal(out, "۲. ");
	assert_int_equal(draft_agenda_next(d, 4, out, sizeof out), 0);
	assert_string_equal(out, "  ۱۰) ");
	assert_int_equal(draft_agenda_next(d, 5, out, sizeof out), -1);
	doc_free(d);
}

/* The action form writes the line in the document's language, its
 * details after " — ", and the line reads back as the same item. */
static void test_item_line(void **state)
{
	(void)state;
	struct doc *ar = doc_of("# محضر\nالتاريخ: 2026-11-20\nالحضور: ليلى؛ كريم؛ سارة\n\n## التوصيات\n");
	struct draft_item it = { .text = " تقديم الطلب ", .owner = "كريم", .due = "+1w" };
	char *cause = NULL;
	char *line = draft_item_line(ar, &it, &NOW, &cause);
	assert_string_equal(line, "- تقديم الطلب — المسؤول: كريم، الموعد: 2026-11-27");
	char text[512];
	snprintf(text, sizeof text, "# محضر\n\n## التوصيات\n%s\n", line);
	struct doc *back = doc_of(text);
	assert_int_equal(back->nrecs, 1);
	assert_string_equal(back->recs[0].owner, "كريم");
	assert_string_equal(back->recs[0].due_iso, "2026-11-27");
	doc_free(back);
	free(line);

	/* a decision with votes, checked against the people present */
	struct draft_item dec = { .text = "اعتماد الميزانية", .has_votes = 1, .votes = { 2, 1, 0 } };
	line = draft_item_line(ar, &dec, &NOW, &cause);
	assert_string_equal(line, "- اعتماد الميزانية — التصويت: 2-1-0");
	free(line);
	dec.votes[2] = 1;	/* 4 votes, 3 present */
	assert_null(draft_item_line(ar, &dec, &NOW, &cause));
	assert_string_equal(cause, "the votes add up to 4, but only 3 people are present");
	/* text that would read as details is refused, not written wrong */
	struct draft_item odd = { .text = "fix it — owner: Bob", .owner = "كريم" };
	assert_null(draft_item_line(ar, &odd, &NOW, &cause));
	assert_non_null(strstr(cause, "would not read back"));
	struct draft_item empty = { .text = "  " };
	assert_null(draft_item_line(ar, &empty, &NOW, &cause));
	assert_non_null(strstr(cause, "no text"));
	free(cause);
	doc_free(ar);

	struct doc *fa = doc_of("# صورتجلسه\nتاریخ: ۱۴۰۵/۰۹/۰۱\n\n## مصوبات\n");
	struct draft_item f = { .text = "خرید", .owner = "علی", .due = "امروز", .has_votes = 1,
				.votes = { 5, 0, 1 } };
	line = draft_item_line(fa, &f, &NOW, &cause);
	assert_string_equal(line, "- خرید — مسئول: علی، مهلت: ۱۴۰۵/۰۹/۰۶، رأی: ۵-۰-۱");
	free(line);
	doc_free(fa);

	struct doc *he = doc_of("# פרוטוקול\n\n## החלטות\n");
	struct draft_item h = { .text = "לתקן", .owner = "דנה", .due = "2027-01-05" };
	line = draft_item_line(he, &h, &NOW, &cause);
	assert_string_equal(line, "- לתקן — אחראי: דנה, מועד: 2027-01-05");
	free(line);
	doc_free(he);
}

static void test_status_cycle(void **state)
{
	(void)state;
	assert_int_equal(draft_status_next(DOC_ST_OPEN), DOC_ST_DONE);
	assert_int_equal(draft_status_next(DOC_ST_DONE), DOC_ST_DROPPED);
	assert_int_equal(draft_status_next(DOC_ST_DROPPED), DOC_ST_OPEN);
}

static void test_people_completion(void **state)
{
	(void)state;
	struct draft_people p = { 0 };
	const char old1[] = "# M\nChair: Laila Haddad\nPresent: Laila Haddad (chair); Karim Mansour; Sara\n"
			    "\n## Decisions\n- x — owner: Karim Mansour\n";
	const char old2[] = "# M\nPresent: karim mansour; Kamal (guest)\n";
	draft_people_add_text(&p, old1, sizeof old1 - 1);
	draft_people_add_text(&p, old2, sizeof old2 - 1);
	assert_int_equal(p.n, 4);
	const char *out[4];
	assert_int_equal(draft_people_complete(&p, "ka", 2, out, 4), 2);
	assert_string_equal(out[0], "Karim Mansour");	/* seen three times */
	assert_string_equal(out[1], "Kamal");
	/* a later word of the name matches too */
	assert_int_equal(draft_people_complete(&p, "Had", 3, out, 4), 1);
	assert_string_equal(out[0], "Laila Haddad");
	assert_int_equal(draft_people_complete(&p, "ka", 2, out, 1), 1);
	assert_string_equal(out[0], "Karim Mansour");
	assert_int_equal(draft_people_complete(&p, "zz", 2, out, 4), 0);
	draft_people_free(&p);

	struct doc *ar = doc_of("# محضر\nالحضور: كريم منصور؛ سارة يوسف\n");
	draft_people_add(&p, ar);
	/* Arabic kaf and yeh as a Persian keyboard types them */
	assert_int_equal(draft_people_complete(&p, "کر", strlen("کر"), out, 4), 1);
	assert_string_equal(out[0], "كريم منصور");
	draft_people_free(&p);
	doc_free(ar);
}

/* New documents: a body line under every heading, the cursor at the end
 * of the first empty header field. */
static void test_template(void **state)
{
	(void)state;
	size_t line, off;
	struct doc *d = draft_template(DOC_LANG_FA, &NOW, &line, &off);
	assert_string_equal(doc_field_get(d, DOC_KEY_DATE)->value, "۱۴۰۵/۰۹/۰۶");
	assert_int_equal(line, doc_field_get(d, DOC_KEY_TIME)->line);
	assert_int_equal(off, d->lines[line].len);
	assert_int_equal(d->lines[d->nlines - 1].len, 0);
	assert_int_equal(d->lines[d->nlines - 2].kind, DOC_K_HEADING);
	doc_free(d);
	char out[32];
	d = draft_template(DOC_LANG_AR, &NOW, NULL, NULL);
	draft_elapsed_text(d, 3725, out, sizeof out);
	assert_string_equal(out, "1:02:05");
	doc_free(d);
}

/* Typing onto the closing heading is flagged at once: the heading is
 * close to a known one, and the closing section is gone. */
static void test_structure_note(void **state)
{
	(void)state;
	struct doc *d = draft_template(DOC_LANG_AR, &NOW, NULL, NULL);
	unsigned before = draft_section_mask(d);
	assert_int_equal(before, (1u << DOC_SEC_COUNT) - 1);
	size_t h = d->sections[d->nsections - 1].line;
	assert_null(draft_structure_note(d, h, before));
	doc_line_splice(d, h, d->lines[h].len, 0, "اختتم", strlen("اختتم"));
	txt_analyse(d);
	char *note = draft_structure_note(d, h, before);
	assert_string_equal(note, "heading “الختاماختتم” is not a known section; did you mean “الختام”?");
	free(note);
	/* elsewhere in the document: the section that is gone */
	note = draft_structure_note(d, 0, before);
	assert_string_equal(note, "the “closing” section is gone: its heading “## الختام” was changed or deleted");
	free(note);
	assert_null(draft_structure_note(d, 0, draft_section_mask(d)));
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_today_in_each_language),
		cmocka_unit_test(test_relative_due_dates),
		cmocka_unit_test(test_quorum),
		cmocka_unit_test(test_agenda_renumber),
		cmocka_unit_test(test_agenda_next),
		cmocka_unit_test(test_item_line),
		cmocka_unit_test(test_status_cycle),
		cmocka_unit_test(test_people_completion),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_structure_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
