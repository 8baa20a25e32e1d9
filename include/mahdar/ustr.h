/* ustr: Unicode string helpers — the only user of libunistring.
 *
 * Strings are UTF-8 byte ranges that may hold invalid bytes; an invalid
 * byte is always one unit of its own (one "grapheme", width 1), so that it
 * can be shown, stepped over and kept.
 *
 * Two views of the same text: byte strings (s, len, off) for the editor,
 * and decoded code point arrays (cp[], USTR_INVALID for an invalid byte)
 * for the layout, which needs every code point anyway. */
#ifndef MAHDAR_USTR_H
#define MAHDAR_USTR_H

#include <stddef.h>
#include <stdint.h>

/* Code point reported for a byte that does not start a valid sequence. */
#define USTR_INVALID 0xFFFFFFFFu

/* Decode one code point at s (n > 0 bytes available).  Stores it in *cp
 * (USTR_INVALID for an invalid byte) and returns the bytes used (>= 1). */
size_t ustr_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp as UTF-8 into out (4 bytes room); returns the length. */
size_t ustr_encode(uint32_t cp, char *out);
/* Length of the longest valid UTF-8 prefix (== n when all valid). */
size_t ustr_valid_prefix(const char *s, size_t n);

/* Decode the unit that ends at s[off] (off > 0), the exact inverse of
 * stepping forward with ustr_decode(); returns its length (>= 1). */
size_t ustr_decode_prev(const char *s, size_t off, uint32_t *cp);
/* Decode all of s[0..len) into cp[] with the byte offset of each code
 * point in off[] (off may be NULL); both need room for len entries.
 * Returns the number of code points. */
size_t ustr_decode_all(const char *s, size_t len, uint32_t *cp, uint32_t *off);

/* Extended grapheme clusters (UAX #29) of cp[0..n): brk[i] = 1 when a
 * cluster starts at cp[i] (brk[0] = 1 when n > 0).  An invalid byte is a
 * cluster of its own. */
void ustr_grapheme_breaks(const uint32_t *cp, size_t n, char *brk);
/* Byte offset of the first grapheme boundary after off (len at the end). */
size_t ustr_grapheme_next(const char *s, size_t len, size_t off);
/* Byte offset of the last grapheme boundary before off (0 at the start). */
size_t ustr_grapheme_prev(const char *s, size_t len, size_t off);

/* Columns of one code point on a terminal (uc_width): 0 for combining
 * marks, ZWJ/ZWNJ and other invisible characters, 2 for wide ones, -1 for
 * C0/C1 controls and USTR_INVALID. */
int ustr_cp_width(uint32_t cp);
/* Columns of the grapheme cp[0..n): its base's width, i.e. that of its
 * first code point wider than 0 (0 if none); an invalid byte counts 1. */
int ustr_grapheme_width(const uint32_t *cp, size_t n);
/* Columns of s[0..len) printed as is: the sum of its graphemes' widths
 * (controls count 0: they must never be printed raw — see layout). */
int ustr_width(const char *s, size_t len);

/* The lower-case form of cp (uc_tolower), for case-insensitive matching. */
uint32_t ustr_tolower(uint32_t cp);

/* Combining mark (general category M: Mn, Mc, Me), drawn on a base. */
int ustr_is_mark(uint32_t cp);
/* Format character (general category Cf: ZWSP, ZWJ, BOM, bidi controls...). */
int ustr_is_format(uint32_t cp);
/* Grapheme_Cluster_Break=Control: C0/C1 controls, most Cf, U+2028/2029 —
 * always a grapheme of its own and invisible or harmful when printed. */
int ustr_is_control(uint32_t cp);
/* A space a line may break after: White_Space (space, tab, ideographic
 * space...) except the no-break spaces U+00A0, U+2007, U+202F. */
int ustr_is_space(uint32_t cp);

/* Line break opportunities (UAX #14) of s[0..len): brk[i] = 1 when a row
 * may start at byte i (brk has len entries; brk[0] = 0). */
void ustr_line_breaks(const char *s, size_t len, char *brk);

/* Word motion (Ctrl-Right/Left), UAX #29 word boundaries.  A word starts at
 * a boundary followed by a letter or digit.  ustr_word_next: the first word
 * start after off, or len; ustr_word_prev: the last word start before off,
 * or 0.  Both land on grapheme boundaries. */
size_t ustr_word_next(const char *s, size_t len, size_t off);
size_t ustr_word_prev(const char *s, size_t len, size_t off);

/* The visible stand-in for a control code point or an invalid byte, as
 * mahdar shows them everywhere: "^[" for C0 controls and DEL, "<9B>" for
 * C1 controls, "<FF>" for an invalid byte (cp == USTR_INVALID, byte b),
 * "<202E>" for other controls.  Writes it to out (8 bytes room) and
 * returns its length (also its width in columns). */
size_t ustr_symbol(uint32_t cp, unsigned char b, char out[8]);

/* Is cp unsafe to send to a terminal as it is: a C0 or C1 control, DEL,
 * an invalid byte, a bidi embedding/override/isolate (which would reorder
 * the rest of the terminal line), or another grapheme Control (U+2028…)?
 * ZWJ, ZWNJ and the marks LRM/RLM/ALM are safe. */
int ustr_is_unsafe(uint32_t cp);

struct buf;
/* Append s[0..n) to out with every unsafe code point replaced by its
 * symbol; newlines are kept when keep_newlines is set. */
void ustr_escape(const char *s, size_t n, int keep_newlines, struct buf *out);

#endif
