/* cmd-view: how the text is shown — control markers, Arabic shaping,
 * visual or logical arrows, help.  Data model: a table of commands that
 * flip editor and layout options. */
#include "mahdar/cmd.h"

#include "mahdar/buf.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

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

/* One help line per binding: key, command, what it does. */
static void cmd_view_help_family(struct editor *ed, const char *title, const struct cmd *v, size_t n,
				 char ***lines, size_t *nlines, size_t *cap, struct buf *unbound)
{
	*lines = xgrow(*lines, cap, *nlines + 2, sizeof **lines);
	(*lines)[(*nlines)++] = xstrdup("");
	(*lines)[(*nlines)++] = xstrdup(title);
	for (size_t c = 0; c < n; c++) {
		const char *key, *cmd;
		int bound = 0;
		for (size_t i = 0; keymap_entry(ed->keymap, i, &key, &cmd) == 0; i++) {
			if (strcmp(cmd, v[c].name) != 0)
				continue;
			*lines = xgrow(*lines, cap, *nlines + 1, sizeof **lines);
			(*lines)[(*nlines)++] = xasprintf("  %-13s %-18s %s", key, v[c].name, v[c].help);
			bound = 1;
		}
		if (!bound)
			buf_printf(unbound, "%s%s", unbound->len ? ", " : "", v[c].name);
	}
}

static void cmd_view_help(struct editor *ed, int arg)
{
	(void)arg;
	static const struct {
		const char *title;
		const struct cmd *(*table)(size_t *);
	} fam[] = {{"Moving, selecting, editing", cmd_edit_table}, {"Files", cmd_file_table},
		   {"Showing", cmd_view_table}};
	char **lines = NULL;
	size_t n = 0, cap = 0;
	struct buf unbound = BUF_INIT;
	lines = xgrow(lines, &cap, 2, sizeof *lines);
	lines[n++] = xstrdup("Every key and what it does.");
	lines[n++] = xasprintf("Your own bindings go in %s, one \"KEY command\" a line (\"KEY none\" "
			       "removes one); they replace these.",
			       ed->keys_user != NULL ? ed->keys_user : "~/.config/mahdar/keys");
	if (ed->keys_problems != NULL) {
		lines = xgrow(lines, &cap, n + 2, sizeof *lines);
		lines[n++] = xstrdup("");
		lines[n++] = xstrdup("Problems in the keys files (those lines were skipped):");
		for (const char *p = ed->keys_problems; *p;) {
			size_t len = strcspn(p, "\n");
			lines = xgrow(lines, &cap, n + 1, sizeof *lines);
			lines[n++] = xasprintf("  %.*s", (int)len, p);
			p += len + (p[len] == '\n');
		}
	}
	for (size_t f = 0; f < UTIL_ARRAY_LEN(fam); f++) {
		size_t nc;
		const struct cmd *v = fam[f].table(&nc);
		cmd_view_help_family(ed, fam[f].title, v, nc, &lines, &n, &cap, &unbound);
	}
	if (unbound.len > 0) {
		lines = xgrow(lines, &cap, n + 2, sizeof *lines);
		lines[n++] = xstrdup("");
		lines[n++] = xasprintf("Commands no key is bound to: %s", unbound.s);
	}
	buf_free(&unbound);
	editor_page(ed, lines, n);
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
	{"help", "Show every key binding (any key comes back)", cmd_view_help, 0},
	{"redraw", "Repaint the whole screen", cmd_view_redraw, 0},
};

const struct cmd *cmd_view_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_view_cmds);
	return cmd_view_cmds;
}
