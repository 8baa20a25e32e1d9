/* keymap: key names, .keys parsing with file:line problems, the default
 * keymap binding the documented keys to commands that exist. */
#include "testutil.h"

#include "mahdar/cmd.h"
#include "mahdar/keymap.h"
#include "mahdar/util.h"

static void check_canon(const char *in, const char *want)
{
	char out[64];
	if (want == NULL) {
		assert_int_equal(keymap_canon(in, out, sizeof out), -1);
		return;
	}
	assert_int_equal(keymap_canon(in, out, sizeof out), 0);
	assert_string_equal(out, want);
}

static void test_key_names(void **state)
{
	(void)state;
	check_canon("C-s", "C-s");
	check_canon("C-S", "C-s");		/* terminals cannot tell Ctrl-S from Ctrl-s */
	check_canon("S-C-left", "C-S-Left");
	check_canon("s-right", "S-Right");
	check_canon("M-x", "M-x");
	check_canon("A-x", "M-x");
	check_canon("pgup", "PageUp");
	check_canon("C-M-S-f3", "C-M-S-F3");
	check_canon("F12", "F12");
	check_canon("Return", "Enter");
	check_canon("C--", "C--");
	check_canon("M-\u0633", "M-\u0633");	/* Alt + an Arabic letter */
	check_canon(" ", "Space");
	check_canon("Hyper-x", NULL);
	check_canon("H-x", NULL);
	check_canon("Foo", NULL);
	check_canon("", NULL);
	check_canon("C-\x01", NULL);
}

static int known(const char *cmd)
{
	return strcmp(cmd, "save") == 0 || strcmp(cmd, "quit") == 0 || strcmp(cmd, "undo") == 0;
}

static void test_parse_reports_file_and_line(void **state)
{
	(void)state;
	const char *text =
		"# my keys\n"
		"C-s   save\n"
		"C-k   frobnicate   # no such command\n"
		"\n"
		"Hyper-q quit\n"
		"C-q\n"
		"C-z undo extra\n"
		"  C-w\tquit  \r\n";
	struct keymap *km = keymap_new();
	char *cause = NULL;
	assert_int_equal(keymap_parse(km, text, strlen(text), "my.keys", known, &cause), 4);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "my.keys:3: unknown command \"frobnicate\""));
	assert_non_null(strstr(cause, "my.keys:5: unknown key name \"Hyper-q\""));
	assert_non_null(strstr(cause, "my.keys:6: no command"));
	assert_non_null(strstr(cause, "my.keys:7: text after the command \"extra\""));
	assert_string_equal(keymap_lookup(km, "C-s"), "save");
	assert_string_equal(keymap_lookup(km, "C-w"), "quit");
	assert_null(keymap_lookup(km, "C-k"));
	assert_null(keymap_lookup(km, "C-z"));
	free(cause);
	keymap_free(km);
}

static void test_overrides_and_none(void **state)
{
	(void)state;
	struct keymap *km = keymap_new();
	const char *def = "C-s save\nC-q quit\n";
	const char *user = "C-s undo\nc-q none\n";
	assert_int_equal(keymap_parse(km, def, strlen(def), "default.keys", known, NULL), 0);
	assert_int_equal(keymap_parse(km, user, strlen(user), "keys", known, NULL), 0);
	assert_string_equal(keymap_lookup(km, "C-s"), "undo");
	assert_null(keymap_lookup(km, "C-q"));
	assert_null(keymap_key_for(km, "quit"));
	assert_string_equal(keymap_key_for(km, "undo"), "C-s");
	keymap_free(km);
}

static void test_default_keymap(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/keymaps/default.keys", tu_srcdir());
	size_t len;
	char *text = tu_slurp(path, &len);
	struct keymap *km = keymap_new();
	char *cause = NULL;
	int r = keymap_parse(km, text, len, path, cmd_exists, &cause);
	if (r != 0)
		fail_msg("%s", cause);
	static const char *const want[][2] = {
		{"C-s", "save"}, {"C-q", "quit"}, {"C-z", "undo"}, {"C-y", "redo"}, {"C-x", "cut"},
		{"C-c", "copy"}, {"C-v", "paste"}, {"Left", "left"}, {"C-Left", "word-left"},
		{"S-Right", "select-right"}, {"C-S-Left", "select-word-left"}, {"C-Home", "doc-start"},
		{"PageDown", "page-down"}, {"Enter", "newline-item"}, {"Backspace", "backspace"},
		{"F3", "toggle-controls"},
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(want); i++) {
		const char *c = keymap_lookup(km, want[i][0]);
		if (c == NULL || strcmp(c, want[i][1]) != 0)
			fail_msg("%s is bound to %s, expected %s", want[i][0], c ? c : "nothing", want[i][1]);
	}
	/* Every command has a key, so everything can be done from the keyboard. */
	size_t nf;
	const struct cmd_family *fam = cmd_families(&nf);
	for (size_t t = 0; t < nf; t++) {
		size_t n;
		const struct cmd *v = fam[t].table(&n);
		for (size_t i = 0; i < n; i++)
			if (keymap_key_for_mode(km, fam[t].mode, v[i].name) == NULL)
				fail_msg("command %s has no key in the [%s] table of default.keys", v[i].name,
					 fam[t].mode);
	}
	free(text);
	keymap_free(km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_parse_reports_file_and_line),
		cmocka_unit_test(test_overrides_and_none),
		cmocka_unit_test(test_default_keymap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
