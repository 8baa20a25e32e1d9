/* store: opening and saving a document's two files, as a user meets it:
 * bytes kept, broken sidecars backed up, failed saves changing nothing. */
#include "testutil.h"
#include "testfs.h"

#include "mahdar/buf.h"
#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/side.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOW "2026-11-25T10:00:00+03:30"

static const char *const corpus[] = {
	"library-2025-en.txt", "malmo-2018-ar.txt", "shora-1403-fa.txt",
	"unstructured-communique-ar.txt", "vaad-2024-he.txt",
};

/* The sidecar at path describes the text at text_path exactly. */
static void assert_side_matches(const char *side, const char *text_path)
{
	size_t tlen, jlen;
	char *text = tu_slurp(text_path, &tlen), *json = tu_slurp(side, &jlen);
	struct doc *d = txt_read(text, tlen);
	struct side_report rep;
	assert_int_equal(side_apply(d, json, jlen, text, tlen, side, &rep), SIDE_OK);
	assert_null(rep.msg);
	doc_free(d);
	free(text);
	free(json);
}

static void test_round_trip_corpus(void **state)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(corpus); i++) {
		size_t len;
		char *orig = tu_corpus_file(corpus[i], &len);
		char *p = tf_path(state, corpus[i]), *cause = NULL;
		tf_put_file(p, orig, len);
		struct store_info info;
		struct doc *d = store_open(p, 0, &info, &cause);
		assert_non_null(d);
		assert_int_equal(info.side, STORE_SIDE_NONE);
		assert_null(info.side_msg);
		assert_false(d->modified);
		assert_int_equal(store_save(d, &info, NOW, &cause), 0);
		assert_null(cause);
		assert_false(d->modified);
		assert_string_equal(d->created, NOW);
		/* The text is byte for byte what it was; the sidecar describes it. */
		tf_assert_file_is(p, orig, len);
		assert_side_matches(info.side_path, p);
		assert_null(info.backup_path);
		doc_free(d);
		store_info_free(&info);

		/* Reopened: the sidecar applies cleanly. */
		d = store_open(p, 0, &info, &cause);
		assert_non_null(d);
		assert_int_equal(info.side, STORE_SIDE_OK);
		assert_null(info.side_msg);
		assert_string_equal(d->created, NOW);
		doc_free(d);
		store_info_free(&info);
		free(p);
		free(orig);
	}
	/* Nothing else was left in the directory. */
	assert_int_equal(tf_count_entries(*state), 2 * (int)UTIL_ARRAY_LEN(corpus));
}

static void test_edit_save_keeps_status(void **state)
{
	size_t len;
	char *orig = tu_corpus_file("vaad-2024-he.txt", &len);
	char *p = tf_path(state, "vaad.txt"), *cause = NULL;
	tf_put_file(p, orig, len);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	doc_line_attr(d, d->recs[1].line)->status = DOC_ST_DONE;
	/* An edit: a new line at the top of the discussion. */
	doc_line_insert(d, d->sections[2].first, "נוסף.", strlen("נוסף."), DOC_EOL_LF);
	assert_true(d->modified);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_false(d->modified);
	doc_free(d);
	store_info_free(&info);
	d = store_open(p, 0, &info, &cause);
	assert_int_equal(info.side, STORE_SIDE_OK);
	assert_int_equal(doc_attr_of(d, d->recs[1].line)->status, DOC_ST_DONE);
	assert_int_equal(doc_attr_of(d, d->recs[0].line)->status, DOC_ST_OPEN);
	doc_free(d);
	store_info_free(&info);

	/* Edited in another editor: the text wins, the status follows the item. */
	size_t n;
	char *now = tu_slurp(p, &n);
	char *edited = xasprintf("%s- פריט חדש\n", now);
	tf_put_file(p, edited, strlen(edited));
	d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(info.side, STORE_SIDE_MERGED);
	assert_non_null(info.side_msg);
	char *want = xasprintf("%s was changed outside mahdar: 5 of 5 items kept their sidecar data", p);
	assert_string_equal(info.side_msg, want);
	assert_int_equal(doc_attr_of(d, d->recs[1].line)->status, DOC_ST_DONE);
	free(want);
	doc_free(d);
	store_info_free(&info);

	/* A document without items says nothing about "0 of 0 items". */
	const char *plain = "# Notes\n## Discussion\nfirst\n";
	tf_put_file(p, plain, strlen(plain));
	d = store_open(p, 0, &info, &cause);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	doc_free(d);
	store_info_free(&info);
	const char *changed = "# Notes\n## Discussion\nfirst, changed elsewhere\n";
	tf_put_file(p, changed, strlen(changed));
	d = store_open(p, 0, &info, &cause);
	assert_int_equal(info.side, STORE_SIDE_MERGED);
	want = xasprintf("%s was changed outside mahdar; the text was read as it is now", p);
	assert_string_equal(info.side_msg, want);
	free(want);
	doc_free(d);
	store_info_free(&info);
	free(edited);
	free(now);
	free(p);
	free(orig);
}

static void test_broken_sidecar_backed_up(void **state)
{
	char *p = tf_path(state, "m.txt"), *s = tf_path(state, "m.json"), *cause = NULL;
	static const char text[] = "# M\n\n## Decisions\n- yes\n";
	static const char broken[] = "{\n  \"format\": \"minutes\",\n  \"version\": 1,,\n}\n";
	tf_put_file(p, text, sizeof text - 1);
	tf_put_file(s, broken, sizeof broken - 1);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(info.side, STORE_SIDE_BROKEN);
	char *want = xasprintf("%s:3:16: string or '}' expected near ',' — the document opened from the "
			       "text alone; the sidecar will be backed up before it is rewritten", s);
	assert_string_equal(info.side_msg, want);
	free(want);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	/* The old bytes are in the backup; the sidecar is new and valid. */
	assert_non_null(info.backup_path);
	assert_true(strncmp(info.backup_path, s, strlen(s)) == 0);
	tf_assert_file_is(info.backup_path, broken, sizeof broken - 1);
	assert_side_matches(s, p);
	tf_assert_file_is(p, text, sizeof text - 1);
	assert_int_equal(info.side, STORE_SIDE_OK);
	/* A second save does not make a second backup. */
	char *first = xstrdup(info.backup_path);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_string_equal(info.backup_path, first);
	assert_int_equal(tf_count_entries(*state), 3);
	free(first);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
}

static void test_unknown_version_backed_up(void **state)
{
	char *p = tf_path(state, "m.txt"), *s = tf_path(state, "m.json"), *cause = NULL;
	static const char text[] = "# M\n";
	static const char v2[] = "{\"format\": \"minutes\", \"version\": 2}\n";
	tf_put_file(p, text, sizeof text - 1);
	tf_put_file(s, v2, sizeof v2 - 1);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_int_equal(info.side, STORE_SIDE_BROKEN);
	char *want = xasprintf("%s:1:34: unknown sidecar version 2 (this mahdar reads version 1) — the "
			       "document opened from the text alone; the sidecar will be backed up before "
			       "it is rewritten", s);
	assert_string_equal(info.side_msg, want);
	free(want);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	tf_assert_file_is(info.backup_path, v2, sizeof v2 - 1);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
}

/* Open m.txt beside a sidecar that cannot be backed up or written (made by
 * spoil()), edit, save: the text is saved (it is the document of record),
 * the sidecar left as it is, and the caller told, with why. */
static void expect_text_saved_alone(void **state, void (*spoil)(const char *side), const char *why)
{
	char *p = tf_path(state, "m.txt"), *s = tf_path(state, "m.json"), *cause = NULL;
	static const char text[] = "# M\n";
	tf_put_file(p, text, sizeof text - 1);
	spoil(s);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(info.side, STORE_SIDE_BROKEN);
	doc_line_insert(d, 1, "added", 5, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), 1);
	char *want = xasprintf("saved %s; the sidecar %s was not written: it could not be backed up first (%s)",
			       p, s, why);
	assert_string_equal(cause, want);
	free(cause);
	cause = NULL;
	tf_assert_file_is(p, "# M\nadded\n", 10);
	assert_false(d->modified);
	assert_null(info.backup_path);
	assert_int_equal(tf_count_entries(*state), 2);	/* no backup, no temporary file */
	/* Saving again tries again, and says so again. */
	doc_line_insert(d, 2, "more", 4, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), 1);
	assert_string_equal(cause, want);
	tf_assert_file_is(p, "# M\nadded\nmore\n", 15);
	free(want);
	free(cause);
	cause = NULL;
	/* Once the sidecar's place is usable again, the next save writes it. */
	assert_int_equal(remove(s), 0);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_null(cause);
	assert_side_matches(s, p);
	assert_int_equal(remove(s), 0);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
}

static void spoil_dir(const char *side)
{
	assert_int_equal(mkdir(side, 0755), 0);
}

static void spoil_fifo(const char *side)
{
	assert_int_equal(mkfifo(side, 0644), 0);
}

static void spoil_unreadable(const char *side)
{
	tf_put_file(side, "{\"format\": \"minutes\"}", 21);
	assert_int_equal(chmod(side, 0), 0);
}

static void test_text_saved_without_sidecar(void **state)
{
	expect_text_saved_alone(state, spoil_dir, "is a directory");
	expect_text_saved_alone(state, spoil_fifo, "is a FIFO (named pipe), not a regular file");
	if (geteuid() != 0)	/* root reads anything */
		expect_text_saved_alone(state, spoil_unreadable, "Permission denied");

	/* A sidecar that was fine when the file was opened and has become a
	 * directory since: the same, without the backup. */
	char *p = tf_path(state, "n.txt"), *s = tf_path(state, "n.json"), *cause = NULL;
	tf_put_file(p, "# N\n", 4);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_int_equal(remove(s), 0);
	assert_int_equal(mkdir(s, 0755), 0);
	doc_line_insert(d, 1, "x", 1, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), 1);
	char *want = xasprintf("saved %s; the sidecar %s was not written: it is a directory", p, s);
	assert_string_equal(cause, want);
	tf_assert_file_is(p, "# N\nx\n", 6);
	assert_false(d->modified);
	free(want);
	free(cause);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
}

/* Run store_save() under a file size limit of limit bytes. */
static int save_limited(struct doc *d, struct store_info *info, rlim_t limit, char **cause)
{
	struct rlimit saved, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small = saved;
	small.rlim_cur = limit;
	void (*oldsig)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int r = store_save(d, info, "2026-11-25T11:00:00+03:30", cause);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, oldsig);
	return r;
}

static void test_failed_save_changes_nothing(void **state)
{
	size_t len;
	char *orig = tu_corpus_file("library-2025-en.txt", &len);
	char *p = tf_path(state, "lib.txt"), *s = tf_path(state, "lib.json"), *cause = NULL;
	tf_put_file(p, orig, len);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	size_t slen;
	char *side_before = tu_slurp(s, &slen);
	doc_line_insert(d, 1, "Extra: line", 11, DOC_EOL_LF);

	/* A file size limit between the text's size and the sidecar's: the
	 * text can be written, the sidecar cannot.  No room is no reason to
	 * split the pair: neither may change. */
	assert_true(slen > len + 200);
	assert_int_equal(save_limited(d, &info, len + 100, &cause), -1);
	/* The message says that neither file was saved, not just the sidecar. */
	char *want = xasprintf("%s: not saved, because its sidecar %s does not fit: File too large (neither "
			       "file on disk was changed)", p, s);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	cause = NULL;
	tf_assert_file_is(p, orig, len);
	tf_assert_file_is(s, side_before, slen);
	assert_true(d->modified);
	assert_int_equal(tf_count_entries(*state), 2);
	/* No room even for the text: the same. */
	assert_int_equal(save_limited(d, &info, 100, &cause), -1);
	want = xasprintf("%s: cannot save: File too large (the file on disk is unchanged)", p);
	assert_string_equal(cause, want);
	free(want);
	tf_assert_file_is(p, orig, len);
	tf_assert_file_is(s, side_before, slen);
	assert_true(d->modified);
	assert_int_equal(tf_count_entries(*state), 2);
	free(side_before);

	/* A place that cannot hold files at all (under a regular file). */
	doc_free(d);
	store_info_free(&info);
	char *bad = tf_path(state, "lib.txt/new.txt");
	d = store_open(bad, 1, &info, &cause);
	assert_non_null(d);
	assert_true(info.text_missing);
	doc_line_insert(d, 0, "# New", 5, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), -1);
	want = xasprintf("%s: cannot save: Not a directory", bad);
	assert_string_equal(cause, want);
	free(want);
	tf_assert_file_is(p, orig, len);
	free(bad);
	free(cause);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
	free(orig);
}

static void test_no_room_for_backup(void **state)
{
	/* A broken sidecar must be backed up before it is replaced; with no
	 * room for the backup, nothing is saved and nothing changes. */
	char *p = tf_path(state, "m.txt"), *s = tf_path(state, "m.json"), *cause = NULL;
	static const char text[] = "# M\n";
	char broken[400];
	memset(broken, ' ', sizeof broken);
	broken[0] = '{';
	tf_put_file(p, text, sizeof text - 1);
	tf_put_file(s, broken, sizeof broken);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_int_equal(info.side, STORE_SIDE_BROKEN);
	doc_line_insert(d, 1, "added", 5, DOC_EOL_LF);
	assert_int_equal(save_limited(d, &info, 200, &cause), -1);
	assert_non_null(strstr(cause, ": File too large (nothing was saved)"));
	assert_true(strncmp(cause, s, strlen(s)) == 0);
	tf_assert_file_is(p, text, sizeof text - 1);
	tf_assert_file_is(s, broken, sizeof broken);
	assert_null(info.backup_path);
	assert_true(d->modified);
	assert_int_equal(tf_count_entries(*state), 2);
	free(cause);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
}

static void test_refuses_binary_and_missing(void **state)
{
	char *p = tf_path(state, "x.txt"), *cause = NULL, *want;
	char bytes[200];
	memset(bytes, 'a', sizeof bytes);
	bytes[123] = '\0';
	tf_put_file(p, bytes, sizeof bytes);
	struct store_info info;
	assert_null(store_open(p, 0, &info, &cause));
	want = xasprintf("%s: looks like a binary file (NUL byte at offset 123), not minutes text", p);
	assert_string_equal(cause, want);
	free(want);
	store_info_free(&info);	/* harmless after a failed open */

	/* A directory. */
	assert_null(store_open(*state, 1, &info, &cause));
	want = xasprintf("%s: is a directory", (char *)*state);
	assert_string_equal(cause, want);
	free(want);

	/* An empty file is fine. */
	tf_put_file(p, "", 0);
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(d->nlines, 0);
	assert_false(info.text_missing);
	doc_free(d);
	store_info_free(&info);

	/* Missing: an error, unless a new document is wanted. */
	char *m = tf_path(state, "new.txt");
	assert_null(store_open(m, 0, &info, &cause));
	want = xasprintf("%s: No such file or directory", m);
	assert_string_equal(cause, want);
	free(want);
	d = store_open(m, 1, &info, &cause);
	assert_non_null(d);
	assert_true(info.text_missing);
	assert_int_equal(info.side, STORE_SIDE_NONE);
	assert_int_equal(d->nlines, 0);
	doc_line_insert(d, 0, "# New", 5, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_false(info.text_missing);
	tf_assert_file_is(m, "# New\n", 6);
	char *ms = tf_path(state, "new.json");
	assert_side_matches(ms, m);
	free(ms);
	doc_free(d);
	store_info_free(&info);
	free(m);
	free(cause);
	free(p);
}

static void test_orphan_sidecar_kept(void **state)
{
	/* x.json without x.txt: not read, but not lost either. */
	char *p = tf_path(state, "x.txt"), *s = tf_path(state, "x.json"), *cause = NULL;
	static const char old[] = "{\"format\": \"minutes\", \"version\": 1, \"agenda\": []}\n";
	tf_put_file(s, old, sizeof old - 1);
	struct store_info info;
	struct doc *d = store_open(p, 1, &info, &cause);
	assert_non_null(d);
	assert_true(info.text_missing);
	assert_int_equal(info.side, STORE_SIDE_BROKEN);
	assert_non_null(info.side_msg);
	doc_line_insert(d, 0, "# X", 3, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	tf_assert_file_is(info.backup_path, old, sizeof old - 1);
	assert_side_matches(s, p);
	doc_free(d);
	store_info_free(&info);
	free(s);
	free(p);
}

/* A recovery copy: written beside the file, found at the next open, read
 * back with the sidecar's data kept for its items, and dropped. */
static void test_recovery_copy(void **state)
{
	size_t len;
	char *orig = tu_corpus_file("vaad-2024-he.txt", &len);
	char *p = tf_path(state, "vaad.txt"), *cause = NULL, *when = NULL;
	tf_put_file(p, orig, len);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	doc_line_attr(d, d->recs[0].line)->status = DOC_ST_DONE;
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_false(info.recover);
	assert_int_equal(store_recover_check(d, &info, &when), 0);	/* none yet */

	/* Unsaved work: a line added; the copy holds it, the file does not. */
	doc_line_insert(d, d->sections[2].first, "שורה חדשה.", strlen("שורה חדשה."), DOC_EOL_LF);
	assert_int_equal(store_recover_write(d, &info, &cause), 0);
	char *rpath = tf_path(state, "vaad.txt.recover");
	size_t tlen;
	char *text = txt_write(d, &tlen);
	char *jtext;
	size_t jlen;
	assert_int_equal(store_recover_text(&info, &jtext, &jlen, &cause), 0);
	assert_int_equal(jlen, tlen);
	assert_memory_equal(jtext, text, tlen);
	free(jtext);
	struct stat rst;
	assert_int_equal(stat(rpath, &rst), 0);
	assert_int_equal(rst.st_mode & 0777, 0600);	/* private, whatever the umask */
	tf_assert_file_is(p, orig, len);
	doc_free(d);
	store_info_free(&info);

	/* The next open notices it; the saved document differs from it. */
	d = store_open(p, 0, &info, &cause);
	assert_true(info.recover);
	assert_string_equal(info.recover_path, rpath);
	assert_int_equal(store_recover_check(d, &info, &when), 1);
	assert_int_equal(strlen(when), strlen("2026-11-25 10:42"));
	free(when);
	doc_free(d);
	store_info_free(&info);

	/* Restored: the text of the copy, the status of the sidecar, modified. */
	d = store_open_recover(p, &info, &cause);
	assert_non_null(d);
	assert_true(d->modified);
	size_t rlen;
	char *rtext = txt_write(d, &rlen);
	assert_int_equal(rlen, tlen);
	assert_memory_equal(rtext, text, tlen);
	assert_int_equal(doc_attr_of(d, d->recs[0].line)->status, DOC_ST_DONE);
	/* Saved: the file now holds it.  The journal was written on the text
	 * as it was before; on another text it cannot be replayed, so it is
	 * set aside, never dropped unread (the editor drops it on save). */
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	tf_assert_file_is(p, text, tlen);
	assert_int_equal(store_recover_check(d, &info, &when), -1);
	assert_non_null(strstr(when, "was changed since the recovery journal was started"));
	assert_non_null(strstr(when, "it is kept as"));
	free(when);
	assert_false(fio_exists(rpath));
	assert_false(info.recover);
	assert_int_equal(store_recover_drop(&info, &cause), 0);	/* already gone: fine */
	doc_free(d);
	store_info_free(&info);
	free(rtext);
	free(text);
	free(rpath);
	free(p);
	free(orig);
}

/* A file without a sidecar (read in place: its lines made in the bytes
 * read) gives a recovery journal that replays on it — the base's hash is
 * of the file as on disk, taken before the bytes became lines. */
static void test_recovery_without_sidecar(void **state)
{
	char *p = tf_path(state, "plain.txt"), *cause = NULL;
	static const char orig[] = "# Minutes\r\nDate: 2026-11-27\n\n## Agenda\n1. Budget";
	tf_put_file(p, orig, sizeof orig - 1);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	doc_line_splice(d, 4, 0, 0, "* ", 2);
	doc_line_insert(d, 1, "Place: hall", 11, DOC_EOL_LF);
	assert_int_equal(store_recover_write(d, &info, &cause), 0);
	char *text;
	size_t len, want_len;
	char *want = txt_write(d, &want_len);
	if (store_recover_text(&info, &text, &len, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(len, want_len);
	assert_memory_equal(text, want, len);
	free(text);
	free(want);
	doc_free(d);
	store_info_free(&info);
	free(p);
}

/* A huge valid sidecar (100 MB of JSON) is not read: the document opens at
 * once from its text, with a message, and the sidecar is backed up before
 * it is rewritten.  Private minutes: the sidecar written beside a 0600
 * text is 0600 too.  A hard-linked file keeps its links. */
static void test_huge_sidecar_private_links(void **state)
{
	char *p = tf_path(state, "m.txt"), *sp = tf_path(state, "m.json"), *cause = NULL;
	tf_put_file(p, "# Minutes\n", 10);
	FILE *f = fopen(sp, "w");
	assert_non_null(f);
	fputs("{\"format\": \"minutes\", \"version\": 1, \"x\": [", f);
	for (int i = 0; i < 100 * 1024 * 1024 / 64; i++)
		fputs("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",", f);
	fputs("0]}\n", f);
	fclose(f);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_non_null(d);
	assert_true((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < 1000);
	assert_int_equal(info.side, STORE_SIDE_BROKEN);
	assert_non_null(strstr(info.side_msg, "larger than a sidecar of this text can be"));
	/* Private: saved as 0600, the new sidecar is 0600; the old one is kept. */
	assert_int_equal(chmod(p, 0600), 0);
	char *other = tf_path(state, "other-name.txt");
	assert_int_equal(link(p, other), 0);
	doc_line_insert(d, 1, "new", 3, DOC_EOL_LF);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_non_null(info.backup_path);
	struct stat st;
	assert_int_equal(stat(sp, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(st.st_size < 4096);
	assert_int_equal(stat(info.backup_path, &st), 0);
	assert_true(st.st_size > 100 * 1000 * 1000);
	unlink(info.backup_path);
	/* Both names show the saved text. */
	tf_assert_file_is(other, "# Minutes\nnew\n", 14);
	tf_assert_file_is(p, "# Minutes\nnew\n", 14);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *dir = tf_path(state, ".");
	assert_int_equal(tf_count_entries(dir), 3);	/* m.txt, its other name, m.json: nothing stray */
	free(dir);
	doc_free(d);
	store_info_free(&info);
	free(other);
	free(sp);
	free(p);
}

/* Saves after edits reuse what the last save wrote of the sections' text
 * (side.h's cache): the sidecar on disk after each one is byte for byte
 * the one written from scratch, and the text is the document's.  About
 * 2 MB, so that the text is dumped on two threads in many chunks. */
static void test_saves_after_edits_same_as_fresh(void **state)
{
	char *p = tf_path(state, "long.txt"), *sp = tf_path(state, "long.json"), *cause = NULL;
	struct buf b = BUF_INIT;
	buf_puts(&b, "# Long minutes\nDate: 2024-03-15\n");
	for (int s = 0; s < 300; s++) {
		buf_printf(&b, s % 3 ? "## Part %d\n" : "## Discussion\n", s);
		for (int i = 0; i < 80; i++)
			buf_printf(&b, i % 7 ? "line %d of %d, \"said\" with a \\ and words to fill it out\n" : "\n", i, s);
	}
	tf_put_file(p, b.s, b.len);
	buf_free(&b);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	srand(5);
	for (int round = 0; round < 8; round++) {
		for (int e = 0; e < round; e++) {
			size_t i = 2 + (size_t)rand() % (d->nlines - 2);
			if (e % 3 == 0)
				doc_line_splice(d, i, 0, 0, "\xd8\xa8", 2);
			else if (e % 3 == 1)
				doc_line_insert(d, i, "## Closing", 10, DOC_EOL_LF);
			else
				doc_line_delete(d, i);
		}
		assert_int_equal(store_save(d, &info, NOW, &cause), 0);
		assert_non_null(info.side_cache);
		size_t tl, jl, fl;
		char *text = txt_write(d, &tl);
		tf_assert_file_is(p, text, tl);
		char *fresh = side_write(d, text, tl, NOW, &fl);
		char *json = tu_slurp(sp, &jl);
		assert_int_equal(jl, fl);
		assert_memory_equal(json, fresh, fl);
		free(json);
		free(fresh);
		free(text);
	}
	assert_side_matches(sp, p);
	doc_free(d);
	store_info_free(&info);
	free(sp);
	free(p);
}

/* In a sticky directory (like /tmp), a file of another user that we may
 * write is saved in place; one we may not gets a message that says why
 * ("Operation not permitted" alone did not).  Needs root to make the
 * users; skipped otherwise. */
static void test_sticky_directory(void **state)
{
	if (geteuid() != 0) {
		skip();
		return;
	}
	char *dir = tf_path(state, "sticky");
	assert_int_equal(mkdir(dir, 01777), 0);
	assert_int_equal(chmod(dir, 01777), 0);
	char *top = tf_path(state, ".");
	assert_int_equal(chmod(top, 0755), 0);
	char *w = xasprintf("%s/shared.txt", dir), *r = xasprintf("%s/theirs.txt", dir);
	tf_put_file(w, "# Shared\n", 9);
	tf_put_file(r, "# Theirs\n", 9);
	assert_int_equal(chown(w, 1, 1), 0);
	assert_int_equal(chown(r, 1, 1), 0);
	assert_int_equal(chmod(w, 0666), 0);
	assert_int_equal(chmod(r, 0644), 0);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	if (pid == 0) {	/* as nobody: save both */
		close(fds[0]);
		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(2);
		const char *paths[] = {w, r};
		for (int i = 0; i < 2; i++) {
			struct store_info info;
			char *cause = NULL;
			struct doc *d = store_open(paths[i], 0, &info, &cause);
			if (d == NULL)
				_exit(3);
			doc_line_insert(d, 1, "more", 4, DOC_EOL_LF);
			int res = store_save(d, &info, NOW, &cause);
			dprintf(fds[1], "%d %s\n", res, cause != NULL ? cause : "-");
		}
		_exit(0);
	}
	close(fds[1]);
	char out[2048] = "";
	size_t got = 0;
	ssize_t k;
	while ((k = read(fds[0], out + got, sizeof out - 1 - got)) > 0)
		got += (size_t)k;
	out[got] = '\0';
	close(fds[0]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* The writable one: saved in place, still the other user's. */
	assert_true(strncmp(out, "0 -\n", 4) == 0 || strncmp(out, "1 ", 2) == 0);
	tf_assert_file_is(w, "# Shared\nmore\n", 14);
	struct stat sb;
	assert_int_equal(stat(w, &sb), 0);
	assert_int_equal(sb.st_uid, 1);
	/* The other: refused, and the message says why. */
	assert_non_null(strstr(out, "-1 "));
	assert_non_null(strstr(out, "is sticky, and only the file's owner may replace it"));
	tf_assert_file_is(r, "# Theirs\n", 9);
	char *dj = xasprintf("%s/shared.json", dir), *tj = xasprintf("%s/theirs.json", dir);
	unlink(dj);
	unlink(tj);
	free(dj);
	free(tj);
	free(w);
	free(r);
	free(top);
	free(dir);
}

/* A file opened without a sidecar (read in place, its bytes cut into lines)
 * and touched by another program without a change is not "changed on disk":
 * the hash kept at open is that of the file, not of the cut bytes (the
 * recovery journal builds on it too). */
static void test_touched_not_changed(void **state)
{
	for (int with_side = 0; with_side < 2; with_side++) {
		char *p = tf_path(state, "t.txt"), *cause = NULL;
		tf_put_file(p, "# T\nline one\r\nline two", 22);
		struct store_info info;
		struct doc *d = store_open(p, 0, &info, &cause);
		if (d == NULL)
			fail_msg("%s", cause);
		if (with_side) {	/* now it has one: open again */
			assert_int_equal(store_save(d, &info, NOW, &cause), 0);
			doc_free(d);
			store_info_free(&info);
			d = store_open(p, 0, &info, &cause);
		}
		struct timespec later[2] = { { time(NULL) + 5, 0 }, { time(NULL) + 5, 0 } };
		assert_int_equal(utimensat(AT_FDCWD, p, later, 0), 0);
		assert_int_equal(store_disk_changed(&info), 0);
		tf_put_file(p, "# T\nline one\r\nline 2!!", 22);
		assert_int_equal(store_disk_changed(&info), 1);
		doc_free(d);
		store_info_free(&info);
		free(p);
	}
}

/* Write text to name in the test's directory and open it (*path: its
 * name, caller frees). */
static struct doc *ts_put_open(void **state, const char *name, const char *text, struct store_info *info,
			       char **path)
{
	char *cause = NULL;
	*path = tf_path(state, name);
	tf_put_file(*path, text, strlen(text));
	struct doc *d = store_open(*path, 0, info, &cause);
	if (d == NULL)
		fail_msg("%s", cause);
	return d;
}

/* The editor asks every two seconds whether the file was changed outside.
 * A changed version is read and hashed once (on 20 MB that stalled the
 * editor 15-45 ms every two seconds), then known by its size, time and
 * identity; the answer still follows the file: a new time is read again
 * (written back as it was is no change), deleted is 2, back is 0. */
static void test_outside_change_read_once(void **state)
{
	const char *orig = "# T\nline one\n", *other = "# T\nline two\n";
	size_t n = strlen(orig);
	struct store_info info;
	char *p;
	struct doc *d = ts_put_open(state, "o.txt", orig, &info, &p);
	time_t now = time(NULL);
	struct timespec t1[2] = { { now + 5, 0 }, { now + 5, 0 } }, t2[2] = { { now + 10, 0 }, { now + 10, 0 } };
	tf_put_file(p, other, n);
	assert_int_equal(utimensat(AT_FDCWD, p, t1, 0), 0);
	assert_int_equal(store_disk_changed(&info), 1);
	assert_int_equal(store_disk_changed(&info), 1);
	/* The first bytes written back in place with the same size and time:
	 * the version already read, by its stat — not read again. */
	tf_put_file(p, orig, n);
	assert_int_equal(utimensat(AT_FDCWD, p, t1, 0), 0);
	assert_int_equal(store_disk_changed(&info), 1);
	/* A new time: read again, and it holds the text as opened. */
	assert_int_equal(utimensat(AT_FDCWD, p, t2, 0), 0);
	assert_int_equal(store_disk_changed(&info), 0);
	tf_put_file(p, other, n);
	assert_int_equal(store_disk_changed(&info), 1);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(store_disk_changed(&info), 2);
	tf_put_file(p, orig, n);
	assert_int_equal(store_disk_changed(&info), 0);
	doc_free(d);
	store_info_free(&info);
	free(p);
}

/* store_disk_watch() until it answers (a thread reads and hashes). */
static int tf_watch(struct store_info *info)
{
	int r;
	for (int i = 0; (r = store_disk_watch(info)) == STORE_DISK_PENDING; i++) {
		assert_true(i < 10000);	/* 10 s */
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	return r;
}

/* The editor's disk watch reads and hashes a changed file in a thread
 * (20 MB took its loop 15-45 ms): the same answers as store_disk_changed(),
 * and an answer about the file before a save is not given after it (the
 * file is then the document's own). */
static void test_outside_change_watched(void **state)
{
	struct store_info info;
	char *p, *cause = NULL;
	struct doc *d = ts_put_open(state, "w.txt", "# T\nline one\n", &info, &p);
	assert_int_equal(store_disk_watch(&info), 0);	/* a stat: at once */
	time_t now = time(NULL);
	struct timespec later[2] = { { now + 5, 0 }, { now + 5, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, p, later, 0), 0);
	assert_int_equal(store_disk_watch(&info), STORE_DISK_PENDING);
	assert_int_equal(tf_watch(&info), 0);	/* touched, not changed */
	tf_put_file(p, "# T\nline two\n", 13);
	assert_int_equal(tf_watch(&info), 1);
	assert_int_equal(store_disk_watch(&info), 1);	/* known by its stat */
	/* Changed again, and saved over while the thread reads it. */
	tf_put_file(p, "# T\nline 3\n", 11);
	assert_int_equal(store_disk_watch(&info), STORE_DISK_PENDING);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	assert_int_equal(tf_watch(&info), 0);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(tf_watch(&info), 2);
	doc_free(d);
	store_info_free(&info);
	free(p);
}

/* store_recover_write_bg() until a child writing the whole text is done. */
static int ts_recover_bg(struct doc *d, struct store_info *info, char **cause)
{
	int r;
	for (int i = 0; (r = store_recover_write_bg(d, info, cause)) == STORE_RECOVER_PENDING; i++) {
		assert_true(i < 20000);	/* 20 s */
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	return r;
}

/* After an outside change the recovery journal starts again from the
 * whole text, which a child process writes (on 20 MB it took the editor's
 * loop 61 ms): the lines typed while it writes follow it in the journal,
 * and the copy read back is the document; a drop while it writes leaves
 * no file behind. */
static void test_recovery_whole_text_in_child(void **state)
{
	struct buf big = BUF_INIT;
	buf_puts(&big, "# Minutes\n");
	for (int i = 0; i < 100000; i++)
		buf_printf(&big, "Line %d of the minutes, long enough to take the child a while.\n", i);
	struct store_info info;
	char *p, *cause = NULL;
	struct doc *d = ts_put_open(state, "c.txt", big.s, &info, &p);
	doc_line_insert(d, 1, "typed before", 12, DOC_EOL_LF);
	info.journal_inline = 1;	/* as buffer_watch() does after an outside change */
	int r = store_recover_write_bg(d, &info, &cause);
	assert_true(r == STORE_RECOVER_PENDING || r == 0);
	doc_line_insert(d, 3, "typed while it writes", 21, DOC_EOL_LF);
	doc_line_delete(d, 5);
	assert_int_equal(ts_recover_bg(d, &info, &cause), 0);
	char *text, *want;
	size_t len, wlen;
	assert_int_equal(store_recover_text(&info, &text, &len, &cause), 0);
	want = txt_write(d, &wlen);
	assert_int_equal(len, wlen);
	assert_memory_equal(text, want, len);
	free(text);
	free(want);
	/* Started again, and dropped (a save, an undo back) at once. */
	info.journal_inline = 1;
	r = store_recover_write_bg(d, &info, &cause);
	assert_true(r == STORE_RECOVER_PENDING || r == 0);
	assert_int_equal(store_recover_drop(&info, &cause), 0);
	char *rp = xstrdup(info.recover_path);
	doc_free(d);
	store_info_free(&info);	/* a child still running is waited for */
	assert_false(fio_exists(rp));
	free(rp);
	buf_free(&big);
	free(p);
}

/* An item's status changed after the last save (an undoable edit of its
 * sidecar data) reaches the recovery journal: after a crash the restored
 * document has it, on the right line even when lines were added before it
 * later, and the new journal carries it on. */
static void test_recovery_keeps_item_data(void **state)
{
	size_t len;
	char *orig = tu_corpus_file("vaad-2024-he.txt", &len);
	char *p = tf_path(state, "v.txt"), *cause = NULL;
	tf_put_file(p, orig, len);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);	/* a sidecar: all open */
	size_t item = d->recs[0].line;
	char *id = xstrdup(doc_attr_of(d, item)->id);
	struct doc_attr a = *doc_attr_of(d, item);
	a.status = DOC_ST_DONE;
	doc_attr_free(doc_line_attr_swap(d, item, doc_attr_dup(&a)));
	assert_int_equal(store_recover_write(d, &info, &cause), 0);
	doc_line_insert(d, 1, "x", 1, DOC_EOL_LF);	/* the item moves down a line */
	assert_int_equal(store_recover_write(d, &info, &cause), 0);
	doc_free(d);	/* the process dies: no save */
	store_info_free(&info);

	d = store_open_recover(p, &info, &cause);
	assert_non_null(d);
	const struct doc_attr *got = doc_attr_of(d, item + 1);
	assert_non_null(got);
	assert_int_equal(got->status, DOC_ST_DONE);
	assert_string_equal(got->id, id);
	/* The restored document's own journal writes the data again. */
	assert_true(d->attrs_changed);
	assert_int_equal(store_recover_write(d, &info, &cause), 0);
	doc_free(d);
	store_info_free(&info);
	d = store_open_recover(p, &info, &cause);
	assert_int_equal(doc_attr_of(d, item + 1)->status, DOC_ST_DONE);
	doc_free(d);
	store_info_free(&info);
	free(id);
	free(p);
	free(orig);
}

/* The hash kept at open is that of the file's bytes, also when it is made
 * from the lines cut in place (each terminator's first byte a NUL, in a
 * second thread): every mix of LF, CRLF, lone CRs and empty lines. */
static void test_open_hash_is_the_files(void **state)
{
	static const char *const texts[] = {
		"", "\n", "\n\n", "a", "a\n", "a\r\n", "a\r", "\r", "\r\n\r\n", "\r\r\n",
		"a\r\r\nb\n\nc\r\n", "x\ry\n\r", "# T\n\r\nline\r\n\n\nend",
	};
	char *p = tf_path(state, "h.txt");
	char mix[5001];
	unsigned seed = 7;
	for (size_t i = 0; i < sizeof mix - 1; i++) {	/* a deterministic jumble */
		seed = seed * 1103515245u + 12345u;
		mix[i] = "ab\r\n\n\xd8\xa8"[(seed >> 16) % 7];
	}
	mix[sizeof mix - 1] = '\0';
	for (size_t k = 0; k <= UTIL_ARRAY_LEN(texts); k++) {
		const char *t = k < UTIL_ARRAY_LEN(texts) ? texts[k] : mix;
		char want[65], *cause = NULL;
		side_sha256_hex(t, strlen(t), want);
		tf_put_file(p, t, strlen(t));
		struct store_info info;
		struct doc *d = store_open(p, 0, &info, &cause);
		if (d == NULL)
			fail_msg("%s", cause);
		assert_string_equal(info.disk_sha, want);
		size_t len;
		char *back = txt_write(d, &len);	/* and the lines are the bytes */
		assert_int_equal(len, strlen(t));
		assert_memory_equal(back, t, len);
		free(back);
		doc_free(d);
		store_info_free(&info);
	}
	free(p);
}

/* The sidecar is parsed before its text is read (its bytes gone by then)
 * and applied once the text is analysed: the items get their data back;
 * a text that turns out binary or unreadable is refused as before, the
 * parsed sidecar let go (ASan, in make check, sees a leak). */
static void test_sidecar_parsed_first(void **state)
{
	char *p = tf_path(state, "s.txt"), *cause = NULL;
	static const char text[] = "# S\n\n## Recommendations\n- Print the report — owner: Sam\n";
	tf_put_file(p, text, sizeof text - 1);
	struct store_info info;
	struct doc *d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(d->nrecs, 1);
	doc_line_attr(d, d->recs[0].line)->status = DOC_ST_DONE;
	assert_int_equal(store_save(d, &info, NOW, &cause), 0);
	char *id = xstrdup(doc_attr_of(d, d->recs[0].line)->id);
	doc_free(d);
	store_info_free(&info);
	/* opened again: the status and id come from the sidecar */
	d = store_open(p, 0, &info, &cause);
	assert_non_null(d);
	assert_int_equal(info.side, STORE_SIDE_OK);
	const struct doc_attr *a = doc_attr_of(d, d->recs[0].line);
	assert_non_null(a);
	assert_int_equal(a->status, DOC_ST_DONE);
	assert_string_equal(a->id, id);
	doc_free(d);
	store_info_free(&info);
	/* the text binary now: refused, naming the file */
	tf_put_file(p, "# S\n\0x\n", 7);
	assert_null(store_open(p, 0, &info, &cause));
	assert_non_null(strstr(cause, "looks like a binary file"));
	free(cause);
	cause = NULL;
	/* the text a directory now: refused */
	assert_int_equal(remove(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_null(store_open(p, 0, &info, &cause));
	assert_non_null(strstr(cause, "is a directory"));
	free(cause);
	assert_int_equal(rmdir(p), 0);
	free(id);
	free(p);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tf_setup_dir, tf_teardown_dir)
	const struct CMUnitTest tests[] = {
		T(test_round_trip_corpus),
		T(test_edit_save_keeps_status),
		T(test_broken_sidecar_backed_up),
		T(test_unknown_version_backed_up),
		T(test_text_saved_without_sidecar),
		T(test_no_room_for_backup),
		T(test_failed_save_changes_nothing),
		T(test_refuses_binary_and_missing),
		T(test_orphan_sidecar_kept),
		T(test_recovery_copy),
		T(test_recovery_without_sidecar),
		T(test_huge_sidecar_private_links),
		T(test_saves_after_edits_same_as_fresh),
		T(test_sticky_directory),
		T(test_touched_not_changed),
		T(test_outside_change_read_once),
		T(test_outside_change_watched),
		T(test_recovery_whole_text_in_child),
		T(test_recovery_keeps_item_data),
		T(test_open_hash_is_the_files),
		T(test_sidecar_parsed_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
