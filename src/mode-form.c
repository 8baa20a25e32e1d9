/* mode-form: a few fields typed one after the other in the message line —
 * the action item and decision forms, adding a person to the attendance.
 *
 * Data model: the fields (a label and a line input each), the one being
 * typed, and who to call with the values.  The "[form]" table moves
 * between fields (Tab, Shift-Tab, Up, Down; Enter goes on to the next and
 * on the last one finishes; M-Enter finishes from any), the "[prompt]"
 * table edits the field.  On a field that completes (an owner, a name),
 * Tab first takes the completion shown after the text, then moves on.
 * The owner's done function checks the values: a message back keeps the
 * form open on it, so nothing typed is lost. */
#include "mahdar/mode.h"

#include "mahdar/buf.h"
#include "mahdar/editor.h"
#include "mahdar/input.h"
#include "mahdar/keymap.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>

#define MODE_FORM_MAX 8

struct mode_form {
	char *title;
	size_t n, cur;
	char *labels[MODE_FORM_MAX];
	int completes[MODE_FORM_MAX];
	struct input in[MODE_FORM_MAX];
	mode_form_complete complete;
	mode_form_done done;
	void *ctx;
	void (*free_ctx)(void *);
	char *label;		/* "Title — Owner (2/3): " */
	char *note;		/* the completion, or why the form is not done */
	int error;		/* note is an error (until the next change) */
	unsigned long note_gen;	/* in[cur].gen the error was for */
	struct view_input shown;
};

static struct input *mode_form_input(struct mode *m)
{
	struct mode_form *fm = m->state;
	return &fm->in[fm->cur];
}

/* The first completion of the current field, or NULL. */
static const char *mode_form_completion(struct editor *ed, struct mode_form *fm)
{
	const struct input *in = &fm->in[fm->cur];
	if (!fm->completes[fm->cur] || fm->complete == NULL || input_len(in) == 0)
		return NULL;
	const char *out[1];
	if (fm->complete(ed, fm->ctx, fm->cur, input_text(in), input_len(in), out, 1) == 0)
		return NULL;
	return strcmp(out[0], input_text(in)) != 0 ? out[0] : NULL;
}

static int mode_form_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)ed, (void)paste;
	input_insert(mode_form_input(m), s, len);
	return 1;
}

long mode_form_number(const char *s)
{
	size_t n = strlen(s), i = 0;
	const char *t = txt_trim(s, &n);
	if (n == 0)
		return -2;
	long v = 0;
	while (i < n) {
		uint32_t c;
		i += ustr_decode(t + i, n - i, &c);
		int dv = txt_digit(c);
		if (dv < 0 || v > 100000000)
			return -1;
		v = v * 10 + dv;
	}
	return v;
}

int mode_form_pass_key(struct editor *ed, struct mode *m, const char *key)
{
	static const char *const pass[] = {"toggle-input", "input-arabic", "input-persian", "input-hebrew"};
	const char *cmd = keymap_lookup_mode(editor_keymap(ed), KEYMAP_TEXT, key);
	for (size_t i = 0; cmd != NULL && i < UTIL_ARRAY_LEN(pass); i++)
		if (strcmp(cmd, pass[i]) == 0) {
			char *error = NULL;
			if (cmd_run(ed, m, cmd, &error) != CMD_OK)
				editor_message(ed, 1, "%s", error != NULL ? error : cmd);
			free(error);
			break;
		}
	return 1;
}

static int mode_form_key(struct editor *ed, struct mode *m, const char *key)
{
	return mode_form_pass_key(ed, m, key);
}

static int mode_form_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	(void)ed, (void)m, (void)ev;
	return 1;
}

static void mode_form_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_form *fm = m->state;
	struct input *in = &fm->in[fm->cur];
	free(fm->label);
	fm->label = xasprintf(_("%s — %s (%zu of %zu): "), fm->title, fm->labels[fm->cur], fm->cur + 1, fm->n);
	if (fm->error && fm->note_gen != in->gen)
		fm->error = 0;
	if (!fm->error) {
		free(fm->note);
		const char *c = mode_form_completion(ed, fm);
		fm->note = c != NULL ? xasprintf(_("Tab: %s"), c) : NULL;
	}
	fm->shown = (struct view_input){.label = fm->label, .label_short = fm->labels[fm->cur],
					.text = input_text(in), .len = input_len(in), .cur = in->cur, .note = fm->note};
	f->input = &fm->shown;
	f->st.hints = _("Tab next field  Enter done  Esc cancel");
}

static void mode_form_free(void *state)
{
	struct mode_form *fm = state;
	for (size_t i = 0; i < fm->n; i++) {
		free(fm->labels[i]);
		input_free(&fm->in[i]);
	}
	if (fm->free_ctx != NULL)
		fm->free_ctx(fm->ctx);
	free(fm->title);
	free(fm->label);
	free(fm->note);
	free(fm);
}

/* Every field filled: ask the owner; close the form when it is content. */
static void mode_form_accept(struct editor *ed, struct mode *m)
{
	struct mode_form *fm = m->state;
	char *values[MODE_FORM_MAX];
	for (size_t i = 0; i < fm->n; i++)
		values[i] = xstrdup(input_text(&fm->in[i]));
	char *why = fm->done(ed, values, fm->n, fm->ctx);
	for (size_t i = 0; i < fm->n; i++)
		free(values[i]);
	if (why == NULL) {
		editor_pop(ed, m);
		return;
	}
	free(fm->note);
	fm->note = why;
	fm->error = 1;
	fm->note_gen = fm->in[fm->cur].gen;
	editor_message(ed, 1, "%s", why);
}

static void mode_form_cancel(struct editor *ed, struct mode *m)
{
	editor_pop(ed, m);
	editor_message(ed, 0, _("Nothing was written."));
}

static const struct mode_ops mode_form_ops = {
	.name = "form",
	.tables = {"form", "prompt", NULL},
	.key = mode_form_key,
	.text = mode_form_text,
	.mouse = mode_form_mouse,
	.draw = mode_form_draw,
	.input = mode_form_input,
	.accept = mode_form_accept,
	.cancel = mode_form_cancel,
	.free = mode_form_free,
};

struct mode *mode_form_open(struct editor *ed, const char *title, const struct mode_form_field *fields, size_t n,
			    mode_form_complete complete, mode_form_done done, void *ctx, void (*free_ctx)(void *))
{
	struct mode_form *fm = xcalloc(1, sizeof *fm);
	fm->title = xstrdup(title);
	fm->n = n < MODE_FORM_MAX ? n : MODE_FORM_MAX;
	for (size_t i = 0; i < fm->n; i++) {
		fm->labels[i] = xstrdup(fields[i].label);
		fm->completes[i] = fields[i].complete;
		/* Through input_insert(): no control characters, no line
		 * break (a name pasted into the attendance stops at one). */
		input_init(&fm->in[i], NULL, NULL);
		if (fields[i].value != NULL)
			input_insert(&fm->in[i], fields[i].value, strlen(fields[i].value));
	}
	fm->complete = complete;
	fm->done = done;
	fm->ctx = ctx;
	fm->free_ctx = free_ctx;
	return editor_push(ed, &mode_form_ops, fm);
}

/* ------------------------------------------------------------ commands */

enum { MODE_FORM_NEXT, MODE_FORM_PREV, MODE_FORM_ENTER, MODE_FORM_DONE, MODE_FORM_TAB };

static int mode_form_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (m->ops != &mode_form_ops)
		return cmd_error(error, _("There is no form open."));
	struct mode_form *fm = m->state;
	if (arg == MODE_FORM_TAB) {
		const char *c = mode_form_completion(ed, fm);
		if (c != NULL) {
			char *take = xstrdup(c);
			input_free(&fm->in[fm->cur]);
			input_init(&fm->in[fm->cur], take, NULL);
			free(take);
			return CMD_OK;
		}
		arg = MODE_FORM_NEXT;
	}
	if (arg == MODE_FORM_ENTER)
		arg = fm->cur + 1 < fm->n ? MODE_FORM_NEXT : MODE_FORM_DONE;
	switch (arg) {
	case MODE_FORM_NEXT: fm->cur = (fm->cur + 1) % fm->n; break;
	case MODE_FORM_PREV: fm->cur = (fm->cur + fm->n - 1) % fm->n; break;
	case MODE_FORM_DONE: mode_form_accept(ed, m); break;
	}
	return CMD_OK;
}

static const struct cmd mode_form_cmds[] = {
	{"form-tab", "Take the name shown after the text, else go to the next field", mode_form_cmd, MODE_FORM_TAB},
	{"form-next", "The next field", mode_form_cmd, MODE_FORM_NEXT},
	{"form-prev", "The previous field", mode_form_cmd, MODE_FORM_PREV},
	{"form-enter", "The next field; on the last one, write what the form says", mode_form_cmd, MODE_FORM_ENTER},
	{"form-done", "Write what the form says", mode_form_cmd, MODE_FORM_DONE},
};

const struct cmd *mode_form_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_form_cmds);
	return mode_form_cmds;
}
