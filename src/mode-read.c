/* mode-read: minutes open to be read — opened from the archive browser
 * (read-only, with a key to edit and one to go back to the list), or
 * final minutes however they were opened (read-only; editing them asks
 * for the reason and records it as a dated amendment, review.c, before
 * the first change).  Over the text mode: every key it does not bind goes
 * on to the text, which refuses edits while the buffer is read-only.
 * Data model: the browser's lists to go back to (or NULL) and the key
 * hints shown on the status line. */
#include "mahdar/mode.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/editor.h"
#include "mahdar/input.h"
#include "mahdar/keymap.h"
#include "mahdar/review.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mode_read {
	struct mode_browse *from;	/* the list to go back to, or NULL */
	char *hints;
};

static const struct mode_ops mode_read_ops;

/* The key bound to cmd in [read], as a hint ("M-e"), in out. */
static const char *mode_read_key(struct editor *ed, const char *cmd, char out[40])
{
	const char *k = keymap_key_for_mode(editor_keymap(ed), "read", cmd);
	snprintf(out, 40, "%s", cmd);
	if (k != NULL)
		keymap_hint(k, out, 40);
	return out;
}

/* Say why the minutes are read-only and how to change them. */
static void mode_read_explain(struct editor *ed, const struct mode_read *r)
{
	struct buffer *b = editor_buffer(ed);
	const struct doc *d = buffer_doc(b);
	char ke[40], kb[40];
	mode_read_key(ed, "read-edit", ke);
	mode_read_key(ed, "read-back", kb);
	if (d->final)
		editor_message(ed, 0, _("%s is final (approved on %s by %s), so it opens read-only; %s changes it "
					"anyway, asking why and recording that as an amendment."),
			       buffer_path(b), d->approved_on != NULL ? d->approved_on : "?",
			       d->approved_by != NULL ? d->approved_by : "?", ke);
	else if (r->from != NULL)
		editor_message(ed, 0, _("%s is open read-only: %s edits it, %s goes back to the list."), buffer_path(b),
			       ke, kb);
	else
		editor_message(ed, 0, _("%s is open read-only: %s edits it."), buffer_path(b), ke);
}

static int mode_read_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)s, (void)len, (void)paste;
	if (!buffer_readonly(editor_buffer(ed)))
		return 0;
	mode_read_explain(ed, m->state);
	return 1;
}

static void mode_read_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_read *r = m->state;
	if (r->hints == NULL) {
		char ke[40], kb[40], kq[40] = "";
		const char *k = keymap_key_for(editor_keymap(ed), "save");
		if (k != NULL)
			keymap_hint(k, kq, sizeof kq);
		if (r->from != NULL)
			r->hints = xasprintf(_("%s edit  %s list  %s save"), mode_read_key(ed, "read-edit", ke),
					     mode_read_key(ed, "read-back", kb), kq);
		else
			r->hints = xasprintf(_("%s edit  %s quit"), mode_read_key(ed, "read-edit", ke),
					     mode_read_key(ed, "read-back", kb));
	}
	f->st.hints = r->hints;
}

static void mode_read_free(void *state)
{
	struct mode_read *r = state;
	mode_browse_free(r->from);
	free(r->hints);
	free(r);
}

static const struct mode_ops mode_read_ops = {
	.name = "read",
	.tables = {"read", NULL, NULL},
	.text = mode_read_text,
	.draw = mode_read_draw,
	.free = mode_read_free,
};

/* The read mode in the stack, or NULL. */
static struct mode *mode_read_find(struct editor *ed)
{
	for (struct mode *m = editor_top(ed); m != NULL; m = m->below)
		if (m->ops == &mode_read_ops)
			return m;
	return NULL;
}

/* ------------------------------------------------------------ editing */

static void mode_read_writable(struct editor *ed)
{
	struct buffer *b = editor_buffer(ed);
	buffer_set_readonly(b, 0);
	editor_message(ed, 0, _("Editing %s."), buffer_path(b));
}

/* Who changes final minutes (NULL: cancelled; "": not said); ctx: the reason. */
static void mode_read_by_done(struct editor *ed, const char *text, void *ctx)
{
	char *reason = ctx;
	struct buffer *b = editor_buffer(ed);
	if (text == NULL) {
		editor_message(ed, 0, _("%s stays read-only."), buffer_path(b));
		free(reason);
		return;
	}
	int y, mo, d;
	char on[16];
	util_today(&y, &mo, &d);
	snprintf(on, sizeof on, "%04d-%02d-%02d", y, mo, d);
	char *cause = NULL;
	if (review_amend(buffer_doc(b), on, text[0] != '\0' ? text : NULL, reason, &cause) < 0) {
		editor_message(ed, 1, _("%s stays read-only: %s"), buffer_path(b), cause);
		free(cause);
		free(reason);
		return;
	}
	free(reason);
	buffer_set_readonly(b, 0);
	/* Because the amendment is the record of why final minutes changed,
	 * it reaches the sidecar now, before any change of the text. */
	int r = buffer_save(b, &cause);
	if (r != 0)
		editor_message(ed, 1, _("Amendment of %s not yet saved (%s); it is saved with your changes."), on,
			       cause != NULL ? cause : _("unknown error"));
	else
		editor_message(ed, 0, _("Amendment of %s recorded in %s; you can edit now."), on,
			       buffer_info(b)->side_path);
	free(cause);
}

/* The reason for changing final minutes (NULL: cancelled): then who. */
static void mode_read_reason_done(struct editor *ed, const char *text, void *ctx)
{
	(void)ctx;
	struct buffer *b = editor_buffer(ed);
	if (text == NULL) {
		editor_message(ed, 0, _("%s stays read-only."), buffer_path(b));
		return;
	}
	if (text[0] == '\0') {
		editor_message(ed, 1, _("%s stays read-only: an amendment needs a reason."), buffer_path(b));
		return;
	}
	const struct input_history *h = editor_history(ed, "amend-by");
	mode_prompt_open(ed, _("Your name, kept with the amendment (Enter: leave it out): "), _("Your name: "),
			 h->n > 0 ? h->v[h->n - 1] : NULL, "amend-by", mode_read_by_done, xstrdup(text));
}

static void mode_read_edit_now(struct editor *ed)
{
	struct buffer *b = editor_buffer(ed);
	if (!buffer_readonly(b)) {
		editor_message(ed, 0, _("You are editing %s already."), buffer_path(b));
		return;
	}
	if (editor_opts(ed)->readonly) {
		editor_message(ed, 1, _("mahdar was started with --read-only: %s stays read-only."), buffer_path(b));
		return;
	}
	if (buffer_doc(b)->final)
		mode_prompt_open(ed, _("Final minutes. Why change them? (kept as an amendment): "),
				 _("Why change them? "), NULL, "amend",
				 mode_read_reason_done, NULL);
	else
		mode_read_writable(ed);
}

static int mode_read_edit(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	mode_read_edit_now(ed);
	return CMD_OK;
}

/* ------------------------------------------------------------ back to the list */

static void mode_read_leave(struct editor *ed)
{
	struct mode *m = mode_read_find(ed);
	if (m == NULL)
		return;
	struct mode_read *r = m->state;
	struct mode_browse *from = r->from;
	r->from = NULL;
	editor_pop(ed, m);
	mode_browse_back(ed, from);
}

static size_t mode_read_back_words(struct editor *ed, void *ctx, char *f[4])
{
	(void)ed, (void)ctx;
	f[0] = xstrdup(_("Unsaved changes. y: save them and go back to the list  n: go back without saving  "
			 "other keys: stay"));
	f[1] = xstrdup(_("Unsaved changes. y: save, then the list  n: discard"));
	f[2] = xstrdup(_("Save? y/n"));
	return 3;
}

static void mode_read_back_done(struct editor *ed, int answer, void *ctx)
{
	(void)ctx;
	struct buffer *b = editor_buffer(ed);
	char *cause = NULL;
	if (answer == 'y') {
		if (buffer_save(b, &cause) < 0) {
			editor_message(ed, 1, _("Not saved: %s"), cause);
			free(cause);
			return;
		}
		free(cause);
	} else if (answer == 'n') {
		buffer_recover_drop(b, NULL);	/* a deliberate discard */
	} else {
		editor_message(ed, 0, _("Still in %s."), buffer_path(b));
		return;
	}
	mode_read_leave(ed);
}

static int mode_read_back(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)arg;
	struct mode_read *r = m->ops == &mode_read_ops ? m->state : NULL;
	if (r == NULL || r->from == NULL)
		return cmd_run(ed, m, "quit", error);
	if (buffer_modified(editor_buffer(ed)))
		mode_ask_open(ed, MODE_ASK_YES_NO, 0, 1, mode_read_back_words, mode_read_back_done, NULL, NULL);
	else
		mode_read_leave(ed);
	return CMD_OK;
}

/* ------------------------------------------------------------ opening */

static void mode_read_push(struct editor *ed, struct mode_browse *from)
{
	struct mode_read *r = xcalloc(1, sizeof *r);
	r->from = from;
	editor_push(ed, &mode_read_ops, r);
	mode_read_explain(ed, r);
}

void mode_read_open(struct editor *ed, struct mode_browse *from, int edit)
{
	mode_read_push(ed, from);
	if (edit)
		mode_read_edit_now(ed);
}

void mode_read_opened(struct editor *ed)
{
	struct buffer *b = editor_buffer(ed);
	if (!buffer_doc(b)->final)
		return;
	buffer_set_readonly(b, 1);
	mode_read_push(ed, NULL);
}

static const struct cmd mode_read_cmds[] = {
	{"read-edit", "Edit the minutes open read-only (final ones: asks why, recorded as an amendment)",
	 mode_read_edit, 0},
	{"read-back", "Back to the list of minutes (or quit, without one)", mode_read_back, 0},
};

const struct cmd *mode_read_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_read_cmds);
	return mode_read_cmds;
}
