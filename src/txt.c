/* txt: the plain-text minutes format (FORMAT.md section 1).
 *
 * Data model: the file is split into struct doc_line records that keep the
 * exact bytes and each line's own terminator ("\n", "\r\n" or none for a
 * last line without one), so txt_write() of an unedited document gives the
 * original bytes whatever they were — invalid UTF-8, NULs, stray CRs.
 *
 * txt_analyse() is a single forward pass over the lines that classifies
 * each one (title, header field, heading, agenda item, recommendation, free
 * text) and fills the derived structure of struct doc.  It never changes a
 * line's bytes.  Labels and headings are matched through fold.c, which
 * ignores what typists vary without meaning to (Latin case, Arabic vs
 * Persian yeh and kaf, alef and hamza forms, tatweel, harakat, ZWNJ, ASCII
 * vs Hebrew gershayim). */
#include "mahdar/txt.h"
#include "mahdar/buf.h"
#include "mahdar/date.h"
#include "mahdar/fold.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TXT_MAX_ALIASES 3
#define TXT_LABEL_MAX_CHARS 40	/* longer "X: y" lines are sentences, not labels */

struct txt_names {
	const char *v[DOC_LANG_COUNT][TXT_MAX_ALIASES];	/* first alias is the one written */
};

/* FORMAT.md "Known labels", plus a few spellings people really type. */
static const struct txt_names txt_labels[DOC_KEY_COUNT] = {
	[DOC_KEY_DATE] = {{{"Date"}, {"التاريخ"}, {"تاریخ"}, {"תאריך"}}},
	[DOC_KEY_TIME] = {{{"Time"}, {"الوقت"}, {"ساعت"}, {"שעה"}}},
	[DOC_KEY_PLACE] = {{{"Place"}, {"المكان"}, {"مکان"}, {"מקום"}}},
	[DOC_KEY_CHAIR] = {{{"Chair"}, {"الرئيس", "الرئيسة"}, {"رئیس جلسه"}, {"יו״ר"}}},
	[DOC_KEY_SECRETARY] = {{{"Secretary"}, {"المقرر", "المقررة"}, {"دبیر جلسه"}, {"מזכיר", "מזכירה"}}},
	[DOC_KEY_PRESENT] = {{{"Present"}, {"الحضور"}, {"حاضران"}, {"נוכחים"}}},
	[DOC_KEY_APOLOGIES] = {{{"Apologies"}, {"المعتذرون"}, {"غایبان"}, {"נעדרים"}}},
	[DOC_KEY_GUESTS] = {{{"Guests"}, {"الضيوف"}, {"مهمانان"}, {"אורחים"}}},
	[DOC_KEY_NEXT] = {{{"Next meeting"}, {"الاجتماع القادم"}, {"جلسهٔ بعد"}, {"הישיבה הבאה"}}},
	[DOC_KEY_OWNER] = {{{"owner"}, {"المسؤول"}, {"مسئول"}, {"אחראי"}}},
	[DOC_KEY_DUE] = {{{"due"}, {"الموعد"}, {"مهلت"}, {"מועד"}}},
	[DOC_KEY_VOTES] = {{{"votes"}, {"التصويت"}, {"رأی"}, {"הצבעה"}}},
	[DOC_KEY_MEMBERS] = {{{"Members"}, {"الأعضاء", "الاعضاء"}, {"اعضا", "اعضاء"}, {"חברים"}}},
};

static const struct txt_names txt_headings[DOC_SEC_COUNT] = {
	[DOC_SEC_OPENING] = {{{"Opening"}, {"الافتتاح"}, {"گشایش"}, {"פתיחה"}}},
	[DOC_SEC_AGENDA] = {{{"Agenda"}, {"جدول الأعمال"}, {"دستور جلسه"}, {"סדר היום"}}},
	[DOC_SEC_DISCUSSION] = {{{"Discussion"}, {"المناقشة"}, {"بحث"}, {"דיון"}}},
	[DOC_SEC_RECOMMENDATIONS] = {{{"Recommendations", "Decisions"}, {"التوصيات", "القرارات"},
				      {"تصمیمات", "مصوبات"}, {"המלצות", "החלטות"}}},
	[DOC_SEC_CLOSING] = {{{"Closing"}, {"الختام"}, {"پایان"}, {"נעילה", "סיום"}}},
};

static const char *const txt_titles[DOC_LANG_COUNT] = {
	"Minutes of the meeting", "محضر الاجتماع", "صورتجلسه", "פרוטוקול ישיבה",
};

/* ------------------------------------------------------------ small helpers */

static int txt_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

const char *txt_trim(const char *s, size_t *len)
{
	size_t n = *len;
	for (;;) {	/* leading */
		uint32_t c;
		size_t k = n ? ustr_decode(s, n, &c) : 0;
		if (k == 0 || !txt_is_space(c))
			break;
		s += k, n -= k;
	}
	while (n > 0) {	/* trailing */
		uint32_t c;
		size_t k = ustr_decode_prev(s, n, &c);
		if (!txt_is_space(c))
			break;
		n -= k;
	}
	*len = n;
	return s;
}

static char *txt_dup_trim(const char *s, size_t n)
{
	s = txt_trim(s, &n);
	return xstrndup(s, n);
}

int txt_digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0x660 && c <= 0x669)
		return (int)(c - 0x660);
	if (c >= 0x6F0 && c <= 0x6F9)
		return (int)(c - 0x6F0);
	return -1;
}

/* Index of the entry of names[0..count) that s names, or -1; *lang gets the
 * language whose alias matched. */
/* The aliases of a names table folded once (fold_string), for
 * txt_lookup(): folding every alias again for each heading of a
 * 200,000-line document cost more than the rest of its analysis. */
struct txt_folded {
	const struct txt_names *names;
	char *v[DOC_KEY_COUNT][DOC_LANG_COUNT][TXT_MAX_ALIASES];
};

static const struct txt_folded *txt_folded_of(const struct txt_names *names, int count)
{
	static struct txt_folded tab[2];	/* labels, headings */
	for (size_t t = 0; t < UTIL_ARRAY_LEN(tab); t++) {
		if (tab[t].names == names)
			return &tab[t];
		if (tab[t].names != NULL || count > DOC_KEY_COUNT)
			continue;
		for (int k = 0; k < count; k++)
			for (int l = 0; l < DOC_LANG_COUNT; l++)
				for (int a = 0; a < TXT_MAX_ALIASES && names[k].v[l][a] != NULL; a++)
					tab[t].v[k][l][a] = fold_string(names[k].v[l][a], strlen(names[k].v[l][a]));
		tab[t].names = names;
		return &tab[t];
	}
	return NULL;
}

static int txt_lookup(const struct txt_names *names, int count, const char *s, size_t n,
		      int *lang)
{
	const struct txt_folded *f = n > 0 && memchr(s, '\0', n) == NULL ? txt_folded_of(names, count) : NULL;
	if (f != NULL) {
		/* fold_eq() against each alias, the text folded once. */
		char *key = fold_string(s, n);
		int found = -1;
		for (int k = 0; k < count && found < 0 && key[0] != '\0'; k++)
			for (int l = 0; l < DOC_LANG_COUNT && found < 0; l++)
				for (int a = 0; a < TXT_MAX_ALIASES && names[k].v[l][a] != NULL; a++)
					if (strcmp(key, f->v[k][l][a]) == 0) {
						if (lang)
							*lang = l;
						found = k;
						break;
					}
		free(key);
		return found;
	}
	for (int k = 0; k < count; k++)
		for (int l = 0; l < DOC_LANG_COUNT; l++)
			for (int a = 0; a < TXT_MAX_ALIASES && names[k].v[l][a] != NULL; a++)
				if (fold_eq(s, n, names[k].v[l][a], strlen(names[k].v[l][a]))) {
					if (lang)
						*lang = l;
					return k;
				}
	return -1;
}

int txt_label_key(const char *s, size_t len)
{
	return txt_lookup(txt_labels, DOC_KEY_COUNT, s, len, NULL);
}

int txt_heading_key(const char *s, size_t len)
{
	return txt_lookup(txt_headings, DOC_SEC_COUNT, s, len, NULL);
}

#define TXT_SUGGEST_MAX 48	/* code points compared; longer headings are sentences */

size_t txt_fold(const char *s, size_t n, uint32_t *out, size_t max)
{
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += ustr_decode(s + i, n - i, &c);
		c = fold_char(c, FOLD_LOOSE);
		if (c == 0)
			continue;
		if (c == ' ') {
			space = k > 0;	/* runs of spaces are one; none at the start */
			continue;
		}
		for (int put = space; put >= 0; put--) {
			if (k == max)
				return max + 1;
			out[k++] = put ? ' ' : c;
		}
		space = 0;
	}
	return k;
}

/* s[0..n) folded into out[0..TXT_SUGGEST_MAX); its length, or
 * TXT_SUGGEST_MAX + 1 when it is longer. */
static size_t txt_fold_into(const char *s, size_t n, uint32_t *out)
{
	return txt_fold(s, n, out, TXT_SUGGEST_MAX);
}

/* Levenshtein distance of a[0..an) and b[0..bn), both <= TXT_SUGGEST_MAX. */
static size_t txt_distance(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
	size_t row[TXT_SUGGEST_MAX + 1];
	for (size_t j = 0; j <= bn; j++)
		row[j] = j;
	for (size_t i = 1; i <= an; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= bn; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[bn];
}

const char *txt_heading_suggest(const char *s, size_t n, int *sec)
{
	uint32_t h[TXT_SUGGEST_MAX], k[TXT_SUGGEST_MAX];
	size_t hn = txt_fold_into(s, n, h);
	if (hn == 0 || hn > TXT_SUGGEST_MAX || txt_heading_key(s, n) != DOC_SEC_NONE)
		return NULL;
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (int x = 0; x < DOC_SEC_COUNT; x++)
		for (int l = 0; l < DOC_LANG_COUNT; l++)
			for (int a = 0; a < TXT_MAX_ALIASES && txt_headings[x].v[l][a] != NULL; a++) {
				const char *name = txt_headings[x].v[l][a];
				size_t kn = txt_fold_into(name, strlen(name), k), dist;
				/* Text typed onto the end of a heading: "الختاماختتم". */
				/* A typo: one edit in a short name, two in a longer one. */
				size_t allowed = kn <= 5 ? 1 : 2;
				if (hn > kn && memcmp(h, k, kn * sizeof *k) == 0 && h[kn] != ' ')
					dist = 0;
				else if ((hn > kn ? hn - kn : kn - hn) > allowed)
					continue;	/* the lengths alone differ by more */
				else
					dist = txt_distance(h, hn, k, kn);
				if (dist <= allowed && dist < best_d) {
					best = name;
					best_d = dist;
					if (sec != NULL)
						*sec = x;
				}
			}
	return best;
}

const char *txt_label(int key, int lang)
{
	if (key < 0 || key >= DOC_KEY_COUNT)
		return NULL;
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	return txt_labels[key].v[lang][0];
}

const char *txt_heading(int sec, int lang)
{
	if (sec < 0 || sec >= DOC_SEC_COUNT)
		return NULL;
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	return txt_headings[sec].v[lang][0];
}

/* Does s[0..n) start with prefix? */
static int txt_starts(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);
	return n >= p && memcmp(s, prefix, p) == 0;
}

/* Find "label: value": the first ASCII or full-width colon followed by a
 * space or the end of the line, with a plausible label before it.  Returns
 * the label length and sets *value to the offset of the value, or 0.
 * "Time:10:00" — no space — is a label only when it names a known one
 * (then *nospace is set), because "10:00" or "http://x" must stay text. */
static size_t txt_split_label(const char *s, size_t n, size_t *value, int *nospace)
{
	size_t chars = 0;
	*nospace = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = ustr_decode(s + i, n - i, &c);
		if (c == ':' || c == 0xFF1A) {
			size_t after = i + k;
			if (i == 0)
				return 0;
			if (after < n && s[after] != ' ' && s[after] != '\t') {
				if (txt_label_key(s, i) == DOC_KEY_NONE)
					return 0;
				*nospace = 1;
			}
			while (after < n && (s[after] == ' ' || s[after] == '\t'))
				after++;
			*value = after;
			return i;
		}
		if (c == USTR_INVALID || c < 0x20 || ++chars > TXT_LABEL_MAX_CHARS)
			return 0;
		i += k;
	}
	return 0;
}

/* ------------------------------------------------------------ reading */

struct doc *txt_read(const char *bytes, size_t len)
{
	struct doc *d = doc_new();
	doc_lines_load(d, bytes, len);
	txt_analyse(d);
	d->modified = 0;
	return d;
}

struct doc *txt_read_take(char *bytes, size_t len)
{
	struct doc *d = doc_new();
	doc_lines_adopt(d, bytes, len);
	txt_analyse(d);
	d->modified = 0;
	return d;
}

char *txt_write(const struct doc *d, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t total = 0;
	for (size_t i = 0; i < d->nlines; i++)
		total += d->lines[i]->len + 2;
	buf_reserve(&b, total);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = d->lines[i];
		buf_append(&b, l->s, l->len);
		if (l->eol == DOC_EOL_LF)
			buf_putc(&b, '\n');
		else if (l->eol == DOC_EOL_CRLF)
			buf_append(&b, "\r\n", 2);
	}
	return buf_steal(&b, len);
}

/* ------------------------------------------------------------ analysis */

struct txt_scan {
	struct doc *d;
	int votes[DOC_LANG_COUNT];	/* languages of matched labels and headings */
	size_t script[4];		/* strong letters: Latin, Arabic, Persian-only, Hebrew */
};

static int txt_blank(const char *s, size_t n)
{
	txt_trim(s, &n);
	return n == 0;
}

/* Attendee list "A (role); B; C" into p. */
static void txt_people(struct doc_people *p, const char *s, size_t n)
{
	size_t i = 0;
	while (i <= n) {
		size_t j = i, sep = 0;
		while (j < n) {
			if (s[j] == ';') {
				sep = 1;
				break;
			}
			if (n - j >= 2 && memcmp(s + j, "؛", 2) == 0) {
				sep = 2;
				break;
			}
			j++;
		}
		size_t len = j - i;
		const char *item = txt_trim(s + i, &len);
		if (len > 0) {
			struct doc_person *who = doc_person_add(p);
			const char *open = NULL;
			if (item[len - 1] == ')') {
				for (size_t k = len - 1; k-- > 0;)
					if (item[k] == '(') {
						open = item + k;
						break;
					}
			}
			if (open != NULL && open > item) {
				who->name = txt_dup_trim(item, (size_t)(open - item));
				who->role = txt_dup_trim(open + 1, (size_t)(item + len - 1 - open - 1));
			} else {
				who->name = xstrndup(item, len);
			}
		}
		if (!sep)
			break;
		i = j + sep;
	}
}

/* "7-1-0" in any digit system into v[3]; 0 on success. */
static int txt_votes(const char *s, size_t n, int v[3])
{
	int k = 0, have = 0;
	long cur = 0;
	s = txt_trim(s, &n);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = ustr_decode(s + i, n - i, &c);
		i += len;
		int dg = txt_digit(c);
		if (dg >= 0) {
			cur = cur * 10 + dg;
			if (cur > 1000000)
				return -1;
			have = 1;
		} else if ((c == '-' || c == 0x2013 || c == 0x2212 || c == '/') && have && k < 2) {
			v[k++] = (int)cur;
			cur = 0;
			have = 0;
		} else {
			return -1;
		}
	}
	if (k != 2 || !have)
		return -1;
	v[2] = (int)cur;
	return 0;
}

/* Is s[0..n) an item detail "owner: …", "due: …" or "votes: …" (any
 * language) up to its first ", " or "، "? */
static int txt_detail_follows(const char *s, size_t n)
{
	int nospace;
	size_t voff, ll = txt_split_label(s, n, &voff, &nospace);
	int key = ll ? txt_label_key(s, ll) : DOC_KEY_NONE;
	return key == DOC_KEY_OWNER || key == DOC_KEY_DUE || key == DOC_KEY_VOTES;
}

/* Where an item's details start: the first " — " (the spec's em dash),
 * " -- ", " – " (en dash) or " - " that a known item label follows.
 * Because Arabic, Persian and Hebrew keyboards have no em dash, people
 * type what they have; a dash inside the text ("Q1 - Q2 report") is no
 * separator, since no label follows it.  Returns the position and the
 * separator's length in *seplen, or n. */
static size_t txt_meta_sep(const char *s, size_t n, size_t *seplen)
{
	static const char *const seps[] = { " — ", " -- ", " – ", " - " };
	for (size_t i = 0; i < n; i++) {
		if (s[i] != ' ')
			continue;
		for (size_t k = 0; k < UTIL_ARRAY_LEN(seps); k++) {
			size_t sl = strlen(seps[k]);
			if (n - i >= sl && memcmp(s + i, seps[k], sl) == 0 &&
			    txt_detail_follows(s + i + sl, n - i - sl)) {
				*seplen = sl;
				return i;
			}
		}
	}
	return n;
}

/* Does s[0..n) name a known item label followed by a colon anywhere
 * ("… owner: Ali" with no separator before it)? */
static int txt_names_detail(const char *s, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		if (s[c] != ':' && !(n - c >= 3 && memcmp(s + c, "：", 3) == 0))
			continue;
		/* the label starts at the line's start or after a space, comma or dash */
		for (size_t j = c; j-- > 0 && c - j <= TXT_LABEL_MAX_CHARS * 4;) {
			if (j > 0 && s[j - 1] != ' ' && s[j - 1] != ',' && s[j - 1] != '-' &&
			    !(j >= 2 && memcmp(s + j - 2, "،", 2) == 0))
				continue;
			int key = txt_label_key(s + j, c - j);
			if (key == DOC_KEY_OWNER || key == DOC_KEY_DUE || key == DOC_KEY_VOTES)
				return 1;
		}
	}
	return 0;
}

/* Split "owner: X, due: Y" into r; returns 0 when s is such a list. */
static int txt_rec_meta(struct txt_scan *sc, size_t line, struct doc_rec *r, const char *s, size_t n)
{
	/* First pass: segment boundaries at ", " and "، " / "،". */
	size_t segs[64][2], nseg = 0;
	size_t i = 0, start = 0;
	while (i <= n && nseg < UTIL_ARRAY_LEN(segs)) {
		size_t sl = 0;
		if (i == n)
			sl = 0;
		else if (s[i] == ',' && i + 1 < n && s[i + 1] == ' ')
			sl = 2;
		else if (n - i >= 2 && memcmp(s + i, "،", 2) == 0)
			sl = 2;
		if (i == n || sl) {
			segs[nseg][0] = start;
			segs[nseg][1] = i;
			nseg++;
			if (i == n)
				break;
			i += sl;
			start = i;
			continue;
		}
		i++;
	}
	char **slot = NULL;
	size_t slot_from = 0;
	const char *votes_s = NULL;
	size_t votes_n = 0;
	int any = 0;
	for (size_t k = 0; k < nseg; k++) {
		size_t sn = segs[k][1] - segs[k][0];
		const char *seg = txt_trim(s + segs[k][0], &sn);
		int nospace;
		size_t voff = 0, ll = txt_split_label(seg, sn, &voff, &nospace);
		int key = ll ? txt_label_key(seg, ll) : DOC_KEY_NONE;
		if (key == DOC_KEY_OWNER || key == DOC_KEY_DUE || key == DOC_KEY_VOTES) {
			any = 1;
			int lang = DOC_LANG_NONE;
			txt_lookup(txt_labels, DOC_KEY_COUNT, seg, ll, &lang);
			if (lang >= 0)
				sc->votes[lang]++;
			if (key == DOC_KEY_VOTES) {
				slot = NULL;
				votes_s = seg + voff;
				votes_n = sn - voff;
				continue;
			}
			slot = key == DOC_KEY_OWNER ? &r->owner : &r->due;
			free(*slot);
			*slot = txt_dup_trim(seg + voff, sn - voff);
			slot_from = (size_t)(seg - s) + voff;
			continue;
		}
		if (k == 0)
			return -1;	/* not a metadata list at all */
		if (slot != NULL) {	/* "owner: Ali, Omar": the comma was part of the value */
			free(*slot);
			*slot = txt_dup_trim(s + slot_from, segs[k][1] - slot_from);
		} else {
			doc_problem_add(sc->d, line, DOC_NOTE, "unknown item detail “%.*s” (known: owner, due, votes)",
					(int)(segs[k][1] - segs[k][0]), s + segs[k][0]);
		}
	}
	if (!any)
		return -1;
	if (votes_s != NULL) {
		if (txt_votes(votes_s, votes_n, r->votes) == 0)
			r->has_votes = 1;
		else
			doc_problem_add(sc->d, line, DOC_ERROR,
					"votes “%.*s” are not FOR-AGAINST-ABSTAIN (like 7-1-0)",
					(int)votes_n, votes_s);
	}
	return 0;
}

static void txt_item_id(struct txt_scan *sc, size_t line, char prefix)
{
	struct doc_attr *a = doc_line_attr(sc->d, line);
	if (a->id == NULL)
		a->id = doc_id_new(sc->d, prefix);
}

static void txt_rec(struct txt_scan *sc, size_t li, const char *s, size_t n)
{
	struct doc_rec *r = doc_rec_add(sc->d);
	r->line = li;
	size_t seplen = 0, sep = txt_meta_sep(s, n, &seplen);
	if (sep < n && txt_rec_meta(sc, li, r, s + sep + seplen, n - sep - seplen) == 0) {
		r->text = txt_dup_trim(s, sep);
	} else {
		free(r->owner);
		free(r->due);
		r->owner = r->due = NULL;
		r->has_votes = 0;
		r->text = txt_dup_trim(s, n);
	}
	r->kind = r->owner != NULL ? DOC_REC_ACTION : DOC_REC_DECISION;
	if (r->owner == NULL && r->due == NULL && !r->has_votes && txt_names_detail(s, n))
		doc_problem_add(sc->d, li, DOC_NOTE, _("this item names an owner, due date or votes, but they "
				"were not read: write them after “ — ” or “ - ”, separated by commas "
				"(text — owner: NAME, due: DATE)"));
	txt_item_id(sc, li, 'r');
}

/* "N. text" / "N) text" with N in any of the three digit systems. */
static int txt_agenda(struct txt_scan *sc, size_t li, const char *s, size_t n)
{
	size_t lead = n;
	s = txt_trim(s, &lead);
	n = lead;
	size_t i = 0;
	long num = 0;
	int digits = 0;
	while (i < n) {
		uint32_t c;
		size_t k = ustr_decode(s + i, n - i, &c);
		int dg = txt_digit(c);
		if (dg < 0)
			break;
		if (num < 100000000)
			num = num * 10 + dg;
		digits++;
		i += k;
	}
	if (digits == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
		return 0;
	if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')
		return 0;	/* "2.5 million" */
	struct doc *d = sc->d;
	if (d->nagenda > 0 && num != d->agenda[d->nagenda - 1].number + 1)
		doc_problem_add(d, li, DOC_NOTE, "agenda item %ld follows item %ld", num,
				d->agenda[d->nagenda - 1].number);
	struct doc_agenda *a = doc_agenda_add(d);
	a->line = li;
	a->number = num;
	a->number_text = xstrndup(s, i);
	a->text = txt_dup_trim(s + i + 1, n - i - 1);
	txt_item_id(sc, li, 'a');
	return 1;
}

/* A section heading: "## text", or "##" alone. */
static int txt_is_heading(const char *s, size_t n)
{
	return txt_starts(s, n, "## ") || (n == 2 && s[0] == '#' && s[1] == '#');
}

int txt_line_kind(const char *s, size_t n, size_t index)
{
	if (index == 0 && txt_starts(s, n, "\xEF\xBB\xBF"))
		s += 3, n -= 3;	/* a byte order mark */
	if (index == 0 && (txt_starts(s, n, "# ") || (n == 1 && s[0] == '#')))
		return DOC_K_TITLE;
	return txt_is_heading(s, n) ? DOC_K_HEADING : DOC_K_FREE;
}

/* Bullet "- ", "* " or "• ": returns the bytes it takes, or 0. */
static size_t txt_bullet(const char *s, size_t n)
{
	size_t lead = 0;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	s += lead, n -= lead;
	if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
		return lead + 2;
	if (n >= 4 && memcmp(s, "• ", 4) == 0)
		return lead + 4;
	return 0;
}

static void txt_header(struct txt_scan *sc, size_t li, const char *s, size_t n, size_t ll, size_t voff)
{
	struct doc *d = sc->d;
	int lang = DOC_LANG_NONE;
	int key = txt_lookup(txt_labels, DOC_KEY_COUNT, s, ll, &lang);
	if (key == DOC_KEY_OWNER || key == DOC_KEY_DUE || key == DOC_KEY_VOTES)
		key = DOC_KEY_NONE;	/* item details, not header fields */
	if (key != DOC_KEY_NONE && lang >= 0)
		sc->votes[lang]++;
	struct doc_field *f = doc_field_add(d);
	f->key = key;
	f->label = txt_dup_trim(s, ll);
	f->value = txt_dup_trim(s + voff, n - voff);
	f->line = li;
	d->lines[li]->kind = DOC_K_HEADER;
	if (key == DOC_KEY_PRESENT || key == DOC_KEY_APOLOGIES || key == DOC_KEY_GUESTS) {
		struct doc_people *p = &d->att[key - DOC_KEY_PRESENT];
		if (p->line == (size_t)-1)
			p->line = li;
		txt_people(p, s + voff, n - voff);
	}
}

/* Which script counter (of struct txt_scan's script[]) code point c adds
 * to: 0 Latin, 1 Arabic, 2 Persian (which is Arabic too), 3 Hebrew; -1
 * none. */
static int txt_script_of(uint32_t c)
{
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return 0;
	if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
		return 0;
	if (c == 0x67E || c == 0x686 || c == 0x698 || c == 0x6AF || c == 0x6A9 || c == 0x6CC)
		return 2;	/* پ چ ژ گ ک ی: Persian letters */
	if ((c >= 0x620 && c <= 0x64A) || (c >= 0x671 && c <= 0x6D3) || (c >= 0x750 && c <= 0x77F) ||
	    (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC))
		return 1;
	if ((c >= 0x5D0 && c <= 0x5EA) || (c >= 0xFB1D && c <= 0xFB4F))
		return 3;
	return -1;
}

/* Add a line's letters, count[k + 1] of script k, to the document's. */
static void txt_add_letters(struct txt_scan *sc, const size_t *count)
{
	sc->script[0] += count[1];
	sc->script[1] += count[2] + count[3];	/* Persian letters are Arabic ones too */
	sc->script[2] += count[3];
	sc->script[3] += count[4];
}

/* txt_script_of() + 1 of every code point below U+0800 (which one or two
 * bytes encode): filled on first use. */
static signed char txt_script_tab[0x800];
static int txt_script_tab_ready;

/* One pass over line li's bytes: count the strong letters of each script
 * (for the language guess) and report the first invalid UTF-8 byte and any
 * NUL byte.  ASCII and two-byte sequences (Latin, Arabic, Hebrew: nearly
 * every byte of a minutes file) are read here, their script looked up in a
 * table; only the rest is decoded. */
static void txt_scan_line(struct txt_scan *sc, size_t li)
{
	if (!txt_script_tab_ready) {
		for (uint32_t c = 0; c < 0x800; c++)
			txt_script_tab[c] = (signed char)(txt_script_of(c) + 1);
		txt_script_tab_ready = 1;
	}
	struct doc_line *l = sc->d->lines[li];
	size_t count[5] = {0};	/* count[k + 1]: script k */
	if (l->scanned) {	/* unchanged since the last analysis */
		for (int k = 0; k < 4; k++)
			count[k + 1] = l->letters[k];
		txt_add_letters(sc, count);
		return;
	}
	const unsigned char *u = (const unsigned char *)l->s;
	size_t n = l->len, bad = n, nul = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = u[i];
		uint32_t c;
		if (b < 0x80) {
			count[txt_script_tab[b]]++;
			nul |= b == 0;
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
			count[txt_script_tab[((b & 0x1F) << 6) | (u[i + 1] & 0x3F)]]++;
			i += 2;
			continue;
		}
		i += ustr_decode(l->s + i, n - i, &c);
		if (c == USTR_INVALID) {
			if (bad == n)
				bad = i - 1;
			continue;
		}
		count[txt_script_of(c) + 1]++;
	}
	txt_add_letters(sc, count);
	l->invalid = bad < n;
	/* Kept for the next analysis (an edit elsewhere), when they fit. */
	l->scanned = bad == n && !nul && count[1] <= 255 && count[2] <= 255 && count[3] <= 255 &&
		     count[4] <= 255;
	for (int k = 0; k < 4 && l->scanned; k++)
		l->letters[k] = (unsigned char)count[k + 1];
	if (bad < n)
		doc_problem_add(sc->d, li, DOC_ERROR, "invalid UTF-8 byte 0x%02X at byte %zu (kept as it is)",
				u[bad], bad + 1);
	if (nul)
		doc_problem_add(sc->d, li, DOC_ERROR, "NUL byte in the text");
}

static void txt_detect_language(struct txt_scan *sc)
{
	struct doc *d = sc->d;
	int best = DOC_LANG_NONE, bestv = 0;
	for (int l = 0; l < DOC_LANG_COUNT; l++)
		if (sc->votes[l] > bestv)
			best = l, bestv = sc->votes[l];
	if (best == DOC_LANG_NONE) {
		size_t lat = sc->script[0], arab = sc->script[1], fa = sc->script[2], heb = sc->script[3];
		if (lat + arab + heb > 0) {
			if (heb >= arab && heb >= lat)
				best = DOC_LANG_HE;
			else if (arab >= lat)
				/* Persian-only letters in more than 1 of 12 Arabic-script letters */
				best = fa * 12 > arab ? DOC_LANG_FA : DOC_LANG_AR;
			else
				best = DOC_LANG_EN;
		}
	}
	d->lang_detected = best;
	d->dir_detected = doc_lang_rtl(best) ? DOC_DIR_RTL : DOC_DIR_LTR;
}

/* Ids put on lines by others (the sidecar, an undo, a paste) raise the
 * document's id mark, so fresh ids never collide with them. */
static void txt_scan_ids(struct doc *d)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i]->attr != NULL)
			doc_id_note(d, d->lines[i]->attr->id);
}

void txt_analyse(struct doc *d)
{
	struct txt_scan sc = { .d = d };
	doc_structure_clear(d);
	txt_scan_ids(d);
	d->stale = 0;
	if (d->nlines == 0) {
		doc_problem_add(d, (size_t)-1, DOC_ERROR, "the file is empty: no minutes in it");
		txt_detect_language(&sc);
		return;
	}

	int in_header = 1;	/* before the first "## " */
	struct doc_section *sec = NULL;
	size_t si = (size_t)-1;
	int seen[DOC_SEC_COUNT] = {0};
	/* FORMAT: header lines run until the first "## ", and a stray line
	 * among them (a note, a typo) stays there as free text.  But a file
	 * with no heading at all is prose — the unstructured communiqué —
	 * and there the first line of prose ends the header block. */
	int headed = 0;
	for (size_t li = 0; li < d->nlines && !headed; li++)
		headed = txt_is_heading(d->lines[li]->s, d->lines[li]->len);

	for (size_t li = 0; li < d->nlines; li++) {
		struct doc_line *l = d->lines[li];
		const char *s = l->s;
		size_t n = l->len;
		l->kind = DOC_K_FREE;
		txt_scan_line(&sc, li);
		int alone = txt_line_kind(s, n, li);
		if (li == 0 && txt_starts(s, n, "\xEF\xBB\xBF"))
			s += 3, n -= 3;	/* a byte order mark, kept in the bytes, skipped here */

		if (alone == DOC_K_TITLE) {
			l->kind = DOC_K_TITLE;
			l->section = -1;
			d->title = n > 2 ? txt_dup_trim(s + 2, n - 2) : xstrdup("");
			d->title_line = 0;
			continue;
		}
		if (alone == DOC_K_HEADING) {
			in_header = 0;
			int lang = DOC_LANG_NONE;
			size_t hn = n > 3 ? n - 3 : 0;
			int key = hn ? txt_lookup(txt_headings, DOC_SEC_COUNT, s + 3, hn, &lang) : -1;
			if (key >= 0) {
				if (lang >= 0)
					sc.votes[lang]++;
				if (seen[key]++)
					doc_problem_add(d, li, DOC_NOTE, "a second “%s” section", doc_sec_name(key));
			} else if (hn > 0) {
				size_t tn = hn;
				const char *t = txt_trim(s + 3, &tn);
				const char *near = txt_heading_suggest(t, tn, NULL);
				if (near != NULL)
					doc_problem_add(d, li, DOC_NOTE, _("heading “%.*s” is not a known section; "
							"did you mean “%s”?"), (int)tn, t, near);
			}
			sec = doc_section_add(d);
			si = d->nsections - 1;
			sec->key = key;
			sec->heading = txt_dup_trim(s + (n - hn), hn);
			sec->line = li;
			sec->first = sec->end = li + 1;
			l->kind = DOC_K_HEADING;
			l->section = (int)si;
			continue;
		}
		int blank = txt_blank(s, n);
		if (in_header) {	/* the title and header block belong to no section */
			l->section = -1;
			if (blank) {
				l->kind = DOC_K_BLANK;
				continue;
			}
			int nospace;
			size_t voff = 0, ll = txt_split_label(s, n, &voff, &nospace);
			if (ll > 0) {
				txt_header(&sc, li, s, n, ll, voff);
				if (nospace)
					doc_problem_add(d, li, DOC_NOTE, "no space after “%.*s:”; "
							"read as a field all the same", (int)ll, s);
				continue;
			}
			if (headed) {
				doc_problem_add(d, li, DOC_NOTE, "not a “Label: value” header field; "
						"kept as text");
				continue;
			}
			/* Prose in a file without headings: it starts the
			 * preamble, a section without a heading. */
			in_header = 0;
			sec = doc_section_add(d);
			si = d->nsections - 1;
			sec->first = li;
		}
		sec = &d->sections[si];	/* the array may have moved */
		sec->end = li + 1;
		l->section = (int)si;
		if (blank) {
			l->kind = DOC_K_BLANK;
			continue;
		}
		if (sec->key == DOC_SEC_AGENDA && txt_agenda(&sc, li, s, n)) {
			l->kind = DOC_K_AGENDA;
			continue;
		}
		if (sec->key == DOC_SEC_RECOMMENDATIONS) {
			size_t b = txt_bullet(s, n);
			if (b > 0) {
				l->kind = DOC_K_REC;
				txt_rec(&sc, li, s + b, n - b);
				continue;
			}
		}
	}

	if (d->title == NULL)
		doc_problem_add(d, 0, DOC_NOTE, "no title: the first line does not start with “# ”");
	txt_detect_language(&sc);

	const struct doc_field *date = doc_field_get(d, DOC_KEY_DATE);
	if (date != NULL && date->value[0] != '\0') {
		struct date_value v;
		if (date_read(date->value, strlen(date->value), doc_language(d), &v) == 0) {
			d->date_iso = xstrdup(v.iso);
			d->date_end_iso = v.end_iso[0] != '\0' ? xstrdup(v.end_iso) : NULL;
			d->calendar = v.cal;
		} else {
			doc_problem_add(d, date->line, DOC_NOTE,
					"date “%s” is not a date mahdar can read; kept as written", date->value);
		}
	}
	/* Due dates are read once the language is known: it decides the
	 * calendar of a year like 1403. */
	for (size_t i = 0; i < d->nrecs; i++) {
		struct doc_rec *r = &d->recs[i];
		char iso[11];
		int cal;
		if (r->due == NULL)
			continue;
		if (date_parse(r->due, strlen(r->due), doc_language(d), iso, &cal) == 0)
			r->due_iso = xstrdup(iso);
		else
			doc_problem_add(d, r->line, DOC_NOTE,
					"due date “%s” is not a date mahdar can read; kept as written", r->due);
	}
}

/* ------------------------------------------------------------ new documents */

struct doc *txt_skeleton(int lang, const char *date_text)
{
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	struct doc *d = doc_new();
	struct buf b = BUF_INIT;
#define TXT_LINE(...) do { buf_clear(&b); buf_printf(&b, __VA_ARGS__); \
		doc_line_insert(d, d->nlines, b.s, b.len, DOC_EOL_LF); } while (0)
	TXT_LINE("# %s", txt_titles[lang]);
	TXT_LINE("%s: %s", txt_label(DOC_KEY_DATE, lang), date_text);
	static const int header[] = { DOC_KEY_TIME, DOC_KEY_PLACE, DOC_KEY_CHAIR, DOC_KEY_SECRETARY,
				      DOC_KEY_PRESENT, DOC_KEY_APOLOGIES };
	for (size_t i = 0; i < UTIL_ARRAY_LEN(header); i++)
		TXT_LINE("%s:", txt_label(header[i], lang));
	/* A body line under every heading, the last one too: text typed at
	 * the end of the document must not join the closing heading. */
	TXT_LINE("%s", "");
	for (int s = 0; s < DOC_SEC_COUNT; s++) {
		TXT_LINE("## %s", txt_heading(s, lang));
		TXT_LINE("%s", "");
	}
#undef TXT_LINE
	buf_free(&b);
	d->lang = lang;
	txt_analyse(d);
	d->modified = 0;
	return d;
}
