/* Reading a view grid in the unit tests (header-only, static; include
 * after testutil.h). */
#ifndef MAHDAR_TESTGRID_H
#define MAHDAR_TESTGRID_H

#include "mahdar/view.h"

/* Row r of the grid as UTF-8, in screen order, right halves skipped:
 * attr == 0, every cell (blanks as spaces); else only the cells drawn
 * with one of attr's bits.  Caller frees. */
static inline char *tg_row(const struct view_grid *g, int r, unsigned attr)
{
	char *out = calloc((size_t)g->cols * 16 + 1, 1);
	size_t n = 0;
	for (int c = 0; c < g->cols; c++) {
		const struct view_cell *cell = &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
		if (cell->width == 0 || (attr != 0 && !(cell->attr & attr)))
			continue;
		if (cell->len == 0) {
			if (attr == 0)
				out[n++] = ' ';
			continue;
		}
		memcpy(out + n, view_cell_text(g, r, cell), cell->len);
		n += cell->len;
	}
	return out;
}

#endif
