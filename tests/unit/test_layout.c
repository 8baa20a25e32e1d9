/* layout: what a user sees on screen for one line — alignment, visual
 * order, wrapping, widths, symbols for control bytes, bidi controls,
 * mirroring, shaping — and where the cursor goes. */
#include "testutil.h"

#include "mahdar/layout.h"
#include "mahdar/bidi.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

static struct layout *lay_of(const char *s, int width, unsigned flags)
{
	struct layout_opts o = {width, LAYOUT_AUTO, LAYOUT_LTR, flags};
	return layout_line(s, strlen(s), &o);
}

/* The display text of cell c as a NUL-terminated string (static storage
 * is fine in a test). */
static const char *cell_text(const struct layout *lay, size_t c)
{
	static char buf[256];
	const struct layout_cell *cell = &lay->cells[c];
	assert_true(cell->text_len < sizeof buf);
	memcpy(buf, lay->text + cell->text, cell->text_len);
	buf[cell->text_len] = '\0';
	return buf;
}

/* The logical bytes of row r. */
static const char *row_bytes(const struct layout *lay, const char *s, size_t r)
{
	static char buf[512];
	size_t a = lay->goff[lay->rows[r].gfirst], b = lay->goff[lay->rows[r].gend];
	assert_true(b - a < sizeof buf);
	memcpy(buf, s + a, b - a);
	buf[b - a] = '\0';
	return buf;
}

/* Everything that must hold for any line: one cell per grapheme, rows
 * tiling the line, columns contiguous and inside the width, a display text
 * with no control byte, and visual motion visiting every stop once. */
static void check_invariants(const struct layout *lay, const char *s, size_t len, int width)
{
	size_t ng = lay->ngraph;
	assert_int_equal(lay->goff[0], 0);
	assert_int_equal(lay->goff[ng], len);
	for (size_t g = 0; g < ng; g++)	/* the editor's motions agree */
		assert_int_equal(ustr_grapheme_next(s, len, lay->goff[g]), lay->goff[g + 1]);
	assert_true(lay->nrows >= 1);
	assert_int_equal(lay->ncells, ng);
	assert_int_equal(lay->rows[0].gfirst, 0);
	assert_int_equal(lay->rows[lay->nrows - 1].gend, ng);
	size_t next_cell = 0;
	for (size_t r = 0; r < lay->nrows; r++) {
		const struct layout_row *row = &lay->rows[r];
		if (r > 0)
			assert_int_equal(row->gfirst, lay->rows[r - 1].gend);
		assert_int_equal(row->cell, next_cell);
		assert_int_equal(row->ncells, row->gend - row->gfirst);
		next_cell += row->ncells;
		int col = row->left, visible = 0;
		for (size_t c = row->cell; c < row->cell + row->ncells; c++) {
			const struct layout_cell *cell = &lay->cells[c];
			assert_true(cell->g >= row->gfirst && cell->g < row->gend);
			assert_int_equal(lay->gcell[cell->g], c);
			assert_int_equal(cell->col, col);
			assert_int_equal(cell->width == 0, !!(cell->flags & LAYOUT_CELL_HIDDEN));
			assert_int_equal(!!(cell->flags & LAYOUT_CELL_RTL), lay->glevel[cell->g] & 1);
			assert_true(cell->text + cell->text_len <= lay->text_len);
			col += cell->width;
			visible += cell->width > 0;
		}
		assert_int_equal(row->right, col);
		if (row->right > width)	/* only one over-wide grapheme */
			assert_int_equal(visible, 1);
		if (lay->dir == LAYOUT_LTR)
			assert_int_equal(row->left, 0);
		else if (row->right - row->left <= width)
			assert_int_equal(row->right, width);
	}
	/* The display text: valid UTF-8 with no C0, DEL or C1 control. */
	assert_int_equal(ustr_valid_prefix(lay->text, lay->text_len), lay->text_len);
	for (size_t i = 0; i < lay->text_len;) {
		uint32_t cp;
		i += ustr_decode(lay->text + i, lay->text_len - i, &cp);
		assert_false(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
	}
	/* Visual motion in the paragraph's reading direction visits every
	 * visible grapheme once, in screen order, then the end of the line;
	 * the opposite motion visits them in reverse. */
	int fwd = lay->dir == LAYOUT_LTR ? +1 : -1;
	size_t nvis = 0;
	for (size_t c = 0; c < lay->ncells; c++)
		nvis += !(lay->cells[c].flags & LAYOUT_CELL_HIDDEN);
	size_t *seq = xcalloc(nvis + 1, sizeof *seq);
	char *seen = xcalloc(ng + 1, 1);
	size_t k = 0, g = layout_enter(lay, fwd), prow = 0;
	int pcol = 0;
	while (g != LAYOUT_OFF_END) {
		assert_true(g <= ng);
		assert_true(k <= nvis);
		assert_false(seen[g]);
		seen[g] = 1;
		seq[k++] = g;
		size_t row;
		int col;
		layout_pos(lay, g, &row, &col);
		if (k > 1 && g < ng) {	/* screen order: down, or along the row */
			assert_true(row >= prow);
			if (row == prow)
				assert_true(fwd > 0 ? col > pcol : col < pcol);
		}
		prow = row;
		pcol = col;
		g = layout_move(lay, g, fwd);
	}
	assert_int_equal(k, nvis + 1);
	assert_int_equal(seq[nvis], ng);
	g = layout_enter(lay, -fwd);
	for (size_t i = nvis + 1; i-- > 0;) {
		assert_int_equal(g, seq[i]);
		g = layout_move(lay, g, -fwd);
	}
	assert_int_equal(g, LAYOUT_OFF_START);
	free(seq);
	free(seen);
	/* A click on any column of a visible cell lands on its grapheme. */
	for (size_t c = 0; c < lay->ncells; c++) {
		const struct layout_cell *cell = &lay->cells[c];
		size_t r = layout_row_of(lay, cell->g);
		for (int x = cell->col; x < cell->col + cell->width; x++)
			assert_int_equal(layout_hit(lay, r, x), cell->g);
	}
	/* A click anywhere lands on a cursor stop of the row clicked. */
	for (size_t r = 0; r < lay->nrows; r++)
		for (int x = -1; x <= width; x++) {
			size_t h = layout_hit(lay, r, x);
			assert_true(h == ng || !(lay->cells[lay->gcell[h]].flags & LAYOUT_CELL_HIDDEN));
			assert_int_equal(layout_row_of(lay, h), r);
		}
}

static void check_line(const char *s, size_t len, int width, unsigned flags, int fallback)
{
	struct layout_opts o = {width, LAYOUT_AUTO, fallback, flags};
	struct layout *lay = layout_line(s, len, &o);
	check_invariants(lay, s, len, width);
	layout_free(lay);
}

static void test_arabic_right_aligned_reversed(void **state)
{
	(void)state;
	const char *s = "سلام عليكم";	/* 10 graphemes */
	struct layout *lay = lay_of(s, 40, 0);
	assert_int_equal(lay->dir, LAYOUT_RTL);
	assert_int_equal(lay->ngraph, 10);
	assert_int_equal(lay->nrows, 1);
	assert_int_equal(lay->rows[0].right, 40);
	assert_int_equal(lay->rows[0].left, 30);
	for (size_t c = 0; c < 10; c++) {
		assert_int_equal(lay->cells[c].g, 9 - c);	/* last letter leftmost */
		assert_int_equal(lay->cells[c].col, 30 + c);
		assert_true(lay->cells[c].flags & LAYOUT_CELL_RTL);
	}
	assert_string_equal(cell_text(lay, 9), "س");	/* first letter at the right edge */
	check_invariants(lay, s, strlen(s), 40);
	layout_free(lay);
}

/* UAX #9 by hand: the paragraph is RTL (first strong: GAF, AL); the
 * Persian digits are EN made AN by W2, level 2; "report 2024" is L, level
 * 2; the spaces between R/AN are level 1, the one inside the English
 * level 2.  Reversing runs of level >= 2, then >= 1 gives, left to right:
 * "report 2024", space, the digits in logical order, space, the word
 * reversed. */
static void test_persian_mixed_uax9(void **state)
{
	(void)state;
	const char *s = "گزارش ۱۴۰۲ report 2024";
	struct layout *lay = lay_of(s, 80, 0);
	const uint32_t want[] = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
				 10, 6, 7, 8, 9, 5, 4, 3, 2, 1, 0};
	assert_int_equal(lay->dir, LAYOUT_RTL);
	assert_int_equal(lay->ngraph, UTIL_ARRAY_LEN(want));
	for (size_t c = 0; c < UTIL_ARRAY_LEN(want); c++)
		assert_int_equal(lay->cells[c].g, want[c]);
	assert_int_equal(lay->glevel[0], 1);
	assert_int_equal(lay->glevel[6], 2);
	assert_int_equal(lay->glevel[11], 2);
	assert_int_equal(lay->rows[0].right, 80);
	check_invariants(lay, s, strlen(s), 80);
	layout_free(lay);
}

static void test_hebrew_niqqud(void **state)
{
	(void)state;
	/* shin + qamats + shin dot, lamed, vav + holam, final mem */
	const char *s = "\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD";
	struct layout *lay = lay_of(s, 20, 0);
	assert_int_equal(ustr_cp_width(0x05B8), 0);
	assert_int_equal(ustr_cp_width(0x05C1), 0);
	assert_int_equal(ustr_width(s, strlen(s)), 4);
	assert_int_equal(lay->ngraph, 4);
	assert_int_equal(lay->rows[0].left, 16);
	for (size_t c = 0; c < 4; c++)
		assert_int_equal(lay->cells[c].width, 1);
	/* visual: final mem, vav+holam, lamed, shin+marks */
	assert_string_equal(cell_text(lay, 0), "\u05DD");
	assert_string_equal(cell_text(lay, 1), "\u05D5\u05B9");
	assert_string_equal(cell_text(lay, 2), "\u05DC");
	assert_string_equal(cell_text(lay, 3), "\u05E9\u05B8\u05C1");
	/* the cursor never lands inside a cluster */
	assert_int_equal(layout_g_of_off(lay, 3), 0);	/* the qamats' byte -> shin */
	assert_int_equal(lay->goff[1], 6);
	check_invariants(lay, s, strlen(s), 20);
	layout_free(lay);
}

static void test_wrap_english_width_20(void **state)
{
	(void)state;
	const char *s = "The committee approved the annual budget after a long discussion";
	struct layout *lay = lay_of(s, 20, 0);
	assert_int_equal(lay->nrows, 4);
	assert_string_equal(row_bytes(lay, s, 0), "The committee ");
	assert_string_equal(row_bytes(lay, s, 1), "approved the annual ");
	assert_string_equal(row_bytes(lay, s, 2), "budget after a long ");
	assert_string_equal(row_bytes(lay, s, 3), "discussion");
	check_invariants(lay, s, strlen(s), 20);
	layout_free(lay);
}

static void test_wrap_arabic_width_20(void **state)
{
	(void)state;
	const char *s = "وافق المجلس على الميزانية السنوية بعد نقاش طويل";
	struct layout *lay = lay_of(s, 20, 0);
	assert_int_equal(lay->nrows, 3);
	assert_string_equal(row_bytes(lay, s, 0), "وافق المجلس على ");
	assert_string_equal(row_bytes(lay, s, 1), "الميزانية السنوية ");
	assert_string_equal(row_bytes(lay, s, 2), "بعد نقاش طويل");
	for (size_t r = 0; r < 3; r++)
		assert_int_equal(lay->rows[r].right, 20);	/* every row right-aligned */
	/* the first row reads right to left: its first letter at column 19 */
	size_t row;
	int col;
	layout_pos(lay, 0, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 19);
	check_invariants(lay, s, strlen(s), 20);
	layout_free(lay);
}

/* A word longer than the width is cut between graphemes, never inside. */
static void test_wrap_long_word(void **state)
{
	(void)state;
	const char *s = "a\u0301b\u0301c\u0301d\u0301e\u0301f\u0301g";
	struct layout *lay = lay_of(s, 3, 0);
	assert_int_equal(lay->nrows, 3);
	assert_string_equal(row_bytes(lay, s, 0), "a\u0301b\u0301c\u0301");
	assert_string_equal(row_bytes(lay, s, 2), "g");
	check_invariants(lay, s, strlen(s), 3);
	layout_free(lay);
	/* a no-break space glues "12" to "kg": the row breaks before "12" */
	s = "x 12\u00A0kg";
	lay = lay_of(s, 5, 0);
	assert_int_equal(lay->nrows, 2);
	assert_string_equal(row_bytes(lay, s, 0), "x ");
	layout_free(lay);
	lay = lay_of(s, 4, 0);
	assert_string_equal(row_bytes(lay, s, 0), "x ");
	check_invariants(lay, s, strlen(s), 4);
	layout_free(lay);
}

static void test_wide_cjk(void **state)
{
	(void)state;
	const char *s = "中文ab中";
	struct layout *lay = lay_of(s, 80, 0);
	assert_int_equal(lay->cells[0].width, 2);
	assert_int_equal(lay->cells[1].col, 2);
	assert_int_equal(lay->cells[2].col, 4);
	assert_int_equal(lay->rows[0].right, 8);
	layout_free(lay);
	lay = lay_of(s, 5, 0);	/* 中文ab = 6 columns: "ab" goes down whole */
	assert_int_equal(lay->nrows, 2);
	assert_string_equal(row_bytes(lay, s, 0), "中文");
	assert_string_equal(row_bytes(lay, s, 1), "ab中");
	check_invariants(lay, s, strlen(s), 5);
	layout_free(lay);
	assert_int_equal(ustr_width("中文", strlen("中文")), 4);
}

static void test_controls_become_symbols(void **state)
{
	(void)state;
	const char s[] = "a\x1b[31m\xc2\x9b\xff\x7f\x00" "b\tc\xe2\x80\x8b";
	size_t len = sizeof s - 1;
	struct layout_opts o = {80, LAYOUT_AUTO, LAYOUT_LTR, 0};
	struct layout *lay = layout_line(s, len, &o);
	/* a ^[ [ 3 1 m <9B> <FF> ^? ^@ b TAB c <200B> */
	assert_int_equal(lay->ngraph, 14);
	assert_string_equal(cell_text(lay, 1), "^[");
	assert_int_equal(lay->cells[1].width, 2);
	assert_true(lay->cells[1].flags & LAYOUT_CELL_CTRL);
	assert_string_equal(cell_text(lay, 6), "<9B>");
	assert_true(lay->cells[6].flags & LAYOUT_CELL_CTRL);
	assert_string_equal(cell_text(lay, 7), "<FF>");
	assert_true(lay->cells[7].flags & LAYOUT_CELL_INVALID);
	assert_string_equal(cell_text(lay, 8), "^?");
	assert_string_equal(cell_text(lay, 9), "^@");
	assert_string_equal(cell_text(lay, 11), " ");	/* TAB: one plain space */
	assert_int_equal(lay->cells[11].width, 1);
	assert_false(lay->cells[11].flags & LAYOUT_CELL_CTRL);
	assert_string_equal(cell_text(lay, 13), "<200B>");	/* zero width space, shown */
	assert_int_equal(lay->cells[13].width, 6);
	check_invariants(lay, s, len, 80);
	layout_free(lay);
	/* a CSI sequence, C1 controls and invalid bytes mixed in RTL text */
	const char t[] = "\xd8\xb3\x1b]0;x\x07\xc2\x85\xd9\x84\xfe\xfe";
	check_line(t, sizeof t - 1, 80, 0, LAYOUT_LTR);
	check_line(t, sizeof t - 1, 3, LAYOUT_SHAPE | LAYOUT_SHOW_CONTROLS, LAYOUT_RTL);
}

static void test_bidi_controls_hidden_or_shown(void **state)
{
	(void)state;
	const char *s = "a\u200Fb\u2067c\u2069";	/* RLM, RLI .. PDI */
	struct layout *lay = lay_of(s, 80, 0);
	assert_int_equal(lay->ngraph, 6);
	assert_true(lay->cells[lay->gcell[1]].flags & LAYOUT_CELL_HIDDEN);
	assert_int_equal(lay->cells[lay->gcell[1]].width, 0);
	assert_int_equal(lay->rows[0].right, 3);	/* only a, b, c take columns */
	assert_int_equal(layout_move(lay, 0, +1), 2);	/* RLM is not a stop */
	assert_int_equal(layout_move(lay, 2, -1), 0);
	check_invariants(lay, s, strlen(s), 80);
	layout_free(lay);

	lay = lay_of(s, 80, LAYOUT_SHOW_CONTROLS);
	const struct layout_cell *rlm = &lay->cells[lay->gcell[1]];
	assert_true(rlm->flags & LAYOUT_CELL_BIDI);
	assert_int_equal(rlm->width, 3);
	assert_memory_equal(lay->text + rlm->text, "RLM", 3);
	assert_memory_equal(lay->text + lay->cells[lay->gcell[3]].text, "RLI", 3);
	assert_memory_equal(lay->text + lay->cells[lay->gcell[5]].text, "PDI", 3);
	assert_int_equal(layout_move(lay, 0, +1), 1);	/* now it is a stop */
	check_invariants(lay, s, strlen(s), 80);
	layout_free(lay);

	/* An override is always shown, and so is the PDF that closes it; an
	 * embedding and its PDF are not. */
	s = "x\u202Eabc\u202Cy\u202Bz\u202C";
	lay = lay_of(s, 80, 0);
	assert_memory_equal(lay->text + lay->cells[lay->gcell[1]].text, "RLO", 3);
	assert_true(lay->cells[lay->gcell[1]].flags & LAYOUT_CELL_BIDI);
	assert_memory_equal(lay->text + lay->cells[lay->gcell[5]].text, "PDF", 3);
	assert_true(lay->cells[lay->gcell[7]].flags & LAYOUT_CELL_HIDDEN);
	assert_true(lay->cells[lay->gcell[9]].flags & LAYOUT_CELL_HIDDEN);
	/* "abc" is shown reversed by the override */
	assert_true(lay->gcell[4] < lay->gcell[3] && lay->gcell[3] < lay->gcell[2]);
	check_invariants(lay, s, strlen(s), 80);
	layout_free(lay);
}

/* Each line is its own paragraph: an RLO left open on one line changes
 * nothing on the next. */
static void test_unbalanced_override_does_not_leak(void **state)
{
	(void)state;
	const char *next = "ghi (jkl) 12";
	struct layout *alone = lay_of(next, 80, 0);
	struct layout *first = lay_of("abc \u202Edef", 80, 0);
	/* within its own line the override reverses "def" */
	assert_true(first->gcell[7] < first->gcell[6] && first->gcell[6] < first->gcell[5]);
	struct layout *after = lay_of(next, 80, 0);
	layout_free(first);
	assert_int_equal(after->dir, LAYOUT_LTR);
	assert_int_equal(after->ncells, alone->ncells);
	for (size_t c = 0; c < after->ncells; c++) {
		assert_int_equal(after->cells[c].g, c);	/* logical order, LTR */
		assert_int_equal(after->cells[c].flags, 0);
		assert_memory_equal(&after->cells[c], &alone->cells[c], sizeof after->cells[c]);
	}
	layout_free(alone);
	layout_free(after);
}

static void test_mirrored_brackets(void **state)
{
	(void)state;
	const char *s = "سلام (دنیا)";
	struct layout *lay = lay_of(s, 80, 0);
	/* the opening bracket is grapheme 5: drawn as ')' so that on screen
	 * it still opens towards the words it encloses (to its left) */
	const struct layout_cell *open = &lay->cells[lay->gcell[5]];
	assert_memory_equal(lay->text + open->text, ")", 1);
	assert_true(open->flags & LAYOUT_CELL_MIRRORED);
	assert_true(open->flags & LAYOUT_CELL_RTL);
	/* on screen, left to right: "(ایند) مالس" */
	assert_memory_equal(lay->text + lay->cells[0].text, "(", 1);
	assert_int_equal(lay->cells[0].g, 10);
	layout_free(lay);
	lay = lay_of(s, 80, LAYOUT_NO_MIRROR);
	assert_memory_equal(lay->text + lay->cells[lay->gcell[5]].text, "(", 1);
	assert_false(lay->cells[lay->gcell[5]].flags & LAYOUT_CELL_MIRRORED);
	layout_free(lay);
	lay = lay_of("hello (world)", 80, 0);	/* LTR: never mirrored */
	assert_memory_equal(lay->text + lay->cells[6].text, "(", 1);
	layout_free(lay);
}

static void test_shaping(void **state)
{
	(void)state;
	const char *s = "سلام لا سَلام";
	size_t len = strlen(s);
	char *copy = xstrdup(s);
	struct layout *lay = lay_of(copy, 80, LAYOUT_SHAPE);
	assert_memory_equal(copy, s, len + 1);	/* the bytes are never changed */
	assert_int_equal(lay->ngraph, 12);
	assert_int_equal(lay->ncells, 12);
	/* seen initial, lam medial, alef final, meem isolated */
	assert_string_equal(cell_text(lay, lay->gcell[0]), "\uFEB3");
	assert_string_equal(cell_text(lay, lay->gcell[1]), "\uFEE0");
	assert_string_equal(cell_text(lay, lay->gcell[2]), "\uFE8E");
	assert_string_equal(cell_text(lay, lay->gcell[3]), "\uFEE1");
	assert_true(lay->cells[lay->gcell[0]].flags & LAYOUT_CELL_SHAPED);
	/* lam-alef: two cells, lam initial + alef final, no ligature */
	assert_string_equal(cell_text(lay, lay->gcell[5]), "\uFEDF");
	assert_string_equal(cell_text(lay, lay->gcell[6]), "\uFE8E");
	/* a letter with its fatha: one cell, shaped base then the mark */
	assert_string_equal(cell_text(lay, lay->gcell[8]), "\uFEB3\u064E");
	assert_int_equal(lay->cells[lay->gcell[8]].width, 1);
	for (size_t i = 0; i + 3 <= lay->text_len; i++)	/* no U+FEFF filler */
		assert_false(memcmp(lay->text + i, "\xef\xbb\xbf", 3) == 0);
	check_invariants(lay, s, len, 80);
	layout_free(lay);
	/* without the flag the letters are left to the terminal */
	lay = lay_of(s, 80, 0);
	assert_string_equal(cell_text(lay, lay->gcell[0]), "س");
	layout_free(lay);
	free(copy);
}

static void test_lone_mark_on_dotted_circle(void **state)
{
	(void)state;
	const char *s = "\u064E\u0628";	/* fatha with no base, beh */
	struct layout *lay = lay_of(s, 80, 0);
	assert_int_equal(lay->ngraph, 2);
	const struct layout_cell *c = &lay->cells[lay->gcell[0]];
	assert_int_equal(c->width, 1);
	assert_string_equal(cell_text(lay, lay->gcell[0]), "\u25CC\u064E");
	check_invariants(lay, s, strlen(s), 80);
	layout_free(lay);
	/* ZWNJ inside a Persian word is part of the letter before it, width 0 */
	s = "می\u200Cخواهم";
	lay = lay_of(s, 80, 0);
	assert_int_equal(lay->ngraph, 7);
	assert_int_equal(lay->rows[0].right - lay->rows[0].left, 7);
	assert_int_equal(ustr_cp_width(0x200C), 0);
	assert_int_equal(ustr_cp_width(0x200D), 0);
	layout_free(lay);
}

/* Visual motion over an RTL -> LTR -> RTL line, also wrapped: every
 * grapheme exactly once, in screen order, both ways (check_invariants
 * walks it); plus the exact path on one row. */
static void test_move_mixed(void **state)
{
	(void)state;
	const char *s = "سلام hello world دنیا";
	for (int width = 80; width >= 3; width--)
		check_line(s, strlen(s), width, 0, LAYOUT_LTR);
	struct layout *lay = lay_of(s, 80, 0);
	/* on screen, left to right: "دنیا" reversed, space, "hello world",
	 * space, "سلام" reversed */
	size_t g = layout_enter(lay, -1);	/* moving left into an RTL line */
	assert_int_equal(g, 0);	/* the rightmost cell: first letter */
	for (size_t i = 0; i < 4; i++)
		g = layout_move(lay, g, -1);
	assert_int_equal(g, 4);	/* the space after سلام, left of it */
	g = layout_move(lay, g, -1);
	assert_int_equal(g, 15);	/* left of the space: the 'd' of world */
	g = layout_move(lay, g, +1);
	assert_int_equal(g, 4);
	assert_int_equal(layout_move(lay, 0, +1), LAYOUT_OFF_START);
	assert_int_equal(layout_move(lay, lay->ngraph, -1), LAYOUT_OFF_END);
	layout_free(lay);
	/* wrapped RTL: left past the leftmost cell of row 0 goes to the
	 * rightmost stop of row 1 */
	lay = lay_of("سلام علیکم دوستان", 6, 0);
	assert_true(lay->nrows >= 2);
	const struct layout_row *r0 = &lay->rows[0], *r1 = &lay->rows[1];
	size_t leftmost = lay->cells[r0->cell].g;
	size_t rightmost1 = lay->cells[r1->cell + r1->ncells - 1].g;
	assert_int_equal(layout_move(lay, leftmost, -1), rightmost1);
	assert_int_equal(layout_move(lay, rightmost1, +1), leftmost);
	layout_free(lay);
}

static void test_pos_end_of_line(void **state)
{
	(void)state;
	size_t row;
	int col;
	struct layout *lay = lay_of("abc", 10, 0);
	layout_pos(lay, 3, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 3);	/* right of the text */
	assert_int_equal(layout_hit(lay, 0, 7), 3);	/* a click right of it */
	layout_free(lay);
	lay = lay_of("سلام", 10, 0);
	layout_pos(lay, 4, &row, &col);
	assert_int_equal(col, 5);	/* left of the text, which spans 6..9 */
	assert_int_equal(layout_hit(lay, 0, 0), 4);
	layout_pos(lay, 0, &row, &col);
	assert_int_equal(col, 9);
	layout_free(lay);
	lay = lay_of("abcdefghij", 10, 0);	/* a full row: clamped */
	layout_pos(lay, 10, &row, &col);
	assert_int_equal(col, 9);
	layout_free(lay);
	struct layout_opts o = {10, LAYOUT_AUTO, LAYOUT_RTL, 0};
	lay = layout_line("", 0, &o);	/* empty line, RTL fallback */
	assert_int_equal(lay->dir, LAYOUT_RTL);
	assert_int_equal(lay->nrows, 1);
	layout_pos(lay, 0, &row, &col);
	assert_int_equal(col, 9);
	assert_int_equal(layout_move(lay, 0, -1), LAYOUT_OFF_END);
	assert_int_equal(layout_move(lay, 0, +1), LAYOUT_OFF_START);
	layout_free(lay);
	lay = lay_of("123 456", 10, 0);	/* no strong character: fallback LTR */
	assert_int_equal(lay->dir, LAYOUT_LTR);
	layout_free(lay);
	o.base = LAYOUT_RTL;	/* a forced base wins over the first strong char */
	lay = layout_line("abc", 3, &o);
	assert_int_equal(lay->dir, LAYOUT_RTL);
	assert_int_equal(lay->rows[0].right, 10);
	layout_free(lay);
}

/* Narrow screens: nothing crashes or spills, on every corpus line. */
static void test_narrow_widths_on_corpus(void **state)
{
	(void)state;
	static const char *files[] = {"library-2025-en.txt", "malmo-2018-ar.txt",
				      "shora-1403-fa.txt", "unstructured-communique-ar.txt",
				      "vaad-2024-he.txt"};
	static const int widths[] = {1, 2, 5, 13, 80};
	static const unsigned flags[] = {0, LAYOUT_SHAPE | LAYOUT_SHOW_CONTROLS};
	for (size_t f = 0; f < UTIL_ARRAY_LEN(files); f++) {
		size_t len;
		char *text = tu_corpus_file(files[f], &len);
		for (char *line = text; line < text + len;) {
			char *nl = memchr(line, '\n', (size_t)(text + len - line));
			size_t n = nl != NULL ? (size_t)(nl - line) : (size_t)(text + len - line);
			for (size_t w = 0; w < UTIL_ARRAY_LEN(widths); w++)
				for (size_t k = 0; k < UTIL_ARRAY_LEN(flags); k++)
					check_line(line, n, widths[w], flags[k], LAYOUT_RTL);
			line += n + 1;
		}
		free(text);
	}
	/* a wide character on a 1-column screen: alone on its row */
	struct layout *lay = lay_of("中a", 1, 0);
	assert_int_equal(lay->nrows, 2);
	assert_int_equal(lay->rows[0].right, 2);
	check_invariants(lay, "中a", strlen("中a"), 1);
	layout_free(lay);
}

/* Found by fuzzing: one column wide, the RTL line RLM, CR, "]" was cut
 * after the hidden RLM, which left a screen row with nothing on it, where a
 * click put the cursor on no stop; and a hidden control after an over-wide
 * grapheme took a row of its own. */
static void test_wrap_leaves_no_empty_row(void **state)
{
	(void)state;
	static const char rlm_cr[] = "\xe2\x80\x8f\r]";
	struct layout_opts o = {1, LAYOUT_AUTO, LAYOUT_LTR, LAYOUT_SHAPE};
	struct layout *lay = layout_line(rlm_cr, strlen(rlm_cr), &o);
	assert_int_equal(lay->dir, LAYOUT_RTL);
	assert_int_equal(lay->nrows, 2);
	assert_string_equal(row_bytes(lay, rlm_cr, 0), "\xe2\x80\x8f\r");	/* RLM with the ^M */
	check_invariants(lay, rlm_cr, strlen(rlm_cr), 1);
	layout_free(lay);
	lay = lay_of("中\xe2\x80\x8e", 1, 0);	/* wide, then LRM: one row */
	assert_int_equal(lay->nrows, 1);
	check_invariants(lay, "中\xe2\x80\x8e", strlen("中\xe2\x80\x8e"), 1);
	layout_free(lay);
}

/* Random bytes: whatever the line holds, the invariants hold. */
static void test_random_bytes(void **state)
{
	(void)state;
	static const char *pieces[] = {"a", " ", "\xd8\xb3", "\xd9\x8e", "\xe2\x80\xae",
				       "\xe2\x80\xac", "\xe2\x81\xa7", "\xe2\x81\xa9", "(", ")",
				       "\x1b", "\xc2\x9b", "\xff", "\xe4\xb8\xad", "\xe2\x80\x8d",
				       "\xf0\x9f\x87\xa6", "1", "\xd7\x90", "\t", "\xcc\x81"};
	uint32_t seed = 12345;
	char s[200];
	for (int iter = 0; iter < 2000; iter++) {
		size_t len = 0;
		seed = seed * 1103515245u + 12345u;
		int n = (int)(seed >> 16) % 40;
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % UTIL_ARRAY_LEN(pieces)];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		int width = 1 + (int)((seed >> 8) % 12);
		check_line(s, len, width, (seed >> 4) & 7, (seed >> 3) & 1);
	}
}

/* Lines bidi_levels_simple resolves are laid out by layout.c's own row
 * order: every part of the layout must be what fribidi's gives. */
static void check_same_layout(const char *s, size_t len, const struct layout_opts *o)
{
	struct layout_opts full = *o;
	full.flags |= LAYOUT_FULL;
	struct layout *a = layout_line(s, len, o), *b = layout_line(s, len, &full);
	assert_int_equal(a->dir, b->dir);
	assert_int_equal(a->ngraph, b->ngraph);
	assert_int_equal(a->nrows, b->nrows);
	assert_int_equal(a->ncells, b->ncells);
	assert_int_equal(a->text_len, b->text_len);
	assert_memory_equal(a->text, b->text, a->text_len);
	assert_memory_equal(a->goff, b->goff, (a->ngraph + 1) * sizeof *a->goff);
	if (a->ngraph > 0) {
		assert_memory_equal(a->glevel, b->glevel, a->ngraph);
		assert_memory_equal(a->gcell, b->gcell, a->ngraph * sizeof *a->gcell);
	}
	for (size_t r = 0; r < a->nrows; r++) {
		assert_int_equal(a->rows[r].cell, b->rows[r].cell);
		assert_int_equal(a->rows[r].ncells, b->rows[r].ncells);
		assert_int_equal(a->rows[r].gfirst, b->rows[r].gfirst);
		assert_int_equal(a->rows[r].gend, b->rows[r].gend);
		assert_int_equal(a->rows[r].left, b->rows[r].left);
		assert_int_equal(a->rows[r].right, b->rows[r].right);
	}
	for (size_t c = 0; c < a->ncells; c++) {
		assert_int_equal(a->cells[c].g, b->cells[c].g);
		assert_int_equal(a->cells[c].col, b->cells[c].col);
		assert_int_equal(a->cells[c].width, b->cells[c].width);
		assert_int_equal(a->cells[c].flags, b->cells[c].flags);
		assert_int_equal(a->cells[c].text, b->cells[c].text);
		assert_int_equal(a->cells[c].text_len, b->cells[c].text_len);
	}
	layout_free(a);
	layout_free(b);
}

static void test_simple_paragraphs_as_fribidi(void **state)
{
	(void)state;
	/* Every class bidi_levels_simple takes, and some it must refuse. */
	static const char *pieces[] = {
		"\xd8\xb3", "\xd8\xa8", "\xd7\x90", "\xd7\xa9", "a", "Z",	/* AL, R, L */
		"1", "9", "\xd9\xa1", "\xdb\xb1", "\xd8\x80",		/* EN, AN, Persian EN, AN prepend */
		",", ".", ":", "/", "+", "-", "%", "$", "#", "\xc2\xb0",	/* CS, ES, ET */
		" ", " ", "\t", "(", ")", "[", "]", "!", "\xe2\x80\x94",	/* WS, S, ON */
		"\xd9\x8e", "\xd6\xb0", "\xcc\x81",			/* NSM */
		"\xe2\x80\x8c", "\xe2\x80\x8f", "\xe2\x81\xa7",	/* BN, RLM, RLI */
		"\xf0\x9f\x98\x80", "\xe4\xb8\xad",			/* emoji, wide */
		"\r\n", "\x1b", "\xff",					/* symbols (a mark after CR LF) */
	};
	uint32_t seed = 2026;
	char s[400];
	size_t simple = 0;
	for (int iter = 0; iter < 60000; iter++) {
		seed = seed * 1103515245u + 12345u;
		/* Mostly one script with numbers and punctuation, like minutes. */
		int script = (int)(seed >> 20) % 4;
		size_t len = 0;
		int n = 1 + (int)((seed >> 8) % 60);
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			size_t k = (seed >> 16) % UTIL_ARRAY_LEN(pieces);
			if (script < 3 && (k < 6 || (k >= 33 && (seed >> 6) % 4 != 0)) && (seed >> 4) % 8 != 0)
				k = (size_t)(2 * script + ((seed >> 5) & 1));
			const char *p = pieces[k];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		seed = seed * 1103515245u + 12345u;
		struct layout_opts o = {1 + (int)((seed >> 8) % 50), (int)((seed >> 4) % 3),
					(int)((seed >> 3) & 1), (seed >> 2) & LAYOUT_NO_MIRROR};
		uint32_t cp[400], types[400];
		uint8_t lev[400];
		size_t ncp = ustr_decode_all(s, len, cp, NULL);
		bidi_classify(cp, ncp, types);
		int base = o.base == LAYOUT_AUTO ? BIDI_AUTO : o.base;
		if (bidi_levels_simple(types, ncp, base, o.fallback, lev) >= 0)
			simple++;
		check_same_layout(s, len, &o);
	}
	/* Both paths were taken often. */
	print_message("%zu of 60000 lines simple\n", simple);
	assert_true(simple > 5000);
	assert_true(simple < 55000);
}

/* Row ends found from windows of a line (layout.c) are those of the
 * whole line's line-break opportunities: random lines full of the
 * classes whose rules look back or ahead, at narrow widths. */
static void test_breaks_from_windows_as_whole_line(void **state)
{
	(void)state;
	static const char *pieces[] = {
		"word", "Minutes", "\xd8\xac\xd9\x84\xd8\xb3\xd8\xa9", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
		"\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85",	/* ZWNJ */
		" ", " ", " ", "  ", "\t", "(", ")", "[", "]", "\xc2\xab", "\xc2\xbb", "\"", "'",
		"\xe2\x80\x94", "-", "\xe2\x80\x90", "\xc2\xad", "/", ",", ".", ":", ";", "!", "?",
		"\xd8\x8c", "\xd8\x9f", "12", "3.5", "\xd9\xa1\xd9\xa2", "$", "%", "\xe2\x82\xac",
		"\xc2\xb0", "\xc2\xa0", "\xe2\x80\x8b", "\xe2\x81\xa0", "\xf0\x9f\x87\xb8\xf0\x9f\x87\xa6",
		"\xf0\x9f\x87\xa6", "\xcc\x81", "\xd9\x8e", "\xe4\xb8\xad\xe6\x96\x87", "\xe3\x80\x82",
		"\xf0\x9f\x98\x80", "\xe2\x80\xa6", "\xe3\x83\xbc", "\xe0\xa4\x95\xe0\xa5\x8d",
	};
	uint32_t seed = 14;
	char s[1200];
	for (int iter = 0; iter < 20000; iter++) {
		seed = seed * 1103515245u + 12345u;
		size_t len = 0;
		int n = 10 + (int)((seed >> 8) % 120);
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly words and single spaces, as in minutes. */
			size_t k = (seed >> 16) % 3 ? (seed >> 12) % 6 : (seed >> 16) % UTIL_ARRAY_LEN(pieces);
			if (k == 5)
				k = 5 + (seed >> 20) % 3;
			const char *p = pieces[k];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		seed = seed * 1103515245u + 12345u;
		struct layout_opts o = {3 + (int)((seed >> 8) % 60), (int)((seed >> 4) % 3),
					(int)((seed >> 3) & 1), 0};
		check_same_layout(s, len, &o);
	}
	/* And every corpus line, at widths from 8 to 120, with shaping too. */
	static const char *files[] = {"library-2025-en.txt", "malmo-2018-ar.txt",
				      "shora-1403-fa.txt", "unstructured-communique-ar.txt",
				      "vaad-2024-he.txt"};
	size_t lines = 0;
	for (size_t f = 0; f < UTIL_ARRAY_LEN(files); f++) {
		size_t len;
		char *text = tu_corpus_file(files[f], &len);
		for (char *line = text; line < text + len;) {
			char *nl = memchr(line, '\n', (size_t)(text + len - line));
			size_t n = nl != NULL ? (size_t)(nl - line) : (size_t)(text + len - line);
			for (int width = 8; width <= 120; width += 7) {
				struct layout_opts o = {width, LAYOUT_AUTO, LAYOUT_RTL, width % 2 ? LAYOUT_SHAPE : 0};
				check_same_layout(line, n, &o);
			}
			lines++;
			line += n + 1;
		}
		free(text);
	}
	assert_true(lines > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arabic_right_aligned_reversed),
		cmocka_unit_test(test_persian_mixed_uax9),
		cmocka_unit_test(test_hebrew_niqqud),
		cmocka_unit_test(test_wrap_english_width_20),
		cmocka_unit_test(test_wrap_arabic_width_20),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wide_cjk),
		cmocka_unit_test(test_controls_become_symbols),
		cmocka_unit_test(test_bidi_controls_hidden_or_shown),
		cmocka_unit_test(test_unbalanced_override_does_not_leak),
		cmocka_unit_test(test_mirrored_brackets),
		cmocka_unit_test(test_shaping),
		cmocka_unit_test(test_lone_mark_on_dotted_circle),
		cmocka_unit_test(test_move_mixed),
		cmocka_unit_test(test_pos_end_of_line),
		cmocka_unit_test(test_narrow_widths_on_corpus),
		cmocka_unit_test(test_wrap_leaves_no_empty_row),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_simple_paragraphs_as_fribidi),
		cmocka_unit_test(test_breaks_from_windows_as_whole_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
