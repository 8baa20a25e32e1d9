/* date-names: the words of written dates — month names of every calendar
 * in Arabic, Persian, Hebrew and English, era marks, weekday names and the
 * small words around dates — and numbers written in Hebrew letters.
 *
 * Data model: one table of {name, kind, calendar, month}.  Names are
 * compared after date_name_fold(), which erases the differences people do
 * not see or do not mean: Latin case, the hamza forms of alef (أ إ آ ٱ → ا),
 * ta marbuta and heh, alef maksura and the Arabic/Persian yeh and kaf,
 * harakat, tatweel, niqqud, the geresh marks and ZWNJ.  So "أكتوبر",
 * "اكتوبر" and "اکتبر"-style spellings need one entry per spelling people
 * really write, not per keyboard.  A name may be two words ("كانون الثاني");
 * the reader tries the two-word form first. */
#include "mahdar/date.h"
#include "mahdar/doc.h"
#include "mahdar/ustr.h"

#include <string.h>

#define G DOC_CAL_GREGORIAN
#define P DOC_CAL_PERSIAN
#define I DOC_CAL_ISLAMIC
#define H DOC_CAL_HEBREW

static const struct date_name date_names[] = {
	/* English */
	{ "january", DATE_W_MONTH, G, 1 }, { "jan", DATE_W_MONTH, G, 1 },
	{ "february", DATE_W_MONTH, G, 2 }, { "feb", DATE_W_MONTH, G, 2 },
	{ "march", DATE_W_MONTH, G, 3 }, { "mar", DATE_W_MONTH, G, 3 },
	{ "april", DATE_W_MONTH, G, 4 }, { "apr", DATE_W_MONTH, G, 4 },
	{ "may", DATE_W_MONTH, G, 5 },
	{ "june", DATE_W_MONTH, G, 6 }, { "jun", DATE_W_MONTH, G, 6 },
	{ "july", DATE_W_MONTH, G, 7 }, { "jul", DATE_W_MONTH, G, 7 },
	{ "august", DATE_W_MONTH, G, 8 }, { "aug", DATE_W_MONTH, G, 8 },
	{ "september", DATE_W_MONTH, G, 9 }, { "sep", DATE_W_MONTH, G, 9 },
	{ "sept", DATE_W_MONTH, G, 9 },
	{ "october", DATE_W_MONTH, G, 10 }, { "oct", DATE_W_MONTH, G, 10 },
	{ "november", DATE_W_MONTH, G, 11 }, { "nov", DATE_W_MONTH, G, 11 },
	{ "december", DATE_W_MONTH, G, 12 }, { "dec", DATE_W_MONTH, G, 12 },
	/* Arabic, Levantine and Iraqi (Syriac names) */
	{ "كانون الثاني", DATE_W_MONTH, G, 1 }, { "كانون ثاني", DATE_W_MONTH, G, 1 },
	{ "شباط", DATE_W_MONTH, G, 2 }, { "آذار", DATE_W_MONTH, G, 3 },
	{ "نيسان", DATE_W_MONTH, G, 4 }, { "أيار", DATE_W_MONTH, G, 5 },
	{ "حزيران", DATE_W_MONTH, G, 6 }, { "تموز", DATE_W_MONTH, G, 7 },
	{ "آب", DATE_W_MONTH, G, 8 }, { "أيلول", DATE_W_MONTH, G, 9 },
	{ "تشرين الأول", DATE_W_MONTH, G, 10 }, { "تشرين أول", DATE_W_MONTH, G, 10 },
	{ "تشرين الثاني", DATE_W_MONTH, G, 11 }, { "تشرين ثاني", DATE_W_MONTH, G, 11 },
	{ "كانون الأول", DATE_W_MONTH, G, 12 }, { "كانون أول", DATE_W_MONTH, G, 12 },
	/* Arabic, Egyptian and Gulf, with their spellings */
	{ "يناير", DATE_W_MONTH, G, 1 }, { "فبراير", DATE_W_MONTH, G, 2 },
	{ "فبرایر", DATE_W_MONTH, G, 2 }, { "مارس", DATE_W_MONTH, G, 3 },
	{ "أبريل", DATE_W_MONTH, G, 4 }, { "إبريل", DATE_W_MONTH, G, 4 },
	{ "مايو", DATE_W_MONTH, G, 5 }, { "يونيو", DATE_W_MONTH, G, 6 },
	{ "يونية", DATE_W_MONTH, G, 6 }, { "يونيه", DATE_W_MONTH, G, 6 },
	{ "يوليو", DATE_W_MONTH, G, 7 }, { "يولية", DATE_W_MONTH, G, 7 },
	{ "يوليه", DATE_W_MONTH, G, 7 }, { "أغسطس", DATE_W_MONTH, G, 8 },
	{ "أغسطوس", DATE_W_MONTH, G, 8 }, { "سبتمبر", DATE_W_MONTH, G, 9 },
	{ "أكتوبر", DATE_W_MONTH, G, 10 }, { "اكتوبر", DATE_W_MONTH, G, 10 },
	{ "نوفمبر", DATE_W_MONTH, G, 11 }, { "نوفامبر", DATE_W_MONTH, G, 11 },
	{ "ديسمبر", DATE_W_MONTH, G, 12 }, { "دیسمبر", DATE_W_MONTH, G, 12 },
	/* Arabic, Maghrebi: Algeria and Tunisia (French names), Morocco */
	{ "جانفي", DATE_W_MONTH, G, 1 }, { "فيفري", DATE_W_MONTH, G, 2 },
	{ "أفريل", DATE_W_MONTH, G, 4 }, { "ماي", DATE_W_MONTH, G, 5 },
	{ "جوان", DATE_W_MONTH, G, 6 }, { "جويلية", DATE_W_MONTH, G, 7 },
	{ "جويليه", DATE_W_MONTH, G, 7 }, { "أوت", DATE_W_MONTH, G, 8 },
	{ "يوليوز", DATE_W_MONTH, G, 7 }, { "غشت", DATE_W_MONTH, G, 8 },
	{ "شتنبر", DATE_W_MONTH, G, 9 }, { "نونبر", DATE_W_MONTH, G, 11 },
	{ "دجنبر", DATE_W_MONTH, G, 12 },
	/* Persian names of the Gregorian months */
	{ "ژانویه", DATE_W_MONTH, G, 1 }, { "ژانویهٔ", DATE_W_MONTH, G, 1 },
	{ "فوریه", DATE_W_MONTH, G, 2 }, { "آوریل", DATE_W_MONTH, G, 4 },
	{ "مه", DATE_W_MONTH, G, 5 }, { "می", DATE_W_MONTH, G, 5 },
	{ "ژوئن", DATE_W_MONTH, G, 6 }, { "ژوئیه", DATE_W_MONTH, G, 7 },
	{ "ژوییه", DATE_W_MONTH, G, 7 }, { "اوت", DATE_W_MONTH, G, 8 },
	{ "آگوست", DATE_W_MONTH, G, 8 }, { "سپتامبر", DATE_W_MONTH, G, 9 },
	{ "اکتبر", DATE_W_MONTH, G, 10 }, { "نوامبر", DATE_W_MONTH, G, 11 },
	{ "دسامبر", DATE_W_MONTH, G, 12 },
	/* Hebrew names of the Gregorian months */
	{ "ינואר", DATE_W_MONTH, G, 1 }, { "פברואר", DATE_W_MONTH, G, 2 },
	{ "מרץ", DATE_W_MONTH, G, 3 }, { "מרס", DATE_W_MONTH, G, 3 },
	{ "אפריל", DATE_W_MONTH, G, 4 }, { "מאי", DATE_W_MONTH, G, 5 },
	{ "יוני", DATE_W_MONTH, G, 6 }, { "יולי", DATE_W_MONTH, G, 7 },
	{ "אוגוסט", DATE_W_MONTH, G, 8 }, { "ספטמבר", DATE_W_MONTH, G, 9 },
	{ "אוקטובר", DATE_W_MONTH, G, 10 }, { "נובמבר", DATE_W_MONTH, G, 11 },
	{ "דצמבר", DATE_W_MONTH, G, 12 },
	/* Solar Hijri months */
	{ "فروردین", DATE_W_MONTH, P, 1 }, { "اردیبهشت", DATE_W_MONTH, P, 2 },
	{ "خرداد", DATE_W_MONTH, P, 3 }, { "تیر", DATE_W_MONTH, P, 4 },
	{ "مرداد", DATE_W_MONTH, P, 5 }, { "امرداد", DATE_W_MONTH, P, 5 },
	{ "شهریور", DATE_W_MONTH, P, 6 }, { "مهر", DATE_W_MONTH, P, 7 },
	{ "آبان", DATE_W_MONTH, P, 8 }, { "آذر", DATE_W_MONTH, P, 9 },
	{ "دی", DATE_W_MONTH, P, 10 }, { "بهمن", DATE_W_MONTH, P, 11 },
	{ "اسفند", DATE_W_MONTH, P, 12 },
	/* Hijri (lunar) months */
	{ "محرم", DATE_W_MONTH, I, 1 }, { "محرم الحرام", DATE_W_MONTH, I, 1 },
	{ "صفر", DATE_W_MONTH, I, 2 },
	{ "ربيع الأول", DATE_W_MONTH, I, 3 }, { "ربيع أول", DATE_W_MONTH, I, 3 },
	{ "ربیع‌الاول", DATE_W_MONTH, I, 3 },
	{ "ربيع الآخر", DATE_W_MONTH, I, 4 }, { "ربيع الثاني", DATE_W_MONTH, I, 4 },
	{ "ربيع ثاني", DATE_W_MONTH, I, 4 }, { "ربیع‌الثانی", DATE_W_MONTH, I, 4 },
	{ "جمادى الأولى", DATE_W_MONTH, I, 5 }, { "جمادى الأول", DATE_W_MONTH, I, 5 },
	{ "جمادی‌الاول", DATE_W_MONTH, I, 5 },
	{ "جمادى الآخرة", DATE_W_MONTH, I, 6 }, { "جمادى الثانية", DATE_W_MONTH, I, 6 },
	{ "جمادى الآخر", DATE_W_MONTH, I, 6 }, { "جمادی‌الثانی", DATE_W_MONTH, I, 6 },
	{ "رجب", DATE_W_MONTH, I, 7 }, { "شعبان", DATE_W_MONTH, I, 8 },
	{ "رمضان", DATE_W_MONTH, I, 9 }, { "شوال", DATE_W_MONTH, I, 10 },
	{ "ذو القعدة", DATE_W_MONTH, I, 11 }, { "ذي القعدة", DATE_W_MONTH, I, 11 },
	{ "ذی‌القعده", DATE_W_MONTH, I, 11 },
	{ "ذو الحجة", DATE_W_MONTH, I, 12 }, { "ذي الحجة", DATE_W_MONTH, I, 12 },
	{ "ذی‌الحجه", DATE_W_MONTH, I, 12 },
	/* Hebrew-calendar months, numbered from Nisan (see date.h) */
	{ "ניסן", DATE_W_MONTH, H, 1 }, { "אייר", DATE_W_MONTH, H, 2 },
	{ "איר", DATE_W_MONTH, H, 2 }, { "סיון", DATE_W_MONTH, H, 3 },
	{ "סיוון", DATE_W_MONTH, H, 3 }, { "תמוז", DATE_W_MONTH, H, 4 },
	{ "אב", DATE_W_MONTH, H, 5 }, { "מנחם אב", DATE_W_MONTH, H, 5 },
	{ "אלול", DATE_W_MONTH, H, 6 }, { "תשרי", DATE_W_MONTH, H, 7 },
	{ "חשון", DATE_W_MONTH, H, 8 }, { "חשוון", DATE_W_MONTH, H, 8 },
	{ "מרחשון", DATE_W_MONTH, H, 8 }, { "מרחשוון", DATE_W_MONTH, H, 8 },
	{ "כסלו", DATE_W_MONTH, H, 9 }, { "כסליו", DATE_W_MONTH, H, 9 },
	{ "טבת", DATE_W_MONTH, H, 10 }, { "שבט", DATE_W_MONTH, H, 11 },
	{ "אדר", DATE_W_MONTH, H, 12 }, { "אדר א", DATE_W_MONTH, H, 12 },
	{ "אדר ראשון", DATE_W_MONTH, H, 12 }, { "אדר ב", DATE_W_MONTH, H, 13 },
	{ "אדר שני", DATE_W_MONTH, H, 13 },
	/* Era marks; "ه" alone is Hijri, lunar unless "ش" (shamsi) follows */
	{ "هـ", DATE_W_ERA, DATE_ERA_HIJRI, 0 }, { "هجري", DATE_W_ERA, I, 0 },
	{ "هجرية", DATE_W_ERA, I, 0 }, { "ق", DATE_W_ERA, I, 0 },
	{ "هجری قمری", DATE_W_ERA, I, 0 }, { "قمری", DATE_W_ERA, I, 0 },
	{ "ah", DATE_W_ERA, I, 0 },
	{ "ش", DATE_W_ERA, P, 0 }, { "هجری شمسی", DATE_W_ERA, P, 0 },
	{ "شمسی", DATE_W_ERA, P, 0 }, { "خورشیدی", DATE_W_ERA, P, 0 },
	{ "م", DATE_W_ERA, G, 0 }, { "ميلادي", DATE_W_ERA, G, 0 },
	{ "ميلادية", DATE_W_ERA, G, 0 }, { "میلادی", DATE_W_ERA, G, 0 },
	{ "ad", DATE_W_ERA, G, 0 }, { "ce", DATE_W_ERA, G, 0 },
	{ "לספירה", DATE_W_ERA, G, 0 }, { "למניינם", DATE_W_ERA, G, 0 },
	/* Weekdays, skipped */
	{ "monday", DATE_W_SKIP, 0, 0 }, { "mon", DATE_W_SKIP, 0, 0 },
	{ "tuesday", DATE_W_SKIP, 0, 0 }, { "tue", DATE_W_SKIP, 0, 0 },
	{ "tues", DATE_W_SKIP, 0, 0 }, { "wednesday", DATE_W_SKIP, 0, 0 },
	{ "wed", DATE_W_SKIP, 0, 0 }, { "thursday", DATE_W_SKIP, 0, 0 },
	{ "thu", DATE_W_SKIP, 0, 0 }, { "thur", DATE_W_SKIP, 0, 0 },
	{ "thurs", DATE_W_SKIP, 0, 0 }, { "friday", DATE_W_SKIP, 0, 0 },
	{ "fri", DATE_W_SKIP, 0, 0 }, { "saturday", DATE_W_SKIP, 0, 0 },
	{ "sat", DATE_W_SKIP, 0, 0 }, { "sunday", DATE_W_SKIP, 0, 0 },
	{ "sun", DATE_W_SKIP, 0, 0 },
	{ "الأحد", DATE_W_SKIP, 0, 0 }, { "الاثنين", DATE_W_SKIP, 0, 0 },
	{ "الإثنين", DATE_W_SKIP, 0, 0 }, { "الثلاثاء", DATE_W_SKIP, 0, 0 },
	{ "الأربعاء", DATE_W_SKIP, 0, 0 }, { "الخميس", DATE_W_SKIP, 0, 0 },
	{ "الجمعة", DATE_W_SKIP, 0, 0 }, { "السبت", DATE_W_SKIP, 0, 0 },
	{ "أحد", DATE_W_SKIP, 0, 0 }, { "اثنين", DATE_W_SKIP, 0, 0 },
	{ "ثلاثاء", DATE_W_SKIP, 0, 0 }, { "أربعاء", DATE_W_SKIP, 0, 0 },
	{ "خميس", DATE_W_SKIP, 0, 0 }, { "جمعة", DATE_W_SKIP, 0, 0 },
	{ "سبت", DATE_W_SKIP, 0, 0 },
	{ "شنبه", DATE_W_SKIP, 0, 0 }, { "یکشنبه", DATE_W_SKIP, 0, 0 },
	{ "یک‌شنبه", DATE_W_SKIP, 0, 0 }, { "یک شنبه", DATE_W_SKIP, 0, 0 },
	{ "دوشنبه", DATE_W_SKIP, 0, 0 }, { "دو شنبه", DATE_W_SKIP, 0, 0 },
	{ "سه‌شنبه", DATE_W_SKIP, 0, 0 }, { "سه شنبه", DATE_W_SKIP, 0, 0 },
	{ "چهارشنبه", DATE_W_SKIP, 0, 0 }, { "چهار شنبه", DATE_W_SKIP, 0, 0 },
	{ "پنجشنبه", DATE_W_SKIP, 0, 0 }, { "پنج‌شنبه", DATE_W_SKIP, 0, 0 },
	{ "پنج شنبه", DATE_W_SKIP, 0, 0 }, { "جمعه", DATE_W_SKIP, 0, 0 },
	{ "ראשון", DATE_W_SKIP, 0, 0 }, { "שני", DATE_W_SKIP, 0, 0 },
	{ "שלישי", DATE_W_SKIP, 0, 0 }, { "רביעי", DATE_W_SKIP, 0, 0 },
	{ "חמישי", DATE_W_SKIP, 0, 0 }, { "שישי", DATE_W_SKIP, 0, 0 },
	{ "שבת", DATE_W_SKIP, 0, 0 },
	/* "day": a Hebrew weekday may follow as a letter, "יום ג׳" */
	{ "يوم", DATE_W_DAY, 0, 0 }, { "يومي", DATE_W_DAY, 0, 0 },
	{ "روز", DATE_W_DAY, 0, 0 }, { "יום", DATE_W_DAY, 0, 0 },
	/* Small words around a date, skipped */
	{ "the", DATE_W_SKIP, 0, 0 }, { "of", DATE_W_SKIP, 0, 0 },
	{ "on", DATE_W_SKIP, 0, 0 }, { "from", DATE_W_SKIP, 0, 0 },
	{ "st", DATE_W_SKIP, 0, 0 }, { "nd", DATE_W_SKIP, 0, 0 },
	{ "rd", DATE_W_SKIP, 0, 0 }, { "th", DATE_W_SKIP, 0, 0 },
	{ "في", DATE_W_SKIP, 0, 0 }, { "من", DATE_W_SKIP, 0, 0 },
	{ "بتاريخ", DATE_W_SKIP, 0, 0 }, { "از", DATE_W_SKIP, 0, 0 },
	{ "در", DATE_W_SKIP, 0, 0 }, { "مورخ", DATE_W_SKIP, 0, 0 },
	{ "مورخه", DATE_W_SKIP, 0, 0 }, { "מתאריך", DATE_W_SKIP, 0, 0 },
	/* "month", "year": ۱۵ مهر ماه ۱۴۰۳, 15 آذار سنة 2024, שנת */
	{ "ماه", DATE_W_SKIP, 0, 0 }, { "شهر", DATE_W_SKIP, 0, 0 },
	{ "سنة", DATE_W_SKIP, 0, 0 }, { "لسنة", DATE_W_SKIP, 0, 0 },
	{ "عام", DATE_W_SKIP, 0, 0 }, { "لعام", DATE_W_SKIP, 0, 0 },
	{ "سال", DATE_W_SKIP, 0, 0 }, { "שנת", DATE_W_SKIP, 0, 0 },
	/* Joining the two days of a range */
	{ "to", DATE_W_RANGE, 0, 0 }, { "until", DATE_W_RANGE, 0, 0 },
	{ "till", DATE_W_RANGE, 0, 0 }, { "through", DATE_W_RANGE, 0, 0 },
	{ "and", DATE_W_RANGE, 0, 0 }, { "إلى", DATE_W_RANGE, 0, 0 },
	{ "حتى", DATE_W_RANGE, 0, 0 }, { "لغاية", DATE_W_RANGE, 0, 0 },
	{ "و", DATE_W_RANGE, 0, 0 }, { "تا", DATE_W_RANGE, 0, 0 },
	{ "עד", DATE_W_RANGE, 0, 0 }, { "ו", DATE_W_RANGE, 0, 0 },
	/* A second date naming the same day in another calendar */
	{ "الموافق", DATE_W_SAME, 0, 0 }, { "الموافق ل", DATE_W_SAME, 0, 0 },
	{ "برابر با", DATE_W_SAME, 0, 0 }, { "مطابق با", DATE_W_SAME, 0, 0 },
	{ "aka", DATE_W_SAME, 0, 0 },
};

#undef G
#undef P
#undef I
#undef H

/* Is cp dropped by the fold: a harakah, Quranic mark, superscript alef,
 * tatweel, niqqud or cantillation, a geresh mark, or an invisible joiner
 * or direction mark? */
static int date_name_dropped(uint32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
	       (cp >= 0x06D6 && cp <= 0x06ED) || (cp >= 0x0591 && cp <= 0x05BD) ||
	       cp == 0x05BF || cp == 0x05C1 || cp == 0x05C2 || cp == 0x05C4 || cp == 0x05C5 ||
	       cp == 0x05C7 || cp == 0x05F3 || cp == 0x05F4 || cp == '\'' || cp == '"' ||
	       cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static uint32_t date_name_fold_cp(uint32_t cp)
{
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671:
		return 0x0627;		/* alef */
	case 0x0629: case 0x06C0: case 0x06D5:
		return 0x0647;		/* heh */
	case 0x0649: case 0x06CC: case 0x06D2:
		return 0x064A;		/* yeh */
	case 0x06A9:
		return 0x0643;		/* kaf */
	case 0x0624:
		return 0x0648;		/* waw */
	default:
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	}
}

int date_name_fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0, i = 0;
	while (i < n) {
		uint32_t cp;
		i += ustr_decode(s + i, n - i, &cp);
		if (cp == USTR_INVALID)
			return -1;
		if (date_name_dropped(cp))
			continue;
		char enc[4];
		size_t k = ustr_encode(date_name_fold_cp(cp), enc);
		if (o + k + 1 > cap)
			return -1;
		memcpy(out + o, enc, k);
		o += k;
	}
	out[o] = '\0';
	return (int)o;
}

const struct date_name *date_name_find(const char *folded)
{
	char f[96];
	for (size_t i = 0; i < sizeof date_names / sizeof date_names[0]; i++) {
		const char *name = date_names[i].name;
		if (date_name_fold(name, strlen(name), f, sizeof f) >= 0 && strcmp(f, folded) == 0)
			return &date_names[i];
	}
	return NULL;
}

/* Value of a Hebrew letter as a numeral, or 0. */
static int date_hebrew_letter(uint32_t cp)
{
	static const short v[27] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 20, 30, 40, 40, 50, 50, 60, 70, 80, 80,
		90, 90, 100, 200, 300, 400,
	};
	/* U+05D0 alef .. U+05EA tav, finals in place (kaf sofit = 20 …). */
	return cp >= 0x05D0 && cp <= 0x05EA ? v[cp - 0x05D0] : 0;
}

static int date_hebrew_mark(uint32_t cp)
{
	return cp == 0x05F3 || cp == 0x05F4 || cp == '\'' || cp == '"';
}

int date_hebrew_numeral(const char *s, size_t n)
{
	int total = 0, marks = 0, letters = 0, thousands = 0, first = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += ustr_decode(s + i, n - i, &cp);
		if (date_hebrew_mark(cp)) {
			/* "ה׳תשפ״ד": a geresh after the first letter, with more
			 * letters to come, makes that letter thousands. */
			if (letters == 1 && i < n && thousands == 0 && (cp == 0x05F3 || cp == '\'')) {
				thousands = total * 1000;
				total = 0;
			}
			marks++;
			continue;
		}
		if (cp >= 0x0591 && cp <= 0x05C7)	/* niqqud on a numeral: ignore */
			continue;
		int v = date_hebrew_letter(cp);
		if (v == 0)
			return -1;
		/* Numerals run from the greatest letter down; a first letter
		 * smaller than the next is thousands written without a geresh,
		 * as in התשפ״ד (5784). */
		if (letters == 1 && thousands == 0 && first < v && first < 10) {
			thousands = first * 1000;
			total = 0;
		}
		if (letters == 0)
			first = v;
		total += v;
		letters++;
	}
	if (marks == 0 || letters == 0)
		return -1;
	return thousands + total;
}
