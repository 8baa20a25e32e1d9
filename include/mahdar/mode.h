/* mode: what the editor is doing — editing text, typing a file name,
 * answering a question, reading the help page, searching — as a value.
 *
 * A mode is a struct mode_ops (a name, its key tables, and handlers for a
 * key, typed text, a mouse event, a tick before each frame and drawing)
 * plus its own state.  Modes stack: text editing is at the bottom and
 * stays there; a prompt, a question, the help page or a search is pushed
 * over it (editor_push) and pops itself when done.  A key is looked up in
 * the top mode's tables (keymaps/default.keys, one "[name]" section each),
 * then in the modes below it; the first command found runs with the mode
 * whose table bound it.  An unbound key goes to the modes' key handlers,
 * top first, until one takes it.  Drawing goes bottom to top, so an upper
 * mode's message or page wins.
 *
 * Adding a mode: a new src/mode-NAME.c with its mode_ops and commands, a
 * row for its command family in cmd.c, its "[NAME]" section in
 * keymaps/default.keys — and nothing in the loop (editor.c). */
#ifndef MAHDAR_MODE_H
#define MAHDAR_MODE_H

#include <stddef.h>

#include "mahdar/cmd.h"

struct editor;
struct input;
struct ui_event;
struct view_frame;

struct mode;

struct mode_ops {
	const char *name;
	/* Key tables to look in, in order, NULL-terminated (usually just
	 * name; a search also uses the line-input table "prompt"). */
	const char *tables[3];
	/* A key no table bound: 1 taken, 0 pass it to the mode below.  NULL: pass. */
	int (*key)(struct editor *ed, struct mode *m, const char *key);
	/* Typed text (paste = 1: a bracketed paste, any bytes).  1 taken, 0 pass. */
	int (*text)(struct editor *ed, struct mode *m, const char *s, size_t len, int paste);
	/* A mouse event: 1 taken, 0 pass. */
	int (*mouse)(struct editor *ed, struct mode *m, const struct ui_event *ev);
	/* Before each frame and when the editor is idle: do a slice of
	 * background work.  Returns ms until it wants to run again, -1 never. */
	int (*tick)(struct editor *ed, struct mode *m);
	/* Add to the frame (spans, message, input line, page). */
	void (*draw)(struct editor *ed, struct mode *m, struct view_frame *f);
	/* The line being typed, for the "prompt" commands (NULL: none). */
	struct input *(*input)(struct mode *m);
	/* The "prompt" commands input-accept / input-cancel (NULL: nothing). */
	void (*accept)(struct editor *ed, struct mode *m);
	void (*cancel)(struct editor *ed, struct mode *m);
	/* Free the state (the mode was popped). */
	void (*free)(void *state);
};

struct mode {
	const struct mode_ops *ops;
	void *state;
	struct mode *below;	/* set by editor_push */
};

/* ---- the stack (mode.c), for the editor ---- */

/* Push ops with its state (taken) over *top; returns the new mode. */
struct mode *mode_push(struct mode **top, const struct mode_ops *ops, void *state);
/* Pop m and every mode above it (m == NULL: all); each state is freed
 * with its ops->free.  A mode not on the stack: nothing. */
void mode_pop(struct mode **top, struct mode *m);
/* Let every mode draw into f, bottom to top (an upper mode's message or
 * page wins). */
void mode_draw_all(struct mode *top, struct editor *ed, struct view_frame *f);
/* A slice of every mode's background work; ms until they want to run
 * again (-1: never). */
int mode_tick_all(struct mode *top, struct editor *ed);

/* The bottom mode, editing the buffer's text (mode-text.c); the others
 * are pushed by their open functions below. */
const struct mode_ops *mode_text(void);

/* Command families of the modes (listed in cmd.c). */
const struct cmd *mode_prompt_table(size_t *n);
const struct cmd *mode_ask_table(size_t *n);
const struct cmd *mode_page_table(size_t *n);
const struct cmd *mode_search_open_table(size_t *n);
const struct cmd *mode_search_table(size_t *n);
const struct cmd *mode_browse_table(size_t *n);
const struct cmd *mode_read_table(size_t *n);
const struct cmd *mode_draft_table(size_t *n);
const struct cmd *mode_form_table(size_t *n);
const struct cmd *mode_item_table(size_t *n);
const struct cmd *mode_people_table(size_t *n);
const struct cmd *mode_people_open_table(size_t *n);
const struct cmd *mode_outline_table(size_t *n);
const struct cmd *mode_nav_table(size_t *n);

/* ---- mode-prompt: one line typed in the message line ---- */

/* Called with what was typed (Enter) or NULL (cancelled); ctx as given. */
typedef void (*mode_prompt_done)(struct editor *ed, const char *text, void *ctx);

/* Push a prompt: label (a whole sentence ending in ": "; the prompt keeps
 * a copy) and a shorter one for narrow screens (or NULL), initial text,
 * the named history Up/Down walk (NULL: none). */
struct mode *mode_prompt_open(struct editor *ed, const char *label, const char *label_short, const char *initial,
			      const char *history, mode_prompt_done done, void *ctx);

/* ---- mode-ask: a question answered with one letter ---- */

enum mode_ask_kind {
	MODE_ASK_YES_NO,	/* y / n */
	MODE_ASK_RECOVER,	/* r restore / d delete */
	MODE_ASK_REPLACE,	/* y this one / n skip / a all / q stop */
	MODE_ASK_CHANGED,	/* saving over an outside change: r reload / o overwrite / s save as */
};

/* The answer ('y', 'n', 'r', 'd', 'a', 'q') typed text gives to a question
 * of kind, or 0: its first character, Latin or the letter of the same key
 * on an Arabic, Persian or Hebrew keyboard, or the initial of the answer's
 * word (the table is in mode-ask.c); lang (enum doc_lang, the document's)
 * settles the one letter that means yes in Arabic and no in Persian. */
int mode_ask_answer(int kind, const char *text, size_t len, int lang);

/* Fill forms[0..) with the question's wordings, longest first (each a new
 * string); returns how many (at most 4).  Called again when the width
 * changes. */
typedef size_t (*mode_ask_words)(struct editor *ed, void *ctx, char *forms[4]);
/* Called with the answer (0: another key, which also closes the question). */
typedef void (*mode_ask_done)(struct editor *ed, int answer, void *ctx);

/* Push a question; error = 1 shows it as an error; rows: at most this
 * many message rows for the chosen wording (0: as many as may be).
 * ctx is freed with free_ctx (NULL: not freed) when the question closes. */
struct mode *mode_ask_open(struct editor *ed, int kind, int error, int rows, mode_ask_words words,
			   mode_ask_done done, void *ctx, void (*free_ctx)(void *));

/* ---- mode-page: a full-screen page (help) ---- */

/* Show lines[0..n) (they are the page's now) until a key other than one
 * that scrolls. */
void mode_page_open(struct editor *ed, const char *title, char **lines, size_t n);

/* ---- mode-search: Ctrl-F search, and replace ---- */

void mode_search_open(struct editor *ed, int replace);

/* ---- mode-browse: the archive browser; mode-read: minutes open to read ---- */

struct mode_browse;	/* the browser's lists, kept while one of its minutes is open */

/* Browse the minutes under dir (the editor's first buffer, over the text
 * mode): -1 and *cause when dir cannot be read. */
int mode_browse_open(struct editor *ed, const char *dir, char **cause);
/* Back to b's list from the minutes open now (which is closed). */
void mode_browse_back(struct editor *ed, struct mode_browse *b);
void mode_browse_free(void *state);

/* The minutes just opened from b's list (read-only; edit: switch to
 * editing at once). */
void mode_read_open(struct editor *ed, struct mode_browse *from, int edit);
/* A file was just opened (editor_open): final minutes become read-only,
 * with a key that asks why and records an amendment before editing. */
void mode_read_opened(struct editor *ed);

/* ---- mode-draft: the drafting layer, under the text mode ---- */

struct draft_now;

/* Push the drafting layer (before the text mode): a missing file becomes
 * the template of its language first. */
void mode_draft_open(struct editor *ed);
/* The wall clock now, for draft.c. */
void mode_draft_now(struct draft_now *now);
/* Where the value of the header line s[0..n) starts (after the colon and
 * its spaces); n when there is no colon. */
size_t mode_draft_value_off(const char *s, size_t n);
/* Replace the value of header line `line` with value, as an edit (one
 * undo step, or part of the open group). */
void mode_draft_field_set(struct editor *ed, size_t line, const char *value);

/* ---- mode-form: a few fields typed one after the other ---- */

/* Names starting with prefix[0..n) for field `field`, at most max into
 * out (strings that stay valid while the form is open); how many. */
typedef size_t (*mode_form_complete)(struct editor *ed, void *ctx, size_t field, const char *prefix, size_t n,
				     const char **out, size_t max);
/* The form was filled (values[0..n), each a string): NULL closes it, a
 * message (caller frees) keeps it open and shows why. */
typedef char *(*mode_form_done)(struct editor *ed, char **values, size_t n, void *ctx);

struct mode_form_field {
	const char *label;	/* a whole phrase ("Owner"), through _() */
	const char *value;	/* initial text, or NULL */
	int complete;		/* Tab completes this field with the completer */
};

/* Push a form titled title (through _()) with fields[0..n) (copied);
 * ctx is freed with free_ctx (NULL: not freed) when the form closes. */
struct mode *mode_form_open(struct editor *ed, const char *title, const struct mode_form_field *fields, size_t n,
			    mode_form_complete complete, mode_form_done done, void *ctx, void (*free_ctx)(void *));

/* A number typed in a field, in any digits ("7", "٧", "۷"); -1 when it
 * is not one, -2 when the field is empty. */
long mode_form_number(const char *s);
/* A key no table of a form (or a list like it) binds: the input method's
 * keys of [text] still work (typing a name in Arabic); any other is
 * taken and does nothing, so the text under the form is not touched.
 * Returns 1. */
int mode_form_pass_key(struct editor *ed, struct mode *m, const char *key);

#endif
