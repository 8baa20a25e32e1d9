/* fuzz journal: any bytes read as a recovery journal (a damaged or hostile
 * FILE.recover) — journal_replay_attrs() never reads out of bounds, and
 * when it accepts the bytes, replaying them again gives the same text and
 * every item entry it returns holds what its "I" line announced. */
#include "fuzz.h"

#include "mahdar/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	/* The journal header, then the fuzzer's bytes: the records. */
	static const char head[] = "mahdar-journal 1\nB 0 "
				   "0000000000000000000000000000000000000000000000000000000000000000 0\n";
	size_t n = sizeof head - 1 + size;
	char *j = malloc(n + 1);
	memcpy(j, head, sizeof head - 1);
	memcpy(j + sizeof head - 1, data, size);
	const char *base = "# T\nline\n";
	char *text = NULL, *text2 = NULL, *cause = NULL;
	size_t tlen, tlen2, na;
	struct journal_attr *a = NULL;
	if (journal_replay_attrs(j, n, base, strlen(base), &text, &tlen, &a, &na, &cause) == 0) {
		FUZZ_CHECK(journal_replay(j, n, base, strlen(base), &text2, &tlen2, NULL) == 0);
		FUZZ_CHECK(tlen == tlen2 && memcmp(text, text2, tlen) == 0);
		for (size_t i = 0; a != NULL && i < na; i++)
			FUZZ_CHECK(a[i].id == NULL || strlen(a[i].id) > 0);
	}
	journal_attrs_free(a, na);
	free(text);
	free(text2);
	free(cause);
	free(j);
	return 0;
}
