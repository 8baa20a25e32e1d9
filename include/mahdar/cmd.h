/* cmd: the editor's commands, by name.  Each family lives in its own file
 * (cmd-edit.c, cmd-file.c, cmd-view.c) as a table of {name, help, exec};
 * keys reach them only through the keymap, by name. */
#ifndef MAHDAR_CMD_H
#define MAHDAR_CMD_H

#include <stddef.h>

struct editor;

struct cmd {
	const char *name;	/* as written in .keys files */
	const char *help;	/* one line */
	void (*exec)(struct editor *ed, int arg);
	int arg;
};

/* The tables of each family; *n gets their length. */
const struct cmd *cmd_edit_table(size_t *n);
const struct cmd *cmd_file_table(size_t *n);
const struct cmd *cmd_view_table(size_t *n);

/* The command with this name, or NULL. */
const struct cmd *cmd_find(const char *name);
/* 1 if a command has this name (for keymap_parse). */
int cmd_exists(const char *name);
/* The input method (cmd-edit.c): load the .kmap file at path as the
 * editor's (problems in the message line; -1 when it cannot be read), and
 * take a key, text, paste or click event through it while it is on: 1
 * when the event was used up (its text typed), 0 when the caller handles
 * it as usual (after what was pending was typed). */
struct ui_event;
int cmd_input_load(struct editor *ed, const char *path);
/* cmd_input_load(), then turn it on (its sign shows in the status line). */
void cmd_input_start(struct editor *ed, const char *path);
int cmd_input_event(struct editor *ed, const struct ui_event *ev);

/* Run the named command; -1 if there is none. */
int cmd_run(struct editor *ed, const char *name);

#endif
