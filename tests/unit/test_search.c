/* search: the script-aware matches a user expects (the list), none
 * of them in exact mode, matches mapped back to the original bytes, finds
 * that wrap round the document, and counts and numbers of matches. */
#include "testutil.h"

#include "mahdar/doc.h"
#include "mahdar/search.h"

static struct doc *doc_of(const char *const *lines, size_t n)
{
	struct doc *d = doc_new();
	for (size_t i = 0; i < n; i++)
		doc_line_insert(d, i, lines[i], strlen(lines[i]), DOC_EOL_LF);
	return d;
}

struct hits {
	size_t n;
	size_t start[8], end[8];
};

static void hits_add(void *ctx, size_t start, size_t end)
{
	struct hits *h = ctx;
	if (h->n < 8)
		h->start[h->n] = start, h->end[h->n] = end;
	h->n++;
}

/* Does pat (exact or not) find the whole of text, exactly its bytes? */
static int finds_whole(const char *pat, const char *text, int exact)
{
	struct doc *d = doc_of(&text, 1);
	struct search *s = search_new(pat, strlen(pat), exact);
	struct hits h = {0};
	search_line(s, d, 0, hits_add, &h);
	int r = h.n == 1 && h.start[0] == 0 && h.end[0] == strlen(text);
	search_free(s);
	doc_free(d);
	return r;
}

/* A few of the pairs (test_fold has them all) through a
 * document's lines, as the search mode finds them. */
static void test_script_aware(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"مسؤول", "مسئول"}, {"الاجتماع", "الإجتماع"}, {"שלום", "שָׁלוֹם"},
		{"میخواهیم", "می\u200cخواهیم"}, {"١٢", "۱۲"}, {"كتاب", "كتاب"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!finds_whole(cases[i][0], cases[i][1], 0))
			fail_msg("\"%s\" does not find \"%s\"", cases[i][0], cases[i][1]);
		int same = strcmp(cases[i][0], cases[i][1]) == 0;
		if (finds_whole(cases[i][0], cases[i][1], 1) != same)
			fail_msg("exact \"%s\" %s \"%s\"", cases[i][0], same ? "does not find" : "finds", cases[i][1]);
	}
	assert_true(finds_whole("Report", "rEPORT", 0));
	assert_false(finds_whole("Report", "rEPORT", 1));
}

/* The match covers exactly the matched graphemes of the original line, in
 * a mixed line too. */
static void test_match_bytes(void **state)
{
	(void)state;
	const char *line = "تقرير report عن الاجتماعَ 2024";
	struct doc *d = doc_of(&line, 1);
	struct search *s = search_new("الاجتماع 2024", strlen("الاجتماع 2024"), 0);
	struct hits h = {0};
	search_line(s, d, 0, hits_add, &h);
	assert_int_equal(h.n, 1);
	const char *at = strstr(line, "الاجتماعَ");
	assert_int_equal(h.start[0], (size_t)(at - line));
	assert_int_equal(h.end[0], strlen(line));
	search_free(s);
	doc_free(d);
}

static void test_scan_wraps_and_counts(void **state)
{
	(void)state;
	const char *lines[] = {"one two", "nothing", "two and two", "end"};
	struct doc *d = doc_of(lines, 4);
	struct search *s = search_new("TWO", 3, 0);
	struct search_scan sc;
	size_t l, a, b;
	/* From inside line 2, after its last match: round to line 0. */
	search_scan_start(&sc, 2, 9, 1);
	assert_int_equal(search_scan_step(s, d, &sc, 100, &l, &a, &b), 1);
	assert_int_equal(l, 0);
	assert_int_equal(a, 4);
	assert_true(sc.wrapped);
	/* Backward from line 0: round to the last match of line 2. */
	search_scan_start(&sc, 0, 4, -1);
	assert_int_equal(search_scan_step(s, d, &sc, 100, &l, &a, &b), 1);
	assert_int_equal(l, 2);
	assert_int_equal(a, 8);
	assert_true(sc.wrapped);
	/* A slice of one line at a time: not yet, not yet, found. */
	search_scan_start(&sc, 1, 0, 1);
	assert_int_equal(search_scan_step(s, d, &sc, 1, &l, &a, &b), -1);
	assert_int_equal(search_scan_step(s, d, &sc, 1, &l, &a, &b), 1);
	assert_int_equal(l, 2);
	/* Counting in slices; the numbers of the matches. */
	assert_int_equal(search_count_step(s, d, 2), 0);
	assert_int_equal(search_index(s, d, 2, 0), 0);	/* not counted that far */
	assert_int_equal(search_count_step(s, d, 10), 1);
	assert_int_equal(search_total(s), 3);
	assert_int_equal(search_index(s, d, 0, 4), 1);
	assert_int_equal(search_index(s, d, 2, 8), 3);
	/* A change of the document starts the count again. */
	doc_line_set(d, 1, "two", 3);
	assert_false(search_counted(s, d));
	assert_int_equal(search_count_step(s, d, 10), 1);
	assert_int_equal(search_total(s), 4);
	search_free(s);
	/* No match anywhere. */
	s = search_new("zzz", 3, 0);
	search_scan_start(&sc, 0, 0, 1);
	assert_int_equal(search_scan_step(s, d, &sc, 100, &l, &a, &b), 0);
	search_free(s);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_aware),
		cmocka_unit_test(test_match_bytes),
		cmocka_unit_test(test_scan_wraps_and_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
