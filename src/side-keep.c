/* side-keep.c: unknown keys of the sidecar, kept at every depth (see the
 * block comment "unknown keys" below), and the shape of the sidecar that
 * tells which keys are known. */
#include "side-int.h"

#include <stdlib.h>
#include <string.h>

static const char *const side_top_keys[] = {
	"format", "version", "text_sha256", "language", "direction", "title", "meta",
	"attendance", "sections", "agenda", "recommendations", "timestamps", "status",
	"approved", "amendments", "created", "modified", "next_ids", NULL,
};
/* The header fields "meta" has by name, in its order. */
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


static int side_in(const char *const *list, const char *key)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, key) == 0)
			return 1;
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
void side_graft_text(json_t *top, const char *kept)
{
	if (kept == NULL)
		return;
	json_t *old = json_loads(kept, JSON_ALLOW_NUL, NULL);
	side_graft(top, old, &side_n_top);
	json_decref(old);
}


json_t *side_keep_root(json_t *root)
{
	return side_keep(root, &side_n_top);
}
