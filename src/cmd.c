/* cmd: finding a command by name across the family tables.
 * Data model: each cmd-*.c returns a constant table; a lookup scans them
 * in turn (a hundred names at most, once per key press). */
#include "mahdar/cmd.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"

#include <string.h>

const struct cmd *cmd_find(const char *name)
{
	const struct cmd *(*tables[])(size_t *) = {cmd_edit_table, cmd_file_table, cmd_view_table};
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		size_t n;
		const struct cmd *v = tables[t](&n);
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

int cmd_run(struct editor *ed, const char *name)
{
	const struct cmd *c = cmd_find(name);
	if (c == NULL)
		return -1;
	/* Because a command ends a run of typing (one undo step), whatever it
	 * does: see edit.h. */
	if (ed->edit != NULL)
		edit_break(ed->edit);
	c->exec(ed, c->arg);
	return 0;
}
