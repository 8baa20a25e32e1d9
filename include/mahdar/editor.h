/* editor: the full-screen editor, entered by `mahdar FILE`.
 *
 * Where a keystroke goes: ui_curses reads bytes and names the key ("C-s")
 * -> editor.c looks the name up in the keymap (keymap.c, keymaps/default.keys)
 * -> a command name ("save") -> cmd_find() in the tables of cmd-*.c -> the
 * command calls edit_*() / editor_*() -> once the input batch is drained,
 * view.c builds the grid -> ui_curses draws it. */
#ifndef MAHDAR_EDITOR_H
#define MAHDAR_EDITOR_H

#include "mahdar/store.h"

struct editor_opts {
	int shape;		/* --shape: Arabic presentation forms for terminals that do not shape */
	int term_bidi;		/* send the terminal-bidi escapes (ESC[8l, ESC[1 k); default 1 */
	int logical;		/* arrows move in logical order instead of visual */
	int show_controls;	/* show all bidi controls as markers */
	const char *keymap;	/* a .keys file to use instead of the default, or NULL */
};

/* Run the editor on path until the user quits; returns the exit status
 * (1, with a one-line message on stderr, when the terminal, the locale or
 * the file cannot be used). */
int editor_run(const char *path, const struct editor_opts *opts);

/* ---- for the command tables (cmd-*.c) ---- */

enum editor_prompt {
	EDITOR_PROMPT_NONE = 0,
	EDITOR_PROMPT_QUIT,	/* unsaved changes: y save and quit, n quit without saving */
	EDITOR_PROMPT_RECOVER,	/* a recovery copy: r restore, d delete, other keys not now */
	EDITOR_PROMPT_SAVE_AS,	/* a file name is being typed (ed->input) */
	EDITOR_PROMPT_REPLACE,	/* that file exists: y replace it, n not */
	EDITOR_PROMPT_CHANGED,	/* saving over an outside change: r reload, o overwrite, s save as */
};

/* The one editor state object. */
struct editor {
	const struct editor_opts *opts;
	const char *path;
	char *path_own;		/* path, once save-as changed it */
	struct doc *doc;
	struct store_info info;
	struct edit *edit;
	struct view *view;
	struct keymap *keymap;
	struct ui *ui;
	unsigned flags;		/* LAYOUT_* flags in force */
	char *msg;		/* message line, or NULL */
	int msg_error;
	int prompt;		/* enum editor_prompt */
	char *input;		/* what was typed for EDITOR_PROMPT_SAVE_AS */
	int scrolled;		/* the wheel moved the view: do not follow the cursor until a key */
	int quit;		/* leave the main loop */
	int status;		/* exit status */
	int dragging;		/* left mouse button held in the text */
	char *hints;		/* status line key hints */
	char *keys_user;	/* the user's keys file ($XDG_CONFIG_HOME/mahdar/keys), or NULL */
	char *keys_problems;	/* what was wrong in the keys files, one a line, or NULL */
	char *recover_when;	/* for the recovery question: when the copy was written */
	char **page;		/* a full-screen page shown over the text (help), or NULL */
	size_t npage, page_top;
	unsigned long seen_gen;	/* doc->gen when the main loop last looked */
	unsigned long recover_gen;	/* doc->gen last written to the recovery copy (or saved) */
	long long last_change_ms;	/* when the text last changed (monotonic) */
	long long pending_since_ms;	/* first change not yet in the recovery copy, or 0 */
	struct lock *lock;	/* this file's lock (lock.h), or NULL */
	int readonly;		/* another mahdar has the file: no edits, no saves over it */
	char *lock_who;		/* who has it (for messages), or NULL */
	int overwrite;		/* the next save may replace an outside change */
	long long disk_check_ms;	/* when the file on disk was last looked at */
};

/* The answer typed text gives to a question (enum editor_prompt): 'y' or
 * 'n' for the quit question, 'r' or 'd' for the recovery one, 0 for none.
 * Its first character counts, Latin or the letter of the same key on an
 * Arabic, Persian or Hebrew keyboard, or the initial of the answer's word
 * (the table is in editor.c); lang (enum doc_lang, the document's) settles
 * the one letter that means yes in Arabic and no in Persian. */
int editor_answer(int prompt, const char *text, size_t len, int lang);

/* Show a message (error = 1: an error) until the next key. */
void editor_message(struct editor *ed, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Show lines[0..n) as a full-screen page (they are the editor's now) until
 * a key other than one that scrolls (up, down, page-up, …) is pressed. */
void editor_page(struct editor *ed, char **lines, size_t n);
/* Save text + sidecar: 0; 1 when the text was saved but not the sidecar
 * (a warning in the message line); -1 with the reason in the message line. */
int editor_save(struct editor *ed);
/* Ask for a file name, save text + sidecar there, and go on editing that file. */
void editor_save_as(struct editor *ed);
/* Quit, asking first when there are unsaved changes. */
void editor_quit(struct editor *ed);
/* Stop like a shell job (Ctrl-Z is undo, so this is a command). */
void editor_suspend(struct editor *ed);
/* Turn a LAYOUT_* flag on or off (on < 0: toggle). */
void editor_set_flag(struct editor *ed, unsigned flag, int on);

#endif
