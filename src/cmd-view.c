/* cmd-view: how the text is shown — control markers, Arabic shaping,
 * visual or logical arrows, help.  Data model: a table of commands that
 * flip editor and layout options. */
#include "mahdar/cmd.h"

#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"

#include <stdlib.h>

static void cmd_view_flag(struct editor *ed, int arg)
{
	editor_set_flag(ed, (unsigned)arg, -1);
	const char *what = arg == LAYOUT_SHAPE ? "Arabic shaping" : "Showing bidi controls";
	editor_message(ed, 0, "%s %s", what, (ed->flags & (unsigned)arg) ? "on" : "off");
}

static void cmd_view_logical(struct editor *ed, int arg)
{
	(void)arg;
	ed->edit->logical = !ed->edit->logical;
	editor_message(ed, 0, "Arrows move in %s order", ed->edit->logical ? "logical (reading)" : "visual (screen)");
}

static void cmd_view_help(struct editor *ed, int arg)
{
	(void)arg;
	static const char *const shown[] = {"save", "quit", "undo", "redo", "copy", "cut", "paste",
					    "toggle-controls", "toggle-shape", "toggle-logical"};
	char *s = xstrdup("");
	for (size_t i = 0; i < UTIL_ARRAY_LEN(shown); i++) {
		const char *k = keymap_key_for(ed->keymap, shown[i]);
		if (k == NULL)
			continue;
		char *t = xasprintf("%s%s%s %s", s, *s ? "  " : "", k, shown[i]);
		free(s);
		s = t;
	}
	editor_message(ed, 0, "%s", s);
	free(s);
}

static void cmd_view_redraw(struct editor *ed, int arg)
{
	(void)arg;
	ui_redraw(ed->ui);
}

static const struct cmd cmd_view_cmds[] = {
	{"toggle-controls", "Show every bidi control character as a marker", cmd_view_flag,
	 LAYOUT_SHOW_CONTROLS},
	{"toggle-shape", "Draw Arabic presentation forms (for terminals that do not shape)", cmd_view_flag,
	 LAYOUT_SHAPE},
	{"toggle-logical", "Arrows move in logical (reading) order or on screen", cmd_view_logical, 0},
	{"help", "Show the main key bindings", cmd_view_help, 0},
	{"redraw", "Repaint the whole screen", cmd_view_redraw, 0},
};

const struct cmd *cmd_view_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_view_cmds);
	return cmd_view_cmds;
}
