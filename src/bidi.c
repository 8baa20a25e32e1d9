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

#include <fribidi.h>

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
	FriBidiBracketType *btypes = scratch;
	fribidi_get_bracket_types(cp, (FriBidiStrIndex)n, types, btypes);
	FriBidiLevel max = fribidi_get_par_embedding_levels_ex(types, btypes, (FriBidiStrIndex)n,
							      &par, (FriBidiLevel *)levels);
	if (max == 0) {
		for (size_t i = 0; i < n; i++)
			levels[i] = (uint8_t)failed_dir;
		return failed_dir;
	}
	return FRIBIDI_IS_RTL(par) ? BIDI_RTL : BIDI_LTR;
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
