/* cmd-file: saving (also under another name), quitting, suspending, and
 * the questions they ask (unsaved changes on quit, a file that exists, a
 * recovery copy found at start).  Data model: a table of commands; the
 * questions are mode-ask questions whose answers come back here. */
#include "mahdar/cmd.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/editor.h"
#include "mahdar/fio.h"
#include "mahdar/keymap.h"
#include "mahdar/mode.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>

static void cmd_file_changed_ask(struct editor *ed);

/* Save and say how it went: 0 saved, 1 saved without the sidecar, -1 not
 * (or not yet: a file changed outside is asked about first). */
static int cmd_file_save_now(struct editor *ed)
{
	struct buffer *b = editor_buffer(ed);
	char *cause = NULL;
	int r = buffer_save(b, &cause);
	if (r == BUFFER_CHANGED)
		cmd_file_changed_ask(ed);
	else if (r < 0)
		editor_message(ed, 1, _("Not saved: %s"), cause != NULL ? cause : _("unknown error"));
	else if (r > 0)
		editor_message(ed, 1, _("Warning: %s"), cause != NULL ? cause : _("the sidecar was not written"));
	else if (buffer_info(b)->backup_path != NULL)
		editor_message(ed, 0, _("Saved %s (the unreadable sidecar was kept as %s)"), buffer_path(b),
			       buffer_info(b)->backup_path);
	else
		editor_message(ed, 0, _("Saved %s"), buffer_path(b));
	free(cause);
	return r < 0 ? -1 : r;
}

static int cmd_file_save(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	cmd_file_save_now(ed);
	return CMD_OK;
}

/* ---- save as ---- */

static void cmd_file_save_to(struct editor *ed, const char *name)
{
	char *kept = NULL, *cause = NULL;
	int r = buffer_save_as(editor_buffer(ed), name, &kept, &cause);
	if (r < 0)
		editor_message(ed, 1, _("Not saved: %s"), cause);
	else if (r > 0)
		editor_message(ed, 1, _("Warning: %s"), cause);
	else if (kept != NULL)
		editor_message(ed, 0, _("Saved %s (what was there is kept as %s)"), name, kept);
	else
		editor_message(ed, 0, _("Saved %s"), name);
	free(kept);
	free(cause);
}

static size_t cmd_file_exists_words(struct editor *ed, void *ctx, char *f[4])
{
	(void)ed;
	f[0] = xasprintf(_("%s exists. y: replace it  other keys: do not save"), (const char *)ctx);
	f[1] = xstrdup(_("Replace it? y/n"));
	return 2;
}

static void cmd_file_exists_done(struct editor *ed, int answer, void *ctx)
{
	if (answer == 'y')
		cmd_file_save_to(ed, ctx);
	else
		editor_message(ed, 0, _("Not saved"));
}

/* The file name typed for save-as is complete (NULL: cancelled). */
static void cmd_file_save_as_done(struct editor *ed, const char *name, void *ctx)
{
	(void)ctx;
	if (name == NULL)
		editor_message(ed, 0, _("Not saved"));
	else if (name[0] == '\0')
		editor_message(ed, 0, _("No file name: not saved"));
	else if (strcmp(name, buffer_path(editor_buffer(ed))) != 0 && fio_exists(name))
		mode_ask_open(ed, MODE_ASK_YES_NO, 0, 0, cmd_file_exists_words, cmd_file_exists_done,
			      xstrdup(name), free);
	else
		cmd_file_save_to(ed, name);
}

static int cmd_file_save_as(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	mode_prompt_open(ed, _("Save as (Enter: save  Esc: cancel): "), _("Save as: "),
			 buffer_path(editor_buffer(ed)), "save-as", cmd_file_save_as_done, NULL);
	return CMD_OK;
}

/* ---- saving over a change made outside ---- */

static size_t cmd_file_changed_words(struct editor *ed, void *ctx, char *f[4])
{
	(void)ctx;
	f[0] = xasprintf(_("%s was changed outside mahdar since it was opened. r: reload it (your edits are "
			   "kept in a copy)  o: overwrite it  s: save as another file  other keys: do not save"),
			 buffer_path(editor_buffer(ed)));
	f[1] = xstrdup(_("Changed outside mahdar. r: reload  o: overwrite  s: save as"));
	f[2] = xstrdup(_("Changed! r/o/s"));
	return 3;
}

static int cmd_file_save_as(struct editor *ed, struct mode *m, int arg, char **error);

static void cmd_file_changed_done(struct editor *ed, int answer, void *ctx)
{
	(void)ctx;
	struct buffer *b = editor_buffer(ed);
	char *kept = NULL, *cause = NULL;
	if (answer == 'r') {
		if (buffer_reload(b, &kept, &cause) < 0) {
			editor_message(ed, 1, _("Not reloaded: %s"), cause);
		} else {
			view_set_doc(editor_view(ed), buffer_doc(b));
			if (kept != NULL)
				editor_message(ed, 0, _("Reloaded %s; your edits are kept in %s"), buffer_path(b), kept);
			else
				editor_message(ed, 0, _("Reloaded %s"), buffer_path(b));
		}
	} else if (answer == 'o') {
		buffer_overwrite_once(b);
		cmd_file_save_now(ed);
	} else if (answer == 's') {
		cmd_file_save_as(ed, NULL, 0, NULL);
	} else {
		editor_message(ed, 0, _("Not saved"));
	}
	free(kept);
	free(cause);
}

static void cmd_file_changed_ask(struct editor *ed)
{
	mode_ask_open(ed, MODE_ASK_CHANGED, 1, 0, cmd_file_changed_words, cmd_file_changed_done, NULL, NULL);
}

/* ---- quit ---- */

static size_t cmd_file_quit_words(struct editor *ed, void *ctx, char *f[4])
{
	(void)ctx;
	char ks[40] = "", kq[40] = "";
	const char *k = keymap_key_for_mode(editor_keymap(ed), "ask", "answer-yes");
	if (k != NULL)
		keymap_hint(k, ks, sizeof ks);
	k = keymap_key_for_mode(editor_keymap(ed), "ask", "answer-no");
	if (k != NULL)
		keymap_hint(k, kq, sizeof kq);
	/* Because the whole question must be readable on one row, also on
	 * a narrow terminal. */
	f[0] = xasprintf(_("Unsaved changes. y%s%s: save and quit  n%s%s: quit without saving  "
			   "other keys: go back"), *ks ? "/" : "", ks, *kq ? "/" : "", kq);
	f[1] = xstrdup(_("Unsaved changes. y: save and quit  n: quit without saving"));
	f[2] = xstrdup(_("Unsaved changes! y: save+quit n: discard"));
	f[3] = xstrdup(_("Save? y/n"));
	return 4;
}

static void cmd_file_quit_done(struct editor *ed, int answer, void *ctx)
{
	(void)ctx;
	if (answer == 'y') {
		if (cmd_file_save_now(ed) == 0)
			editor_quit_now(ed, 0);
	} else if (answer == 'n') {
		buffer_recover_drop(editor_buffer(ed), NULL);	/* a deliberate discard */
		editor_quit_now(ed, 0);
	} else {
		editor_message(ed, 0, _("Not quitting"));
	}
}

static int cmd_file_quit(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	if (!buffer_modified(editor_buffer(ed)))
		editor_quit_now(ed, 0);
	else
		mode_ask_open(ed, MODE_ASK_YES_NO, 0, 1, cmd_file_quit_words, cmd_file_quit_done, NULL, NULL);
	return CMD_OK;
}

static int cmd_file_suspend(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg, (void)error;
	editor_suspend(ed);
	return CMD_OK;
}

/* ---- the recovery question ---- */

static size_t cmd_file_recover_words(struct editor *ed, void *ctx, char *f[4])
{
	const char *when = ctx;
	/* Asked once, at the start: worth a few rows to name the copy. */
	f[0] = xasprintf(_("%s has unsaved changes from %s. r: restore them  d: delete the copy  "
			   "other keys: not now"), buffer_info(editor_buffer(ed))->recover_path, when);
	f[1] = xasprintf(_("Unsaved changes from %s were kept. r: restore them  d: delete them  "
			   "other keys: not now"), when);
	f[2] = xstrdup(_("Unsaved changes kept. r: restore d: delete"));
	f[3] = xstrdup(_("Restore? r/d"));
	return 4;
}

static void cmd_file_recover_done(struct editor *ed, int answer, void *ctx)
{
	(void)ctx;
	struct buffer *b = editor_buffer(ed);
	char *cause = NULL, *where = NULL;
	if (answer == 'r') {
		if (buffer_recover_restore(b, &cause) < 0) {
			editor_message(ed, 1, _("Not restored: %s"), cause);
		} else {
			view_set_doc(editor_view(ed), buffer_doc(b));
			editor_message(ed, 0, _("Restored the unsaved changes from %s; save to keep them"),
				       buffer_info(b)->recover_path);
		}
	} else if (answer == 'd') {
		if (buffer_recover_drop(b, &cause) < 0)
			editor_message(ed, 1, "%s", cause);
	} else if (buffer_recover_set_aside(b, &where, &cause) == 0) {
		/* "Not now": keep the old copy under another name, because this
		 * session's own recovery copies would otherwise replace it. */
		editor_message(ed, 0, _("Those unsaved changes are kept in %s"), where);
	} else {
		editor_message(ed, 1, "%s", cause);
	}
	free(cause);
	free(where);
}

void cmd_file_opened(struct editor *ed)
{
	const struct store_info *info = buffer_info(editor_buffer(ed));
	const char *path = buffer_path(editor_buffer(ed));
	int error;
	if (info->side_msg != NULL && editor_message_text(ed, &error) == NULL) {
		char *where = xasprintf("mahdar check %s", path);
		editor_message_first(ed, info->side == STORE_SIDE_BROKEN, info->side_msg, where);
		free(where);
	} else if (info->text_missing && editor_message_text(ed, &error) == NULL) {
		editor_message(ed, 0, _("New file: %s"), path);
	}
	/* A question replaces any message. */
	char *when = NULL;
	const char *who = buffer_locked_by(editor_buffer(ed));
	int r = buffer_recover_found(editor_buffer(ed), &when);
	if (who != NULL)
		editor_message(ed, 1, _("%s is open in %s; opened read-only (save-as keeps a copy)"), path, who);
	if (r < 0)	/* a copy that cannot be read back: kept aside, said */
		editor_message(ed, 1, "%s", when);
	if (r > 0)
		mode_ask_open(ed, MODE_ASK_RECOVER, 1, 0, cmd_file_recover_words, cmd_file_recover_done,
			      when != NULL ? when : xstrdup(""), free);
	else
		free(when);
}

static const struct cmd cmd_file_cmds[] = {
	{"save", "Save the text and its sidecar", cmd_file_save, 0},
	{"save-as", "Save under another name (typed in the message line), then edit that file",
	 cmd_file_save_as, 0},
	{"quit", "Quit (asks first when there are unsaved changes)", cmd_file_quit, 0},
	{"suspend", "Stop mahdar and return to the shell (fg brings it back)", cmd_file_suspend, 0},
};

const struct cmd *cmd_file_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(cmd_file_cmds);
	return cmd_file_cmds;
}
