/* cmd: the editor's commands, by name — one registry.
 *
 * A command is {name, help, exec, arg}; each family lives in its own file
 * (cmd-edit.c, cmd-file.c, cmd-view.c, and one family per mode in its
 * mode-*.c) and is listed once, in cmd.c's family table, which the keymap
 * check, the help page and the tests all read.  Keys reach commands only
 * through the keymap, by name.  A command returns CMD_OK or CMD_ERROR with
 * a whole-sentence message in *error (the caller frees it and shows it);
 * it changes other modules only through their functions. */
#ifndef MAHDAR_CMD_H
#define MAHDAR_CMD_H

#include <stddef.h>

struct editor;
struct mode;

enum cmd_status { CMD_OK = 0, CMD_ERROR = -1 };

struct cmd {
	const char *name;	/* as written in .keys files */
	const char *help;	/* one line */
	/* m: the mode whose key table bound the key (its state is m's). */
	int (*exec)(struct editor *ed, struct mode *m, int arg, char **error);
	int arg;
};

struct cmd_family {
	const char *title;	/* heading on the help page */
	const char *mode;	/* the keys-file table its keys usually live in */
	const struct cmd *(*table)(size_t *n);
};

/* The families, in help-page order; *n gets their number. */
const struct cmd_family *cmd_families(size_t *n);

/* The tables of the built-in families. */
const struct cmd *cmd_edit_table(size_t *n);
const struct cmd *cmd_file_table(size_t *n);
const struct cmd *cmd_view_table(size_t *n);

/* A file was just opened: say what is worth knowing (a new file, a
 * sidecar that did not match), and offer back the unsaved changes a
 * killed mahdar left (cmd-file.c, which asks the other questions about
 * files too). */
void cmd_file_opened(struct editor *ed);

/* The command with this name, or NULL. */
const struct cmd *cmd_find(const char *name);
/* 1 if a command has this name (for keymap_parse). */
int cmd_exists(const char *name);
/* Run the named command for mode m: CMD_OK, or CMD_ERROR with *error
 * (caller frees; also for a name that is no command). */
int cmd_run(struct editor *ed, struct mode *m, const char *name, char **error);
/* A new error message for a command to return: CMD_ERROR. */
int cmd_error(char **error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- the input method (cmd-input.c) ---- */
struct cmd_input;
struct ui_event;
const struct cmd *cmd_input_table(size_t *n);
void cmd_input_free(struct cmd_input *im);
/* Load the .kmap file at path and turn it on (problems in the message line). */
void cmd_input_start(struct editor *ed, const char *path);
/* While the input method is on, an event goes through it first: 1 when
 * it was used up (what it typed went to the editor as typed text), 0 when
 * the editor handles it as usual (after what was pending was typed). */
int cmd_input_event(struct editor *ed, const struct ui_event *ev);
/* The status line's hints, with the method's sign in front while it is on. */
const char *cmd_input_hints(struct editor *ed, const char *hints);

#endif
