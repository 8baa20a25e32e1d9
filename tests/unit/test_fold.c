/* fold: the script-aware matching that search and label recognition share —
 * what a secretary types finds what another typed with other marks, other
 * letter forms or other digits, and the match covers whole graphemes. */
#include "testutil.h"

#include "mahdar/fold.h"

#define S(lit) lit, strlen(lit)

/* Where pat (mode m) first matches text, as a copy of the matched bytes, or NULL. */
static char *find(const char *pat, const char *text, enum fold_mode m)
{
	struct fold_pattern *p = fold_pattern_new(S(pat), m);
	size_t a, b;
	char *got = NULL;
	if (fold_find(p, S(text), 0, &a, &b)) {
		assert_true(a < b && b <= strlen(text));
		got = strndup(text + a, b - a);
	}
	fold_pattern_free(p);
	return got;
}

static void expect(const char *pat, const char *text, const char *match, enum fold_mode m)
{
	char *got = find(pat, text, m);
	if (match == NULL && got != NULL)
		fail_msg("'%s' found '%s' in '%s'", pat, got, text);
	if (match != NULL && (got == NULL || strcmp(got, match) != 0))
		fail_msg("'%s' in '%s': expected '%s', got '%s'", pat, text, match,
			 got ? got : "(none)");
	free(got);
}

/* The table: each loose match, and exact mode finding none that differ. */
static void test_script_aware_pairs(void **state)
{
	(void)state;
	static const struct { const char *pat, *text; } pairs[] = {
		{"مسؤول", "مسئول"}, {"مسؤول", "مسؤول"},
		{"الاجتماع", "الاجتماعَ"}, {"الاجتماع", "الإجتماع"},
		{"שלום", "שָׁלוֹם"},
		{"میخواهیم", "می\u200cخواهیم"},
		{"كتاب", "کتاب"},
		{"١٢", "12"}, {"١٢", "۱۲"},
		{"مدرسة", "مدرسه"}, {"على", "علی"}, {"آخر", "اخر"}, {"Report", "rEPORT"},
		{"ÉTÉ", "été"}, {"جـــدول", "جدول"}, {"עד\"ה", "עד״ה"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char line[256];
		snprintf(line, sizeof line, "قبل %s بعد", pairs[i].text);
		expect(pairs[i].pat, line, pairs[i].text, FOLD_LOOSE);
		if (strcmp(pairs[i].pat, pairs[i].text) != 0)
			expect(pairs[i].pat, line, NULL, FOLD_EXACT);
		else
			expect(pairs[i].pat, line, pairs[i].text, FOLD_EXACT);
	}
}

/* The match ends on a grapheme boundary: the haraka on the last letter is in it,
 * and a match never starts inside a grapheme. */
static void test_match_covers_graphemes(void **state)
{
	(void)state;
	expect("كتب", "كَتَبَ الرسالة", "كَتَبَ", FOLD_LOOSE);
	expect("e", "cafe\u0301 bar", "e\u0301", FOLD_LOOSE);
	/* a bidi mark after the word is its own grapheme and stays outside */
	expect("علي", "علي\u200f (رئيس)", "علي", FOLD_LOOSE);
	/* runs of spaces are one space, in the pattern and the text */
	expect("جدول  الأعمال", "جدول \t الاعمال", "جدول \t الاعمال", FOLD_LOOSE);
	/* a pattern whose first letter is a mark after an ignored haraka starts the
	 * match at the grapheme's start (found by fuzzing: it matched nowhere) */
	expect("\u064e\u0483x", "\u064e\u0483x y", "\u064e\u0483x", FOLD_LOOSE);
	/* NUL is no ignored character: it matches only itself */
	struct fold_pattern *z = fold_pattern_new("a\0b", 3, FOLD_LOOSE);
	size_t za, zb;
	assert_false(fold_find(z, S("ab"), 0, &za, &zb));
	assert_true(fold_find(z, "xa\0b", 4, 0, &za, &zb) && za == 1 && zb == 4);
	fold_pattern_free(z);
	/* a pattern that folds to nothing matches nowhere */
	struct fold_pattern *p = fold_pattern_new(S("\u064e\u0640"), FOLD_LOOSE);
	size_t a, b;
	assert_true(fold_pattern_empty(p));
	assert_false(fold_find(p, S("كَتَبَ"), 0, &a, &b));
	fold_pattern_free(p);
}

/* Every match, forwards and backwards, in order. */
static void test_find_next_and_prev(void **state)
{
	(void)state;
	const char *s = "كتاب و کتاب و الكتاب";
	struct fold_pattern *p = fold_pattern_new(S("كتاب"), FOLD_LOOSE);
	size_t starts[8], n = 0, from = 0, a, b;
	while (fold_find(p, s, strlen(s), from, &a, &b)) {
		starts[n++] = a;
		from = b;
	}
	assert_int_equal(n, 3);
	assert_int_equal(starts[0], 0);
	size_t before = strlen(s);
	for (size_t k = n; k-- > 0;) {
		assert_true(fold_find_prev(p, s, strlen(s), before, &a, &b));
		assert_int_equal(a, starts[k]);
		before = a;
	}
	assert_false(fold_find_prev(p, s, strlen(s), before, &a, &b));
	fold_pattern_free(p);
}

/* Invalid bytes are kept and only match themselves. */
static void test_invalid_bytes(void **state)
{
	(void)state;
	expect("a\xff" "b", "xa\xff" "by", "a\xff" "b", FOLD_LOOSE);
	expect("a\xfe" "b", "xa\xff" "by", NULL, FOLD_EXACT);
}

/* Labels: fold_eq ignores the ends' spaces and what typists vary. */
static void test_eq_and_key(void **state)
{
	(void)state;
	assert_true(fold_eq(S("  الرئيسة "), S("الرئيسه")));
	assert_true(fold_eq(S("Next  Meeting"), S("next meeting")));
	assert_true(fold_eq(S("رئيس جلسه"), S("رئيس\u00a0جلسه")));
	assert_false(fold_eq(S("Date"), S("Dates")));
	assert_false(fold_eq(S("   "), S("")));
	char *k1 = fold_string(S(" مسؤولٌ  الملف ")), *k2 = fold_string(S("مسئول الملف"));
	assert_string_equal(k1, k2);
	free(k1), free(k2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_aware_pairs),
		cmocka_unit_test(test_match_covers_graphemes),
		cmocka_unit_test(test_find_next_and_prev),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_eq_and_key),
	};
	return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
