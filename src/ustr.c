/* ustr: UTF-8 decoding and Unicode text segmentation; see ustr.h.
 * This file is the only one that includes libunistring's headers. */
#include "mahdar/ustr.h"

#include <unistr.h>

size_t ustr_decode(const char *s, size_t n, uint32_t *cp)
{
	ucs4_t uc;
	int k = u8_mbtoucr(&uc, (const uint8_t *)s, n);
	if (k <= 0) {
		*cp = USTR_INVALID;
		return 1;
	}
	*cp = uc;
	return (size_t)k;
}

size_t ustr_encode(uint32_t cp, char *out)
{
	int k = u8_uctomb((uint8_t *)out, cp, 4);
	return k > 0 ? (size_t)k : 0;
}

size_t ustr_valid_prefix(const char *s, size_t n)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, n);
	return bad == NULL ? n : (size_t)(bad - (const uint8_t *)s);
}
