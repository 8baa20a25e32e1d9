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

/* Write y/m/d in a language's way: "2024-03-15" for en/he, "۱۴۰۳/۰۱/۲۶"
 * (Solar Hijri, Persian digits) for fa, "2024-03-15" for ar. */
void date_format_for_lang(int gy, int gm, int gd, int lang, char *out, size_t outsz);

#endif
