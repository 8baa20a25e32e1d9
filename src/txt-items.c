/* txt-items.c: the parts of a line the format gives meaning to — agenda
 * items ("1. text" in any of the three digit systems), recommendations
 * ("- text — owner: …, due: …, votes: …", with the lenient separators),
 * and attendance lists ("name (role); name"). */
#include "txt-int.h"

#include "mahdar/buf.h"
#include "mahdar/date.h"
#include "mahdar/fold.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int txt_blank(const char *s, size_t n)
{
	txt_trim(s, &n);
	return n == 0;
}

/* Attendee list "A (role); B; C" into p. */
void txt_people(struct doc_people *p, const char *s, size_t n)
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

/* The segments of a details list "owner: X, due: Y" (split at ", " and
 * "،"): segs[k] = [start, end) offsets; returns how many (at most max). */
static size_t txt_meta_segments(const char *s, size_t n, size_t (*segs)[2], size_t max)
{
	size_t nseg = 0, i = 0, start = 0;
	while (i <= n && nseg < max) {
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
	return nseg;
}

/* Split "owner: X, due: Y" into r; returns 0 when s is such a list. */
static int txt_rec_meta(struct txt_scan *sc, size_t line, struct doc_rec *r, const char *s, size_t n)
{
	size_t segs[64][2];
	size_t nseg = txt_meta_segments(s, n, segs, UTIL_ARRAY_LEN(segs));
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
			txt_lookup_label(seg, ll, &lang);
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

void txt_rec(struct txt_scan *sc, size_t li, const char *s, size_t n)
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
int txt_agenda(struct txt_scan *sc, size_t li, const char *s, size_t n)
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

size_t txt_bullet(const char *s, size_t n)
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


int txt_rec_detail(const char *s, size_t n, int key, size_t *start, size_t *end)
{
	size_t seplen = 0, sep = txt_meta_sep(s, n, &seplen), segs[64][2];
	*start = *end = n;
	if (sep >= n)
		return -1;
	const char *m = s + sep + seplen;
	size_t mn = n - sep - seplen, nseg = txt_meta_segments(m, mn, segs, UTIL_ARRAY_LEN(segs));
	int found = 0, in = 0;
	for (size_t k = 0; k < nseg; k++) {
		size_t sn = segs[k][1] - segs[k][0], voff = 0;
		const char *seg = txt_trim(m + segs[k][0], &sn);
		int nospace;
		size_t ll = txt_split_label(seg, sn, &voff, &nospace);
		int kk = ll ? txt_label_key(seg, ll) : DOC_KEY_NONE;
		if (kk == DOC_KEY_OWNER || kk == DOC_KEY_DUE || kk == DOC_KEY_VOTES) {
			in = kk == key;
			if (in) {
				found = 1;
				*start = (size_t)(seg - s) + voff;
				*end = (size_t)(seg - s) + sn;
			}
		} else if (k == 0) {
			return -1;	/* not a details list */
		} else if (in) {	/* "owner: Ali, Omar": the comma was part of the value */
			*end = (size_t)(seg - s) + sn;
		}
	}
	if (found)
		return 1;
	const char *t = txt_trim(m, &mn);
	*start = *end = (size_t)(t - s) + mn;
	return 0;
}

