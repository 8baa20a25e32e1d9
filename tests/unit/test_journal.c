/* journal: whatever was typed, in any order of edits, comes back from the
 * recovery journal byte for byte; a record cut short by a crash is
 * ignored (the last whole one counts); an inline base needs no text file. */
#include "testutil.h"
#include "testfs.h"

#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/journal.h"
#include "mahdar/txt.h"

#include <sys/stat.h>

static const char BASE[] = "# Minutes\nDate: 2026-11-27\r\n\n## Agenda\n1. Budget\nno final newline";
#define SHA_ANY "1111111111111111111111111111111111111111111111111111111111111111"

/* The text the journal at path gives on base. */
static char *replay(const char *path, const char *base, size_t blen, size_t *len)
{
	char *data, *text = NULL, *cause = NULL;
	size_t dlen;
	assert_int_equal(fio_read(path, &data, &dlen, &cause), 0);
	if (journal_replay(data, dlen, base, blen, &text, len, &cause) < 0)
		fail_msg("replay: %s", cause);
	free(data);
	return text;
}

static void assert_replays_to(const char *path, const char *base, const struct doc *d)
{
	size_t want_len, got_len;
	char *want = txt_write(d, &want_len);
	char *got = replay(path, base, strlen(base), &got_len);
	assert_int_equal(got_len, want_len);
	assert_memory_equal(got, want, want_len);
	free(got);
	free(want);
}

/* A deterministic random edit: insert, delete, splice, set a terminator. */
static void edit_once(struct doc *d, unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	unsigned r = *seed >> 8;
	size_t i = d->nlines > 0 ? r % d->nlines : 0;
	switch (r % 5) {
	case 0:
		doc_line_insert(d, i, "new \xd8\xb3\xd8\xb7\xd8\xb1", 11, DOC_EOL_LF);
		break;
	case 1:
		if (d->nlines > 1)
			doc_line_delete(d, i);
		break;
	case 2:
	case 3:
		if (d->nlines > 0)
			doc_line_splice(d, i, (r >> 4) % (d->lines[i].len + 1), 0, "x\n", (r & 1) + 1);
		break;
	default:
		if (d->nlines > 0)
			doc_line_set_eol(d, i, (int)((r >> 3) % 3));
		break;
	}
}

static void test_random_edits(void **state)
{
	char *path = tf_path(state, "m.txt.recover");
	struct doc *d = txt_read(BASE, strlen(BASE));
	struct journal *j = journal_new();
	char *cause = NULL;
	journal_base(j, d, strlen(BASE), SHA_ANY);
	assert_false(journal_started(j));
	unsigned seed = 7;
	for (int round = 0; round < 60; round++) {
		for (int k = 0; k < round % 7 + 1; k++)
			edit_once(d, &seed);
		assert_int_equal(journal_sync(j, d, path, &cause), 0);
		assert_true(journal_started(j));
		assert_replays_to(path, BASE, d);
	}
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* Detached (the file was set aside): a new file has every change since the base. */
	assert_int_equal(unlink(path), 0);
	journal_detach(j);
	edit_once(d, &seed);
	assert_int_equal(journal_sync(j, d, path, &cause), 0);
	assert_replays_to(path, BASE, d);
	journal_free(j);
	doc_free(d);
	free(path);
}

/* kill -9 in the middle of a write: the half record is not applied. */
static void test_torn_record(void **state)
{
	char *path = tf_path(state, "m.txt.recover"), *cause = NULL;
	struct doc *d = txt_read(BASE, strlen(BASE));
	struct journal *j = journal_new();
	journal_base(j, d, strlen(BASE), SHA_ANY);
	doc_line_splice(d, 0, 2, 0, "Weekly ", 7);
	assert_int_equal(journal_sync(j, d, path, &cause), 0);
	size_t want_len;
	char *want = txt_write(d, &want_len);
	char *data;
	size_t dlen;
	assert_int_equal(fio_read(path, &data, &dlen, &cause), 0);
	doc_line_splice(d, 1, 0, 0, "More: ", 6);
	assert_int_equal(journal_sync(j, d, path, &cause), 0);
	char *full;
	size_t flen;
	assert_int_equal(fio_read(path, &full, &flen, &cause), 0);
	for (size_t cut = dlen; cut < flen; cut++) {
		char *text;
		size_t len;
		assert_int_equal(journal_replay(full, cut, BASE, strlen(BASE), &text, &len, &cause), 0);
		assert_int_equal(len, want_len);
		assert_memory_equal(text, want, len);
		free(text);
	}
	free(want);
	free(data);
	free(full);
	journal_free(j);
	doc_free(d);
	free(path);
}

/* An inline base: the journal alone gives the text. */
static void test_inline_base(void **state)
{
	char *path = tf_path(state, "m.txt.recover"), *cause = NULL;
	struct doc *d = txt_read(BASE, strlen(BASE));
	doc_line_insert(d, 1, "restored line", 13, DOC_EOL_LF);
	struct journal *j = journal_new();
	assert_int_equal(journal_base_inline(j, d, path, &cause), 0);
	doc_line_delete(d, 0);
	assert_int_equal(journal_sync(j, d, path, &cause), 0);
	assert_replays_to(path, "", d);	/* no text file needed */
	struct journal_head h;
	char *data;
	size_t dlen;
	assert_int_equal(fio_read(path, &data, &dlen, &cause), 0);
	assert_true(journal_head(data, dlen, &h));
	assert_true(h.inline_base);
	assert_false(journal_head(BASE, strlen(BASE), &h));	/* plain text is no journal */
	free(data);
	journal_free(j);
	doc_free(d);
	free(path);
}

/* Items' data in an "A" record: the last whole one counts; a field with a
 * NUL byte (a damaged or hostile journal, found by fuzz_journal) is left
 * out rather than read as an empty id. */
static void test_attrs_record(void **state)
{
	(void)state;
	static const char j[] = "mahdar-journal 1\nB 0 "
				"0000000000000000000000000000000000000000000000000000000000000000 1\n"
				"S 0 0 1\nL 1 3\nabc\nE\n"
				"A 1\nI 0 1 2 0 0\nr1\nE\n"
				"A 2\nI 0 2 2 0 0\nr1\nI 1 0 2 0 0\na\0\nE\n"
				"A 1\nI 0 1 2";	/* cut short: not counted */
	char *text = NULL, *cause = NULL;
	size_t tlen, n;
	struct journal_attr *a;
	assert_int_equal(journal_replay_attrs(j, sizeof j - 1, "", 0, &text, &tlen, &a, &n, &cause), 0);
	assert_int_equal(tlen, 4);
	assert_memory_equal(text, "abc\n", 4);
	assert_int_equal(n, 2);
	assert_int_equal(a[0].status, 2);
	assert_string_equal(a[0].id, "r1");
	assert_null(a[1].id);
	journal_attrs_free(a, n);
	free(text);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tf_setup_dir, tf_teardown_dir)
	const struct CMUnitTest tests[] = {
		T(test_random_edits),
		T(test_torn_record),
		T(test_inline_base),
		cmocka_unit_test(test_attrs_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
