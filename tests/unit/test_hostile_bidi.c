/* Hostile bidi input: lines with more embeddings and isolates than UAX #9's
 * 125 levels.  libfribidi 1.0.8 (Debian's) reads freed memory on such a line
 * and crashes on a long one; mahdar must lay them out, with the levels
 * UAX #9 gives.  `make check` also runs this test under valgrind, which
 * sees inside the (uninstrumented) library. */
#include "testutil.h"

#include "mahdar/buf.h"
#include "mahdar/layout.h"

#define RLE "\xe2\x80\xab"
#define LRE "\xe2\x80\xaa"
#define PDF "\xe2\x80\xac"
#define LRO "\xe2\x80\xad"
#define RLO "\xe2\x80\xae"
#define LRI "\xe2\x81\xa6"
#define RLI "\xe2\x81\xa7"
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

static struct layout *lay(const char *s, size_t len, int base)
{
	struct layout_opts o = {80, base, LAYOUT_LTR, 0};
	return layout_line(s, len, &o);
}

/* Every grapheme is in exactly one cell and the rows tile the line. */
static void check_whole(const struct layout *l, size_t len)
{
	assert_int_equal(l->goff[l->ngraph], len);
	size_t cells = 0;
	for (size_t r = 0; r < l->nrows; r++)
		cells += l->rows[r].ncells;
	assert_int_equal(cells, l->ncells);
	assert_int_equal(l->ncells, l->ngraph);
}

/* The grapheme index of the first occurrence of the ASCII letter c. */
static size_t g_of(const struct layout *l, const char *s, char c)
{
	for (size_t g = 0; g < l->ngraph; g++)
		if (s[l->goff[g]] == c)
			return g;
	fail_msg("no %c", c);
	return 0;
}

/* A deterministic mix of n controls (and a letter after every third). */
static char *mix(size_t n, unsigned seed, size_t *len)
{
	static const char *const ctl[] = {LRI, RLI, PDI, RLO, LRE, PDF, RLE, LRO, FSI};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		buf_puts(&b, ctl[(seed >> 16) % 9]);
		if (i % 3 == 0)
			buf_putc(&b, (seed >> 8) & 1 ? 'x' : ' ');
	}
	return buf_steal(&b, len);
}

/* 130 RLEs: the first 63 are valid (levels 1, 3, …, 125), the rest
 * overflow; 'b' inside is at 125 + 1 (L at an odd level); the first 67 PDFs
 * close the overflowing ones, the last 63 the valid ones: 'c' is back at 0. */
static void test_embedding_overflow_levels(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_putc(&b, 'a');
	for (int i = 0; i < 130; i++)
		buf_puts(&b, RLE);
	buf_putc(&b, 'b');
	for (int i = 0; i < 66; i++)
		buf_puts(&b, PDF);
	buf_putc(&b, 'd');	/* one overflowing RLE still open: still at 125 */
	for (int i = 0; i < 64; i++)
		buf_puts(&b, PDF);
	buf_putc(&b, 'c');
	for (int base = LAYOUT_LTR; base <= LAYOUT_AUTO; base++) {
		struct layout *l = lay(b.s, b.len, base);
		check_whole(l, b.len);
		assert_int_equal(l->dir, base == LAYOUT_RTL ? LAYOUT_RTL : LAYOUT_LTR);
		assert_int_equal(l->glevel[g_of(l, b.s, 'b')], 126);
		assert_int_equal(l->glevel[g_of(l, b.s, 'd')], 126);
		assert_int_equal(l->glevel[g_of(l, b.s, 'c')], base == LAYOUT_RTL ? 2 : 0);
		layout_free(l);
	}
	buf_free(&b);
}

/* 70 LRIs: 62 valid (2, 4, …, 124), 8 overflow; 'x' is at 124; the first 8
 * PDIs close the overflowing ones, the next 62 the valid ones. */
static void test_isolate_overflow_levels(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 70; i++)
		buf_puts(&b, LRI);
	buf_putc(&b, 'x');
	for (int i = 0; i < 8; i++)
		buf_puts(&b, PDI);
	buf_putc(&b, 'z');	/* still inside the 62nd valid isolate */
	for (int i = 0; i < 62; i++)
		buf_puts(&b, PDI);
	buf_putc(&b, 'y');
	buf_puts(&b, "\xd7\x90");	/* an alef: an RTL letter after the isolates */
	struct layout *l = lay(b.s, b.len, LAYOUT_AUTO);
	check_whole(l, b.len);
	/* P2 skips what is inside isolates: the first strong letter outside
	 * them is 'y'. */
	assert_int_equal(l->dir, LAYOUT_LTR);
	assert_int_equal(l->glevel[g_of(l, b.s, 'x')], 124);
	assert_int_equal(l->glevel[g_of(l, b.s, 'z')], 124);
	assert_int_equal(l->glevel[g_of(l, b.s, 'y')], 0);
	layout_free(l);
	buf_free(&b);
}

/* An FSI takes the direction of its own first strong letter, not one
 * inside an overflowing isolate nested in it. */
static void test_fsi_overflow(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 61; i++)
		buf_puts(&b, LRI);	/* level 122 */
	buf_puts(&b, FSI);		/* RTL (the alef decides): 123 */
	buf_puts(&b, LRI);		/* 124 */
	buf_puts(&b, LRI);		/* 126: overflows */
	buf_putc(&b, 'q');
	buf_puts(&b, PDI PDI);
	buf_puts(&b, "\xd7\x90");
	buf_puts(&b, PDI);
	struct layout *l = lay(b.s, b.len, LAYOUT_LTR);
	check_whole(l, b.len);
	assert_int_equal(l->glevel[g_of(l, b.s, 'q')], 124);
	assert_int_equal(l->glevel[l->ngraph - 2], 123);	/* the alef */
	layout_free(l);
	buf_free(&b);
}

/* The inputs of the report: 400 isolates in a short English line, 100,000
 * mixed controls; every base direction. */
static void test_hostile_lines(void **state)
{
	(void)state;
	static const size_t sizes[] = {400, 1000, 5000, 100000};
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		for (unsigned seed = 1; seed <= (sizes[k] > 10000 ? 1u : 4u); seed++) {
			size_t len;
			char *s = mix(sizes[k], seed, &len);
			for (int base = LAYOUT_LTR; base <= LAYOUT_AUTO; base++) {
				struct layout *l = lay(s, len, base);
				check_whole(l, len);
				layout_free(l);
			}
			free(s);
		}
	}
	struct buf b = BUF_INIT;
	for (int i = 0; i < 400; i++)
		buf_puts(&b, i % 3 == 0 ? LRI "ab" : i % 3 == 1 ? RLI "c" : PDI);
	struct layout *l = lay(b.s, b.len, LAYOUT_AUTO);
	check_whole(l, b.len);
	layout_free(l);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedding_overflow_levels),
		cmocka_unit_test(test_isolate_overflow_levels),
		cmocka_unit_test(test_fsi_overflow),
		cmocka_unit_test(test_hostile_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
