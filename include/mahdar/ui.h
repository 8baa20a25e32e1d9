/* ui: the terminal.  src/ui_curses.c is the only file that writes to the
 * terminal and the only <curses.h> user: it reads input bytes and turns
 * them into events (key names, typed text, bracketed pastes, mouse), copies
 * a view_grid to the screen, and keeps the terminal sane across suspend,
 * resume, resize and fatal signals. */
#ifndef MAHDAR_UI_H
#define MAHDAR_UI_H

#include <stddef.h>

struct view_grid;

enum ui_ev_type {
	UI_EV_NONE = 0,
	UI_EV_KEY,		/* key: a key name as keymap.h spells it ("C-s", "S-Left") */
	UI_EV_TEXT,		/* text, len: typed characters (UTF-8, no control characters) */
	UI_EV_PASTE,		/* text, len: a bracketed paste, any bytes */
	UI_EV_MOUSE,		/* button, action, row, col (0-based), key holds modifiers "C-"/"M-"/"S-" */
	UI_EV_RESIZE,		/* the screen size changed, or it must be redrawn whole */
	UI_EV_QUIT_SIGNAL,	/* sig: SIGHUP, SIGTERM, SIGINT or SIGQUIT arrived; write the
				 * recovery copy, then exit (SIGTSTP suspends, and SIGWINCH and
				 * SIGCONT come as UI_EV_RESIZE; Ctrl-C and Ctrl-\ are keys, the
				 * terminal being raw) */
};

enum ui_mouse_action { UI_MOUSE_PRESS, UI_MOUSE_DRAG, UI_MOUSE_RELEASE };

struct ui_event {
	int type;
	char key[32];
	const char *text;	/* owned by the ui, valid until the next ui_next() */
	size_t len;
	int button;		/* 0 left, 1 middle, 2 right, 3 wheel up, 4 wheel down */
	int action;
	int row, col;
	int sig;
};

struct ui;

/* Whether this terminal and locale can run the editor: 0, or -1 with a
 * one-line *cause (TERM unset or dumb, not a terminal, a locale that is
 * not UTF-8).  Call before ui_new(). */
int ui_check(char **cause);

/* Take over the terminal.  term_bidi = 1 sends the escapes that turn a
 * bidi-capable terminal's own reordering off.  NULL with *cause on failure. */
struct ui *ui_new(int term_bidi, char **cause);
/* Give the terminal back as it was.  ui_free(NULL) is a no-op. */
void ui_free(struct ui *u);

void ui_size(const struct ui *u, int *rows, int *cols);

/* Next event: waits up to wait_ms (-1: forever).  Returns 1 with *ev filled,
 * 0 when nothing came in time. */
int ui_next(struct ui *u, struct ui_event *ev, int wait_ms);

/* Copy the grid to the screen and put the cursor in place. */
void ui_draw(struct ui *u, const struct view_grid *g);

/* Repaint the whole screen on the next ui_draw() (after the terminal was
 * garbled by another program). */
void ui_redraw(struct ui *u);

/* Stop the process like Ctrl-Z in a shell (terminal restored meanwhile). */
void ui_suspend(struct ui *u);

/* Decode one input event from bytes s[0..len).  Returns the bytes used,
 * or 0 when s holds only the beginning of a sequence and more may come
 * (final = 1: nothing more will come, decode what there is).  Typed text
 * is returned a character at a time as UI_EV_TEXT pointing into s; a
 * paste's text points into s, between the markers. */
size_t ui_parse(const char *s, size_t len, int final, struct ui_event *ev);

#endif
