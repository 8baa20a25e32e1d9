/* doc: the minutes document model.
 *
 * Data model: d->lines is an array of 16-byte records, by value; inserting
 * or deleting a line moves the records after it (a view keys its layout
 * cache by a line's stamp, unique per version of its bytes, not by its
 * address).  The derived structure (fields, sections, items) is plain
 * arrays rebuilt by txt_analyse(); the item data that must survive an edit
 * is in d->attrs, moved with its line. */
#include "mahdar/doc.h"
#include "mahdar/util.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct doc *doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof *d);
	d->lang = DOC_LANG_NONE;
	d->lang_detected = DOC_LANG_NONE;
	for (int i = 0; i < DOC_ATT_COUNT; i++)
		d->att[i].line = (size_t)-1;
	d->title_line = (size_t)-1;
	return d;
}

void doc_attr_free(struct doc_attr *a)
{
	if (a == NULL)
		return;
	free(a->id);
	free(a->from);
	free(a->stamp);
	free(a);
}

struct doc_attr *doc_attr_dup(const struct doc_attr *a)
{
	if (a == NULL)
		return NULL;
	struct doc_attr *c = xcalloc(1, sizeof *c);
	c->id = a->id != NULL ? xstrdup(a->id) : NULL;
	c->status = a->status;
	c->from = a->from != NULL ? xstrdup(a->from) : NULL;
	c->stamp = a->stamp != NULL ? xstrdup(a->stamp) : NULL;
	return c;
}

/* The size of the buffer of its own that a line of len bytes has: a power
 * of two (no field keeps it: it follows from the length). */
static size_t doc_line_cap(size_t len)
{
	size_t cap = 16;
	while (cap <= len)
		cap *= 2;
	return cap;
}

/* Because a line's length is 32 bits, a longer one is like an allocation
 * that fails: the editor writes its recovery journal (the document as it
 * was before) and mahdar stops with a message. */
static void doc_check_len(size_t len)
{
	if (len > DOC_LINE_MAX)
		util_too_large(_("a line of more than 4 GiB"), len);
}

/* A slot in d->own for buf: a free one, or a new one. */
static uint32_t doc_own_put(struct doc *d, char *buf)
{
	size_t k;
	if (d->nown_free > 0) {
		k = d->own_free[--d->nown_free];
	} else {
		if (d->nown >= DOC_LINE_OWN)
			util_too_large(_("more than 2 billion changed lines"), d->nown);
		d->own = xgrow(d->own, &d->own_cap, d->nown + 1, sizeof *d->own);
		k = d->nown++;
	}
	d->own[k] = buf;
	return (uint32_t)k | DOC_LINE_OWN;
}

/* Free line l's bytes when they are its own. */
static void doc_line_free(struct doc *d, struct doc_line *l)
{
	if (!(l->at & DOC_LINE_OWN))
		return;
	size_t k = l->at & ~DOC_LINE_OWN;
	free(d->own[k]);
	d->own[k] = NULL;
	d->own_free = xgrow(d->own_free, &d->own_free_cap, d->nown_free + 1, sizeof *d->own_free);
	d->own_free[d->nown_free++] = (uint32_t)k;
}

/* The first entry of d->attrs at line i or after. */
static size_t doc_attr_find(const struct doc *d, size_t i)
{
	size_t lo = 0, hi = d->nattrs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->attrs[mid].line < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct doc_attr *doc_attr_of(const struct doc *d, size_t i)
{
	size_t k = doc_attr_find(d, i);
	return k < d->nattrs && d->attrs[k].line == i ? d->attrs[k].a : NULL;
}

/* Take entry k out of d->attrs (its data stays the caller's). */
static void doc_attr_drop(struct doc *d, size_t k)
{
	memmove(d->attrs + k, d->attrs + k + 1, (d->nattrs - k - 1) * sizeof *d->attrs);
	d->nattrs--;
}

/* Move the entries of lines at and after at by shift (a line inserted: +1;
 * deleted: -1, its own entry freed). */
static void doc_attr_shift(struct doc *d, size_t at, int shift)
{
	size_t k = doc_attr_find(d, at);
	if (shift < 0 && k < d->nattrs && d->attrs[k].line == at) {
		doc_attr_free(d->attrs[k].a);
		doc_attr_drop(d, k);
	}
	for (; k < d->nattrs; k++)
		d->attrs[k].line += (size_t)(ptrdiff_t)shift;
}

int doc_line_section(const struct doc *d, size_t i)
{
	size_t lo = 0, hi = d->nsections;	/* the sections starting at or before i: [0, lo) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct doc_section *s = &d->sections[mid];
		size_t start = s->line != (size_t)-1 ? s->line : s->first;
		if (start <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && i < d->sections[lo - 1].end ? (int)(lo - 1) : -1;
}

void doc_structure_clear(struct doc *d)
{
	free(d->title);
	d->title = NULL;
	d->title_line = (size_t)-1;
	for (size_t i = 0; i < d->nfields; i++) {
		free(d->fields[i].label);
		free(d->fields[i].value);
	}
	d->nfields = 0;
	for (int a = 0; a < DOC_ATT_COUNT; a++) {
		for (size_t i = 0; i < d->att[a].n; i++) {
			free(d->att[a].v[i].name);
			free(d->att[a].v[i].role);
		}
		d->att[a].n = 0;
		d->att[a].line = (size_t)-1;
	}
	for (size_t i = 0; i < d->nsections; i++)
		free(d->sections[i].heading);
	d->nsections = 0;
	for (size_t i = 0; i < d->nagenda; i++) {
		free(d->agenda[i].number_text);
		free(d->agenda[i].text);
	}
	d->nagenda = 0;
	for (size_t i = 0; i < d->nrecs; i++) {
		free(d->recs[i].text);
		free(d->recs[i].owner);
		free(d->recs[i].due);
		free(d->recs[i].due_iso);
	}
	d->nrecs = 0;
	for (size_t i = 0; i < d->nproblems; i++)
		free(d->problems[i].msg);
	d->nproblems = 0;
	free(d->date_iso);
	d->date_iso = NULL;
	free(d->date_end_iso);
	d->date_end_iso = NULL;
	d->calendar = DOC_CAL_GREGORIAN;
	d->lang_detected = DOC_LANG_NONE;
	d->dir_detected = DOC_DIR_LTR;
}

void doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	doc_structure_clear(d);
	for (size_t i = 0; i < d->nown; i++)
		free(d->own[i]);
	free(d->own);
	free(d->own_free);
	for (size_t k = 0; k < d->nattrs; k++)
		doc_attr_free(d->attrs[k].a);
	free(d->attrs);
	free(d->lines);
	free(d->fields);
	for (int a = 0; a < DOC_ATT_COUNT; a++)
		free(d->att[a].v);
	free(d->sections);
	free(d->agenda);
	free(d->recs);
	free(d->problems);
	free(d->approved_on);
	free(d->approved_by);
	doc_amends_clear(d);
	free(d->amends);
	free(d->created);
	free(d->modified_at);
	free(d->side_kept);
	free(d->arena);
	free(d);
}

void doc_mark_clear(struct doc *d)
{
	d->marked = 0;
	d->mark_lo = d->mark_hi = 0;
}

/* Widen the marked range over a change at line at: shift +1 an insertion
 * there, -1 a deletion, 0 a change of the line. */
static void doc_mark(struct doc *d, size_t at, int shift)
{
	if (!d->marked) {
		d->marked = 1;
		d->mark_lo = at;
		d->mark_hi = shift < 0 ? at : at + 1;
		return;
	}
	if (shift > 0 && d->mark_hi >= at)
		d->mark_hi++;
	else if (shift < 0 && d->mark_hi > at)
		d->mark_hi--;
	if (at < d->mark_lo)
		d->mark_lo = at;
	size_t end = shift < 0 ? at : at + 1;
	if (d->mark_hi < end)
		d->mark_hi = end;
}

static void doc_touch(struct doc *d)
{
	d->gen++;
	d->modified = 1;
	d->stale = 1;
}

struct doc_line *doc_line_insert(struct doc *d, size_t at, const char *s, size_t len, int eol)
{
	if (at > d->nlines)
		at = d->nlines;
	doc_check_len(len);
	char *own = xmalloc(doc_line_cap(len));
	if (len)
		memcpy(own, s, len);
	own[len] = '\0';
	d->lines = xgrow(d->lines, &d->cap, d->nlines + 1, sizeof *d->lines);
	memmove(d->lines + at + 1, d->lines + at, (d->nlines - at) * sizeof *d->lines);
	struct doc_line *l = &d->lines[at];
	memset(l, 0, sizeof *l);
	l->at = doc_own_put(d, own);
	l->len = (uint32_t)len;
	l->eol = (unsigned)eol & 3;
	d->nlines++;
	doc_attr_shift(d, at, 1);
	doc_touch(d);
	doc_mark(d, at, 1);
	l->stamp = d->gen;
	return l;
}

/* Lines of arena[0..len) (arena[len] == '\0'), which d takes: each
 * terminator's first byte becomes its line's NUL. */
static void doc_lines_split(struct doc *d, char *arena, size_t len)
{
	size_t n = 0;
	for (const char *p = arena, *end = arena + len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl != NULL ? nl + 1 : end;
	}
	d->arena = arena;
	d->arena_len = len;
	/* Exactly n records when the doc had none (no growth's slack). */
	if (d->cap < d->nlines + n) {
		d->cap = d->nlines + n;
		d->lines = xrealloc(d->lines, d->cap * sizeof *d->lines);
	}
	doc_touch(d);
	char *a = arena, *end = arena + len;
	for (size_t k = 0; k < n; k++) {
		struct doc_line *l = &d->lines[d->nlines++];
		memset(l, 0, sizeof *l);
		char *nl = memchr(a, '\n', (size_t)(end - a));
		char *stop = nl != NULL ? nl : end;
		l->eol = nl != NULL ? DOC_EOL_LF : DOC_EOL_NONE;
		if (nl != NULL && stop > a && stop[-1] == '\r')
			l->eol = DOC_EOL_CRLF, stop--;
		*stop = '\0';
		doc_check_len((size_t)(stop - a));
		l->at = (uint32_t)(a - arena);	/* (FIO_MAX_SIZE < DOC_LINE_OWN) */
		l->len = (uint32_t)(stop - a);
		l->stamp = ++d->gen;	/* every line its own */
		a = nl != NULL ? nl + 1 : end;
	}
	/* Appended: new lines for the recovery journal's marked range. */
	if (n > 0) {
		if (!d->marked || d->nlines - n < d->mark_lo)
			d->mark_lo = d->nlines - n;
		d->marked = 1;
		d->mark_hi = d->nlines;
	}
}

void doc_lines_adopt(struct doc *d, char *bytes, size_t len)
{
	if (len == 0 || len >= DOC_LINE_OWN || d->arena != NULL) {
		doc_lines_load(d, bytes, len);
		free(bytes);
		return;
	}
	bytes[len] = '\0';
	doc_lines_split(d, bytes, len);
}

void doc_lines_load(struct doc *d, const char *bytes, size_t len)
{
	if (len == 0)
		return;
	/* A doc has one arena (txt_read loads once); later loads make lines
	 * of their own, which nothing needs to be fast. */
	if (d->arena != NULL || len >= DOC_LINE_OWN) {
		for (size_t start = 0; start < len;) {
			const char *nl = memchr(bytes + start, '\n', len - start);
			size_t end = nl != NULL ? (size_t)(nl - bytes) : len, body = end;
			int eol = nl == NULL ? DOC_EOL_NONE : DOC_EOL_LF;
			if (nl != NULL && end > start && bytes[end - 1] == '\r')
				eol = DOC_EOL_CRLF, body--;
			doc_line_insert(d, d->nlines, bytes + start, body - start, eol);
			start = end + 1;
		}
		return;
	}
	/* One more byte for the NUL of a last line without a terminator. */
	char *arena = xmalloc(len + 1);
	memcpy(arena, bytes, len);
	arena[len] = '\0';
	doc_lines_split(d, arena, len);
}

void doc_line_delete(struct doc *d, size_t at)
{
	if (at >= d->nlines)
		return;
	doc_line_free(d, &d->lines[at]);
	memmove(d->lines + at, d->lines + at + 1, (d->nlines - at - 1) * sizeof *d->lines);
	d->nlines--;
	doc_attr_shift(d, at, -1);
	doc_touch(d);
	doc_mark(d, at, -1);
}

void doc_line_splice(struct doc *d, size_t i, size_t off, size_t del, const char *s, size_t len)
{
	if (i >= d->nlines)
		return;
	struct doc_line *l = &d->lines[i];
	if (off > l->len)
		off = l->len;
	if (del > l->len - off)
		del = l->len - off;
	doc_check_len(len);
	size_t nlen = l->len - del + len;
	doc_check_len(nlen);
	char *b;
	if (!(l->at & DOC_LINE_OWN)) {	/* the line gets bytes of its own */
		b = xmalloc(doc_line_cap(nlen > l->len ? nlen : l->len));
		memcpy(b, d->arena + l->at, (size_t)l->len + 1);
		l->at = doc_own_put(d, b);
	} else {
		char **own = &d->own[l->at & ~DOC_LINE_OWN];
		/* (A buffer is at least doc_line_cap(len): it grows, never shrinks.) */
		if (doc_line_cap(nlen) > doc_line_cap(l->len))
			*own = xrealloc(*own, doc_line_cap(nlen));
		b = *own;
	}
	memmove(b + off + len, b + off + del, l->len - off - del);
	if (len)
		memcpy(b + off, s, len);
	l->len = (uint32_t)nlen;
	b[nlen] = '\0';
	l->scanned = 0;
	doc_touch(d);
	doc_mark(d, i, 0);
	d->replaced_stamp = l->stamp;
	l->stamp = d->gen;
	d->replacing_stamp = l->stamp;
}

void doc_line_set(struct doc *d, size_t i, const char *s, size_t len)
{
	if (i < d->nlines)
		doc_line_splice(d, i, 0, d->lines[i].len, s, len);
}

void doc_line_set_eol(struct doc *d, size_t i, int eol)
{
	if (i >= d->nlines || d->lines[i].eol == eol)
		return;
	d->lines[i].eol = (unsigned)eol & 3;
	doc_touch(d);
	doc_mark(d, i, 0);
}

struct doc_attr *doc_attr_set(struct doc *d, size_t i, struct doc_attr *a)
{
	size_t k = doc_attr_find(d, i);
	struct doc_attr *old = NULL;
	if (k < d->nattrs && d->attrs[k].line == i) {
		old = d->attrs[k].a;
		if (a != NULL)
			d->attrs[k].a = a;
		else
			doc_attr_drop(d, k);
	} else if (a != NULL) {
		d->attrs = xgrow(d->attrs, &d->attrs_cap, d->nattrs + 1, sizeof *d->attrs);
		memmove(d->attrs + k + 1, d->attrs + k, (d->nattrs - k) * sizeof *d->attrs);
		d->attrs[k] = (struct doc_attr_at){.line = i, .a = a};
		d->nattrs++;
	}
	return old;
}

struct doc_attr *doc_line_attr_swap(struct doc *d, size_t i, struct doc_attr *a)
{
	struct doc_attr *old = doc_attr_set(d, i, a);
	doc_touch(d);
	d->attrs_changed = 1;
	return old;
}

struct doc_attr *doc_line_attr(struct doc *d, size_t i)
{
	struct doc_attr *a = doc_attr_of(d, i);
	if (a == NULL)
		doc_attr_set(d, i, a = xcalloc(1, sizeof *a));
	return a;
}

int doc_eol_default(const struct doc *d)
{
	size_t lf = 0, crlf = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		if (d->lines[i].eol == DOC_EOL_LF)
			lf++;
		else if (d->lines[i].eol == DOC_EOL_CRLF)
			crlf++;
	}
	return crlf > lf ? DOC_EOL_CRLF : DOC_EOL_LF;
}

/* The mark of prefix, or NULL for a prefix that is not an item's. */
static unsigned long *doc_id_slot(struct doc *d, char prefix)
{
	return prefix == 'a' ? &d->id_mark_a : prefix == 'r' ? &d->id_mark_r : NULL;
}

unsigned long doc_id_mark(const struct doc *d, char prefix)
{
	return prefix == 'a' ? d->id_mark_a : prefix == 'r' ? d->id_mark_r : 0;
}

/* Because counting on from a number this high could overflow (here or in
 * the sidecar's "next_ids"), such numbers (only a hand-edited sidecar has
 * them) do not raise the mark. */
#define DOC_ID_MAX (ULONG_MAX / 4)

void doc_id_reserve(struct doc *d, char prefix, unsigned long n)
{
	unsigned long *mark = doc_id_slot(d, prefix);
	if (mark != NULL && n <= DOC_ID_MAX && n > *mark)
		*mark = n;
}

void doc_id_note(struct doc *d, const char *id)
{
	if (id == NULL || id[0] == '\0' || id[1] < '0' || id[1] > '9')
		return;
	char *end;
	errno = 0;
	unsigned long n = strtoul(id + 1, &end, 10);
	if (*end == '\0' && errno == 0)
		doc_id_reserve(d, id[0], n);
}

char *doc_id_new(struct doc *d, char prefix)
{
	unsigned long *mark = doc_id_slot(d, prefix);
	return xasprintf("%c%lu", prefix, mark != NULL ? ++*mark : 1);
}

size_t doc_find_id(const struct doc *d, const char *id)
{
	for (size_t k = 0; k < d->nattrs; k++) {
		const struct doc_attr *a = d->attrs[k].a;
		if (a->id != NULL && strcmp(a->id, id) == 0)
			return d->attrs[k].line;
	}
	return (size_t)-1;
}

int doc_language(const struct doc *d)
{
	return d->lang != DOC_LANG_NONE ? d->lang : d->lang_detected;
}

#define DOC_PUSH(arr, n, cap) \
	((arr) = xgrow((arr), &(cap), (n) + 1, sizeof *(arr)), \
	 memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

struct doc_field *doc_field_add(struct doc *d)
{
	struct doc_field *f = DOC_PUSH(d->fields, d->nfields, d->fields_cap);
	f->key = DOC_KEY_NONE;
	return f;
}

struct doc_person *doc_person_add(struct doc_people *p)
{
	return DOC_PUSH(p->v, p->n, p->cap);
}

struct doc_section *doc_section_add(struct doc *d)
{
	struct doc_section *s = DOC_PUSH(d->sections, d->nsections, d->sections_cap);
	s->key = DOC_SEC_NONE;
	s->line = (size_t)-1;
	return s;
}

struct doc_agenda *doc_agenda_add(struct doc *d)
{
	return DOC_PUSH(d->agenda, d->nagenda, d->agenda_cap);
}

struct doc_rec *doc_rec_add(struct doc *d)
{
	return DOC_PUSH(d->recs, d->nrecs, d->recs_cap);
}

void doc_problem_add(struct doc *d, size_t line, int severity, const char *fmt, ...)
{
	struct doc_problem *p = DOC_PUSH(d->problems, d->nproblems, d->problems_cap);
	va_list ap;
	va_start(ap, fmt);
	p->msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->line = line;
	p->severity = severity;
}

const struct doc_field *doc_field_get(const struct doc *d, int key)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].key == key)
			return &d->fields[i];
	return NULL;
}

static const char *const doc_key_names[DOC_KEY_COUNT] = {
	"date", "time", "place", "chair", "secretary", "present", "apologies",
	"guests", "next", "owner", "due", "votes", "members",
};
static const char *const doc_sec_names[DOC_SEC_COUNT] = {
	"opening", "agenda", "discussion", "recommendations", "closing",
};
static const char *const doc_lang_codes[DOC_LANG_COUNT] = { "en", "ar", "fa", "he" };
static const char *const doc_status_names[] = { "open", "done", "dropped" };
static const char *const doc_att_names[DOC_ATT_COUNT] = { "present", "apologies", "guests" };

const char *doc_key_name(int key)
{
	return key >= 0 && key < DOC_KEY_COUNT ? doc_key_names[key] : NULL;
}

const char *doc_sec_name(int sec)
{
	return sec >= 0 && sec < DOC_SEC_COUNT ? doc_sec_names[sec] : NULL;
}

const char *doc_lang_code(int lang)
{
	return lang >= 0 && lang < DOC_LANG_COUNT ? doc_lang_codes[lang] : NULL;
}

int doc_lang_parse(const char *code)
{
	for (int i = 0; i < DOC_LANG_COUNT; i++)
		if (code != NULL && strcmp(code, doc_lang_codes[i]) == 0)
			return i;
	return DOC_LANG_NONE;
}

int doc_lang_rtl(int lang)
{
	return lang == DOC_LANG_AR || lang == DOC_LANG_FA || lang == DOC_LANG_HE;
}

const char *doc_status_name(int status)
{
	return status >= 0 && status <= DOC_ST_DROPPED ? doc_status_names[status] : "open";
}

int doc_status_parse(const char *s)
{
	for (int i = 0; i <= DOC_ST_DROPPED; i++)
		if (s != NULL && strcmp(s, doc_status_names[i]) == 0)
			return i;
	return -1;
}

const char *doc_att_name(int att)
{
	return att >= 0 && att < DOC_ATT_COUNT ? doc_att_names[att] : NULL;
}

const char *doc_cal_name(int cal)
{
	switch (cal) {
	case DOC_CAL_PERSIAN: return "persian";
	case DOC_CAL_ISLAMIC: return "islamic-civil";
	case DOC_CAL_HEBREW: return "hebrew";
	default: return NULL;
	}
}

void doc_amend_add(struct doc *d, const char *on, const char *by, const char *reason)
{
	d->amends = xgrow(d->amends, &d->amends_cap, d->namends + 1, sizeof *d->amends);
	struct doc_amend *a = &d->amends[d->namends++];
	a->on = xstrdup(on != NULL ? on : "");
	a->by = by != NULL ? xstrdup(by) : NULL;
	a->reason = xstrdup(reason != NULL ? reason : "");
}

void doc_amends_clear(struct doc *d)
{
	for (size_t i = 0; i < d->namends; i++) {
		free(d->amends[i].on);
		free(d->amends[i].by);
		free(d->amends[i].reason);
	}
	d->namends = 0;
}
