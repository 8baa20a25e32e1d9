/* side-apply.c: reading a sidecar back onto a document read from its text
 * (side_apply), with what it tells the user about the items it could not
 * place. */
#include "side-int.h"

#include <stdlib.h>
#include <string.h>
#include <limits.h>

/* ---- applying */


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
				id = doc_attr_of(d, nw[old[q].match].line)->id;
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


/* json[0..json_len) parsed and checked as a minutes sidecar of a version
 * and shape this mahdar reads: the root, or NULL with *result (SIDE_BROKEN
 * or SIDE_VERSION) and rep->msg saying why. */
static json_t *side_apply_parse(const char *json, size_t json_len, const char *name,
				struct side_report *rep, int *result)
{
	*result = SIDE_BROKEN;
	size_t lead = 0;
	while (lead < json_len && (json[lead] == ' ' || json[lead] == '\t' || json[lead] == '\n' || json[lead] == '\r'))
		lead++;
	if (lead == json_len) {
		side_fail_at(rep, name, json, 0, "the file is empty, not a minutes sidecar");
		return NULL;
	}
	size_t deep = side_too_deep(json, json_len);
	if (deep != (size_t)-1) {
		side_fail_at(rep, name, json, deep, "nested more than %d levels deep: not a sidecar mahdar can "
			     "use, and not read further", SIDE_MAX_DEPTH);
		return NULL;
	}
	json_error_t err;
	json_t *root = json_loadb(json, json_len, JSON_ALLOW_NUL, &err);
	if (root == NULL) {
		if (rep != NULL) {
			free(rep->msg);
			rep->msg = xasprintf("%s:%d:%d: %s", name, err.line > 0 ? err.line : 1,
					     err.column > 0 ? err.column : 1, err.text);
		}
		return NULL;
	}
	if (!json_is_object(root)) {
		side_fail_at(rep, name, json, lead, "not a minutes sidecar (expected a JSON object)");
		json_decref(root);
		return NULL;
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
		return NULL;
	}
	json_t *version = json_object_get(root, "version");
	if (!json_is_integer(version) || json_integer_value(version) != SIDE_VERSION_NUMBER) {
		size_t pos = side_member_pos(json, json_len, "version");
		if (version == NULL) {
			side_fail_at(rep, name, json, lead, "not a minutes sidecar (no \"version\")");
			json_decref(root);
			return NULL;
		}
		char *shown = json_dumps(version, JSON_ENCODE_ANY | JSON_COMPACT);
		side_fail_at(rep, name, json, pos, "unknown sidecar version %s (this mahdar reads version %d)",
			     shown != NULL ? shown : "?", SIDE_VERSION_NUMBER);
		free(shown);
		json_decref(root);
		*result = SIDE_VERSION;
		return NULL;
	}

	char *why = NULL;
	if (side_check_types(root, &why) < 0) {
		if (rep != NULL) {
			free(rep->msg);
			rep->msg = xasprintf("%s: %s", name, why);
		}
		free(why);
		json_decref(root);
		return NULL;
	}

	return root;
}

/* Item ids.  The ones txt_read() gave were never saved, so the document's
 * id marks start again from what the sidecar says: every id it holds and
 * its "next_ids", so that a fresh id never repeats one the sidecar knew
 * (even of an item that is gone).  Matched items take their old ids. */
static void side_apply_ids(struct doc *d, const json_t *root, struct side_item *old_a, size_t nold_a,
			   struct side_item *new_a, struct side_item *old_r, size_t nold_r,
			   struct side_item *new_r)
{
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
		const struct doc_attr *a = doc_attr_of(d, i);
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

	free(ids.slot);
}

/* The document-wide data of root (language, status, approval, amendments,
 * times, members) and the unknown keys kept (a reference taken). */
static void side_apply_doc(struct doc *d, const json_t *root, json_t *kept)
{
	/* Because the sidecar cannot tell a declared
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

}

struct side_parsed {
	json_t *root;
};

struct side_parsed *side_parse(const char *json, size_t json_len, const char *name,
			       struct side_report *rep, int *result)
{
	if (rep != NULL) {
		rep->msg = NULL;
		rep->matched = rep->unmatched = 0;
	}
	json_t *root = side_apply_parse(json, json_len, name, rep, result);
	if (root == NULL)
		return NULL;
	struct side_parsed *p = xmalloc(sizeof *p);
	p->root = root;
	return p;
}

void side_parsed_free(struct side_parsed *p)
{
	if (p == NULL)
		return;
	json_decref(p->root);
	free(p);
}

int side_apply(struct doc *d, const char *json, size_t json_len, const char *text, size_t text_len,
	       const char *name, struct side_report *rep)
{
	int result;
	struct side_parsed *p = side_parse(json, json_len, name, rep, &result);
	if (p == NULL)
		return result;
	char sha[65];
	side_sha256_hex(text, text_len, sha);
	return side_apply_parsed(d, p, sha, name, rep);
}

int side_apply_parsed(struct doc *d, struct side_parsed *p, const char sha[65], const char *name,
		      struct side_report *rep)
{
	if (rep != NULL) {
		rep->msg = NULL;
		rep->matched = rep->unmatched = 0;
	}
	json_t *root = p->root;
	free(p);

	/* Valid: from here on d changes. */
	json_t *kept = side_keep_root(root);
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

	side_apply_ids(d, root, old_a, nold_a, new_a, old_r, nold_r, new_r);

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

	side_apply_doc(d, root, kept);
	side_items_free(old_a, nold_a);
	side_items_free(old_r, nold_r);
	side_items_free(new_a, d->nagenda);
	side_items_free(new_r, d->nrecs);
	json_decref(root);
	return same_text ? SIDE_OK : SIDE_MERGED;
}
