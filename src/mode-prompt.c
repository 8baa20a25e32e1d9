/* mode-prompt: one line typed in the message line (a file name for
 * save-as, the replacement text), and the "[prompt]" commands every mode
 * with a line input shares (search uses them too).  Data model: the state
 * is the input widget (input.c), the label, and who to call when Enter or
 * Esc ends it.  The prompt is modal: keys its tables do not bind do
 * nothing, and so do clicks. */
#include "mahdar/mode.h"

#include "mahdar/editor.h"
#include "mahdar/input.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>

struct mode_prompt {
	struct input in;
	struct view_input shown;
	char *label, *label_short;
	mode_prompt_done done;
	void *ctx;
};

static struct input *mode_prompt_input(struct mode *m)
{
	return &((struct mode_prompt *)m->state)->in;
}

static int mode_prompt_key(struct editor *ed, struct mode *m, const char *key)
{
	(void)ed, (void)m, (void)key;
	return 1;
}

static int mode_prompt_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)ed, (void)paste;
	input_insert(m->ops->input(m), s, len);
	return 1;
}

static int mode_prompt_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	(void)ed, (void)m, (void)ev;
	return 1;
}

static void mode_prompt_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	(void)ed;
	struct mode_prompt *p = m->state;
	p->shown = (struct view_input){p->label, p->label_short, input_text(&p->in), input_len(&p->in), p->in.cur,
				       NULL, p->in.selected};
	f->input = &p->shown;
}

/* Enter or Esc: pop the prompt, then tell its owner (which may open
 * another mode, e.g. a question). */
static void mode_prompt_end(struct editor *ed, struct mode *m, int accept)
{
	struct mode_prompt *p = m->state;
	char *text = accept ? xstrdup(input_text(&p->in)) : NULL;
	mode_prompt_done done = p->done;
	void *ctx = p->ctx;
	if (accept && p->in.hist != NULL)
		input_history_add(p->in.hist, text);
	editor_pop(ed, m);
	done(ed, text, ctx);
	free(text);
}

static void mode_prompt_accept(struct editor *ed, struct mode *m)
{
	mode_prompt_end(ed, m, 1);
}

static void mode_prompt_cancel(struct editor *ed, struct mode *m)
{
	mode_prompt_end(ed, m, 0);
}

static void mode_prompt_free(void *state)
{
	struct mode_prompt *p = state;
	input_free(&p->in);
	free(p->label);
	free(p->label_short);
	free(p);
}

static const struct mode_ops mode_prompt_ops = {
	.name = "prompt",
	.tables = {"prompt", NULL, NULL},
	.key = mode_prompt_key,
	.text = mode_prompt_text,
	.mouse = mode_prompt_mouse,
	.draw = mode_prompt_draw,
	.input = mode_prompt_input,
	.accept = mode_prompt_accept,
	.cancel = mode_prompt_cancel,
	.free = mode_prompt_free,
};

struct mode *mode_prompt_open(struct editor *ed, const char *label, const char *label_short, const char *initial,
			      const char *history, mode_prompt_done done, void *ctx)
{
	struct mode_prompt *p = xcalloc(1, sizeof *p);
	input_init(&p->in, initial, history != NULL ? editor_history(ed, history) : NULL);
	input_select_all(&p->in);	/* an offered answer: typing replaces it */
	p->label = xstrdup(label);
	p->label_short = label_short != NULL ? xstrdup(label_short) : NULL;
	p->done = done;
	p->ctx = ctx;
	return editor_push(ed, &mode_prompt_ops, p);
}

/* ------------------------------------------------------------ commands */

enum { MODE_PROMPT_BACKSPACE, MODE_PROMPT_DELETE, MODE_PROMPT_PREV, MODE_PROMPT_NEXT,
       MODE_PROMPT_ACCEPT, MODE_PROMPT_CANCEL, MODE_PROMPT_MOVE = 0x100 };

/* Every "[prompt]" command: arg says which; it works on the line of the
 * mode whose table bound the key. */
static int mode_prompt_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	struct input *in = m->ops->input != NULL ? m->ops->input(m) : NULL;
	if (in == NULL)
		return cmd_error(error, _("Nothing is being typed here."));
	if (arg & MODE_PROMPT_MOVE) {
		input_move(in, arg & ~MODE_PROMPT_MOVE);
		return CMD_OK;
	}
	switch (arg) {
	case MODE_PROMPT_BACKSPACE: input_backspace(in); break;
	case MODE_PROMPT_DELETE: input_delete(in); break;
	case MODE_PROMPT_PREV: input_history_walk(in, -1); break;
	case MODE_PROMPT_NEXT: input_history_walk(in, 1); break;
	case MODE_PROMPT_ACCEPT:
		if (m->ops->accept != NULL)
			m->ops->accept(ed, m);
		break;
	case MODE_PROMPT_CANCEL:
		if (m->ops->cancel != NULL)
			m->ops->cancel(ed, m);
		break;
	}
	return CMD_OK;
}

static const struct cmd mode_prompt_cmds[] = {
	{"input-accept", "Done typing (save as that name, replace with that text …)", mode_prompt_cmd,
	 MODE_PROMPT_ACCEPT},
	{"input-cancel", "Give up typing", mode_prompt_cmd, MODE_PROMPT_CANCEL},
	{"input-backspace", "Delete the mark or character before the cursor", mode_prompt_cmd,
	 MODE_PROMPT_BACKSPACE},
	{"input-delete", "Delete the character after the cursor", mode_prompt_cmd, MODE_PROMPT_DELETE},
	{"input-left", "One character left on screen", mode_prompt_cmd, MODE_PROMPT_MOVE | INPUT_LEFT},
	{"input-right", "One character right on screen", mode_prompt_cmd, MODE_PROMPT_MOVE | INPUT_RIGHT},
	{"input-home", "Start of the line", mode_prompt_cmd, MODE_PROMPT_MOVE | INPUT_HOME},
	{"input-end", "End of the line", mode_prompt_cmd, MODE_PROMPT_MOVE | INPUT_END},
	{"input-history-prev", "The line typed here before", mode_prompt_cmd, MODE_PROMPT_PREV},
	{"input-history-next", "The line typed here after", mode_prompt_cmd, MODE_PROMPT_NEXT},
};

const struct cmd *mode_prompt_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_prompt_cmds);
	return mode_prompt_cmds;
}
