/* ui: decoding terminal input into key names, text, pastes and mouse
 * reports — the names must be the keymap's canonical spelling. */
#include "testutil.h"

#include "mahdar/keymap.h"
#include "mahdar/ui.h"

/* Decode all of s (final); expect exactly one event, a key named want. */
static void check_key(const char *s, const char *want)
{
	struct ui_event ev;
	size_t len = strlen(s);
	size_t n = ui_parse(s, len, 1, &ev);
	if (n != len)
		fail_msg("%s: used %zu of %zu bytes", want, n, len);
	assert_int_equal(ev.type, UI_EV_KEY);
	assert_string_equal(ev.key, want);
	char canon[64];
	assert_int_equal(keymap_canon(ev.key, canon, sizeof canon), 0);
	assert_string_equal(canon, ev.key);
}

static void test_keys(void **state)
{
	(void)state;
	check_key("\x13", "C-s");
	check_key("\x11", "C-q");
	check_key("\x1a", "C-z");
	check_key("\x7f", "Backspace");
	check_key("\x08", "Backspace");
	check_key("\r", "Enter");
	check_key("\t", "Tab");
	check_key("\x1b[Z", "S-Tab");
	check_key("\x1b[D", "Left");
	check_key("\x1bOC", "Right");
	check_key("\x1b[1;5D", "C-Left");
	check_key("\x1b[1;2C", "S-Right");
	check_key("\x1b[1;6D", "C-S-Left");
	check_key("\x1b[1;3A", "M-Up");
	check_key("\x1b[1;5H", "C-Home");
	check_key("\x1b[4~", "End");
	check_key("\x1b[5~", "PageUp");
	check_key("\x1b[6;2~", "S-PageDown");
	check_key("\x1b[3~", "Delete");
	check_key("\x1bOR", "F3");
	check_key("\x1b[13~", "F3");
	check_key("\x1b[24~", "F12");
	check_key("\x1bx", "M-x");
	check_key("\x1b\x13", "C-M-s");
	check_key("\x1b\x1b[D", "M-Left");
	/* Shift-Enter, which the search binds to "previous", as xterm's
	 * modifyOtherKeys and the newer "CSI u" terminals send it. */
	check_key("\x1b[27;2;13~", "S-Enter");
	check_key("\x1b[13;2u", "S-Enter");
	check_key("\x1b[13u", "Enter");
	check_key("\x1b\r", "M-Enter");
}

static void test_text_and_partial_input(void **state)
{
	(void)state;
	struct ui_event ev;
	assert_int_equal(ui_parse("\u0633x", 3, 0, &ev), 2);
	assert_int_equal(ev.type, UI_EV_TEXT);
	assert_int_equal(ev.len, 2);
	/* The first byte of a two-byte character: wait for the rest. */
	assert_int_equal(ui_parse("\xd8", 1, 0, &ev), 0);
	/* A lone ESC may start a sequence; only when nothing follows is it Esc. */
	assert_int_equal(ui_parse("\x1b", 1, 0, &ev), 0);
	assert_int_equal(ui_parse("\x1b", 1, 1, &ev), 1);
	assert_string_equal(ev.key, "Esc");
	assert_int_equal(ui_parse("\x1b[1;", 4, 0, &ev), 0);
	/* C1 controls and invalid bytes typed or sent are dropped, not inserted. */
	assert_int_equal(ui_parse("\xc2\x9b", 2, 0, &ev), 2);
	assert_int_equal(ev.type, UI_EV_NONE);
	assert_int_equal(ui_parse("\xff", 1, 0, &ev), 1);
	assert_int_equal(ev.type, UI_EV_NONE);
	/* Unknown sequences are swallowed whole. */
	assert_int_equal(ui_parse("\x1b[?62;c", 7, 0, &ev), 7);
	assert_int_equal(ev.type, UI_EV_NONE);
}

static void test_bracketed_paste(void **state)
{
	(void)state;
	struct ui_event ev;
	const char *s = "\x1b[200~line \x1b[31m one\r\nline two\x1b[201~rest";
	/* Not all there yet: wait. */
	assert_int_equal(ui_parse(s, 20, 0, &ev), 0);
	size_t n = ui_parse(s, strlen(s), 0, &ev);
	assert_int_equal(ev.type, UI_EV_PASTE);
	assert_int_equal(ev.len, strlen("line \x1b[31m one\r\nline two"));
	assert_memory_equal(ev.text, "line \x1b[31m one\r\nline two", ev.len);
	assert_string_equal(s + n, "rest");
}

static void test_mouse(void **state)
{
	(void)state;
	struct ui_event ev;
	assert_int_equal(ui_parse("\x1b[<0;10;3M", 10, 0, &ev), 10);
	assert_int_equal(ev.type, UI_EV_MOUSE);
	assert_int_equal(ev.button, 0);
	assert_int_equal(ev.action, UI_MOUSE_PRESS);
	assert_int_equal(ev.col, 9);
	assert_int_equal(ev.row, 2);
	ui_parse("\x1b[<32;5;1M", 10, 0, &ev);
	assert_int_equal(ev.action, UI_MOUSE_DRAG);
	assert_int_equal(ev.col, 4);
	ui_parse("\x1b[<0;5;1m", 9, 0, &ev);
	assert_int_equal(ev.action, UI_MOUSE_RELEASE);
	ui_parse("\x1b[<4;1;1M", 9, 0, &ev);
	assert_string_equal(ev.key, "S-");
	ui_parse("\x1b[<65;1;1M", 10, 0, &ev);
	assert_int_equal(ev.button, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_text_and_partial_input),
		cmocka_unit_test(test_bracketed_paste),
		cmocka_unit_test(test_mouse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
