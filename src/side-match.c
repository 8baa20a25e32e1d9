/* side-match.c: after an outside edit, the sidecar's items are matched to
 * the text's by their text (equal after whitespace normalisation, then
 * similar enough: Dice coefficient over code-point bigrams, best pairs
 * first), ids are kept unique, and timestamps are placed on the lines they
 * stamped. */
#include "side-int.h"

#include <stdlib.h>
#include <string.h>
#include <limits.h>

/* Normalised copy of s[0..n): valid UTF-8, runs of white space one space,
 * none at the ends. */
char *side_norm(const char *s, size_t n)
{
	struct buf clean = BUF_INIT, out = BUF_INIT;
	side_sanitize(&clean, s, n);
	int space = 0;
	for (size_t i = 0; i < clean.len;) {
		uint32_t c;
		size_t k = ustr_decode(clean.s + i, clean.len - i, &c);
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x202F) {
			space = 1;
		} else {
			if (space && out.len > 0)
				buf_putc(&out, ' ');
			space = 0;
			buf_append(&out, clean.s + i, k);
		}
		i += k;
	}
	buf_free(&clean);
	buf_putc(&out, '\0');
	out.len--;
	return buf_steal(&out, NULL);
}

static int side_u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

void side_item_init(struct side_item *it, const char *text, size_t n, const char *owner)
{
	memset(it, 0, sizeof *it);
	it->norm = side_norm(text, n);
	it->owner = owner != NULL ? side_norm(owner, strlen(owner)) : NULL;
	it->match = SIDE_NO_MATCH;
	size_t len = strlen(it->norm), cap = 0;
	uint32_t prev = 0;
	int have = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += ustr_decode(it->norm + i, len - i, &c);
		if (have) {
			it->bigrams = xgrow(it->bigrams, &cap, it->nbigrams + 1, sizeof *it->bigrams);
			it->bigrams[it->nbigrams++] = (uint64_t)prev << 32 | c;
		}
		prev = c;
		have = 1;
	}
	if (it->nbigrams > 1)
		qsort(it->bigrams, it->nbigrams, sizeof *it->bigrams, side_u64_cmp);
}

void side_items_free(struct side_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].norm);
		free(v[i].owner);
		free(v[i].bigrams);
	}
	free(v);
}

/* Dice coefficient of two items' bigram multisets, 0..1. */
static double side_similarity(const struct side_item *a, const struct side_item *b)
{
	if (a->nbigrams == 0 || b->nbigrams == 0)
		return 0;
	size_t i = 0, j = 0, common = 0;
	while (i < a->nbigrams && j < b->nbigrams) {
		if (a->bigrams[i] == b->bigrams[j])
			common++, i++, j++;
		else if (a->bigrams[i] < b->bigrams[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(a->nbigrams + b->nbigrams);
}

static void side_pair(struct side_item *old, size_t i, struct side_item *nw, size_t j)
{
	old[i].match = j;
	nw[j].match = i;
}

struct side_cand {
	double score;
	size_t i, j;
};

static int side_cand_cmp(const void *a, const void *b)
{
	const struct side_cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	size_t dx = x->i > x->j ? x->i - x->j : x->j - x->i;
	size_t dy = y->i > y->j ? y->i - y->j : y->j - y->i;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Pair old items with new ones: by place when by_place (and the texts
 * agree), then equal texts, then the most similar pairs.  Because items
 * mostly keep their order, the search for an equal text starts after the
 * last match, and similarity is weighed only near an item's old place in
 * long lists, so that a long document does not cost n*n comparisons. */
void side_match(struct side_item *old, size_t nold, struct side_item *nw, size_t nnew, int by_place)
{
	if (by_place)
		for (size_t i = 0; i < nold && i < nnew; i++)
			if (strcmp(old[i].norm, nw[i].norm) == 0)
				side_pair(old, i, nw, i);
	size_t cursor = 0;
	for (size_t i = 0; i < nold && nnew > 0; i++) {
		if (old[i].match != SIDE_NO_MATCH) {
			cursor = old[i].match + 1;
			continue;
		}
		for (size_t k = 0; k < nnew; k++) {
			size_t j = (cursor + k) % nnew;
			if (nw[j].match == SIDE_NO_MATCH && strcmp(old[i].norm, nw[j].norm) == 0) {
				side_pair(old, i, nw, j);
				cursor = j + 1;
				break;
			}
		}
	}
	size_t window = nold * nnew <= SIDE_SIM_ALL_PAIRS ? SIZE_MAX : SIDE_SIM_WINDOW;
	struct side_cand *c = NULL;
	size_t nc = 0, cap = 0;
	for (size_t i = 0; i < nold; i++) {
		if (old[i].match != SIDE_NO_MATCH)
			continue;
		size_t from = window == SIZE_MAX || i < window ? 0 : i - window;
		size_t to = window == SIZE_MAX || nnew - i <= window ? nnew : i + window;
		for (size_t j = from; j < to && j < nnew; j++) {
			if (nw[j].match != SIDE_NO_MATCH)
				continue;
			int same_owner = old[i].owner != NULL && nw[j].owner != NULL &&
					 strcmp(old[i].owner, nw[j].owner) == 0;
			double s = side_similarity(&old[i], &nw[j]);
			if (s >= (same_owner ? SIDE_SIM_SAME_OWNER : SIDE_SIM_ANY)) {
				c = xgrow(c, &cap, nc + 1, sizeof *c);
				c[nc++] = (struct side_cand){ s, i, j };
			}
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof *c, side_cand_cmp);
	for (size_t k = 0; k < nc; k++)
		if (old[c[k].i].match == SIDE_NO_MATCH && nw[c[k].j].match == SIDE_NO_MATCH)
			side_pair(old, c[k].i, nw, c[k].j);
	free(c);
}


/* The sidecar's items of one list (array arr) as old items. */
struct side_item *side_old_items(json_t *arr, size_t *n)
{
	size_t cnt = json_is_array(arr) ? json_array_size(arr) : 0, k = 0;
	struct side_item *v = xcalloc(cnt + 1, sizeof *v);
	for (size_t i = 0; i < cnt; i++) {
		json_t *o = json_array_get(arr, i);
		json_t *text = json_object_get(o, "text");
		if (!json_is_object(o) || !json_is_string(text))
			continue;
		side_item_init(&v[k], json_string_value(text), json_string_length(text),
			       side_get_str(o, "owner"));
		v[k++].obj = o;
	}
	*n = k;
	return v;
}


static size_t side_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void side_ids_init(struct side_ids *ids, size_t n)
{
	ids->cap = 16;
	while (ids->cap < 2 * n + 2)
		ids->cap *= 2;
	ids->slot = xcalloc(ids->cap, sizeof *ids->slot);
}

/* Add id (not copied; must outlive the set); 0 if it was already there. */
int side_ids_add(struct side_ids *ids, const char *id)
{
	size_t i = side_hash(id) & (ids->cap - 1);
	while (ids->slot[i] != NULL) {
		if (strcmp(ids->slot[i], id) == 0)
			return 0;
		i = (i + 1) & (ids->cap - 1);
	}
	ids->slot[i] = id;
	return 1;
}


/* ---- timestamps after an outside edit
 *
 * A timestamp names its line by number, and the sidecar keeps no copy of
 * the old text, so after an outside edit the old line has to be worked
 * out.  The sidecar says how many lines each part of the old text had
 * (title and header fields, each section's heading and body), so the new
 * text tells how far the stamped section moved: by the sections added or
 * removed before it (with the blank lines that lead into them), the
 * header lines and body lines gained or lost.  The old section's text then
 * says what the stamped line read, and the stamp goes to the line of the
 * new section that reads the same, nearest to where it was.  Blank lines
 * that came or went between sections that are still there are not seen;
 * then the stamp may miss its line, which is reported, or land next to it. */

struct side_sec_span {
	const char *name;	/* key name or heading; NULL for the preamble */
	int heading;		/* has a heading line */
	size_t body;		/* body lines without trailing blanks */
	size_t start;		/* new: heading line, or first body line */
	size_t blanks;		/* new: blank lines just before start */
	size_t partner;		/* index in the other list, or SIDE_NO_MATCH */
	long moved;		/* old: lines more before it in the new text */
	size_t *offs;		/* old: where each body line starts in text, once needed */
	const json_t *obj;	/* old: the sidecar's section */
	const struct doc_section *sec;	/* new */
};

/* The sections of both texts, paired, for placing every stamp. */
struct side_spans {
	struct side_sec_span *ov, *nv;
	size_t no, nn;
};

static size_t side_count_lines(const char *text, size_t len)
{
	size_t n = len > 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n;
}


static int side_same_name(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* The old sections (from the sidecar) and the new ones (as side_write()
 * would write them), each old one paired with the first unpaired new one
 * of the same name, and how far each old one moved.  Free with
 * side_spans_free(). */
static void side_spans_init(struct side_spans *sp, const struct doc *d, const json_t *root)
{
	const json_t *sections = json_object_get(root, "sections"), *o;
	size_t k, no = 0, nn = 0;
	struct side_sec_span *ov = xcalloc(json_array_size(sections) + 1, sizeof *ov);
	struct side_sec_span *nv = xcalloc(d->nsections + 1, sizeof *nv);
	json_array_foreach(sections, k, o) {
		const char *key = side_get_str(o, "key"), *heading = side_get_str(o, "heading");
		const json_t *text = json_object_get(o, "text");
		ov[no] = (struct side_sec_span){
			.name = key != NULL ? key : heading, .heading = heading != NULL,
			.body = json_is_string(text) ? side_count_lines(json_string_value(text),
									json_string_length(text)) : 0,
			.partner = SIDE_NO_MATCH, .obj = o,
		};
		no++;
	}
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *x = &d->sections[s];
		if (!side_sec_written(d, x))
			continue;
		size_t start = x->heading != NULL ? x->line : x->first, blanks = 0;
		while (blanks < start && d->lines[start - blanks - 1].kind == DOC_K_BLANK)
			blanks++;
		nv[nn] = (struct side_sec_span){
			.name = x->key != DOC_SEC_NONE ? doc_sec_name(x->key) : x->heading,
			.heading = x->heading != NULL, .body = side_body_end(d, x) - x->first,
			.start = start, .blanks = blanks, .partner = SIDE_NO_MATCH, .sec = x,
		};
		nn++;
	}
	for (size_t i = 0; i < no; i++)
		for (size_t j = 0; j < nn && ov[i].partner == SIDE_NO_MATCH; j++)
			if (nv[j].partner == SIDE_NO_MATCH && side_same_name(ov[i].name, nv[j].name)) {
				ov[i].partner = j;
				nv[j].partner = i;
			}
	/* moved = header lines gained + for each new section before the
	 * partner: all its lines if it was added (with its lead-in), else its
	 * body lines gained − for each old section before: all its lines if it
	 * was removed (assuming one blank line led in). */
	long header = (long)side_new_header_lines(d) - (long)side_old_header_lines(root);
	long *before = xcalloc(nn + 1, sizeof *before);	/* new sections' part, prefix sums */
	for (size_t j = 0; j < nn; j++)
		before[j + 1] = before[j] + (nv[j].partner == SIDE_NO_MATCH
			? (long)(nv[j].blanks + (size_t)nv[j].heading + nv[j].body)
			: (long)nv[j].body - (long)ov[nv[j].partner].body);
	long removed = 0;
	for (size_t i = 0; i < no; i++) {
		if (ov[i].partner != SIDE_NO_MATCH)
			ov[i].moved = header + before[ov[i].partner] - removed;
		else
			removed += (long)(1 + (size_t)ov[i].heading + ov[i].body);
	}
	free(before);
	sp->ov = ov, sp->no = no, sp->nv = nv, sp->nn = nn;
}

static void side_spans_free(struct side_spans *sp)
{
	for (size_t i = 0; i < sp->no; i++)
		free(sp->ov[i].offs);
	free(sp->ov);
	free(sp->nv);
}

/* Normalised text of body line r of an old section. */
static char *side_old_line(struct side_sec_span *os, size_t r)
{
	const json_t *textj = json_object_get(os->obj, "text");
	const char *text = json_string_value(textj);
	size_t tlen = json_string_length(textj);
	if (os->offs == NULL) {
		os->offs = xmalloc((os->body + 1) * sizeof *os->offs);
		size_t n = 0;
		os->offs[n++] = 0;
		for (size_t i = 0; i < tlen && n < os->body; i++)
			if (text[i] == '\n')
				os->offs[n++] = i + 1;
		os->offs[os->body] = tlen + 1;
	}
	size_t a = os->offs[r], b = os->offs[r + 1] - 1;
	return side_norm(text + a, b - a);
}

/* Line index in d for a stamp on (1-based) line ln of section sec in the
 * old text, or -1. */
static long side_place_stamp(const struct doc *d, struct side_spans *sp, const char *sec, long ln)
{
	if (sec == NULL)
		return -1;	/* header lines: the sidecar does not keep their text */
	size_t t = 0;
	while (t < sp->no && !side_same_name(sp->ov[t].name, sec))
		t++;
	if (t == sp->no || sp->ov[t].partner == SIDE_NO_MATCH)
		return -1;
	struct side_sec_span *os = &sp->ov[t];
	const struct side_sec_span *ns = &sp->nv[os->partner];
	long r = (ln - 1) - ((long)ns->start - os->moved) - os->heading;	/* index in the old body */
	if (r == -1 && os->heading && ns->heading)
		return (long)ns->sec->line;
	if (r < 0 || (size_t)r >= os->body)
		return -1;
	char *want = side_old_line(os, (size_t)r);
	/* Look outward from where the line was, nearest first. */
	long best = -1;
	size_t lo = ns->sec->first, end = lo + ns->body, target = lo + (size_t)r;
	for (size_t dist = 0; best < 0 && want[0] != '\0'; dist++) {
		int below = dist <= target - lo, above = target + dist < end;
		if (!below && !above)
			break;
		size_t cand[2] = { target - dist, target + dist };
		int ok[2] = { below && target - dist < end, dist > 0 && above };
		for (int c = 0; c < 2 && best < 0; c++) {
			if (!ok[c])
				continue;
			char *have = side_norm(doc_line_text(d, cand[c]), d->lines[cand[c]].len);
			if (strcmp(have, want) == 0)
				best = (long)cand[c];
			free(have);
		}
	}
	free(want);
	return best;
}

/* Does line i read what a stamp kept of its line? */
static int side_stamp_reads(const struct doc *d, size_t i, const char *want)
{
	char *have = side_stamp_text(d, i);
	int same = strcmp(have, want) == 0;
	free(have);
	return same;
}

/* The unstamped line of d that reads want (a stamp's "text"), nearest to
 * line index near; -1 if none does. */
static long side_find_stamp_text(const struct doc *d, const char *want, long near)
{
	if (want[0] == '\0')
		return -1;	/* a blank line: too many to choose from */
	long best = -1, best_dist = LONG_MAX;
	for (size_t i = 0; i < d->nlines; i++) {
		long dist = (long)i > near ? (long)i - near : near - (long)i;
		if (dist >= best_dist || (doc_attr_of(d, i) != NULL && doc_attr_of(d, i)->stamp != NULL))
			continue;
		if (side_stamp_reads(d, i, want)) {
			best = (long)i;
			best_dist = dist;
		}
	}
	return best;
}

/* Put the sidecar's timestamps on their lines: by number when the text is
 * the one the sidecar describes, else as side_place_stamp() finds them;
 * the ones that find no line are reported.  The kept copies of the stamps
 * (kept, when there is one) get the line each one is now on, or none. */
void side_apply_stamps(struct doc *d, const json_t *root, int same_text, const char *name,
			      struct buf *msg, json_t *kept)
{
	const json_t *stamps = json_object_get(root, "timestamps");
	struct side_spans sp = { NULL, NULL, 0, 0 };
	if (!same_text && json_array_size(stamps) > 0)
		side_spans_init(&sp, d, root);
	size_t i;
	json_t *o;
	json_array_foreach(stamps, i, o) {
		const char *at = side_get_str(o, "at");
		json_t *line = json_object_get(o, "line");
		json_t *k = json_array_get(kept, i);
		if (at == NULL || !json_is_integer(line)) {
			json_object_set_new(k, "at", json_null());
			continue;
		}
		json_int_t ln = json_integer_value(line);
		const char *sec = side_get_str(o, "section");
		long li = -1;
		if (same_text)
			li = ln >= 1 && (size_t)ln <= d->nlines ? (long)ln - 1 : -1;
		else if (ln >= 1 && ln <= LONG_MAX)
			li = side_place_stamp(d, &sp, sec, (long)ln);
		/* The line's text, when the stamp kept it, settles where the
		 * numbers could not: a header line, a line moved to another
		 * section, a section whose blank lines changed. */
		const char *want = side_get_str(o, "text");
		if (!same_text && want != NULL && ln >= 1 && ln <= LONG_MAX) {
			if (li >= 0 && !side_stamp_reads(d, (size_t)li, want))
				li = -1;
			if (li < 0)
				li = side_find_stamp_text(d, want, (long)ln - 1);
		}
		if (li >= 0 && (doc_attr_of(d, li) == NULL || doc_attr_of(d, li)->stamp == NULL)) {
			side_set_str(&doc_line_attr(d, (size_t)li)->stamp, at);
			json_object_set_new(k, "line", json_integer((json_int_t)li + 1));
		} else {
			json_object_set_new(k, "at", json_null());
			buf_printf(msg, "%s: timestamp %s of line %lld%s%s%s no longer matches the text\n", name,
				   at, (long long)ln, sec != NULL ? " (" : "", sec != NULL ? sec : "",
				   sec != NULL ? ")" : "");
		}
	}
	side_spans_free(&sp);
}

