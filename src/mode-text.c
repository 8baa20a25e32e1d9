/* mode-text: editing the buffer's text — the bottom mode, always there.
 * Its keys are the "[text]" table (the cmd-edit, cmd-file and cmd-view
 * commands); typed text and pastes go into the document, the mouse places
 * the cursor, drags a selection and the wheel scrolls.  Data model: the
 * only state is whether the left button is held in the text. */
#include "mahdar/mode.h"

#include "mahdar/buffer.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>

struct mode_text_state {
	int dragging;		/* the left button is held in the text */
};

static int mode_text_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)m;
	struct buffer *b = editor_buffer(ed);
	if (buffer_readonly(b)) {
		editor_message(ed, 1, _("%s is open read-only."), buffer_path(b));
		return 1;
	}
	if (!paste) {
		edit_type(buffer_edit(b), s, len);
		return 1;
	}
	size_t nul = edit_insert_text(buffer_edit(b), s, len);
	if (nul == 1)
		editor_message(ed, 0, _("Pasted without its NUL byte (a text file cannot hold them)"));
	else if (nul > 1)
		editor_message(ed, 0, _("Pasted without its %zu NUL bytes (a text file cannot hold them)"), nul);
	return 1;
}

static int mode_text_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	struct edit *e = editor_edit(ed);
	struct view *v = editor_view(ed);
	struct edit_pos p;
	if (ev->button == 3 || ev->button == 4) {
		/* Because reading on while the cursor stays (with its selection)
		 * is what the wheel is for; the next key brings the view back. */
		view_scroll(v, ev->button == 3 ? -3 : 3);
		editor_set_scrolled(ed, 1);
		return 1;
	}
	if (ev->button != 0)
		return 1;
	if (m->state == NULL)
		m->state = xcalloc(1, sizeof(struct mode_text_state));
	struct mode_text_state *st = m->state;
	if (ev->action == UI_MOUSE_RELEASE) {
		if (st->dragging && view_hit(v, ev->row, ev->col, &p) == 0)
			edit_set_cursor(e, p, 1);
		st->dragging = 0;
		return 1;
	}
	if (view_hit(v, ev->row, ev->col, &p) < 0)
		return 1;
	if (ev->action == UI_MOUSE_PRESS) {
		edit_set_cursor(e, p, strstr(ev->key, "S-") != NULL);
		st->dragging = 1;
	} else if (st->dragging) {
		edit_set_cursor(e, p, 1);
	}
	return 1;
}

static void mode_text_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	(void)m;
	struct edit_pos a, b;
	if (edit_selection(editor_edit(ed), &a, &b))
		view_frame_span(f, a.line, a.off, b.line, b.off, VIEW_A_SELECT);
}

static const struct mode_ops mode_text_ops = {
	.name = "text",
	.tables = {"text", NULL, NULL},
	.text = mode_text_text,
	.mouse = mode_text_mouse,
	.draw = mode_text_draw,
	.free = free,
};

const struct mode_ops *mode_text(void)
{
	return &mode_text_ops;
}
