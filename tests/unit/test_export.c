/* export: the writers on small documents — widths, the narrow action
 * list, visual order, Markdown escaping and RLMs, HTML escaping and the
 * language and direction of each element. */
#include "testutil.h"

#include "mahdar/buf.h"
#include "mahdar/export.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

static char *export_of(const char *text, int format, int width, int visual)
{
	struct doc *d = txt_read(text, strlen(text));
	struct export_opts o = { .format = format, .width = width, .visual = visual };
	size_t n;
	char *out = export_doc(d, &o, &n);
	doc_free(d);
	return out;
}

/* Every row of s at most width columns wide. */
static void assert_rows_within(const char *s, int width)
{
	const char *p = s;
	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (ustr_width(p, n) > width)
			fail_msg("row wider than %d: \"%.*s\"", width, (int)n, p);
		p += n + (e != NULL);
	}
}

static void test_text_long_label(void **state)
{
	(void)state;
	/* Found by fuzz_export: a label longer than the width. */
	char *out = export_of("# T\nA very long label that goes on and on: value\nPlace: Hall\n", EXPORT_TEXT,
			      24, 0);
	assert_rows_within(out, 24);
	assert_non_null(strstr(out, "Place: Hall\n"));
	free(out);
	/* Short labels are aligned. */
	out = export_of("# T\nDate: 2024-03-15\nSecretary: Omar\n", EXPORT_TEXT, 72, 0);
	assert_non_null(strstr(out, "\nDate:       2024-03-15\nSecretary:  Omar\n"));
	free(out);
}

static void test_text_narrow_actions(void **state)
{
	(void)state;
	const char *doc = "# T\n\n## Recommendations\n- Write to the council — owner: Omar Khalil, due: 2025-09-25\n";
	char *out = export_of(doc, EXPORT_TEXT, 20, 0);
	assert_rows_within(out, 20);
	assert_null(strstr(out, "Item"));
	assert_non_null(strstr(out, "- Write to the"));
	assert_non_null(strstr(out, "- Write to the\n  council\n  Owner: Omar\n  Khalil, Due:\n  2025-09-25,\n  Status: open\n"));
	free(out);
	out = export_of(doc, EXPORT_TEXT, 72, 0);
	assert_non_null(strstr(out, "Item                                     Owner        Due         Status\n"
				    "---------------------------------------  -----------  ----------  ------\n"
				    "Write to the council                     Omar Khalil  2025-09-25  open\n"));
	free(out);
}

static void test_text_visual(void **state)
{
	(void)state;
	char *out = export_of("# T\n\n## Opening\nabc אבג.\nשלום (עולם)\n", EXPORT_TEXT, 30, 1);
	/* An LTR line: the Hebrew run reversed; an RTL one right-aligned,
	 * reversed, brackets mirrored. */
	assert_non_null(strstr(out, "\nabc גבא.\n"));
	assert_non_null(strstr(out, "\n                   (םלוע) םולש\n"));
	free(out);
}

/* In a right-to-left document the rows the export makes stay
 * right-to-left (an RLM where a row would read left-to-right); paragraphs
 * keep their own direction. */
static void test_text_rtl_rows(void **state)
{
	(void)state;
	const char *doc = "# جلسه\n\n## دستور جلسه\n۱. Science Camp برنامه\n\n## بحث\nJohn spoke.\n";
	char *out = export_of(doc, EXPORT_TEXT, 40, 0);
	assert_non_null(strstr(out, "\n\xE2\x80\x8F----------\n"));	/* the heading's underline */
	assert_non_null(strstr(out, "\n\xE2\x80\x8F۱. Science Camp برنامه\n"));
	assert_non_null(strstr(out, "\nJohn spoke.\n"));
	free(out);
	out = export_of(doc, EXPORT_TEXT, 40, 1);
	/* Visual: the underline right-aligned under its heading. */
	assert_non_null(strstr(out, "\n                              هسلج روتسد\n"
				    "                              ----------\xE2\x80\x8F\n"));
	assert_non_null(strstr(out, "\nJohn spoke.\n"));
	free(out);
}

static void test_text_no_controls(void **state)
{
	(void)state;
	char *out = export_of("# T\x1b[2J\n\n## Opening\nbell\x07 and \xc2\x9b and \xe2\x80\xae.\n", EXPORT_TEXT, 72, 0);
	assert_null(strchr(out, 0x1b));
	assert_null(strchr(out, 0x07));
	assert_null(strstr(out, "\xc2\x9b"));
	assert_null(strstr(out, "\xe2\x80\xae"));
	assert_non_null(strstr(out, "T^[[2J"));
	free(out);
}

static void test_markdown(void **state)
{
	(void)state;
	char *out = export_of("# محضر\n\n## الافتتاح\nافتتح الاجتماع *مبكراً*.\n1. not an item here\n",
			      EXPORT_MARKDOWN, 72, 0);
	/* RTL blocks held by RLMs, Markdown characters escaped. */
	assert_non_null(strstr(out, "# \xE2\x80\x8F" "محضر" "\xE2\x80\x8F\n"));
	assert_non_null(strstr(out, "\xE2\x80\x8F" "افتتح الاجتماع \\*مبكراً\\*." "\xE2\x80\x8F\n"));
	assert_non_null(strstr(out, "\n1\\. not an item here\n"));
	free(out);
}

static void test_html(void **state)
{
	(void)state;
	char *out = export_of("# ישיבה\n\n## דיון\nAnna said <b>yes</b> & left.\nיוסי ענה.\n\n## החלטות\n"
			      "- לתקן — אחראי: Anna\n", EXPORT_HTML, 72, 0);
	assert_non_null(strstr(out, "<html lang=\"he\" dir=\"rtl\">"));
	assert_non_null(strstr(out, "<p lang=\"en\" dir=\"ltr\">Anna said &lt;b&gt;yes&lt;/b&gt; &amp; left.</p>"));
	assert_non_null(strstr(out, "<p lang=\"he\" dir=\"rtl\">יוסי ענה.</p>"));
	assert_non_null(strstr(out, "<td lang=\"en\" dir=\"ltr\">Anna</td>"));
	/* An empty cell takes the document's. */
	assert_non_null(strstr(out, "<td lang=\"he\" dir=\"rtl\"></td>"));
	free(out);
}

static void test_text_lang(void **state)
{
	(void)state;
	const char *fa = "کتاب‌ها", *ar = "الكتاب", *he = "ספר", *en = "book", *num = "12:00";
	assert_int_equal(export_text_lang(fa, strlen(fa), DOC_LANG_EN), DOC_LANG_FA);
	assert_int_equal(export_text_lang(ar, strlen(ar), DOC_LANG_EN), DOC_LANG_AR);
	assert_int_equal(export_text_lang(ar, strlen(ar), DOC_LANG_FA), DOC_LANG_FA);
	assert_int_equal(export_text_lang(he, strlen(he), DOC_LANG_EN), DOC_LANG_HE);
	assert_int_equal(export_text_lang(en, strlen(en), DOC_LANG_AR), DOC_LANG_EN);
	assert_int_equal(export_text_lang(num, strlen(num), DOC_LANG_HE), DOC_LANG_HE);
	assert_int_equal(export_text_dir(num, strlen(num), DOC_DIR_RTL), DOC_DIR_RTL);
	assert_int_equal(export_text_dir(en, strlen(en), DOC_DIR_RTL), DOC_DIR_LTR);
	assert_int_equal(export_text_dir(he, strlen(he), DOC_DIR_LTR), DOC_DIR_RTL);
	assert_int_equal(export_format_parse("md"), EXPORT_MARKDOWN);
	assert_int_equal(export_format_parse("pdf"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_long_label),
		cmocka_unit_test(test_text_narrow_actions),
		cmocka_unit_test(test_text_visual),
		cmocka_unit_test(test_text_rtl_rows),
		cmocka_unit_test(test_text_no_controls),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_text_lang),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
