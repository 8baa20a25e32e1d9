/* Graphemes: Unicode's own GraphemeBreakTest.txt against every place that
 * decides cursor stops — ustr_grapheme_breaks (code points),
 * ustr_grapheme_next/prev (bytes, the editor's motions) and layout_line's
 * goff (what the screen shows) — plus invalid bytes, which the test file
 * does not cover. */
#include "testutil.h"
#include "ucdtest.h"

#include "mahdar/layout.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#define GB_TEST_FILE "/usr/share/unicode/auxiliary/GraphemeBreakTest.txt"

struct gb_case {
	uint32_t cp[64];
	char brk[64];		/* brk[i]: a cluster starts at cp[i] */
	size_t n;
	char s[256];		/* the same as UTF-8 */
	size_t len;
	size_t off[65];		/* byte offset of cp[i]; off[n] = len */
};

/* Parse "÷ 0020 × 0308 ÷ ..." (÷ = break, × = no break); 0 if malformed. */
static int gb_parse(const char *line, struct gb_case *c)
{
	const char *p = line;
	int brk = -1;
	c->n = 0;
	c->len = 0;
	while (*p != '\0' && *p != '#') {
		if (strncmp(p, "\xc3\xb7", 2) == 0) {	/* ÷ */
			brk = 1;
			p += 2;
		} else if (strncmp(p, "\xc3\x97", 2) == 0) {	/* × */
			brk = 0;
			p += 2;
		} else if (*p == ' ' || *p == '\t' || *p == '\n') {
			p++;
		} else {
			char *end;
			unsigned long v = strtoul(p, &end, 16);
			if (end == p || brk < 0 || c->n == 64)
				return 0;
			c->cp[c->n] = (uint32_t)v;
			c->brk[c->n] = (char)brk;
			c->off[c->n] = c->len;
			c->len += ustr_encode((uint32_t)v, c->s + c->len);
			c->n++;
			brk = -1;
			p = end;
		}
	}
	c->off[c->n] = c->len;
	return c->n > 0;
}

/* Compare the three segmentations with the expected one. */
static int gb_check(const struct gb_case *c, char *why, size_t whylen)
{
	char brk[64];
	ustr_grapheme_breaks(c->cp, c->n, brk);
	for (size_t i = 0; i < c->n; i++)
		if (!brk[i] != !c->brk[i]) {
			snprintf(why, whylen, "ustr_grapheme_breaks at %zu", i);
			return 0;
		}
	/* Expected boundaries as byte offsets, with the end of the string. */
	size_t want[65], nwant = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->brk[i])
			want[nwant++] = c->off[i];
	want[nwant++] = c->len;
	size_t at = 0;
	for (size_t k = 1; k < nwant; k++) {
		at = ustr_grapheme_next(c->s, c->len, at);
		if (at != want[k]) {
			snprintf(why, whylen, "ustr_grapheme_next gave %zu, expected %zu", at, want[k]);
			return 0;
		}
	}
	for (size_t k = nwant - 1; k-- > 0;) {
		at = ustr_grapheme_prev(c->s, c->len, at);
		if (at != want[k]) {
			snprintf(why, whylen, "ustr_grapheme_prev gave %zu, expected %zu", at, want[k]);
			return 0;
		}
	}
	/* From inside a cluster: next goes to its end, prev to its start. */
	for (size_t i = 0; i < c->n; i++) {
		if (c->brk[i])
			continue;
		size_t k = 0;
		while (k + 1 < nwant && want[k + 1] <= c->off[i])
			k++;
		if (ustr_grapheme_prev(c->s, c->len, c->off[i]) != want[k] ||
		    ustr_grapheme_next(c->s, c->len, c->off[i]) != want[k + 1]) {
			snprintf(why, whylen, "motion from inside the cluster at byte %zu", c->off[i]);
			return 0;
		}
	}
	struct layout_opts o = {80, LAYOUT_AUTO, LAYOUT_LTR, 0};
	struct layout *lay = layout_line(c->s, c->len, &o);
	int ok = lay->ngraph == nwant - 1;
	for (size_t k = 0; ok && k < nwant; k++)
		ok = lay->goff[k] == want[k];
	layout_free(lay);
	if (!ok)
		snprintf(why, whylen, "layout_line graphemes differ");
	return ok;
}

static int gb_line(char *line, char *why, size_t whylen)
{
	struct gb_case c;
	if (!gb_parse(line, &c)) {
		snprintf(why, whylen, "cannot parse");
		return 0;
	}
	return gb_check(&c, why, whylen);
}

static void test_grapheme_break_test(void **state)
{
	(void)state;
	size_t total, passed;
	ucd_run(GB_TEST_FILE, "GraphemeBreakTest", gb_line, &total, &passed);
	assert_true(total >= 600);
	assert_int_equal(passed, total);
}

/* An invalid byte is a grapheme of its own: a mark after it does not
 * attach to it, and a valid sequence next to it is not eaten. */
static void test_invalid_bytes(void **state)
{
	(void)state;
	/* 'a', 0xFF, U+0301, 0xC3 (truncated), U+00E9 (C3 A9), 0xA9 (stray) */
	const char s[] = "a\xff\xcc\x81\xc3\xc3\xa9\xa9";
	size_t len = sizeof s - 1;
	const size_t want[] = {0, 1, 2, 4, 5, 7, 8};
	size_t at = 0;
	for (size_t k = 1; k < UTIL_ARRAY_LEN(want); k++)
		assert_int_equal(at = ustr_grapheme_next(s, len, at), want[k]);
	for (size_t k = UTIL_ARRAY_LEN(want) - 1; k-- > 0;)
		assert_int_equal(at = ustr_grapheme_prev(s, len, at), want[k]);
	struct layout_opts o = {80, LAYOUT_AUTO, LAYOUT_LTR, 0};
	struct layout *lay = layout_line(s, len, &o);
	assert_int_equal(lay->ngraph, UTIL_ARRAY_LEN(want) - 1);
	for (size_t k = 0; k < UTIL_ARRAY_LEN(want); k++)
		assert_int_equal(lay->goff[k], want[k]);
	layout_free(lay);
}

/* Context that reaches back: regional-indicator pairs and emoji ZWJ
 * sequences, stepped from the middle of a long run. */
static void test_context(void **state)
{
	(void)state;
	char s[256];
	size_t len = 0;
	for (int i = 0; i < 7; i++)	/* 7 regional indicators: 3 flags + 1 */
		len += ustr_encode(0x1F1E6 + (uint32_t)i, s + len);
	/* each RI is 4 bytes */
	assert_int_equal(ustr_grapheme_next(s, len, 16), 24);
	assert_int_equal(ustr_grapheme_next(s, len, 20), 24);	/* inside a pair */
	assert_int_equal(ustr_grapheme_prev(s, len, 20), 16);
	assert_int_equal(ustr_grapheme_prev(s, len, 28), 24);
	assert_int_equal(ustr_grapheme_next(s, len, 24), 28);
	/* man ZWJ woman ZWJ girl: one grapheme, then 'x' */
	len = 0;
	const uint32_t fam[] = {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 'x'};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(fam); i++)
		len += ustr_encode(fam[i], s + len);
	assert_int_equal(ustr_grapheme_next(s, len, 0), len - 1);
	assert_int_equal(ustr_grapheme_prev(s, len, len - 1), 0);
	assert_int_equal(ustr_grapheme_prev(s, len, len), len - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grapheme_break_test),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_context),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
