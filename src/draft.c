/* draft: what the forms of live drafting compute (see draft.h).
 *
 * Data model: none of its own.  Every function reads the analysed
 * structure of a struct doc (fields, attendance, agenda, recommendations)
 * and returns text or an edit list; the editor turns edit lists into
 * undoable edits.  Words people type in a form ("today", "+2w", "next
 * meeting") are tables per language, matched through txt_fold() — the fold
 * that matches labels — so "Today", "جلسه بعد" and "جلسهٔ بعد" all count.
 *
 * Sentences shown to the user in the document's language (the quorum) are
 * whole sentences with placeholders, one per language, in
 * draft_quorum_sentences: they follow the document, not the interface, so
 * they are a table like the labels rather than _() messages. */
#include "mahdar/draft.h"

#include "mahdar/buf.h"
#include "mahdar/date.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAFT_WORD_MAX 64	/* code points of a form word compared */

/* ------------------------------------------------------------ words */

enum draft_word {
	DRAFT_W_TODAY, DRAFT_W_TOMORROW, DRAFT_W_NOW, DRAFT_W_NEXT_MEETING,
	DRAFT_W_DAYS, DRAFT_W_WEEKS, DRAFT_W_COUNT
};

/* Every spelling of each word, all languages. */
static const char *const draft_words[DRAFT_W_COUNT][12] = {
	[DRAFT_W_TODAY] = { "today", "اليوم", "امروز", "היום" },
	[DRAFT_W_TOMORROW] = { "tomorrow", "غدا", "غداً", "بكرة", "فردا", "מחר" },
	[DRAFT_W_NOW] = { "now", "الآن", "الان", "اکنون", "حالا", "עכשיו" },
	[DRAFT_W_NEXT_MEETING] = { "next meeting", "الاجتماع القادم", "الاجتماع المقبل", "جلسهٔ بعد",
				   "جلسه بعدی", "הישיבה הבאה", "הפגישה הבאה" },
	[DRAFT_W_DAYS] = { "d", "day", "days", "ي", "يوم", "أيام", "ايام", "روز", "ی", "ימים", "יום", "י" },
	[DRAFT_W_WEEKS] = { "w", "week", "weeks", "أ", "أسبوع", "اسبوع", "أسابيع", "اسابيع", "هفته",
			    "שבוע", "שבועות", "ש" },
};

/* Which word of draft_words s[0..n) is (one of first..last), or -1. */
static int draft_word_of(const char *s, size_t n, int first, int last)
{
	uint32_t a[DRAFT_WORD_MAX], b[DRAFT_WORD_MAX];
	size_t an = txt_fold(s, n, a, DRAFT_WORD_MAX);
	if (an == 0 || an > DRAFT_WORD_MAX)
		return -1;
	for (int w = first; w <= last; w++)
		for (size_t k = 0; k < UTIL_ARRAY_LEN(draft_words[w]) && draft_words[w][k] != NULL; k++) {
			const char *x = draft_words[w][k];
			size_t bn = txt_fold(x, strlen(x), b, DRAFT_WORD_MAX);
			if (an == bn && memcmp(a, b, an * sizeof *a) == 0)
				return w;
		}
	return -1;
}

/* The digit system of a digit, or -1. */
static int draft_digit_system(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return DRAFT_DIG_ASCII;
	if (c >= 0x660 && c <= 0x669)
		return DRAFT_DIG_ARABIC;
	if (c >= 0x6F0 && c <= 0x6F9)
		return DRAFT_DIG_PERSIAN;
	return -1;
}

/* The digit system of the first digit in s, or -1. */
static int draft_digits_in(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += ustr_decode(s + i, n - i, &c);
		int sys = draft_digit_system(c);
		if (sys >= 0)
			return sys;
	}
	return -1;
}

/* Leading number of s[*i..n) in any digits (at most 9 digits); -1 if none.
 * *i moves past it. */
static long draft_read_number(const char *s, size_t n, size_t *i)
{
	long v = -1;
	int digits = 0;
	while (*i < n) {
		uint32_t c;
		size_t k = ustr_decode(s + *i, n - *i, &c);
		int dv = txt_digit(c);
		if (dv < 0 || digits == 9)
			break;
		v = (v < 0 ? 0 : v * 10) + dv;
		digits++;
		*i += k;
	}
	return v;
}

/* ------------------------------------------------------------ numbers, dates */

int draft_digits(const struct doc *d)
{
	for (size_t i = 0; i < d->nagenda; i++) {
		int sys = draft_digits_in(d->agenda[i].number_text);
		if (sys >= 0)
			return sys;
	}
	const struct doc_field *f = doc_field_get(d, DOC_KEY_DATE);
	int sys = f != NULL ? draft_digits_in(f->value) : -1;
	if (sys >= 0)
		return sys;
	return doc_language(d) == DOC_LANG_FA ? DRAFT_DIG_PERSIAN : DRAFT_DIG_ASCII;
}

/* Append ASCII text a, its digits written in system dig. */
static void draft_put_digits(struct buf *b, const char *a, int dig)
{
	for (; *a != '\0'; a++) {
		if (*a >= '0' && *a <= '9' && dig != DRAFT_DIG_ASCII) {
			char u[4];
			uint32_t base = dig == DRAFT_DIG_ARABIC ? 0x660 : 0x6F0;
			size_t k = ustr_encode(base + (uint32_t)(*a - '0'), u);
			buf_append(b, u, k);
		} else {
			buf_putc(b, *a);
		}
	}
}

/* Copy b's text into out[0..outsz) (cut short if it must be) and free b. */
static void draft_buf_out(struct buf *b, char *out, size_t outsz)
{
	if (outsz == 0) {
		buf_free(b);
		return;
	}
	size_t n = b->len < outsz - 1 ? b->len : outsz - 1;
	if (n > 0)
		memcpy(out, b->s, n);
	out[n] = '\0';
	buf_free(b);
}

/* printf into out with the digits of the result written in dig. */
__attribute__((format(printf, 4, 5)))
static void draft_format(char *out, size_t outsz, int dig, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *a = xvasprintf(fmt, ap);
	va_end(ap);
	struct buf b = BUF_INIT;
	draft_put_digits(&b, a, dig);
	free(a);
	draft_buf_out(&b, out, outsz);
}

void draft_number(long n, int dig, char *out, size_t outsz)
{
	draft_format(out, outsz, dig, "%ld", n < 0 ? 0 : n);
}

/* The calendar the document writes dates in. */
static int draft_calendar(const struct doc *d)
{
	if (d->date_iso != NULL)
		return d->calendar;
	return doc_language(d) == DOC_LANG_FA ? DOC_CAL_PERSIAN : DOC_CAL_GREGORIAN;
}

void draft_date_text(const struct doc *d, int gy, int gm, int gd, char *out, size_t outsz)
{
	int y = gy, m = gm, dd = gd, cal = draft_calendar(d);
	char sep = '-';
	if (cal == DOC_CAL_PERSIAN && date_gregorian_to_persian(gy, gm, gd, &y, &m, &dd) == 0)
		sep = '/';
	else if (cal == DOC_CAL_ISLAMIC && date_gregorian_to_islamic(gy, gm, gd, &y, &m, &dd) == 0)
		sep = '/';
	else
		y = gy, m = gm, dd = gd;
	draft_format(out, outsz, draft_digits(d), "%04d%c%02d%c%02d", y, sep, m, sep, dd);
}

/* The meeting's date as days since 1970: the Date field's, else today. */
static long draft_meeting_days(const struct doc *d, const struct draft_now *now)
{
	int y, m, dd;
	if (d->date_iso != NULL && sscanf(d->date_iso, "%d-%d-%d", &y, &m, &dd) == 3)
		return date_gregorian_to_days(y, m, dd);
	return date_gregorian_to_days(now->y, now->m, now->d);
}

static void draft_days_text(const struct doc *d, long days, char *out, size_t outsz)
{
	int y, m, dd;
	date_days_to_gregorian(days, &y, &m, &dd);
	draft_date_text(d, y, m, dd, out, outsz);
}

/* "+3d", "+ 2 weeks", "+٣ أيام": the number of days it says, or -1. */
static long draft_relative_days(const char *s, size_t n)
{
	s = txt_trim(s, &n);
	size_t i = 0;
	if (i < n && s[i] == '+')
		i++;
	else
		return -1;
	while (i < n && s[i] == ' ')
		i++;
	long v = draft_read_number(s, n, &i);
	if (v < 0 || v > 3650)
		return -1;
	int unit = draft_word_of(s + i, n - i, DRAFT_W_DAYS, DRAFT_W_WEEKS);
	if (unit < 0)
		return -1;
	return unit == DRAFT_W_WEEKS ? v * 7 : v;
}

int draft_date_word(const struct doc *d, const char *s, size_t n, const struct draft_now *now,
		    char *out, size_t outsz, char **cause)
{
	long rel = draft_relative_days(s, n);
	if (rel >= 0) {
		draft_days_text(d, draft_meeting_days(d, now) + rel, out, outsz);
		return 0;
	}
	int w = draft_word_of(s, n, DRAFT_W_TODAY, DRAFT_W_NEXT_MEETING);
	long today = date_gregorian_to_days(now->y, now->m, now->d);
	switch (w) {
	case DRAFT_W_TODAY:
		draft_days_text(d, today, out, outsz);
		return 0;
	case DRAFT_W_TOMORROW:
		draft_days_text(d, today + 1, out, outsz);
		return 0;
	case DRAFT_W_NEXT_MEETING: {
		const struct doc_field *f = doc_field_get(d, DOC_KEY_NEXT);
		char iso[11];
		int cal, y, m, dd;
		if (f == NULL || date_parse(f->value, strlen(f->value), doc_language(d), iso, &cal) < 0 ||
		    sscanf(iso, "%d-%d-%d", &y, &m, &dd) != 3) {
			util_set_cause(cause, _("the next meeting has no date yet: fill in the “%s” field first"),
				       txt_label(DOC_KEY_NEXT, doc_language(d)));
			return -1;
		}
		draft_date_text(d, y, m, dd, out, outsz);
		return 0;
	}
	default:
		return 1;
	}
}

int draft_time_word(const struct doc *d, const char *s, size_t n, const struct draft_now *now,
		    char *out, size_t outsz)
{
	if (draft_word_of(s, n, DRAFT_W_NOW, DRAFT_W_NOW) != DRAFT_W_NOW)
		return 1;
	draft_format(out, outsz, draft_digits(d), "%02d:%02d", now->hh, now->mm);
	return 0;
}

void draft_elapsed_text(const struct doc *d, long seconds, char *out, size_t outsz)
{
	if (seconds < 0)
		seconds = 0;
	draft_format(out, outsz, draft_digits(d), "%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60,
		     seconds % 60);
}

/* ------------------------------------------------------------ new documents */

int draft_locale_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < UTIL_ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		char code[3] = { v[0], v[0] ? v[1] : 0, 0 };
		int lang = doc_lang_parse(code);
		if (lang == DOC_LANG_NONE && strcmp(code, "iw") == 0)
			lang = DOC_LANG_HE;
		return lang == DOC_LANG_NONE ? DOC_LANG_EN : lang;
	}
	return DOC_LANG_EN;
}

struct doc *draft_template(int lang, const struct draft_now *now, size_t *line, size_t *off)
{
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	char date[64];
	date_format_for_lang(now->y, now->m, now->d, lang, date, sizeof date);
	struct doc *d = txt_skeleton(lang, date);
	size_t li = d->nlines > 1 ? 1 : 0;
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].value[0] == '\0') {
			li = d->fields[i].line;
			break;
		}
	if (line != NULL)
		*line = li;
	if (off != NULL)
		*off = li < d->nlines ? d->lines[li].len : 0;
	return d;
}

/* ------------------------------------------------------------ quorum */

long draft_members(const struct doc *d)
{
	const struct doc_field *f = doc_field_get(d, DOC_KEY_MEMBERS);
	if (f != NULL) {
		size_t n = strlen(f->value), i = 0;
		const char *v = txt_trim(f->value, &n);
		long num = draft_read_number(v, n, &i);
		if (num > 0)
			return num;
		/* a list of names: count them */
		long names = 0;
		int in_name = 0;
		for (size_t k = 0; k < n;) {
			uint32_t c;
			k += ustr_decode(v + k, n - k, &c);
			if (c == ';' || c == 0x61B)
				in_name = 0;
			else if (!in_name && !ustr_is_space(c))
				in_name = 1, names++;
		}
		if (names > 1)
			return names;
	}
	return d->members > 0 ? d->members : 0;
}

void draft_quorum(const struct doc *d, struct draft_quorum *q)
{
	q->present = (long)d->att[DOC_ATT_PRESENT].n;
	q->members = draft_members(d);
	q->needed = q->members > 0 ? q->members / 2 + 1 : 0;
	q->met = q->members > 0 && q->present >= q->needed;
}

/* Whole sentences per language: [0] with the members known
 * (present, members, quorum, mark), [1] without (present). */
static const char *const draft_quorum_sentences[DOC_LANG_COUNT][2] = {
	[DOC_LANG_EN] = { "present %s of %s · quorum %s %s", "present %s" },
	[DOC_LANG_AR] = { "الحضور %s من %s · النصاب %s %s", "الحضور %s" },
	[DOC_LANG_FA] = { "حاضران %s از %s · حد نصاب %s %s", "حاضران %s" },
	[DOC_LANG_HE] = { "נוכחים %s מתוך %s · מניין %s %s", "נוכחים %s" },
};

char *draft_quorum_text(const struct doc *d)
{
	struct draft_quorum q;
	draft_quorum(d, &q);
	int lang = doc_language(d), dig = draft_digits(d);
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	char p[32], m[32], n[32];
	draft_number(q.present, dig, p, sizeof p);
	if (q.members <= 0)
		return xasprintf(draft_quorum_sentences[lang][1], p);
	draft_number(q.members, dig, m, sizeof m);
	draft_number(q.needed, dig, n, sizeof n);
	return xasprintf(draft_quorum_sentences[lang][0], p, m, n, q.met ? "✓" : "✗");
}

/* ------------------------------------------------------------ edit lists */

static void draft_edits_add(struct draft_edits *e, size_t line, size_t off, size_t del, const char *text)
{
	e->v = xgrow(e->v, &e->cap, e->n + 1, sizeof *e->v);
	e->v[e->n++] = (struct draft_edit){ line, off, del, xstrdup(text) };
}

void draft_edits_free(struct draft_edits *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].text);
	free(e->v);
	e->v = NULL;
	e->n = e->cap = 0;
}

void draft_edits_apply(struct doc *d, const struct draft_edits *e)
{
	for (size_t i = e->n; i-- > 0;) {
		const struct draft_edit *x = &e->v[i];
		if (x->line < d->nlines && x->off + x->del <= d->lines[x->line].len)
			doc_line_splice(d, x->line, x->off, x->del, x->text, strlen(x->text));
	}
	if (e->n > 0) {
		d->modified = 1;
		d->stale = 1;
	}
}

/* Where agenda item a's number starts in its line. */
static size_t draft_number_off(const struct doc *d, const struct doc_agenda *a)
{
	const struct doc_line *l = &d->lines[a->line];
	size_t nt = strlen(a->number_text);
	for (size_t off = 0; off + nt <= l->len; off++)
		if (memcmp(doc_line_str(d, l) + off, a->number_text, nt) == 0)
			return off;
	return 0;
}

size_t draft_agenda_renumber(const struct doc *d, struct draft_edits *out)
{
	size_t before = out->n;
	int dig = draft_digits(d);
	for (size_t i = 0; i < d->nagenda; i++) {
		const struct doc_agenda *a = &d->agenda[i];
		char want[32];
		draft_number((long)i + 1, dig, want, sizeof want);
		if (strcmp(want, a->number_text) != 0)
			draft_edits_add(out, a->line, draft_number_off(d, a), strlen(a->number_text), want);
	}
	return out->n - before;
}

int draft_agenda_next(const struct doc *d, size_t line, char *out, size_t outsz)
{
	for (size_t i = 0; i < d->nagenda; i++) {
		const struct doc_agenda *a = &d->agenda[i];
		if (a->line != line)
			continue;
		size_t off = draft_number_off(d, a) + strlen(a->number_text);
		const struct doc_line *l = &d->lines[line];
		char delim = off < l->len ? doc_line_str(d, l)[off] : '.';
		int dig = draft_digits_in(a->number_text);
		char num[32];
		draft_number(a->number + 1, dig < 0 ? DRAFT_DIG_ASCII : dig, num, sizeof num);
		struct buf b = BUF_INIT;
		buf_append(&b, doc_line_str(d, l), off - strlen(a->number_text));	/* the item's indent */
		buf_printf(&b, "%s%c ", num, delim == ')' ? ')' : '.');
		draft_buf_out(&b, out, outsz);
		return 0;
	}
	return -1;
}

/* ------------------------------------------------------------ items */

/* s without spaces at the ends, or "" for NULL. */
static const char *draft_trimmed(const char *s, size_t *n)
{
	*n = s != NULL ? strlen(s) : 0;
	return s != NULL ? txt_trim(s, n) : "";
}

/* Does s equal t[0..tn) (NULL standing for empty)? */
static int draft_same(const char *s, const char *t, size_t tn)
{
	return s == NULL ? tn == 0 : strlen(s) == tn && memcmp(s, t, tn) == 0;
}

/* Does line, read as a recommendation, give back this text, owner and due? */
static int draft_item_reads_back(const char *line, const char *text, size_t tn, const char *owner,
				 size_t on, const char *due, size_t dn)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "# t\n\n## %s\n%s\n", txt_heading(DOC_SEC_RECOMMENDATIONS, DOC_LANG_EN), line);
	struct doc *d = txt_read(b.s, b.len);
	buf_free(&b);
	int ok = d->nrecs == 1 && draft_same(d->recs[0].text, text, tn) &&
		 draft_same(d->recs[0].owner, owner, on) && draft_same(d->recs[0].due, due, dn);
	doc_free(d);
	return ok;
}

char *draft_item_line(const struct doc *d, const struct draft_item *it, const struct draft_now *now,
		      char **cause)
{
	int lang = doc_language(d), dig = draft_digits(d);
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	size_t tn, on, dn;
	const char *text = draft_trimmed(it->text, &tn);
	const char *owner = draft_trimmed(it->owner, &on);
	const char *due = draft_trimmed(it->due, &dn);
	if (tn == 0) {
		util_set_cause(cause, _("the item has no text: say what is to be done or what was decided"));
		return NULL;
	}
	if (memchr(text, '\n', tn) != NULL || memchr(owner, '\n', on) != NULL) {
		util_set_cause(cause, _("an item is one line: no line breaks in its text or owner"));
		return NULL;
	}
	char date[64];
	if (dn > 0) {
		int r = draft_date_word(d, due, dn, now, date, sizeof date, cause);
		if (r < 0)
			return NULL;
		if (r == 0) {
			due = date;
			dn = strlen(date);
		}
	}
	if (it->has_votes) {
		long sum = 0;
		for (int k = 0; k < 3; k++) {
			if (it->votes[k] < 0 || it->votes[k] > 100000) {
				util_set_cause(cause, _("votes are counts of people: %ld is not one"), it->votes[k]);
				return NULL;
			}
			sum += it->votes[k];
		}
		long present = (long)d->att[DOC_ATT_PRESENT].n;
		if (present > 0 && sum > present) {
			util_set_cause(cause, _("the votes add up to %ld, but only %ld people are present"), sum,
				       present);
			return NULL;
		}
	}
	/* Arabic and Persian separate the details with the Arabic comma. */
	const char *comma = lang == DOC_LANG_AR || lang == DOC_LANG_FA ? "، " : ", ";
	struct buf b = BUF_INIT;
	buf_puts(&b, "- ");
	buf_append(&b, text, tn);
	int details = 0;
	const char *sep = " — ";
	if (on > 0) {
		buf_printf(&b, "%s%s: %.*s", sep, txt_label(DOC_KEY_OWNER, lang), (int)on, owner);
		details++;
	}
	if (dn > 0) {
		buf_printf(&b, "%s%s: %.*s", details ? comma : sep, txt_label(DOC_KEY_DUE, lang), (int)dn, due);
		details++;
	}
	if (it->has_votes) {
		buf_printf(&b, "%s%s: ", details ? comma : sep, txt_label(DOC_KEY_VOTES, lang));
		char v[96];
		snprintf(v, sizeof v, "%ld-%ld-%ld", it->votes[0], it->votes[1], it->votes[2]);
		draft_put_digits(&b, v, dig);
	}
	char *line = buf_steal(&b, NULL);
	if (!draft_item_reads_back(line, text, tn, owner, on, due, dn)) {
		util_set_cause(cause, _("the item would not read back as written: its text or owner holds "
					"what reads as its details (like “ — owner:”); reword it"));
		free(line);
		return NULL;
	}
	return line;
}

int draft_status_next(int status)
{
	return status == DOC_ST_OPEN ? DOC_ST_DONE : status == DOC_ST_DONE ? DOC_ST_DROPPED : DOC_ST_OPEN;
}

/* ------------------------------------------------------------ people */

static void draft_person_add(struct draft_people *p, const char *name, const char *role)
{
	size_t n;
	name = draft_trimmed(name, &n);
	if (n == 0)
		return;
	uint32_t a[DRAFT_WORD_MAX], b[DRAFT_WORD_MAX];
	size_t an = txt_fold(name, n, a, DRAFT_WORD_MAX);
	for (size_t i = 0; i < p->n; i++) {
		size_t bn = txt_fold(p->v[i].name, strlen(p->v[i].name), b, DRAFT_WORD_MAX);
		if (an == bn && memcmp(a, b, (an < DRAFT_WORD_MAX ? an : DRAFT_WORD_MAX) * sizeof *a) == 0) {
			p->v[i].count++;
			if (role != NULL && *role != '\0') {
				free(p->v[i].role);
				p->v[i].role = xstrdup(role);
			}
			return;
		}
	}
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = (struct draft_person){ xstrndup(name, n),
		role != NULL && *role != '\0' ? xstrdup(role) : NULL, 1 };
}

void draft_people_add(struct draft_people *p, const struct doc *d)
{
	static const int single[] = { DOC_KEY_CHAIR, DOC_KEY_SECRETARY };
	for (size_t i = 0; i < UTIL_ARRAY_LEN(single); i++) {
		const struct doc_field *f = doc_field_get(d, single[i]);
		if (f != NULL)
			draft_person_add(p, f->value, NULL);
	}
	for (int k = 0; k < DOC_ATT_COUNT; k++)
		for (size_t i = 0; i < d->att[k].n; i++)
			draft_person_add(p, d->att[k].v[i].name, d->att[k].v[i].role);
	for (size_t i = 0; i < d->nrecs; i++)
		if (d->recs[i].owner != NULL)
			draft_person_add(p, d->recs[i].owner, NULL);
}

void draft_people_add_text(struct draft_people *p, const char *bytes, size_t len)
{
	struct doc *d = txt_read(bytes, len);
	draft_people_add(p, d);
	doc_free(d);
}

/* Does folded a[0..an) start with folded b[0..bn)? */
static int draft_fold_prefix(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
	return bn <= an && memcmp(a, b, bn * sizeof *a) == 0;
}

/* Does name match prefix at its start or at the start of one of its words? */
static int draft_name_matches(const char *name, const uint32_t *pre, size_t pn)
{
	uint32_t a[DRAFT_WORD_MAX];
	size_t an = txt_fold(name, strlen(name), a, DRAFT_WORD_MAX);
	if (an > DRAFT_WORD_MAX)
		an = DRAFT_WORD_MAX;
	for (size_t i = 0; i < an; i++)
		if ((i == 0 || a[i - 1] == ' ') && draft_fold_prefix(a + i, an - i, pre, pn))
			return 1;
	return 0;
}

size_t draft_people_complete(const struct draft_people *p, const char *prefix, size_t n,
			     const char **out, size_t max)
{
	uint32_t pre[DRAFT_WORD_MAX];
	size_t pn = txt_fold(prefix, n, pre, DRAFT_WORD_MAX), got = 0;
	if (pn > DRAFT_WORD_MAX)
		return 0;
	/* Most often seen first: an insertion into out[] by count. */
	size_t *counts = xcalloc(max + 1, sizeof *counts);
	for (size_t i = 0; i < p->n && max > 0; i++) {
		if (!draft_name_matches(p->v[i].name, pre, pn))
			continue;
		size_t at = got;
		while (at > 0 && counts[at - 1] < p->v[i].count)
			at--;
		if (at >= max)
			continue;
		size_t last = got < max ? got : max - 1;
		for (size_t k = last; k > at; k--) {
			out[k] = out[k - 1];
			counts[k] = counts[k - 1];
		}
		out[at] = p->v[i].name;
		counts[at] = p->v[i].count;
		if (got < max)
			got++;
	}
	free(counts);
	return got;
}

void draft_people_free(struct draft_people *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].role);
	}
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

/* ------------------------------------------------------------ structure */

unsigned draft_section_mask(const struct doc *d)
{
	unsigned m = 0;
	for (size_t i = 0; i < d->nsections; i++)
		if (d->sections[i].key >= 0 && d->sections[i].key < DOC_SEC_COUNT)
			m |= 1u << d->sections[i].key;
	return m;
}

char *draft_structure_note(const struct doc *d, size_t line, unsigned prev_mask)
{
	/* txt_analyse() words the heading's note (check prints the same). */
	for (size_t i = 0; i < d->nproblems; i++)
		if (d->problems[i].line == line && line < d->nlines && d->lines[line].kind == DOC_K_HEADING &&
		    strstr(d->problems[i].msg, "did you mean") != NULL)
			return xstrdup(d->problems[i].msg);
	unsigned gone = prev_mask & ~draft_section_mask(d);
	for (int s = 0; s < DOC_SEC_COUNT; s++)
		if (gone & (1u << s))
			return xasprintf(_("the “%s” section is gone: its heading “## %s” was changed or deleted"),
					 doc_sec_name(s), txt_heading(s, doc_language(d)));
	return NULL;
}
