/* bidi: the Unicode Bidirectional Algorithm (UAX #9) for one paragraph —
 * the only user of fribidi.
 *
 * Arrays are the caller's, one entry per code point: bidi classes (opaque
 * numbers, compare them only through the bidi_class_* functions), levels,
 * visual maps.  Code points must be real ones (<= U+10FFFF: map
 * USTR_INVALID to U+FFFD first).  Nothing here allocates except fribidi
 * itself and bidi_levels() for a paragraph that overflows the embedding
 * stack (see bidi.c: how a bug of libfribidi < 1.0.11 is kept away). */
#ifndef MAHDAR_BIDI_H
#define MAHDAR_BIDI_H

#include <stddef.h>
#include <stdint.h>

/* Paragraph directions (same values as LAYOUT_LTR/RTL/AUTO). */
#define BIDI_LTR 0
#define BIDI_RTL 1
#define BIDI_AUTO 2

/* Longest paragraph fribidi can take (its indices are int). */
#define BIDI_MAX_LEN ((size_t)0x7FFFFFFF)

/* Bidi classes (Bidi_Class) of cp[0..n) into types[0..n). */
void bidi_classify(const uint32_t *cp, size_t n, uint32_t *types);
/* The class ON (Other Neutral), given to anything drawn as a symbol. */
uint32_t bidi_class_neutral(void);
/* The class NSM (non-spacing mark). */
uint32_t bidi_class_nsm(void);

/* Resolve the embedding levels of the paragraph cp[0..n) with classes
 * types (rules P2-I2 and L1 parts 1-3), using brackets (N0) from cp.
 * base: BIDI_LTR, BIDI_RTL or BIDI_AUTO (P2-P3: first strong character,
 * fallback when there is none).  scratch: n entries.  Returns the
 * paragraph direction, BIDI_LTR or BIDI_RTL; if fribidi fails (out of
 * memory) every level is the paragraph's. */
int bidi_levels(const uint32_t *cp, const uint32_t *types, size_t n, int base, int fallback,
		uint32_t *scratch, uint8_t *levels);

/* bidi_levels without fribidi for the paragraphs most lines are: no
 * explicit formatting, no boundary neutral or paragraph separator, strong
 * characters of one direction only, and numbers only in a right-to-left
 * paragraph.  Their levels are the paragraph's, and 2 for the numbers of
 * a right-to-left one (with the separators and terminators W4-W5 join to
 * them); brackets need no pairing, since N0 can only give them the
 * paragraph's direction.  Returns the paragraph direction with levels
 * filled, or -1 (levels untouched) when the paragraph is not one of
 * these.  L1 leaves such levels as they are. */
int bidi_levels_simple(const uint32_t *types, size_t n, int base, int fallback, uint8_t *levels);

/* Reorder the line [off, off + len) of a paragraph (rules L1 part 4 — which
 * updates levels[off..off+len) — and L2; L3 too when keep_marks, i.e.
 * non-spacing marks stay after their base in right-to-left runs, as a
 * terminal needs).  dir: the paragraph direction.  On return
 * map[off + i] is the paragraph index of the code point shown i-th from
 * the left.  Returns 0, or -1 if fribidi failed (map is then logical). */
int bidi_reorder_line(const uint32_t *types, size_t off, size_t len, int dir, int keep_marks,
		      uint8_t *levels, int *map);

/* The mirrored glyph of cp (Bidi_Mirroring_Glyph), or cp itself. */
uint32_t bidi_mirror(uint32_t cp);

/* Arabic shaping: replace the letters of cp[0..n) by their presentation
 * forms (isolated, initial, medial, final) according to joining (with
 * FRIBIDI_FLAG_SHAPE_ARAB_PRES only — never ligatures, so every code point
 * stays one code point).  types/levels as from bidi_classify/bidi_levels;
 * scratch: n bytes. */
void bidi_shape(const uint32_t *types, const uint8_t *levels, size_t n, uint8_t *scratch,
		uint32_t *cp);

#endif
