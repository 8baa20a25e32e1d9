/* date: reading dates as people write them in minutes, and calendar
 * arithmetic (Gregorian, Solar Hijri, tabular Islamic).  Pure. */
#ifndef MAHDAR_DATE_H
#define MAHDAR_DATE_H

#include <stddef.h>

/* Parse a date written as ISO "2024-03-15", "2024/03/15", "15/03/2024"
 * (also with "-" or "." between day, month, year), in ASCII, Arabic-Indic
 * or Extended Arabic-Indic (Persian) digits, optionally surrounded by
 * spaces.  A year below 1700 is Solar Hijri (DOC_CAL_PERSIAN) unless
 * lang_hint is DOC_LANG_AR with Arabic-Indic or ASCII digits, where it is
 * the tabular Islamic calendar (DOC_CAL_ISLAMIC).
 * On success writes the Gregorian date as "YYYY-MM-DD" into iso, the
 * calendar it was written in into *cal, and returns 0; returns -1 when s is
 * not a date (or names a day that does not exist). */
int date_parse(const char *s, size_t len, int lang_hint, char iso[11], int *cal);

/* Is y-m-d a date of the (proleptic) Gregorian calendar? */
int date_gregorian_valid(int y, int m, int d);

/* Days since 1970-01-01 of a Gregorian date, and back. */
long date_gregorian_to_days(int y, int m, int d);
void date_days_to_gregorian(long days, int *y, int *m, int *d);

/* Solar Hijri (as used in Iran and Afghanistan).  Return -1 for a date out
 * of range (years 1..3177) or that does not exist. */
int date_persian_to_gregorian(int jy, int jm, int jd, int *gy, int *gm, int *gd);
int date_gregorian_to_persian(int gy, int gm, int gd, int *jy, int *jm, int *jd);
int date_persian_is_leap(int jy);

/* Tabular Islamic calendar (civil epoch, leap years 2,5,7,10,13,16,18,21,24,26,29). */
int date_islamic_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd);
int date_gregorian_to_islamic(int gy, int gm, int gd, int *hy, int *hm, int *hd);

/* Hebrew calendar (date-hebrew.c).  Months are numbered as in the Mishnah, from Nisan:
 * 1 Nisan .. 6 Elul, 7 Tishri (the year begins here), 8 Heshvan, 9 Kislev,
 * 10 Tevet, 11 Shevat, 12 Adar (Adar I in a leap year), 13 Adar II (leap
 * years only).  Years 2..9999 (anno mundi).  Return -1 for a date out of
 * range or that does not exist. */
int date_hebrew_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd);
int date_gregorian_to_hebrew(int gy, int gm, int gd, int *hy, int *hm, int *hd);
int date_hebrew_is_leap(int hy);

/* A written date read as fully as mahdar can: numeric forms as for
 * date_parse(), and dates with month names — "20 – 21 تشرين الأول 2018",
 * "15 آذار (مارس) 2024", "الثلاثاء 9 سبتمبر 2025 م", "۲۶ فروردین ۱۴۰۳",
 * "ט״ו בניסן תשפ״ד", "3 בנובמבר 2024", "March 2-3, 2024" — in Arabic
 * (Levantine/Iraqi, Egyptian/Gulf and Maghrebi names of the Gregorian
 * months, Hijri months), Persian (Solar Hijri months, Persian names of the
 * Gregorian months), Hebrew (Gregorian months, Hebrew-calendar months with
 * numbers in Hebrew letters) and English.  Weekday names are skipped; the
 * era marks هـ (Hijri), ش (Solar Hijri) and م (Gregorian) choose the
 * calendar.  A range (two days joined by a dash, "to", "إلى", "تا", "עד" …)
 * gives its first and last day. */
struct date_value {
	char iso[11];		/* first (or only) day, Gregorian "YYYY-MM-DD" */
	char end_iso[11];	/* last day of a range, "" for a single day */
	int cal;		/* enum doc_cal: the calendar it was written in */
};
/* 0 and *out filled, or -1 when s[0..len) is not a date mahdar can read. */
int date_read(const char *s, size_t len, int lang_hint, struct date_value *out);

/* The words of dates (date-names.c), for date_read(). */
enum date_word {
	DATE_W_MONTH,	/* cal, month */
	DATE_W_ERA,	/* cal, or DATE_ERA_HIJRI */
	DATE_W_SKIP,	/* a weekday or a small word around a date */
	DATE_W_DAY,	/* "day": a weekday may follow */
	DATE_W_RANGE,	/* joins the two days of a range */
	DATE_W_SAME,	/* "corresponding to": the same day in another calendar follows */
};
#define DATE_ERA_HIJRI (-2)	/* "هـ": lunar Hijri unless "ش" follows */
struct date_name {
	const char *name;
	signed char kind, cal;	/* enum date_word, enum doc_cal */
	unsigned char month;
};
/* Fold a word for comparison (see date-names.c) into out (cap bytes, NUL
 * included); returns its length, or -1 if it does not fit or is not UTF-8. */
int date_name_fold(const char *s, size_t n, char *out, size_t cap);
/* The entry whose folded name is folded (one word, or two joined by a
 * space), or NULL. */
const struct date_name *date_name_find(const char *folded);
/* A number written in Hebrew letters with a geresh or gershayim ("ט״ו",
 * "תשפ״ד", "ה׳תשפ״ד"), or -1. */
int date_hebrew_numeral(const char *s, size_t n);

/* Write y/m/d in a language's way: "2024-03-15" for en/he, "۱۴۰۳/۰۱/۲۶"
 * (Solar Hijri, Persian digits) for fa, "2024-03-15" for ar. */
void date_format_for_lang(int gy, int gm, int gd, int lang, char *out, size_t outsz);

#endif
