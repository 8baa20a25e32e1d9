/* fuzz keymap: keymap_parse on any bytes (every key it binds is found
 * again under its canonical name; canonical names are fixed points), and
 * ui_parse, the terminal input decoder, on the same bytes: it never
 * crashes, always makes progress when told nothing more will come, names
 * keys canonically without control bytes, types text without them, and
 * decodes an event the same whether or not more bytes follow it. */
#include "fuzz.h"

#include "mahdar/keymap.h"
#include "mahdar/ui.h"

#include <stdlib.h>
#include <string.h>

static int fuzz_known(const char *cmd)
{
	return cmd[0] != 'x';	/* any command but the ones starting with x */
}

/* Every line "KEY CMD" of the text whose key is valid: bound, canonically. */
static void fuzz_keymap(const char *s, size_t n)
{
	struct keymap *km = keymap_new();
	char *cause = NULL;
	int problems = keymap_parse(km, s, n, "fuzz.keys", fuzz_known, &cause);
	FUZZ_CHECK(problems >= 0);
	FUZZ_CHECK((problems > 0) == (cause != NULL));
	if (cause != NULL) {	/* one line per problem */
		int lines = 1;
		for (const char *p = cause; *p; p++)
			lines += *p == '\n';
		FUZZ_CHECK(lines == problems);
	}
	free(cause);

	/* Each whitespace-separated word: canonicalisation is idempotent. */
	char *copy = strndup(s, n);
	for (char *save = NULL, *w = strtok_r(copy, " \t\r\n", &save); w != NULL;
	     w = strtok_r(NULL, " \t\r\n", &save)) {
		char c1[64], c2[64];
		if (keymap_canon(w, c1, sizeof c1) < 0)
			continue;
		FUZZ_CHECK(fuzz_clean_text(c1, strlen(c1)));
		FUZZ_CHECK(keymap_canon(c1, c2, sizeof c2) == 0 && strcmp(c1, c2) == 0);
		FUZZ_CHECK(keymap_bind(km, w, "fuzzed") == 0);
		FUZZ_CHECK(strcmp(keymap_lookup(km, c1), "fuzzed") == 0);
	}
	free(copy);
	keymap_free(km);
}

static void fuzz_check_event(const struct ui_event *ev, const char *s, size_t used)
{
	char canon[64];
	switch (ev->type) {
	case UI_EV_KEY:
		FUZZ_CHECK(ev->key[0] != '\0' && fuzz_clean_text(ev->key, strlen(ev->key)));
		FUZZ_CHECK(keymap_canon(ev->key, canon, sizeof canon) == 0 && strcmp(canon, ev->key) == 0);
		break;
	case UI_EV_TEXT:
		FUZZ_CHECK(ev->text >= s && ev->text + ev->len <= s + used && ev->len > 0);
		FUZZ_CHECK(fuzz_clean_text(ev->text, ev->len));
		break;
	case UI_EV_PASTE:
		FUZZ_CHECK(ev->text >= s && ev->text + ev->len <= s + used);
		break;
	case UI_EV_MOUSE:
		FUZZ_CHECK(ev->button >= 0 && ev->button <= 4);
		FUZZ_CHECK(fuzz_clean_text(ev->key, strlen(ev->key)));
		break;
	case UI_EV_NONE:
		break;
	default:
		FUZZ_CHECK(!"ui_parse makes only input events");
	}
}

static int fuzz_same_event(const struct ui_event *a, const struct ui_event *b)
{
	return a->type == b->type && strcmp(a->key, b->key) == 0 && a->text == b->text &&
	       a->len == b->len && a->button == b->button && a->action == b->action &&
	       a->row == b->row && a->col == b->col;
}

static void fuzz_ui(const char *s, size_t n)
{
	size_t off = 0;
	while (off < n) {
		struct ui_event ev, more;
		size_t used = ui_parse(s + off, n - off, 1, &ev);
		FUZZ_CHECK(used >= 1 && used <= n - off);
		fuzz_check_event(&ev, s + off, used);
		/* Decoded without "final" from its own bytes only, or from all the
		 * rest: when it is decoded, it is the same event. */
		size_t u2 = ui_parse(s + off, used, 0, &more);
		if (u2 > 0)
			FUZZ_CHECK(u2 == used && fuzz_same_event(&ev, &more));
		u2 = ui_parse(s + off, n - off, 0, &more);
		if (u2 > 0)
			FUZZ_CHECK(u2 == used && fuzz_same_event(&ev, &more));
		off += used;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_keymap((const char *)data, size);
	fuzz_ui((const char *)data, size);
	return 0;
}
