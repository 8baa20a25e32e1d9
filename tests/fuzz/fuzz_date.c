/* fuzz date: date_read on any bytes; when it accepts them, the ISO dates
 * are real Gregorian dates (a range's last day after its first), and for a
 * date written with digits alone, converting it back into the calendar it
 * reports gives the three numbers written (read here independently: digit
 * runs in the three digit systems).  Inputs whose first byte has the high
 * bit set instead drive the calendar functions with arbitrary numbers:
 * whatever converts must convert back. */
#include "fuzz.h"

#include "mahdar/date.h"

#include <limits.h>
#include <string.h>

static int fuzz_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int fuzz_greg_valid(long y, long m, long d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] + (m == 2 && fuzz_leap(y));
}

static int fuzz_iso_ok(const char *iso)
{
	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return 0;
	return atoi(iso) >= 1 && fuzz_greg_valid(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

/* Does s hold a letter (any byte that is not ASCII digit, space or
 * punctuation, and not an Arabic-Indic or Persian digit)? */
static int fuzz_has_words(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += ustr_decode(s + i, n - i, &c);
		if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9))
			continue;
		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return 1;
	}
	return 0;
}

/* The runs of digits in s (ASCII, U+0660.., U+06F0..), at most 4 of them. */
static int fuzz_numbers(const char *s, size_t n, long v[4])
{
	int k = 0, in = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += ustr_decode(s + i, n - i, &c);
		int dg = c >= '0' && c <= '9' ? (int)(c - '0') : c >= 0x660 && c <= 0x669 ? (int)(c - 0x660)
			 : c >= 0x6F0 && c <= 0x6F9 ? (int)(c - 0x6F0) : -1;
		if (dg < 0) {
			in = 0;
			continue;
		}
		if (!in) {
			if (k == 4)
				return 5;
			v[k++] = 0;
			in = 1;
		}
		if (v[k - 1] < 100000)
			v[k - 1] = v[k - 1] * 10 + dg;
	}
	return k;
}

static void fuzz_parse(const char *s, size_t n, int hint)
{
	struct date_value dv;
	memset(&dv, 'x', sizeof dv);
	if (date_read(s, n, hint, &dv) < 0)
		return;
	char iso[11];
	memcpy(iso, dv.iso, sizeof iso);
	int cal = dv.cal;
	FUZZ_CHECK(iso[10] == '\0' && fuzz_iso_ok(iso));
	FUZZ_CHECK(cal >= DOC_CAL_GREGORIAN && cal <= DOC_CAL_HEBREW);
	if (dv.end_iso[0] != '\0') {
		FUZZ_CHECK(dv.end_iso[10] == '\0' && fuzz_iso_ok(dv.end_iso));
		FUZZ_CHECK(strcmp(dv.end_iso, iso) > 0);
		return;
	}
	/* date_parse() gives the same first day. */
	char iso2[11];
	int cal2;
	FUZZ_CHECK(date_parse(s, n, hint, iso2, &cal2) == 0 && strcmp(iso, iso2) == 0 && cal2 == cal);
	if (fuzz_has_words(s, n))
		return;	/* month names, eras: no three numbers to compare */
	int gy = atoi(iso), gm = atoi(iso + 5), gd = atoi(iso + 8);

	int y, m, d;
	if (cal == DOC_CAL_GREGORIAN)
		y = gy, m = gm, d = gd;
	else if (cal == DOC_CAL_PERSIAN)
		FUZZ_CHECK(date_gregorian_to_persian(gy, gm, gd, &y, &m, &d) == 0);
	else if (cal == DOC_CAL_ISLAMIC)
		FUZZ_CHECK(date_gregorian_to_islamic(gy, gm, gd, &y, &m, &d) == 0);
	else
		FUZZ_CHECK(!"a numeric date is Gregorian, Persian or Islamic");

	long v[4];
	if (fuzz_numbers(s, n, v) != 3)
		return;	/* "2024-03-15 - 2024-03-15": a range of one day */
	FUZZ_CHECK((v[0] == y && v[1] == m && v[2] == d) || (v[0] == d && v[1] == m && v[2] == y));
	/* Years from 1700 are Gregorian, earlier ones never are. */
	FUZZ_CHECK((cal == DOC_CAL_GREGORIAN) == (y >= 1700));
}

static int fuzz_int(const uint8_t *p)
{
	uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	int v;
	memcpy(&v, &u, sizeof v);
	return v;
}

/* Small numbers most of the time, so that real dates come up. */
static int fuzz_num(const uint8_t *p, int mode)
{
	int v = fuzz_int(p);
	return mode == 0 ? v : mode == 1 ? v % 4000 : v % 40;
}

static void fuzz_calendars(const uint8_t *p, size_t n)
{
	if (n < 13)
		return;
	int mode = p[0] & 3;
	int a = fuzz_num(p + 1, mode ? 1 : 0), b = fuzz_num(p + 5, mode ? 2 : 0),
	    c = fuzz_num(p + 9, mode ? 2 : 0);
	int gy, gm, gd, y, m, d;

	if (date_persian_to_gregorian(a, b, c, &gy, &gm, &gd) == 0) {
		FUZZ_CHECK(fuzz_greg_valid(gy, gm, gd));
		FUZZ_CHECK(date_gregorian_to_persian(gy, gm, gd, &y, &m, &d) == 0);
		FUZZ_CHECK(y == a && m == b && d == c);
	}
	if (date_islamic_to_gregorian(a, b, c, &gy, &gm, &gd) == 0) {
		FUZZ_CHECK(fuzz_greg_valid(gy, gm, gd));
		FUZZ_CHECK(date_gregorian_to_islamic(gy, gm, gd, &y, &m, &d) == 0);
		FUZZ_CHECK(y == a && m == b && d == c);
	}
	if (date_hebrew_to_gregorian(a, b, c, &gy, &gm, &gd) == 0) {
		FUZZ_CHECK(fuzz_greg_valid(gy, gm, gd));
		FUZZ_CHECK(date_gregorian_to_hebrew(gy, gm, gd, &y, &m, &d) == 0);
		FUZZ_CHECK(y == a && m == b && d == c);
	}
	if (fuzz_greg_valid(a, b, c)) {
		if (date_gregorian_to_hebrew(a, b, c, &y, &m, &d) == 0) {
			FUZZ_CHECK(date_hebrew_to_gregorian(y, m, d, &gy, &gm, &gd) == 0);
			FUZZ_CHECK(gy == a && gm == b && gd == c);
		}
		long days = date_gregorian_to_days(a, b, c);
		date_days_to_gregorian(days, &y, &m, &d);
		FUZZ_CHECK(y == a && m == b && d == c);
		if (a < INT_MAX) {	/* the next day is the next date */
			date_days_to_gregorian(days + 1, &y, &m, &d);
			FUZZ_CHECK(fuzz_greg_valid(y, m, d));
			FUZZ_CHECK(d == c + 1 || (d == 1 && (m == b + 1 || (m == 1 && b == 12 && y == a + 1))));
		}
		if (date_gregorian_to_persian(a, b, c, &y, &m, &d) == 0) {
			FUZZ_CHECK(date_persian_to_gregorian(y, m, d, &gy, &gm, &gd) == 0);
			FUZZ_CHECK(gy == a && gm == b && gd == c);
		}
		if (date_gregorian_to_islamic(a, b, c, &y, &m, &d) == 0) {
			FUZZ_CHECK(date_islamic_to_gregorian(y, m, d, &gy, &gm, &gd) == 0);
			FUZZ_CHECK(gy == a && gm == b && gd == c);
		}
	}
	char out[32];
	for (int lang = DOC_LANG_NONE; lang < DOC_LANG_COUNT; lang++) {
		date_format_for_lang(a, b, c, lang, out, sizeof out);
		FUZZ_CHECK(strlen(out) < sizeof out);
		/* What is written reads back as the same day, for the years
		 * date_parse() takes as Gregorian (and Persian years below 1700,
		 * i.e. until 2320, for fa). */
		if (out[0] != '\0' && a >= 1700 && (lang != DOC_LANG_FA || a < 2320)) {
			char iso[11];
			int cal;
			FUZZ_CHECK(date_parse(out, strlen(out), lang, iso, &cal) == 0);
			FUZZ_CHECK(atoi(iso) == a && atoi(iso + 5) == b && atoi(iso + 8) == c);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 0x80) {
		fuzz_calendars(data + 1, size - 1);
		return 0;
	}
	int hint = (int)(data[0] % (DOC_LANG_COUNT + 1)) - 1;	/* DOC_LANG_NONE .. HE */
	fuzz_parse((const char *)data + 1, size - 1, hint);
	return 0;
}
