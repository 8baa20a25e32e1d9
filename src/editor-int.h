/* editor-int.h: the editor state object, shared by editor.c (the loop)
 * and editor-state.c (its accessors, message line, mode stack, keys and
 * the buffer it shows).  Private to src/editor*.c. */
#ifndef MAHDAR_EDITOR_INT_H
#define MAHDAR_EDITOR_INT_H

#include "mahdar/editor.h"
#include "mahdar/input.h"

struct editor {
	const struct editor_opts *opts;
	struct buffer *buf;
	struct view *view;
	struct keymap *keymap;
	struct ui *ui;			/* NULL when driven without a terminal */
	struct mode *top;		/* the mode stack, text at the bottom */
	unsigned flags;			/* LAYOUT_* flags in force */
	char *msg;			/* message line, or NULL */
	int msg_error;
	int scrolled;			/* the wheel moved the view: do not follow the cursor until a key */
	int quit, status;
	int tick_wait;			/* ms until the modes' ticks want to run, -1 never */
	int changed;			/* the screen must be drawn again (editor_changed) */
	char *keys_user;		/* the user's keys file, or NULL */
	char *keys_problems;		/* what was wrong in the keys files, one a line, or NULL */
	struct input_histories hist;	/* of the prompts, by name */
	struct cmd_input *im;		/* the input method (cmd-input.c), or NULL */
	struct editor_trace *trace;	/* MAHDAR_TRACE_SLOW's log (editor-trace.c), or NULL */
};

/* MAHDAR_TRACE_SLOW=FILE (editor-trace.c): every turn of the loop whose
 * work took over 2 ms is appended to FILE with the time of each part.
 * All of these do nothing on NULL. */
struct editor_trace *editor_trace_open(void);	/* NULL when not asked for */
void editor_trace_free(struct editor_trace *t);
void editor_trace_begin(struct editor_trace *t);
/* The time since the last mark (or the begin) is what's. */
void editor_trace_mark(struct editor_trace *t, const char *what);
/* A few words on what ran, shown after the parts. */
void editor_trace_note(struct editor_trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void editor_trace_end(struct editor_trace *t);


#endif
