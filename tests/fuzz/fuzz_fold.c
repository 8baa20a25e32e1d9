/* fuzz fold: the first byte splits the input into a pattern and a text.
 * Every match lies inside the text, starts and ends on grapheme
 * boundaries, is found again at its own start, and the backward search
 * finds the same matches as the forward one, in reverse.  A text always
 * finds itself (loosely and exactly) when it folds to something. */
#include "fuzz.h"

#include "mahdar/fold.h"

static int fuzz_boundary(const char *s, size_t n, size_t off)
{
	return off == 0 || off == n || ustr_grapheme_prev(s, n, off + 1) == off ||
	       ustr_grapheme_next(s, n, ustr_grapheme_prev(s, n, off)) == off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	size_t cut = data[0] % size;
	const char *pat = (const char *)data + 1, *s = pat + (cut ? cut - 1 : 0);
	size_t pn = cut ? cut - 1 : 0, n = size - 1 - pn;
	for (int m = FOLD_LOOSE; m <= FOLD_EXACT; m++) {
		struct fold_pattern *p = fold_pattern_new(pat, pn, (enum fold_mode)m);
		size_t starts[64], k = 0, from = 0, a, b;
		while (k < 64 && fold_find(p, s, n, from, &a, &b)) {
			FUZZ_CHECK(a >= from && a < b && b <= n);
			FUZZ_CHECK(fuzz_boundary(s, n, a) && fuzz_boundary(s, n, b));
			size_t a2, b2;
			FUZZ_CHECK(fold_find(p, s, n, a, &a2, &b2) && a2 == a && b2 == b);
			starts[k++] = a;
			from = ustr_grapheme_next(s, n, a);
		}
		if (k < 64) {
			size_t before = n;
			for (size_t i = k; i-- > 0;) {
				FUZZ_CHECK(fold_find_prev(p, s, n, before, &a, &b) && a == starts[i]);
				before = a;
			}
			FUZZ_CHECK(!fold_find_prev(p, s, n, before, &a, &b));
		}
		fold_pattern_free(p);
		struct fold_pattern *self = fold_pattern_new(s, n, (enum fold_mode)m);
		if (!fold_pattern_empty(self))
			FUZZ_CHECK(fold_find(self, s, n, 0, &a, &b));
		fold_pattern_free(self);
	}
	return 0;
}
