/* txt: every corpus file round-trips byte for byte and parses field by
 * field; generated files exercise the format's corners. */
#include "testutil.h"

#include "mahdar/buf.h"
#include "mahdar/doc.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

/* ------------------------------------------------------------ helpers */

static struct doc *load(const char *name, char **bytes, size_t *len)
{
	*bytes = tu_corpus_file(name, len);
	return txt_read(*bytes, *len);
}

static void assert_round_trip(const char *bytes, size_t len)
{
	struct doc *d = txt_read(bytes, len);
	size_t olen;
	char *out = txt_write(d, &olen);
	assert_int_equal(olen, len);
	assert_memory_equal(out, bytes, len);
	free(out);
	doc_free(d);
}

static const char *field(const struct doc *d, int key)
{
	const struct doc_field *f = doc_field_get(d, key);
	return f ? f->value : NULL;
}

static void assert_person(const struct doc_people *p, size_t i, const char *name, const char *role)
{
	assert_true(i < p->n);
	assert_string_equal(p->v[i].name, name);
	if (role == NULL)
		assert_null(p->v[i].role);
	else
		assert_string_equal(p->v[i].role, role);
}

static void assert_agenda(const struct doc *d, size_t i, long num, const char *numtext, const char *text)
{
	assert_true(i < d->nagenda);
	assert_int_equal(d->agenda[i].number, num);
	assert_string_equal(d->agenda[i].number_text, numtext);
	assert_string_equal(d->agenda[i].text, text);
}

static void assert_rec(const struct doc *d, size_t i, const char *text, const char *owner,
		       const char *due, const char *due_iso)
{
	assert_true(i < d->nrecs);
	const struct doc_rec *r = &d->recs[i];
	assert_string_equal(r->text, text);
	if (owner) {
		assert_string_equal(r->owner, owner);
		assert_int_equal(r->kind, DOC_REC_ACTION);
	} else {
		assert_null(r->owner);
		assert_int_equal(r->kind, DOC_REC_DECISION);
	}
	if (due)
		assert_string_equal(r->due, due);
	else
		assert_null(r->due);
	if (due_iso)
		assert_string_equal(r->due_iso, due_iso);
	else
		assert_null(r->due_iso);
}

static void assert_sections(const struct doc *d, const int *keys, size_t n)
{
	assert_int_equal(d->nsections, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(d->sections[i].key, keys[i]);
}

static size_t errors(const struct doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nproblems; i++)
		n += d->problems[i].severity == DOC_ERROR;
	return n;
}

static const int five[] = { DOC_SEC_OPENING, DOC_SEC_AGENDA, DOC_SEC_DISCUSSION,
			    DOC_SEC_RECOMMENDATIONS, DOC_SEC_CLOSING };

/* ------------------------------------------------------------ the corpus */

static void test_corpus_round_trip(void **state)
{
	(void)state;
	static const char *const files[] = {
		"library-2025-en.txt", "malmo-2018-ar.txt", "shora-1403-fa.txt",
		"unstructured-communique-ar.txt", "vaad-2024-he.txt",
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(files); i++) {
		size_t len;
		char *bytes = tu_corpus_file(files[i], &len);
		assert_true(len > 0);
		assert_round_trip(bytes, len);
		free(bytes);
	}
}

/* The title and the headings are told from their line alone (the editor
 * draws them bold without analysing the document): txt_line_kind() agrees
 * with txt_analyse() on every line of the corpus, and on lines that only
 * look like headings. */
/* Analysing again after an edit counts the edited line anew (the others
 * are remembered): the language follows the text, and a line that became
 * invalid UTF-8 is reported, then no longer once it is fixed. */
static void test_analyse_after_edit(void **state)
{
	(void)state;
	static const char text[] = "# Minutes\n\n## Notes\nThe board met.\nIt agreed.\n";
	struct doc *d = txt_read(text, sizeof text - 1);
	assert_int_equal(d->lang_detected, DOC_LANG_EN);
	static const char ar[] = "اجتمع المجلس ووافق على الميزانية السنوية للجمعية بعد نقاش طويل";
	doc_line_set(d, 4, ar, sizeof ar - 1);
	txt_analyse(d);
	assert_int_equal(d->lang_detected, DOC_LANG_AR);
	assert_int_equal(d->nproblems, 0);
	doc_line_set(d, 3, "bad \xff byte", 10);
	txt_analyse(d);
	assert_int_equal(d->nproblems, 1);
	assert_int_equal(d->problems[0].line, 3);
	txt_analyse(d);
	assert_int_equal(d->nproblems, 1);	/* still reported: not taken from a memory */
	doc_line_set(d, 3, "The board met again.", 20);
	doc_line_set(d, 4, "It agreed.", 10);
	txt_analyse(d);
	assert_int_equal(d->nproblems, 0);
	assert_int_equal(d->lang_detected, DOC_LANG_EN);
	doc_free(d);
}

/* n copies of the UTF-8 letter u appended to b. */
static void put_letters(struct buf *b, const char *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_puts(b, u);
}

/* Line 0 holds a letters of script ua then b of ub (and c of uc); line 1
 * is then set to each of two texts, the document analysed again each
 * time: line 0's counts, remembered from the first analysis when scanned
 * says so, must decide the language exactly as a fresh count would. */
static void letters_case(const char *ua, size_t a, const char *ub, size_t b, const char *uc, size_t c,
			 int scanned, const char *l1, int lang1, const char *l2, int lang2)
{
	struct buf t = BUF_INIT;
	put_letters(&t, ua, a);
	buf_puts(&t, " ");
	put_letters(&t, ub, b);
	put_letters(&t, uc, c);
	buf_puts(&t, "\nx\n");
	struct doc *d = txt_read(t.s, t.len);
	assert_int_equal(d->lines[0].scanned, scanned);
	const char *l[2] = { l1, l2 };
	int want[2] = { lang1, lang2 };
	for (int k = 0; k < 2; k++) {
		doc_line_set(d, 1, l[k], strlen(l[k]));
		txt_analyse(d);
		assert_int_equal(d->lang_detected, want[k]);
	}
	doc_free(d);
	buf_free(&t);
}

/* A line's letter counts are remembered in 24 bits (two scripts, up to
 * 1,023 letters each); lines beyond that are counted again each time. */
static void test_letters_remembered(void **state)
{
	(void)state;
	struct buf h = BUF_INIT;
	put_letters(&h, "ש", 800);
	struct buf h2 = BUF_INIT;
	put_letters(&h2, "ש", 799);
	/* 1,000 Latin and 200 Hebrew letters, remembered: the 800 Hebrew ones
	 * of line 1 tie (Hebrew wins a tie), 799 do not */
	letters_case("a", 1000, "ש", 200, "", 0, 1, h.s, DOC_LANG_HE, h2.s, DOC_LANG_EN);
	/* Arabic and Persian-only letters: Persian when more than 1 in 12 */
	letters_case("ب", 110, "پ", 10, "", 0, 1, "پ", DOC_LANG_FA, "ب", DOC_LANG_AR);
	/* more than 1,023 of one script, or three scripts: counted again */
	letters_case("a", 1100, "ש", 300, "", 0, 0, h.s, DOC_LANG_HE, h2.s, DOC_LANG_EN);
	letters_case("a", 950, "ש", 150, "ب", 1, 0, h.s, DOC_LANG_HE, h2.s, DOC_LANG_EN);
	buf_free(&h);
	buf_free(&h2);
}

/* Letters are counted in 16-bit lanes of one register, emptied before one
 * can overflow: a line of 70,000 letters of one script and 10,000 of
 * another is read as the first. */
static void test_letters_long_line(void **state)
{
	(void)state;
	static const char *const u[2][2] = { { "a", "ש" }, { "ש", "a" } };
	for (int k = 0; k < 2; k++) {
		struct buf b = BUF_INIT;
		put_letters(&b, u[k][0], 70000);
		buf_puts(&b, " ");
		put_letters(&b, u[k][1], 10000);
		buf_puts(&b, "\n");
		struct doc *d = txt_read(b.s, b.len);
		assert_int_equal(d->lang_detected, k == 0 ? DOC_LANG_EN : DOC_LANG_HE);
		doc_free(d);
		buf_free(&b);
	}
}

static void test_line_kind_alone(void **state)
{
	(void)state;
	static const char *const files[] = {
		"library-2025-en.txt", "malmo-2018-ar.txt", "shora-1403-fa.txt",
		"unstructured-communique-ar.txt", "vaad-2024-he.txt",
	};
	size_t titles = 0, headings = 0;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(files); i++) {
		size_t len;
		char *bytes = tu_corpus_file(files[i], &len);
		struct doc *d = txt_read(bytes, len);
		for (size_t li = 0; li < d->nlines; li++) {
			const struct doc_line *l = &d->lines[li];
			int alone = txt_line_kind(doc_line_str(d, l), l->len, li);
			int full = l->kind == DOC_K_TITLE || l->kind == DOC_K_HEADING ? l->kind : DOC_K_FREE;
			if (alone != full)
				fail_msg("%s:%zu: alone %d, analysed %d", files[i], li + 1, alone, l->kind);
			titles += alone == DOC_K_TITLE;
			headings += alone == DOC_K_HEADING;
		}
		doc_free(d);
		free(bytes);
	}
	assert_int_equal(titles, 4);	/* all but the unstructured communique */
	assert_true(headings >= 20);
	assert_int_equal(txt_line_kind("# x", 3, 1), DOC_K_FREE);	/* a title only on line 1 */
	assert_int_equal(txt_line_kind("## x", 4, 0), DOC_K_HEADING);
	assert_int_equal(txt_line_kind("##x", 3, 2), DOC_K_FREE);
	assert_int_equal(txt_line_kind("##", 2, 2), DOC_K_HEADING);
	assert_int_equal(txt_line_kind("#", 1, 0), DOC_K_TITLE);
	assert_int_equal(txt_line_kind("", 0, 0), DOC_K_FREE);
}

static void test_corpus_english(void **state)
{
	(void)state;
	char *b;
	size_t n;
	struct doc *d = load("library-2025-en.txt", &b, &n);
	assert_string_equal(d->title, "Monthly Meeting, Eastside Library Friends");
	assert_string_equal(field(d, DOC_KEY_DATE), "2025-09-09");
	assert_string_equal(d->date_iso, "2025-09-09");
	assert_int_equal(d->calendar, DOC_CAL_GREGORIAN);
	assert_string_equal(field(d, DOC_KEY_TIME), "18:00");
	assert_string_equal(field(d, DOC_KEY_PLACE), "Eastside Library, Reading Room");
	assert_string_equal(field(d, DOC_KEY_CHAIR), "Maria Gonzalez");
	assert_string_equal(field(d, DOC_KEY_SECRETARY), "Omar Khalil");
	const struct doc_people *p = &d->att[DOC_ATT_PRESENT];
	assert_int_equal(p->n, 5);
	assert_person(p, 0, "Maria Gonzalez", "chair");
	assert_person(p, 1, "Omar Khalil", "secretary");
	assert_person(p, 2, "Dana Levi", NULL);
	assert_person(p, 3, "Reza Tehrani", NULL);
	assert_person(p, 4, "Sam O'Neill", NULL);
	assert_int_equal(d->att[DOC_ATT_APOLOGIES].n, 1);
	assert_person(&d->att[DOC_ATT_APOLOGIES], 0, "Fatima Zahra", NULL);
	assert_int_equal(d->att[DOC_ATT_GUESTS].n, 1);
	assert_person(&d->att[DOC_ATT_GUESTS], 0, "Noor Haddad", "city council");
	assert_sections(d, five, 5);
	assert_string_equal(d->sections[3].heading, "Recommendations");
	assert_int_equal(d->nagenda, 4);
	assert_agenda(d, 0, 1, "1", "Minutes of 2025-08-12");
	assert_agenda(d, 1, 2, "2", "Book sale results");
	assert_agenda(d, 2, 3, "3", "Arabic and Persian reading corner («ركن القراءة» / «گوشهٔ کتاب‌خوانی»)");
	assert_agenda(d, 3, 4, "4", "Any other business");
	assert_int_equal(d->nrecs, 3);
	assert_rec(d, 0, "Send the shelf funding request to the council", "Omar Khalil", "2025-09-25", "2025-09-25");
	assert_rec(d, 1, "Order trilingual signs", "Reza Tehrani", "2025-10-07", "2025-10-07");
	assert_rec(d, 2, "Thank the book sale volunteers by email", "Maria Gonzalez", NULL, NULL);
	assert_int_equal(d->lang_detected, DOC_LANG_EN);
	assert_int_equal(d->dir_detected, DOC_DIR_LTR);
	assert_int_equal(errors(d), 0);
	/* "Next meeting: 2025-10-14." is prose in the closing section, not a field */
	assert_null(doc_field_get(d, DOC_KEY_NEXT));
	doc_free(d);
	free(b);
}

static void test_corpus_arabic(void **state)
{
	(void)state;
	char *b;
	size_t n;
	struct doc *d = load("malmo-2018-ar.txt", &b, &n);
	assert_string_equal(d->title, "اجتماع سكرتاريي منظمات الحزب خارج الوطن");
	assert_string_equal(field(d, DOC_KEY_DATE), "2018-10-20");
	assert_string_equal(d->date_iso, "2018-10-20");
	assert_string_equal(field(d, DOC_KEY_TIME), "10:00");
	assert_string_equal(field(d, DOC_KEY_PLACE), "مالمو، السويد");
	assert_string_equal(field(d, DOC_KEY_CHAIR), "رائد فهمي (سكرتير اللجنة المركزية)");
	assert_string_equal(field(d, DOC_KEY_SECRETARY), "سلم علي");
	const struct doc_people *p = &d->att[DOC_ATT_PRESENT];
	assert_int_equal(p->n, 13);
	assert_person(p, 0, "رائد فهمي", "سكرتير اللجنة المركزية");
	assert_person(p, 1, "بسام محي", "عضو المكتب السياسي");
	assert_person(p, 2, "سلم علي", "عضو اللجنة المركزية");
	assert_person(p, 3, "وفد السويد", NULL);
	assert_person(p, 7, "وفد هولندا وبلجيكا", NULL);
	assert_person(p, 12, "وفد روسيا", NULL);
	assert_int_equal(d->att[DOC_ATT_APOLOGIES].n, 1);
	assert_person(&d->att[DOC_ATT_APOLOGIES], 0, "منظمات أخرى", "أرسلت تقاريرها");
	assert_int_equal(d->att[DOC_ATT_GUESTS].n, 0);
	assert_sections(d, five, 5);
	assert_string_equal(d->sections[1].heading, "جدول الأعمال");
	assert_int_equal(d->nagenda, 4);
	assert_agenda(d, 0, 1, "1", "الوضع السياسي في العراق منذ انتخابات أيار 2018");
	assert_agenda(d, 1, 2, "2", "تقويم أداء المنظمات منذ اجتماع حزيران 2017");
	assert_agenda(d, 2, 3, "3", "أولويات العمل: التنظيم، الجاليات، التضامن، العمل الفكري، الإعلام");
	assert_agenda(d, 3, 4, "4", "ما يستجد من أعمال");
	assert_int_equal(d->nrecs, 3);
	assert_rec(d, 0, "تعزيز العلاقة مع الجاليات العراقية في بلدان المهجر", "منظمة السويد",
		   "2019-01-31", "2019-01-31");
	assert_rec(d, 1, "تنسيق النشاط التضامني مع الحركة الاحتجاجية", "مكتب الإعلام",
		   "2018-12-15", "2018-12-15");
	assert_rec(d, 2, "رفع تقارير المنظمات الغائبة إلى السكرتارية", NULL, NULL, NULL);
	assert_int_equal(d->lang_detected, DOC_LANG_AR);
	assert_int_equal(d->dir_detected, DOC_DIR_RTL);
	assert_int_equal(errors(d), 0);
	doc_free(d);
	free(b);
}

static void test_corpus_persian(void **state)
{
	(void)state;
	char *b;
	size_t n;
	struct doc *d = load("shora-1403-fa.txt", &b, &n);
	assert_string_equal(d->title, "صورتجلسهٔ هیئت‌مدیرهٔ انجمن اولیا و مربیان");
	assert_string_equal(field(d, DOC_KEY_DATE), "۱۴۰۳/۰۷/۱۵");
	/* 1 Mehr 1403 = 22 September 2024 */
	assert_string_equal(d->date_iso, "2024-10-06");
	assert_int_equal(d->calendar, DOC_CAL_PERSIAN);
	assert_string_equal(field(d, DOC_KEY_TIME), "۱۶:۰۰");
	assert_string_equal(field(d, DOC_KEY_PLACE), "دبیرستان فردوسی، اتاق ۱۲");
	assert_string_equal(field(d, DOC_KEY_CHAIR), "زهرا احمدی");
	assert_string_equal(field(d, DOC_KEY_SECRETARY), "علی رضوانی");
	const struct doc_people *p = &d->att[DOC_ATT_PRESENT];
	assert_int_equal(p->n, 4);
	assert_person(p, 0, "زهرا احمدی", NULL);
	assert_person(p, 1, "علی رضوانی", NULL);
	assert_person(p, 2, "مریم کریمی", NULL);
	assert_person(p, 3, "John Miller", NULL);
	assert_int_equal(d->att[DOC_ATT_APOLOGIES].n, 1);
	assert_person(&d->att[DOC_ATT_APOLOGIES], 0, "حسین نوری", NULL);
	assert_sections(d, five, 5);
	assert_string_equal(d->sections[3].heading, "مصوبات");
	assert_int_equal(d->nagenda, 3);
	assert_agenda(d, 0, 1, "۱", "گزارش مالی نیمسال اول (درآمد: ۴۵٬۰۰۰٬۰۰۰ ریال)");
	assert_agenda(d, 1, 2, "۲", "برنامهٔ اردوی علمی \"Science Camp 2024\"");
	assert_agenda(d, 2, 3, "۳", "سایر موارد");
	assert_int_equal(d->nrecs, 2);
	assert_rec(d, 0, "تهیهٔ فرم ثبت‌نام اردو", "علی رضوانی", "۱۴۰۳/۰۷/۳۰", "2024-10-21");
	assert_rec(d, 1, "پیگیری کمک مالی از شهرداری", "زهرا احمدی", NULL, NULL);
	assert_int_equal(d->lang_detected, DOC_LANG_FA);
	assert_int_equal(d->dir_detected, DOC_DIR_RTL);
	assert_int_equal(errors(d), 0);
	doc_free(d);
	free(b);
}

static void test_corpus_hebrew(void **state)
{
	(void)state;
	char *b;
	size_t n;
	struct doc *d = load("vaad-2024-he.txt", &b, &n);
	assert_string_equal(d->title, "פרוטוקול ישיבת ועד הבית, רחוב הזית 12");
	assert_string_equal(field(d, DOC_KEY_DATE), "2024-11-03");
	assert_string_equal(d->date_iso, "2024-11-03");
	assert_string_equal(field(d, DOC_KEY_TIME), "20:00");
	assert_string_equal(field(d, DOC_KEY_PLACE), "דירה 4, אצל רחל כהן");
	assert_string_equal(field(d, DOC_KEY_CHAIR), "רחל כהן");
	assert_string_equal(field(d, DOC_KEY_SECRETARY), "יוסי מזרחי");
	const struct doc_people *p = &d->att[DOC_ATT_PRESENT];
	assert_int_equal(p->n, 4);
	assert_person(p, 0, "רחל כהן", "יו״ר");
	assert_person(p, 1, "יוסי מזרחי", "מזכיר");
	assert_person(p, 2, "Anna Schmidt", NULL);
	assert_person(p, 3, "מוחמד עבאס", NULL);
	assert_person(&d->att[DOC_ATT_APOLOGIES], 0, "דוד לוי", NULL);
	assert_sections(d, five, 5);
	assert_string_equal(d->sections[3].heading, "החלטות");
	assert_string_equal(d->sections[4].heading, "נעילה");
	assert_int_equal(d->nagenda, 3);
	assert_agenda(d, 0, 1, "1", "אישור פרוטוקול הישיבה הקודמת (2024-10-06)");
	assert_agenda(d, 1, 2, "2", "תיקון המעלית — הצעת מחיר של 12,500 ₪");
	assert_agenda(d, 2, 3, "3", "גינון החצר (פרויקט \"Green Yard\")");
	assert_int_equal(d->nrecs, 2);
	assert_rec(d, 0, "לקבל את הצעת המחיר מס׳ 2", "יוסי מזרחי", "2024-11-20", "2024-11-20");
	assert_rec(d, 1, "לפרסם הודעה לדיירים בעברית, בערבית ובאנגלית", "מוחמד עבאס", NULL, NULL);
	assert_int_equal(d->lang_detected, DOC_LANG_HE);
	assert_int_equal(errors(d), 0);
	doc_free(d);
	free(b);
}

static void test_corpus_unstructured(void **state)
{
	(void)state;
	char *b;
	size_t n;
	struct doc *d = load("unstructured-communique-ar.txt", &b, &n);
	assert_null(d->title);
	assert_int_equal(d->nfields, 0);
	assert_int_equal(d->nagenda, 0);
	assert_int_equal(d->nrecs, 0);
	assert_int_equal(d->nsections, 1);	/* all of it is free text before any heading */
	assert_null(d->sections[0].heading);
	assert_int_equal(d->sections[0].first, 0);
	assert_int_equal(d->sections[0].end, d->nlines);
	assert_int_equal(d->lines[d->nlines - 1].eol, DOC_EOL_NONE);
	assert_int_equal(d->lang_detected, DOC_LANG_AR);
	assert_int_equal(errors(d), 0);
	doc_free(d);
	free(b);
}

/* ------------------------------------------------------------ generated files */

static void test_crlf_and_final_newline(void **state)
{
	(void)state;
	const char crlf[] = "# T\r\nDate: 2024-01-02\r\n\r\n## Agenda\r\n1. one\r\n2) two\r\n";
	assert_round_trip(crlf, sizeof crlf - 1);
	struct doc *d = txt_read(crlf, sizeof crlf - 1);
	assert_string_equal(d->title, "T");
	assert_string_equal(d->date_iso, "2024-01-02");
	assert_int_equal(d->nagenda, 2);
	assert_string_equal(d->agenda[1].text, "two");
	assert_int_equal(doc_eol_default(d), DOC_EOL_CRLF);
	doc_free(d);

	const char none[] = "# T\n\n## Closing\nbye";
	assert_round_trip(none, sizeof none - 1);
	const char mixed[] = "a\r\nb\nc\r\r\n\n\r";
	assert_round_trip(mixed, sizeof mixed - 1);
	assert_round_trip("", 0);
	assert_round_trip("\n", 1);
	assert_round_trip("\n\n\n", 3);
}

static void test_invalid_utf8_kept(void **state)
{
	(void)state;
	const char bad[] = "# Title \xff\xfe\n## Discussion\nok \xc3\x28 \xe2\x82 end\n\xf0\x9f\x98\n";
	assert_round_trip(bad, sizeof bad - 1);
	struct doc *d = txt_read(bad, sizeof bad - 1);
	assert_true(errors(d) >= 3);
	assert_int_equal(d->problems[0].line, 0);
	assert_non_null(strstr(d->problems[0].msg, "0xFF"));
	doc_free(d);
}

static void test_empty_and_extra_sections(void **state)
{
	(void)state;
	const char s[] = "# Board\n"
			 "Date: 2024-05-01\n"
			 "Quorum: 5 of 7\n"
			 "Budget holder: Ana\n"
			 "\n"
			 "## Closing\n"
			 "## Finance report\n"
			 "Income was fine.\n"
			 "## Agenda\n"
			 "\n"
			 "## Opening\n"
			 "Opened at 9.\n";
	assert_round_trip(s, sizeof s - 1);
	struct doc *d = txt_read(s, sizeof s - 1);
	const int keys[] = { DOC_SEC_CLOSING, DOC_SEC_NONE, DOC_SEC_AGENDA, DOC_SEC_OPENING };
	assert_sections(d, keys, 4);
	assert_int_equal(d->sections[0].first, d->sections[0].end);	/* empty Closing */
	assert_string_equal(d->sections[1].heading, "Finance report");
	assert_int_equal(d->sections[1].end - d->sections[1].first, 1);
	assert_int_equal(doc_line_section(d, 3), -1);	/* header lines are in no section */
	assert_int_equal(d->nfields, 3);
	assert_int_equal(d->fields[1].key, DOC_KEY_NONE);
	assert_string_equal(d->fields[1].label, "Quorum");
	assert_string_equal(d->fields[1].value, "5 of 7");
	assert_string_equal(d->fields[2].label, "Budget holder");
	assert_int_equal(d->nagenda, 0);
	doc_free(d);
}

static void test_labels_every_language_and_aliases(void **state)
{
	(void)state;
	const char s[] = "# t\n"
			 "DATE: 2024-02-03\n"		/* Latin case ignored */
			 "  Time  : 9\n"		/* not a label: space before colon stays in label */
			 "الرئيسة: هدى\n"		/* alias */
			 "המזכירה: x\n"			/* unknown (we know מזכירה, not with ה) */
			 "יו\"ר: דנה\n"			/* ASCII quote for gershayim */
			 "جلسه بعد: ۱۴۰۳/۰۸/۰۱\n"	/* without the hamza */
			 "Apologies： A; B\n"		/* full-width colon */
			 "## Decisions\n"
			 "* decided — votes: ٧-١-٠\n"
			 "• another — owner: Ali, Omar, due: 2024-13-01\n"
			 "- third — المسؤول: سارة، الموعد: 2024-03-01، التصويت: 3-2-1\n"
			 "- no meta — just a dash clause\n";
	assert_round_trip(s, sizeof s - 1);
	struct doc *d = txt_read(s, sizeof s - 1);
	assert_int_equal(d->fields[0].key, DOC_KEY_DATE);
	assert_int_equal(d->fields[1].key, DOC_KEY_TIME);	/* trimmed: "Time" */
	assert_int_equal(d->fields[2].key, DOC_KEY_CHAIR);
	assert_int_equal(d->fields[3].key, DOC_KEY_NONE);
	assert_int_equal(d->fields[4].key, DOC_KEY_CHAIR);
	assert_int_equal(d->fields[5].key, DOC_KEY_NEXT);
	assert_int_equal(d->fields[6].key, DOC_KEY_APOLOGIES);
	assert_int_equal(d->att[DOC_ATT_APOLOGIES].n, 2);
	assert_int_equal(d->sections[0].key, DOC_SEC_RECOMMENDATIONS);
	assert_int_equal(d->nrecs, 4);
	assert_string_equal(d->recs[0].text, "decided");
	assert_true(d->recs[0].has_votes);
	assert_int_equal(d->recs[0].votes[0], 7);
	assert_int_equal(d->recs[0].votes[1], 1);
	assert_int_equal(d->recs[0].votes[2], 0);
	assert_int_equal(d->recs[0].kind, DOC_REC_DECISION);
	assert_string_equal(d->recs[1].owner, "Ali, Omar");
	assert_string_equal(d->recs[1].due, "2024-13-01");
	assert_null(d->recs[1].due_iso);	/* month 13: kept as written */
	assert_string_equal(d->recs[2].owner, "سارة");
	assert_string_equal(d->recs[2].due_iso, "2024-03-01");
	assert_int_equal(d->recs[2].votes[1], 2);
	assert_string_equal(d->recs[3].text, "no meta — just a dash clause");
	assert_null(d->recs[3].owner);
	doc_free(d);
}

static void test_agenda_digits_and_numbering(void **state)
{
	(void)state;
	const char s[] = "## جدول الأعمال\n١. أول\n٢) ثانٍ\n۳. سوم\n7. seven\n2.5 million is not an item\n";
	struct doc *d = txt_read(s, sizeof s - 1);
	assert_int_equal(d->nagenda, 4);
	assert_agenda(d, 0, 1, "١", "أول");
	assert_agenda(d, 1, 2, "٢", "ثانٍ");
	assert_agenda(d, 2, 3, "۳", "سوم");
	assert_agenda(d, 3, 7, "7", "seven");
	int found = 0;
	for (size_t i = 0; i < d->nproblems; i++)
		if (d->problems[i].line == 4 && strstr(d->problems[i].msg, "agenda item 7 follows item 3"))
			found = 1;
	assert_true(found);
	/* ids in order */
	assert_string_equal(doc_attr_of(d, 1)->id, "a1");
	assert_string_equal(doc_attr_of(d, 4)->id, "a4");
	doc_free(d);
}

static void test_headings_in_another_order(void **state)
{
	(void)state;
	const char s[] = "# t\n## Recommendations\n- x — owner: A\n## Agenda\n1. y\n## Opening\nhi\n";
	assert_round_trip(s, sizeof s - 1);
	struct doc *d = txt_read(s, sizeof s - 1);
	const int keys[] = { DOC_SEC_RECOMMENDATIONS, DOC_SEC_AGENDA, DOC_SEC_OPENING };
	assert_sections(d, keys, 3);
	assert_int_equal(d->nrecs, 1);
	assert_int_equal(d->nagenda, 1);
	doc_free(d);
}

static void test_long_discussion(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "# Long\nDate: 2024-01-01\n\n## Discussion\n");
	for (int i = 0; i < 10000; i++)
		buf_printf(&b, "سطر %d من النقاش — line %d: نص مختلط with some words.\n", i, i);
	buf_puts(&b, "\n## Closing\nEnd.");
	assert_round_trip(b.s, b.len);
	struct doc *d = txt_read(b.s, b.len);
	assert_int_equal(d->nlines, 4 + 10000 + 3);
	assert_int_equal(d->nsections, 2);
	assert_int_equal(d->sections[0].key, DOC_SEC_DISCUSSION);
	assert_int_equal(d->sections[0].end - d->sections[0].first, 10001);
	doc_free(d);
	buf_free(&b);
}

/* An edit rewrites only the lines it touched: every other byte stays. */
static void test_edit_changes_only_touched_lines(void **state)
{
	(void)state;
	char *b;
	size_t n;
	struct doc *d = load("shora-1403-fa.txt", &b, &n);
	size_t li = d->recs[1].line;
	const char *tail = " — مسئول: زهرا احمدی، مهلت: ۱۴۰۳/۰۸/۱۰";
	size_t oldlen = d->lines[li].len;
	doc_line_splice(d, li, oldlen, 0, tail, strlen(tail));
	txt_analyse(d);
	assert_int_equal(d->nrecs, 2);
	size_t wlen;
	char *w = txt_write(d, &wlen);
	/* The bytes before and after that line are the original ones. */
	size_t off = 0;
	for (size_t i = 0; i < li; i++)
		off += d->lines[i].len + 1;
	assert_memory_equal(w, b, off);
	size_t after_old = off + oldlen + 1, after_new = off + oldlen + strlen(tail) + 1;
	assert_int_equal(wlen - after_new, n - after_old);
	assert_memory_equal(w + after_new, b + after_old, n - after_old);
	/* The item kept its id through the edit. */
	assert_string_equal(doc_attr_of(d, li)->id, "r2");
	free(w);
	doc_free(d);
	free(b);
}

static void test_skeleton_per_language(void **state)
{
	(void)state;
	for (int lang = 0; lang < DOC_LANG_COUNT; lang++) {
		struct doc *d = txt_skeleton(lang, "2026-11-25");
		assert_non_null(d->title);
		assert_int_equal(d->nsections, DOC_SEC_COUNT);
		for (int s = 0; s < DOC_SEC_COUNT; s++) {
			assert_int_equal(d->sections[s].key, s);
			assert_string_equal(d->sections[s].heading, txt_heading(s, lang));
		}
		assert_int_equal(doc_field_get(d, DOC_KEY_CHAIR)->key, DOC_KEY_CHAIR);
		assert_string_equal(field(d, DOC_KEY_DATE), "2026-11-25");
		assert_int_equal(doc_language(d), lang);
		/* a skeleton re-read from its own text is the same document */
		size_t len;
		char *text = txt_write(d, &len);
		struct doc *again = txt_read(text, len);
		assert_int_equal(again->lang_detected, lang);
		assert_int_equal(again->nfields, d->nfields);
		doc_free(again);
		free(text);
		doc_free(d);
	}
	assert_string_equal(txt_heading(DOC_SEC_AGENDA, DOC_LANG_FA), "دستور جلسه");
	assert_string_equal(txt_label(DOC_KEY_SECRETARY, DOC_LANG_HE), "מזכיר");
}

/* Does d have a problem on line li whose message contains part? */
static int has_problem(const struct doc *d, size_t li, const char *part)
{
	for (size_t i = 0; i < d->nproblems; i++)
		if (d->problems[i].line == li && strstr(d->problems[i].msg, part) != NULL)
			return 1;
	return 0;
}

/* Headings are matched once per distinct text in an analysis: the same
 * text twice gets the same answer, texts of one length are told apart,
 * and more distinct headings than are remembered are still matched. */
static void test_heading_repeats(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "# t\n## Agenda\n## Agendx\n");
	for (int i = 0; i < 40; i++)
		buf_printf(&b, "## Zone %d\n", i);
	buf_puts(&b, "## Agendx\n## Agenda\n## Discussion\n## Discussiom\n");
	struct doc *d = txt_read(b.s, b.len);
	assert_int_equal(d->nsections, 46);
	assert_int_equal(d->sections[0].key, DOC_SEC_AGENDA);
	assert_int_equal(d->sections[1].key, DOC_SEC_NONE);
	assert_true(has_problem(d, 2, "did you mean “Agenda”"));
	assert_int_equal(d->sections[42].key, DOC_SEC_NONE);
	assert_true(has_problem(d, 43, "did you mean “Agenda”"));
	assert_int_equal(d->sections[43].key, DOC_SEC_AGENDA);
	assert_true(has_problem(d, 44, "a second “agenda” section"));
	assert_int_equal(d->sections[44].key, DOC_SEC_DISCUSSION);
	assert_int_equal(d->sections[45].key, DOC_SEC_NONE);
	assert_true(has_problem(d, 46, "did you mean “Discussion”"));
	for (int i = 0; i < 40; i++) {
		assert_int_equal(d->sections[2 + i].key, DOC_SEC_NONE);
		assert_false(has_problem(d, (size_t)(3 + i), "did you mean"));
	}
	doc_free(d);
	buf_free(&b);
}

/* Issue 9: keyboards without an em dash.  " - ", " – ", " — " and " -- "
 * all separate an item's text from its details when a label follows. */
static void test_rec_lenient_separators(void **state)
{
	(void)state;
	const char s[] = "# t\n"
			 "التاريخ: 2024-01-01\n"
			 "\n"
			 "## التوصيات\n"
			 "- z - المسؤول: علي، الموعد: 2024-01-07\n"	/* the repro */
			 "- w – owner: Sam, due: 2024-02-01\n"
			 "- x — מועד: 2024-03-01\n"
			 "- v -- votes: 5-1-0\n"
			 "- Q1 - Q2 report - owner: Dana\n"
			 "- a dash - inside the text only\n";
	assert_round_trip(s, sizeof s - 1);
	struct doc *d = txt_read(s, sizeof s - 1);
	assert_int_equal(d->nrecs, 6);
	assert_rec(d, 0, "z", "علي", "2024-01-07", "2024-01-07");
	assert_int_equal(d->recs[0].kind, DOC_REC_ACTION);
	assert_rec(d, 1, "w", "Sam", "2024-02-01", "2024-02-01");
	assert_rec(d, 2, "x", NULL, "2024-03-01", "2024-03-01");
	assert_rec(d, 3, "v", NULL, NULL, NULL);
	assert_true(d->recs[3].has_votes);
	assert_int_equal(d->recs[3].votes[0], 5);
	/* the first dash has no label after it: it is part of the text */
	assert_rec(d, 4, "Q1 - Q2 report", "Dana", NULL, NULL);
	assert_rec(d, 5, "a dash - inside the text only", NULL, NULL, NULL);
	for (size_t li = 4; li < d->nlines; li++)
		assert_false(has_problem(d, li, "were not read"));
	doc_free(d);
}

/* An item that names a label but yields no owner/due gets a note from
 * check instead of silently losing it. */
static void test_rec_label_not_read_noted(void **state)
{
	(void)state;
	const char s[] = "# t\n\n## Decisions\n"
			 "- fix the roof owner: Ali\n"
			 "- y, المسؤول: عمر\n"
			 "- the owner is happy\n";
	struct doc *d = txt_read(s, sizeof s - 1);
	assert_int_equal(d->nrecs, 3);
	assert_null(d->recs[0].owner);
	assert_true(has_problem(d, 3, "were not read"));
	assert_true(has_problem(d, 4, "were not read"));
	assert_false(has_problem(d, 5, "were not read"));
	doc_free(d);
}

/* Issue 9 repro: typing onto the last heading of a new file made the
 * closing section unknown and check said nothing. */
static void test_heading_close_to_known(void **state)
{
	(void)state;
	int sec = -1;
	const char joined[] = "الختاماختتم الاجتماع";
	assert_string_equal(txt_heading_suggest(joined, sizeof joined - 1, &sec), "الختام");
	assert_int_equal(sec, DOC_SEC_CLOSING);
	assert_string_equal(txt_heading_suggest("Agnda", 5, &sec), "Agenda");
	assert_int_equal(sec, DOC_SEC_AGENDA);
	assert_string_equal(txt_heading_suggest("Discusion", 9, NULL), "Discussion");
	assert_null(txt_heading_suggest("Agenda", 6, NULL));		/* known: nothing to suggest */
	assert_null(txt_heading_suggest("Budget", 6, NULL));		/* an extra section */
	assert_null(txt_heading_suggest("Closing remarks", 15, NULL));	/* a heading of its own */
	const char s[] = "# t\n\n## الختاماختتم\n## Budget\n";
	struct doc *d = txt_read(s, sizeof s - 1);
	assert_true(has_problem(d, 2, "heading “الختاماختتم” is not a known section; did you mean “الختام”?"));
	assert_false(has_problem(d, 3, "did you mean"));
	doc_free(d);
}

/* Each distinct heading is looked up once per analysis (a memo): the same
 * heading repeated, and more distinct headings than the memo holds, are
 * read as one by one (known key, a typo's suggestion, an extra section). */
static void test_headings_repeated_and_many(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "# t\n");
	for (int i = 0; i < 1000; i++) {
		switch (i % 4) {
		case 0: buf_puts(&b, "## Decisions\n- a thing\n"); break;
		case 1: buf_puts(&b, "## Agnda\n"); break;
		case 2: buf_printf(&b, "## Budget %d\n", i); break;	/* 250 distinct ones */
		default: buf_printf(&b, "## Closing\ntext %d\n", i); break;
		}
	}
	struct doc *d = txt_read(b.s, b.len);
	assert_int_equal(d->nsections, 1000);
	size_t known = 0, extra = 0;
	for (size_t i = 0; i < d->nsections; i++) {
		const struct doc_section *sec = &d->sections[i];
		int want = i % 4 == 0 ? DOC_SEC_RECOMMENDATIONS : i % 4 == 3 ? DOC_SEC_CLOSING : DOC_SEC_NONE;
		assert_int_equal(sec->key, want);
		known += want != DOC_SEC_NONE;
		extra += i % 4 == 2 && strncmp(sec->heading, "Budget ", 7) == 0;
		if (i % 4 == 1)
			assert_true(has_problem(d, sec->line, "did you mean “Agenda”?"));
		if (i % 4 == 2)
			assert_false(has_problem(d, sec->line, "did you mean"));
	}
	assert_int_equal(known, 500);
	assert_int_equal(extra, 250);
	assert_int_equal(d->nrecs, 250);
	doc_free(d);
	/* More distinct headings than the memo keeps: each still read. */
	buf_clear(&b);
	buf_puts(&b, "# t\n");
	for (int i = 0; i < 2000; i++)
		buf_printf(&b, i % 2 ? "## Agnda %d\n" : "## Discusion\n", i);
	buf_puts(&b, "## Discusion\n");
	d = txt_read(b.s, b.len);
	assert_int_equal(d->nsections, 2001);
	assert_true(has_problem(d, 2001, "did you mean “Discussion”?"));
	assert_true(has_problem(d, 1999, "did you mean “Discussion”?"));
	assert_false(has_problem(d, 2000, "did you mean"));
	assert_string_equal(d->sections[1999].heading, "Agnda 1999");
	doc_free(d);
	buf_free(&b);
}

static int collect(const char *s, size_t n, void *ctx)
{
	struct buf *b = ctx;
	assert_true(n > 0);
	buf_append(b, s, n);
	return 0;
}

static int refuse_second(const char *s, size_t n, void *ctx)
{
	(void)s, (void)n;
	return ++*(int *)ctx > 1;
}

/* txt_write_to() hands out the very bytes of txt_write(), in pieces: the
 * corpus; CRLF, no final newline, a line longer than a piece, 3 MB. */
static void test_write_to_same_bytes(void **state)
{
	(void)state;
	struct buf in = BUF_INIT, out = BUF_INIT;
	buf_puts(&in, "# t\r\nDate: 2024-01-01\n## Discussion\n");
	for (int i = 0; i < 40000; i++)
		buf_printf(&in, i % 3 ? "line %d of the discussion \xd8\xa8\r\n" : "line %d\n", i);
	for (size_t i = 0; i < ((size_t)3 << 19); i++)
		buf_putc(&in, (char)('a' + i % 26));	/* 1.5 MB on one line */
	buf_puts(&in, "\nlast, no newline");
	const char *names[] = { "library-2025-en.txt", "malmo-2018-ar.txt", "vaad-2024-he.txt", NULL };
	for (int k = -1; k < 3; k++) {
		size_t len;
		char *bytes = k < 0 ? NULL : tu_corpus_file(names[k], &len);
		struct doc *d = k < 0 ? txt_read(in.s, in.len) : txt_read(bytes, len);
		size_t wl;
		char *w = txt_write(d, &wl);
		buf_clear(&out);
		assert_int_equal(txt_write_to(d, collect, &out), wl);
		assert_int_equal(out.len, wl);
		assert_memory_equal(out.s, w, wl);
		int calls = 0;
		if (k < 0)	/* an emit that stops is not called again */
			assert_int_equal(txt_write_to(d, refuse_second, &calls), (size_t)-1);
		if (k < 0)
			assert_int_equal(calls, 2);
		free(w);
		free(bytes);
		doc_free(d);
	}
	buf_free(&in);
	buf_free(&out);
}

/* The skeleton leaves a body line under every heading, the last one too,
 * so that text typed at the end of the document is not on a heading. */
static void test_skeleton_body_line_under_headings(void **state)
{
	(void)state;
	for (int lang = 0; lang < DOC_LANG_COUNT; lang++) {
		struct doc *d = txt_skeleton(lang, "2026-11-25");
		for (size_t s = 0; s < d->nsections; s++) {
			assert_true(d->sections[s].line + 1 < d->nlines);
			assert_int_equal(d->lines[d->sections[s].line + 1].kind, DOC_K_BLANK);
		}
		assert_int_equal(d->lines[d->nlines - 1].len, 0);
		assert_int_equal(doc_line_section(d, d->nlines - 1), (int)d->nsections - 1);
		/* type onto the last line: the closing section keeps its heading */
		doc_line_splice(d, d->nlines - 1, 0, 0, "x", 1);
		txt_analyse(d);
		assert_int_equal(d->sections[d->nsections - 1].key, DOC_SEC_CLOSING);
		doc_free(d);
	}
}

/* Members: a header field in all four languages. */
static void test_members_label(void **state)
{
	(void)state;
	const char *labels[] = { "Members: 9", "الأعضاء: ٩", "اعضا: ۹", "חברים: 9" };
	for (size_t i = 0; i < 4; i++) {
		char s[128];
		snprintf(s, sizeof s, "# t\n%s\n\n## Agenda\n", labels[i]);
		struct doc *d = txt_read(s, strlen(s));
		assert_non_null(doc_field_get(d, DOC_KEY_MEMBERS));
		doc_free(d);
	}
	assert_string_equal(txt_label(DOC_KEY_MEMBERS, DOC_LANG_HE), "חברים");
}

/* The header block runs until the first "## ": a stray line in it is kept
 * as text (with a note) and the fields after it still count. */
static void test_header_block_until_first_heading(void **state)
{
	(void)state;
	const char s[] = "\xEF\xBB\xBF# Board meeting\n"	/* BOM from Notepad */
			 "Date: 2024-03-15\n"
			 "Time:10:00\n"		/* known label, no space */
			 "Note to self, fill in the rest later\n"
			 "Chair: Ana\n"
			 "Present: Ana; Ben\n"
			 "12:30 lunch\n"		/* not a label: a time */
			 "\n"
			 "## Discussion\n"
			 "Ratio: 3 to 1, said Ben.\n";
	assert_round_trip(s, sizeof s - 1);
	struct doc *d = txt_read(s, sizeof s - 1);
	assert_string_equal(d->title, "Board meeting");
	assert_string_equal(field(d, DOC_KEY_TIME), "10:00");
	assert_string_equal(field(d, DOC_KEY_CHAIR), "Ana");
	assert_int_equal(d->att[DOC_ATT_PRESENT].n, 2);
	assert_int_equal(d->nfields, 4);
	assert_int_equal(d->lines[3].kind, DOC_K_FREE);
	assert_int_equal(doc_line_section(d, 3), -1);
	assert_int_equal(d->lines[6].kind, DOC_K_FREE);
	int notes = 0;
	for (size_t i = 0; i < d->nproblems; i++) {
		if (d->problems[i].line == 2 && strstr(d->problems[i].msg, "no space after"))
			notes |= 1;
		if (d->problems[i].line == 3 && strstr(d->problems[i].msg, "not a “Label: value”"))
			notes |= 2;
		if (d->problems[i].line == 6 && strstr(d->problems[i].msg, "not a “Label: value”"))
			notes |= 4;
	}
	assert_int_equal(notes, 7);
	/* after the first heading, "X: y" is prose */
	assert_int_equal(d->nsections, 1);
	assert_int_equal(d->lines[9].kind, DOC_K_FREE);
	assert_int_equal(errors(d), 0);
	doc_free(d);

	/* A titled file with no heading at all is prose after its fields. */
	const char prose[] = "# Communiqué\nDate: 2024-01-01\nThe committee met, and all came.\nNext: more prose.\n";
	d = txt_read(prose, sizeof prose - 1);
	assert_int_equal(d->nfields, 1);
	assert_int_equal(d->nsections, 1);
	assert_null(d->sections[0].heading);
	assert_int_equal(d->sections[0].first, 2);
	assert_int_equal(d->sections[0].end, 4);
	for (size_t i = 0; i < d->nproblems; i++)
		assert_null(strstr(d->problems[i].msg, "Label: value"));
	doc_free(d);
}

/* Where an item's owner and due date are written in its line. */
static void test_rec_detail(void **state)
{
	(void)state;
	const char *l = "- Fix it — owner: Ali, Omar, due: 2025-01-02, votes: 5-0-1";
	size_t a, b;
	assert_int_equal(txt_rec_detail(l, strlen(l), DOC_KEY_OWNER, &a, &b), 1);
	assert_int_equal(b - a, strlen("Ali, Omar"));
	assert_memory_equal(l + a, "Ali, Omar", b - a);
	assert_int_equal(txt_rec_detail(l, strlen(l), DOC_KEY_DUE, &a, &b), 1);
	assert_memory_equal(l + a, "2025-01-02", b - a);
	const char *l2 = "- Fix it — owner: Ann ";
	assert_int_equal(txt_rec_detail(l2, strlen(l2), DOC_KEY_DUE, &a, &b), 0);
	assert_int_equal(a, strlen("- Fix it — owner: Ann"));	/* after the details, not the trailing space */
	const char *l3 = "- A decision — with a dash";
	assert_int_equal(txt_rec_detail(l3, strlen(l3), DOC_KEY_OWNER, &a, &b), -1);
	assert_int_equal(a, strlen(l3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rec_detail),
		cmocka_unit_test(test_corpus_round_trip),
		cmocka_unit_test(test_line_kind_alone),
		cmocka_unit_test(test_analyse_after_edit),
		cmocka_unit_test(test_letters_remembered),
		cmocka_unit_test(test_letters_long_line),
		cmocka_unit_test(test_heading_repeats),
		cmocka_unit_test(test_corpus_english),
		cmocka_unit_test(test_corpus_arabic),
		cmocka_unit_test(test_corpus_persian),
		cmocka_unit_test(test_corpus_hebrew),
		cmocka_unit_test(test_corpus_unstructured),
		cmocka_unit_test(test_crlf_and_final_newline),
		cmocka_unit_test(test_invalid_utf8_kept),
		cmocka_unit_test(test_empty_and_extra_sections),
		cmocka_unit_test(test_labels_every_language_and_aliases),
		cmocka_unit_test(test_agenda_digits_and_numbering),
		cmocka_unit_test(test_headings_in_another_order),
		cmocka_unit_test(test_long_discussion),
		cmocka_unit_test(test_edit_changes_only_touched_lines),
		cmocka_unit_test(test_skeleton_per_language),
		cmocka_unit_test(test_header_block_until_first_heading),
		cmocka_unit_test(test_rec_lenient_separators),
		cmocka_unit_test(test_rec_label_not_read_noted),
		cmocka_unit_test(test_heading_close_to_known),
		cmocka_unit_test(test_headings_repeated_and_many),
		cmocka_unit_test(test_write_to_same_bytes),
		cmocka_unit_test(test_skeleton_body_line_under_headings),
		cmocka_unit_test(test_members_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
