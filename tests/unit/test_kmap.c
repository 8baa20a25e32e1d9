/* kmap: the shipped input methods load cleanly and type what their
 * keyboards type from an ASCII key stream; sequences wait for their next
 * key; bad lines are reported as FILE:LINE and skipped.  Also: every
 * shipped .keys file loads with commands that exist. */
#include "testutil.h"

#include <dirent.h>

#include "mahdar/buf.h"
#include "mahdar/cmd.h"
#include "mahdar/keymap.h"
#include "mahdar/kmap.h"
#include "mahdar/util.h"

static struct kmap *shipped(const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/keymaps/%s.kmap", tu_srcdir(), name);
	struct kmap *km = kmap_new();
	char *cause = NULL;
	int r = kmap_load(km, path, &cause);
	if (r != 0)
		fail_msg("%s: %d problems: %s", path, r, cause ? cause : "");
	free(cause);
	return km;
}

static void assert_types(const struct kmap *km, const char *keys, const char *want)
{
	char *got = kmap_translate(km, keys, strlen(keys));
	assert_string_equal(got, want);
	free(got);
}

/* Every file in keymaps/ loads without a problem. */
static void test_every_shipped_file_loads(void **state)
{
	(void)state;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/keymaps", tu_srcdir());
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	int kmaps = 0, keys = 0;
	for (struct dirent *de; (de = readdir(dp)) != NULL;) {
		size_t n = strlen(de->d_name);
		char path[4096 + 256];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		char *cause = NULL;
		if (n > 5 && strcmp(de->d_name + n - 5, ".kmap") == 0) {
			struct kmap *km = kmap_new();
			int r = kmap_load(km, path, &cause);
			if (r != 0)
				fail_msg("%s: %s", path, cause ? cause : "cannot read");
			assert_true(kmap_count(km) > 30);
			assert_true(strlen(kmap_indicator(km)) > 0);
			kmap_free(km);
			kmaps++;
		} else if (n > 5 && strcmp(de->d_name + n - 5, ".keys") == 0) {
			struct keymap *km = keymap_new();
			int r = keymap_load(km, path, cmd_exists, &cause);
			if (r != 0)
				fail_msg("%s: %s", path, cause ? cause : "cannot read");
			assert_string_equal(keymap_lookup(km, "C-s"), "save");
			keymap_free(km);
			keys++;
		}
		free(cause);
	}
	closedir(dp);
	assert_true(kmaps >= 3);
	assert_true(keys >= 2);
}

static void test_arabic_from_ascii(void **state)
{
	(void)state;
	struct kmap *km = shipped("arabic");
	assert_string_equal(kmap_name(km), "arabic");
	assert_string_equal(kmap_indicator(km), "ع");
	/* "السلام عليكم": lam-alef is one key (b) */
	assert_types(km, "hgsbl ugd;l", "السلام عليكم");
	assert_types(km, "[],g hgHulhg", "جدول الأعمال");
	assert_types(km, "hgjhvdo: 2026-11-27", "التاريخ: 2026-11-27");	/* digits as typed */
	assert_types(km, "Gk", "لأن");
	kmap_free(km);
}

static void test_persian_from_ascii(void **state)
{
	(void)state;
	struct kmap *km = shipped("persian");
	/* "صورتجلسه" and "می‌شود" with ZWNJ on Shift-B */
	assert_types(km, "w,vj[gsi", "صورتجلسه");
	assert_types(km, "ldBa,n", "می\u200cشود");
	assert_types(km, "1403/07/15", "۱۴۰۳/۰۷/۱۵");
	/* the third level: backslash then y is ZWNJ, two backslashes one */
	assert_types(km, "ld\\ya,n", "می\u200cشود");
	assert_types(km, "\\\\", "\\");
	assert_types(km, "\\", "\\");	/* a lone backslash at the end */
	/* Shift-Space, as a terminal that reports it names it */
	struct kmap_state st = { .n = 0 };
	struct buf out = BUF_INIT;
	assert_int_equal(kmap_feed(km, &st, "l", &out), 1);
	assert_int_equal(kmap_feed(km, &st, "d", &out), 1);
	assert_int_equal(kmap_feed(km, &st, "S-Space", &out), 1);
	assert_int_equal(kmap_feed(km, &st, "a", &out), 1);
	buf_putc(&out, '\0');
	assert_string_equal(out.s, "می\u200cش");
	buf_free(&out);
	kmap_free(km);
}

static void test_hebrew_from_ascii(void **state)
{
	(void)state;
	struct kmap *km = shipped("hebrew");
	/* "שלום" and "סדר היום" */
	assert_types(km, "akuo", "שלום");
	assert_types(km, "xsr vhuo", "סדר היום");
	assert_types(km, "AB 12", "AB 12");	/* capitals and digits as typed */
	kmap_free(km);
}

/* A sequence waits for its next key; a key that cannot go on types the
 * longest rule, then the rest; other keys flush what is pending. */
static void test_sequences(void **state)
{
	(void)state;
	const char *text = "@name t\nl   L\nla  LA\nlax X\n";
	struct kmap *km = kmap_new();
	assert_int_equal(kmap_parse(km, text, strlen(text), "t.kmap", NULL), 0);
	struct kmap_state st = { .n = 0 };
	struct buf out = BUF_INIT;
	assert_int_equal(kmap_feed(km, &st, "l", &out), 1);
	assert_int_equal(out.len, 0);	/* "l" may become "la" */
	assert_int_equal(kmap_feed(km, &st, "a", &out), 1);
	assert_int_equal(out.len, 0);	/* "la" may become "lax" */
	assert_int_equal(kmap_feed(km, &st, "q", &out), 1);
	buf_putc(&out, '\0');
	assert_string_equal(out.s, "LAq");
	buf_clear(&out);
	assert_int_equal(kmap_feed(km, &st, "l", &out), 1);
	assert_int_equal(kmap_feed(km, &st, "C-s", &out), 0);	/* not an input key: flushed */
	buf_putc(&out, '\0');
	assert_string_equal(out.s, "L");
	buf_free(&out);
	assert_types(km, "lax", "X");
	assert_types(km, "lal", "LAL");
	kmap_free(km);
}

static void test_bad_lines_reported_and_skipped(void **state)
{
	(void)state;
	const char *text = "# comment\n"
			   "a   A\n"
			   "b\n"				/* 3: no output */
			   "c   U+XYZ\n"			/* 4: not hex */
			   "@colour red\n"			/* 5: unknown directive */
			   "\xD8\xA8  x\n"			/* 6: a key that is not ASCII */
			   "d   U+0001\n"			/* 7: a control character */
			   "e   E   # trailing comment\n"
			   "\\#  H\n";
	struct kmap *km = kmap_new();
	char *cause = NULL;
	assert_int_equal(kmap_parse(km, text, strlen(text), "my.kmap", &cause), 5);
	assert_non_null(strstr(cause, "my.kmap:3: "));
	assert_non_null(strstr(cause, "my.kmap:4: "));
	assert_non_null(strstr(cause, "my.kmap:5: "));
	assert_non_null(strstr(cause, "my.kmap:6: "));
	assert_non_null(strstr(cause, "my.kmap:7: "));
	assert_null(strstr(cause, "my.kmap:8:"));
	free(cause);
	assert_int_equal(kmap_count(km), 3);
	assert_types(km, "abce#", "AbcE" "H");
	kmap_free(km);
	/* a file that cannot be read */
	km = kmap_new();
	cause = NULL;
	assert_int_equal(kmap_load(km, "/nonexistent/x.kmap", &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/x.kmap"));
	free(cause);
	kmap_free(km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_shipped_file_loads),
		cmocka_unit_test(test_arabic_from_ascii),
		cmocka_unit_test(test_persian_from_ascii),
		cmocka_unit_test(test_hebrew_from_ascii),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_bad_lines_reported_and_skipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
