/* cmd-edit: cursor motions, selection, typing keys, clipboard, undo.
 * Data model: one table row per command; motions share one exec whose arg
 * is the enum edit_motion, with CMD_EDIT_EXTEND added for the Shift
 * (selecting) variants. */
#include "mahdar/cmd.h"

#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/util.h"

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
		editor_message(ed, 0, "This line is now right-to-left");
	else
		editor_message(ed, 0, "This line is now left-to-right");
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
	{"line-direction", "Make this line right-to-left or left-to-right (a direction mark at its start)",
	 cmd_edit_line_direction, 0},
};

const struct cmd *cmd_edit_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_edit_cmds);
	return cmd_edit_cmds;
}
