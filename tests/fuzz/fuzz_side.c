/* fuzz side: side_apply of any bytes onto a document read from a corpus
 * file.  Input: one byte choosing the corpus file, then the sidecar bytes,
 * in which every "@@SHA@@" becomes the SHA-256 of that file's text (so
 * that both the matching-hash path and the merge path are reached).
 *   - a refused sidecar leaves the document as it was;
 *   - an applied one leaves item ids unique, and side_write() of the result
 *     is a sidecar that side_apply() takes back onto the same text as
 *     SIDE_OK with everything matched, and that writes again byte for byte. */
#include "fuzz.h"

#include "mahdar/buf.h"
#include "mahdar/side.h"
#include "mahdar/txt.h"

#include <stdlib.h>
#include <string.h>

#define NOW "2026-11-25T10:00:00+03:30"

static struct fuzz_texts fuzz_corpus;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_corpus(&fuzz_corpus);
	return 0;
}

/* data with each "@@SHA@@" replaced by sha. */
static char *fuzz_subst(const char *data, size_t n, const char *sha, size_t *out_len)
{
	static const char mark[] = "@@SHA@@";
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n;) {
		if (n - i >= sizeof mark - 1 && memcmp(data + i, mark, sizeof mark - 1) == 0) {
			buf_puts(&b, sha);
			i += sizeof mark - 1;
		} else {
			buf_putc(&b, data[i++]);
		}
	}
	return buf_steal(&b, out_len);
}

static char *fuzz_write(const struct doc *d, const char *text, size_t len, size_t *n)
{
	char *j = side_write(d, text, len, NOW, n);
	FUZZ_CHECK(j != NULL && *n > 0 && j[*n - 1] == '\n' && strlen(j) == *n);
	FUZZ_CHECK(ustr_valid_prefix(j, *n) == *n);
	return j;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t which = data[0] % fuzz_corpus.n;
	const char *text = fuzz_corpus.s[which];
	size_t tlen = fuzz_corpus.len[which];
	char sha[65];
	side_sha256_hex(text, tlen, sha);
	size_t jlen;
	char *json = fuzz_subst((const char *)data + 1, size - 1, sha, &jlen);

	struct doc *d = txt_read(text, tlen);
	size_t before_len;
	char *before = fuzz_write(d, text, tlen, &before_len);
	struct side_report rep;
	int r = side_apply(d, json, jlen, text, tlen, "fuzz.json", &rep);
	FUZZ_CHECK(r == SIDE_OK || r == SIDE_MERGED || r == SIDE_BROKEN || r == SIDE_VERSION);
	if (r < 0) {
		FUZZ_CHECK(rep.msg != NULL && strncmp(rep.msg, "fuzz.json:", 10) == 0);
		size_t after_len;
		char *after = fuzz_write(d, text, tlen, &after_len);
		FUZZ_CHECK(after_len == before_len && memcmp(after, before, after_len) == 0);
		free(after);
	} else {
		FUZZ_CHECK(fuzz_ids_unique(d));
		for (size_t i = 0; i < d->nagenda; i++)
			FUZZ_CHECK(doc_attr_of(d, d->agenda[i].line)->id != NULL);
		for (size_t i = 0; i < d->nrecs; i++)
			FUZZ_CHECK(doc_attr_of(d, d->recs[i].line)->id != NULL);

		size_t n1, n2;
		char *first = fuzz_write(d, text, tlen, &n1);
		struct doc *again = txt_read(text, tlen);
		struct side_report rep2;
		int r2 = side_apply(again, first, n1, text, tlen, "again.json", &rep2);
		if (r2 != SIDE_OK || rep2.msg != NULL || rep2.unmatched != 0)
			fprintf(stderr, "round trip: %d %s\n", r2, rep2.msg != NULL ? rep2.msg : "");
		FUZZ_CHECK(r2 == SIDE_OK && rep2.msg == NULL && rep2.unmatched == 0);
		FUZZ_CHECK(fuzz_ids_unique(again));
		char *second = fuzz_write(again, text, tlen, &n2);
		FUZZ_CHECK(n1 == n2 && memcmp(first, second, n1) == 0);
		free(first);
		free(second);
		free(rep2.msg);
		doc_free(again);
	}
	free(rep.msg);
	free(before);
	free(json);
	doc_free(d);
	return 0;
}
