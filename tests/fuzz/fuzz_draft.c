/* fuzz draft and kmap: any bytes as a .kmap file and as an ASCII key
 * stream through it (never a crash; the text typed is valid UTF-8 without
 * control characters unless the keys held some), and as minutes for the
 * drafting logic: renumbering the agenda gives 1, 2, 3 … that a second
 * renumbering leaves alone, the next agenda number, the quorum line, an
 * action line read back as the same item, people completion. */
#include "fuzz.h"

#include "mahdar/buf.h"
#include "mahdar/draft.h"
#include "mahdar/kmap.h"
#include "mahdar/txt.h"

#include <stdlib.h>
#include <string.h>

static void fuzz_kmap(const char *s, size_t n)
{
	struct kmap *km = kmap_new();
	char *cause = NULL;
	int bad = kmap_parse(km, s, n, "fuzz.kmap", &cause);
	FUZZ_CHECK(bad >= 0 && (bad > 0) == (cause != NULL));
	free(cause);
	/* the same bytes as keys: only printable ASCII and spaces */
	char keys[256];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof keys; i++)
		if (s[i] >= ' ' && s[i] < 0x7F)
			keys[k++] = s[i];
	char *out = kmap_translate(km, keys, k);
	FUZZ_CHECK(fuzz_clean_text(out, strlen(out)));
	free(out);
	kmap_free(km);
}

static void fuzz_draft(const char *s, size_t n)
{
	struct doc *d = txt_read(s, n);
	struct draft_edits e = { 0 };
	size_t before = d->nagenda;
	draft_agenda_renumber(d, &e);
	draft_edits_apply(d, &e);
	draft_edits_free(&e);
	txt_analyse(d);
	FUZZ_CHECK(d->nagenda == before);
	for (size_t i = 0; i < d->nagenda; i++)
		FUZZ_CHECK(d->agenda[i].number == (long)i + 1);
	FUZZ_CHECK(draft_agenda_renumber(d, &e) == 0);
	char out[128];
	for (size_t i = 0; i < d->nagenda; i++)
		FUZZ_CHECK(draft_agenda_next(d, d->agenda[i].line, out, sizeof out) == 0);
	char *q = draft_quorum_text(d);
	FUZZ_CHECK(q != NULL && ustr_valid_prefix(q, strlen(q)) == strlen(q));
	free(q);

	/* the first line's text as an action item's text, owner and due */
	size_t l0 = 0;
	while (l0 < n && s[l0] != '\n' && s[l0] != '\r')
		l0++;
	char *text = strndup(s, l0);
	struct draft_now now = { 2026, 11, 27, 9, 5 };
	struct draft_item it = { .text = text, .owner = "Ana", .due = "+2w" };
	char *cause = NULL;
	char *line = draft_item_line(d, &it, &now, &cause);
	FUZZ_CHECK((line == NULL) == (cause != NULL));
	if (line != NULL) {
		struct buf b = BUF_INIT;
		buf_puts(&b, "# t\n\n## Decisions\n");
		buf_puts(&b, line);
		buf_putc(&b, '\n');
		struct doc *back = txt_read(b.s, b.len);
		FUZZ_CHECK(back->nrecs == 1);
		FUZZ_CHECK(back->recs[0].owner != NULL && strcmp(back->recs[0].owner, "Ana") == 0);
		doc_free(back);
		buf_free(&b);
	}
	free(line);
	free(cause);
	free(text);

	struct draft_people p = { 0 };
	draft_people_add(&p, d);
	const char *names[4];
	size_t got = draft_people_complete(&p, s, n < 8 ? n : 8, names, 4);
	FUZZ_CHECK(got <= 4);
	draft_people_free(&p);
	doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_kmap((const char *)data, size);
	fuzz_draft((const char *)data, size);
	return 0;
}
