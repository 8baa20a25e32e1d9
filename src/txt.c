/* txt: the plain-text minutes format (FORMAT.md section 1).
 *
 * Data model: the file is split into struct doc_line records that keep the
 * exact bytes and each line's own terminator ("\n", "\r\n" or none for a
 * last line without one), so txt_write() of an unedited document gives the
 * original bytes whatever they were — invalid UTF-8, NULs, stray CRs.
 *
 * Files: txt.c (names, reading, writing, skeletons), txt-analyse.c (the
 * walk over the lines), txt-items.c (agenda items, recommendations, people).
 *
 * txt_analyse() is a single forward pass over the lines that classifies
 * each one (title, header field, heading, agenda item, recommendation, free
 * text) and fills the derived structure of struct doc.  It never changes a
 * line's bytes.  Labels and headings are matched through fold.c, which
 * ignores what typists vary without meaning to (Latin case, Arabic vs
 * Persian yeh and kaf, alef and hamza forms, tatweel, harakat, ZWNJ, ASCII
 * vs Hebrew gershayim). */
#include "txt-int.h"

#include "mahdar/buf.h"
#include "mahdar/date.h"
#include "mahdar/fold.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TXT_MAX_ALIASES 3

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

int txt_is_space(uint32_t c)
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

char *txt_dup_trim(const char *s, size_t n)
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
int txt_starts(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);
	return n >= p && memcmp(s, prefix, p) == 0;
}

/* Find "label: value": the first ASCII or full-width colon followed by a
 * space or the end of the line, with a plausible label before it.  Returns
 * the label length and sets *value to the offset of the value, or 0.
 * "Time:10:00" — no space — is a label only when it names a known one
 * (then *nospace is set), because "10:00" or "http://x" must stay text. */
size_t txt_split_label(const char *s, size_t n, size_t *value, int *nospace)
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

char *txt_write(const struct doc *d, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t total = 0;
	for (size_t i = 0; i < d->nlines; i++)
		total += d->lines[i].len + 2;
	buf_reserve(&b, total);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		buf_append(&b, doc_line_str(d, l), l->len);
		if (l->eol == DOC_EOL_LF)
			buf_putc(&b, '\n');
		else if (l->eol == DOC_EOL_CRLF)
			buf_append(&b, "\r\n", 2);
	}
	return buf_steal(&b, len);
}

/* txt_write_to()'s pieces. */
#define TXT_WRITE_PIECE ((size_t)1 << 20)

size_t txt_write_to(const struct doc *d, int (*emit)(const char *bytes, size_t n, void *ctx), void *ctx)
{
	struct buf b = BUF_INIT;
	buf_reserve(&b, TXT_WRITE_PIECE + 2);
	size_t total = 0;
	int r = 0;
	for (size_t i = 0; i < d->nlines && r == 0; i++) {
		const struct doc_line *l = &d->lines[i];
		if (b.len > 0 && b.len + l->len + 2 > TXT_WRITE_PIECE) {
			r = emit(b.s, b.len, ctx);
			total += b.len;
			buf_clear(&b);
		}
		if (r == 0 && l->len + 2 > TXT_WRITE_PIECE) {	/* a line longer than a piece */
			r = emit(doc_line_str(d, l), l->len, ctx);
			total += l->len;
		} else {
			buf_append(&b, doc_line_str(d, l), l->len);
		}
		if (l->eol == DOC_EOL_LF)
			buf_putc(&b, '\n');
		else if (l->eol == DOC_EOL_CRLF)
			buf_append(&b, "\r\n", 2);
	}
	if (r == 0 && b.len > 0) {
		r = emit(b.s, b.len, ctx);
		total += b.len;
	}
	buf_free(&b);
	return r == 0 ? total : (size_t)-1;
}


int txt_lookup_label(const char *s, size_t n, int *lang)
{
	return txt_lookup(txt_labels, DOC_KEY_COUNT, s, n, lang);
}

int txt_lookup_heading(const char *s, size_t n, int *lang)
{
	return txt_lookup(txt_headings, DOC_SEC_COUNT, s, n, lang);
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
