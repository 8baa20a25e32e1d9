/* mode-page: a full-screen page over the text (the help page).  Its
 * "[page]" table scrolls; any other key, or a click, closes it; the wheel
 * scrolls.  Data model: the page's lines (its own) and the screen row of
 * the page shown at the top; the view clamps that row, because the page's
 * length in rows depends on the width. */
#include "mahdar/mode.h"

#include "mahdar/editor.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdint.h>
#include <stdlib.h>

struct mode_page {
	char *title;
	char **lines;
	size_t n;
	size_t top;
};

/* Scroll by: 0 a row, 1 a screen (or three rows for the wheel), 2 all the
 * way; dir -1 back, +1 on. */
static void mode_page_scroll(struct editor *ed, struct mode_page *p, int dir, int unit, size_t screen)
{
	(void)ed;
	size_t by = unit == 0 ? 1 : unit == 1 ? screen : SIZE_MAX / 2;
	if (dir < 0)
		p->top = by > p->top ? 0 : p->top - by;
	else
		p->top = by > SIZE_MAX / 2 - p->top ? SIZE_MAX / 2 : p->top + by;
}

static int mode_page_key(struct editor *ed, struct mode *m, const char *key)
{
	(void)key;
	editor_pop(ed, m);
	return 1;
}

static int mode_page_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)s, (void)len;
	if (!paste)
		editor_pop(ed, m);
	return 1;
}

static int mode_page_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	if (ev->button == 3 || ev->button == 4)
		mode_page_scroll(ed, m->state, ev->button == 3 ? -1 : 1, 1, 3);
	else if (ev->action == UI_MOUSE_PRESS)
		editor_pop(ed, m);
	return 1;
}

static void mode_page_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	(void)ed;
	struct mode_page *p = m->state;
	f->page = (const char *const *)p->lines;
	f->npage = p->n;
	f->page_top = &p->top;
	f->page_title = p->title;
	f->st.msg = _("Arrows, PageUp, PageDown: scroll   any other key: back to the text");
	f->st.msg_error = 0;
}

static void mode_page_free(void *state)
{
	struct mode_page *p = state;
	for (size_t i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p->title);
	free(p);
}

static const struct mode_ops mode_page_ops = {
	.name = "page",
	.tables = {"page", NULL, NULL},
	.key = mode_page_key,
	.text = mode_page_text,
	.mouse = mode_page_mouse,
	.draw = mode_page_draw,
	.free = mode_page_free,
};

void mode_page_open(struct editor *ed, const char *title, char **lines, size_t n)
{
	struct mode_page *p = xcalloc(1, sizeof *p);
	p->title = xstrdup(title);
	p->lines = lines;
	p->n = n;
	editor_push(ed, &mode_page_ops, p);
}

/* ------------------------------------------------------------ commands */

enum { MODE_PAGE_ROW = 0, MODE_PAGE_SCREEN = 1, MODE_PAGE_ALL = 2, MODE_PAGE_BACK = 0x10 };

static int mode_page_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (m->ops != &mode_page_ops)
		return cmd_error(error, _("There is no page to scroll."));
	int rows = view_text_rows(editor_view(ed));
	mode_page_scroll(ed, m->state, (arg & MODE_PAGE_BACK) ? -1 : 1, arg & ~MODE_PAGE_BACK,
			 rows > 1 ? (size_t)rows - 1 : 1);
	return CMD_OK;
}

static const struct cmd mode_page_cmds[] = {
	{"page-row-up", "Scroll the page one row back", mode_page_cmd, MODE_PAGE_ROW | MODE_PAGE_BACK},
	{"page-row-down", "Scroll the page one row on", mode_page_cmd, MODE_PAGE_ROW},
	{"page-screen-up", "Scroll the page a screen back", mode_page_cmd, MODE_PAGE_SCREEN | MODE_PAGE_BACK},
	{"page-screen-down", "Scroll the page a screen on", mode_page_cmd, MODE_PAGE_SCREEN},
	{"page-start", "The start of the page", mode_page_cmd, MODE_PAGE_ALL | MODE_PAGE_BACK},
	{"page-end", "The end of the page", mode_page_cmd, MODE_PAGE_ALL},
};

const struct cmd *mode_page_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_page_cmds);
	return mode_page_cmds;
}
