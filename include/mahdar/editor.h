/* editor: the full-screen editor, entered by `mahdar FILE`.
 *
 * Where a keystroke goes: ui_curses reads bytes and names the key ("C-s")
 * -> editor_event() offers it to the top mode (mode.h): the key is looked
 * up in that mode's table of the keymap (keymap.c, keymaps/default.keys,
 * one "[mode]" section each), then in the modes below -> a command name
 * ("save") -> cmd_run() finds it in the one registry (cmd.c) -> the
 * command calls buffer_*() / edit_*() -> once the input batch is drained,
 * editor_frame() lets each mode add to a view_frame, view.c builds the
 * grid -> ui_curses draws it.
 *
 * The editor object is opaque: modes and commands use the functions
 * below.  Tests drive it without a terminal: editor_new(), editor_open(),
 * editor_resize(), then editor_event() with made-up events (the same entry
 * point the real loop uses) and editor_frame() to see the screen. */
#ifndef MAHDAR_EDITOR_H
#define MAHDAR_EDITOR_H

#include <stddef.h>

struct buffer;
struct cmd_input;
struct edit;
struct input_history;
struct keymap;
struct mode;
struct mode_ops;
struct ui_event;
struct view;
struct view_grid;

struct editor_opts {
	int shape;		/* --shape: Arabic presentation forms for terminals that do not shape */
	int term_bidi;		/* send the terminal-bidi escapes (ESC[8l, ESC[1 k); default 1 */
	int logical;		/* arrows move in logical order instead of visual */
	int show_controls;	/* show all bidi controls as markers */
	int readonly;		/* --read-only: no edits, no saves */
	const char *keymap;	/* a .keys file to use instead of the default, or NULL */
	const char *input;	/* --input: the input method's .kmap file (checked by cli), or NULL */
	int lang;		/* --lang: language of a new file's template, DOC_LANG_NONE: the locale's */
};

struct editor;

/* Run the editor on path until the user quits; returns the exit status
 * (1, with a one-line message on stderr, when the terminal, the locale or
 * the file cannot be used). */
int editor_run(const char *path, const struct editor_opts *opts);

/* ---- the editor without a terminal (editor_run uses these too) ---- */

/* An editor with its keymaps loaded: NULL and *cause when there is no
 * usable default keys file. */
struct editor *editor_new(const struct editor_opts *opts, char **cause);
void editor_free(struct editor *ed);
/* Open path (a new file when missing; a folder opens the archive browser):
 * -1 and *cause if it cannot be. */
int editor_open(struct editor *ed, const char *path, char **cause);
void editor_resize(struct editor *ed, int rows, int cols);
/* Apply one event (a key, text, a paste, the mouse, a resize, a signal). */
void editor_event(struct editor *ed, const struct ui_event *ev);
/* Build the frame the screen should show now. */
const struct view_grid *editor_frame(struct editor *ed);
/* Background work — the analysis, the recovery copy, the modes' slices
 * (a search) — ms until it is due (-1: none); with due_only, run what is
 * due.  The loop calls it when no input is waiting. */
int editor_background(struct editor *ed, int due_only);
/* 1 once the user quit, with the exit status in *status. */
int editor_done(const struct editor *ed, int *status);

/* ---- for modes and commands ---- */

struct buffer *editor_buffer(const struct editor *ed);
/* Show and edit b from now on; returns the buffer shown until now (NULL at
 * first), which is the caller's. */
struct buffer *editor_swap_buffer(struct editor *ed, struct buffer *b);
struct edit *editor_edit(const struct editor *ed);
struct view *editor_view(const struct editor *ed);
const struct keymap *editor_keymap(const struct editor *ed);
const struct editor_opts *editor_opts(const struct editor *ed);
/* The user's keys file and what was wrong in the keys files (or NULL). */
const char *editor_keys_user(const struct editor *ed);
const char *editor_keys_problems(const struct editor *ed);
/* The history of the prompts called name (created on first use). */
struct input_history *editor_history(struct editor *ed, const char *name);
/* Where the editor keeps its input method (cmd-input.c's; NULL until used). */
struct cmd_input **editor_input_method(struct editor *ed);

/* Show a message (error = 1: an error) until the next key; a sentence
 * made with _() and whole. */
void editor_message(struct editor *ed, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void editor_message_clear(struct editor *ed);
/* A message of several lines: the first, and how many more there are and
 * where to read them (where: "mahdar check FILE"). */
void editor_message_first(struct editor *ed, int error, const char *text, const char *where);
/* The message and whether it is an error (NULL: none). */
const char *editor_message_text(const struct editor *ed, int *error);

/* Push a mode with its state (taken: freed by ops->free when popped);
 * returns it. */
struct mode *editor_push(struct editor *ed, const struct mode_ops *ops, void *state);
/* Pop m and every mode above it. */
void editor_pop(struct editor *ed, struct mode *m);
/* The top mode. */
struct mode *editor_top(const struct editor *ed);

/* Leave the loop with this exit status. */
void editor_quit_now(struct editor *ed, int status);
/* Stop like a shell job (Ctrl-Z is undo, so this is a command). */
void editor_suspend(struct editor *ed);
/* Repaint the whole screen. */
void editor_redraw(struct editor *ed);
/* LAYOUT_* flags in force; turn one on or off (on < 0: toggle). */
unsigned editor_flags(const struct editor *ed);
void editor_set_flag(struct editor *ed, unsigned flag, int on);
/* What the screen shows changed outside an event (a search slice found
 * its match): draw a frame now. */
void editor_changed(struct editor *ed);
/* The view stops following the cursor (the wheel scrolled) until a key. */
void editor_set_scrolled(struct editor *ed, int scrolled);

#endif
