/* side: the JSON sidecar (FORMAT.md section 2); side*.c are the only users
 * of jansson, and this file of nettle.  One file per job:
 *   side.c        writing: the sidecar built from the document
 *   side-keep.c   unknown keys, kept at every depth
 *   side-check.c  limits and types, checked before anything is applied
 *   side-match.c  after an outside edit: items matched by text, timestamps
 *                 placed on the lines they stamped
 *   side-apply.c  reading a sidecar back onto a document
 *   side-list.c   search/actions rows as JSON
 *   side-text.c   the sections' text: dumped apart, on two threads, and
 *                 kept from one save to the next
 *
 * Data model: the sidecar is built fresh from the document on every write
 * (a jansson object tree, keys inserted in the spec's order; the sections'
 * text, most of its bytes, is dumped apart and put in place: side-text.c)
 * and read back
 * into a small array of struct side_item per item list; nothing of jansson
 * outlives a call.  Unknown keys (another tool's, at any depth) are kept:
 * reading copies the parts of the sidecar that hold them onto the document
 * as JSON text (d->side_kept, so doc.h never sees jansson), and writing
 * grafts each one into the fresh tree (side-keep.c).
 *
 * Reading matches the sidecar's items to the document's.  When the text is
 * the one the sidecar was written for (text_sha256), the i-th item matches
 * the i-th; otherwise (the file was edited elsewhere) items are matched by
 * their text (side-match.c). */
#include "side-int.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int side_meta_fields[] = {
	DOC_KEY_DATE, DOC_KEY_TIME, DOC_KEY_PLACE, DOC_KEY_CHAIR, DOC_KEY_SECRETARY, DOC_KEY_NEXT,
	DOC_KEY_MEMBERS,
};

char *side_path(const char *text_path)
{
	size_t n = strlen(text_path);
	if (n > 4 && strcmp(text_path + n - 4, ".txt") == 0)
		return xasprintf("%.*s.json", (int)(n - 4), text_path);
	return xasprintf("%s.json", text_path);
}

/* ctx's digest as 64 lowercase hex digits plus NUL. */
static void side_sha256_out(struct sha256_ctx *ctx, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}

struct side_sha256 {
	struct sha256_ctx ctx;
};

struct side_sha256 *side_sha256_new(void)
{
	struct side_sha256 *h = xmalloc(sizeof *h);
	sha256_init(&h->ctx);
	return h;
}

void side_sha256_add(struct side_sha256 *h, const void *data, size_t len)
{
	sha256_update(&h->ctx, len, data);
}

void side_sha256_end(struct side_sha256 *h, char out[65])
{
	side_sha256_out(&h->ctx, out);
	free(h);
}

void side_sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	side_sha256_out(&ctx, out);
}

void side_sha256_hex_arena(const char *arena, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	for (size_t i = 0; i < len;) {
		const char *nul = memchr(arena + i, '\0', len - i);
		size_t end = nul != NULL ? (size_t)(nul - arena) : len;
		sha256_update(&ctx, end - i, (const uint8_t *)arena + i);
		if (end < len)
			sha256_update(&ctx, 1, (const uint8_t *)(end + 1 < len && arena[end + 1] == '\n' ? "\r" : "\n"));
		i = end + 1;
	}
	side_sha256_out(&ctx, out);
}

/* s[0..n) as valid UTF-8, each invalid byte replaced by U+FFFD, appended to b. */
void side_sanitize(struct buf *b, const char *s, size_t n)
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
json_t *side_str(const char *s)
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
size_t side_body_end(const struct doc *d, const struct doc_section *sec)
{
	size_t end = sec->end;
	while (end > sec->first && d->lines[end - 1].kind == DOC_K_BLANK)
		end--;
	return end;
}

/* Is the section written to the sidecar?  (An empty preamble is no section.) */
int side_sec_written(const struct doc *d, const struct doc_section *sec)
{
	return sec->heading != NULL || side_body_end(d, sec) > sec->first;
}

/* A JSON string of a section's text from b (filled by side_sec_text). */
static json_t *side_text_str(const struct buf *b)
{
	json_t *j = json_stringn_nocheck(b->s != NULL ? b->s : "", b->len);
	return j != NULL ? j : json_string("\xEF\xBF\xBD");
}

static json_t *side_sections(const struct doc *d, const struct side_texts *t)
{
	json_t *arr = json_array();
	struct buf b = BUF_INIT;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		if (!side_sec_written(d, sec))
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "key", side_str(doc_sec_name(sec->key)));
		json_object_set_new(o, "heading", side_str(sec->heading));
		if (t != NULL) {
			json_object_set_new(o, "text", side_texts_placeholder(t, s));
		} else {
			buf_clear(&b);
			side_sec_text(&b, d, sec->first, sec->first, side_body_end(d, sec));
			json_object_set_new(o, "text", side_text_str(&b));
		}
		json_array_append_new(arr, o);
	}
	buf_free(&b);
	return arr;
}

static const struct doc_attr *side_attr(const struct doc *d, size_t line)
{
	return line < d->nlines ? doc_attr_of(d, line) : NULL;
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
	int s = doc_line_section(d, i);
	if (s < 0 || (size_t)s >= d->nsections)
		return NULL;
	const struct doc_section *sec = &d->sections[s];
	return sec->key != DOC_SEC_NONE ? doc_sec_name(sec->key) : sec->heading;
}

/* What a timestamp keeps of line i: its first SIDE_STAMP_TEXT_CHARS
 * characters, spaces folded as side_norm() does.  Caller frees. */
char *side_stamp_text(const struct doc *d, size_t i)
{
	char *t = side_norm(doc_line_text(d, i), d->lines[i].len);
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
		const struct doc_attr *at = doc_attr_of(d, i);
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

int side_dump_cb(const char *buffer, size_t size, void *data)
{
	buf_append(data, buffer, size);
	return 0;
}


void side_set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/* String member of o, or NULL (also when it is not a string). */
const char *side_get_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Title and header lines the sidecar root describes. */
size_t side_old_header_lines(const json_t *root)
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
size_t side_new_header_lines(const struct doc *d)
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

/* The sidecar's tree; the sections' text is placeholders when t is not NULL. */
static json_t *side_tree(const struct doc *d, const char *sha, const char *now_iso, const struct side_texts *t)
{
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
	json_object_set_new(o, "sections", side_sections(d, t));
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
	return o;
}

/* jansson's dump of o into b (emptied first). */
static void side_dump(json_t *o, struct buf *b)
{
	buf_clear(b);
	/* One line (with jansson's ", " and ": "), not indented: the size of
	 * a sidecar stays that of its text plus a little per item. */
	json_dump_callback(o, side_dump_cb, b, JSON_PRESERVE_ORDER);
	json_decref(o);
}

/* The sidecar of d through emit (see side_write_to); the text's hash is
 * taken of text[0..text_len) while the sections' text is dumped, or, when
 * text is NULL, given in sha. */
static int side_write_run(const struct doc *d, const char *text, size_t text_len, const char *now_iso, char sha[65],
			  struct side_cache **cache, side_emit_fn emit, void *ctx)
{
	/* The sections' text is dumped on a second thread (side-text.c)
	 * while this one hashes the text and builds and dumps the rest. */
	struct side_texts t;
	side_texts_start(&t, d, cache);
	if (text != NULL)
		side_sha256_hex(text, text_len, sha);
	struct buf b = BUF_INIT;
	buf_reserve(&b, 65536);
	side_dump(side_tree(d, sha, now_iso, t.n > 0 ? &t : NULL), &b);
	int r = t.n > 0 ? side_texts_emit(&t, b.s, b.len, emit, ctx) : 1;
	side_texts_end(&t, cache);
	if (r == 1) {
		if (t.n > 0) {	/* the texts in the tree, dumped whole */
			buf_reserve(&b, t.bytes + t.bytes / 8);
			side_dump(side_tree(d, sha, now_iso, NULL), &b);
		}
		r = emit(b.s, b.len, ctx) != 0 || emit("\n", 1, ctx) != 0 ? -1 : 0;
	}
	buf_free(&b);
	return r;
}

/* side_write_run() into one buffer. */
static char *side_write_buf(const struct doc *d, const char *text, size_t text_len, const char *now_iso,
			    size_t *len, char sha[65], struct side_cache **cache)
{
	struct buf b = BUF_INIT;
	buf_reserve(&b, text_len + text_len / 8 + 65536);
	side_write_run(d, text, text_len, now_iso, sha, cache, side_dump_cb, &b);
	return buf_steal(&b, len);
}

int side_write_to(const struct doc *d, const char *text, size_t text_len, const char *now_iso, char sha[65],
		  struct side_cache **cache, side_emit_fn emit, void *ctx)
{
	return side_write_run(d, text, text_len, now_iso, sha, cache, emit, ctx);
}

char *side_write(const struct doc *d, const char *text, size_t text_len, const char *now_iso, size_t *len)
{
	char sha[65];
	return side_write_buf(d, text, text_len, now_iso, len, sha, NULL);
}

char *side_write_hash(const struct doc *d, const char *text, size_t text_len, const char *now_iso, size_t *len,
		      char sha[65], struct side_cache **cache)
{
	return side_write_buf(d, text, text_len, now_iso, len, sha, cache);
}

char *side_write_known(const struct doc *d, const char *sha, const char *now_iso, size_t *len)
{
	char h[65];
	snprintf(h, sizeof h, "%s", sha);
	return side_write_buf(d, NULL, 0, now_iso, len, h, NULL);
}
