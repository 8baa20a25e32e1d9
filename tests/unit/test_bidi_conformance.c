/* bidi: Unicode's own BidiCharacterTest.txt through layout_reorder(), the
 * plain-UBA entry point, plus the terminal variant that keeps marks after
 * their base (keep_marks = 1). */
#include "testutil.h"
#include "ucdtest.h"

#include "mahdar/bidi.h"
#include "mahdar/layout.h"

#include <fribidi.h>

#define BIDI_TEST_FILE "/usr/share/unicode/BidiCharacterTest.txt"
#define BIDI_TEST_CASES 91707

/* One parsed line; levels[i] = 0xFF for 'x' (removed by X9). */
struct bidi_case {
	uint32_t cp[256];
	size_t n;
	int dir;		/* field 1: 0 LTR, 1 RTL, 2 auto */
	int par_level;		/* field 2 */
	uint8_t levels[256];
	size_t order[256];	/* field 4 */
	size_t norder;
};

/* Parse "cps;dir;level;levels;order"; returns 0 on a malformed line. */
static int bidi_parse(char *line, struct bidi_case *c)
{
	char *f[5];
	for (int i = 0; i < 5; i++) {
		f[i] = line;
		line = strchr(line, i < 4 ? ';' : '\n');
		if (line == NULL && i < 4)
			return 0;
		if (line != NULL)
			*line++ = '\0';
	}
	char *p = f[0], *end;
	for (c->n = 0; c->n < 256; c->n++) {
		unsigned long v = strtoul(p, &end, 16);
		if (end == p)
			break;
		c->cp[c->n] = (uint32_t)v;
		p = end;
	}
	c->dir = atoi(f[1]);
	c->par_level = atoi(f[2]);
	p = f[3];
	for (size_t i = 0; i < c->n; i++) {
		while (*p == ' ')
			p++;
		if (*p == 'x') {
			c->levels[i] = 0xFF;
			p++;
		} else {
			c->levels[i] = (uint8_t)strtoul(p, &p, 10);
		}
	}
	p = f[4];
	for (c->norder = 0; c->norder < 256; c->norder++) {
		unsigned long v = strtoul(p, &end, 10);
		if (end == p)
			break;
		c->order[c->norder] = v;
		p = end;
	}
	return 1;
}

/* Does layout_reorder() give what the case expects?  Characters removed by
 * X9 (level x) are left out of the visual order, as the test file does. */
static int bidi_check(const struct bidi_case *c, char *why, size_t whylen)
{
	static const int base[] = {LAYOUT_LTR, LAYOUT_RTL, LAYOUT_AUTO};
	uint8_t levels[256];
	size_t vis[256], order[256], norder = 0;
	int dir = layout_reorder(c->cp, c->n, base[c->dir], 0, levels, vis);
	if (dir != c->par_level) {
		snprintf(why, whylen, "paragraph level %d, expected %d", dir, c->par_level);
		return 0;
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->levels[i] != 0xFF && levels[i] != c->levels[i]) {
			snprintf(why, whylen, "level of char %zu is %d, expected %d", i, levels[i],
				 c->levels[i]);
			return 0;
		}
	for (size_t i = 0; i < c->n; i++)
		if (c->levels[vis[i]] != 0xFF)
			order[norder++] = vis[i];
	if (norder != c->norder) {
		snprintf(why, whylen, "%zu characters in the order, expected %zu", norder, c->norder);
		return 0;
	}
	for (size_t i = 0; i < norder; i++)
		if (order[i] != c->order[i]) {
			snprintf(why, whylen, "visual position %zu shows char %zu, expected %zu", i,
				 order[i], c->order[i]);
			return 0;
		}
	return 1;
}

/* How many cases bidi_levels_simple() resolved (without fribidi). */
static size_t bidi_simple_cases;

static int bidi_line(char *line, char *why, size_t whylen)
{
	struct bidi_case c;
	if (!bidi_parse(line, &c)) {
		snprintf(why, whylen, "cannot parse");
		return 0;
	}
	static const int base[] = {BIDI_LTR, BIDI_RTL, BIDI_AUTO};
	uint32_t types[256];
	uint8_t levels[256];
	bidi_classify(c.cp, c.n, types);
	if (bidi_levels_simple(types, c.n, base[c.dir], BIDI_LTR, levels) >= 0)
		bidi_simple_cases++;
	return bidi_check(&c, why, whylen);
}

static void test_bidi_character_test(void **state)
{
	(void)state;
	size_t total, passed;
	ucd_run(BIDI_TEST_FILE, "BidiCharacterTest", bidi_line, &total, &passed);
	assert_int_equal(total, BIDI_TEST_CASES);
	assert_int_equal(passed, total);
	/* The simple paragraphs (resolved without fribidi) are among them. */
	print_message("%zu of them resolved by bidi_levels_simple\n", bidi_simple_cases);
	assert_true(bidi_simple_cases > 1000);
}

/* keep_marks = 1: in an RTL run a non-spacing mark stays right after its
 * base on screen (a terminal draws a mark on the cell before it), while
 * plain UBA order puts it before (to the left of) its base. */
static void test_keep_marks(void **state)
{
	(void)state;
	/* alef, fatha (U+064E), beh: logical 0 1 2 */
	const uint32_t cp[] = {0x0627, 0x064E, 0x0628};
	size_t vis[3];
	uint8_t levels[3];
	assert_int_equal(layout_reorder(cp, 3, LAYOUT_AUTO, 1, levels, vis), LAYOUT_RTL);
	assert_int_equal(vis[0], 2);	/* beh leftmost */
	assert_int_equal(vis[1], 0);	/* then alef ... */
	assert_int_equal(vis[2], 1);	/* ... followed by its fatha */
	assert_int_equal(levels[1], 1);
	assert_int_equal(layout_reorder(cp, 3, LAYOUT_AUTO, 0, NULL, vis), LAYOUT_RTL);
	assert_int_equal(vis[0], 2);
	assert_int_equal(vis[1], 1);	/* UBA: the mark is reversed with its base */
	assert_int_equal(vis[2], 0);
	/* In an LTR run both orders keep the mark after its base. */
	const uint32_t lat[] = {'a', 0x0301, 'b'};
	assert_int_equal(layout_reorder(lat, 3, LAYOUT_AUTO, 1, NULL, vis), LAYOUT_LTR);
	assert_int_equal(vis[0], 0);
	assert_int_equal(vis[1], 1);
	assert_int_equal(vis[2], 2);
}

/* P3 fallback: a line with no strong character takes the given base. */
static void test_reorder_base(void **state)
{
	(void)state;
	const uint32_t digits[] = {'1', ' ', '2'};
	assert_int_equal(layout_reorder(digits, 3, LAYOUT_AUTO, 1, NULL, NULL), LAYOUT_LTR);
	assert_int_equal(layout_reorder(digits, 3, LAYOUT_RTL, 1, NULL, NULL), LAYOUT_RTL);
	assert_int_equal(layout_reorder(NULL, 0, LAYOUT_AUTO, 1, NULL, NULL), LAYOUT_LTR);
	/* a value that is no code point is a neutral, not a crash */
	const uint32_t odd[] = {0x05D0, 0xFFFFFFFFu, '(', 0x110000, ')'};
	uint8_t levels[5];
	assert_int_equal(layout_reorder(odd, 5, LAYOUT_AUTO, 1, levels, NULL), LAYOUT_RTL);
	assert_int_equal(levels[1], 1);
}

/* bidi_mirror answers what fribidi answers, for every code point (it skips
 * the table for the ranges with no mirror). */
static void test_mirror_every_code_point(void **state)
{
	(void)state;
	size_t mirrored = 0;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		FriBidiChar m;
		uint32_t want = fribidi_get_mirror_char(cp, &m) ? m : cp;
		if (bidi_mirror(cp) != want)
			fail_msg("U+%04X: %04X, fribidi %04X", (unsigned)cp, (unsigned)bidi_mirror(cp), (unsigned)want);
		mirrored += want != cp;
	}
	assert_true(mirrored > 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bidi_character_test),
		cmocka_unit_test(test_keep_marks),
		cmocka_unit_test(test_reorder_base),
		cmocka_unit_test(test_mirror_every_code_point),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
