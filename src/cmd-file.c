/* cmd-file: saving (also under another name), quitting, suspending.  Data model: a table of commands
 * that call the editor's file operations. */
#include "mahdar/cmd.h"

#include "mahdar/editor.h"
#include "mahdar/util.h"

static void cmd_file_save(struct editor *ed, int arg)
{
	(void)arg;
	editor_save(ed);
}

static void cmd_file_save_as(struct editor *ed, int arg)
{
	(void)arg;
	editor_save_as(ed);
}

static void cmd_file_quit(struct editor *ed, int arg)
{
	(void)arg;
	editor_quit(ed);
}

static void cmd_file_suspend(struct editor *ed, int arg)
{
	(void)arg;
	editor_suspend(ed);
}

static const struct cmd cmd_file_cmds[] = {
	{"save", "Save the text and its sidecar", cmd_file_save, 0},
	{"save-as", "Save under another name (typed in the message line), then edit that file",
	 cmd_file_save_as, 0},
	{"quit", "Quit (asks first when there are unsaved changes)", cmd_file_quit, 0},
	{"suspend", "Stop mahdar and return to the shell (fg brings it back)", cmd_file_suspend, 0},
};

const struct cmd *cmd_file_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_file_cmds);
	return cmd_file_cmds;
}
