/* txt-analyse.c: txt_analyse(), one forward pass over the lines that
 * classifies each (title, header field, heading, agenda item,
 * recommendation, free text), counts letters per script for the language
 * guess, and fills the derived structure of struct doc. */
#include "txt-int.h"

#include "mahdar/buf.h"
#include "mahdar/date.h"
#include "mahdar/fold.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static void txt_header(struct txt_scan *sc, size_t li, const char *s, size_t n, size_t ll, size_t voff)
{
	struct doc *d = sc->d;
	int lang = DOC_LANG_NONE;
	int key = txt_lookup_label(s, ll, &lang);
	if (key == DOC_KEY_OWNER || key == DOC_KEY_DUE || key == DOC_KEY_VOTES)
		key = DOC_KEY_NONE;	/* item details, not header fields */
	if (key != DOC_KEY_NONE && lang >= 0)
		sc->votes[lang]++;
	struct doc_field *f = doc_field_add(d);
	f->key = key;
	f->label = txt_dup_trim(s, ll);
	f->value = txt_dup_trim(s + voff, n - voff);
	f->line = li;
	d->lines[li].kind = DOC_K_HEADER;
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

/* A line's letter counts are kept in its 24 bits of letters as two
 * (script: 2 bits, count: 10 bits) pairs: the scripts a line has letters
 * of, at most two, and at most 1,023 each (else the line is scanned again
 * next time).  Returns whether count[1..4] fitted. */
static int txt_letters_pack(struct doc_line *l, const size_t *count)
{
	unsigned v = 0, pairs = 0;
	for (unsigned k = 0; k < 4; k++) {
		if (count[k + 1] == 0)
			continue;
		if (pairs == 2 || count[k + 1] > 1023)
			return 0;
		v |= (k | (unsigned)count[k + 1] << 2) << (12 * pairs++);
	}
	l->letters = v;
	return 1;
}

/* count[1..4] from a line's letters (count[0] untouched). */
static void txt_letters_unpack(const struct doc_line *l, size_t *count)
{
	for (int k = 1; k <= 4; k++)
		count[k] = 0;
	for (unsigned pair = 0; pair < 2; pair++) {
		unsigned p = (unsigned)l->letters >> (12 * pair) & 0xFFF;
		count[(p & 3) + 1] += p >> 2;
	}
}

/* For every code point below U+0800 (which one or two bytes encode), what
 * its letter adds to a line's counts: 1 in the 16-bit lane of its script
 * (lane k for script k, txt_script_of()), 0 for no letter.  Counting in
 * one register, not in an array indexed by script, spares each byte a
 * store and a load of the same counter.  Filled on first use. */
static uint64_t txt_script_tab[0x800];
static int txt_script_tab_ready;

/* Add the lanes of acc to count[1..4] and clear it. */
static void txt_lanes_flush(uint64_t *acc, size_t *count)
{
	for (int k = 0; k < 4; k++)
		count[k + 1] += (size_t)(*acc >> (16 * k) & 0xFFFF);
	*acc = 0;
}

/* One pass over line li's bytes: count the strong letters of each script
 * (for the language guess) and report the first invalid UTF-8 byte and any
 * NUL byte.  ASCII and two-byte sequences (Latin, Arabic, Hebrew: nearly
 * every byte of a minutes file) are read here, their script looked up in a
 * table; only the rest is decoded. */
static void txt_scan_line(struct txt_scan *sc, size_t li)
{
	if (!txt_script_tab_ready) {
		for (uint32_t c = 0; c < 0x800; c++) {
			int k = txt_script_of(c);
			txt_script_tab[c] = k >= 0 ? (uint64_t)1 << (16 * k) : 0;
		}
		txt_script_tab_ready = 1;
	}
	struct doc_line *l = &sc->d->lines[li];
	size_t count[5] = {0};	/* count[k + 1]: script k */
	if (l->scanned) {	/* unchanged since the last analysis */
		txt_letters_unpack(l, count);
		txt_add_letters(sc, count);
		return;
	}
	const unsigned char *u = (const unsigned char *)doc_line_str(sc->d, l);
	size_t n = l->len, bad = n;
	unsigned nul = 0;
	uint64_t acc = 0;	/* lanes of 16 bits: flushed before one can fill */
	for (size_t i = 0; i < n;) {
		/* A stretch of about 0xFFF0 bytes (its last step may pass its
		 * end by three): no lane fills within it. */
		size_t stop = n - i > 0xFFF0 ? i + 0xFFF0 : n;
		while (i < stop) {
			unsigned char b = u[i];
			if (b < 0x80) {
				acc += txt_script_tab[b];
				nul |= b == 0;
				i++;
				continue;
			}
			/* (u[n] is the line's NUL: no continuation byte.) */
			if (b >= 0xC2 && b <= 0xDF && (u[i + 1] & 0xC0) == 0x80) {
				acc += txt_script_tab[((b & 0x1F) << 6) | (u[i + 1] & 0x3F)];
				i += 2;
				continue;
			}
			uint32_t c;
			i += ustr_decode((const char *)u + i, n - i, &c);
			if (c == USTR_INVALID) {
				if (bad == n)
					bad = i - 1;
				continue;
			}
			count[txt_script_of(c) + 1]++;
		}
		txt_lanes_flush(&acc, count);
	}
	txt_add_letters(sc, count);
	l->invalid = bad < n;
	/* Kept for the next analysis (an edit elsewhere), when they fit. */
	l->scanned = bad == n && !nul && txt_letters_pack(l, count);
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
	for (size_t k = 0; k < d->nattrs; k++)
		doc_id_note(d, d->attrs[k].a->id);
}

/* Which known heading s[0..n) (the text after "## ") is, in *lang its
 * alias's language, and when none the one it nearly is (or NULL):
 * remembered for the rest of the analysis. */
static const struct txt_head_memo *txt_heading_of(struct txt_scan *sc, const char *s, size_t n)
{
	for (size_t i = 0; i < sc->nheads; i++)
		if (sc->heads[i].n == n && memcmp(sc->heads[i].s, s, n) == 0)
			return &sc->heads[i];
	struct txt_head_memo m = { .s = s, .n = n, .key = -1, .lang = DOC_LANG_NONE };
	m.key = n ? txt_lookup_heading(s, n, &m.lang) : -1;
	if (m.key < 0 && n > 0) {
		size_t tn = n;
		const char *t = txt_trim(s, &tn);
		m.near = txt_heading_suggest(t, tn, NULL);
	}
	struct txt_head_memo *slot = &sc->heads[sc->nheads < TXT_HEAD_MEMO ? sc->nheads++ : TXT_HEAD_MEMO - 1];
	*slot = m;
	return slot;
}

/* A "## " line: a new section, known or not (a near miss is noted). */
static void txt_heading_line(struct txt_scan *sc, size_t li, const char *s, size_t n)
{
	struct doc *d = sc->d;
	sc->in_header = 0;
	size_t hn = n > 3 ? n - 3 : 0;
	const struct txt_head_memo *h = txt_heading_of(sc, s + 3, hn);
	int key = h->key;
	if (key >= 0) {
		if (h->lang >= 0)
			sc->votes[h->lang]++;
		if (sc->seen[key]++)
			doc_problem_add(d, li, DOC_NOTE, "a second “%s” section", doc_sec_name(key));
	} else if (h->near != NULL) {
		size_t tn = hn;
		const char *t = txt_trim(s + 3, &tn);
		doc_problem_add(d, li, DOC_NOTE, _("heading “%.*s” is not a known section; "
				"did you mean “%s”?"), (int)tn, t, h->near);
	}
	struct doc_section *sec = doc_section_add(d);
	sc->si = d->nsections - 1;
	sec->key = key;
	sec->heading = txt_dup_trim(s + (n - hn), hn);
	sec->line = li;
	sec->first = sec->end = li + 1;
	d->lines[li].kind = DOC_K_HEADING;
}

/* A line of the header block (before the first heading): a field, a blank,
 * or a stray line.  1 when the line is done with; 0 when it is the first
 * line of prose in a file without headings, which starts the preamble. */
static int txt_header_line(struct txt_scan *sc, size_t li, const char *s, size_t n, int blank)
{
	struct doc *d = sc->d;
	struct doc_line *l = &d->lines[li];
	if (blank) {
		l->kind = DOC_K_BLANK;
		return 1;
	}
	int nospace;
	size_t voff = 0, ll = txt_split_label(s, n, &voff, &nospace);
	if (ll > 0) {
		txt_header(sc, li, s, n, ll, voff);
		if (nospace)
			doc_problem_add(d, li, DOC_NOTE, "no space after “%.*s:”; "
					"read as a field all the same", (int)ll, s);
		return 1;
	}
	if (sc->headed) {
		doc_problem_add(d, li, DOC_NOTE, "not a “Label: value” header field; "
				"kept as text");
		return 1;
	}
	sc->in_header = 0;
	doc_section_add(d);
	sc->si = d->nsections - 1;
	d->sections[sc->si].first = li;
	return 0;
}

/* A line of a section's body: blank, an agenda item, a recommendation or text. */
static void txt_body_line(struct txt_scan *sc, size_t li, const char *s, size_t n, int blank)
{
	struct doc_line *l = &sc->d->lines[li];
	struct doc_section *sec = &sc->d->sections[sc->si];	/* the array may have moved */
	sec->end = li + 1;
	if (blank) {
		l->kind = DOC_K_BLANK;
		return;
	}
	if (sec->key == DOC_SEC_AGENDA && txt_agenda(sc, li, s, n)) {
		l->kind = DOC_K_AGENDA;
		return;
	}
	if (sec->key == DOC_SEC_RECOMMENDATIONS) {
		size_t b = txt_bullet(s, n);
		if (b > 0) {
			l->kind = DOC_K_REC;
			txt_rec(sc, li, s + b, n - b);
		}
	}
}

/* The meeting's date and the due dates, read once the language is known:
 * it decides the calendar of a year like 1403. */
static void txt_read_dates(struct doc *d)
{
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

void txt_analyse(struct doc *d)
{
	struct txt_scan sc = { .d = d, .in_header = 1, .si = (size_t)-1 };
	doc_structure_clear(d);
	txt_scan_ids(d);
	d->stale = 0;
	if (d->nlines == 0) {
		doc_problem_add(d, (size_t)-1, DOC_ERROR, "the file is empty: no minutes in it");
		txt_detect_language(&sc);
		return;
	}
	/* FORMAT: header lines run until the first "## ", and a stray line
	 * among them (a note, a typo) stays there as free text.  But a file
	 * with no heading at all is prose — the unstructured communiqué —
	 * and there the first line of prose ends the header block. */
	for (size_t li = 0; li < d->nlines && !sc.headed; li++)
		sc.headed = txt_is_heading(doc_line_text(d, li), d->lines[li].len);

	for (size_t li = 0; li < d->nlines; li++) {
		struct doc_line *l = &d->lines[li];
		const char *s = doc_line_str(d, l);
		size_t n = l->len;
		l->kind = DOC_K_FREE;
		txt_scan_line(&sc, li);
		int alone = txt_line_kind(s, n, li);
		if (li == 0 && txt_starts(s, n, "\xEF\xBB\xBF"))
			s += 3, n -= 3;	/* a byte order mark, kept in the bytes, skipped here */
		if (alone == DOC_K_TITLE) {
			l->kind = DOC_K_TITLE;
			d->title = n > 2 ? txt_dup_trim(s + 2, n - 2) : xstrdup("");
			d->title_line = 0;
			continue;
		}
		if (alone == DOC_K_HEADING) {
			txt_heading_line(&sc, li, s, n);
			continue;
		}
		int blank = txt_blank(s, n);
		if (sc.in_header && txt_header_line(&sc, li, s, n, blank))
			continue;
		txt_body_line(&sc, li, s, n, blank);
	}

	if (d->title == NULL)
		doc_problem_add(d, 0, DOC_NOTE, "no title: the first line does not start with “# ”");
	txt_detect_language(&sc);
	txt_read_dates(d);
}

