/* doc: line storage, attributes survive edits, ids are unique. */
#include "testutil.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mahdar/doc.h"
#include "mahdar/util.h"

static void test_insert_delete_splice(void **state)
{
	(void)state;
	struct doc *d = doc_new();
	doc_line_insert(d, 0, "world", 5, DOC_EOL_LF);
	doc_line_insert(d, 0, "hello", 5, DOC_EOL_CRLF);
	assert_int_equal(d->nlines, 2);
	assert_string_equal(doc_line_text(d, 0), "hello");
	assert_int_equal(d->lines[0].eol, DOC_EOL_CRLF);
	doc_line_splice(d, 1, 0, 1, "W", 1);
	assert_string_equal(doc_line_text(d, 1), "World");
	doc_line_splice(d, 1, 5, 0, "!!", 2);
	assert_string_equal(doc_line_text(d, 1), "World!!");
	assert_int_equal(d->lines[1].len, 7);
	doc_line_delete(d, 0);
	assert_int_equal(d->nlines, 1);
	assert_string_equal(doc_line_text(d, 0), "World!!");
	assert_true(d->modified);
	doc_free(d);
}

/* Line i holds exactly s (its length counted, its NUL in place) and ends with eol. */
static void expect_line(const struct doc *d, size_t i, const char *s, int eol)
{
	assert_int_equal(d->lines[i].len, strlen(s));
	assert_string_equal(doc_line_text(d, i), s);
	assert_int_equal(d->lines[i].eol, eol);
}

/* A document of four lines loaded at once, copied (doc_lines_load) or
 * handed over (doc_lines_adopt): every byte and terminator kept. */
static struct doc *four_lines(int adopt)
{
	static const char text[] = "first\r\nsecond line\n\nlast";
	struct doc *d = doc_new();
	if (adopt) {
		char *bytes = xmalloc(sizeof text);
		memcpy(bytes, text, sizeof text);
		doc_lines_adopt(d, bytes, sizeof text - 1);
	} else {
		doc_lines_load(d, text, sizeof text - 1);
	}
	assert_int_equal(d->nlines, 4);
	expect_line(d, 0, "first", DOC_EOL_CRLF);
	expect_line(d, 1, "second line", DOC_EOL_LF);
	expect_line(d, 2, "", DOC_EOL_LF);
	expect_line(d, 3, "last", DOC_EOL_NONE);
	return d;
}

/* Lines loaded at once can be edited (longer, shorter, emptied) and
 * deleted like any other. */
static void test_lines_load(void **state)
{
	(void)state;
	struct doc *d = four_lines(0);
	/* shorter, longer, emptied: the line's own bytes, its neighbours untouched */
	doc_line_splice(d, 1, 0, 7, "", 0);
	assert_string_equal(doc_line_text(d, 1), "line");
	doc_line_splice(d, 0, 5, 0, " and more than before", 21);
	assert_string_equal(doc_line_text(d, 0), "first and more than before");
	assert_string_equal(doc_line_text(d, 1), "line");
	doc_line_set(d, 3, "", 0);
	assert_int_equal(d->lines[3].len, 0);
	doc_line_delete(d, 2);
	doc_line_insert(d, 1, "new", 3, DOC_EOL_LF);
	assert_int_equal(d->nlines, 4);
	assert_string_equal(doc_line_text(d, 2), "line");
	/* a second load appends */
	doc_lines_load(d, "x\ny\n", 4);
	assert_int_equal(d->nlines, 6);
	assert_string_equal(doc_line_text(d, 5), "y");
	doc_free(d);
}

/* A buffer handed over keeps every byte of every line, and its lines edit
 * like any other. */
static void test_lines_adopt(void **state)
{
	(void)state;
	struct doc *d = four_lines(1);
	doc_line_splice(d, 3, 4, 0, " and four", 9);
	assert_string_equal(doc_line_text(d, 3), "last and four");
	assert_string_equal(doc_line_text(d, 1), "second line");
	doc_free(d);
	/* nothing to adopt: the buffer is freed all the same (ASan would say) */
	d = doc_new();
	doc_lines_adopt(d, xmalloc(1), 0);
	assert_int_equal(d->nlines, 0);
	doc_free(d);
}

/* A line's own buffer has no recorded size (it follows from the length):
 * grown past each power of two, shrunk and grown again, loaded in the
 * arena or inserted, every byte stays right (ASan, in make check, sees
 * any write past the buffer). */
static void test_line_buffer_grows(void **state)
{
	(void)state;
	struct doc *d = four_lines(1);
	doc_line_insert(d, 4, "", 0, DOC_EOL_NONE);
	char want[5000];
	for (size_t i = 0; i < 2; i++) {
		size_t li = i == 0 ? 1 : 4, n = d->lines[li].len;
		memcpy(want, doc_line_text(d, li), n);
		for (size_t k = 0; n + 7 < sizeof want; k++) {
			/* insert 7 bytes at a moving place, now and then drop 5 */
			size_t at = k % (n + 1);
			doc_line_splice(d, li, at, 0, "abcdefg", 7);
			memmove(want + at + 7, want + at, n - at);
			memcpy(want + at, "abcdefg", 7);
			n += 7;
			if (k % 3 == 2) {
				doc_line_splice(d, li, at / 2, 5, NULL, 0);
				memmove(want + at / 2, want + at / 2 + 5, n - at / 2 - 5);
				n -= 5;
			}
			assert_int_equal(d->lines[li].len, n);
			assert_memory_equal(doc_line_text(d, li), want, n);
			assert_int_equal(doc_line_text(d, li)[n], '\0');
		}
		doc_line_splice(d, li, 3, n - 3, "xy", 2);	/* shrunk to 5 bytes, grown again */
		doc_line_splice(d, li, 5, 0, want, 3000);
		assert_int_equal(d->lines[li].len, 3005);
		assert_memory_equal(doc_line_text(d, li) + 5, want, 3000);
	}
	assert_string_equal(doc_line_text(d, 2), "");	/* the neighbours untouched */
	assert_string_equal(doc_line_text(d, 3), "last");
	doc_free(d);
}

static void too_long_hook(void)
{
	fputs("[hook ran]", stderr);
}

/* What the child of test_line_over_4gib does: make a line longer than
 * 4 GiB (from a 1-byte buffer: it is never read). */
static void too_long_child(int how)
{
	util_set_oom_hook(too_long_hook);
	struct doc *d = doc_new();
	doc_lines_load(d, "short\n", 6);
	if (how == 0)
		doc_line_insert(d, 0, "x", DOC_LINE_MAX + 1, DOC_EOL_LF);
	else
		doc_line_splice(d, 0, 5, 0, "x", DOC_LINE_MAX - 2);
}

/* A line's length is 32 bits: an edit that would make one longer stops
 * mahdar the way an allocation that fails does — the editor's hook (which
 * writes the recovery journal) first, then a message naming the problem —
 * never a length cut short. */
static void test_line_over_4gib(void **state)
{
	(void)state;
	assert_true(sizeof(struct doc_line) <= 32);
	for (int how = 0; how < 2; how++) {
		int fd[2];
		assert_int_equal(pipe(fd), 0);
		fflush(stderr);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fd[0]);
			dup2(fd[1], 2);
			too_long_child(how);
			_exit(0);	/* not reached when the limit holds */
		}
		close(fd[1]);
		char out[512];
		size_t n = 0;
		ssize_t r;
		while (n + 1 < sizeof out && (r = read(fd[0], out + n, sizeof out - 1 - n)) > 0)
			n += (size_t)r;
		out[n] = '\0';
		close(fd[0]);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGABRT);
		assert_non_null(strstr(out, "[hook ran]mahdar: a line of more than 4 GiB"));
	}
}

static void test_attr_travels_with_line(void **state)
{
	(void)state;
	struct doc *d = doc_new();
	for (int i = 0; i < 3; i++)
		doc_line_insert(d, (size_t)i, "- item", 6, DOC_EOL_LF);
	struct doc_attr *a = doc_line_attr(d, 1);
	a->id = doc_id_new(d, 'r');
	a->status = DOC_ST_DONE;
	assert_string_equal(a->id, "r1");
	doc_line_insert(d, 0, "new first", 9, DOC_EOL_LF);
	doc_line_splice(d, 2, 2, 4, "changed", 7);
	assert_non_null(doc_attr_of(d, 2));
	assert_string_equal(doc_attr_of(d, 2)->id, "r1");
	assert_int_equal(doc_attr_of(d, 2)->status, DOC_ST_DONE);
	assert_int_equal(doc_find_id(d, "r1"), 2);
	char *next = doc_id_new(d, 'r');
	assert_string_equal(next, "r2");
	free(next);
	doc_free(d);
}

/* A document of text, loaded at once (its lines in one arena). */
static struct doc *doc_of(const char *text)
{
	struct doc *d = doc_new();
	doc_lines_load(d, text, strlen(text));
	return d;
}

/* A record is 16 bytes: 200,000 lines take 3.2 MB of them. */
static void test_record_is_16_bytes(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct doc_line), 16);
	struct doc *d = doc_of("a\nb\nc\n");
	assert_int_equal(d->cap, 3);	/* loaded at once: no slack */
	doc_free(d);
}

/* Item data follows its line however many lines come and go around it,
 * and goes with it when it is deleted; the item after it keeps its own. */
static void test_attr_follows_inserts_and_deletes(void **state)
{
	(void)state;
	struct doc *d = doc_of("# t\n- one\nx\n- two\ny\n");
	doc_line_attr(d, 1)->id = xstrdup("r1");
	doc_line_attr(d, 3)->id = xstrdup("r2");
	for (int k = 0; k < 5; k++)
		doc_line_insert(d, 0, "above", 5, DOC_EOL_LF);	/* r1 at 6, r2 at 8 */
	doc_line_insert(d, 7, "between", 7, DOC_EOL_LF);	/* r2 at 9 */
	doc_line_delete(d, 0);					/* r1 at 5, r2 at 8 */
	doc_line_delete(d, 6);					/* "between" gone: r2 at 7 */
	assert_string_equal(doc_line_text(d, 5), "- one");
	assert_string_equal(doc_attr_of(d, 5)->id, "r1");
	assert_string_equal(doc_line_text(d, 7), "- two");
	assert_string_equal(doc_attr_of(d, 7)->id, "r2");
	for (size_t i = 0; i < d->nlines; i++)
		if (i != 5 && i != 7)
			assert_null(doc_attr_of(d, i));
	doc_line_splice(d, 5, 2, 3, "uno", 3);	/* its own bytes changed: still its */
	assert_string_equal(doc_attr_of(d, 5)->id, "r1");
	doc_line_delete(d, 5);			/* r1 goes with its line */
	assert_int_equal(doc_find_id(d, "r1"), (size_t)-1);
	assert_int_equal(doc_find_id(d, "r2"), 6);
	assert_null(doc_attr_of(d, 5));
	doc_free(d);
}

/* Every line version has its own stamp: at load, and at every change. */
static void test_stamps_unique(void **state)
{
	(void)state;
	struct doc *d = doc_of("same\nsame\nsame\n");
	uint32_t g = d->gen;
	assert_true(d->lines[0].stamp != d->lines[1].stamp && d->lines[1].stamp != d->lines[2].stamp);
	for (size_t i = 0; i < 3; i++)
		assert_true(d->lines[i].stamp <= g);
	doc_line_splice(d, 1, 0, 0, "x", 1);
	assert_true(d->lines[1].stamp > g);	/* changed after gen g */
	assert_true(d->lines[0].stamp <= g && d->lines[2].stamp <= g);
	doc_line_insert(d, 0, "same", 4, DOC_EOL_LF);
	for (size_t i = 0; i < d->nlines; i++)
		for (size_t j = i + 1; j < d->nlines; j++)
			assert_true(d->lines[i].stamp != d->lines[j].stamp);
	doc_free(d);
}

/* Lines changed since loading get buffers of their own; a deleted line's
 * slot is given to the next one, and every line reads right. */
static void test_own_buffers_reused(void **state)
{
	(void)state;
	struct doc *d = doc_of("alpha\nbeta\ngamma\n");
	assert_int_equal(d->nown, 0);
	doc_line_splice(d, 0, 5, 0, "!", 1);
	doc_line_splice(d, 1, 4, 0, "?", 1);
	assert_int_equal(d->nown, 2);
	doc_line_delete(d, 0);
	doc_line_insert(d, 2, "delta", 5, DOC_EOL_LF);
	assert_int_equal(d->nown, 2);	/* the freed slot again */
	expect_line(d, 0, "beta?", DOC_EOL_LF);
	expect_line(d, 1, "gamma", DOC_EOL_LF);
	expect_line(d, 2, "delta", DOC_EOL_LF);
	doc_free(d);
}

static void test_ids_never_given_twice(void **state)
{
	(void)state;
	struct doc *d = doc_new();
	char *a1 = doc_id_new(d, 'a'), *r1 = doc_id_new(d, 'r'), *r2 = doc_id_new(d, 'r');
	assert_string_equal(a1, "a1");
	assert_string_equal(r1, "r1");
	assert_string_equal(r2, "r2");
	/* No line holds r2 any more (it was never put on one): still gone. */
	char *r3 = doc_id_new(d, 'r');
	assert_string_equal(r3, "r3");
	/* Ids seen elsewhere raise the mark; other shapes do not. */
	doc_id_note(d, "r9");
	doc_id_note(d, "a");
	doc_id_note(d, "a-5");
	doc_id_note(d, "a 5");
	doc_id_note(d, "a5x");
	doc_id_note(d, "x40");
	doc_id_note(d, "a99999999999999999999999");
	doc_id_note(d, NULL);
	doc_id_note(d, "r4");	/* lower: no change */
	assert_int_equal(doc_id_mark(d, 'r'), 9);
	assert_int_equal(doc_id_mark(d, 'a'), 1);
	doc_id_reserve(d, 'a', 6);
	char *r10 = doc_id_new(d, 'r'), *a7 = doc_id_new(d, 'a');
	assert_string_equal(r10, "r10");
	assert_string_equal(a7, "a7");
	free(a1);
	free(r1);
	free(r2);
	free(r3);
	free(r10);
	free(a7);
	doc_free(d);
}

static void test_eol_default_majority(void **state)
{
	(void)state;
	struct doc *d = doc_new();
	assert_int_equal(doc_eol_default(d), DOC_EOL_LF);
	doc_line_insert(d, 0, "a", 1, DOC_EOL_CRLF);
	doc_line_insert(d, 1, "b", 1, DOC_EOL_CRLF);
	doc_line_insert(d, 2, "c", 1, DOC_EOL_LF);
	assert_int_equal(doc_eol_default(d), DOC_EOL_CRLF);
	doc_free(d);
}

static void test_lang_rtl(void **state)
{
	(void)state;
	/* The three right-to-left languages of FORMAT.md, by their codes. */
	assert_true(doc_lang_rtl(doc_lang_parse("ar")));
	assert_true(doc_lang_rtl(doc_lang_parse("fa")));
	assert_true(doc_lang_rtl(doc_lang_parse("he")));
	assert_false(doc_lang_rtl(doc_lang_parse("en")));
	assert_false(doc_lang_rtl(DOC_LANG_NONE));
	assert_false(doc_lang_rtl(DOC_LANG_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_delete_splice),
		cmocka_unit_test(test_lines_load),
		cmocka_unit_test(test_lines_adopt),
		cmocka_unit_test(test_line_buffer_grows),
		cmocka_unit_test(test_line_over_4gib),
		cmocka_unit_test(test_attr_travels_with_line),
		cmocka_unit_test(test_record_is_16_bytes),
		cmocka_unit_test(test_attr_follows_inserts_and_deletes),
		cmocka_unit_test(test_stamps_unique),
		cmocka_unit_test(test_own_buffers_reused),
		cmocka_unit_test(test_ids_never_given_twice),
		cmocka_unit_test(test_eol_default_majority),
		cmocka_unit_test(test_lang_rtl),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
