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

#include "mahdar/ustr.h"

#include <stdint.h>
#include <stdio.h>
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

int date_gregorian_valid(int y, int m, int d)
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

/* ------------------------------------------------------------ reading dates */

/* A date is read in two steps: date_lex() cuts the text into tokens —
 * numbers, numeric dates "2024-03-15", month names, era marks, range
 * joiners — dropping weekdays and small words (and failing on any other
 * word, so that "the 3rd meeting" is not a date); date_read() then finds
 * day, month and year on each side of a range. */
enum date_tok_kind {
	DATE_T_NUM,	/* v, ndig (a Hebrew-letter numeral: ndig 0) */
	DATE_T_YMD,	/* three groups g[], n[] joined by one separator */
	DATE_T_MONTH,	/* cal, v = month */
	DATE_T_ERA,	/* cal */
	DATE_T_DASH,
	DATE_T_SAME,
};

#define DATE_MAX_TOKS 24

struct date_tok {
	int kind;
	int v, ndig, sys, cal;
	int g[3], n[3];
};

/* Calendar of a numeric date with year y written in digit system sys. */
static int date_numeric_cal(int y, int sys, int lang_hint)
{
	if (y >= 1700)
		return DOC_CAL_GREGORIAN;
	if (lang_hint == DOC_LANG_AR && sys != DATE_DIG_PERSIAN)
		return DOC_CAL_ISLAMIC;
	return DOC_CAL_PERSIAN;
}

/* Days since 1970 of y/m/d in calendar cal, or -1 returned. */
static int date_cal_days(int cal, int y, int m, int d, long *days)
{
	int gy, gm, gd, r;
	switch (cal) {
	case DOC_CAL_PERSIAN: r = date_persian_to_gregorian(y, m, d, &gy, &gm, &gd); break;
	case DOC_CAL_ISLAMIC: r = date_islamic_to_gregorian(y, m, d, &gy, &gm, &gd); break;
	case DOC_CAL_HEBREW: r = date_hebrew_to_gregorian(y, m, d, &gy, &gm, &gd); break;
	default:
		r = date_gregorian_valid(y, m, d) ? 0 : -1;
		gy = y, gm = m, gd = d;
	}
	if (r < 0 || gy < 1 || gy > 9999)
		return -1;
	*days = date_gregorian_to_days(gy, gm, gd);
	return 0;
}

/* Is cp part of a word: a letter of the Latin, Arabic or Hebrew scripts,
 * their marks, or ZWNJ/ZWJ (Persian writes them inside words)? */
static int date_word_cp(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return 1;
	if (cp >= 0x0600 && cp <= 0x06FF)
		return !(cp >= 0x0660 && cp <= 0x0669) && !(cp >= 0x06F0 && cp <= 0x06F9) &&
		       cp != 0x060C && cp != 0x061B && cp != 0x061F && !(cp >= 0x066A && cp <= 0x066D) &&
		       cp != 0x06D4;
	if (cp >= 0x0590 && cp <= 0x05FF)
		return cp != 0x05BE && cp != 0x05C0 && cp != 0x05C3 && cp != 0x05C6;
	return cp == 0x200C || cp == 0x200D;
}

/* End of the word starting at s[i] (i itself when none).  ASCII quotes
 * belong to a Hebrew word: people type ט"ו for ט״ו. */
static size_t date_word_end(const char *s, size_t len, size_t i)
{
	int hebrew = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = ustr_decode(s + i, len - i, &cp);
		if (cp >= 0x05D0 && cp <= 0x05EA)
			hebrew = 1;
		if (!date_word_cp(cp) && !(hebrew && (cp == '\'' || cp == '"')))
			break;
		i += k;
	}
	return i;
}

/* Length of the blank at s[i] (date_blank's, and no-break spaces), or 0. */
static size_t date_space(const unsigned char *s, size_t len, size_t i)
{
	size_t b = date_blank(s, len, i);
	if (b > 0)
		return b;
	if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xAF || s[i + 2] == 0x89))
		return 3;
	return 0;
}

/* Length of a dash at s[i] (-, ‐, –, —, −, ~, the Hebrew maqaf), or 0. */
static size_t date_dash(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == '-' || s[i] == '~')
		return 1;
	if (i + 1 < len && s[i] == 0xD6 && s[i + 1] == 0xBE)
		return 2;
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] >= 0x90 && s[i + 2] <= 0x94)
		return 3;
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92)
		return 3;
	return 0;
}

/* Length of punctuation that dates carry without meaning (commas, a dot,
 * brackets, a slash between two names of one month), or 0. */
static size_t date_punct(const unsigned char *s, size_t len, size_t i)
{
	if (strchr(",.()[]/", s[i]) != NULL && s[i] != '\0')
		return 1;
	if (i + 1 < len && ((s[i] == 0xD8 && s[i + 1] == 0x8C) || (s[i] == 0xDB && s[i + 1] == 0x94)))
		return 2;
	return 0;
}

/* Read the numeric date "G<sep>G<sep>G" at s[*i]: 1 and the token, or 0
 * (nothing consumed) when the text there is not three groups. */
static int date_lex_ymd(const unsigned char *s, size_t len, size_t *i, struct date_tok *t)
{
	size_t j = *i;
	int sys = -1;
	unsigned char sep = 0;
	for (int k = 0; k < 3; k++) {
		if (k > 0) {
			if (j >= len || (s[j] != '-' && s[j] != '/' && s[j] != '.'))
				return 0;
			if (k == 2 && s[j] != sep)
				return 0;
			sep = s[j++];
		}
		if ((t->g[k] = date_group(s, len, &j, &sys, &t->n[k])) < 0)
			return 0;
	}
	t->kind = DATE_T_YMD;
	t->sys = sys;
	*i = j;
	return 1;
}

/* Look the word s[i..e) up, with the following word (for two-word names)
 * and, for Hebrew, without the prefix ב ("בניסן").  Sets *after to the end
 * of what the name used. */
static const struct date_name *date_lex_name(const char *s, size_t len, size_t i, size_t e,
					     size_t *after)
{
	char f1[96], both[200];
	if (date_name_fold(s + i, e - i, f1, sizeof f1) < 0)
		return NULL;
	size_t j = e, b;
	while (j < len && (b = date_space((const unsigned char *)s, len, j)) > 0)
		j += b;
	size_t e2 = date_word_end(s, len, j);
	char f2[96];
	int have2 = e2 > j && date_name_fold(s + j, e2 - j, f2, sizeof f2) >= 0;
	for (int strip = 0; strip < 2; strip++) {
		const char *w = f1;
		if (strip) {
			/* ב is two bytes, D7 91; a month name follows it. */
			if (strncmp(f1, "\xD7\x91", 2) != 0 || strlen(f1) <= 4)
				break;
			w = f1 + 2;
		}
		const struct date_name *nm;
		if (have2) {
			snprintf(both, sizeof both, "%s %s", w, f2);
			if ((nm = date_name_find(both)) != NULL) {
				*after = e2;
				return nm;
			}
		}
		if ((nm = date_name_find(w)) != NULL && (!strip || nm->kind == DATE_W_MONTH)) {
			*after = e;
			return nm;
		}
	}
	/* Persian writes "month" onto the name: "مهرماه". */
	size_t fl = strlen(f1);
	const char *mah = "\xD9\x85\xD8\xA7\xD9\x87";	/* ماه, folded */
	if (fl > 6 && strcmp(f1 + fl - 6, mah) == 0) {
		f1[fl - 6] = '\0';
		const struct date_name *nm = date_name_find(f1);
		if (nm != NULL && nm->kind == DATE_W_MONTH) {
			*after = e;
			return nm;
		}
	}
	return NULL;
}

/* Cut s[0..len) into tokens; returns their number, or -1 for text that is
 * not part of a date. */
static int date_lex(const char *str, size_t len, struct date_tok *t)
{
	const unsigned char *s = (const unsigned char *)str;
	int n = 0, after_day = 0;
	size_t i = 0, b;
	while (i < len) {
		if ((b = date_space(s, len, i)) > 0) {
			i += b;
			continue;
		}
		if (n >= DATE_MAX_TOKS)
			return -1;
		struct date_tok *k = &t[n];
		memset(k, 0, sizeof *k);
		int sys;
		size_t j = i;
		int day_word = 0;
		if (date_digit(s, len, &j, &sys) >= 0) {
			if (!date_lex_ymd(s, len, &i, k)) {
				k->sys = -1;
				if ((k->v = date_group(s, len, &i, &k->sys, &k->ndig)) < 0)
					return -1;
				k->kind = DATE_T_NUM;
			}
			n++;
		} else if ((b = date_dash(s, len, i)) > 0) {
			i += b;
			if (n == 0 || t[n - 1].kind != DATE_T_DASH)
				t[n++].kind = DATE_T_DASH;
		} else if ((b = date_punct(s, len, i)) > 0) {
			i += b;
		} else {
			size_t e = date_word_end(str, len, i), after;
			if (e == i)
				return -1;
			/* A word with a geresh is a number ("ו׳" is 6, not "and"). */
			int hv = date_hebrew_numeral(str + i, e - i);
			const struct date_name *nm = hv >= 0 ? NULL : date_lex_name(str, len, i, e, &after);
			if (nm != NULL) {
				i = after;
				switch (nm->kind) {
				case DATE_W_MONTH:
					k->kind = DATE_T_MONTH, k->cal = nm->cal, k->v = nm->month;
					n++;
					break;
				case DATE_W_ERA:
					k->kind = DATE_T_ERA, k->cal = nm->cal;
					n++;
					break;
				case DATE_W_RANGE:
					if (n == 0 || t[n - 1].kind != DATE_T_DASH)
						t[n++].kind = DATE_T_DASH;
					break;
				case DATE_W_SAME:
					k->kind = DATE_T_SAME;
					n++;
					break;
				case DATE_W_DAY:
					day_word = 1;
					break;
				default:
					break;
				}
			} else if (hv >= 0) {
				i = e;
				/* "יום ג׳": the weekday, in letters */
				if (!(after_day && hv <= 7)) {
					k->kind = DATE_T_NUM, k->v = hv, k->ndig = 0;
					n++;
				}
			} else if (e - i == 2 && s[i] == 0xD7 && (s[i + 1] == 0x91 || s[i + 1] == 0x94 ||
				   s[i + 1] == 0x9C) && e < len && date_dash(s, len, e) > 0) {
				/* ב-15, ה-15, ל-15: a prefix joined by a hyphen */
				i = e + date_dash(s, len, e);
			} else {
				return -1;
			}
		}
		after_day = day_word;
	}
	return n;
}

/* One side of a range: what it says of day, month and year. */
struct date_side {
	int d, m, y;		/* 0 when not said */
	int cal;		/* of the month name or the numeric date; -1 when not said */
	int ydig;		/* digits of the year (0: Hebrew letters) */
	int sys;		/* digit system of a numeric date */
	int ymd;		/* a whole numeric date */
};

static int date_day_like(const struct date_tok *k)
{
	return k->kind == DATE_T_NUM && k->v >= 1 && k->v <= 31 && k->ndig <= 2;
}

static int date_year_like(const struct date_tok *k)
{
	return k->kind == DATE_T_NUM && (k->ndig >= 3 || (k->ndig == 0 && k->v >= 100));
}

static int date_side_read(const struct date_tok *t, int n, struct date_side *sd)
{
	memset(sd, 0, sizeof *sd);
	sd->cal = -1;
	if (n == 1 && t[0].kind == DATE_T_YMD) {
		const int *g = t[0].g, *k = t[0].n;
		if (k[0] == 4 && k[1] <= 2 && k[2] <= 2)
			sd->y = g[0], sd->m = g[1], sd->d = g[2];
		else if (k[0] <= 2 && k[1] <= 2 && k[2] == 4)
			sd->d = g[0], sd->m = g[1], sd->y = g[2];
		else
			return -1;
		sd->ydig = 4, sd->sys = t[0].sys, sd->ymd = 1;
		return sd->d >= 1 && sd->m >= 1 ? 0 : -1;
	}
	int mpos = -1;
	for (int i = 0; i < n; i++) {
		if (t[i].kind == DATE_T_MONTH) {
			/* "آذار (مارس)": two names of one month */
			if (mpos >= 0 && !(mpos == i - 1 && t[mpos].cal == t[i].cal && t[mpos].v == t[i].v))
				return -1;
			if (mpos < 0)
				mpos = i;
		} else if (t[i].kind != DATE_T_NUM) {
			return -1;
		}
	}
	int nb = mpos < 0 ? n : mpos, na = 0;
	const struct date_tok *after = NULL;
	if (mpos >= 0) {
		int first = mpos + 1;
		while (first < n && t[first].kind == DATE_T_MONTH)
			first++;
		after = t + first;
		na = n - first;
		sd->m = t[mpos].v;
		sd->cal = t[mpos].cal;
	}
	const struct date_tok *day = NULL, *year = NULL;
	if (nb == 1 && na <= 1) {		/* 15 March [2024] */
		day = &t[0];
		year = na == 1 ? after : NULL;
	} else if (nb == 0 && na == 2) {	/* March 15, 2024 */
		day = &after[0];
		year = &after[1];
	} else if (nb == 0 && na == 1) {	/* March 2 (– 3, 2024) */
		day = &after[0];
	} else if (mpos < 0 && nb == 2) {	/* (March 2 –) 3, 2024 */
		day = &t[0];
		year = &t[1];
	} else {
		return -1;
	}
	if (!date_day_like(day) || (year != NULL && !date_year_like(year)))
		return -1;
	sd->d = day->v;
	if (year != NULL)
		sd->y = year->v, sd->ydig = year->ndig;
	return 0;
}

/* Complete side sd from the other side o (a range says month and year
 * once), decide its calendar and give its day count. */
static int date_side_days(struct date_side *sd, const struct date_side *o, int era, int lang_hint,
			  long *days, int *cal)
{
	if (sd->m == 0 && o != NULL)
		sd->m = o->m, sd->cal = o->cal;
	if (sd->y == 0 && o != NULL)
		sd->y = o->y, sd->ydig = o->ydig, sd->sys = o->sys;
	if (sd->m == 0 || sd->y == 0 || sd->d == 0)
		return -1;
	int c = sd->cal;
	if (sd->ymd || (o != NULL && o->ymd && sd->cal < 0))
		c = era >= 0 ? era : date_numeric_cal(sd->y, sd->sys, lang_hint);
	else if (era >= 0 && c != era)
		return -1;
	if (c < 0)
		return -1;
	int y = sd->y;
	if (c == DOC_CAL_HEBREW && y < 1000)
		y += 5000;	/* תשפ״ד is 5784: the thousands go without saying */
	*cal = c;
	return date_cal_days(c, y, sd->m, sd->d, days);
}

/* Read tokens t[0..n) (no SAME among them) into out. */
static int date_read_toks(struct date_tok *t, int n, int lang_hint, struct date_value *out)
{
	int era = -1, hijri = 0, m = 0;
	for (int i = 0; i < n; i++) {
		if (t[i].kind != DATE_T_ERA) {
			t[m++] = t[i];
			continue;
		}
		if (t[i].cal == DATE_ERA_HIJRI) {
			hijri = 1;
		} else if (hijri && t[i].cal == DOC_CAL_PERSIAN) {	/* ه.ش */
			era = DOC_CAL_PERSIAN;
		} else if (era >= 0 && era != t[i].cal) {
			return -1;
		} else {
			era = t[i].cal;
		}
	}
	if (hijri && era < 0)
		era = DOC_CAL_ISLAMIC;
	n = m;
	int dash = -1;
	for (int i = 0; i < n; i++) {
		if (t[i].kind == DATE_T_DASH) {
			if (dash >= 0)
				return -1;
			dash = i;
		}
	}
	if (n == 0 || dash == 0 || dash == n - 1)
		return -1;
	struct date_side a, z;
	long d0, d1;
	int c0, c1;
	if (dash < 0) {
		if (date_side_read(t, n, &a) < 0 || date_side_days(&a, NULL, era, lang_hint, &d0, &c0) < 0)
			return -1;
		d1 = d0;
	} else {
		if (date_side_read(t, dash, &a) < 0 || date_side_read(t + dash + 1, n - dash - 1, &z) < 0)
			return -1;
		struct date_side a0 = a;
		if (date_side_days(&a, &z, era, lang_hint, &d0, &c0) < 0 ||
		    date_side_days(&z, &a0, era, lang_hint, &d1, &c1) < 0 || d1 < d0)
			return -1;
	}
	int y, mo, d;
	date_days_to_gregorian(d0, &y, &mo, &d);
	date_write_iso(out->iso, y, mo, d);
	out->end_iso[0] = '\0';
	if (d1 != d0) {
		date_days_to_gregorian(d1, &y, &mo, &d);
		date_write_iso(out->end_iso, y, mo, d);
	}
	out->cal = c0;
	return 0;
}

int date_read(const char *s, size_t len, int lang_hint, struct date_value *out)
{
	struct date_tok t[DATE_MAX_TOKS];
	int n = date_lex(s, len, t);
	if (n <= 0)
		return -1;
	/* "١٥ رمضان ١٤٤٥ هـ الموافق ٢٥ آذار ٢٠٢٤ م": the first date is read;
	 * the second must be a date too, or this is not a date at all. */
	for (int i = 0; i < n; i++) {
		if (t[i].kind != DATE_T_SAME)
			continue;
		struct date_value other;
		if (date_read_toks(t + i + 1, n - i - 1, lang_hint, &other) < 0)
			return -1;
		n = i;
		break;
	}
	return date_read_toks(t, n, lang_hint, out);
}

int date_parse(const char *str, size_t len, int lang_hint, char iso[11], int *cal)
{
	struct date_value v;
	if (date_read(str, len, lang_hint, &v) < 0)
		return -1;
	memcpy(iso, v.iso, 11);
	if (cal != NULL)
		*cal = v.cal;
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
