/* date-hebrew: the Hebrew calendar (date.h), through the day count of
 * date.c.  Pure arithmetic. */
#include "mahdar/date.h"

/* Hebrew calendar, after Reingold and Dershowitz, "Calendrical
 * Calculations": a year begins on the day of the molad of Tishri (counted
 * in parts, 1/1080 hour, from the epoch), postponed by the dehiyyot — the
 * weekday rule inside date_hebrew_elapsed() and the two year-length
 * corrections of date_hebrew_delay().  Checked against hebcal for every
 * day of 2000..2049 and ICU for 1975..2024 (tests/unit/test_date_written.c). */
#define DATE_HEBREW_MAX_YEAR 9999
/* 1 Tishri AM 1 = 7 October 3761 BCE (Julian), as days since 1970. */
#define DATE_HEBREW_EPOCH (-2092590L)

int date_hebrew_is_leap(int hy)
{
	return (7L * hy + 1) % 19 < 7;
}

/* Days from the epoch to the (postponed by weekday) molad of Tishri of hy. */
static long date_hebrew_elapsed(int hy)
{
	long months = (235L * hy - 234) / 19;	/* hy >= 1: no negative division */
	long parts = 12084 + 13753L * months;
	long day = months * 29 + parts / 25920;
	if ((3 * (day + 1)) % 7 < 3)
		day++;
	return day;
}

static int date_hebrew_delay(int hy)
{
	long ny0 = date_hebrew_elapsed(hy - 1), ny1 = date_hebrew_elapsed(hy);
	long ny2 = date_hebrew_elapsed(hy + 1);
	if (ny2 - ny1 == 356)
		return 2;
	if (ny1 - ny0 == 382)
		return 1;
	return 0;
}

static long date_hebrew_new_year(int hy)
{
	return DATE_HEBREW_EPOCH + date_hebrew_elapsed(hy) + date_hebrew_delay(hy);
}

static int date_hebrew_month_len(int hy, int hm)
{
	long ylen = date_hebrew_new_year(hy + 1) - date_hebrew_new_year(hy);
	switch (hm) {
	case 2: case 4: case 6: case 10: case 13:
		return 29;
	case 12:
		return date_hebrew_is_leap(hy) ? 30 : 29;
	case 8:		/* Heshvan is long in a "complete" year */
		return ylen % 10 == 5 ? 30 : 29;
	case 9:		/* Kislev is short in a "deficient" year */
		return ylen % 10 == 3 ? 29 : 30;
	default:
		return 30;
	}
}

/* Days since 1970 of hy/hm/hd, which must exist. */
static long date_hebrew_days(int hy, int hm, int hd)
{
	long days = date_hebrew_new_year(hy) + hd - 1;
	int last = date_hebrew_is_leap(hy) ? 13 : 12;
	if (hm < 7) {
		for (int m = 7; m <= last; m++)
			days += date_hebrew_month_len(hy, m);
		for (int m = 1; m < hm; m++)
			days += date_hebrew_month_len(hy, m);
	} else {
		for (int m = 7; m < hm; m++)
			days += date_hebrew_month_len(hy, m);
	}
	return days;
}

int date_hebrew_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd)
{
	if (hy < 2 || hy > DATE_HEBREW_MAX_YEAR || hm < 1 || hd < 1 ||
	    hm > (date_hebrew_is_leap(hy) ? 13 : 12) || hd > date_hebrew_month_len(hy, hm))
		return -1;
	date_days_to_gregorian(date_hebrew_days(hy, hm, hd), gy, gm, gd);
	return 0;
}

int date_gregorian_to_hebrew(int gy, int gm, int gd, int *hy, int *hm, int *hd)
{
	if (!date_gregorian_valid(gy, gm, gd))
		return -1;
	long days = date_gregorian_to_days(gy, gm, gd);
	if (days < date_hebrew_new_year(2) || days >= date_hebrew_new_year(DATE_HEBREW_MAX_YEAR + 1))
		return -1;
	/* 98496 years of 35975351 days on average; then correct the guess. */
	int y = (int)((days - DATE_HEBREW_EPOCH) * 98496 / 35975351) + 1;
	if (y < 2)
		y = 2;
	while (y > 2 && date_hebrew_new_year(y) > days)
		y--;
	while (date_hebrew_new_year(y + 1) <= days)
		y++;
	int m = days < date_hebrew_days(y, 1, 1) ? 7 : 1;
	while (days > date_hebrew_days(y, m, date_hebrew_month_len(y, m)))
		m++;
	*hy = y;
	*hm = m;
	*hd = (int)(days - date_hebrew_days(y, m, 1) + 1);
	return 0;
}
