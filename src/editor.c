/* editor: the one editor state object, the main loop, prompts, status line.
 *
 * Data model: struct editor (editor.h) owns the document, the edit state,
 * the view, the keymap and the terminal.  The main loop takes every event
 * that is already waiting (a whole bracketed paste, a burst of typing),
 * applies each, and only then builds one frame and draws it, so typing
 * fast never waits for the screen.  Keys become commands only through the
 * keymap; this file holds no key codes. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/editor.h"

#include "mahdar/cmd.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/fio.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef MAHDAR_DATADIR
#define MAHDAR_DATADIR "/usr/local/share/mahdar"
#endif

/* Pause in typing after which the structure is analysed again. */
#define EDITOR_ANALYSE_MS 300
/* Unsaved text reaches the recovery copy this long after typing stops ... */
#define EDITOR_RECOVER_IDLE_MS 2000
/* ... and at the latest this long after its first unsaved change. */
#define EDITOR_RECOVER_MAX_MS 10000

/* Because the out-of-memory hook takes no argument, it finds the editor here. */
static struct editor *editor_current;

void editor_message(struct editor *ed, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(ed->msg);
	ed->msg = xvasprintf(fmt, ap);
	ed->msg_error = error;
	va_end(ap);
}

static void editor_message_clear(struct editor *ed)
{
	free(ed->msg);
	ed->msg = NULL;
	ed->msg_error = 0;
}

static long long editor_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Remove the recovery copy (after a save, or when the user discards). */
static void editor_recover_drop(struct editor *ed)
{
	char *cause = NULL;
	if (store_recover_drop(&ed->info, &cause) < 0)
		editor_message(ed, 1, "%s", cause);
	free(cause);
}

int editor_save(struct editor *ed)
{
	char now[32];
	char *cause = NULL;
	util_now_iso(now);
	if (ed->doc->stale)
		txt_analyse(ed->doc);
	int r = store_save(ed->doc, &ed->info, now, &cause);
	if (r < 0) {
		editor_message(ed, 1, "Not saved: %s", cause != NULL ? cause : "unknown error");
		free(cause);
		return -1;
	}
	/* Saved, maybe without its sidecar (r == 1): the text on disk is the
	 * document's, so the recovery copy has done its work either way. */
	edit_mark_saved(ed->edit);
	ed->recover_gen = ed->doc->gen;
	ed->pending_since_ms = 0;
	editor_recover_drop(ed);
	if (r > 0)
		editor_message(ed, 1, "Warning: %s", cause != NULL ? cause : "the sidecar was not written");
	else if (ed->info.backup_path != NULL)
		editor_message(ed, 0, "Saved %s (the unreadable sidecar was kept as %s)", ed->path,
			       ed->info.backup_path);
	else
		editor_message(ed, 0, "Saved %s", ed->path);
	free(cause);
	return r;
}

/* "C-s" -> "^S" for the status line hints. */
static void editor_hint_key(const char *key, char *out, size_t outsz)
{
	if (strncmp(key, "C-", 2) == 0 && key[2] >= 'a' && key[2] <= 'z' && key[3] == '\0')
		snprintf(out, outsz, "^%c", key[2] - 'a' + 'A');
	else
		snprintf(out, outsz, "%s", key);
}

void editor_quit(struct editor *ed)
{
	if (!ed->doc->modified) {
		ed->quit = 1;
		return;
	}
	char ks[40] = "", kq[40] = "";
	const char *k = keymap_key_for(ed->keymap, "save");
	if (k != NULL)
		editor_hint_key(k, ks, sizeof ks);
	k = keymap_key_for(ed->keymap, "quit");
	if (k != NULL)
		editor_hint_key(k, kq, sizeof kq);
	ed->prompt = EDITOR_PROMPT_QUIT;
	/* Because the whole question must be readable on a narrow terminal. */
	if (ed->view->cols >= 76)
		editor_message(ed, 0, "Unsaved changes. y%s%s: save and quit  n%s%s: quit without saving  "
				      "other keys: go back", *ks ? "/" : "", ks, *kq ? "/" : "", kq);
	else if (ed->view->cols >= 36)
		editor_message(ed, 0, "Unsaved changes! y: save+quit n: discard");
	else
		editor_message(ed, 0, "Save? y/n");
}

void editor_suspend(struct editor *ed)
{
	ui_suspend(ed->ui);
}

void editor_set_flag(struct editor *ed, unsigned flag, int on)
{
	if (on < 0)
		on = !(ed->flags & flag);
	if (on)
		ed->flags |= flag;
	else
		ed->flags &= ~flag;
	view_set_flags(ed->view, ed->flags);
}

/* The copy of the text written when mahdar must stop with unsaved changes
 * (the terminal is already given back, so this may print). */
static void editor_recover(struct editor *ed)
{
	if (ed->doc == NULL || !ed->doc->modified)
		return;
	char *cause = NULL;
	if (store_recover_write(ed->doc, &ed->info, &cause) == 0)
		fprintf(stderr, "mahdar: unsaved changes written to %s\n", ed->info.recover_path);
	else
		fprintf(stderr, "mahdar: could not write %s: %s\n", ed->info.recover_path, cause);
	free(cause);
}

/* While the editor runs: keep the recovery copy up to date, quietly. */
static void editor_autosave(struct editor *ed)
{
	char *cause = NULL;
	ed->pending_since_ms = 0;
	ed->recover_gen = ed->doc->gen;
	if (!ed->doc->modified) {	/* undone back to the saved text */
		if (ed->info.recover)
			editor_recover_drop(ed);
		return;
	}
	if (store_recover_write(ed->doc, &ed->info, &cause) < 0)
		editor_message(ed, 1, "Recovery copy not written: %s", cause);
	else
		ed->info.recover = 1;
	free(cause);
}

static void editor_oom(void)
{
	struct editor *ed = editor_current;
	if (ed == NULL)
		return;
	ui_free(ed->ui);
	ed->ui = NULL;
	editor_recover(ed);
}

/* ------------------------------------------------------------ keymaps */

/* The default keymap: --keymap, else the installed one, else the one in
 * the source tree next to the binary (build/mahdar -> keymaps/). */
static char *editor_default_keys(const struct editor_opts *o)
{
	if (o->keymap != NULL)
		return xstrdup(o->keymap);
	char *p = xstrdup(MAHDAR_DATADIR "/keymaps/default.keys");
	if (fio_exists(p))
		return p;
	free(p);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash != NULL)
			*slash = '\0';
		const char *rel[] = {"/../keymaps/default.keys", "/keymaps/default.keys"};
		for (size_t i = 0; i < UTIL_ARRAY_LEN(rel); i++) {
			p = xasprintf("%s%s", exe, rel[i]);
			if (fio_exists(p))
				return p;
			free(p);
		}
	}
	return NULL;
}

static char *editor_user_keys(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg != NULL && *xdg)
		return xasprintf("%s/mahdar/keys", xdg);
	if (home != NULL && *home)
		return xasprintf("%s/.config/mahdar/keys", home);
	return NULL;
}

/* Load the keymaps; -1 (message on stderr) if there is no usable default. */
static int editor_keys(struct editor *ed)
{
	char *cause = NULL;
	char *def = editor_default_keys(ed->opts);
	ed->keymap = keymap_new();
	if (def == NULL) {
		fprintf(stderr, "mahdar: cannot find keymaps/default.keys (looked in %s/keymaps and next to "
				"the program)\n", MAHDAR_DATADIR);
		return -1;
	}
	int r = keymap_load(ed->keymap, def, cmd_exists, &cause);
	free(def);
	if (r < 0) {
		fprintf(stderr, "mahdar: %s\n", cause);
		free(cause);
		return -1;
	}
	if (r > 0)
		editor_message(ed, 1, "%s", cause);
	free(cause);
	cause = NULL;
	char *user = editor_user_keys();
	if (user != NULL && fio_exists(user)) {
		r = keymap_load(ed->keymap, user, cmd_exists, &cause);
		if (r != 0)
			editor_message(ed, 1, "%s", cause);
		free(cause);
	}
	free(user);
	return 0;
}

static void editor_make_hints(struct editor *ed)
{
	static const struct {
		const char *cmd, *label;
	} hints[] = {{"save", "save"}, {"quit", "quit"}, {"undo", "undo"}, {"help", "help"}};
	char *s = xstrdup("");
	for (size_t i = 0; i < UTIL_ARRAY_LEN(hints); i++) {
		const char *k = keymap_key_for(ed->keymap, hints[i].cmd);
		if (k == NULL)
			continue;
		char kk[40];
		editor_hint_key(k, kk, sizeof kk);
		char *t = xasprintf("%s%s%s %s", s, *s ? " " : "", kk, hints[i].label);
		free(s);
		s = t;
	}
	ed->hints = s;
}

/* ------------------------------------------------------------ events */

static const struct layout *editor_layout(void *ctx, size_t line)
{
	return view_layout(ctx, line);
}

/* "Not now": keep the old copy under another name, because this
 * session's own recovery copies would otherwise replace it. */
static void editor_recover_set_aside(struct editor *ed)
{
	char *where = NULL, *cause = NULL;
	if (store_recover_set_aside(&ed->info, &where, &cause) == 0)
		editor_message(ed, 0, "Those unsaved changes are kept in %s", where);
	else
		editor_message(ed, 1, "%s", cause);
	free(where);
	free(cause);
}

/* Replace the document with the one kept in its recovery copy. */
static void editor_restore(struct editor *ed)
{
	char *cause = NULL;
	struct store_info info;
	struct doc *d = store_open_recover(ed->path, &info, &cause);
	if (d == NULL) {
		editor_message(ed, 1, "Not restored: %s", cause);
		free(cause);
		return;
	}
	int rows = ed->view->rows, cols = ed->view->cols;
	int logical = ed->edit->logical;
	edit_free(ed->edit);
	doc_free(ed->doc);
	view_free(ed->view);
	store_info_free(&ed->info);
	ed->doc = d;
	ed->info = info;
	ed->view = view_new(ed->doc, rows, cols);
	view_set_flags(ed->view, ed->flags);
	ed->edit = edit_new(ed->doc, editor_layout, ed->view);
	ed->edit->logical = logical;
	ed->seen_gen = ed->recover_gen = d->gen;
	editor_message(ed, 0, "Restored the unsaved changes from %s; save to keep them",
		       ed->info.recover_path);
}

static void editor_prompt_answer(struct editor *ed, const struct ui_event *ev)
{
	const char *cmd = ev->type == UI_EV_KEY ? keymap_lookup(ed->keymap, ev->key) : NULL;
	char c = ev->type == UI_EV_TEXT && ev->len == 1 ? ev->text[0] : '\0';
	int prompt = ed->prompt;
	ed->prompt = EDITOR_PROMPT_NONE;
	editor_message_clear(ed);
	if (prompt == EDITOR_PROMPT_RECOVER) {
		if (c == 'r' || c == 'R')
			editor_restore(ed);
		else if (c == 'd' || c == 'D')
			editor_recover_drop(ed);
		else
			editor_recover_set_aside(ed);
		return;
	}
	if (c == 'y' || c == 'Y' || (cmd != NULL && strcmp(cmd, "save") == 0)) {
		if (editor_save(ed) == 0)
			ed->quit = 1;
	} else if (c == 'n' || c == 'N' || (cmd != NULL && strcmp(cmd, "quit") == 0)) {
		editor_recover_drop(ed);	/* a deliberate discard */
		ed->quit = 1;
	} else {
		editor_message(ed, 0, "Not quitting");
	}
}

/* At start: offer back the unsaved changes a killed mahdar left. */
static void editor_offer_recovery(struct editor *ed)
{
	char *when = NULL;
	if (!store_recover_check(ed->doc, &ed->info, &when))
		return;
	ed->prompt = EDITOR_PROMPT_RECOVER;
	editor_message(ed, 1, "%s has unsaved changes from %s. r: restore them  d: delete the copy  "
			      "other keys: not now", ed->info.recover_path, when);
	free(when);
}

static void editor_mouse(struct editor *ed, const struct ui_event *ev)
{
	struct edit_pos p;
	if (ev->button == 3 || ev->button == 4) {
		for (int i = 0; i < 3; i++)
			edit_move(ed->edit, ev->button == 3 ? EDIT_UP : EDIT_DOWN, 0);
		return;
	}
	if (ev->button != 0)
		return;
	if (ev->action == UI_MOUSE_RELEASE) {
		if (ed->dragging && view_hit(ed->view, ev->row, ev->col, &p) == 0)
			edit_set_cursor(ed->edit, p, 1);
		ed->dragging = 0;
		return;
	}
	if (view_hit(ed->view, ev->row, ev->col, &p) < 0)
		return;
	if (ev->action == UI_MOUSE_PRESS) {
		edit_set_cursor(ed->edit, p, strstr(ev->key, "S-") != NULL);
		ed->dragging = 1;
	} else if (ed->dragging) {
		edit_set_cursor(ed->edit, p, 1);
	}
}

static void editor_key(struct editor *ed, const char *key)
{
	const char *cmd = keymap_lookup(ed->keymap, key);
	if (cmd == NULL) {
		editor_message(ed, 0, "%s is not bound to a command", key);
		return;
	}
	if (cmd_run(ed, cmd) < 0)
		editor_message(ed, 1, "%s: no such command \"%s\"", key, cmd);
}

static void editor_event(struct editor *ed, const struct ui_event *ev)
{
	if (ev->type == UI_EV_QUIT_SIGNAL) {
		ui_free(ed->ui);
		ed->ui = NULL;
		editor_recover(ed);
		ed->quit = 1;
		ed->status = 128 + ev->sig;
		return;
	}
	if (ev->type == UI_EV_RESIZE) {
		int rows, cols;
		ui_size(ed->ui, &rows, &cols);
		view_resize(ed->view, rows, cols);
		return;
	}
	if (ed->prompt != EDITOR_PROMPT_NONE) {
		if (ev->type == UI_EV_KEY || ev->type == UI_EV_TEXT)
			editor_prompt_answer(ed, ev);
		return;	/* no paste or click while a question is open */
	}
	if (ev->type != UI_EV_MOUSE)
		editor_message_clear(ed);
	switch (ev->type) {
	case UI_EV_KEY:
		editor_key(ed, ev->key);
		break;
	case UI_EV_TEXT:
		edit_type(ed->edit, ev->text, ev->len);
		break;
	case UI_EV_PASTE:
		edit_insert_text(ed->edit, ev->text, ev->len);
		break;
	case UI_EV_MOUSE:
		editor_mouse(ed, ev);
		break;
	default:
		break;
	}
}

static void editor_draw(struct editor *ed)
{
	struct view *v = ed->view;
	ed->edit->page_rows = view_text_rows(v) > 1 ? view_text_rows(v) - 1 : 1;
	if (!view_too_small(v))
		view_follow(v, ed->edit->cur.line, ed->edit->cur.off);
	const struct layout *lay = view_layout(v, ed->edit->cur.line);
	struct view_status st = {
		.name = ed->path,
		.modified = ed->doc->modified,
		.line = ed->edit->cur.line + 1,
		.col = edit_column(ed->edit) + 1,
		.rtl = lay->dir == LAYOUT_RTL,
		.hints = ed->hints,
		.msg = ed->msg,
		.msg_error = ed->msg_error,
	};
	ui_draw(ed->ui, view_render(v, ed->edit, &st));
}

/* Note a change of the text since the loop last looked. */
static void editor_note_change(struct editor *ed)
{
	if (ed->doc->gen == ed->seen_gen)
		return;
	ed->seen_gen = ed->doc->gen;
	ed->last_change_ms = editor_now_ms();
	if (ed->pending_since_ms == 0)
		ed->pending_since_ms = ed->last_change_ms;
}

/* Milliseconds until the next background job is due (-1: none), and run
 * the ones that are due now. */
static int editor_background(struct editor *ed, int due_only)
{
	long long now = editor_now_ms(), wait = -1;
	/* Because analysing the minutes structure (bold headings, the
	 * document's direction) costs O(document), it waits until the typist
	 * pauses instead of running on every key. */
	if (ed->doc->stale) {
		long long at = ed->last_change_ms + EDITOR_ANALYSE_MS;
		if (at <= now && due_only)
			txt_analyse(ed->doc);
		else
			wait = at - now;
	}
	if (ed->doc->gen != ed->recover_gen) {
		long long at = ed->last_change_ms + EDITOR_RECOVER_IDLE_MS;
		if (ed->pending_since_ms + EDITOR_RECOVER_MAX_MS < at)
			at = ed->pending_since_ms + EDITOR_RECOVER_MAX_MS;
		if (at <= now && due_only)
			editor_autosave(ed);
		else if (wait < 0 || at - now < wait)
			wait = at - now;
	}
	return wait < 0 ? -1 : (int)(wait > 0 ? wait : 0);
}

static void editor_loop(struct editor *ed)
{
	struct ui_event ev;
	ed->seen_gen = ed->recover_gen = ed->doc->gen;
	while (!ed->quit) {
		editor_draw(ed);
		if (ui_next(ed->ui, &ev, editor_background(ed, 0)) <= 0) {
			editor_background(ed, 1);
			continue;
		}
		editor_event(ed, &ev);
		/* Drain what is already waiting before drawing again. */
		while (!ed->quit && ui_next(ed->ui, &ev, 0) > 0)
			editor_event(ed, &ev);
		editor_note_change(ed);
	}
}

static void editor_free(struct editor *ed)
{
	ui_free(ed->ui);
	edit_free(ed->edit);
	/* The doc's line caches are freed by view_cache_free, which needs no view. */
	doc_free(ed->doc);
	view_free(ed->view);
	keymap_free(ed->keymap);
	store_info_free(&ed->info);
	free(ed->msg);
	free(ed->hints);
}

int editor_run(const char *path, const struct editor_opts *opts)
{
	char *cause = NULL;
	if (ui_check(&cause) < 0) {
		fprintf(stderr, "mahdar: %s\n", cause);
		free(cause);
		return 1;
	}
	struct editor ed;
	memset(&ed, 0, sizeof ed);
	ed.opts = opts;
	ed.path = path;
	ed.doc = store_open(path, 1, &ed.info, &cause);
	if (ed.doc == NULL) {
		fprintf(stderr, "mahdar: %s\n", cause);
		free(cause);
		store_info_free(&ed.info);
		return 1;
	}
	if (editor_keys(&ed) < 0) {
		editor_free(&ed);
		return 1;
	}
	editor_make_hints(&ed);
	if (ed.info.side_msg != NULL && ed.msg == NULL)
		editor_message(&ed, ed.info.side == STORE_SIDE_BROKEN, "%s", ed.info.side_msg);
	else if (ed.info.text_missing && ed.msg == NULL)
		editor_message(&ed, 0, "New file: %s", path);
	editor_offer_recovery(&ed);	/* a question replaces any message */
	ed.ui = ui_new(opts->term_bidi, &cause);
	if (ed.ui == NULL) {
		fprintf(stderr, "mahdar: %s\n", cause);
		free(cause);
		editor_free(&ed);
		return 1;
	}
	editor_current = &ed;
	util_set_oom_hook(editor_oom);
	int rows, cols;
	ui_size(ed.ui, &rows, &cols);
	ed.view = view_new(ed.doc, rows, cols);
	ed.flags = (opts->shape ? LAYOUT_SHAPE : 0) | (opts->show_controls ? LAYOUT_SHOW_CONTROLS : 0);
	view_set_flags(ed.view, ed.flags);
	ed.edit = edit_new(ed.doc, editor_layout, ed.view);
	ed.edit->logical = opts->logical;
	editor_loop(&ed);
	int status = ed.status;
	editor_current = NULL;
	util_set_oom_hook(NULL);
	editor_free(&ed);
	return status;
}
