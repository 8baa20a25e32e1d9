/* side-check.c: a sidecar's limits and types, checked before anything of it
 * is applied, and positions in its bytes for the messages that say so. */
#include "side-int.h"

#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <limits.h>

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
size_t side_member_pos(const char *s, size_t n, const char *key)
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

void side_fail_at(struct side_report *rep, const char *name, const char *json, size_t pos,
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

/* The offset where json[0..len) nests deeper than SIDE_MAX_DEPTH, or
 * (size_t)-1: one pass over the bytes, before the parser builds anything. */
size_t side_too_deep(const char *json, size_t len)
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
int side_check_types(const json_t *root, char **why)
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

