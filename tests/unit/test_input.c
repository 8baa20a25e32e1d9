/* input: the line-input widget of save-as, search and replace — grapheme
 * Backspace (a lone haraka first), no control bytes, a paste's first line,
 * visual cursor motion through RTL text, and the Up/Down history. */
#include "testutil.h"

#include "mahdar/input.h"

static void test_typing_and_backspace(void **state)
{
	(void)state;
	struct input in;
	input_init(&in, NULL, NULL);
	unsigned long g = in.gen;
	input_insert(&in, "a\x1b[31mb\tc", 10);
	assert_string_equal(input_text(&in), "a[31mbc");	/* ESC and TAB left out */
	assert_true(in.gen != g);
	input_free(&in);
	input_init(&in, "x", NULL);
	input_insert(&in, "line one\nline two", 17);
	assert_string_equal(input_text(&in), "xline one");
	input_free(&in);
	/* A pre-filled answer, selected: typing replaces it, Backspace or
	 * Delete clears it, a motion unselects it to edit. */
	input_init(&in, "old.txt", NULL);
	input_select_all(&in);
	input_insert(&in, "n", 1);
	assert_string_equal(input_text(&in), "n");
	input_select_all(&in);
	input_backspace(&in);
	assert_string_equal(input_text(&in), "");
	input_free(&in);
	input_init(&in, "old.txt", NULL);
	input_select_all(&in);
	input_move(&in, INPUT_END);
	input_insert(&in, "~", 1);
	assert_string_equal(input_text(&in), "old.txt~");
	input_free(&in);
	/* كتبَ: Backspace takes the fatha, then the letter, then another. */
	input_init(&in, "كتبَ", NULL);
	input_backspace(&in);
	assert_string_equal(input_text(&in), "كتب");
	input_backspace(&in);
	assert_string_equal(input_text(&in), "كت");
	/* A flag is one grapheme: one Backspace. */
	input_insert(&in, "\U0001F1EE\U0001F1F7", 8);
	input_backspace(&in);
	assert_string_equal(input_text(&in), "كت");
	input_free(&in);
}

static void test_visual_motion(void **state)
{
	(void)state;
	struct input in;
	/* An RTL line: the end is on the left, so Right moves back in it. */
	input_init(&in, "سلام", NULL);
	assert_int_equal(in.cur, strlen("سلام"));
	input_move(&in, INPUT_RIGHT);
	assert_int_equal(in.cur, strlen("سلا"));
	input_move(&in, INPUT_LEFT);
	assert_int_equal(in.cur, strlen("سلام"));
	input_move(&in, INPUT_HOME);
	assert_int_equal(in.cur, 0);
	input_delete(&in);
	assert_string_equal(input_text(&in), "لام");
	input_free(&in);
	input_init(&in, "abc", NULL);
	input_move(&in, INPUT_LEFT);
	input_insert(&in, "X", 1);
	assert_string_equal(input_text(&in), "abXc");
	input_free(&in);
}

static void test_history(void **state)
{
	(void)state;
	struct input_history h = {0};
	input_history_add(&h, "first");
	input_history_add(&h, "second");
	input_history_add(&h, "second");	/* a repeat is not added */
	input_history_add(&h, "");
	assert_int_equal(h.n, 2);
	struct input in;
	input_init(&in, NULL, &h);
	input_insert(&in, "draft", 5);
	assert_int_equal(input_history_walk(&in, -1), 0);
	assert_string_equal(input_text(&in), "second");
	assert_int_equal(input_history_walk(&in, -1), 0);
	assert_string_equal(input_text(&in), "first");
	assert_int_equal(input_history_walk(&in, -1), -1);
	assert_int_equal(input_history_walk(&in, 1), 0);
	assert_int_equal(input_history_walk(&in, 1), 0);
	assert_string_equal(input_text(&in), "draft");
	assert_int_equal(input_history_walk(&in, 1), -1);
	input_free(&in);
	input_history_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_and_backspace),
		cmocka_unit_test(test_visual_motion),
		cmocka_unit_test(test_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
