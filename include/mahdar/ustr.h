/* ustr: Unicode string helpers — the only user of libunistring.
 *
 * Strings are UTF-8 byte ranges that may hold invalid bytes; an invalid
 * byte is always one unit of its own (one "grapheme", width 1), so that it
 * can be shown, stepped over and kept. */
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

#endif
