/* mode-ask: answers to the editor's questions from other keyboard layouts —
 * the quit question ("y" save and quit, "n" quit without saving), the
 * recovery question ("r" restore, "d" delete the copy) and replacing a
 * match ("y", "n", "a" all, "q" stop). */
#include "testutil.h"

#include "mahdar/doc.h"
#include "mahdar/mode.h"

static int ans(int prompt, const char *s, int lang)
{
	return mode_ask_answer(prompt, s, strlen(s), lang);
}

static void test_quit_answers(void **state)
{
	(void)state;
	const int Q = MODE_ASK_YES_NO;
	/* Yes: y, the y key on Arabic/Persian (غ) and Hebrew (ט) keyboards,
	 * and the initials of نعم, بله, כן. */
	const char *yes[] = {"y", "Y", "\u063a", "\u05d8", "\u0646", "\u0628", "\u05db", "yes",
			     "\u0646\u0639\u0645", "\u05db\u05df"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (ans(Q, yes[i], DOC_LANG_AR) != 'y')
			fail_msg("\"%s\" is not a yes", yes[i]);
	/* No: n, the n key on Arabic (ى), Persian (د) and Hebrew (מ)
	 * keyboards, and the initials of لا (also the Arabic لا key), خیر, לא. */
	const char *no[] = {"n", "N", "\u0649", "\u062f", "\u05de", "\u0644", "\u0644\u0627", "\u062e",
			    "\u05dc", "\u05dc\u05d0"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (ans(Q, no[i], DOC_LANG_HE) != 'n')
			fail_msg("\"%s\" is not a no", no[i]);
	/* Anything else answers nothing (the question is dropped). */
	const char *other[] = {"x", "q", " ", "\u06cc", "\u064a", "\u0642", "r", "d", ""};
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		if (ans(Q, other[i], DOC_LANG_EN) != 0)
			fail_msg("\"%s\" answered the quit question", other[i]);
	/* ن begins نعم (yes in Arabic) but also نه (no in Persian): in a
	 * Persian document it answers nothing. */
	assert_int_equal(ans(Q, "\u0646", DOC_LANG_FA), 0);
	assert_int_equal(ans(Q, "\u0646\u0647", DOC_LANG_FA), 0);
	assert_int_equal(ans(Q, "\u0628", DOC_LANG_FA), 'y');
	assert_int_equal(ans(Q, "\u062e", DOC_LANG_FA), 'n');
	assert_int_equal(ans(Q, "\u0646", DOC_LANG_NONE), 'y');
}

static void test_recovery_answers(void **state)
{
	(void)state;
	const int R = MODE_ASK_RECOVER;
	const char *restore[] = {"r", "R", "\u0642", "\u05e8"};
	for (size_t i = 0; i < sizeof restore / sizeof restore[0]; i++)
		if (ans(R, restore[i], DOC_LANG_FA) != 'r')
			fail_msg("\"%s\" does not restore", restore[i]);
	const char *del[] = {"d", "D", "\u064a", "\u06cc", "\u05d2"};
	for (size_t i = 0; i < sizeof del / sizeof del[0]; i++)
		if (ans(R, del[i], DOC_LANG_AR) != 'd')
			fail_msg("\"%s\" does not delete", del[i]);
	/* The quit question's letters mean nothing here, and the other way round. */
	assert_int_equal(ans(R, "y", DOC_LANG_EN), 0);
	assert_int_equal(ans(R, "\u062f", DOC_LANG_FA), 0);
	assert_int_equal(ans(MODE_ASK_YES_NO, "d", DOC_LANG_EN), 0);
	assert_int_equal(ans(-1, "y", DOC_LANG_EN), 0);
	/* An invalid byte answers nothing. */
	assert_int_equal(mode_ask_answer(R, "\xff", 1, DOC_LANG_EN), 0);
}

/* Replacing a match: y / n as in the quit question, a (all) and q (stop)
 * from the same keys on other keyboards and the initials of "all". */
static void test_replace_answers(void **state)
{
	(void)state;
	const int P = MODE_ASK_REPLACE;
	const char *all[] = {"a", "A", "\u0634", "\u05e9", "\u0643", "\u0647", "\u05d4"};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (ans(P, all[i], DOC_LANG_AR) != 'a')
			fail_msg("\"%s\" is not all", all[i]);
	const char *stop[] = {"q", "Q", "\u0636", "/"};
	for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
		if (ans(P, stop[i], DOC_LANG_HE) != 'q')
			fail_msg("\"%s\" does not stop", stop[i]);
	assert_int_equal(ans(P, "\u063a", DOC_LANG_AR), 'y');
	assert_int_equal(ans(P, "\u05de", DOC_LANG_HE), 'n');
	/* All and stop mean nothing to the other questions. */
	assert_int_equal(ans(MODE_ASK_YES_NO, "a", DOC_LANG_EN), 0);
	assert_int_equal(ans(MODE_ASK_RECOVER, "q", DOC_LANG_EN), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quit_answers),
		cmocka_unit_test(test_recovery_answers),
		cmocka_unit_test(test_replace_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
