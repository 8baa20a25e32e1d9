/* fold: script-aware folding (see fold.h for what is folded).
 *
 * Data model: one sorted table of code point ranges, each either ignored or
 * mapped (to one code point, or shifted by a delta for runs such as
 * digits), looked up by binary search; code points outside the table fold
 * their case through ustr.  Text is folded on the fly by an iterator that
 * yields one folded code point at a time with the byte range it came from,
 * so matching needs no copy of the text and maps straight back to bytes. */
#include "mahdar/fold.h"
#include "mahdar/buf.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

#define FOLD_DROP 1	/* the range is ignored */
#define FOLD_TO 2	/* the range maps to .to */
#define FOLD_SHIFT 3	/* the range maps to cp - lo + .to */
#define FOLD_BYTE 0x110000u	/* + b: an invalid byte or NUL b, past every code point */

struct fold_rule {
	uint32_t lo, hi;
	unsigned char how;
	uint32_t to;
};

/* Sorted by lo, not overlapping. */
static const struct fold_rule fold_rules[] = {
	{0x0009, 0x0009, FOLD_TO, ' '},		/* tab */
	{0x0022, 0x0022, FOLD_TO, 0x05F4},	/* " → gershayim */
	{0x0027, 0x0027, FOLD_TO, 0x05F3},	/* ' → geresh */
	{0x00A0, 0x00A0, FOLD_TO, ' '},		/* no-break space */
	{0x00AD, 0x00AD, FOLD_DROP, 0},		/* soft hyphen */
	{0x0591, 0x05BD, FOLD_DROP, 0},		/* cantillation, niqqud */
	{0x05BF, 0x05BF, FOLD_DROP, 0},		/* rafe */
	{0x05C1, 0x05C2, FOLD_DROP, 0},		/* shin/sin dots */
	{0x05C4, 0x05C5, FOLD_DROP, 0},		/* upper/lower dot */
	{0x05C7, 0x05C7, FOLD_DROP, 0},		/* qamats qatan */
	{0x0610, 0x061A, FOLD_DROP, 0},		/* Arabic honorific and small marks */
	{0x061C, 0x061C, FOLD_DROP, 0},		/* ALM */
	{0x0622, 0x0623, FOLD_TO, 0x0627},	/* آ أ → ا */
	{0x0624, 0x0624, FOLD_TO, 0x0621},	/* ؤ → ء */
	{0x0625, 0x0625, FOLD_TO, 0x0627},	/* إ → ا */
	{0x0626, 0x0626, FOLD_TO, 0x0621},	/* ئ → ء */
	{0x0629, 0x0629, FOLD_TO, 0x0647},	/* ة → ه */
	{0x0640, 0x0640, FOLD_DROP, 0},		/* tatweel */
	{0x0643, 0x0643, FOLD_TO, 0x06A9},	/* ك → ک */
	{0x0649, 0x064A, FOLD_TO, 0x06CC},	/* ى ي → ی */
	{0x064B, 0x065F, FOLD_DROP, 0},		/* harakat, hamza above/below */
	{0x0660, 0x0669, FOLD_SHIFT, '0'},	/* Arabic-Indic digits */
	{0x0670, 0x0670, FOLD_DROP, 0},		/* superscript alef */
	{0x0671, 0x0673, FOLD_TO, 0x0627},	/* ٱ and wavy-hamza alefs → ا */
	{0x06C0, 0x06C0, FOLD_TO, 0x0647},	/* ۀ → ه */
	{0x06D6, 0x06DC, FOLD_DROP, 0},		/* Quranic marks */
	{0x06DF, 0x06E4, FOLD_DROP, 0},
	{0x06E7, 0x06E8, FOLD_DROP, 0},
	{0x06EA, 0x06ED, FOLD_DROP, 0},
	{0x06F0, 0x06F9, FOLD_SHIFT, '0'},	/* Persian digits */
	{0x2009, 0x2009, FOLD_TO, ' '},		/* thin space */
	{0x200B, 0x200F, FOLD_DROP, 0},		/* ZWSP, ZWNJ, ZWJ, LRM, RLM */
	{0x2019, 0x2019, FOLD_TO, 0x05F3},	/* ’ → geresh */
	{0x201C, 0x201D, FOLD_TO, 0x05F4},	/* “ ” → gershayim */
	{0x202A, 0x202E, FOLD_DROP, 0},		/* embeddings, overrides */
	{0x202F, 0x202F, FOLD_TO, ' '},		/* narrow no-break space */
	{0x2066, 0x2069, FOLD_DROP, 0},		/* isolates */
	{0xFEFF, 0xFEFF, FOLD_DROP, 0},		/* BOM */
};

uint32_t fold_char(uint32_t cp, enum fold_mode m)
{
	if (m == FOLD_EXACT || cp == USTR_INVALID)
		return cp;
	size_t lo = 0, hi = UTIL_ARRAY_LEN(fold_rules);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct fold_rule *r = &fold_rules[mid];
		if (cp < r->lo) {
			hi = mid;
		} else if (cp > r->hi) {
			lo = mid + 1;
		} else {
			switch (r->how) {
			case FOLD_DROP:
				return 0;
			case FOLD_TO:
				return r->to;
			default:
				return cp - r->lo + r->to;
			}
		}
	}
	if (cp < 'A')
		return cp;
	if (cp <= 'Z')
		return cp + ('a' - 'A');
	if (cp < 0xC0 || (cp >= 0x590 && cp < 0x2000))
		return cp;	/* ASCII, and uncased scripts between */
	return ustr_tolower(cp);
}

/* Yields the folded text of s[0..n) one code point at a time, with the byte
 * range [at, to) of the original it stands for; a run of spaces is one ' '. */
struct fold_iter {
	const char *s;
	size_t n, pos;
	enum fold_mode mode;
};

static uint32_t fold_iter_next(struct fold_iter *it, size_t *at, size_t *to)
{
	while (it->pos < it->n) {
		uint32_t cp;
		size_t start = it->pos;
		it->pos += ustr_decode(it->s + it->pos, it->n - it->pos, &cp);
		uint32_t f = fold_char(cp, it->mode);
		if (cp == USTR_INVALID || cp == 0)
			f = FOLD_BYTE + (unsigned char)it->s[start];	/* equal only to itself */
		if (f == 0)
			continue;
		if (f == ' ' && it->mode == FOLD_LOOSE) {
			while (it->pos < it->n) {	/* the rest of the run */
				size_t k = ustr_decode(it->s + it->pos, it->n - it->pos, &cp);
				uint32_t g = fold_char(cp, it->mode);
				if (g != ' ' && g != 0)
					break;
				it->pos += k;
			}
		}
		*at = start;
		*to = it->pos;
		return f;
	}
	*at = *to = it->n;
	return 0;
}

/* s[0..n) with folded spaces at both ends skipped. */
static void fold_trim(const char **s, size_t *n)
{
	struct fold_iter it = {*s, *n, 0, FOLD_LOOSE};
	size_t at, to, first = *n, last = 0;
	uint32_t c;
	while ((c = fold_iter_next(&it, &at, &to)) != 0) {
		if (c == ' ')
			continue;
		if (first == *n)
			first = at;
		last = to;
	}
	if (first == *n) {
		*n = 0;
		return;
	}
	*s += first;
	*n = last - first;
}

int fold_eq(const char *a, size_t an, const char *b, size_t bn)
{
	fold_trim(&a, &an);
	fold_trim(&b, &bn);
	if (an == 0 || bn == 0)
		return 0;
	struct fold_iter x = {a, an, 0, FOLD_LOOSE}, y = {b, bn, 0, FOLD_LOOSE};
	size_t at, to;
	for (;;) {
		uint32_t p = fold_iter_next(&x, &at, &to), q = fold_iter_next(&y, &at, &to);
		if (p != q)
			return 0;
		if (p == 0)
			return 1;
	}
}

char *fold_string(const char *s, size_t n)
{
	fold_trim(&s, &n);
	struct buf out = BUF_INIT;
	struct fold_iter it = {s, n, 0, FOLD_LOOSE};
	size_t at, to;
	uint32_t c;
	while ((c = fold_iter_next(&it, &at, &to)) != 0) {
		char u[4];
		if (c >= FOLD_BYTE)
			buf_append(&out, s + at, to - at);
		else
			buf_append(&out, u, ustr_encode(c, u));
	}
	return buf_steal(&out, NULL);
}

struct fold_pattern {
	enum fold_mode mode;
	size_t len;
	uint32_t cp[];	/* folded; FOLD_BYTE + b for an invalid byte b */
};

struct fold_pattern *fold_pattern_new(const char *pat, size_t n, enum fold_mode m)
{
	struct fold_pattern *p = xmalloc(sizeof *p + (n + 1) * sizeof p->cp[0]);
	p->mode = m;
	p->len = 0;
	struct fold_iter it = {pat, n, 0, m};
	size_t at, to;
	uint32_t c;
	while ((c = fold_iter_next(&it, &at, &to)) != 0)
		p->cp[p->len++] = c;
	return p;
}

void fold_pattern_free(struct fold_pattern *p)
{
	free(p);
}

int fold_pattern_empty(const struct fold_pattern *p)
{
	return p->len == 0;
}

/* Does the pattern match at byte g?  *last gets the start of the last
 * matched source unit, *end its end. */
static int fold_match_at(const struct fold_pattern *p, const char *s, size_t n, size_t g,
			 size_t *last, size_t *end)
{
	struct fold_iter it = {s, n, g, p->mode};
	size_t at, to = g;
	for (size_t i = 0; i < p->len; i++) {
		uint32_t c = fold_iter_next(&it, &at, &to);
		if (c != p->cp[i])
			return 0;
		if (i == 0 && at != g)
			return 0;	/* g itself folded away: the match starts later */
	}
	*last = at;
	*end = to;
	return 1;
}

/* Does all of s[a..b) fold to nothing? */
static int fold_ignored(const char *s, size_t a, size_t b, enum fold_mode m)
{
	while (a < b) {
		uint32_t cp;
		a += ustr_decode(s + a, b - a, &cp);
		if (cp == 0 || fold_char(cp, m) != 0)
			return 0;
	}
	return 1;
}

int fold_find(const struct fold_pattern *p, const char *s, size_t n, size_t from,
	      size_t *start, size_t *end)
{
	if (p->len == 0)
		return 0;
	/* Step by code points and try a match only where the first folded
	 * letter is right, asking for the grapheme boundary only then: the
	 * boundary is the costly question, a mismatch the common answer. */
	for (size_t g = from, k; g < n; g += k) {
		uint32_t cp;
		k = ustr_decode(s + g, n - g, &cp);
		uint32_t f = cp == USTR_INVALID || cp == 0 ? FOLD_BYTE + (unsigned char)s[g]
						: fold_char(cp, p->mode);
		if (f != p->cp[0])
			continue;
		size_t g0 = g > 0 ? ustr_grapheme_prev(s, n, g + k) : 0;
		if (g0 != g && !fold_ignored(s, g0, g, p->mode))
			continue;	/* g is inside a grapheme that has more than marks before it */
		size_t last, e;
		if (!fold_match_at(p, s, n, g, &last, &e))
			continue;
		*start = g0;
		/* End on a grapheme boundary: marks on the last letter belong to it
		 * (a folded run of spaces may already reach past that boundary). */
		*end = ustr_grapheme_next(s, n, last);
		if (*end < e)
			*end = e;
		if (*end != e && p->mode == FOLD_EXACT)
			continue;	/* exact: "كتب" is not "كتبَ" */
		return 1;
	}
	return 0;
}

int fold_find_prev(const struct fold_pattern *p, const char *s, size_t n, size_t before,
		   size_t *start, size_t *end)
{
	size_t from = 0, a, b;
	int found = 0;
	while (from < before && fold_find(p, s, n, from, &a, &b) && a < before) {
		*start = a, *end = b;
		found = 1;
		from = ustr_grapheme_next(s, n, a);
	}
	return found;
}
