/* cmd-edit: cursor motions, selection, typing keys, clipboard, undo.
 * Data model: one table row per command; motions share one exec whose arg
 * is the enum edit_motion, with CMD_EDIT_EXTEND added for the Shift
 * (selecting) variants. */
#include "mahdar/cmd.h"

#include "mahdar/buf.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/kmap.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

#define CMD_EDIT_EXTEND 0x100

static void cmd_edit_move(struct editor *ed, int arg)
{
	edit_move(ed->edit, arg & ~CMD_EDIT_EXTEND, (arg & CMD_EDIT_EXTEND) != 0);
}

static void cmd_edit_select_all(struct editor *ed, int arg)
{
	(void)arg;
	edit_select_all(ed->edit);
}

static void cmd_edit_cancel(struct editor *ed, int arg)
{
	(void)arg;
	ed->edit->sel = 0;
}

static void cmd_edit_newline(struct editor *ed, int arg)
{
	(void)arg;
	edit_newline(ed->edit);
}

static void cmd_edit_tab(struct editor *ed, int arg)
{
	(void)arg;
	edit_type(ed->edit, "\t", 1);
}

static void cmd_edit_backspace(struct editor *ed, int arg)
{
	(void)arg;
	edit_backspace(ed->edit);
}

static void cmd_edit_delete(struct editor *ed, int arg)
{
	(void)arg;
	edit_delete(ed->edit);
}

static void cmd_edit_copy(struct editor *ed, int arg)
{
	(void)arg;
	if (edit_copy(ed->edit) < 0)
		editor_message(ed, 0, "Nothing selected (select with Shift+arrows or the mouse)");
	else
		editor_message(ed, 0, "Copied");
}

static void cmd_edit_cut(struct editor *ed, int arg)
{
	(void)arg;
	if (edit_cut(ed->edit) < 0)
		editor_message(ed, 0, "Nothing selected (select with Shift+arrows or the mouse)");
}

static void cmd_edit_paste(struct editor *ed, int arg)
{
	(void)arg;
	if (edit_paste(ed->edit) < 0)
		editor_message(ed, 0, "The clipboard is empty");
}

static void cmd_edit_undo(struct editor *ed, int arg)
{
	(void)arg;
	if (edit_undo(ed->edit) < 0)
		editor_message(ed, 0, "Nothing to undo");
}

static void cmd_edit_redo(struct editor *ed, int arg)
{
	(void)arg;
	if (edit_redo(ed->edit) < 0)
		editor_message(ed, 0, "Nothing to redo");
}

static void cmd_edit_line_direction(struct editor *ed, int arg)
{
	(void)arg;
	if (edit_line_direction(ed->edit, -1))
		editor_message(ed, 0, _("This line is now right-to-left"));
	else
		editor_message(ed, 0, _("This line is now left-to-right"));
}

/* ---- the input method (the .kmap files; see kmap.h) */

int cmd_input_load(struct editor *ed, const char *path)
{
	char *cause = NULL;
	struct kmap *km = kmap_new();
	int r = kmap_load(km, path, &cause);
	if (r < 0) {
		editor_message(ed, 1, "%s", cause);
		kmap_free(km);
	} else {
		if (r > 0)
			editor_message(ed, 1, "%s", cause);
		kmap_free(ed->kmap);
		ed->kmap = km;
		ed->kmap_state.n = 0;
	}
	free(cause);
	return r < 0 ? -1 : 0;
}

/* Type what the input method put in b, and empty it. */
static void cmd_input_type(struct editor *ed, struct buf *b)
{
	if (b->len > 0)
		edit_type(ed->edit, b->s, b->len);
	buf_free(b);
}

int cmd_input_event(struct editor *ed, const struct ui_event *ev)
{
	if (ed->kmap == NULL || !ed->kmap_on)
		return 0;
	struct buf out = BUF_INIT;
	int taken = 0;
	if (ev->type == UI_EV_TEXT) {
		for (size_t i = 0; i < ev->len;) {
			size_t n = 1;
			while (i + n < ev->len && ((unsigned char)ev->text[i + n] & 0xC0) == 0x80)
				n++;
			char key[8] = "Space";
			if (ev->text[i] != ' ') {
				memcpy(key, ev->text + i, n < sizeof key ? n : sizeof key - 1);
				key[n < sizeof key ? n : sizeof key - 1] = '\0';
			}
			if (!kmap_feed(ed->kmap, &ed->kmap_state, key, &out))
				buf_append(&out, ev->text + i, n);	/* not a key of the method */
			i += n;
		}
		taken = 1;
	} else if (ev->type == UI_EV_KEY) {
		taken = kmap_feed(ed->kmap, &ed->kmap_state, ev->key, &out);
	} else {
		kmap_flush(ed->kmap, &ed->kmap_state, &out);
	}
	cmd_input_type(ed, &out);
	return taken;
}

/* The shipped input method of the document's language, for Ctrl-\ without --input. */
static char *cmd_input_for_language(const struct editor *ed)
{
	static const char *const files[DOC_LANG_COUNT] = {
		[DOC_LANG_AR] = "arabic.kmap", [DOC_LANG_FA] = "persian.kmap", [DOC_LANG_HE] = "hebrew.kmap",
	};
	int lang = doc_language(ed->doc);
	return lang > DOC_LANG_EN && lang < DOC_LANG_COUNT ? keymap_shipped(files[lang]) : NULL;
}

/* The status line's hints start with "[ع] " while the input method is on. */
static void cmd_input_hints(struct editor *ed)
{
	char *prefix = xasprintf("[%s] ", kmap_indicator(ed->kmap));
	const char *h = ed->hints != NULL ? ed->hints : "";
	size_t pn = strlen(prefix);
	int has = strncmp(h, prefix, pn) == 0;
	char *now = NULL;
	if (ed->kmap_on && !has)
		now = xasprintf("%s%s", prefix, h);
	else if (!ed->kmap_on && has)
		now = xstrdup(h + pn);
	if (now != NULL) {
		free(ed->hints);
		ed->hints = now;
	}
	free(prefix);
}

void cmd_input_start(struct editor *ed, const char *path)
{
	if (cmd_input_load(ed, path) == 0) {
		ed->kmap_on = 1;
		cmd_input_hints(ed);
	}
}

static void cmd_edit_toggle_input(struct editor *ed, int arg)
{
	(void)arg;
	if (ed->kmap == NULL) {
		char *path = cmd_input_for_language(ed);
		int r = path != NULL ? cmd_input_load(ed, path) : -1;
		free(path);
		if (path == NULL)
			editor_message(ed, 0, _("No input method: start mahdar with --input arabic, persian or hebrew"));
		if (r < 0)
			return;
	}
	struct buf out = BUF_INIT;
	kmap_flush(ed->kmap, &ed->kmap_state, &out);
	cmd_input_type(ed, &out);
	ed->kmap_on = !ed->kmap_on;
	cmd_input_hints(ed);
	if (ed->kmap_on)
		editor_message(ed, 0, _("Input method %s (%s) on"), kmap_name(ed->kmap), kmap_indicator(ed->kmap));
	else
		editor_message(ed, 0, _("Input method %s off"), kmap_name(ed->kmap));
}

/* input-arabic, input-persian, input-hebrew: that input method, on (off
 * when it is the one on already). */
static void cmd_edit_input_named(struct editor *ed, int arg)
{
	static const char *const names[] = { "arabic", "persian", "hebrew" };
	const char *name = names[arg];
	if (ed->kmap == NULL || strcmp(kmap_name(ed->kmap), name) != 0 || !ed->kmap_on) {
		char *file = xasprintf("%s.kmap", name), *path = keymap_shipped(file);
		free(file);
		if (path == NULL) {
			editor_message(ed, 1, _("cannot find keymaps/%s.kmap"), name);
			return;
		}
		if (ed->kmap != NULL && ed->kmap_on)	/* the other one goes off first */
			cmd_edit_toggle_input(ed, 0);
		int r = cmd_input_load(ed, path);
		free(path);
		if (r < 0)
			return;
		ed->kmap_on = 0;	/* the toggle below turns it on */
	}
	cmd_edit_toggle_input(ed, 0);
}

#define CMD_EDIT_MOTION(name, help, m) \
	{name, help, cmd_edit_move, m}, \
	{"select-" name, help ", selecting", cmd_edit_move, (m) | CMD_EDIT_EXTEND}

static const struct cmd cmd_edit_cmds[] = {
	CMD_EDIT_MOTION("left", "One character left on screen", EDIT_LEFT),
	CMD_EDIT_MOTION("right", "One character right on screen", EDIT_RIGHT),
	CMD_EDIT_MOTION("up", "One row up, same screen column", EDIT_UP),
	CMD_EDIT_MOTION("down", "One row down, same screen column", EDIT_DOWN),
	CMD_EDIT_MOTION("home", "Start of the line", EDIT_HOME),
	CMD_EDIT_MOTION("end", "End of the line", EDIT_END),
	CMD_EDIT_MOTION("word-left", "One word left on screen", EDIT_WORD_LEFT),
	CMD_EDIT_MOTION("word-right", "One word right on screen", EDIT_WORD_RIGHT),
	CMD_EDIT_MOTION("page-up", "One screen up", EDIT_PAGE_UP),
	CMD_EDIT_MOTION("page-down", "One screen down", EDIT_PAGE_DOWN),
	CMD_EDIT_MOTION("doc-start", "Start of the document", EDIT_DOC_START),
	CMD_EDIT_MOTION("doc-end", "End of the document", EDIT_DOC_END),
	{"select-all", "Select the whole document", cmd_edit_select_all, 0},
	{"cancel", "Drop the selection and the message", cmd_edit_cancel, 0},
	{"newline", "Split the line at the cursor", cmd_edit_newline, 0},
	{"tab", "Type a TAB character (shown as one blank)", cmd_edit_tab, 0},
	{"backspace", "Delete the selection, or the mark or character before the cursor",
	 cmd_edit_backspace, 0},
	{"delete", "Delete the selection, or the character after the cursor", cmd_edit_delete, 0},
	{"copy", "Copy the selection", cmd_edit_copy, 0},
	{"cut", "Cut the selection", cmd_edit_cut, 0},
	{"paste", "Paste what was cut or copied", cmd_edit_paste, 0},
	{"undo", "Undo the last step", cmd_edit_undo, 0},
	{"redo", "Redo what was undone", cmd_edit_redo, 0},
	{"toggle-input", "Turn the input method on or off (--input, else the document's language)",
	 cmd_edit_toggle_input, 0},
	{"input-arabic", "Type Arabic (the Arabic PC layout); again: back to the keyboard's own",
	 cmd_edit_input_named, 0},
	{"input-persian", "Type Persian (ISIRI 9147); again: back to the keyboard's own", cmd_edit_input_named, 1},
	{"input-hebrew", "Type Hebrew (SI-1452); again: back to the keyboard's own", cmd_edit_input_named, 2},
	{"line-direction", "Make this line right-to-left or left-to-right (a direction mark at its start)",
	 cmd_edit_line_direction, 0},
};

const struct cmd *cmd_edit_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_edit_cmds);
	return cmd_edit_cmds;
}
