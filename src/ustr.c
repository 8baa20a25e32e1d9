/* ustr: UTF-8 decoding and Unicode text segmentation; see ustr.h.
 * This file is the only one that includes libunistring's headers.
 *
 * Data model: a string is a byte range; decoding splits it into units, each
 * a valid UTF-8 sequence or a single invalid byte (USTR_INVALID).  Grapheme
 * clusters come from libunistring's uc_grapheme_breaks (which passes every
 * line of Unicode 15.0's GraphemeBreakTest.txt), run on each stretch of
 * valid code points, because an invalid byte must stay a cluster of its
 * own (libunistring would read it as U+FFFD and let a mark attach to it). */
#include "mahdar/ustr.h"
#include "mahdar/buf.h"

#include <stdio.h>
#include "mahdar/util.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwbrk.h>
#include <uniwidth.h>

/* Decoding is the innermost loop of opening, analysing, laying out and
 * saving a document, so it is done here by hand rather than through
 * u8_mbtoucr (a call per code point): the same rules (no overlong forms, no
 * surrogates, nothing past U+10FFFF; a truncated sequence is invalid). */
size_t ustr_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char b = u[0];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		if (n >= 2 && (u[1] & 0xC0) == 0x80) {
			*cp = ((uint32_t)(b & 0x1F) << 6) | (u[1] & 0x3F);
			return 2;
		}
	} else if (b >= 0xE0 && b <= 0xEF) {
		if (n >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
		    (b != 0xE0 || u[1] >= 0xA0) && (b != 0xED || u[1] < 0xA0)) {
			*cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
			return 3;
		}
	} else if (b >= 0xF0 && b <= 0xF4) {
		if (n >= 4 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80 &&
		    (b != 0xF0 || u[1] >= 0x90) && (b != 0xF4 || u[1] < 0x90)) {
			*cp = ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
			      ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
			return 4;
		}
	}
	*cp = USTR_INVALID;
	return 1;
}

size_t ustr_encode(uint32_t cp, char *out)
{
	int k = u8_uctomb((uint8_t *)out, cp, 4);
	return k > 0 ? (size_t)k : 0;
}

size_t ustr_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* Runs of ASCII, eight bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		uint32_t c;
		size_t k = ustr_decode(s + i, n - i, &c);
		if (c == USTR_INVALID)
			return i;
		i += k;
	}
	return n;
}

size_t ustr_decode_prev(const char *s, size_t off, uint32_t *cp)
{
	/* A lead byte always starts a unit when decoding forward (it cannot
	 * be a continuation byte), so the unit ending at off is the valid
	 * sequence of length k starting at off - k, if any, else the single
	 * byte before off. */
	for (size_t k = 2; k <= 4 && k <= off; k++) {
		unsigned char b = (unsigned char)s[off - k];
		if (b < 0xC0)
			continue;
		ucs4_t uc;
		if (u8_mbtoucr(&uc, (const uint8_t *)s + off - k, k) == (int)k) {
			*cp = uc;
			return k;
		}
		break;
	}
	return ustr_decode(s + off - 1, 1, cp);
}

size_t ustr_decode_all(const char *s, size_t len, uint32_t *cp, uint32_t *off)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	for (size_t i = 0; i < len; n++) {
		if (off != NULL)
			off[n] = (uint32_t)i;
		/* ASCII and two-byte sequences (Arabic, Hebrew) without a call. */
		if (u[i] < 0x80) {
			cp[n] = u[i++];
		} else if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			cp[n] = ((uint32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
			i += 2;
		} else {
			i += ustr_decode(s + i, len - i, &cp[n]);
		}
	}
	return n;
}

/* The properties layout asks of every code point of a line, at every key
 * (width, control, format, mark): libunistring's answers cost tens of
 * instructions a call, so those for the BMP are kept, each looked up the
 * first time it is asked for.  One byte a code point: USTR_P_KNOWN, the
 * width + 1 in the low two bits, then the flags. */
enum {
	USTR_P_WIDTH = 0x03,
	USTR_P_CONTROL = 0x04,	/* Grapheme_Cluster_Break=Control */
	USTR_P_FORMAT = 0x08,	/* General_Category=Cf */
	USTR_P_MARK = 0x10,	/* General_Category=M */
	USTR_P_PLAIN = 0x20,	/* Grapheme_Cluster_Break=Other, not Extended_Pictographic */
	USTR_P_KNOWN = 0x80
};

/* Atomic (relaxed: a byte computed twice is the same byte) so that a
 * thread may lay out text too. */
static _Atomic unsigned char ustr_bmp[0x10000];

static unsigned ustr_props_of(uint32_t cp)
{
	int w = uc_width(cp, "UTF-8");
	unsigned p = USTR_P_KNOWN | (unsigned)(w < 0 ? 0 : w > 2 ? 3 : w + 1);
	if (uc_graphemeclusterbreak_property(cp) == GBP_CONTROL)
		p |= USTR_P_CONTROL;
	if (uc_is_general_category(cp, UC_CATEGORY_Cf))
		p |= USTR_P_FORMAT;
	if (uc_is_general_category(cp, UC_CATEGORY_M))
		p |= USTR_P_MARK;
	if (uc_graphemeclusterbreak_property(cp) == GBP_OTHER && !uc_is_property_extended_pictographic(cp))
		p |= USTR_P_PLAIN;
	return p;
}

/* cp's properties (cp a code point, not USTR_INVALID). */
static inline unsigned ustr_props(uint32_t cp)
{
	if (cp >= 0x10000)
		return ustr_props_of(cp);
	unsigned p = atomic_load_explicit(&ustr_bmp[cp], memory_order_relaxed);
	if (p == 0) {
		p = ustr_props_of(cp);
		atomic_store_explicit(&ustr_bmp[cp], (unsigned char)p, memory_order_relaxed);
	}
	return p;
}

/* Is there a boundary between u and v whatever surrounds them: two plain
 * code points (GB999), neither of which any rule joins to a neighbour? */
static inline int ustr_gb_plain_pair(uint32_t u, uint32_t v)
{
	return ((u >= 0x20 && u < 0x7F) || (u != USTR_INVALID && (ustr_props(u) & USTR_P_PLAIN))) &&
	       ((v >= 0x20 && v < 0x7F) || (v != USTR_INVALID && (ustr_props(v) & USTR_P_PLAIN)));
}

void ustr_grapheme_breaks(const uint32_t *cp, size_t n, char *brk)
{
	size_t i = 0;
	while (i < n) {
		if (cp[i] == USTR_INVALID) {
			brk[i++] = 1;
			continue;
		}
		/* A stretch of valid code points, cut where a boundary is
		 * certain (two plain code points), so that libunistring
		 * segments only where a rule may join: the rules that look back
		 * (GB9c, GB11, GB12-13) stop at a plain code point, so each
		 * stretch segments as the whole line would. */
		size_t j = i + 1;
		while (j < n && cp[j] != USTR_INVALID && !ustr_gb_plain_pair(cp[j - 1], cp[j]))
			j++;
		if (j - i > 1)
			uc_grapheme_breaks(cp + i, j - i, brk + i);
		brk[i] = 1;
		i = j;
	}
}

/* Is there certainly a grapheme boundary between code points u and v,
 * whatever precedes u?  Only rules GB11 (emoji ZWJ sequences) and GB12-13
 * (regional indicator pairs) look further back; this answers yes only when
 * neither can apply, so segmenting from such a point gives the same
 * clusters as segmenting from the start of the line. */
static int ustr_gb_certain(uint32_t u, uint32_t v)
{
	if (u == USTR_INVALID || v == USTR_INVALID)
		return 1;
	int pu = uc_graphemeclusterbreak_property(u);
	int pv = uc_graphemeclusterbreak_property(v);
	if (pu == GBP_CR && pv == GBP_LF)
		return 0;
	if (pu == GBP_CONTROL || pu == GBP_CR || pu == GBP_LF || pv == GBP_CONTROL ||
	    pv == GBP_CR || pv == GBP_LF)
		return 1;
	if (pu == GBP_PREPEND)
		return 0;
	if (pv == GBP_OTHER || pv == GBP_PREPEND)
		return !(pu == GBP_ZWJ && uc_is_property_extended_pictographic(v));
	if (pv == GBP_RI)
		return pu != GBP_RI;
	return 0;
}

/* Is byte offset p (0 < p < len, on a unit boundary) a certain boundary? */
static int ustr_gb_certain_at(const char *s, size_t len, size_t p)
{
	uint32_t u, v;
	ustr_decode_prev(s, p, &u);
	ustr_decode(s + p, len - p, &v);
	return ustr_gb_certain(u, v);
}

/* Grapheme boundaries of s[a..b), a being a certain boundary: calls fn on
 * each boundary offset in [a, b) in order; stops when fn returns 0. */
static void ustr_gb_span(const char *s, size_t a, size_t b, int (*fn)(size_t, void *), void *arg)
{
	size_t cap = b - a;
	uint32_t *cp = xmalloc(cap * (sizeof *cp + sizeof(uint32_t) + 1));
	uint32_t *off = cp + cap;
	char *brk = (char *)(off + cap);
	size_t n = ustr_decode_all(s + a, b - a, cp, off);
	ustr_grapheme_breaks(cp, n, brk);
	for (size_t i = 0; i < n; i++)
		if (brk[i] && !fn(a + off[i], arg))
			break;
	free(cp);
}

struct ustr_gb_find {
	size_t off;	/* in: the reference offset */
	size_t found;	/* out: the boundary found */
};

static int ustr_gb_after(size_t p, void *arg)
{
	struct ustr_gb_find *f = arg;
	if (p > f->off) {
		f->found = p;
		return 0;
	}
	return 1;
}

static int ustr_gb_before(size_t p, void *arg)
{
	struct ustr_gb_find *f = arg;
	if (p >= f->off)
		return 0;
	f->found = p;
	return 1;
}

size_t ustr_grapheme_next(const char *s, size_t len, size_t off)
{
	if (off >= len)
		return len;
	/* Nearly always the next code point starts a cluster for certain
	 * (a letter after a letter): no need to segment a span. */
	uint32_t v;
	size_t b = off + ustr_decode(s + off, len - off, &v);
	if (b >= len || ustr_gb_certain_at(s, len, b))
		return b;
	size_t a = off;
	while (a > 0 && !ustr_gb_certain_at(s, len, a)) {
		uint32_t u;
		a -= ustr_decode_prev(s, a, &u);
	}
	while (b < len && !ustr_gb_certain_at(s, len, b))
		b += ustr_decode(s + b, len - b, &v);
	struct ustr_gb_find f = {off, b};
	ustr_gb_span(s, a, b, ustr_gb_after, &f);
	return f.found;
}

size_t ustr_grapheme_prev(const char *s, size_t len, size_t off)
{
	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	uint32_t u;
	size_t a = off - ustr_decode_prev(s, off, &u);
	if (a == 0 || ustr_gb_certain_at(s, len, a))
		return a;	/* the usual case, as in ustr_grapheme_next() */
	while (a > 0 && !ustr_gb_certain_at(s, len, a))
		a -= ustr_decode_prev(s, a, &u);
	struct ustr_gb_find f = {off, a};
	ustr_gb_span(s, a, off, ustr_gb_before, &f);
	return f.found;
}

int ustr_cp_width(uint32_t cp)
{
	if (cp == USTR_INVALID)
		return -1;
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	return (int)(ustr_props(cp) & USTR_P_WIDTH) - 1;
}

int ustr_grapheme_width(const uint32_t *cp, size_t n)
{
	if (n > 0 && cp[0] == USTR_INVALID)
		return 1;
	for (size_t i = 0; i < n; i++) {
		int w = ustr_cp_width(cp[i]);
		if (w > 0)
			return w;
	}
	return 0;
}

int ustr_width(const char *s, size_t len)
{
	int total = 0;
	uint32_t cp[8];
	for (size_t a = 0; a < len;) {
		size_t b = ustr_grapheme_next(s, len, a);
		/* The base is among the first code points of a cluster. */
		size_t n = 0;
		for (size_t i = a; i < b && n < UTIL_ARRAY_LEN(cp); n++)
			i += ustr_decode(s + i, b - i, &cp[n]);
		total += ustr_grapheme_width(cp, n);
		a = b;
	}
	return total;
}

int ustr_is_mark(uint32_t cp)
{
	return cp != USTR_INVALID && cp >= 0x300 && (ustr_props(cp) & USTR_P_MARK);
}

int ustr_is_format(uint32_t cp)
{
	return cp != USTR_INVALID && cp >= 0xAD && (ustr_props(cp) & USTR_P_FORMAT);
}

int ustr_is_control(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)	/* the common case, without a table */
		return 0;
	return cp != USTR_INVALID && (ustr_props(cp) & USTR_P_CONTROL);
}

int ustr_is_space(uint32_t cp)
{
	if (cp == 0x00A0 || cp == 0x2007 || cp == 0x202F)	/* no-break spaces */
		return 0;
	return cp != USTR_INVALID && uc_is_property_white_space(cp);
}

void ustr_line_breaks(const char *s, size_t len, char *brk)
{
	u8_possible_linebreaks((const uint8_t *)s, len, "UTF-8", brk);
	for (size_t i = 0; i < len; i++)
		brk[i] = brk[i] == UC_BREAK_POSSIBLE || brk[i] == UC_BREAK_MANDATORY ||
			 brk[i] == UC_BREAK_HYPHENATION;
	if (len > 0)
		brk[0] = 0;
}

/* Word starts of s[0..len) into ws[] (ws[i] = 1: a word starts at byte i):
 * a word boundary at a grapheme boundary, followed by a letter or digit. */
static void ustr_word_starts(const char *s, size_t len, char *ws)
{
	uint32_t *cp = xmalloc(len * (2 * sizeof *cp + 1));
	uint32_t *off = cp + len;
	char *gb = (char *)(off + len);
	size_t n = ustr_decode_all(s, len, cp, off);
	ustr_grapheme_breaks(cp, n, gb);
	u8_wordbreaks((const uint8_t *)s, len, ws);
	for (size_t i = 0; i < n; i++) {
		size_t b = off[i], e = i + 1 < n ? off[i + 1] : len;
		int boundary = b == 0 || ws[b];
		ws[b] = boundary && gb[i] && cp[i] != USTR_INVALID && uc_is_alnum(cp[i]);
		memset(ws + b + 1, 0, e - b - 1);
	}
	free(cp);
}

size_t ustr_word_next(const char *s, size_t len, size_t off)
{
	if (off >= len)
		return len;
	char *ws = xmalloc(len);
	ustr_word_starts(s, len, ws);
	size_t p = off + 1;
	while (p < len && !ws[p])
		p++;
	free(ws);
	return p;
}

size_t ustr_word_prev(const char *s, size_t len, size_t off)
{
	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	/* The whole string, because word rules look ahead (WB6, WB12). */
	char *ws = xmalloc(len);
	ustr_word_starts(s, len, ws);
	size_t p = off - 1;
	while (p > 0 && !ws[p])
		p--;
	free(ws);
	return p;
}

size_t ustr_symbol(uint32_t cp, unsigned char b, char out[8])
{
	int n;
	if (cp == USTR_INVALID)
		n = snprintf(out, 8, "<%02X>", b);
	else if (cp < 0x20 || cp == 0x7F)
		n = snprintf(out, 8, "^%c", (char)(cp ^ 0x40));
	else if (cp <= 0xFF)
		n = snprintf(out, 8, "<%02X>", (unsigned)cp);
	else
		n = snprintf(out, 8, "<%04X>", (unsigned)cp & 0x1FFFFF);
	return n > 0 ? (size_t)n : 0;
}

int ustr_is_unsafe(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 0;
	if (cp == USTR_INVALID || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	if (cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0x061C)
		return 0;
	return ustr_is_control(cp);
}

void ustr_escape(const char *s, size_t n, int keep_newlines, struct buf *out)
{
	size_t i = 0, run = 0;	/* s[run..i) is safe and not yet copied */
	while (i < n) {
		uint32_t cp;
		size_t k = ustr_decode(s + i, n - i, &cp);
		if ((cp == '\n' && keep_newlines) || !ustr_is_unsafe(cp)) {
			i += k;
			continue;
		}
		buf_append(out, s + run, i - run);
		char sym[8];
		buf_append(out, sym, ustr_symbol(cp, (unsigned char)s[i], sym));
		i += k;
		run = i;
	}
	buf_append(out, s + run, i - run);
}

uint32_t ustr_tolower(uint32_t cp)
{
	return cp == USTR_INVALID ? cp : uc_tolower(cp);
}
