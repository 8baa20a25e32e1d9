/* date: dates as people write them in minutes, and calendar arithmetic.
 *
 * Data model: every calendar converts through one day count, the number of
 * days since 1970-01-01 in the proleptic Gregorian calendar (a long).
 * Gregorian <-> days is Howard Hinnant's civil-days algorithm; Solar Hijri
 * is Borkowski's 33-year-cycle arithmetic with the table of cycle breaks
 * (the algorithm of jalaali-js), exact for years 1..3177; the Islamic
 * calendar is the tabular (arithmetic) one with the civil epoch, Friday
 * 622-07-16 Julian = 622-07-19 proleptic Gregorian.
 *
 * A written date is three groups of digits in one digit system (ASCII,
 * Arabic-Indic U+0660.., Extended Arabic-Indic U+06F0..) separated twice by
 * the same '-', '/' or '.'; the four-digit group is the year and decides
 * whether the order is Y/M/D or D/M/Y. */
#include "mahdar/date.h"
#include "mahdar/doc.h"

#include <string.h>

enum { DATE_DIG_ASCII, DATE_DIG_ARABIC, DATE_DIG_PERSIAN };

long date_gregorian_to_days(int year, int m, int d)
{
	long y = (long)year - (m <= 2);	/* in long: any int year has a day count */
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_days_to_gregorian(long days, int *y, int *m, int *d)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int date_gregorian_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_gregorian_valid(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && date_gregorian_is_leap(y));
}

/* Borkowski's jalCal: for Solar Hijri year jy, the Gregorian year gy in
 * which it begins, the day in March of its 1 Farvardin, and how many years
 * have passed since the last leap year (0 = jy is leap).  Integer division
 * truncates toward zero exactly like the ~~ of the reference code. */
static int date_jal_cal(int jy, int *gy, int *march, int *leap)
{
	static const int breaks[] = {
		-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
		1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
	};
	const int nb = (int)(sizeof breaks / sizeof breaks[0]);
	if (jy < 1 || jy >= breaks[nb - 1])
		return -1;
	int leapj = -14, jp = breaks[0], jump = 0;
	for (int i = 1; i < nb; i++) {
		int jm = breaks[i];
		jump = jm - jp;
		if (jy < jm)
			break;
		leapj += jump / 33 * 8 + jump % 33 / 4;
		jp = jm;
	}
	int n = jy - jp;
	leapj += n / 33 * 8 + (n % 33 + 3) / 4;
	if (jump % 33 == 4 && jump - n == 4)
		leapj++;
	int g = jy + 621;
	int leapg = g / 4 - (g / 100 + 1) * 3 / 4 - 150;
	*gy = g;
	*march = 20 + leapj - leapg;
	if (jump - n < 6)
		n = n - jump + (jump + 4) / 33 * 33;
	int lp = ((n + 1) % 33 - 1) % 4;
	*leap = lp == -1 ? 4 : lp;
	return 0;
}

int date_persian_is_leap(int jy)
{
	int gy, march, leap;
	return date_jal_cal(jy, &gy, &march, &leap) == 0 && leap == 0;
}

/* Days since 1970 of 1 Farvardin jy, or 0 with -1 returned when out of range. */
static int date_persian_new_year(int jy, long *days)
{
	int gy, march, leap;
	if (date_jal_cal(jy, &gy, &march, &leap) < 0)
		return -1;
	*days = date_gregorian_to_days(gy, 3, march);
	return 0;
}

int date_persian_to_gregorian(int jy, int jm, int jd, int *gy, int *gm, int *gd)
{
	long start;
	if (jm < 1 || jm > 12 || jd < 1 || date_persian_new_year(jy, &start) < 0)
		return -1;
	int mlen = jm <= 6 ? 31 : jm <= 11 ? 30 : date_persian_is_leap(jy) ? 30 : 29;
	if (jd > mlen)
		return -1;
	long k = (jm <= 6 ? (jm - 1) * 31 : 186 + (jm - 7) * 30) + jd - 1;
	date_days_to_gregorian(start + k, gy, gm, gd);
	return 0;
}

int date_gregorian_to_persian(int gy, int gm, int gd, int *jy, int *jm, int *jd)
{
	/* Solar Hijri years 1..3177 lie within Gregorian 622..3799. */
	if (!date_gregorian_valid(gy, gm, gd) || gy < 622 || gy > 3799)
		return -1;
	long days = date_gregorian_to_days(gy, gm, gd), start;
	int y = gy - 621;
	/* Because the year gy-621 starts in March of gy, a date before its
	 * Nowruz belongs to the year before (also when gy-621 is past the
	 * table's last year). */
	if (date_persian_new_year(y, &start) < 0 || days < start) {
		y--;
		if (date_persian_new_year(y, &start) < 0)
			return -1;
	}
	long k = days - start;
	/* Because the fallback above also catches dates past the table's
	 * last year, a day count beyond year y's length is out of range. */
	if (k >= 365 + date_persian_is_leap(y))
		return -1;
	if (k < 186) {
		*jm = (int)(1 + k / 31);
		*jd = (int)(k % 31 + 1);
	} else {
		k -= 186;
		*jm = (int)(7 + k / 30);
		*jd = (int)(k % 30 + 1);
	}
	*jy = y;
	return 0;
}

/* Tabular Islamic calendar (civil epoch). */
#define DATE_ISLAMIC_MAX_YEAR 9999

static long date_islamic_epoch(void)
{
	return date_gregorian_to_days(622, 7, 19);
}

static int date_islamic_is_leap(int hy)
{
	return (14 + 11 * hy) % 30 < 11;
}

static long date_islamic_days(int hy, int hm, int hd)
{
	return date_islamic_epoch() + (hy - 1) * 354L + (3 + 11L * hy) / 30 + 29L * (hm - 1) +
	       hm / 2 + hd - 1;
}

int date_islamic_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd)
{
	if (hy < 1 || hy > DATE_ISLAMIC_MAX_YEAR || hm < 1 || hm > 12 || hd < 1)
		return -1;
	int mlen = hm % 2 == 1 ? 30 : hm == 12 && date_islamic_is_leap(hy) ? 30 : 29;
	if (hd > mlen)
		return -1;
	date_days_to_gregorian(date_islamic_days(hy, hm, hd), gy, gm, gd);
	return 0;
}

int date_gregorian_to_islamic(int gy, int gm, int gd, int *hy, int *hm, int *hd)
{
	if (!date_gregorian_valid(gy, gm, gd))
		return -1;
	long days = date_gregorian_to_days(gy, gm, gd);
	long rel = days - date_islamic_epoch();
	if (rel < 0 || days >= date_islamic_days(DATE_ISLAMIC_MAX_YEAR + 1, 1, 1))
		return -1;
	/* 10631 days make 30 years; the estimate is off by at most one. */
	int y = (int)((30 * rel + 10646) / 10631);
	while (y > 1 && date_islamic_days(y, 1, 1) > days)
		y--;
	while (date_islamic_days(y + 1, 1, 1) <= days)
		y++;
	if (y > DATE_ISLAMIC_MAX_YEAR)
		return -1;
	int m = 12;
	while (m > 1 && date_islamic_days(y, m, 1) > days)
		m--;
	*hy = y;
	*hm = m;
	*hd = (int)(days - date_islamic_days(y, m, 1) + 1);
	return 0;
}

/* The digit at s[*i] (advancing *i) and its system, or -1. */
static int date_digit(const unsigned char *s, size_t len, size_t *i, int *sys)
{
	if (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		*sys = DATE_DIG_ASCII;
		return s[(*i)++] - '0';
	}
	if (*i + 1 < len && s[*i] == 0xD9 && s[*i + 1] >= 0xA0 && s[*i + 1] <= 0xA9) {
		*sys = DATE_DIG_ARABIC;
		*i += 2;
		return s[*i - 1] - 0xA0;
	}
	if (*i + 1 < len && s[*i] == 0xDB && s[*i + 1] >= 0xB0 && s[*i + 1] <= 0xB9) {
		*sys = DATE_DIG_PERSIAN;
		*i += 2;
		return s[*i - 1] - 0xB0;
	}
	return -1;
}

/* Length of the blank at s[i]: ASCII space or tab, and the invisible
 * direction marks (LRM, RLM, ALM) that bidi text puts around dates. */
static size_t date_blank(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == ' ' || s[i] == '\t')
		return 1;
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x8E || s[i + 2] == 0x8F))
		return 3;
	if (i + 1 < len && s[i] == 0xD8 && s[i + 1] == 0x9C)
		return 2;
	return 0;
}

/* A group of 1..4 digits in the system *sys (set by the first group). */
static int date_group(const unsigned char *s, size_t len, size_t *i, int *sys, int *ndig)
{
	int v = 0, n = 0, dsys, dig;
	size_t j = *i;
	while (n < 5 && (dig = date_digit(s, len, &j, &dsys)) >= 0) {
		if (*sys < 0)
			*sys = dsys;
		else if (dsys != *sys)
			return -1;
		v = v * 10 + dig;
		n++;
	}
	if (n == 0 || n > 4)
		return -1;
	*i = j;
	*ndig = n;
	return v;
}

static void date_write_iso(char iso[11], int y, int m, int d)
{
	int v[3] = { y, m, d }, w[3] = { 4, 2, 2 };
	char *p = iso;
	for (int k = 0; k < 3; k++) {
		if (k)
			*p++ = '-';
		for (int j = w[k] - 1; j >= 0; j--, v[k] /= 10)
			p[j] = (char)('0' + v[k] % 10);
		p += w[k];
	}
	*p = '\0';
}

int date_parse(const char *str, size_t len, int lang_hint, char iso[11], int *cal)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, b;
	while (i < len && (b = date_blank(s, len, i)) > 0)
		i += b;
	int sys = -1, v[3], n[3];
	unsigned char sep = 0;
	for (int k = 0; k < 3; k++) {
		if (k > 0) {
			if (i >= len || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
				return -1;
			if (k == 2 && s[i] != sep)
				return -1;
			sep = s[i++];
		}
		if ((v[k] = date_group(s, len, &i, &sys, &n[k])) < 0)
			return -1;
	}
	while (i < len && (b = date_blank(s, len, i)) > 0)
		i += b;
	if (i != len)
		return -1;
	int y, m, d;
	if (n[0] == 4 && n[1] <= 2 && n[2] <= 2) {
		y = v[0], m = v[1], d = v[2];
	} else if (n[0] <= 2 && n[1] <= 2 && n[2] == 4) {
		d = v[0], m = v[1], y = v[2];
	} else {
		return -1;
	}
	int gy, gm, gd, c;
	if (y >= 1700) {
		c = DOC_CAL_GREGORIAN;
		if (!date_gregorian_valid(y, m, d))
			return -1;
		gy = y, gm = m, gd = d;
	} else if (lang_hint == DOC_LANG_AR && sys != DATE_DIG_PERSIAN) {
		c = DOC_CAL_ISLAMIC;
		if (date_islamic_to_gregorian(y, m, d, &gy, &gm, &gd) < 0)
			return -1;
	} else {
		c = DOC_CAL_PERSIAN;
		if (date_persian_to_gregorian(y, m, d, &gy, &gm, &gd) < 0)
			return -1;
	}
	if (gy < 1 || gy > 9999)
		return -1;
	date_write_iso(iso, gy, gm, gd);
	if (cal != NULL)
		*cal = c;
	return 0;
}

/* Append the decimal digits of v, zero-padded to width, in Persian digits. */
static size_t date_put_persian(char *p, int v, int width)
{
	size_t n = 0;
	for (int j = width - 1; j >= 0; j--, v /= 10) {
		p[2 * j] = (char)0xDB;
		p[2 * j + 1] = (char)(0xB0 + v % 10);
		n += 2;
	}
	return n;
}

void date_format_for_lang(int gy, int gm, int gd, int lang, char *out, size_t outsz)
{
	int jy, jm, jd;
	if (outsz == 0)
		return;
	out[0] = '\0';
	/* "۱۴۰۳/۰۱/۲۶": 8 two-byte digits, 2 slashes and the NUL. */
	if (lang == DOC_LANG_FA && date_gregorian_to_persian(gy, gm, gd, &jy, &jm, &jd) == 0) {
		if (outsz < 19)
			return;
		char *p = out;
		p += date_put_persian(p, jy, 4);
		*p++ = '/';
		p += date_put_persian(p, jm, 2);
		*p++ = '/';
		p += date_put_persian(p, jd, 2);
		*p = '\0';
		return;
	}
	if (outsz < 11 || !date_gregorian_valid(gy, gm, gd) || gy < 1 || gy > 9999)
		return;
	date_write_iso(out, gy, gm, gd);
}
