/* cmd: the one registry of command families, and running a command by name.
 * Data model: cmd_family_list names every family once; a lookup scans the
 * tables in turn (a hundred-odd names, once per key press).  Adding a mode
 * with commands of its own adds one row here. */
#include "mahdar/cmd.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"

#include "mahdar/mode.h"
#include "mahdar/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct cmd_family cmd_family_list[] = {
	{N_("Moving, selecting, editing"), "text", cmd_edit_table},
	{N_("Files"), "text", cmd_file_table},
	{N_("Typing in the message line (file names, search terms)"), "prompt", mode_prompt_table},
	{N_("Answering a question"), "ask", mode_ask_table},
	{N_("Reading the help page"), "page", mode_page_table},
	{N_("Searching and replacing"), "text", mode_search_open_table},
	{N_("In a search (and the prompt keys above)"), "search", mode_search_table},
	{N_("The archive browser (mahdar DIR): typing filters the list"), "browse", mode_browse_table},
	{N_("Minutes opened from the browser, and final minutes"), "read", mode_read_table},
	{N_("Drafting: header fields, agenda, the meeting clock"), "text", mode_draft_table},
	{N_("Action items and decisions"), "text", mode_item_table},
	{N_("Attendance"), "text", mode_people_open_table},
	{N_("The attendance (M-p): typing a name adds that person"), "people", mode_people_table},
	{N_("In a form (and the prompt keys above)"), "form", mode_form_table},
	{N_("Finding one's way"), "text", mode_nav_table},
	{N_("The outline (M-o)"), "outline", mode_outline_table},
	{N_("Showing"), "text", cmd_view_table},
	{N_("Input methods"), "text", cmd_input_table},
};

const struct cmd_family *cmd_families(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_family_list);
	return cmd_family_list;
}

const struct cmd *cmd_find(const char *name)
{
	for (size_t t = 0; t < UTIL_ARRAY_LEN(cmd_family_list); t++) {
		size_t n;
		const struct cmd *v = cmd_family_list[t].table(&n);
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i].name, name) == 0)
				return &v[i];
	}
	return NULL;
}

int cmd_exists(const char *name)
{
	return cmd_find(name) != NULL;
}

int cmd_error(char **error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (error != NULL) {
		free(*error);
		*error = xvasprintf(fmt, ap);
	}
	va_end(ap);
	return CMD_ERROR;
}

int cmd_run(struct editor *ed, struct mode *m, const char *name, char **error)
{
	const struct cmd *c = cmd_find(name);
	if (c == NULL)
		return cmd_error(error, _("There is no command \"%s\"."), name);
	/* Because a command ends a run of typing (one undo step), whatever it
	 * does: see edit.h. */
	if (editor_edit(ed) != NULL)
		edit_break(editor_edit(ed));
	return c->exec(ed, m, c->arg, error);
}
