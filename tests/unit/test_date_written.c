/* date: dates as people write them — month names in every language and
 * calendar, weekdays, era marks, ranges — and the Hebrew calendar checked
 * against Debian's hebcal for every day of 2000..2049. */
#include "testutil.h"

#include <unistd.h>

#include "mahdar/date.h"
#include "mahdar/doc.h"
#include "mahdar/side.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

struct written {
	const char *text;
	int lang;
	const char *iso, *end;	/* end "" for one day */
	int cal;
};

#define GR DOC_CAL_GREGORIAN
#define PE DOC_CAL_PERSIAN
#define IS DOC_CAL_ISLAMIC
#define HE DOC_CAL_HEBREW
#define NO DOC_LANG_NONE

static const struct written written[] = {
	/* The corpus's own date (unstructured-communique-ar.txt). */
	{ "20 – 21 تشرين الأول 2018", DOC_LANG_AR, "2018-10-20", "2018-10-21", GR },
	{ "يومي 20 و21 تشرين الأول 2018", DOC_LANG_AR, "2018-10-20", "2018-10-21", GR },
	/* Levantine / Iraqi */
	{ "3 كانون الثاني 2024", NO, "2024-01-03", "", GR },
	{ "٣ كانون الثاني ٢٠٢٤", NO, "2024-01-03", "", GR },
	{ "29 شباط 2024", NO, "2024-02-29", "", GR },
	{ "15 آذار (مارس) 2024", NO, "2024-03-15", "", GR },
	{ "15 اذار 2024", NO, "2024-03-15", "", GR },
	{ "1 نيسان 2024", NO, "2024-04-01", "", GR },
	{ "١ أيار ٢٠٢٤", NO, "2024-05-01", "", GR },
	{ "30 حزيران 2024", NO, "2024-06-30", "", GR },
	{ "14 تموز 1958", NO, "1958-07-14", "", GR },
	{ "1 آب 2024", NO, "2024-08-01", "", GR },
	{ "9 أيلول 2024", NO, "2024-09-09", "", GR },
	{ "5 تشرين الثاني 2024", NO, "2024-11-05", "", GR },
	{ "25 كانون الأول 2024", NO, "2024-12-25", "", GR },
	{ "25 كانون اول 2024", NO, "2024-12-25", "", GR },
	/* Egyptian / Gulf, with spelling variants */
	{ "1 يناير 2025", NO, "2025-01-01", "", GR },
	{ "14 فبراير 2025", NO, "2025-02-14", "", GR },
	{ "1 إبريل 2025", NO, "2025-04-01", "", GR },
	{ "1 ابريل 2025", NO, "2025-04-01", "", GR },
	{ "1 أبريل 2025", NO, "2025-04-01", "", GR },
	{ "5 مايو 2025", NO, "2025-05-05", "", GR },
	{ "30 يونيو 2025", NO, "2025-06-30", "", GR },
	{ "30 يونية 2025", NO, "2025-06-30", "", GR },
	{ "23 يوليو 1952", NO, "1952-07-23", "", GR },
	{ "23 يوليه 1952", NO, "1952-07-23", "", GR },
	{ "15 أغسطس 2025", NO, "2025-08-15", "", GR },
	{ "15 اغسطس 2025", NO, "2025-08-15", "", GR },
	{ "الثلاثاء 9 سبتمبر 2025 م", NO, "2025-09-09", "", GR },
	{ "6 أكتوبر 1973", NO, "1973-10-06", "", GR },
	{ "6 اكتوبر 1973", NO, "1973-10-06", "", GR },
	{ "٢٠ نوفمبر ٢٠٢٥", NO, "2025-11-20", "", GR },
	{ "31 ديسمبر 2025", NO, "2025-12-31", "", GR },
	/* Maghrebi: Algeria / Tunisia, Morocco */
	{ "15 جانفي 2024", NO, "2024-01-15", "", GR },
	{ "15 فيفري 2024", NO, "2024-02-15", "", GR },
	{ "15 أفريل 2024", NO, "2024-04-15", "", GR },
	{ "1 ماي 2024", NO, "2024-05-01", "", GR },
	{ "5 جوان 2024", NO, "2024-06-05", "", GR },
	{ "5 جويلية 2024", NO, "2024-07-05", "", GR },
	{ "20 أوت 2024", NO, "2024-08-20", "", GR },
	{ "30 يوليوز 2024", NO, "2024-07-30", "", GR },
	{ "14 غشت 2024", NO, "2024-08-14", "", GR },
	{ "10 شتنبر 2024", NO, "2024-09-10", "", GR },
	{ "18 نونبر 2024", NO, "2024-11-18", "", GR },
	{ "31 دجنبر 2024", NO, "2024-12-31", "", GR },
	/* Hijri, with the era mark */
	{ "١٥ رمضان ١٤٤٥ هـ", DOC_LANG_AR, "2024-03-25", "", IS },
	{ "1 محرم 1446 هـ", NO, "2024-07-08", "", IS },
	{ "1 ربيع الأول 1446", NO, "2024-09-05", "", IS },
	{ "1 جمادى الآخرة 1446 هـ", NO, "2024-12-03", "", IS },
	{ "10 ذو الحجة 1445 هـ", NO, "2024-06-17", "", IS },
	{ "1445/09/15 هـ", DOC_LANG_FA, "2024-03-25", "", IS },
	{ "١٥ رمضان ١٤٤٥ هـ الموافق ٢٥ آذار ٢٠٢٤ م", NO, "2024-03-25", "", IS },
	/* Persian: Solar Hijri and the Gregorian months */
	{ "۲۶ فروردین ۱۴۰۳", DOC_LANG_FA, "2024-04-14", "", PE },
	{ "۱۵ مهر ۱۴۰۳", NO, "2024-10-06", "", PE },
	{ "سه‌شنبه ۱۵ مهر ۱۴۰۳ ه.ش", NO, "2024-10-06", "", PE },
	{ "۱ دی ۱۴۰۲", NO, "2023-12-22", "", PE },
	{ "۱۵ مهر ماه ۱۴۰۳", NO, "2024-10-06", "", PE },
	{ "۱۵ مهرماه ۱۴۰۳", NO, "2024-10-06", "", PE },
	{ "یکشنبه ۱۵ مهر سال ۱۴۰۳", NO, "2024-10-06", "", PE },
	{ "15 آذار سنة 2024", NO, "2024-03-15", "", GR },
	{ "9 شهر رمضان 1445 هـ", NO, "2024-03-19", "", IS },
	{ "۳۰ اسفند ۱۴۰۳", NO, "2025-03-20", "", PE },
	{ "۲۲ بهمن ۱۳۵۷", NO, "1979-02-11", "", PE },
	{ "۱۴۰۳/۰۱/۲۰ ش", NO, "2024-04-08", "", PE },
	{ "۱۰ تا ۱۲ آبان ۱۴۰۳", NO, "2024-10-31", "2024-11-02", PE },
	{ "۵ ژانویه ۲۰۲۴", NO, "2024-01-05", "", GR },
	{ "۵ ژانویهٔ ۲۰۲۴ میلادی", NO, "2024-01-05", "", GR },
	{ "۱۴ فوریه ۲۰۲۴", NO, "2024-02-14", "", GR },
	{ "۱ مه ۲۰۲۴", NO, "2024-05-01", "", GR },
	{ "۱۴ ژوئیه ۲۰۲۴", NO, "2024-07-14", "", GR },
	{ "۲۵ دسامبر ۲۰۲۴", NO, "2024-12-25", "", GR },
	/* Hebrew: Gregorian months, and the Hebrew calendar in letters */
	{ "3 בנובמבר 2024", NO, "2024-11-03", "", GR },
	{ "ב-3 בנובמבר 2024", NO, "2024-11-03", "", GR },
	{ "יום ראשון, 3 בנובמבר 2024", NO, "2024-11-03", "", GR },
	{ "1 בינואר 2025", NO, "2025-01-01", "", GR },
	{ "14 במאי 1948", NO, "1948-05-14", "", GR },
	{ "10 במרץ 2024", NO, "2024-03-10", "", GR },
	{ "ט״ו בניסן תשפ״ד", NO, "2024-04-23", "", HE },
	{ "ט\"ו בניסן תשפ\"ד", NO, "2024-04-23", "", HE },
	{ "ט״ו בניסן ה׳תשפ״ד", NO, "2024-04-23", "", HE },
	{ "ט\"ו ניסן התשפ\"ד", NO, "2024-04-23", "", HE },
	{ "יום ג׳, ט״ו בניסן תשפ״ד", NO, "2024-04-23", "", HE },
	{ "א׳ תשרי תשפ״ה", NO, "2024-10-03", "", HE },
	{ "י״ד אדר ב׳ תשפ״ד", NO, "2024-03-24", "", HE },
	{ "י״ד אדר א׳ תשפ״ד", NO, "2024-02-23", "", HE },
	{ "י״ד באדר תשפ״ה", NO, "2025-03-14", "", HE },
	{ "15 בניסן 5784", NO, "2024-04-23", "", HE },
	/* English */
	{ "15 March 2024", NO, "2024-03-15", "", GR },
	{ "March 15, 2024", NO, "2024-03-15", "", GR },
	{ "Tuesday, September 9th, 2025", NO, "2025-09-09", "", GR },
	{ "Tue 9 Sept 2025", NO, "2025-09-09", "", GR },
	{ "2-3 March 2024", NO, "2024-03-02", "2024-03-03", GR },
	{ "March 2-3, 2024", NO, "2024-03-02", "2024-03-03", GR },
	{ "30 March – 2 April 2024", NO, "2024-03-30", "2024-04-02", GR },
	{ "30 December 2024 to 2 January 2025", NO, "2024-12-30", "2025-01-02", GR },
	{ "2024-03-15 – 2024-03-17", NO, "2024-03-15", "2024-03-17", GR },
	{ "the 1st of May 2024", NO, "2024-05-01", "", GR },
};

static void test_written_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(written); i++) {
		const struct written *w = &written[i];
		struct date_value v;
		if (date_read(w->text, strlen(w->text), w->lang, &v) != 0)
			fail_msg("\"%s\" not read", w->text);
		if (strcmp(v.iso, w->iso) != 0 || strcmp(v.end_iso, w->end) != 0 || v.cal != w->cal)
			fail_msg("\"%s\": got %s..%s cal %d, want %s..%s cal %d", w->text, v.iso,
				 v.end_iso, v.cal, w->iso, w->end, w->cal);
	}
}

static void test_written_rejects(void **state)
{
	(void)state;
	static const char *const no[] = {
		"the 3rd meeting", "March 2024", "32 March 2024", "30 February 2024",
		"15 Brumaire 2024", "15 آذار 2024 بعد الظهر", "21 – 20 تشرين الأول 2018",
		"15 March 2024 هـ",	/* a Gregorian month with the Hijri era */
		"15 — 16 — 17 March 2024", "1 2 3", "March", "- 3 March 2024", "3 March 2024 -",
		"١٥ رمضان ١٤٤٥ هـ الموافق غدًا",
		"י״ד אדר ב׳ תשפ״ה",	/* 5785 is not a leap year */
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(no); i++) {
		struct date_value v;
		if (date_read(no[i], strlen(no[i]), DOC_LANG_NONE, &v) == 0)
			fail_msg("\"%s\" read as %s..%s", no[i], v.iso, v.end_iso);
	}
	/* Nisan has 30 days, Iyar 29. */
	struct date_value v;
	const char *iyar30 = "ל׳ אייר תשפ״ד";
	assert_int_equal(date_read(iyar30, strlen(iyar30), DOC_LANG_NONE, &v), -1);
	const char *nisan30 = "ל׳ ניסן תשפ״ד";
	assert_int_equal(date_read(nisan30, strlen(nisan30), DOC_LANG_NONE, &v), 0);
	assert_string_equal(v.iso, "2024-05-08");
}

static void test_hebrew_numerals(void **state)
{
	(void)state;
	assert_int_equal(date_hebrew_numeral("ט״ו", strlen("ט״ו")), 15);
	assert_int_equal(date_hebrew_numeral("ט\"ז", strlen("ט\"ז")), 16);
	assert_int_equal(date_hebrew_numeral("א׳", strlen("א׳")), 1);
	assert_int_equal(date_hebrew_numeral("תשפ״ד", strlen("תשפ״ד")), 784);
	assert_int_equal(date_hebrew_numeral("ה׳תשפ״ד", strlen("ה׳תשפ״ד")), 5784);
	assert_int_equal(date_hebrew_numeral("התשפ״ד", strlen("התשפ״ד")), 5784);
	assert_int_equal(date_hebrew_numeral("ט״ז", strlen("ט״ז")), 16);	/* 9 + 7: not ascending */
	assert_int_equal(date_hebrew_numeral("י״א", strlen("י״א")), 11);
	assert_int_equal(date_hebrew_numeral("ניסן", strlen("ניסן")), -1);	/* no geresh */
	assert_int_equal(date_hebrew_numeral("x׳", strlen("x׳")), -1);
}

/* hebcal's English month names, as numbered in date.h. */
static int hebcal_month(const char *name)
{
	static const char *const names[] = {
		"Nisan", "Iyyar", "Sivan", "Tamuz", "Av", "Elul", "Tishrei", "Cheshvan", "Kislev",
		"Tevet", "Sh'vat", "Adar I", "Adar II",
	};
	if (strcmp(name, "Adar") == 0)
		return 12;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(names); i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i + 1;
	return -1;
}

/* Every day of 2000..2049 (Hebrew years 5760..5810): hebcal's Hebrew date
 * in numbers (English output) must be date_gregorian_to_hebrew()'s and
 * converting it back must give the day; hebcal's Hebrew date in Hebrew
 * letters (with niqqud, as hebcal writes it) must read as that day. */
static void test_hebrew_against_hebcal(void **state)
{
	(void)state;
	long days = 0;
	for (int year = 2000; year <= 2049; year++) {
		char cmd[128], line[256];
		snprintf(cmd, sizeof cmd, "hebcal -d -h -g %d", year);
		FILE *en = popen(cmd, "r");
		snprintf(cmd, sizeof cmd, "hebcal -d -h -g --lang he %d", year);
		FILE *he = popen(cmd, "r");
		if (en == NULL || he == NULL)
			fail_msg("cannot run hebcal (installed by .ci/deps.sh)");
		while (fgets(line, sizeof line, en) != NULL) {
			int gy, gm, gd, hd, hy;
			char month[32];
			/* "2024-01-01 20th of Tevet, 5784" */
			if (sscanf(line, "%d-%d-%d %d%*[a-z] of %31[^,], %d", &gy, &gm, &gd, &hd, month,
				   &hy) != 6)
				fail_msg("hebcal: unexpected line %s", line);
			int hm = hebcal_month(month), y, m, d;
			if (hm < 0)
				fail_msg("hebcal: unknown month %s", month);
			assert_int_equal(date_gregorian_to_hebrew(gy, gm, gd, &y, &m, &d), 0);
			if (y != hy || m != hm || d != hd)
				fail_msg("%d-%02d-%02d: got %d/%d/%d, hebcal %d/%d/%d", gy, gm, gd, y, m, d, hy,
					 hm, hd);
			assert_int_equal(date_hebrew_to_gregorian(hy, hm, hd, &y, &m, &d), 0);
			assert_int_equal(y * 10000 + m * 100 + d, gy * 10000 + gm * 100 + gd);

			char hline[256];
			if (fgets(hline, sizeof hline, he) == NULL)
				fail_msg("hebcal --lang he: fewer lines than in English");
			hline[strcspn(hline, "\n")] = '\0';
			struct date_value v;
			const char *text = hline + 11;	/* after "YYYY-MM-DD " */
			if (date_read(text, strlen(text), DOC_LANG_HE, &v) != 0)
				fail_msg("\"%s\" not read", hline);
			if (strncmp(v.iso, hline, 10) != 0 || v.cal != DOC_CAL_HEBREW)
				fail_msg("\"%s\" read as %s", hline, v.iso);
			days++;
		}
		assert_int_equal(pclose(en), 0);
		assert_int_equal(pclose(he), 0);
	}
	assert_int_equal(days, 18263);	/* 50 years, 13 of them leap */
}

/* Every day of 1975..2024 in ICU's Persian, civil Islamic and Hebrew
 * calendars (Debian's python3-icu, run by Debian's python3), against
 * mahdar's conversions both ways.  ICU numbers Hebrew months from Tishri
 * (0) with Adar I (5) only in leap years; mahdar from Nisan (date.h). */
static const char icu_script[] =
	"import icu\n"
	"tz = icu.TimeZone.getGMT()\n"
	"g = icu.GregorianCalendar(tz)\n"
	"cals = [icu.Calendar.createInstance(tz, icu.Locale(l)) for l in\n"
	"        ('fa_IR@calendar=persian', 'ar@calendar=islamic-civil', 'he_IL@calendar=hebrew')]\n"
	"F = icu.UCalendarDateFields\n"
	"g.clear(); g.set(1975, 0, 1, 12, 0, 0)\n"
	"for _ in range(18263):\n"
	"    t = g.getTime(); out = [g.get(F.YEAR), g.get(F.MONTH) + 1, g.get(F.DATE)]\n"
	"    for c in cals:\n"
	"        c.setTime(t); out += [c.get(F.YEAR), c.get(F.MONTH), c.get(F.DATE)]\n"
	"    print(*out)\n"
	"    g.add(F.DATE, 1)\n";

static int icu_hebrew_month(int m, int year)
{
	static const int from_tishri[13] = { 7, 8, 9, 10, 11, 12, 12, 1, 2, 3, 4, 5, 6 };
	if (m == 6 && date_hebrew_is_leap(year))
		return 13;	/* Adar II */
	return from_tishri[m];
}

static void test_calendars_against_icu(void **state)
{
	(void)state;
	char path[] = "/tmp/mahdar-icu-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(icu_script, f);
	fclose(f);
	char cmd[256];
	/* Debian's python3 has python3-icu; a python of one's own may not. */
	snprintf(cmd, sizeof cmd, "%s %s", access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3",
		 path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	int v[12], days = 0;
	while (fscanf(p, "%d %d %d %d %d %d %d %d %d %d %d %d", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
		      &v[6], &v[7], &v[8], &v[9], &v[10], &v[11]) == 12) {
		int want[3][3] = {
			{ v[3], v[4] + 1, v[5] }, { v[6], v[7] + 1, v[8] },
			{ v[9], icu_hebrew_month(v[10], v[9]), v[11] },
		};
		int (*to[3])(int, int, int, int *, int *, int *) = {
			date_gregorian_to_persian, date_gregorian_to_islamic, date_gregorian_to_hebrew,
		};
		int (*from[3])(int, int, int, int *, int *, int *) = {
			date_persian_to_gregorian, date_islamic_to_gregorian, date_hebrew_to_gregorian,
		};
		for (int c = 0; c < 3; c++) {
			int y, m, d;
			assert_int_equal(to[c](v[0], v[1], v[2], &y, &m, &d), 0);
			if (y != want[c][0] || m != want[c][1] || d != want[c][2])
				fail_msg("%d-%02d-%02d calendar %d: got %d/%d/%d, ICU %d/%d/%d", v[0], v[1], v[2], c,
					 y, m, d, want[c][0], want[c][1], want[c][2]);
			assert_int_equal(from[c](y, m, d, &y, &m, &d), 0);
			assert_int_equal(y * 10000 + m * 100 + d, v[0] * 10000 + v[1] * 100 + v[2]);
		}
		days++;
	}
	int st = pclose(p);
	unlink(path);
	if (st != 0 || days != 18263)
		fail_msg("python3 with python3-icu (installed by .ci/deps.sh) gave %d days, status %d", days, st);
}

/* Solar Hijri and Hijri dates written with month names, every day of
 * 1380..1430 AP and 1420..1470 AH: the conversions are checked against
 * ICU in test_date.c; this checks that every month name reads as its month. */
static void test_named_months_every_day(void **state)
{
	(void)state;
	static const char *const fa[] = {
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
		"دی", "بهمن", "اسفند",
	};
	static const char *const hijri[] = {
		"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
		"شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
	};
	char text[128], iso[11];
	for (int y = 1380; y <= 1430; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				int gy, gm, gd;
				if (date_persian_to_gregorian(y, m, d, &gy, &gm, &gd) < 0)
					continue;
				snprintf(text, sizeof text, "%d %s %d", d, fa[m - 1], y);
				snprintf(iso, sizeof iso, "%04d-%02d-%02d", gy, gm, gd);
				struct date_value v;
				if (date_read(text, strlen(text), DOC_LANG_FA, &v) != 0 || strcmp(v.iso, iso) != 0)
					fail_msg("\"%s\": want %s", text, iso);
			}
	for (int y = 1420; y <= 1470; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 30; d++) {
				int gy, gm, gd;
				if (date_islamic_to_gregorian(y, m, d, &gy, &gm, &gd) < 0)
					continue;
				snprintf(text, sizeof text, "%d %s %d هـ", d, hijri[m - 1], y);
				snprintf(iso, sizeof iso, "%04d-%02d-%02d", gy, gm, gd);
				struct date_value v;
				if (date_read(text, strlen(text), DOC_LANG_AR, &v) != 0 || strcmp(v.iso, iso) != 0)
					fail_msg("\"%s\": want %s", text, iso);
			}
}

/* A range in the Date field: the sidecar keeps both days; an unreadable
 * date is a note naming its text. */
static void test_range_in_sidecar(void **state)
{
	(void)state;
	const char *text = "# اجتماع\nالتاريخ: 20 – 21 تشرين الأول 2018\n\n## جدول الأعمال\n1. بند\n";
	struct doc *d = txt_read(text, strlen(text));
	assert_string_equal(d->date_iso, "2018-10-20");
	assert_string_equal(d->date_end_iso, "2018-10-21");
	size_t n;
	char *js = side_write(d, text, strlen(text), "2026-01-01T00:00:00+00:00", &n);
	assert_non_null(strstr(js, "\"date_iso\": \"2018-10-20\", \"date_end_iso\": \"2018-10-21\""));
	free(js);
	doc_free(d);

	const char *one = "# Meeting\nDate: 9 September 2025\n";
	d = txt_read(one, strlen(one));
	assert_string_equal(d->date_iso, "2025-09-09");
	assert_null(d->date_end_iso);
	js = side_write(d, one, strlen(one), "2026-01-01T00:00:00+00:00", &n);
	assert_null(strstr(js, "date_end_iso"));
	free(js);
	doc_free(d);

	const char *bad = "# Meeting\nDate: the Tuesday after Easter\n";
	d = txt_read(bad, strlen(bad));
	assert_null(d->date_iso);
	int found = 0;
	for (size_t i = 0; i < d->nproblems; i++)
		found |= strstr(d->problems[i].msg, "“the Tuesday after Easter” is not a date") != NULL;
	assert_true(found);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_written_forms),
		cmocka_unit_test(test_written_rejects),
		cmocka_unit_test(test_hebrew_numerals),
		cmocka_unit_test(test_hebrew_against_hebcal),
		cmocka_unit_test(test_calendars_against_icu),
		cmocka_unit_test(test_named_months_every_day),
		cmocka_unit_test(test_range_in_sidecar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
