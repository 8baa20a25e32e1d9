/* editor-state.c: the editor state object (editor-int.h) — accessors for
 * modes and commands, the message line, the mode stack, the keys, and the
 * buffer shown; editor.c is the loop that drives it. */
#define _POSIX_C_SOURCE 200809L

#include "editor-int.h"

#include "mahdar/buffer.h"
#include "mahdar/cmd.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/fio.h"
#include "mahdar/input.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/mode.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ accessors */

struct buffer *editor_buffer(const struct editor *ed) { return ed->buf; }
struct edit *editor_edit(const struct editor *ed) { return buffer_edit(ed->buf); }
struct view *editor_view(const struct editor *ed) { return ed->view; }
const struct keymap *editor_keymap(const struct editor *ed) { return ed->keymap; }
const struct editor_opts *editor_opts(const struct editor *ed) { return ed->opts; }
const char *editor_keys_user(const struct editor *ed) { return ed->keys_user; }
const char *editor_keys_problems(const struct editor *ed) { return ed->keys_problems; }
struct mode *editor_top(const struct editor *ed) { return ed->top; }
struct cmd_input **editor_input_method(struct editor *ed) { return &ed->im; }
unsigned editor_flags(const struct editor *ed) { return ed->flags; }
void editor_set_scrolled(struct editor *ed, int scrolled) { ed->scrolled = scrolled; }
void editor_changed(struct editor *ed) { ed->changed = 1; }

int editor_done(const struct editor *ed, int *status)
{
	*status = ed->status;
	return ed->quit;
}

void editor_quit_now(struct editor *ed, int status)
{
	ed->quit = 1;
	ed->status = status;
}

struct input_history *editor_history(struct editor *ed, const char *name)
{
	return input_history_named(&ed->hist, name);
}

void editor_message(struct editor *ed, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(ed->msg);
	ed->msg = xvasprintf(fmt, ap);
	ed->msg_error = error;
	ed->changed = 1;
	va_end(ap);
	/* Because the message line is one paragraph: a line break would show as ^J. */
	for (char *p = ed->msg; (p = strchr(p, '\n')) != NULL;)
		*p = ' ';
}

void editor_message_clear(struct editor *ed)
{
	free(ed->msg);
	ed->msg = NULL;
	ed->msg_error = 0;
}

const char *editor_message_text(const struct editor *ed, int *error)
{
	*error = ed->msg_error;
	return ed->msg;
}

void editor_suspend(struct editor *ed)
{
	if (ed->ui != NULL)
		ui_suspend(ed->ui);
}

void editor_redraw(struct editor *ed)
{
	if (ed->ui != NULL)
		ui_redraw(ed->ui);
}

void editor_set_flag(struct editor *ed, unsigned flag, int on)
{
	if (on < 0)
		on = !(ed->flags & flag);
	ed->flags = on ? ed->flags | flag : ed->flags & ~flag;
	view_set_flags(ed->view, ed->flags);
}

/* ------------------------------------------------------------ modes */

struct mode *editor_push(struct editor *ed, const struct mode_ops *ops, void *state)
{
	return mode_push(&ed->top, ops, state);
}

void editor_pop(struct editor *ed, struct mode *m)
{
	mode_pop(&ed->top, m);
}

/* ------------------------------------------------------------ keymaps */

/* Load the default keys and the user's; -1 and *cause without a default. */
static int editor_keys(struct editor *ed, char **cause)
{
	ed->keymap = keymap_new();
	char *def = keymap_default_path(ed->opts->keymap);
	if (def == NULL) {
		util_set_cause(cause, _("cannot find keymaps/default.keys (looked in %s/keymaps and next "
					"to the program)"), MAHDAR_DATADIR);
		return -1;
	}
	ed->keys_user = keymap_user_path();
	int r = keymap_load_both(ed->keymap, def, ed->keys_user, cmd_exists, &ed->keys_problems, cause);
	free(def);
	return r;
}

void editor_message_first(struct editor *ed, int error, const char *text, const char *where)
{
	const char *nl = strchr(text, '\n');
	size_t more = 0;
	for (const char *p = nl; p != NULL; p = strchr(p + 1, '\n'))
		more += p[1] != '\0';
	if (more == 0)
		editor_message(ed, error, "%.*s", nl != NULL ? (int)(nl - text) : (int)strlen(text), text);
	else
		editor_message(ed, error, _("%.*s (%zu more: %s)"), (int)(nl - text), text, more, where);
}

/* ------------------------------------------------------------ lifecycle */

struct editor *editor_new(const struct editor_opts *opts, char **cause)
{
	struct editor *ed = xcalloc(1, sizeof *ed);
	ed->opts = opts;
	if (editor_keys(ed, cause) < 0) {
		editor_free(ed);
		return NULL;
	}
	if (ed->keys_problems != NULL) {
		const char *k = keymap_key_for(ed->keymap, "help");
		char *where = xasprintf(_("%s lists them"), k != NULL ? k : "help");
		editor_message_first(ed, 1, ed->keys_problems, where);
		free(where);
	}
	ed->flags = (opts->shape ? LAYOUT_SHAPE : 0) | (opts->show_controls ? LAYOUT_SHOW_CONTROLS : 0);
	return ed;
}

static const struct layout *editor_layout(void *ctx, size_t line)
{
	return view_layout(ctx, line);
}

struct buffer *editor_swap_buffer(struct editor *ed, struct buffer *b)
{
	struct buffer *old = ed->buf;
	ed->buf = b;
	if (ed->view == NULL) {
		ed->view = view_new(buffer_doc(b), 24, 80);
		view_set_flags(ed->view, ed->flags);
	} else {
		view_set_doc(ed->view, buffer_doc(b));
	}
	buffer_set_layout(b, editor_layout, ed->view);
	edit_set_logical(buffer_edit(b), ed->opts->logical);
	ed->scrolled = 0;
	return old;
}

int editor_open(struct editor *ed, const char *path, char **cause)
{
	if (fio_is_dir(path))	/* a folder of minutes: the archive browser */
		return mode_browse_open(ed, path, cause);
	struct buffer *b = buffer_open(path, BUFFER_NEW_OK | (ed->opts->readonly ? BUFFER_READONLY : 0), cause);
	if (b == NULL)
		return -1;
	editor_swap_buffer(ed, b);
	mode_draft_open(ed);	/* under the text mode: [text] keys first */
	editor_push(ed, mode_text(), NULL);
	mode_read_opened(ed);	/* final minutes open read-only */
	cmd_file_opened(ed);
	if (ed->opts->input != NULL)
		cmd_input_start(ed, ed->opts->input);
	return 0;
}

void editor_free(struct editor *ed)
{
	if (ed == NULL)
		return;
	mode_pop(&ed->top, NULL);
	ui_free(ed->ui);
	buffer_free(ed->buf);
	view_free(ed->view);
	keymap_free(ed->keymap);
	cmd_input_free(ed->im);
	input_histories_free(&ed->hist);
	free(ed->msg);
	free(ed->keys_user);
	free(ed->keys_problems);
	free(ed);
}

