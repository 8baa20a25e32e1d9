/* ustr: decoding both ways, widths, line-break opportunities and word
 * motion (Ctrl-Left/Right) in the scripts of the minutes. */
#include "testutil.h"

#include "mahdar/buf.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <unictype.h>
#include <unigbrk.h>
#include <uniwidth.h>

#define S(lit) lit, strlen(lit)

/* Stepping back gives exactly the units stepping forward found. */
static void test_decode_prev_mirrors_forward(void **state)
{
	(void)state;
	const char s[] = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xff\xa9\xc3\xe4\xb8 z\xed\xa0\x80";
	size_t len = sizeof s - 1;
	size_t off[64], n = 0;
	uint32_t cps[64];
	for (size_t i = 0; i < len; n++) {
		off[n] = i;
		i += ustr_decode(s + i, len - i, &cps[n]);
	}
	size_t at = len;
	for (size_t k = n; k-- > 0;) {
		uint32_t cp;
		at -= ustr_decode_prev(s, at, &cp);
		assert_int_equal(at, off[k]);
		assert_int_equal(cp, cps[k]);
	}
	/* a surrogate (ED A0 80) is three invalid bytes, not one character */
	assert_int_equal(cps[n - 1], USTR_INVALID);
	assert_int_equal(cps[n - 3], USTR_INVALID);
	uint32_t all[64], offs[64];
	assert_int_equal(ustr_decode_all(s, len, all, offs), n);
	assert_memory_equal(all, cps, n * sizeof *all);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(ustr_width(S("abc")), 3);
	assert_int_equal(ustr_width(S("中文")), 4);
	assert_int_equal(ustr_width(S("e\u0301")), 1);	/* e + combining acute */
	assert_int_equal(ustr_width(S("\u0628\u064E\u0651")), 1);	/* beh + fatha + shadda */
	assert_int_equal(ustr_width(S("\xff")), 1);
	assert_int_equal(ustr_width(S("\x1b")), 0);
	assert_int_equal(ustr_cp_width(0x1B), -1);
	assert_int_equal(ustr_cp_width('a'), 1);
	assert_int_equal(ustr_cp_width(0x4E2D), 2);
	assert_true(ustr_is_mark(0x064E));
	assert_true(ustr_is_mark(0x05B8));
	assert_false(ustr_is_mark(0x0628));
	assert_false(ustr_is_mark(USTR_INVALID));
	assert_true(ustr_is_format(0x200C));
	assert_true(ustr_is_control(0x200B));
	assert_false(ustr_is_control(0x200D));	/* ZWJ joins, it is not a control */
	assert_true(ustr_is_space(0x3000));
}

static void test_line_breaks(void **state)
{
	(void)state;
	const char *s = "hello world";
	char brk[16];
	ustr_line_breaks(s, strlen(s), brk);
	for (size_t i = 0; i < strlen(s); i++)
		assert_int_equal(brk[i], i == 6);	/* only before "world" */
	s = "a\xd9\x8e b";	/* a + fatha: never a break before the mark */
	ustr_line_breaks(s, strlen(s), brk);
	assert_int_equal(brk[1], 0);
	assert_int_equal(brk[4], 1);
}

/* Word motion lands on word starts; punctuation and spaces are skipped. */
static void test_word_motion(void **state)
{
	(void)state;
	const char *s = "hello, world  foo";
	size_t len = strlen(s);
	assert_int_equal(ustr_word_next(s, len, 0), 7);
	assert_int_equal(ustr_word_next(s, len, 3), 7);
	assert_int_equal(ustr_word_next(s, len, 7), 14);
	assert_int_equal(ustr_word_next(s, len, 14), len);
	assert_int_equal(ustr_word_next(s, len, len), len);
	assert_int_equal(ustr_word_prev(s, len, len), 14);
	assert_int_equal(ustr_word_prev(s, len, 14), 7);
	assert_int_equal(ustr_word_prev(s, len, 9), 7);
	assert_int_equal(ustr_word_prev(s, len, 7), 0);
	assert_int_equal(ustr_word_prev(s, len, 0), 0);

	s = "وافق المجلس";	/* Arabic letters are two bytes each */
	assert_int_equal(ustr_word_next(s, strlen(s), 0), 9);
	assert_int_equal(ustr_word_prev(s, strlen(s), strlen(s)), 9);
	/* a ZWNJ inside a Persian word does not split it */
	s = "می\u200Cخواهم بروم";
	assert_int_equal(ustr_word_next(s, strlen(s), 0), 18);
	/* a decimal number is one word */
	s = "item 12.5 done";
	assert_int_equal(ustr_word_next(s, strlen(s), 0), 5);
	assert_int_equal(ustr_word_next(s, strlen(s), 5), 10);
	/* marks stay with their letter; invalid bytes are not words */
	s = "a\u0301b c";
	assert_int_equal(ustr_word_next(s, strlen(s), 0), 5);
	s = "ab\xff cd";
	assert_int_equal(ustr_word_next(s, strlen(s), 0), 4);
	assert_int_equal(ustr_word_prev(s, strlen(s), 4), 0);
}

/* Decoding follows UTF-8 to the letter: overlong forms, surrogates, code
 * points past U+10FFFF and truncated sequences are invalid bytes, one at a
 * time; ustr_valid_prefix stops at the first of them. */
static void test_decode_strict(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n, len;
		uint32_t cp;
	} cases[] = {
		{"a", 1, 1, 'a'},
		{"\xd8\xa8", 2, 2, 0x628},			/* ب */
		{"\xd7\x90", 2, 2, 0x5D0},			/* א */
		{"\xe2\x80\x8c", 3, 3, 0x200C},		/* ZWNJ */
		{"\xf0\x9f\x98\x80", 4, 4, 0x1F600},
		{"\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF},
		{"\xc0\x80", 2, 1, USTR_INVALID},		/* overlong NUL */
		{"\xc1\xbf", 2, 1, USTR_INVALID},
		{"\xe0\x9f\xbf", 3, 1, USTR_INVALID},	/* overlong */
		{"\xed\xa0\x80", 3, 1, USTR_INVALID},	/* surrogate */
		{"\xf0\x8f\xbf\xbf", 4, 1, USTR_INVALID},	/* overlong */
		{"\xf4\x90\x80\x80", 4, 1, USTR_INVALID},	/* past U+10FFFF */
		{"\xf5\x80\x80\x80", 4, 1, USTR_INVALID},
		{"\xd8", 1, 1, USTR_INVALID},			/* truncated */
		{"\xe2\x80", 2, 1, USTR_INVALID},
		{"\x80", 1, 1, USTR_INVALID},			/* a lone continuation */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp;
		assert_int_equal(ustr_decode(cases[i].s, cases[i].n, &cp), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(ustr_valid_prefix(cases[i].s, cases[i].n), cp == USTR_INVALID ? 0 : cases[i].n);
	}
	static const char mixed[] = "plain ascii text, then عربي \xed\xa0\x80 after";
	assert_int_equal(ustr_valid_prefix(mixed, sizeof mixed - 1), strlen("plain ascii text, then عربي "));
}

/* What mahdar prints of a file is safe for a terminal: controls, escape
 * sequences, C1 bytes, invalid bytes and bidi overrides become symbols;
 * the scripts, ZWNJ and the bidi marks stay. */
static void test_escape(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain ascii", "plain ascii"},
		{"\x1b]52;c;AAAA\x07", "^[]52;c;AAAA^G"},
		{"\x1b[2J", "^[[2J"},
		{"a\xc2\x9b" "b", "a<9B>b"},
		{"bad \xff byte", "bad <FF> byte"},
		{"\xe2\x80\xae" "evil", "<202E>evil"},		/* RLO */
		{"\xe2\x81\xa7" "x", "<2067>x"},			/* RLI */
		{"می\xe2\x80\x8cخواهم", "می\xe2\x80\x8cخواهم"},	/* ZWNJ kept */
		{"\xe2\x80\x8f" "rlm", "\xe2\x80\x8f" "rlm"},	/* RLM kept */
		{"del\x7f", "del^?"},
		{"two\nlines\r", "two\nlines^M"},
		{"sep\xe2\x80\xa8", "sep<2028>"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = BUF_INIT;
		ustr_escape(cases[i].in, strlen(cases[i].in), 1, &b);
		assert_non_null(b.s);
		assert_string_equal(b.s, cases[i].out);
		buf_free(&b);
	}
	struct buf b = BUF_INIT;
	ustr_escape("a\nb", 3, 0, &b);
	assert_string_equal(b.s, "a^Jb");
	buf_free(&b);
}

/* The properties kept for the BMP (and those of the other planes) are
 * libunistring's, asked twice: the second answer comes from the table. */
static void test_props_are_libunistrings(void **state)
{
	(void)state;
	for (int round = 0; round < 2; round++) {
		for (uint32_t cp = 0; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 7) {
			assert_int_equal(ustr_cp_width(cp), uc_width(cp, "UTF-8"));
			assert_int_equal(ustr_is_control(cp), uc_graphemeclusterbreak_property(cp) == GBP_CONTROL);
			assert_int_equal(ustr_is_mark(cp), uc_is_general_category(cp, UC_CATEGORY_M));
			assert_int_equal(ustr_is_format(cp), uc_is_general_category(cp, UC_CATEGORY_Cf));
		}
	}
	assert_int_equal(ustr_cp_width(USTR_INVALID), -1);
	assert_false(ustr_is_control(USTR_INVALID) || ustr_is_mark(USTR_INVALID) || ustr_is_format(USTR_INVALID));
}

/* Segmenting in stretches cut at certain boundaries gives what
 * libunistring gives for the whole line: random lines of letters, marks,
 * joiners, emoji, regional indicators, Indic conjuncts, Hangul jamo and
 * controls. */
static void test_grapheme_stretches(void **state)
{
	(void)state;
	static const uint32_t pool[] = {
		'a', ' ', '1', 0x0628, 0x0644, 0x064E, 0x0651, 0x05E9, 0x05B8, 0x200D, 0x200C, 0x1F469,
		0x1F4BB, 0x2764, 0xFE0F, 0x1F1F8, 0x1F1E6, 0x0915, 0x094D, 0x0937, 0x093F, 0x1100, 0x1161,
		0x11A8, 0xAC00, '\r', '\n', 0x0600, 0x0301, 0x1F3FB, 0x0E33, 0x00AD, 0x061C};
	size_t np = sizeof pool / sizeof *pool;
	unsigned long seed = 12345;
	uint32_t cp[40];
	char got[40], want[40];
	for (int t = 0; t < 200000; t++) {
		size_t n = 1 + t % 40;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			cp[i] = pool[(seed >> 33) % np];
		}
		ustr_grapheme_breaks(cp, n, got);
		uc_grapheme_breaks(cp, n, want);
		want[0] = 1;
		for (size_t i = 0; i < n; i++)
			if ((got[i] != 0) != (want[i] != 0))
				fail_msg("line %d: code point %zu (U+%04X after U+%04X): %d, libunistring %d", t, i,
					 (unsigned)cp[i], i ? (unsigned)cp[i - 1] : 0u, got[i], want[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_prev_mirrors_forward),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_word_motion),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_decode_strict),
		cmocka_unit_test(test_props_are_libunistrings),
		cmocka_unit_test(test_grapheme_stretches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
