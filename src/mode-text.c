/* mode-text: editing the buffer's text — the bottom mode, always there.
 * Its keys are the "[text]" table (the cmd-edit, cmd-file and cmd-view
 * commands); typed text and pastes go into the document, the mouse places
 * the cursor, drags a selection and the wheel scrolls.  Data model: the
 * only state is whether the left button is held in the text. */
#include "mahdar/mode.h"

#include "mahdar/buf.h"
#include "mahdar/buffer.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>

struct mode_text_state {
	int dragging;		/* the left button is held in the text */
	char *hints;		/* the status line's key hints, made once */
};

static struct mode_text_state *mode_text_state(struct mode *m)
{
	if (m->state == NULL)
		m->state = xcalloc(1, sizeof(struct mode_text_state));
	return m->state;
}

static void mode_text_free(void *state)
{
	struct mode_text_state *st = state;
	if (st == NULL)
		return;
	free(st->hints);
	free(st);
}

static int mode_text_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)m;
	struct buffer *b = editor_buffer(ed);
	if (buffer_readonly(b) && buffer_locked_by(b) != NULL) {
		editor_message(ed, 1, _("Read-only: %s is open in %s."), buffer_path(b), buffer_locked_by(b));
		return 1;
	}
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
	struct mode_text_state *st = mode_text_state(m);
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

/* The status line's key hints: "^S save ^Q quit ^Z undo F1 help", from the keymap. */
static char *mode_text_hints(struct editor *ed)
{
	static const struct {
		const char *cmd, *label;
	} hints[] = {{"save", N_("save")}, {"quit", N_("quit")}, {"undo", N_("undo")}, {"help", N_("help")}};
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	for (size_t i = 0; i < UTIL_ARRAY_LEN(hints); i++) {
		const char *k = keymap_key_for(editor_keymap(ed), hints[i].cmd);
		if (k == NULL)
			continue;
		char kk[40];
		keymap_hint(k, kk, sizeof kk);
		buf_printf(&b, "%s%s %s", b.len ? " " : "", kk, _(hints[i].label));
	}
	return buf_steal(&b, NULL);
}

static void mode_text_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_text_state *st = mode_text_state(m);
	if (st->hints == NULL)
		st->hints = mode_text_hints(ed);
	f->st.hints = st->hints;
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
	.free = mode_text_free,
};

const struct mode_ops *mode_text(void)
{
	return &mode_text_ops;
}
