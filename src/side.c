/* side: the JSON sidecar (FORMAT.md section 2); the only user of jansson
 * and nettle.
 *
 * Data model: the sidecar is built fresh from the document on every write
 * (a jansson object tree, keys inserted in the spec's order) and read back
 * into a small array of struct side_item per item list; nothing of jansson
 * outlives a call.
 *
 * Unknown keys (another tool's, at any depth) are kept: reading copies the
 * parts of the sidecar that hold them onto the document as JSON text
 * (d->side_kept, so doc.h never sees jansson), and writing copies each
 * one into the fresh tree, into the object that corresponds to the one it
 * was in (see "unknown keys" below).
 *
 * Reading matches the sidecar's items to the document's.  When the text is
 * the one the sidecar was written for (text_sha256), the i-th item matches
 * the i-th; otherwise (the file was edited elsewhere) items are matched by
 * their text: equal after whitespace normalisation, then similar enough
 * (Dice coefficient over code-point bigrams), best pairs first. */
#include "mahdar/side.h"
#include "mahdar/buf.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <jansson.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SIDE_FORMAT "minutes"
#define SIDE_VERSION_NUMBER 1
#define SIDE_NO_MATCH ((size_t)-1)
/* Dice similarity needed to take an edited item for the old one: lower
 * when the owner is the same person, because then the item is much more
 * likely to be the same task reworded. */
#define SIDE_SIM_SAME_OWNER 0.5
#define SIDE_SIM_ANY 0.7
/* Lists longer than this many old*new pairs compare similar texts only
 * within SIDE_SIM_WINDOW places of where the item was. */
#define SIDE_SIM_ALL_PAIRS ((size_t)1 << 20)
#define SIDE_SIM_WINDOW 256
#define SIDE_QUOTE_CHARS 32
/* A timestamp keeps this many characters of its line (spaces folded), to
 * find the line again after an outside edit. */
#define SIDE_STAMP_TEXT_CHARS 60

static const char *const side_top_keys[] = {
	"format", "version", "text_sha256", "language", "direction", "title", "meta",
	"attendance", "sections", "agenda", "recommendations", "timestamps", "status",
	"approved", "amendments", "created", "modified", "next_ids", NULL,
};
/* The header fields "meta" has by name, in its order. */
static const int side_meta_fields[] = {
	DOC_KEY_DATE, DOC_KEY_TIME, DOC_KEY_PLACE, DOC_KEY_CHAIR, DOC_KEY_SECRETARY, DOC_KEY_NEXT,
	DOC_KEY_MEMBERS,
};
static const char *const side_agenda_keys[] = { "id", "number", "text", NULL };
static const char *const side_rec_keys[] = {
	"id", "kind", "text", "owner", "due", "due_iso", "votes", "status", "from", NULL,
};

/* ---- the shape of the sidecar, for keeping unknown keys
 *
 * A node describes an object mahdar writes: the members it writes (all
 * others are unknown and kept), and those of its members that hold objects
 * or arrays of objects, with their own nodes.  An array element is known
 * by its identity members: it corresponds to the element of the new array
 * with the same values there, the n-th old one with some values to the
 * n-th new one with them; elements left over then try the fallback
 * identity (whose values must not all be null). */
struct side_node;
struct side_sub {
	const char *key;
	const struct side_node *node;
};
struct side_node {
	const char *const *keys;	/* written by mahdar, in order */
	const char *const *ident;	/* as an array element: what names it, or NULL */
	const char *const *ident2;	/* fallback identity, or NULL */
	const struct side_sub *subs;	/* {NULL, NULL}-terminated, or NULL */
};

/* As side_meta() writes them. */
static const char *const side_meta_keys[] = {
	"date", "date_iso", "date_end_iso", "calendar", "time", "place", "chair", "secretary", "next",
	"members", "extra", NULL,
};
static const char *const side_field_keys[] = { "label", "value", NULL };
static const char *const side_label_ident[] = { "label", NULL };	/* an extra header field */
static const char *const side_att_keys[] = { "present", "apologies", "guests", NULL };
static const char *const side_person_keys[] = { "name", "role", NULL };
static const char *const side_name_ident[] = { "name", NULL };	/* a person */
static const char *const side_section_keys[] = { "key", "heading", "text", NULL };
/* A section; a known one whose heading was reworded still by its key. */
static const char *const side_section_ident[] = { "key", "heading", NULL };
static const char *const side_key_ident[] = { "key", NULL };
static const char *const side_id_ident[] = { "id", NULL };	/* an item */
static const char *const side_votes_keys[] = { "for", "against", "abstain", NULL };
static const char *const side_stamp_keys[] = { "section", "line", "at", "text", NULL };
/* Because lines come and go above a stamped line, its number alone does not
 * name a stamp; its time does, once the number failed. */
static const char *const side_stamp_ident[] = { "line", "at", NULL };
static const char *const side_at_ident[] = { "at", NULL };
static const char *const side_approved_keys[] = { "on", "by", NULL };
static const char *const side_next_ids_keys[] = { "a", "r", NULL };

static const struct side_node side_n_field = { side_field_keys, side_label_ident, NULL, NULL };
static const struct side_sub side_meta_subs[] = { { "extra", &side_n_field }, { NULL, NULL } };
static const struct side_node side_n_meta = { side_meta_keys, NULL, NULL, side_meta_subs };
static const struct side_node side_n_person = { side_person_keys, side_name_ident, NULL, NULL };
static const struct side_sub side_att_subs[] = {
	{ "present", &side_n_person }, { "apologies", &side_n_person }, { "guests", &side_n_person },
	{ NULL, NULL },
};
static const struct side_node side_n_att = { side_att_keys, NULL, NULL, side_att_subs };
static const struct side_node side_n_section = {
	side_section_keys, side_section_ident, side_key_ident, NULL,
};
static const struct side_node side_n_agenda = { side_agenda_keys, side_id_ident, NULL, NULL };
static const struct side_node side_n_votes = { side_votes_keys, NULL, NULL, NULL };
static const struct side_sub side_rec_subs[] = { { "votes", &side_n_votes }, { NULL, NULL } };
static const struct side_node side_n_rec = { side_rec_keys, side_id_ident, NULL, side_rec_subs };
static const struct side_node side_n_stamp = { side_stamp_keys, side_stamp_ident, side_at_ident, NULL };
static const struct side_node side_n_approved = { side_approved_keys, NULL, NULL, NULL };
static const struct side_node side_n_next_ids = { side_next_ids_keys, NULL, NULL, NULL };
static const struct side_sub side_top_subs[] = {
	{ "meta", &side_n_meta }, { "attendance", &side_n_att }, { "sections", &side_n_section },
	{ "agenda", &side_n_agenda }, { "recommendations", &side_n_rec },
	{ "timestamps", &side_n_stamp }, { "approved", &side_n_approved },
	{ "next_ids", &side_n_next_ids }, { NULL, NULL },
};
static const struct side_node side_n_top = { side_top_keys, NULL, NULL, side_top_subs };

char *side_path(const char *text_path)
{
	size_t n = strlen(text_path);
	if (n > 4 && strcmp(text_path + n - 4, ".txt") == 0)
		return xasprintf("%.*s.json", (int)(n - 4), text_path);
	return xasprintf("%s.json", text_path);
}

void side_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}

static int side_in(const char *const *list, const char *key)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, key) == 0)
			return 1;
	return 0;
}

/* s[0..n) as valid UTF-8, each invalid byte replaced by U+FFFD, appended to b. */
static void side_sanitize(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t ok = ustr_valid_prefix(s + i, n - i);
		buf_append(b, s + i, ok);
		i += ok;
		if (i < n) {
			buf_append(b, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
}

/* ------------------------------------------------------------ writing */

/* A JSON string of s[0..n) (invalid bytes become U+FFFD, because jansson
 * accepts only valid UTF-8; the text file keeps the bytes). */
static json_t *side_strn(const char *s, size_t n)
{
	/* Checked once here; jansson need not check again (the text of a
	 * 20 MB document is most of a sidecar). */
	if (ustr_valid_prefix(s, n) == n) {
		json_t *j = json_stringn_nocheck(s, n);
		return j != NULL ? j : json_string("\xEF\xBF\xBD");
	}
	struct buf b = BUF_INIT;
	side_sanitize(&b, s, n);
	json_t *j = json_stringn_nocheck(b.s != NULL ? b.s : "", b.len);
	buf_free(&b);
	return j != NULL ? j : json_string("\xEF\xBF\xBD");
}

/* A JSON string of s, or null. */
static json_t *side_str(const char *s)
{
	return s != NULL ? side_strn(s, strlen(s)) : json_null();
}

static const char *side_field(const struct doc *d, int key)
{
	const struct doc_field *f = doc_field_get(d, key);
	return f != NULL ? f->value : NULL;
}

static json_t *side_meta(const struct doc *d)
{
	json_t *m = json_object();
	json_object_set_new(m, "date", side_str(side_field(d, DOC_KEY_DATE)));
	json_object_set_new(m, "date_iso", side_str(d->date_iso));
	if (d->date_end_iso != NULL)	/* a range: written only then */
		json_object_set_new(m, "date_end_iso", side_str(d->date_end_iso));
	json_object_set_new(m, "calendar", side_str(d->date_iso != NULL ? doc_cal_name(d->calendar) : NULL));
	for (size_t i = 1; i < UTIL_ARRAY_LEN(side_meta_fields); i++)	/* after the date */
		json_object_set_new(m, doc_key_name(side_meta_fields[i]),
				    side_str(side_field(d, side_meta_fields[i])));
	/* members: the Members field as written, else the count the sidecar held */
	if (side_field(d, DOC_KEY_MEMBERS) == NULL && d->members > 0)
		json_object_set_new(m, "members", json_integer((json_int_t)d->members));
	json_t *extra = json_array();
	for (size_t i = 0; i < d->nfields; i++) {
		if (d->fields[i].key != DOC_KEY_NONE)
			continue;
		json_t *f = json_object();
		json_object_set_new(f, "label", side_str(d->fields[i].label));
		json_object_set_new(f, "value", side_str(d->fields[i].value));
		json_array_append_new(extra, f);
	}
	json_object_set_new(m, "extra", extra);
	return m;
}

static json_t *side_attendance(const struct doc *d)
{
	json_t *a = json_object();
	for (int k = 0; k < DOC_ATT_COUNT; k++) {
		json_t *list = json_array();
		for (size_t i = 0; i < d->att[k].n; i++) {
			json_t *p = json_object();
			json_object_set_new(p, "name", side_str(d->att[k].v[i].name));
			json_object_set_new(p, "role", side_str(d->att[k].v[i].role));
			json_array_append_new(list, p);
		}
		json_object_set_new(a, doc_att_name(k), list);
	}
	return a;
}

/* End of a section's body without its trailing blank lines. */
static size_t side_body_end(const struct doc *d, const struct doc_section *sec)
{
	size_t end = sec->end;
	while (end > sec->first && d->lines[end - 1]->kind == DOC_K_BLANK)
		end--;
	return end;
}

/* Is the section written to the sidecar?  (An empty preamble is no section.) */
static int side_sec_written(const struct doc *d, const struct doc_section *sec)
{
	return sec->heading != NULL || side_body_end(d, sec) > sec->first;
}

static json_t *side_sections(const struct doc *d)
{
	json_t *arr = json_array();
	struct buf b = BUF_INIT;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		size_t end = side_body_end(d, sec);
		if (!side_sec_written(d, sec))
			continue;
		buf_clear(&b);
		/* The analysis has checked every line's UTF-8 already. */
		int valid = !d->stale;
		for (size_t i = sec->first; i < end; i++) {
			if (i > sec->first)
				buf_putc(&b, '\n');
			buf_append(&b, d->lines[i]->s, d->lines[i]->len);
			valid = valid && !d->lines[i]->invalid;
		}
		json_t *o = json_object();
		json_object_set_new(o, "key", side_str(doc_sec_name(sec->key)));
		json_object_set_new(o, "heading", side_str(sec->heading));
		json_t *t = valid ? json_stringn_nocheck(b.s != NULL ? b.s : "", b.len) : NULL;
		json_object_set_new(o, "text", t != NULL ? t : side_strn(b.s != NULL ? b.s : "", b.len));
		json_array_append_new(arr, o);
	}
	buf_free(&b);
	return arr;
}

static const struct doc_attr *side_attr(const struct doc *d, size_t line)
{
	return line < d->nlines ? d->lines[line]->attr : NULL;
}

static json_t *side_agenda(const struct doc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->nagenda; i++) {
		const struct doc_agenda *a = &d->agenda[i];
		const struct doc_attr *at = side_attr(d, a->line);
		json_t *o = json_object();
		json_object_set_new(o, "id", side_str(at != NULL ? at->id : NULL));
		json_object_set_new(o, "number", json_integer(a->number));
		json_object_set_new(o, "text", side_str(a->text));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *side_recs(const struct doc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		const struct doc_attr *at = side_attr(d, r->line);
		json_t *o = json_object();
		json_object_set_new(o, "id", side_str(at != NULL ? at->id : NULL));
		json_object_set_new(o, "kind", json_string(r->owner != NULL ? "action" : "decision"));
		json_object_set_new(o, "text", side_str(r->text));
		json_object_set_new(o, "owner", side_str(r->owner));
		json_object_set_new(o, "due", side_str(r->due));
		json_object_set_new(o, "due_iso", side_str(r->due_iso));
		json_t *votes = json_null();
		if (r->has_votes)
			votes = json_pack("{s:i, s:i, s:i}", "for", r->votes[0], "against", r->votes[1],
					  "abstain", r->votes[2]);
		json_object_set_new(o, "votes", votes);
		json_object_set_new(o, "status", json_string(doc_status_name(at != NULL ? at->status : DOC_ST_OPEN)));
		json_object_set_new(o, "from", side_str(at != NULL ? at->from : NULL));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The name a timestamp gives the section of line i: the known section's
 * key, an extra section's heading, or NULL (header, preamble). */
static const char *side_line_section(const struct doc *d, size_t i)
{
	int s = d->lines[i]->section;
	if (s < 0 || (size_t)s >= d->nsections)
		return NULL;
	const struct doc_section *sec = &d->sections[s];
	return sec->key != DOC_SEC_NONE ? doc_sec_name(sec->key) : sec->heading;
}

static char *side_norm(const char *s, size_t n);

/* What a timestamp keeps of line i: its first SIDE_STAMP_TEXT_CHARS
 * characters, spaces folded as side_norm() does.  Caller frees. */
static char *side_stamp_text(const struct doc *d, size_t i)
{
	char *t = side_norm(d->lines[i]->s, d->lines[i]->len);
	size_t n = strlen(t), off = 0;
	for (size_t k = 0; k < SIDE_STAMP_TEXT_CHARS && off < n; k++) {
		uint32_t c;
		off += ustr_decode(t + off, n - off, &c);
	}
	t[off] = '\0';
	return t;
}

static json_t *side_timestamps(const struct doc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_attr *at = d->lines[i]->attr;
		if (at == NULL || at->stamp == NULL)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "section", side_str(side_line_section(d, i)));
		json_object_set_new(o, "line", json_integer((json_int_t)i + 1));
		json_object_set_new(o, "at", side_str(at->stamp));
		char *text = side_stamp_text(d, i);
		json_object_set_new(o, "text", side_str(text));
		free(text);
		json_array_append_new(arr, o);
	}
	return arr;
}

static int side_dump_cb(const char *buffer, size_t size, void *data)
{
	buf_append(data, buffer, size);
	return 0;
}

/* ---- unknown keys
 *
 * Reading keeps, of the sidecar, every unknown member with its value and
 * the known members that lead to one (array elements reduced to their
 * identity, see struct side_node); writing walks that kept tree beside the
 * fresh one and adds each unknown member to the corresponding object,
 * after the members mahdar writes, in the order they had.  Because the kept
 * tree holds nothing when the sidecar had no unknown keys (the usual case),
 * that case costs nothing. */

/* The node of member key of an object described by n, or NULL. */
static const struct side_node *side_sub_of(const struct side_node *n, const char *key)
{
	for (const struct side_sub *sub = n->subs; sub != NULL && sub->key != NULL; sub++)
		if (strcmp(sub->key, key) == 0)
			return sub->node;
	return NULL;
}

static json_t *side_keep(json_t *v, const struct side_node *n);

/* What of object o (described by n) holds unknown keys, or NULL if nothing. */
static json_t *side_keep_obj(json_t *o, const struct side_node *n)
{
	json_t *kept = NULL, *v, *k;
	const char *key;
	json_object_foreach(o, key, v) {
		const struct side_node *sub = side_sub_of(n, key);
		if (!side_in(n->keys, key))
			k = json_incref(v);
		else if (sub == NULL || (k = side_keep(v, sub)) == NULL)
			continue;
		if (kept == NULL)
			kept = json_object();
		json_object_set_new(kept, key, k);
	}
	return kept;
}

/* The same for array a of objects described by n: every element, those
 * without unknown keys reduced to their identity (because which of equal
 * identities an element is counts), or NULL if none has unknown keys. */
static json_t *side_keep_arr(json_t *a, const struct side_node *n)
{
	size_t cnt = json_array_size(a), any = 0;
	json_t **k = xcalloc(cnt + 1, sizeof *k);
	for (size_t i = 0; i < cnt; i++) {
		json_t *e = json_array_get(a, i);
		k[i] = json_is_object(e) ? side_keep_obj(e, n) : NULL;
		any += k[i] != NULL;
	}
	json_t *kept = NULL;
	if (any > 0) {
		kept = json_array();
		for (size_t i = 0; i < cnt; i++) {
			json_t *e = json_array_get(a, i), *x = k[i] != NULL ? k[i] : json_object();
			for (int level = 0; level < 2; level++) {
				const char *const *id = level == 0 ? n->ident : n->ident2;
				for (; id != NULL && *id != NULL; id++)
					if (json_object_get(e, *id) != NULL)
						json_object_set(x, *id, json_object_get(e, *id));
			}
			json_array_append_new(kept, x);
		}
	}
	free(k);
	return kept;
}

static json_t *side_keep(json_t *v, const struct side_node *n)
{
	if (json_is_object(v))
		return side_keep_obj(v, n);
	if (json_is_array(v) && n->ident != NULL)
		return side_keep_arr(v, n);
	return NULL;
}

struct side_tagged {
	char *tag;	/* identity values as JSON text */
	size_t i;	/* index in the array */
};

static int side_tagged_cmp(const void *a, const void *b)
{
	const struct side_tagged *x = a, *y = b;
	int c = strcmp(x->tag, y->tag);
	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* The identity of array element e: its members ids as JSON text; NULL when
 * fallback and they are all null or missing. */
static char *side_tag(const json_t *e, const char *const *ids, int fallback)
{
	struct buf b = BUF_INIT;
	int any = 0;
	for (; *ids != NULL; ids++) {
		const json_t *x = json_object_get(e, *ids);
		char *t = x != NULL ? json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
		any |= x != NULL && !json_is_null(x);
		buf_puts(&b, t != NULL ? t : "null");
		buf_putc(&b, '\x1f');	/* JSON text never holds it unescaped */
		free(t);
	}
	if (fallback && !any) {
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '\0');
	return buf_steal(&b, NULL);
}

/* Elements of array v not yet paired (SIDE_NO_MATCH in match), tagged by
 * ids and sorted; *n of them. */
static struct side_tagged *side_tag_all(const json_t *v, const size_t *match, const char *const *ids,
					int fallback, size_t *n)
{
	struct side_tagged *t = xcalloc(json_array_size(v) + 1, sizeof *t);
	*n = 0;
	for (size_t i = 0; i < json_array_size(v); i++) {
		char *tag = match[i] == SIDE_NO_MATCH ? side_tag(json_array_get(v, i), ids, fallback) : NULL;
		if (tag != NULL)
			t[(*n)++] = (struct side_tagged){ tag, i };
	}
	if (*n > 1)
		qsort(t, *n, sizeof *t, side_tagged_cmp);
	return t;
}

/* Pair the unpaired elements of arrays old and nw that have the same
 * identity, the k-th of one identity with the k-th. */
static void side_pair_by(const json_t *old, const json_t *nw, size_t *om, size_t *nm,
			 const char *const *ids, int fallback)
{
	size_t na, nb, x = 0, y = 0;
	struct side_tagged *a = side_tag_all(old, om, ids, fallback, &na);
	struct side_tagged *b = side_tag_all(nw, nm, ids, fallback, &nb);
	while (x < na && y < nb) {
		int c = strcmp(a[x].tag, b[y].tag);
		if (c == 0) {
			om[a[x].i] = b[y].i;
			nm[b[y].i] = a[x].i;
		}
		x += c <= 0;
		y += c >= 0;
	}
	for (size_t i = 0; i < na; i++)
		free(a[i].tag);
	for (size_t i = 0; i < nb; i++)
		free(b[i].tag);
	free(a);
	free(b);
}

/* Add the unknown members of the kept tree old to the fresh tree nw, both
 * described by n. */
static void side_graft(json_t *nw, json_t *old, const struct side_node *n)
{
	if (json_is_object(nw) && json_is_object(old)) {
		const char *key;
		json_t *v;
		json_object_foreach(old, key, v) {
			const struct side_node *sub = side_sub_of(n, key);
			json_t *to = json_object_get(nw, key);
			if (!side_in(n->keys, key) && to == NULL)
				json_object_set(nw, key, v);
			else if (sub != NULL && to != NULL)
				side_graft(to, v, sub);
		}
	} else if (json_is_array(nw) && json_is_array(old) && n->ident != NULL) {
		size_t no = json_array_size(old), nn = json_array_size(nw);
		size_t *om = xmalloc((no + 1) * sizeof *om), *nm = xmalloc((nn + 1) * sizeof *nm);
		for (size_t i = 0; i < no; i++)
			om[i] = SIDE_NO_MATCH;
		for (size_t j = 0; j < nn; j++)
			nm[j] = SIDE_NO_MATCH;
		side_pair_by(old, nw, om, nm, n->ident, 0);
		if (n->ident2 != NULL)
			side_pair_by(old, nw, om, nm, n->ident2, 1);
		for (size_t i = 0; i < no; i++)
			if (om[i] != SIDE_NO_MATCH)
				side_graft(json_array_get(nw, om[i]), json_array_get(old, i), n);
		free(om);
		free(nm);
	}
}

/* side_graft() from the kept tree's text (NULL: nothing kept). */
static void side_graft_text(json_t *top, const char *kept)
{
	if (kept == NULL)
		return;
	json_t *old = json_loads(kept, JSON_ALLOW_NUL, NULL);
	side_graft(top, old, &side_n_top);
	json_decref(old);
}

char *side_write(const struct doc *d, const char *text, size_t text_len, const char *now_iso,
		 size_t *len)
{
	char sha[65];
	side_sha256_hex(text, text_len, sha);
	int lang = doc_language(d);
	int rtl = doc_lang_rtl(lang) || (lang == DOC_LANG_NONE && d->dir_detected == DOC_DIR_RTL);

	json_t *o = json_object();
	json_object_set_new(o, "format", json_string(SIDE_FORMAT));
	json_object_set_new(o, "version", json_integer(SIDE_VERSION_NUMBER));
	json_object_set_new(o, "text_sha256", json_string(sha));
	json_object_set_new(o, "language", side_str(doc_lang_code(lang)));
	json_object_set_new(o, "direction", json_string(rtl ? "rtl" : "ltr"));
	json_object_set_new(o, "title", side_str(d->title));
	json_object_set_new(o, "meta", side_meta(d));
	json_object_set_new(o, "attendance", side_attendance(d));
	json_object_set_new(o, "sections", side_sections(d));
	json_object_set_new(o, "agenda", side_agenda(d));
	json_object_set_new(o, "recommendations", side_recs(d));
	json_object_set_new(o, "timestamps", side_timestamps(d));
	json_object_set_new(o, "status", json_string(d->final ? "final" : "draft"));
	json_t *approved = json_null();
	if (d->approved_on != NULL || d->approved_by != NULL) {
		approved = json_object();
		json_object_set_new(approved, "on", side_str(d->approved_on));
		json_object_set_new(approved, "by", side_str(d->approved_by));
	}
	json_object_set_new(o, "approved", approved);
	/* An extension of FORMAT.md ("later edits are recorded as
	 * amendments"): [{"on", "by", "reason"}], written once there is one. */
	if (d->namends > 0) {
		json_t *am = json_array();
		for (size_t i = 0; i < d->namends; i++)
			json_array_append_new(am, json_pack("{s:o, s:o, s:o}", "on", side_str(d->amends[i].on),
							    "by", side_str(d->amends[i].by),
							    "reason", side_str(d->amends[i].reason)));
		json_object_set_new(o, "amendments", am);
	}
	json_object_set_new(o, "created", side_str(d->created != NULL ? d->created : now_iso));
	json_object_set_new(o, "modified", side_str(now_iso));
	/* An extension of FORMAT.md, after the spec's keys: the number the
	 * next new item of each list gets.  Because the ids of deleted items
	 * are no longer in the lists, this is what keeps them from being
	 * given again after the file is reopened. */
	json_object_set_new(o, "next_ids", json_pack("{s:I, s:I}", "a", (json_int_t)(doc_id_mark(d, 'a') + 1),
						    "r", (json_int_t)(doc_id_mark(d, 'r') + 1)));
	side_graft_text(o, d->side_kept);

	struct buf b = BUF_INIT;
	buf_reserve(&b, text_len + text_len / 8 + 65536);
	/* One line (with jansson's ", " and ": "), not indented: the size of
	 * a sidecar stays that of its text plus a little per item. */
	json_dump_callback(o, side_dump_cb, &b, JSON_PRESERVE_ORDER);
	buf_putc(&b, '\n');
	json_decref(o);
	return buf_steal(&b, len);
}

/* ------------------------------------------------------------ reading */

/* One agenda item or recommendation: as the sidecar has it (old) or as the
 * text has it (new), reduced to what matching needs. */
struct side_item {
	char *norm;		/* text, whitespace normalised */
	char *owner;		/* normalised, or NULL */
	uint64_t *bigrams;	/* sorted code-point bigrams of norm */
	size_t nbigrams;
	size_t match;		/* index in the other list, or SIDE_NO_MATCH */
	json_t *obj;		/* old items: the sidecar object */
	size_t line;		/* new items: the line */
};

/* Normalised copy of s[0..n): valid UTF-8, runs of white space one space,
 * none at the ends. */
static char *side_norm(const char *s, size_t n)
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

static void side_item_init(struct side_item *it, const char *text, size_t n, const char *owner)
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

static void side_items_free(struct side_item *v, size_t n)
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
static void side_match(struct side_item *old, size_t nold, struct side_item *nw, size_t nnew, int by_place)
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

/* String member of o, or NULL (also when it is not a string). */
static const char *side_get_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The sidecar's items of one list (array arr) as old items. */
static struct side_item *side_old_items(json_t *arr, size_t *n)
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

/* ---- item ids taken, to keep them unique: a small open-addressing set,
 * because looking each id up with doc_find_id() would cost a pass over
 * every line per item.  Fresh ids come from doc_id_new(). */
struct side_ids {
	const char **slot;
	size_t cap;
};

static size_t side_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void side_ids_init(struct side_ids *ids, size_t n)
{
	ids->cap = 16;
	while (ids->cap < 2 * n + 2)
		ids->cap *= 2;
	ids->slot = xcalloc(ids->cap, sizeof *ids->slot);
}

/* Add id (not copied; must outlive the set); 0 if it was already there. */
static int side_ids_add(struct side_ids *ids, const char *id)
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

/* ---- positions in the sidecar bytes, for messages */

/* Line and column (1-based; columns count characters, as jansson's do) of
 * byte offset pos in s. */
static void side_line_col(const char *s, size_t pos, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < pos; i++) {
		if (s[i] == '\n')
			++*line, *col = 1;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			++*col;
	}
}

/* Offset of the value of the top-level member key in s (JSON that jansson
 * accepted, whose root is an object), or 0 when it is not there.  Because
 * jansson does not say where a value is, walk the bytes: strings (with
 * their escapes) and nesting depth are all this needs to track. */
static size_t side_member_pos(const char *s, size_t n, const char *key)
{
	size_t klen = strlen(key);
	int depth = 0, want_key = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			size_t start = i + 1, j = start;
			while (j < n && s[j] != '"')
				j += s[j] == '\\' ? 2 : 1;
			if (depth == 1 && want_key && j - start == klen && memcmp(s + start, key, klen) == 0) {
				size_t k = j + 1;
				while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == ':'))
					k++;
				return k;
			}
			want_key = 0;
			i = j;
		} else if (c == '{' || c == '[') {
			depth++;
			want_key = c == '{' && depth == 1;
		} else if (c == '}' || c == ']') {
			depth--;
		} else if (c == ',' && depth == 1) {
			want_key = 1;
		}
	}
	return 0;
}

static void side_fail_at(struct side_report *rep, const char *name, const char *json, size_t pos,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void side_fail_at(struct side_report *rep, const char *name, const char *json, size_t pos,
			 const char *fmt, ...)
{
	if (rep == NULL)
		return;
	int line, col;
	side_line_col(json, pos, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	free(rep->msg);
	rep->msg = xasprintf("%s:%d:%d: %s", name, line, col, msg);
	free(msg);
}

/* ---- limits and types, checked before anything is applied */

/* Deeper than this, a sidecar is not one mahdar wrote. */
#define SIDE_MAX_DEPTH 64

/* The offset where json[0..len) nests deeper than SIDE_MAX_DEPTH, or
 * (size_t)-1: one pass over the bytes, before the parser builds anything. */
static size_t side_too_deep(const char *json, size_t len)
{
	int depth = 0, in_str = 0;
	for (size_t i = 0; i < len; i++) {
		char c = json[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > SIDE_MAX_DEPTH)
				return i;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return (size_t)-1;
}

/* What a field may hold: a string, an integer, an object, an array, each
 * "or null" when SIDE_T_NULL is added. */
enum { SIDE_T_STR = 1, SIDE_T_INT = 2, SIDE_T_OBJ = 4, SIDE_T_ARR = 8, SIDE_T_NULL = 16 };

struct side_field_type {
	const char *key;
	int want;
};

static const struct side_field_type side_top_types[] = {
	{"text_sha256", SIDE_T_STR}, {"language", SIDE_T_STR | SIDE_T_NULL},
	{"direction", SIDE_T_STR | SIDE_T_NULL}, {"title", SIDE_T_STR | SIDE_T_NULL},
	{"meta", SIDE_T_OBJ | SIDE_T_NULL}, {"attendance", SIDE_T_OBJ | SIDE_T_NULL},
	{"sections", SIDE_T_ARR | SIDE_T_NULL}, {"agenda", SIDE_T_ARR | SIDE_T_NULL},
	{"recommendations", SIDE_T_ARR | SIDE_T_NULL}, {"timestamps", SIDE_T_ARR | SIDE_T_NULL},
	{"status", SIDE_T_STR | SIDE_T_NULL}, {"approved", SIDE_T_OBJ | SIDE_T_NULL},
	{"created", SIDE_T_STR | SIDE_T_NULL}, {"modified", SIDE_T_STR | SIDE_T_NULL},
	{"next_ids", SIDE_T_OBJ | SIDE_T_NULL}, {NULL, 0},
};
static const struct side_field_type side_agenda_types[] = {
	{"id", SIDE_T_STR | SIDE_T_NULL}, {"text", SIDE_T_STR | SIDE_T_NULL}, {NULL, 0},
};
static const struct side_field_type side_rec_types[] = {
	{"id", SIDE_T_STR | SIDE_T_NULL}, {"kind", SIDE_T_STR | SIDE_T_NULL},
	{"text", SIDE_T_STR | SIDE_T_NULL}, {"owner", SIDE_T_STR | SIDE_T_NULL},
	{"due", SIDE_T_STR | SIDE_T_NULL}, {"due_iso", SIDE_T_STR | SIDE_T_NULL},
	{"votes", SIDE_T_OBJ | SIDE_T_NULL}, {"status", SIDE_T_STR | SIDE_T_NULL},
	{"from", SIDE_T_STR | SIDE_T_NULL}, {NULL, 0},
};
static const struct side_field_type side_stamp_types[] = {
	{"section", SIDE_T_STR | SIDE_T_NULL}, {"line", SIDE_T_INT}, {"at", SIDE_T_STR}, {NULL, 0},
};
static const struct side_field_type side_approved_types[] = {
	{"on", SIDE_T_STR | SIDE_T_NULL}, {"by", SIDE_T_STR | SIDE_T_NULL}, {NULL, 0},
};
static const struct side_field_type side_next_ids_types[] = {
	{"a", SIDE_T_INT}, {"r", SIDE_T_INT}, {NULL, 0},
};

static int side_kind_of(const json_t *v)
{
	return json_is_string(v) ? SIDE_T_STR : json_is_integer(v) ? SIDE_T_INT : json_is_object(v) ? SIDE_T_OBJ :
	       json_is_array(v) ? SIDE_T_ARR : json_is_null(v) ? SIDE_T_NULL : 0;
}

/* "a string or null", for messages. */
static const char *side_kind_name(int want)
{
	switch (want) {
	case SIDE_T_STR: return "a string";
	case SIDE_T_INT: return "an integer";
	case SIDE_T_STR | SIDE_T_NULL: return "a string or null";
	case SIDE_T_OBJ | SIDE_T_NULL: return "an object or null";
	case SIDE_T_ARR | SIDE_T_NULL: return "an array or null";
	case SIDE_T_OBJ: return "an object";
	default: return "something else";
	}
}

static const char *side_found_name(const json_t *v)
{
	return json_is_string(v) ? "a string" : json_is_integer(v) ? "an integer" : json_is_real(v) ? "a number" :
	       json_is_object(v) ? "an object" : json_is_array(v) ? "an array" : json_is_boolean(v) ? "true or false" :
	       "null";
}

/* Check the fields of o (named where) against types; the first wrong one
 * goes to *why as "where.key: expected …". */
static int side_check_fields(const json_t *o, const char *where, const struct side_field_type *types, char **why)
{
	for (const struct side_field_type *t = types; t->key != NULL; t++) {
		const json_t *v = json_object_get(o, t->key);
		if (v == NULL || (side_kind_of(v) & t->want))
			continue;
		*why = xasprintf("%s%s%s: expected %s, found %s", where, *where ? "." : "", t->key,
				 side_kind_name(t->want), side_found_name(v));
		return -1;
	}
	return 0;
}

/* Every element of the array root[key] an object whose fields fit types. */
static int side_check_array(const json_t *root, const char *key, const struct side_field_type *types, char **why)
{
	const json_t *a = json_object_get(root, key);
	size_t i;
	const json_t *e;
	json_array_foreach(a, i, e) {
		char *where = xasprintf("%s[%zu]", key, i);
		int r = 0;
		if (!json_is_object(e)) {
			*why = xasprintf("%s: expected an object, found %s", where, side_found_name(e));
			r = -1;
		} else {
			r = side_check_fields(e, where, types, why);
		}
		free(where);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* The fields mahdar reads have the types FORMAT.md gives them, and a
 * status is one it knows; else -1 and *why. */
static int side_check_types(const json_t *root, char **why)
{
	if (side_check_fields(root, "", side_top_types, why) < 0 ||
	    side_check_array(root, "agenda", side_agenda_types, why) < 0 ||
	    side_check_array(root, "recommendations", side_rec_types, why) < 0 ||
	    side_check_array(root, "timestamps", side_stamp_types, why) < 0 ||
	    side_check_fields(json_object_get(root, "approved"), "approved", side_approved_types, why) < 0 ||
	    side_check_fields(json_object_get(root, "next_ids"), "next_ids", side_next_ids_types, why) < 0)
		return -1;
	const char *st = side_get_str(root, "status");
	if (st != NULL && strcmp(st, "draft") != 0 && strcmp(st, "final") != 0) {
		*why = xasprintf("status: expected \"draft\" or \"final\", found \"%s\"", st);
		return -1;
	}
	size_t i;
	const json_t *e;
	json_array_foreach(json_object_get(root, "recommendations"), i, e) {
		st = side_get_str(e, "status");
		if (st != NULL && strcmp(st, "open") != 0 && strcmp(st, "done") != 0 && strcmp(st, "dropped") != 0) {
			*why = xasprintf("recommendations[%zu].status: expected \"open\", \"done\" or \"dropped\", "
					 "found \"%s\"", i, st);
			return -1;
		}
	}
	return 0;
}

/* ---- applying */

static void side_set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/* Raise d's id marks over every item id the sidecar root holds and over
 * its "next_ids". */
static void side_note_ids(struct doc *d, const json_t *root)
{
	static const char *const lists[] = { "agenda", "recommendations" };
	for (size_t l = 0; l < UTIL_ARRAY_LEN(lists); l++) {
		size_t i;
		const json_t *o;
		json_array_foreach(json_object_get(root, lists[l]), i, o)
			doc_id_note(d, side_get_str(o, "id"));
	}
	const json_t *next = json_object_get(root, "next_ids");
	for (const char *p = "ar"; *p != '\0'; p++) {
		char key[2] = { *p, '\0' };
		json_int_t n = json_integer_value(json_object_get(next, key));
		if (n > 1 && (unsigned long long)(n - 1) <= ULONG_MAX)
			doc_id_reserve(d, *p, (unsigned long)(n - 1));
	}
}

/* The kept copies of one list's items (kept, when there is one; the
 * sidecar's list is arr) get the id their match in the text now has, or
 * none, so that their unknown keys find them by id when written. */
static void side_kept_ids(json_t *kept, const json_t *arr, const struct side_item *old, size_t nold,
			  const struct side_item *nw, const struct doc *d)
{
	size_t q = 0, k;
	json_t *e;
	if (kept == NULL)
		return;
	json_array_foreach(arr, k, e) {
		const char *id = NULL;
		if (q < nold && old[q].obj == e) {	/* old[] is arr's items in order */
			if (old[q].match != SIDE_NO_MATCH)
				id = d->lines[nw[old[q].match].line]->attr->id;
			q++;
		}
		json_object_set_new(json_array_get(kept, k), "id", side_str(id));
	}
}

/* Give the new items of one list the ids and data of their matches. */
static void side_apply_items(struct doc *d, struct side_item *old, struct side_item *nw, size_t nnew,
			     int is_rec, struct side_ids *ids)
{
	for (size_t j = 0; j < nnew; j++) {
		if (nw[j].match == SIDE_NO_MATCH)
			continue;
		const json_t *o = old[nw[j].match].obj;
		struct doc_attr *a = doc_line_attr(d, nw[j].line);
		const char *id = side_get_str(o, "id");
		if (id != NULL && id[0] != '\0') {
			char *copy = xstrdup(id);
			if (side_ids_add(ids, copy)) {
				free(a->id);
				a->id = copy;
			} else {
				free(copy);
			}
		}
		if (is_rec) {
			int st = doc_status_parse(side_get_str(o, "status"));
			a->status = st >= 0 ? st : DOC_ST_OPEN;
			side_set_str(&a->from, side_get_str(o, "from"));
		}
	}
}

/* Text of the quote of an item in a message: at most SIDE_QUOTE_CHARS characters. */
static void side_quote(struct buf *b, const char *norm)
{
	size_t n = strlen(norm), i = 0, chars = 0;
	while (i < n && chars < SIDE_QUOTE_CHARS) {
		uint32_t c;
		i += ustr_decode(norm + i, n - i, &c);
		chars++;
	}
	buf_puts(b, "“");
	buf_append(b, norm, i);
	if (i < n)
		buf_puts(b, "…");
	buf_puts(b, "”");
}

static void side_report_lost(struct buf *msg, const char *name, const struct side_item *old, size_t n,
			     int is_rec)
{
	for (size_t i = 0; i < n; i++) {
		if (old[i].match != SIDE_NO_MATCH)
			continue;
		const char *id = side_get_str(old[i].obj, "id");
		const char *what = "agenda item";
		if (is_rec) {
			const char *kind = side_get_str(old[i].obj, "kind");
			what = (kind != NULL ? strcmp(kind, "action") == 0 : old[i].owner != NULL)
				       ? "action" : "decision";
		}
		buf_printf(msg, "%s: %s%s%s ", name, what, id != NULL ? " " : "", id != NULL ? id : "");
		side_quote(msg, old[i].norm);
		if (is_rec) {
			const char *st = side_get_str(old[i].obj, "status");
			buf_printf(msg, " (%s)", st != NULL ? st : "open");
		}
		buf_puts(msg, " is no longer in the text\n");
	}
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

/* Title and header lines the sidecar root describes. */
static size_t side_old_header_lines(const json_t *root)
{
	size_t n = json_is_string(json_object_get(root, "title"));
	const json_t *meta = json_object_get(root, "meta"), *att = json_object_get(root, "attendance");
	for (size_t i = 0; i < UTIL_ARRAY_LEN(side_meta_fields); i++)
		n += json_is_string(json_object_get(meta, doc_key_name(side_meta_fields[i])));
	n += json_array_size(json_object_get(meta, "extra"));
	for (int a = 0; a < DOC_ATT_COUNT; a++)
		n += json_array_size(json_object_get(att, doc_att_name(a))) > 0;
	return n;
}

/* The same count for the document, as side_write() would describe it. */
static size_t side_new_header_lines(const struct doc *d)
{
	size_t n = d->title != NULL;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(side_meta_fields); i++)
		n += doc_field_get(d, side_meta_fields[i]) != NULL;
	for (size_t i = 0; i < d->nfields; i++)
		n += d->fields[i].key == DOC_KEY_NONE;
	for (int a = 0; a < DOC_ATT_COUNT; a++)
		n += d->att[a].n > 0;
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
		while (blanks < start && d->lines[start - blanks - 1]->kind == DOC_K_BLANK)
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
			char *have = side_norm(d->lines[cand[c]]->s, d->lines[cand[c]]->len);
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
		if (dist >= best_dist || (d->lines[i]->attr != NULL && d->lines[i]->attr->stamp != NULL))
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
static void side_apply_stamps(struct doc *d, const json_t *root, int same_text, const char *name,
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
		if (li >= 0 && (d->lines[li]->attr == NULL || d->lines[li]->attr->stamp == NULL)) {
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

int side_apply(struct doc *d, const char *json, size_t json_len, const char *text, size_t text_len,
	       const char *name, struct side_report *rep)
{
	if (rep != NULL) {
		rep->msg = NULL;
		rep->matched = rep->unmatched = 0;
	}
	size_t lead = 0;
	while (lead < json_len && (json[lead] == ' ' || json[lead] == '\t' || json[lead] == '\n' || json[lead] == '\r'))
		lead++;
	if (lead == json_len) {
		side_fail_at(rep, name, json, 0, "the file is empty, not a minutes sidecar");
		return SIDE_BROKEN;
	}
	size_t deep = side_too_deep(json, json_len);
	if (deep != (size_t)-1) {
		side_fail_at(rep, name, json, deep, "nested more than %d levels deep: not a sidecar mahdar can "
			     "use, and not read further", SIDE_MAX_DEPTH);
		return SIDE_BROKEN;
	}
	json_error_t err;
	json_t *root = json_loadb(json, json_len, JSON_ALLOW_NUL, &err);
	if (root == NULL) {
		if (rep != NULL) {
			free(rep->msg);
			rep->msg = xasprintf("%s:%d:%d: %s", name, err.line > 0 ? err.line : 1,
					     err.column > 0 ? err.column : 1, err.text);
		}
		return SIDE_BROKEN;
	}
	if (!json_is_object(root)) {
		side_fail_at(rep, name, json, lead, "not a minutes sidecar (expected a JSON object)");
		json_decref(root);
		return SIDE_BROKEN;
	}
	const char *format = side_get_str(root, "format");
	if (format == NULL || strcmp(format, SIDE_FORMAT) != 0) {
		size_t pos = side_member_pos(json, json_len, "format");
		if (format != NULL)
			side_fail_at(rep, name, json, pos, "not a minutes sidecar (\"format\" is \"%s\", not \"%s\")",
				     format, SIDE_FORMAT);
		else
			side_fail_at(rep, name, json, pos != 0 ? pos : lead,
				     "not a minutes sidecar (no \"format\": \"%s\")", SIDE_FORMAT);
		json_decref(root);
		return SIDE_BROKEN;
	}
	json_t *version = json_object_get(root, "version");
	if (!json_is_integer(version) || json_integer_value(version) != SIDE_VERSION_NUMBER) {
		size_t pos = side_member_pos(json, json_len, "version");
		if (version == NULL) {
			side_fail_at(rep, name, json, lead, "not a minutes sidecar (no \"version\")");
			json_decref(root);
			return SIDE_BROKEN;
		}
		char *shown = json_dumps(version, JSON_ENCODE_ANY | JSON_COMPACT);
		side_fail_at(rep, name, json, pos, "unknown sidecar version %s (this mahdar reads version %d)",
			     shown != NULL ? shown : "?", SIDE_VERSION_NUMBER);
		free(shown);
		json_decref(root);
		return SIDE_VERSION;
	}

	char *why = NULL;
	if (side_check_types(root, &why) < 0) {
		if (rep != NULL) {
			free(rep->msg);
			rep->msg = xasprintf("%s: %s", name, why);
		}
		free(why);
		json_decref(root);
		return SIDE_BROKEN;
	}

	/* Valid: from here on d changes. */
	json_t *kept = side_keep(root, &side_n_top);
	char sha[65];
	side_sha256_hex(text, text_len, sha);
	const char *want = side_get_str(root, "text_sha256");
	int same_text = want != NULL && strcasecmp(want, sha) == 0;

	size_t nold_a, nold_r;
	struct side_item *old_a = side_old_items(json_object_get(root, "agenda"), &nold_a);
	struct side_item *old_r = side_old_items(json_object_get(root, "recommendations"), &nold_r);
	struct side_item *new_a = xcalloc(d->nagenda + 1, sizeof *new_a);
	struct side_item *new_r = xcalloc(d->nrecs + 1, sizeof *new_r);
	for (size_t j = 0; j < d->nagenda; j++) {
		side_item_init(&new_a[j], d->agenda[j].text, strlen(d->agenda[j].text), NULL);
		new_a[j].line = d->agenda[j].line;
	}
	for (size_t j = 0; j < d->nrecs; j++) {
		side_item_init(&new_r[j], d->recs[j].text, strlen(d->recs[j].text), d->recs[j].owner);
		new_r[j].line = d->recs[j].line;
	}
	side_match(old_a, nold_a, new_a, d->nagenda, same_text);
	side_match(old_r, nold_r, new_r, d->nrecs, same_text);

	/* Ids.  The ones txt_read() gave were never saved, so the document's
	 * id marks start again from what the sidecar says: every id it holds
	 * and its "next_ids", so that a fresh id never repeats one the
	 * sidecar knew (even of an item that is gone). */
	struct side_ids ids;
	side_ids_init(&ids, nold_a + nold_r + d->nagenda + d->nrecs);
	d->id_mark_a = d->id_mark_r = 0;
	side_note_ids(d, root);
	for (size_t j = 0; j < d->nagenda + d->nrecs; j++) {
		size_t li = j < d->nagenda ? new_a[j].line : new_r[j - d->nagenda].line;
		struct doc_attr *a = doc_line_attr(d, li);
		free(a->id);
		a->id = NULL;
	}
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_attr *a = d->lines[i]->attr;
		if (a != NULL && a->id != NULL) {
			side_ids_add(&ids, a->id);
			doc_id_note(d, a->id);
		}
	}
	side_apply_items(d, old_a, new_a, d->nagenda, 0, &ids);
	side_apply_items(d, old_r, new_r, d->nrecs, 1, &ids);
	for (size_t j = 0; j < d->nagenda + d->nrecs; j++) {
		int is_a = j < d->nagenda;
		size_t li = is_a ? new_a[j].line : new_r[j - d->nagenda].line;
		struct doc_attr *a = doc_line_attr(d, li);
		if (a->id == NULL)
			a->id = doc_id_new(d, is_a ? 'a' : 'r');
	}

	struct buf msg = BUF_INIT;
	side_report_lost(&msg, name, old_a, nold_a, 0);
	side_report_lost(&msg, name, old_r, nold_r, 1);
	side_apply_stamps(d, root, same_text, name, &msg, json_object_get(kept, "timestamps"));
	side_kept_ids(json_object_get(kept, "agenda"), json_object_get(root, "agenda"), old_a, nold_a, new_a, d);
	side_kept_ids(json_object_get(kept, "recommendations"), json_object_get(root, "recommendations"),
		      old_r, nold_r, new_r, d);
	if (rep != NULL) {
		for (size_t i = 0; i < nold_a + nold_r; i++) {
			int m = (i < nold_a ? old_a[i].match : old_r[i - nold_a].match) != SIDE_NO_MATCH;
			if (m)
				rep->matched++;
			else
				rep->unmatched++;
		}
		rep->msg = msg.len > 0 ? buf_steal(&msg, NULL) : NULL;
	}
	buf_free(&msg);

	/* The document-wide data.  Because the sidecar cannot tell a declared
	 * language from a detected one, a language counts as declared only
	 * when it differs from what the text now shows. */
	int lang = doc_lang_parse(side_get_str(root, "language"));
	if (lang != DOC_LANG_NONE && lang != d->lang_detected)
		d->lang = lang;
	const char *status = side_get_str(root, "status");
	d->final = status != NULL && strcmp(status, "final") == 0;
	json_t *approved = json_object_get(root, "approved");
	side_set_str(&d->approved_on, side_get_str(approved, "on"));
	side_set_str(&d->approved_by, side_get_str(approved, "by"));
	doc_amends_clear(d);
	json_t *am = json_object_get(root, "amendments");
	for (size_t i = 0; i < json_array_size(am); i++) {
		json_t *a = json_array_get(am, i);
		const char *reason = side_get_str(a, "reason");
		if (reason != NULL)
			doc_amend_add(d, side_get_str(a, "on"), side_get_str(a, "by"), reason);
	}
	side_set_str(&d->created, side_get_str(root, "created"));
	side_set_str(&d->modified_at, side_get_str(root, "modified"));
	json_t *members = json_object_get(json_object_get(root, "meta"), "members");
	d->members = json_is_integer(members) && json_integer_value(members) > 0 &&
		     json_integer_value(members) < 1000000 ? (long)json_integer_value(members) : 0;
	free(d->side_kept);
	d->side_kept = NULL;
	if (kept != NULL) {
		struct buf b = BUF_INIT;
		json_dump_callback(kept, side_dump_cb, &b, JSON_COMPACT);
		d->side_kept = buf_steal(&b, NULL);
		json_decref(kept);
	}

	free(ids.slot);
	side_items_free(old_a, nold_a);
	side_items_free(old_r, nold_r);
	side_items_free(new_a, d->nagenda);
	side_items_free(new_r, d->nrecs);
	json_decref(root);
	return same_text ? SIDE_OK : SIDE_MERGED;
}
