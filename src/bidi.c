/* bidi: UAX #9 for one paragraph through fribidi; see bidi.h.
 * This file is the only one that includes fribidi's headers.
 *
 * Data model: the caller's parallel arrays, one entry per code point —
 * classes (FriBidiCharType, a uint32_t), levels (FriBidiLevel is a signed
 * char; our levels are uint8_t, which the C aliasing rules allow between
 * character types, and levels never exceed 126), visual maps (int, which
 * is FriBidiStrIndex).  The calls follow fribidi's own conformance test:
 * classes, bracket types, fribidi_get_par_embedding_levels_ex, then
 * fribidi_reorder_line per line. */
#include "mahdar/bidi.h"
#include "mahdar/util.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(FriBidiCharType) == sizeof(uint32_t), "FriBidiCharType is 32 bits");
_Static_assert(sizeof(FriBidiBracketType) == sizeof(uint32_t), "FriBidiBracketType is 32 bits");
_Static_assert(sizeof(FriBidiLevel) == 1, "FriBidiLevel is a char");
_Static_assert(sizeof(FriBidiStrIndex) == sizeof(int), "FriBidiStrIndex is an int");
_Static_assert(sizeof(FriBidiChar) == sizeof(uint32_t), "FriBidiChar is 32 bits");
_Static_assert(sizeof(FriBidiArabicProp) == 1 && sizeof(FriBidiJoiningType) == 1,
	       "joining types are bytes");

void bidi_classify(const uint32_t *cp, size_t n, uint32_t *types)
{
	if (n > 0 && n <= BIDI_MAX_LEN)
		fribidi_get_bidi_types(cp, (FriBidiStrIndex)n, types);
}

uint32_t bidi_class_neutral(void)
{
	return FRIBIDI_TYPE_ON;
}

uint32_t bidi_class_nsm(void)
{
	return FRIBIDI_TYPE_NSM;
}

/* ---- The overflow guard.
 *
 * libfribidi before 1.0.11 (Debian has 1.0.8) frees a run that another run
 * still points to when it merges runs of a paragraph whose explicit
 * embeddings and isolates overflow the 125-level stack (fribidi commit
 * 9e78abb7, "Fixed dangling pointer problem found by fuzzing", in
 * merge_with_prev): a use-after-free that valgrind sees on a line of a few
 * hundred controls and a crash on one of 100,000.  Because UAX #9 gives an
 * overflowing initiator and the PDF or PDI that closes it no effect beyond
 * being what they are for the later rules, the paragraph goes to fribidi
 * with those characters' classes changed to ones that behave the same
 * there and cannot overflow: an embedding or override initiator or PDF that
 * X5/X7 ignore becomes BN (both are removed by X9); an overflowing isolate
 * initiator and its matching PDI become WS (neutral in W1-N2, reset by L1
 * like an isolate); an FSI becomes the RLI or LRI that X5c makes of it,
 * because its content is no longer what fribidi would look at.  The
 * paragraph direction (P2-P3) is then found here, on the real classes.
 * Levels are the same as UAX #9's; fribidi never sees an overflow. */

#define BIDI_MAX_DEPTH FRIBIDI_BIDI_MAX_EXPLICIT_LEVEL

static int bidi_is_isolate(uint32_t t)
{
	return t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI;
}

static int bidi_is_embedding(uint32_t t)
{
	return t == FRIBIDI_TYPE_LRE || t == FRIBIDI_TYPE_RLE || t == FRIBIDI_TYPE_LRO ||
	       t == FRIBIDI_TYPE_RLO;
}

/* Could types[0..n) overflow the stack?  Not with fewer initiators than
 * levels (each raises the level by at most two). */
static int bidi_may_overflow(const uint32_t *types, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((bidi_is_isolate(types[i]) || bidi_is_embedding(types[i])) && ++k > BIDI_MAX_DEPTH / 2)
			return 1;
	return 0;
}

/* The direction X5c gives each isolate initiator types[i]: dir[i] = 1 RTL,
 * 0 LTR, 2 no strong character (LTR).  One pass: the first strong
 * character directly inside an isolate (not inside one nested in it)
 * decides it.  stack: n entries of scratch. */
static void bidi_isolate_dirs(const uint32_t *types, size_t n, uint8_t *dir, size_t *stack)
{
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t t = types[i];
		if (bidi_is_isolate(t)) {
			dir[i] = 2;	/* not known yet */
			stack[depth++] = i;
		} else if (t == FRIBIDI_TYPE_PDI) {
			if (depth > 0)
				depth--;
		} else if (FRIBIDI_IS_LETTER(t) && depth > 0 && dir[stack[depth - 1]] == 2) {
			dir[stack[depth - 1]] = FRIBIDI_IS_RTL(t) ? 1 : 0;
		}
	}
}

/* The paragraph's first strong character outside isolates (P2): 1 RTL,
 * 0 LTR, -1 none. */
static int bidi_first_strong(const uint32_t *types, size_t n)
{
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		if (bidi_is_isolate(types[i]))
			depth++;
		else if (types[i] == FRIBIDI_TYPE_PDI)
			depth -= depth > 0;
		else if (depth == 0 && FRIBIDI_IS_LETTER(types[i]))
			return FRIBIDI_IS_RTL(types[i]) ? 1 : 0;
	}
	return -1;
}

/* Rules X1-X8 on types[0..n) at paragraph level par_level, writing the
 * classes fribidi is to see to out.  Returns how many were changed. */
static size_t bidi_defuse(const uint32_t *types, size_t n, int par_level, uint32_t *out)
{
	struct {
		uint8_t level, isolate;
	} stack[BIDI_MAX_DEPTH + 2];
	size_t depth = 1, changed = 0;
	size_t over_iso = 0, over_emb = 0, valid_iso = 0;
	uint8_t *dir = xmalloc(n);
	size_t *open = xmalloc(n * sizeof *open);
	bidi_isolate_dirs(types, n, dir, open);
	free(open);
	stack[0].level = (uint8_t)par_level;
	stack[0].isolate = 0;
	memcpy(out, types, n * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		uint32_t t = types[i];
		int top = stack[depth - 1].level;
		if (bidi_is_embedding(t) || bidi_is_isolate(t)) {
			int rtl = t == FRIBIDI_TYPE_RLE || t == FRIBIDI_TYPE_RLO || t == FRIBIDI_TYPE_RLI ||
				  (t == FRIBIDI_TYPE_FSI && dir[i] == 1);
			int next = rtl ? (top + 1) | 1 : (top + 2) & ~1;
			int iso = bidi_is_isolate(t);
			if (t == FRIBIDI_TYPE_FSI)
				out[i] = rtl ? FRIBIDI_TYPE_RLI : FRIBIDI_TYPE_LRI;
			if (next <= BIDI_MAX_DEPTH && over_iso == 0 && over_emb == 0) {
				stack[depth].level = (uint8_t)next;
				stack[depth].isolate = (uint8_t)iso;
				depth++;
				valid_iso += (size_t)iso;
				continue;
			}
			if (iso)
				over_iso++;
			else if (over_iso == 0)
				over_emb++;
			out[i] = iso ? FRIBIDI_TYPE_WS : FRIBIDI_TYPE_BN;
			changed++;
		} else if (t == FRIBIDI_TYPE_PDI) {
			if (over_iso > 0) {
				over_iso--;
				out[i] = FRIBIDI_TYPE_WS;
				changed++;
			} else if (valid_iso > 0) {
				over_emb = 0;
				while (!stack[depth - 1].isolate)
					depth--;
				depth--;
				valid_iso--;
			}
		} else if (t == FRIBIDI_TYPE_PDF) {
			if (over_iso > 0 || over_emb > 0 || stack[depth - 1].isolate || depth < 2) {
				over_emb -= over_iso == 0 && over_emb > 0;
				out[i] = FRIBIDI_TYPE_BN;
				changed++;
			} else {
				depth--;
			}
		}
	}
	free(dir);
	return changed;
}

int bidi_levels(const uint32_t *cp, const uint32_t *types, size_t n, int base, int fallback,
		uint32_t *scratch, uint8_t *levels)
{
	int failed_dir = base == BIDI_AUTO ? (fallback == BIDI_RTL) : (base == BIDI_RTL);
	if (n == 0 || n > BIDI_MAX_LEN) {
		for (size_t i = 0; i < n; i++)
			levels[i] = (uint8_t)failed_dir;
		return failed_dir;
	}
	FriBidiParType par;
	if (base == BIDI_LTR)
		par = FRIBIDI_PAR_LTR;
	else if (base == BIDI_RTL)
		par = FRIBIDI_PAR_RTL;
	else	/* "weak" directions: P2-P3, then this when no strong character */
		par = fallback == BIDI_RTL ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR;
	uint32_t *safe = NULL;
	if (bidi_may_overflow(types, n)) {
		int strong = base == BIDI_AUTO ? bidi_first_strong(types, n) : -1;
		if (strong >= 0)
			par = strong ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
		safe = xmalloc(n * sizeof *safe);
		if (bidi_defuse(types, n, FRIBIDI_IS_RTL(par) ? 1 : 0, safe) > 0) {
			types = safe;
			if (strong < 0 && base == BIDI_AUTO)	/* P3: no strong character */
				par = fallback == BIDI_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
		}
	}
	FriBidiBracketType *btypes = scratch;
	fribidi_get_bracket_types(cp, (FriBidiStrIndex)n, types, btypes);
	FriBidiLevel max = fribidi_get_par_embedding_levels_ex(types, btypes, (FriBidiStrIndex)n,
							      &par, (FriBidiLevel *)levels);
	free(safe);
	if (max == 0) {
		for (size_t i = 0; i < n; i++)
			levels[i] = (uint8_t)failed_dir;
		return failed_dir;
	}
	return FRIBIDI_IS_RTL(par) ? BIDI_RTL : BIDI_LTR;
}

/* ---- Simple paragraphs (bidi.h).  In a right-to-left paragraph with
 * numbers, W1-W6 run on resolved types kept in levels[] as letters: R (a
 * strong character, W3 done), E (EN), A (AN), S (CS), P (ES), T (ET) and
 * N (any other neutral); W7 finds no L, and N1-N2 make every neutral R,
 * numbers counting as R. */
int bidi_levels_simple(const uint32_t *types, size_t n, int base, int fallback, uint8_t *levels)
{
	/* One pass of bit operations: this runs for every line laid out. */
	uint32_t any = 0;
	int has_l = 0, has_r = 0, has_en = 0, has_an = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t t = types[i];
		any |= t;
		has_l |= (t & (FRIBIDI_MASK_LETTER | FRIBIDI_MASK_RTL)) == FRIBIDI_MASK_LETTER;
		has_r |= (t & (FRIBIDI_MASK_LETTER | FRIBIDI_MASK_RTL)) == (FRIBIDI_MASK_LETTER | FRIBIDI_MASK_RTL);
		has_en |= t == FRIBIDI_TYPE_EN;
		has_an |= t == FRIBIDI_TYPE_AN;
	}
	/* Explicit formatting, isolates, BN, B (and anything fribidi might
	 * add): not simple. */
	if (any & ~(uint32_t)(FRIBIDI_MASK_RTL | FRIBIDI_MASK_ARABIC | FRIBIDI_MASK_STRONG | FRIBIDI_MASK_WEAK |
			      FRIBIDI_MASK_NEUTRAL | FRIBIDI_MASK_LETTER | FRIBIDI_MASK_NUMBER |
			      FRIBIDI_MASK_NUMSEPTER | FRIBIDI_MASK_SPACE | FRIBIDI_MASK_SEPARATOR |
			      FRIBIDI_MASK_ES | FRIBIDI_MASK_ET | FRIBIDI_MASK_CS | FRIBIDI_MASK_NSM |
			      FRIBIDI_MASK_SS | FRIBIDI_MASK_WS))
		return -1;
	if (has_l && has_r)
		return -1;
	int dir;
	if (base == BIDI_LTR || base == BIDI_RTL)
		dir = base;
	else	/* P2-P3 */
		dir = has_l ? BIDI_LTR : has_r ? BIDI_RTL : fallback == BIDI_RTL ? BIDI_RTL : BIDI_LTR;
	if (dir == BIDI_LTR) {
		/* W7 makes every EN an L (sos is L and there is no R); an AN
		 * would stay one, and make its neutral neighbours R. */
		if (has_r || has_an)
			return -1;
		memset(levels, 0, n);
		return BIDI_LTR;
	}
	if (has_l)
		return -1;
	if (!has_en && !has_an) {
		memset(levels, 1, n);
		return BIDI_RTL;
	}
	/* W1 (NSM: the type before it, sos R), W2 (EN after AL: AN), W3. */
	uint32_t prev = FRIBIDI_TYPE_RTL, strong = FRIBIDI_TYPE_RTL;
	for (size_t i = 0; i < n; i++) {
		uint32_t t = types[i] == FRIBIDI_TYPE_NSM ? prev : types[i];
		prev = t;
		if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
			strong = t;
		char c;
		switch (t) {
		case FRIBIDI_TYPE_RTL:
		case FRIBIDI_TYPE_AL:
			c = 'R';
			break;
		case FRIBIDI_TYPE_EN:
			c = strong == FRIBIDI_TYPE_AL ? 'A' : 'E';
			break;
		case FRIBIDI_TYPE_AN:
			c = 'A';
			break;
		case FRIBIDI_TYPE_CS:
			c = 'S';
			break;
		case FRIBIDI_TYPE_ES:
			c = 'P';
			break;
		case FRIBIDI_TYPE_ET:
			c = 'T';
			break;
		default:
			c = 'N';
		}
		levels[i] = (uint8_t)c;
	}
	/* W4 (one separator between two numbers of a kind takes their
	 * type), W5 (terminators next to a European number join it), W6 (the
	 * rest is neutral), then N1-N2 (neutrals are R) and I1-I2, in one
	 * pass: before is the type before i after W4, W5 not yet applied. */
	uint8_t before = 0;
	for (size_t i = 0; i < n;) {
		uint8_t c = levels[i];
		if (c == 'T') {
			size_t j = i;
			while (j < n && levels[j] == 'T')
				j++;
			int en = before == 'E' || (j < n && levels[j] == 'E');
			memset(levels + i, en ? 2 : 1, j - i);
			before = 'T';
			i = j;
			continue;
		}
		if ((c == 'P' || c == 'S') && i + 1 < n) {
			uint8_t next = levels[i + 1];
			if (c == 'P' ? before == 'E' && next == 'E' : before == next && (before == 'E' || before == 'A'))
				c = before;
		}
		levels[i] = c == 'E' || c == 'A' ? 2 : 1;
		before = c;
		i++;
	}
	return BIDI_RTL;
}

int bidi_reorder_line(const uint32_t *types, size_t off, size_t len, int dir, int keep_marks,
		      uint8_t *levels, int *map)
{
	for (size_t i = off; i < off + len; i++)
		map[i] = (int)i;
	if (len == 0)
		return 0;
	if (off + len > BIDI_MAX_LEN)
		return -1;
	/* FRIBIDI_FLAGS_DEFAULT holds FRIBIDI_FLAG_REORDER_NSM (rule L3); the
	 * other default flags do not concern reordering. */
	FriBidiFlags flags = FRIBIDI_FLAGS_DEFAULT;
	if (!keep_marks)
		flags &= ~(FriBidiFlags)FRIBIDI_FLAG_REORDER_NSM;
	FriBidiParType par = dir == BIDI_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	FriBidiLevel max = fribidi_reorder_line(flags, types, (FriBidiStrIndex)len,
						(FriBidiStrIndex)off, par, (FriBidiLevel *)levels,
						NULL, map);
	if (max == 0) {
		for (size_t i = off; i < off + len; i++)
			map[i] = (int)i;
		return -1;
	}
	return 0;
}

uint32_t bidi_mirror(uint32_t cp)
{
	/* Most of a line: ASCII other than the brackets, and the letters of
	 * Hebrew, Arabic and the scripts up to Tibetan, none of which has a
	 * mirror (test_bidi_conformance checks every code point). */
	if (cp < 0x80) {
		switch (cp) {
		case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}':
			break;
		default:
			return cp;
		}
	} else if (cp >= 0x0590 && cp < 0x0F00) {
		return cp;
	}
	FriBidiChar m;
	if (cp <= 0x10FFFF && fribidi_get_mirror_char(cp, &m))
		return m;
	return cp;
}

void bidi_shape(const uint32_t *types, const uint8_t *levels, size_t n, uint8_t *scratch,
		uint32_t *cp)
{
	if (n == 0 || n > BIDI_MAX_LEN)
		return;
	/* Not FRIBIDI_FLAG_SHAPE_ARAB_LIGA: it turns lam + alef into one
	 * ligature code point followed by a U+FEFF filler, which would break
	 * the one-cell-per-grapheme map. */
	fribidi_get_joining_types(cp, (FriBidiStrIndex)n, scratch);
	fribidi_join_arabic(types, (FriBidiStrIndex)n, (const FriBidiLevel *)levels, scratch);
	fribidi_shape(FRIBIDI_FLAG_SHAPE_ARAB_PRES, (const FriBidiLevel *)levels,
		      (FriBidiStrIndex)n, scratch, cp);
}
