/* fuzz layout: layout_line on any bytes, at the width and with the flags
 * and directions of the first two bytes, and again one column wide:
 *   - one cell per grapheme, graphemes as ustr steps over the bytes;
 *   - rows cover the graphemes in order, cells sit side by side within the
 *     width (except a lone over-wide grapheme), aligned to the paragraph's side;
 *   - display text is valid UTF-8 without C0/C1/DEL, empty only for hidden cells;
 *   - layout_move visits every cursor stop once, left to right and right to
 *     left, and undoes itself; layout_pos and layout_hit agree;
 *   - the layout is the one LAYOUT_FULL gives (fribidi for every line, whole
 *     lines' line breaks, every cell the long way). */
#include "fuzz.h"

#include "mahdar/layout.h"

#include <stdlib.h>
#include <string.h>

static int fuzz_is_stop(const struct layout *lay, size_t g)
{
	return g == lay->ngraph || !(lay->cells[lay->gcell[g]].flags & LAYOUT_CELL_HIDDEN);
}

static void fuzz_check_cells(const struct layout *lay, const char *s, size_t len)
{
	FUZZ_CHECK(lay->ncells == lay->ngraph);
	FUZZ_CHECK(lay->goff[0] == 0 && lay->goff[lay->ngraph] == len);
	for (size_t g = 0; g < lay->ngraph; g++) {
		FUZZ_CHECK(lay->goff[g + 1] == ustr_grapheme_next(s, len, lay->goff[g]));
		FUZZ_CHECK(lay->gcell[g] < lay->ncells && lay->cells[lay->gcell[g]].g == g);
		FUZZ_CHECK(layout_g_of_off(lay, lay->goff[g]) == g);
		FUZZ_CHECK(layout_g_of_off(lay, lay->goff[g + 1] - 1) == g);
	}
	FUZZ_CHECK(layout_g_of_off(lay, len) == lay->ngraph);
	FUZZ_CHECK(fuzz_clean_text(lay->text, lay->text_len));
	for (size_t c = 0; c < lay->ncells; c++) {
		const struct layout_cell *cell = &lay->cells[c];
		FUZZ_CHECK((size_t)cell->text + cell->text_len <= lay->text_len);
		FUZZ_CHECK(fuzz_clean_text(lay->text + cell->text, cell->text_len));
		int hidden = (cell->flags & LAYOUT_CELL_HIDDEN) != 0;
		FUZZ_CHECK(hidden == (cell->width == 0));
		FUZZ_CHECK(hidden == (cell->text_len == 0));
		FUZZ_CHECK(((cell->flags & LAYOUT_CELL_RTL) != 0) == (lay->glevel[cell->g] & 1));
	}
}

static void fuzz_check_rows(const struct layout *lay)
{
	FUZZ_CHECK(lay->nrows >= 1);
	FUZZ_CHECK(lay->dir == LAYOUT_LTR || lay->dir == LAYOUT_RTL);
	size_t g = 0, cell = 0;
	for (size_t r = 0; r < lay->nrows; r++) {
		const struct layout_row *row = &lay->rows[r];
		FUZZ_CHECK(row->gfirst == g && row->gend >= row->gfirst);
		FUZZ_CHECK(r + 1 == lay->nrows || row->gend > row->gfirst);	/* only the last may be empty */
		FUZZ_CHECK(row->cell == cell && row->ncells == row->gend - row->gfirst);
		int col = row->left, visible = 0, widest = 0;
		for (size_t c = row->cell; c < row->cell + row->ncells; c++) {
			const struct layout_cell *x = &lay->cells[c];
			FUZZ_CHECK(x->g >= row->gfirst && x->g < row->gend);
			FUZZ_CHECK(x->col == col);
			col += x->width;
			if (x->width > 0)
				visible++;
			if (x->width > widest)
				widest = x->width;
		}
		FUZZ_CHECK(col == row->right);
		if (row->right > lay->width)	/* a lone grapheme too wide for the row */
			FUZZ_CHECK(visible == 1 && widest > lay->width && row->left == 0);
		if (lay->dir == LAYOUT_LTR)
			FUZZ_CHECK(row->left == 0);
		else
			FUZZ_CHECK(row->right >= lay->width);
		for (size_t k = row->gfirst; k < row->gend; k++)
			FUZZ_CHECK(layout_row_of(lay, k) == r);
		g = row->gend;
		cell += row->ncells;
	}
	FUZZ_CHECK(g == lay->ngraph && cell == lay->ncells);
}

/* Walk the stops with layout_move in direction dir from where a motion
 * entering the line would land; each stop exactly once. */
static void fuzz_walk(const struct layout *lay, int dir, char *seen)
{
	size_t nstops = 1;
	for (size_t g = 0; g < lay->ngraph; g++)
		nstops += fuzz_is_stop(lay, g);
	memset(seen, 0, lay->ngraph + 1);
	size_t g = layout_enter(lay, dir), visited = 0;
	while (g != LAYOUT_OFF_START && g != LAYOUT_OFF_END) {
		FUZZ_CHECK(g <= lay->ngraph && fuzz_is_stop(lay, g) && !seen[g]);
		seen[g] = 1;
		visited++;
		size_t next = layout_move(lay, g, dir);
		if (next != LAYOUT_OFF_START && next != LAYOUT_OFF_END)
			FUZZ_CHECK(layout_move(lay, next, -dir) == g);
		g = next;
	}
	FUZZ_CHECK(visited == nstops);
	/* Which end the walk left by: forward in reading order leaves past the end. */
	FUZZ_CHECK((g == LAYOUT_OFF_END) == ((dir > 0) == (lay->dir == LAYOUT_LTR)));
}

static void fuzz_check_pos_hit(const struct layout *lay)
{
	for (size_t g = 0; g <= lay->ngraph; g++) {
		size_t row;
		int col;
		layout_pos(lay, g, &row, &col);
		FUZZ_CHECK(row == layout_row_of(lay, g) && col >= 0 && col < lay->width);
		if (!fuzz_is_stop(lay, g))
			continue;
		size_t hit = layout_hit(lay, row, col);
		if (g < lay->ngraph) {
			FUZZ_CHECK(hit == g);
		} else {	/* the end: unless clamped onto a cell of the last row */
			const struct layout_row *r = &lay->rows[row];
			int covered = 0;
			for (size_t c = r->cell; c < r->cell + r->ncells; c++)
				if (lay->cells[c].width > 0 && col >= lay->cells[c].col &&
				    col < lay->cells[c].col + lay->cells[c].width)
					covered = 1;
			FUZZ_CHECK(covered || hit == g);
		}
	}
	/* Every click lands on a cursor stop of the row clicked. */
	for (size_t r = 0; r < lay->nrows; r++)
		for (int col = -1; col <= lay->width; col++) {
			size_t g = layout_hit(lay, r, col);
			FUZZ_CHECK(g <= lay->ngraph && fuzz_is_stop(lay, g) && layout_row_of(lay, g) == r);
		}
}

static void fuzz_same_as_full(const struct layout *lay, const char *s, size_t len, const struct layout_opts *o)
{
	struct layout_opts fo = *o;
	fo.flags |= LAYOUT_FULL;
	struct layout *full = layout_line(s, len, &fo);
	FUZZ_CHECK(lay->dir == full->dir && lay->ngraph == full->ngraph && lay->nrows == full->nrows);
	FUZZ_CHECK(lay->ncells == full->ncells && lay->text_len == full->text_len);
	FUZZ_CHECK(memcmp(lay->text, full->text, lay->text_len) == 0);
	for (size_t r = 0; r < lay->nrows; r++) {	/* field by field: a row has padding */
		const struct layout_row *a = &lay->rows[r], *b = &full->rows[r];
		FUZZ_CHECK(a->cell == b->cell && a->ncells == b->ncells && a->gfirst == b->gfirst &&
			   a->gend == b->gend && a->left == b->left && a->right == b->right);
	}
	FUZZ_CHECK(memcmp(lay->cells, full->cells, lay->ncells * sizeof *lay->cells) == 0);
	FUZZ_CHECK(lay->ngraph == 0 || memcmp(lay->glevel, full->glevel, lay->ngraph) == 0);
	layout_free(full);
}

static void fuzz_one(const char *s, size_t len, const struct layout_opts *o)
{
	struct layout *lay = layout_line(s, len, o);
	fuzz_same_as_full(lay, s, len, o);
	FUZZ_CHECK(lay->width == o->width);
	fuzz_check_cells(lay, s, len);
	fuzz_check_rows(lay);
	char *seen = malloc(lay->ngraph + 1);
	fuzz_walk(lay, +1, seen);
	fuzz_walk(lay, -1, seen);
	free(seen);
	fuzz_check_pos_hit(lay);
	layout_free(lay);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	struct layout_opts o;
	o.width = 1 + data[0] % 100;
	o.flags = data[1] & (LAYOUT_SHAPE | LAYOUT_SHOW_CONTROLS | LAYOUT_NO_MIRROR);
	o.base = (data[1] >> 3) % 3;
	o.fallback = (data[1] >> 5) & 1;
	const char *s = (const char *)data + 2;
	fuzz_one(s, size - 2, &o);
	o.width = 1;
	fuzz_one(s, size - 2, &o);
	return 0;
}
