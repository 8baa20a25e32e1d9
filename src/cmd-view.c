/* cmd-view: how the text is shown — control markers, Arabic shaping,
 * visual or logical arrows, help.  Data model: a table of commands that
 * flip editor and layout options through their accessors. */
#include "mahdar/cmd.h"

#include "mahdar/buf.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/mode.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

static int cmd_view_flag(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)error;
	editor_set_flag(ed, (unsigned)arg, -1);
	int on = (editor_flags(ed) & (unsigned)arg) != 0;
	if (arg == LAYOUT_SHAPE)
		editor_message(ed, 0, "%s", on ? _("Arabic shaping on") : _("Arabic shaping off"));
	else
		editor_message(ed, 0, "%s", on ? _("Showing bidi controls on") : _("Showing bidi controls off"));
	return CMD_OK;
}

static int cmd_view_logical(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	struct edit *e = editor_edit(ed);
	edit_set_logical(e, !edit_logical(e));
	editor_message(ed, 0, "%s", edit_logical(e) ? _("Arrows move in logical (reading) order")
						    : _("Arrows move in visual (screen) order"));
	return CMD_OK;
}

struct cmd_view_lines {
	char **v;
	size_t n, cap;
};

static void cmd_view_add(struct cmd_view_lines *l, char *line)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = line;
}

/* One help line per binding of a family's commands, in any mode's table:
 * key, command, what it does; the unbound ones go to unbound. */
static void cmd_view_help_family(struct editor *ed, const struct cmd_family *fam, struct cmd_view_lines *l,
				 struct buf *unbound)
{
	size_t n;
	const struct cmd *v = fam->table(&n);
	const struct keymap *km = editor_keymap(ed);
	cmd_view_add(l, xstrdup(""));
	cmd_view_add(l, xstrdup(_(fam->title)));
	for (size_t c = 0; c < n; c++) {
		const char *key, *cmd;
		int bound = 0;
		for (size_t i = 0; keymap_entry(km, i, &key, &cmd) == 0; i++) {
			if (strcmp(cmd, v[c].name) != 0)
				continue;
			const char *mode = keymap_entry_mode(km, i);
			if (strcmp(mode, fam->mode) == 0)
				cmd_view_add(l, xasprintf("  %-13s %-18s %s", key, v[c].name, _(v[c].help)));
			else
				cmd_view_add(l, xasprintf("  %-13s %-18s %s [%s]", key, v[c].name, _(v[c].help), mode));
			bound = 1;
		}
		if (!bound)
			buf_printf(unbound, "%s%s", unbound->len ? ", " : "", v[c].name);
	}
}

static int cmd_view_help(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	struct cmd_view_lines l = {0};
	struct buf unbound = BUF_INIT;
	const char *user = editor_keys_user(ed), *problems = editor_keys_problems(ed);
	cmd_view_add(&l, xstrdup(_("Every key and what it does.")));
	cmd_view_add(&l, xasprintf(_("Your own bindings go in %s, one \"KEY command\" a line (\"KEY none\" "
				     "removes one, a line \"[mode]\" starts the keys of that mode); they "
				     "replace these."), user != NULL ? user : "~/.config/mahdar/keys"));
	if (problems != NULL) {
		cmd_view_add(&l, xstrdup(""));
		cmd_view_add(&l, xstrdup(_("Problems in the keys files (those lines were skipped):")));
		for (const char *p = problems; *p;) {
			size_t len = strcspn(p, "\n");
			cmd_view_add(&l, xasprintf("  %.*s", (int)len, p));
			p += len + (p[len] == '\n');
		}
	}
	size_t nf;
	const struct cmd_family *fam = cmd_families(&nf);
	for (size_t f = 0; f < nf; f++)
		cmd_view_help_family(ed, &fam[f], &l, &unbound);
	if (unbound.len > 0) {
		cmd_view_add(&l, xstrdup(""));
		cmd_view_add(&l, xasprintf(_("Commands no key is bound to: %s"), unbound.s));
	}
	buf_free(&unbound);
	mode_page_open(ed, _(" mahdar help"), l.v, l.n);
	return CMD_OK;
}

static int cmd_view_redraw(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	editor_redraw(ed);
	return CMD_OK;
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
