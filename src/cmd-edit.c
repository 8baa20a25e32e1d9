/* cmd-edit: cursor motions, selection, typing keys, clipboard, undo, and
 * an action item's status.  Data model: one table row per command;
 * motions share one exec whose arg is the enum edit_motion, with
 * CMD_EDIT_EXTEND added for the Shift (selecting) variants. */
#include "mahdar/cmd.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/draft.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/mode.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

#define CMD_EDIT_EXTEND 0x100

/* The edit state, or NULL and *error when the buffer may not be changed. */
static struct edit *cmd_edit_writable(struct editor *ed, char **error)
{
	if (buffer_readonly(editor_buffer(ed))) {
		cmd_error(error, _("%s is open read-only."), buffer_path(editor_buffer(ed)));
		return NULL;
	}
	return editor_edit(ed);
}

static int cmd_edit_move(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)error;
	edit_move(editor_edit(ed), arg & ~CMD_EDIT_EXTEND, (arg & CMD_EDIT_EXTEND) != 0);
	return CMD_OK;
}

static int cmd_edit_select_all(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	edit_select_all(editor_edit(ed));
	return CMD_OK;
}

static int cmd_edit_cancel(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	edit_select_none(editor_edit(ed));
	return CMD_OK;
}

/* The editing commands that need no argument, by arg. */
enum { CMD_EDIT_NEWLINE, CMD_EDIT_TAB, CMD_EDIT_BACKSPACE, CMD_EDIT_DELETE, CMD_EDIT_CUT, CMD_EDIT_PASTE,
       CMD_EDIT_UNDO, CMD_EDIT_REDO };

static int cmd_edit_change(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m;
	struct edit *e = cmd_edit_writable(ed, error);
	if (e == NULL)
		return CMD_ERROR;
	switch (arg) {
	case CMD_EDIT_NEWLINE: edit_newline(e); break;
	case CMD_EDIT_TAB: edit_type(e, "\t", 1); break;
	case CMD_EDIT_BACKSPACE: edit_backspace(e); break;
	case CMD_EDIT_DELETE: edit_delete(e); break;
	case CMD_EDIT_CUT:
		if (edit_cut(e) < 0)
			editor_message(ed, 0, _("Nothing selected (select with Shift+arrows or the mouse)"));
		break;
	case CMD_EDIT_PASTE:
		if (edit_paste(e) < 0)
			editor_message(ed, 0, _("The clipboard is empty"));
		break;
	case CMD_EDIT_UNDO:
		if (edit_undo(e) < 0)
			editor_message(ed, 0, _("Nothing to undo"));
		break;
	case CMD_EDIT_REDO:
		if (edit_redo(e) < 0)
			editor_message(ed, 0, _("Nothing to redo"));
		break;
	}
	return CMD_OK;
}

static int cmd_edit_copy(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	if (edit_copy(editor_edit(ed)) < 0)
		editor_message(ed, 0, _("Nothing selected (select with Shift+arrows or the mouse)"));
	else
		editor_message(ed, 0, _("Copied"));
	return CMD_OK;
}

/* The action item on the cursor's line moves to its next status (open,
 * done, dropped, open again), as an undo step. */
/* The recommendation on the cursor's line (analysing first if needed), or
 * NULL and *error. */
static const struct doc_rec *cmd_edit_rec(struct editor *ed, char **error)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale)
		txt_analyse(d);
	for (size_t i = 0; i < d->nrecs; i++)
		if (d->recs[i].line == editor_edit(ed)->cur.line)
			return &d->recs[i];
	cmd_error(error, _("The cursor is not on a recommendation (\"- text\" in the recommendations)."));
	return NULL;
}

struct cmd_edit_detail {
	size_t line;
	int key;		/* DOC_KEY_OWNER or DOC_KEY_DUE */
};

/* The new owner or due date is typed: it replaces the one written in the
 * line, or is added to its details ("— owner: X, due: Y"), as one undo step. */
static void cmd_edit_detail_done(struct editor *ed, const char *text, void *ctx)
{
	struct cmd_edit_detail *c = ctx;
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (text == NULL || text[0] == '\0' || c->line >= d->nlines) {
		editor_message(ed, 0, _("Not changed"));
		free(c);
		return;
	}
	const struct doc_line *l = &d->lines[c->line];
	size_t a, b;
	int r = txt_rec_detail(doc_line_str(d, l), l->len, c->key, &a, &b);
	char *ins;
	if (r > 0) {
		ins = xstrdup(text);
	} else {
		int lang = doc_language(d);
		const char *comma = lang == DOC_LANG_AR || lang == DOC_LANG_FA ? "، " : ", ";
		ins = xasprintf("%s%s: %s", r == 0 ? comma : " — ", txt_label(c->key, lang), text);
	}
	edit_replace_range(editor_edit(ed), (struct edit_pos){c->line, a}, (struct edit_pos){c->line, b}, ins,
			   strlen(ins));
	editor_message(ed, 0, c->key == DOC_KEY_OWNER ? _("The owner is now %s") : _("Due now %s"), text);
	free(ins);
	free(c);
}

/* Ask for the owner (arg DOC_KEY_OWNER) or due date of the item on the line. */
static int cmd_edit_item_detail(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m;
	if (cmd_edit_writable(ed, error) == NULL)
		return CMD_ERROR;
	const struct doc_rec *r = cmd_edit_rec(ed, error);
	if (r == NULL)
		return CMD_ERROR;
	struct cmd_edit_detail *c = xcalloc(1, sizeof *c);
	c->line = r->line;
	c->key = arg;
	const char *now = arg == DOC_KEY_OWNER ? r->owner : r->due;
	if (arg == DOC_KEY_OWNER)
		mode_prompt_open(ed, _("Owner of this item (Enter: set  Esc: leave it): "), _("Owner: "),
				 now != NULL ? now : "", "item-owner", cmd_edit_detail_done, c);
	else
		mode_prompt_open(ed, _("Due date of this item (Enter: set  Esc: leave it): "), _("Due: "),
				 now != NULL ? now : "", "item-due", cmd_edit_detail_done, c);
	return CMD_OK;
}

static int cmd_edit_item_status(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg;
	struct edit *e = cmd_edit_writable(ed, error);
	if (e == NULL)
		return CMD_ERROR;
	const struct doc_rec *r = cmd_edit_rec(ed, error);
	if (r == NULL)
		return CMD_ERROR;
	if (r->kind != DOC_REC_ACTION)
		return cmd_error(error, _("A decision has no status; an item with an owner is an action."));
	struct doc *d = buffer_doc(editor_buffer(ed));
	const struct doc_attr *a = doc_attr_of(d, r->line);
	int st = draft_status_next(a != NULL ? a->status : DOC_ST_OPEN);
	edit_set_status(e, r->line, st);
	a = doc_attr_of(d, r->line);
	editor_message(ed, 0, _("Action %s is now %s"), a->id != NULL ? a->id : "", doc_status_name(st));
	return CMD_OK;
}

static int cmd_edit_line_direction(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg;
	struct edit *e = cmd_edit_writable(ed, error);
	if (e == NULL)
		return CMD_ERROR;
	if (edit_line_direction(e, -1))
		editor_message(ed, 0, _("This line is now right-to-left"));
	else
		editor_message(ed, 0, _("This line is now left-to-right"));
	return CMD_OK;
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
	{"newline", "Split the line at the cursor", cmd_edit_change, CMD_EDIT_NEWLINE},
	{"tab", "Type a TAB character (shown as one blank)", cmd_edit_change, CMD_EDIT_TAB},
	{"backspace", "Delete the selection, or the mark or character before the cursor",
	 cmd_edit_change, CMD_EDIT_BACKSPACE},
	{"delete", "Delete the selection, or the character after the cursor", cmd_edit_change,
	 CMD_EDIT_DELETE},
	{"copy", "Copy the selection", cmd_edit_copy, 0},
	{"cut", "Cut the selection", cmd_edit_change, CMD_EDIT_CUT},
	{"paste", "Paste what was cut or copied", cmd_edit_change, CMD_EDIT_PASTE},
	{"undo", "Undo the last step", cmd_edit_change, CMD_EDIT_UNDO},
	{"redo", "Redo what was undone", cmd_edit_change, CMD_EDIT_REDO},
	{"item-status", "The action item on this line: open -> done -> dropped -> open (undoable)",
	 cmd_edit_item_status, 0},
	{"item-owner", "Set the owner of the recommendation on this line (undoable)", cmd_edit_item_detail,
	 DOC_KEY_OWNER},
	{"item-due", "Set the due date of the recommendation on this line (undoable)", cmd_edit_item_detail,
	 DOC_KEY_DUE},
	{"line-direction", "Make this line right-to-left or left-to-right (a direction mark at its start)",
	 cmd_edit_line_direction, 0},
};

const struct cmd *cmd_edit_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_edit_cmds);
	return cmd_edit_cmds;
}
