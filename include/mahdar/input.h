/* input: one line being typed — a file name, a search term, a form field.
 * Pure: no terminal, no globals.
 *
 * The text is UTF-8 without control characters or line breaks (typed or
 * pasted ones are left out; a paste stops at its first line break).  The
 * cursor is a byte offset on a grapheme boundary; Backspace removes a
 * grapheme, or a lone mark (haraka, niqqud) or ZWNJ right before the
 * cursor, like the text does.  Left and Right move on screen through the
 * text laid out as its own bidi paragraph; Up and Down walk a history. */
#ifndef MAHDAR_INPUT_H
#define MAHDAR_INPUT_H

#include <stddef.h>

#include "mahdar/buf.h"

/* Earlier lines typed at one kind of prompt, oldest first. */
struct input_history {
	char **v;
	size_t n, cap;
};

struct input {
	struct buf text;
	size_t cur;			/* byte offset of the cursor */
	unsigned long gen;		/* bumped by every change of the text */
	struct input_history *hist;	/* or NULL */
	size_t hpos;			/* hist->n: the line being typed; less: a history entry */
	char *draft;			/* the line being typed while walking the history */
	int selected;			/* the whole text is selected (a pre-filled answer):
					 * typing replaces it, Backspace or Delete clears
					 * it, a motion or the history keeps it unselected */
};

/* Histories by name (one per kind of prompt). */
struct input_histories {
	struct input_named *v;
	size_t n, cap;
};

enum input_motion { INPUT_LEFT, INPUT_RIGHT, INPUT_HOME, INPUT_END };

/* Start with text (NULL: empty), the cursor at its end. */
void input_init(struct input *in, const char *text, struct input_history *hist);
void input_free(struct input *in);
/* Select the whole text (a pre-filled answer: typing replaces it). */
void input_select_all(struct input *in);

const char *input_text(const struct input *in);
size_t input_len(const struct input *in);

/* Insert typed or pasted bytes at the cursor (see above for what is left out). */
void input_insert(struct input *in, const char *s, size_t len);
void input_backspace(struct input *in);
void input_delete(struct input *in);
void input_move(struct input *in, int motion);
/* Replace the text with the previous (dir < 0) or next history entry;
 * past the newest comes back to the line being typed.  -1 at either end. */
int input_history_walk(struct input *in, int dir);

/* Remember text as the newest entry (an empty text or a repeat of the
 * newest is not added). */
void input_history_add(struct input_history *h, const char *text);
void input_history_free(struct input_history *h);
/* The history called name in hs (created empty on first use). */
struct input_history *input_history_named(struct input_histories *hs, const char *name);
void input_histories_free(struct input_histories *hs);

#endif
