/* date: calendar conversions checked against ICU's, date parsing in every
 * digit system and order. */
#include "testutil.h"

#include <limits.h>

#include "mahdar/date.h"
#include "mahdar/doc.h"
#include "mahdar/util.h"

/* 1 Farvardin (Nowruz) of every Solar Hijri year 1354..1410 as a Gregorian
 * date, and whether the year is leap (Esfand has 30 days).  Not produced by
 * date.c: generated with ICU 72 (ucal_open "fa_IR@calendar=persian", UTC,
 * proleptic Gregorian via ucal_setGregorianChange, then ucal_getMillis into
 * an "@calendar=gregorian" calendar; leap from the length of Esfand, the
 * day before the next Nowruz).  The same throwaway program compared every
 * day 1800-01-01..2255-12-31 with date_gregorian_to_persian(): identical
 * (from 2256 = 1635 AP ICU's pure 33-year cycle and Borkowski's break table
 * diverge, as expected). */
static const struct {
	int jy, gy, gm, gd, leap;
} nowruz[] = {
	{1354, 1975, 3, 21, 1}, {1355, 1976, 3, 21, 0}, {1356, 1977, 3, 21, 0},
	{1357, 1978, 3, 21, 0}, {1358, 1979, 3, 21, 1}, {1359, 1980, 3, 21, 0},
	{1360, 1981, 3, 21, 0}, {1361, 1982, 3, 21, 0}, {1362, 1983, 3, 21, 1},
	{1363, 1984, 3, 21, 0}, {1364, 1985, 3, 21, 0}, {1365, 1986, 3, 21, 0},
	{1366, 1987, 3, 21, 1}, {1367, 1988, 3, 21, 0}, {1368, 1989, 3, 21, 0},
	{1369, 1990, 3, 21, 0}, {1370, 1991, 3, 21, 1}, {1371, 1992, 3, 21, 0},
	{1372, 1993, 3, 21, 0}, {1373, 1994, 3, 21, 0}, {1374, 1995, 3, 21, 0},
	{1375, 1996, 3, 20, 1}, {1376, 1997, 3, 21, 0}, {1377, 1998, 3, 21, 0},
	{1378, 1999, 3, 21, 0}, {1379, 2000, 3, 20, 1}, {1380, 2001, 3, 21, 0},
	{1381, 2002, 3, 21, 0}, {1382, 2003, 3, 21, 0}, {1383, 2004, 3, 20, 1},
	{1384, 2005, 3, 21, 0}, {1385, 2006, 3, 21, 0}, {1386, 2007, 3, 21, 0},
	{1387, 2008, 3, 20, 1}, {1388, 2009, 3, 21, 0}, {1389, 2010, 3, 21, 0},
	{1390, 2011, 3, 21, 0}, {1391, 2012, 3, 20, 1}, {1392, 2013, 3, 21, 0},
	{1393, 2014, 3, 21, 0}, {1394, 2015, 3, 21, 0}, {1395, 2016, 3, 20, 1},
	{1396, 2017, 3, 21, 0}, {1397, 2018, 3, 21, 0}, {1398, 2019, 3, 21, 0},
	{1399, 2020, 3, 20, 1}, {1400, 2021, 3, 21, 0}, {1401, 2022, 3, 21, 0},
	{1402, 2023, 3, 21, 0}, {1403, 2024, 3, 20, 1}, {1404, 2025, 3, 21, 0},
	{1405, 2026, 3, 21, 0}, {1406, 2027, 3, 21, 0}, {1407, 2028, 3, 20, 0},
	{1408, 2029, 3, 20, 1}, {1409, 2030, 3, 21, 0}, {1410, 2031, 3, 21, 0},
};

/* Other days, from the same ICU program (persian, then islamic-civil). */
struct known_day {
	int y, m, d;
	const char *iso;
};

static const struct known_day persian_days[] = {
	{1403, 7, 15, "2024-10-06"}, {1403, 7, 30, "2024-10-21"}, {1403, 12, 30, "2025-03-20"},
	{1399, 12, 30, "2021-03-20"}, {1300, 1, 1, "1921-03-21"}, {1500, 12, 29, "2122-03-20"},
	{1403, 6, 31, "2024-09-21"}, {1404, 1, 1, "2025-03-21"}, {1348, 10, 11, "1970-01-01"},
	{1357, 11, 22, "1979-02-11"},
}, islamic_days[] = {
	{1, 1, 1, "0622-07-19"}, {1446, 1, 1, "2024-07-08"}, {1445, 9, 1, "2024-03-11"},
	{1445, 12, 30, "2024-07-07"}, {1444, 12, 29, "2023-07-18"}, {1439, 6, 11, "2018-02-27"},
	{1500, 1, 1, "2076-11-28"},
};

static void iso_of(int y, int m, int d, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

static void test_nowruz_table(void **state)
{
	(void)state;
	assert_true(UTIL_ARRAY_LEN(nowruz) >= 20);
	for (size_t i = 0; i < UTIL_ARRAY_LEN(nowruz); i++) {
		int gy, gm, gd, jy, jm, jd;
		assert_int_equal(date_persian_to_gregorian(nowruz[i].jy, 1, 1, &gy, &gm, &gd), 0);
		if (gy != nowruz[i].gy || gm != nowruz[i].gm || gd != nowruz[i].gd)
			fail_msg("1 Farvardin %d: got %d-%d-%d, want %d-%d-%d", nowruz[i].jy, gy, gm, gd,
				 nowruz[i].gy, nowruz[i].gm, nowruz[i].gd);
		assert_int_equal(date_gregorian_to_persian(nowruz[i].gy, nowruz[i].gm, nowruz[i].gd,
							   &jy, &jm, &jd), 0);
		assert_int_equal(jy, nowruz[i].jy);
		assert_int_equal(jm, 1);
		assert_int_equal(jd, 1);
		/* The day before Nowruz is the last of Esfand of the year before. */
		long prev = date_gregorian_to_days(gy, gm, gd) - 1;
		date_days_to_gregorian(prev, &gy, &gm, &gd);
		assert_int_equal(date_gregorian_to_persian(gy, gm, gd, &jy, &jm, &jd), 0);
		assert_int_equal(jy, nowruz[i].jy - 1);
		assert_int_equal(jm, 12);
		assert_int_equal(jd, date_persian_is_leap(jy) ? 30 : 29);
		if (date_persian_is_leap(nowruz[i].jy) != nowruz[i].leap)
			fail_msg("%d: leap %d, want %d", nowruz[i].jy, date_persian_is_leap(nowruz[i].jy),
				 nowruz[i].leap);
		/* Esfand 30 exists exactly in leap years. */
		assert_int_equal(date_persian_to_gregorian(nowruz[i].jy, 12, 30, &gy, &gm, &gd) == 0,
				 nowruz[i].leap);
	}
}

/* Each day of table converts to its ISO date and back. */
static void check_known_days(const struct known_day *t, size_t n,
			     int (*to_g)(int, int, int, int *, int *, int *),
			     int (*from_g)(int, int, int, int *, int *, int *))
{
	char iso[16];
	int gy, gm, gd, y, m, d;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(to_g(t[i].y, t[i].m, t[i].d, &gy, &gm, &gd), 0);
		iso_of(gy, gm, gd, iso);
		assert_string_equal(iso, t[i].iso);
		assert_int_equal(from_g(gy, gm, gd, &y, &m, &d), 0);
		assert_int_equal(y * 10000 + m * 100 + d, t[i].y * 10000 + t[i].m * 100 + t[i].d);
	}
}

static void test_known_days(void **state)
{
	(void)state;
	check_known_days(persian_days, UTIL_ARRAY_LEN(persian_days), date_persian_to_gregorian,
			 date_gregorian_to_persian);
	check_known_days(islamic_days, UTIL_ARRAY_LEN(islamic_days), date_islamic_to_gregorian,
			 date_gregorian_to_islamic);
	/* The Islamic calendar has no day before its epoch. */
	int y, m, d;
	assert_int_equal(date_gregorian_to_islamic(622, 7, 18, &y, &m, &d), -1);
}

static void test_gregorian_days(void **state)
{
	(void)state;
	/* Anchors independent of the code: the epoch, and 2000-03-01 = 11017
	 * (30 years of 365 days + 7 leap days + Jan and Feb of a leap year). */
	assert_int_equal(date_gregorian_to_days(1970, 1, 1), 0);
	assert_int_equal(date_gregorian_to_days(2000, 3, 1), 30 * 365 + 7 + 31 + 29);
	assert_int_equal(date_gregorian_to_days(1969, 12, 31), -1);
	long prev = date_gregorian_to_days(1600, 1, 1) - 1;
	for (int y = 1600; y <= 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				static const int ml[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
				int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
				if (d > ml[m - 1] + (m == 2 && leap))
					continue;
				long days = date_gregorian_to_days(y, m, d);
				assert_int_equal(days, prev + 1);
				int yy, mm, dd;
				date_days_to_gregorian(days, &yy, &mm, &dd);
				assert_int_equal(yy * 10000 + mm * 100 + dd, y * 10000 + m * 100 + d);
				prev = days;
			}
}

static void test_persian_every_day_round_trip(void **state)
{
	(void)state;
	long prev = 0;
	int first = 1;
	for (int jy = 1300; jy <= 1500; jy++) {
		int ndays = 0;
		for (int jm = 1; jm <= 12; jm++)
			for (int jd = 1; jd <= 31; jd++) {
				int gy, gm, gd, y, m, d;
				int mlen = jm <= 6 ? 31 : jm <= 11 ? 30 : date_persian_is_leap(jy) ? 30 : 29;
				int r = date_persian_to_gregorian(jy, jm, jd, &gy, &gm, &gd);
				if (jd > mlen) {
					assert_int_equal(r, -1);
					continue;
				}
				assert_int_equal(r, 0);
				long days = date_gregorian_to_days(gy, gm, gd);
				/* Consecutive days: no gaps, no overlaps between years. */
				if (!first)
					assert_int_equal(days, prev + 1);
				first = 0;
				prev = days;
				ndays++;
				assert_int_equal(date_gregorian_to_persian(gy, gm, gd, &y, &m, &d), 0);
				if (y != jy || m != jm || d != jd)
					fail_msg("%d/%d/%d -> %d-%d-%d -> %d/%d/%d", jy, jm, jd, gy, gm, gd, y, m, d);
			}
		assert_int_equal(ndays, date_persian_is_leap(jy) ? 366 : 365);
		/* Nowruz is always on 20, 21 or 22 March in these centuries. */
		int gy, gm, gd;
		date_persian_to_gregorian(jy, 1, 1, &gy, &gm, &gd);
		assert_int_equal(gm, 3);
		assert_in_range(gd, 20, 22);
	}
}

static void test_persian_leap_rule(void **state)
{
	(void)state;
	/* 8 leap years in every 33 consecutive years of this era, and never two
	 * leap years in a row. */
	for (int start = 1300; start + 33 <= 1500; start++) {
		int n = 0;
		for (int y = start; y < start + 33; y++)
			n += date_persian_is_leap(y);
		assert_int_equal(n, 8);
	}
	for (int y = 1300; y < 1500; y++)
		assert_false(date_persian_is_leap(y) && date_persian_is_leap(y + 1));
	/* 1403 is leap; the four-year rhythm skips 1407 for 1408. */
	assert_true(date_persian_is_leap(1403));
	assert_false(date_persian_is_leap(1407));
	assert_true(date_persian_is_leap(1408));
	int gy, gm, gd;
	assert_int_equal(date_persian_to_gregorian(0, 1, 1, &gy, &gm, &gd), -1);
	assert_int_equal(date_persian_to_gregorian(3178, 1, 1, &gy, &gm, &gd), -1);
	assert_int_equal(date_persian_to_gregorian(3177, 1, 1, &gy, &gm, &gd), 0);
	assert_int_equal(date_persian_to_gregorian(1403, 0, 1, &gy, &gm, &gd), -1);
	assert_int_equal(date_persian_to_gregorian(1403, 7, 31, &gy, &gm, &gd), -1);
}

/* Found by fuzzing: a Gregorian day after the last Solar Hijri year of the
 * table (3177) came back as a month 13 of 3177 instead of out of range. */
static void test_persian_table_end(void **state)
{
	(void)state;
	int gy, gm, gd, jy, jm, jd;
	int last = date_persian_is_leap(3177) ? 30 : 29;
	assert_int_equal(date_persian_to_gregorian(3177, 12, last, &gy, &gm, &gd), 0);
	assert_int_equal(date_gregorian_to_persian(gy, gm, gd, &jy, &jm, &jd), 0);
	assert_int_equal(jy * 10000 + jm * 100 + jd, 3177 * 10000 + 1200 + last);
	long next = date_gregorian_to_days(gy, gm, gd) + 1;
	date_days_to_gregorian(next, &gy, &gm, &gd);
	assert_int_equal(date_gregorian_to_persian(gy, gm, gd, &jy, &jm, &jd), -1);
	assert_int_equal(date_gregorian_to_persian(3799, 9, 20, &jy, &jm, &jd), -1);
	char out[32];
	date_format_for_lang(3799, 9, 20, DOC_LANG_FA, out, sizeof out);
	assert_string_equal(out, "3799-09-20");
}

/* Found by fuzzing: years far outside the calendars' ranges overflowed an
 * int (undefined behaviour, caught by asan-unit) instead of being refused. */
static void test_huge_years(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(date_gregorian_to_islamic(INT_MAX, 12, 31, &y, &m, &d), -1);
	assert_int_equal(date_gregorian_to_islamic(10400, 1, 1, &y, &m, &d), -1);
	assert_int_equal(date_gregorian_to_persian(INT_MIN, 1, 1, &y, &m, &d), -1);
	assert_int_equal(date_gregorian_to_persian(INT_MAX, 12, 31, &y, &m, &d), -1);
	date_days_to_gregorian(date_gregorian_to_days(INT_MIN, 1, 1), &y, &m, &d);
	assert_true(y == INT_MIN && m == 1 && d == 1);
	date_days_to_gregorian(date_gregorian_to_days(INT_MAX, 12, 31), &y, &m, &d);
	assert_true(y == INT_MAX && m == 12 && d == 31);
	/* The last day of the tabular Islamic calendar's range still converts. */
	int last = date_gregorian_to_islamic(10323, 1, 1, &y, &m, &d);
	assert_int_equal(last, 0);
	assert_int_equal(y, 9999);
}

static void test_islamic_round_trip(void **state)
{
	(void)state;
	long prev = 0;
	for (int hy = 1; hy <= 1600; hy++) {
		int ndays = 0;
		for (int hm = 1; hm <= 12; hm++)
			for (int hd = 1; hd <= 30; hd++) {
				int gy, gm, gd, y, m, d;
				if (date_islamic_to_gregorian(hy, hm, hd, &gy, &gm, &gd) < 0)
					continue;
				long days = date_gregorian_to_days(gy, gm, gd);
				if (hy > 1 || hm > 1 || hd > 1)
					assert_int_equal(days, prev + 1);
				prev = days;
				ndays++;
				assert_int_equal(date_gregorian_to_islamic(gy, gm, gd, &y, &m, &d), 0);
				assert_int_equal(y * 10000 + m * 100 + d, hy * 10000 + hm * 100 + hd);
			}
		int c = hy % 30;
		int leap = c == 2 || c == 5 || c == 7 || c == 10 || c == 13 || c == 16 || c == 18 ||
			   c == 21 || c == 24 || c == 26 || c == 29;
		assert_int_equal(ndays, leap ? 355 : 354);
	}
}

static void expect(const char *s, int lang, const char *iso, int cal)
{
	char out[11] = "unset";
	int c = -7;
	if (date_parse(s, strlen(s), lang, out, &c) != 0)
		fail_msg("\"%s\" not parsed", s);
	if (strcmp(out, iso) != 0 || c != cal)
		fail_msg("\"%s\": got %s cal %d, want %s cal %d", s, out, c, iso, cal);
}

static void expect_no(const char *s, int lang)
{
	char out[11];
	int c;
	if (date_parse(s, strlen(s), lang, out, &c) != -1)
		fail_msg("\"%s\" parsed as %s", s, out);
}

static void test_parse_orders_and_separators(void **state)
{
	(void)state;
	expect("2024-03-15", DOC_LANG_EN, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("2024/03/15", DOC_LANG_EN, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("2024.3.5", DOC_LANG_EN, "2024-03-05", DOC_CAL_GREGORIAN);
	expect("15/03/2024", DOC_LANG_EN, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("15-03-2024", DOC_LANG_HE, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("15.03.2024", DOC_LANG_NONE, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("5/3/2024", DOC_LANG_EN, "2024-03-05", DOC_CAL_GREGORIAN);
	/* DD/MM, never MM/DD: 03/04 is the 3rd of April. */
	expect("03/04/2024", DOC_LANG_EN, "2024-04-03", DOC_CAL_GREGORIAN);
	expect_no("04/13/2024", DOC_LANG_EN);
	expect("  2024-03-15 \t", DOC_LANG_EN, "2024-03-15", DOC_CAL_GREGORIAN);
	/* Direction marks around a date in RTL text (RLM, LRM, ALM). */
	expect("\u200f2024-03-15\u200e", DOC_LANG_AR, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("\u061c2024-03-15", DOC_LANG_AR, "2024-03-15", DOC_CAL_GREGORIAN);
	expect("30/09/2025", DOC_LANG_EN, "2025-09-30", DOC_CAL_GREGORIAN);
	/* Solar Hijri in ASCII digits, either order. */
	expect("1403/01/01", DOC_LANG_FA, "2024-03-20", DOC_CAL_PERSIAN);
	expect("15/07/1403", DOC_LANG_FA, "2024-10-06", DOC_CAL_PERSIAN);
	expect("1403-1-1", DOC_LANG_EN, "2024-03-20", DOC_CAL_PERSIAN);
}

static void test_parse_digit_systems(void **state)
{
	(void)state;
	/* Persian digits. */
	expect("۱۴۰۳/۰۷/۱۵", DOC_LANG_FA, "2024-10-06", DOC_CAL_PERSIAN);
	expect("۱۴۰۳/۰۱/۰۱", DOC_LANG_NONE, "2024-03-20", DOC_CAL_PERSIAN);
	expect("۱۵/۰۷/۱۴۰۳", DOC_LANG_FA, "2024-10-06", DOC_CAL_PERSIAN);
	expect("۲۰۲۴-۰۳-۱۵", DOC_LANG_FA, "2024-03-15", DOC_CAL_GREGORIAN);
	/* Persian digits stay Solar Hijri even in an Arabic document. */
	expect("۱۴۰۳/۰۷/۱۵", DOC_LANG_AR, "2024-10-06", DOC_CAL_PERSIAN);
	/* Arabic-Indic digits. */
	expect("٢٠١٨-١٠-٢٠", DOC_LANG_AR, "2018-10-20", DOC_CAL_GREGORIAN);
	expect("٢٠/١٠/٢٠١٨", DOC_LANG_AR, "2018-10-20", DOC_CAL_GREGORIAN);
	expect("٠٣/٠٤/٢٠٢٤", DOC_LANG_EN, "2024-04-03", DOC_CAL_GREGORIAN);
	/* A Hijri year in an Arabic document is the Islamic calendar. */
	expect("١٤٤٥/٠٩/٠١", DOC_LANG_AR, "2024-03-11", DOC_CAL_ISLAMIC);
	expect("1446-01-01", DOC_LANG_AR, "2024-07-08", DOC_CAL_ISLAMIC);
	expect("01/09/1445", DOC_LANG_AR, "2024-03-11", DOC_CAL_ISLAMIC);
	/* …and Solar Hijri elsewhere. */
	expect("١٤٠٣/٠٧/١٥", DOC_LANG_FA, "2024-10-06", DOC_CAL_PERSIAN);
	/* One date, one digit system. */
	expect_no("۱۴۰۳/07/15", DOC_LANG_FA);
	expect_no("٢٠١٨-10-20", DOC_LANG_AR);
	expect_no("۱۴۰۳/۰۷/١٥", DOC_LANG_FA);
	char iso[11];
	int cal = -7;
	assert_int_equal(date_parse("2024-03-15", 10, DOC_LANG_EN, iso, NULL), 0);
	assert_int_equal(date_parse("۱۴۰۳/۰۷/۱۵", strlen("۱۴۰۳/۰۷/۱۵"), DOC_LANG_FA, iso, &cal), 0);
	assert_int_equal(cal, DOC_CAL_PERSIAN);
	/* Only len bytes are read. */
	assert_int_equal(date_parse("2024-03-15junk", 10, DOC_LANG_EN, iso, &cal), 0);
	assert_string_equal(iso, "2024-03-15");
}

static void test_parse_rejects(void **state)
{
	(void)state;
	expect_no("1403/13/01", DOC_LANG_FA);
	expect_no("۱۴۰۳/۱۳/۰۱", DOC_LANG_FA);
	expect_no("1404/12/30", DOC_LANG_FA);	/* 1404 is not leap */
	expect("1403/12/30", DOC_LANG_FA, "2025-03-20", DOC_CAL_PERSIAN);
	expect_no("1403/07/31", DOC_LANG_FA);
	expect_no("2023-02-29", DOC_LANG_EN);
	expect("2024-02-29", DOC_LANG_EN, "2024-02-29", DOC_CAL_GREGORIAN);
	expect_no("1900-02-29", DOC_LANG_EN);
	expect("2000-02-29", DOC_LANG_EN, "2000-02-29", DOC_CAL_GREGORIAN);
	expect_no("2024-04-31", DOC_LANG_EN);
	expect_no("2024-00-10", DOC_LANG_EN);
	expect_no("2024-01-00", DOC_LANG_EN);
	/* 1446 is leap in neither calendar; 1445 is leap in both (ICU: Solar
	 * Hijri 1445/12/30 = 2067-03-20, 1446/12/29 = 2068-03-19). */
	expect_no("1446/12/30", DOC_LANG_FA);
	expect_no("1446/12/30", DOC_LANG_AR);
	expect("1446/12/29", DOC_LANG_FA, "2068-03-19", DOC_CAL_PERSIAN);
	expect("1445/12/30", DOC_LANG_EN, "2067-03-20", DOC_CAL_PERSIAN);
	expect("1445/12/30", DOC_LANG_AR, "2024-07-07", DOC_CAL_ISLAMIC);
	expect_no("1444/12/30", DOC_LANG_AR);	/* Islamic 1444 is not leap */
	expect_no("", DOC_LANG_EN);
	expect_no("   ", DOC_LANG_EN);
	expect_no("tomorrow", DOC_LANG_EN);
	expect_no("2024-03-15x", DOC_LANG_EN);
	expect_no("2024-03-15 18:00", DOC_LANG_EN);
	expect_no("2024/03-15", DOC_LANG_EN);	/* mixed separators */
	expect_no("2024-03", DOC_LANG_EN);
	expect_no("12/12/12", DOC_LANG_EN);	/* two-digit year: ambiguous */
	expect_no("2024-003-15", DOC_LANG_EN);
	expect_no("20245-03-15", DOC_LANG_EN);
	expect_no("2024-03-15-01", DOC_LANG_EN);
	expect_no("10/2024/10", DOC_LANG_EN);
	expect_no("0000/01/01", DOC_LANG_FA);
	expect_no("-2024-03-15", DOC_LANG_EN);
}

static void test_format_for_lang(void **state)
{
	(void)state;
	char out[64];
	date_format_for_lang(2024, 4, 14, DOC_LANG_FA, out, sizeof out);
	assert_string_equal(out, "۱۴۰۳/۰۱/۲۶");
	date_format_for_lang(2024, 3, 20, DOC_LANG_FA, out, sizeof out);
	assert_string_equal(out, "۱۴۰۳/۰۱/۰۱");
	date_format_for_lang(2024, 4, 14, DOC_LANG_EN, out, sizeof out);
	assert_string_equal(out, "2024-04-14");
	date_format_for_lang(2024, 4, 14, DOC_LANG_AR, out, sizeof out);
	assert_string_equal(out, "2024-04-14");
	date_format_for_lang(2026, 11, 25, DOC_LANG_HE, out, sizeof out);
	assert_string_equal(out, "2026-11-25");
	/* What is written for a new document reads back as the same day. */
	char iso[11];
	int cal;
	date_format_for_lang(2026, 11, 25, DOC_LANG_FA, out, sizeof out);
	assert_int_equal(date_parse(out, strlen(out), DOC_LANG_FA, iso, &cal), 0);
	assert_string_equal(iso, "2026-11-25");
	assert_int_equal(cal, DOC_CAL_PERSIAN);
	/* Too small a buffer gives an empty string, never an overflow. */
	char small[12];
	memset(small, 'x', sizeof small);
	date_format_for_lang(2024, 4, 14, DOC_LANG_FA, small, sizeof small);
	assert_string_equal(small, "");
	date_format_for_lang(2024, 4, 14, DOC_LANG_EN, small, 5);
	assert_string_equal(small, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nowruz_table),
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_gregorian_days),
		cmocka_unit_test(test_persian_every_day_round_trip),
		cmocka_unit_test(test_persian_leap_rule),
		cmocka_unit_test(test_persian_table_end),
		cmocka_unit_test(test_huge_years),
		cmocka_unit_test(test_islamic_round_trip),
		cmocka_unit_test(test_parse_orders_and_separators),
		cmocka_unit_test(test_parse_digit_systems),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_format_for_lang),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
