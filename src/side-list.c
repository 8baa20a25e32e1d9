/* side-list: the JSON of the command line's lists (`search --json`,
 * `actions --json`) — rows of named values, written by jansson like the
 * sidecar. */
#include "mahdar/side.h"
#include "mahdar/buf.h"
#include "mahdar/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int side_list_dump(const char *s, size_t n, void *data)
{
	buf_append(data, s, n);
	return 0;
}

char *side_list(const char *const *keys, size_t nkeys, const char *const *values, size_t nrows,
		size_t *len)
{
	json_t *a = json_array();
	for (size_t r = 0; r < nrows; r++) {
		json_t *o = json_object();
		for (size_t k = 0; k < nkeys; k++) {
			const char *v = values[r * nkeys + k];
			const char *key = keys[k];
			json_t *j;
			if (v == NULL)
				j = json_null();
			else if (key[0] == '#')
				j = json_integer(strtoll(v, NULL, 10));
			else
				j = json_string(v);
			if (j == NULL)	/* not UTF-8: the bytes as U+FFFD */
				j = json_string("\xEF\xBF\xBD");
			json_object_set_new(o, key[0] == '#' ? key + 1 : key, j);
		}
		json_array_append_new(a, o);
	}
	struct buf b = BUF_INIT;
	json_dump_callback(a, side_list_dump, &b, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_putc(&b, '\n');
	json_decref(a);
	return buf_steal(&b, len);
}
