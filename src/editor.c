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

#include "mahdar/buf.h"
#include "mahdar/cmd.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/fio.h"
#include "mahdar/keymap.h"
#include "mahdar/layout.h"
#include "mahdar/lock.h"
#include "mahdar/store.h"
#include "mahdar/txt.h"
#include "mahdar/ui.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef MAHDAR_DATADIR
#define MAHDAR_DATADIR "/usr/local/share/mahdar"
#endif

/* Pause in typing after which the structure is analysed again ... */
#define EDITOR_ANALYSE_MS 300
/* ... in a document of at most this many lines (about 6 ms of analysis). */
#define EDITOR_ANALYSE_LINES 10000
/* Unsaved text reaches the recovery journal this long after typing stops ... */
#define EDITOR_RECOVER_IDLE_MS 1000
/* ... and at the latest this long after its first unsaved change (a
 * journal append costs well under a millisecond, on any document). */
#define EDITOR_RECOVER_MAX_MS 1000
/* The file on disk is looked at (a stat) this often, for outside changes
 * and, in a read-only editor, whether the other mahdar is gone. */
#define EDITOR_DISK_CHECK_MS 2000

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
	/* Because the message line is one paragraph: a line break would show as ^J. */
	for (char *p = ed->msg; (p = strchr(p, '\n')) != NULL;)
		*p = ' ';
}

/* A message of several lines: the first, and how many more there are and
 * where to read them ("mahdar check FILE"). */
static void editor_message_lines(struct editor *ed, int error, const char *text, const char *where)
{
	const char *nl = strchr(text, '\n');
	size_t more = 0;
	for (const char *p = nl; p != NULL; p = strchr(p + 1, '\n'))
		more += p[1] != '\0';
	if (more == 0)
		editor_message(ed, error, "%.*s", nl != NULL ? (int)(nl - text) : (int)strlen(text), text);
	else
		editor_message(ed, error, "%.*s (%zu more: %s)", (int)(nl - text), text, more, where);
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

static void editor_prompt_message(struct editor *ed);

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
	if (ed->readonly) {
		editor_message(ed, 1, "Not saved: %s is open in %s; save it under another name", ed->path,
			       ed->lock_who);
		return -1;
	}
	/* Because saving over what another program wrote would lose it
	 * without a word: ask first. */
	if (!ed->overwrite && store_disk_changed(&ed->info) == 1) {
		ed->prompt = EDITOR_PROMPT_CHANGED;
		editor_prompt_message(ed);
		return -1;
	}
	ed->overwrite = 0;
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

/* The open question in its longest form that fits: forms[0..n), longest
 * first, the first whose rows wrapped to the screen's width are no more
 * than rows (else the last). */
static void editor_ask(struct editor *ed, int error, char **forms, size_t n, int rows)
{
	size_t pick = n - 1;
	for (size_t i = 0; i + 1 < n; i++) {
		if (view_message_rows(ed->view, forms[i]) <= rows) {
			pick = i;
			break;
		}
	}
	editor_message(ed, error, "%s", forms[pick]);
	for (size_t i = 0; i < n; i++)
		free(forms[i]);
}

/* (Re)word the open question for the screen's width. */
static void editor_prompt_message(struct editor *ed)
{
	char *f[4];
	if (ed->prompt == EDITOR_PROMPT_QUIT) {
		char ks[40] = "", kq[40] = "";
		const char *k = keymap_key_for(ed->keymap, "save");
		if (k != NULL)
			editor_hint_key(k, ks, sizeof ks);
		k = keymap_key_for(ed->keymap, "quit");
		if (k != NULL)
			editor_hint_key(k, kq, sizeof kq);
		/* Because the whole question must be readable on one row, also
		 * on a narrow terminal. */
		f[0] = xasprintf("Unsaved changes. y%s%s: save and quit  n%s%s: quit without saving  "
				 "other keys: go back", *ks ? "/" : "", ks, *kq ? "/" : "", kq);
		f[1] = xstrdup("Unsaved changes. y: save and quit  n: quit without saving");
		f[2] = xstrdup("Unsaved changes! y: save+quit n: discard");
		f[3] = xstrdup("Save? y/n");
		editor_ask(ed, 0, f, 4, 1);
	} else if (ed->prompt == EDITOR_PROMPT_RECOVER) {
		/* Asked once, at the start: worth a few rows to name the copy. */
		const char *when = ed->recover_when != NULL ? ed->recover_when : "";
		f[0] = xasprintf("%s has unsaved changes from %s. r: restore them  d: delete the copy  "
				 "other keys: not now", ed->info.recover_path, when);
		f[1] = xasprintf("Unsaved changes from %s were kept. r: restore them  d: delete them  "
				 "other keys: not now", when);
		f[2] = xstrdup("Unsaved changes kept. r: restore d: delete");
		f[3] = xstrdup("Restore? r/d");
		editor_ask(ed, 1, f, 4, view_message_max_rows(ed->view));
	} else if (ed->prompt == EDITOR_PROMPT_SAVE_AS) {
		f[0] = xasprintf("Save as (Enter: save  Esc: cancel): %s", ed->input);
		f[1] = xasprintf("Save as: %s", ed->input);
		editor_ask(ed, 0, f, 2, view_message_max_rows(ed->view));
	} else if (ed->prompt == EDITOR_PROMPT_REPLACE) {
		f[0] = xasprintf("%s exists. y: replace it  other keys: do not save", ed->input);
		f[1] = xstrdup("Replace it? y/n");
		editor_ask(ed, 0, f, 2, view_message_max_rows(ed->view));
	} else if (ed->prompt == EDITOR_PROMPT_CHANGED) {
		f[0] = xasprintf("%s was changed outside mahdar since it was opened. r: reload it (your edits "
				 "are kept in a recovery copy)  o: overwrite it  s: save as another file  other "
				 "keys: do not save", ed->path);
		f[1] = xstrdup("Changed outside mahdar. r: reload  o: overwrite  s: save as");
		f[2] = xstrdup("Changed! r/o/s");
		editor_ask(ed, 1, f, 3, view_message_max_rows(ed->view));
	}
}

void editor_quit(struct editor *ed)
{
	if (!ed->doc->modified) {
		ed->quit = 1;
		return;
	}
	ed->prompt = EDITOR_PROMPT_QUIT;
	editor_prompt_message(ed);
}

void editor_page(struct editor *ed, char **lines, size_t n)
{
	for (size_t i = 0; i < ed->npage; i++)
		free(ed->page[i]);
	free(ed->page);
	ed->page = lines;
	ed->npage = n;
	ed->page_top = 0;
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
	if (ed->doc == NULL || !ed->doc->modified || ed->readonly)
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
	if (ed->readonly)	/* the copy is the other mahdar's */
		return;
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
		ed->keys_problems = cause;
	else
		free(cause);
	cause = NULL;
	ed->keys_user = editor_user_keys();
	if (ed->keys_user != NULL && fio_exists(ed->keys_user)) {
		r = keymap_load(ed->keymap, ed->keys_user, cmd_exists, &cause);
		if (r != 0 && ed->keys_problems != NULL) {
			char *both = xasprintf("%s\n%s", ed->keys_problems, cause);
			free(ed->keys_problems);
			ed->keys_problems = both;
		} else if (r != 0) {
			ed->keys_problems = xstrdup(cause);
		}
		free(cause);
	}
	if (ed->keys_problems != NULL) {
		const char *k = keymap_key_for(ed->keymap, "help");
		char *where = xasprintf("%s lists them", k != NULL ? k : "help");
		editor_message_lines(ed, 1, ed->keys_problems, where);
		free(where);
	}
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

/* Edit d (with info) instead of the document open now. */
static void editor_adopt(struct editor *ed, struct doc *d, struct store_info *info)
{
	int rows = ed->view->rows, cols = ed->view->cols;
	int logical = ed->edit->logical;
	edit_free(ed->edit);
	doc_free(ed->doc);
	view_free(ed->view);
	store_info_free(&ed->info);
	ed->doc = d;
	ed->info = *info;
	ed->view = view_new(ed->doc, rows, cols);
	view_set_flags(ed->view, ed->flags);
	ed->edit = edit_new(ed->doc, editor_layout, ed->view);
	ed->edit->logical = logical;
	ed->seen_gen = ed->recover_gen = d->gen;
	ed->pending_since_ms = 0;
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
	editor_adopt(ed, d, &info);
	editor_message(ed, 0, "Restored the unsaved changes from %s; save to keep them",
		       ed->info.recover_path);
}

/* Read the file again as it is on disk; unsaved edits are kept aside. */
static void editor_reload(struct editor *ed)
{
	char *where = NULL, *cause = NULL;
	struct store_info info;
	if (ed->doc->modified && store_recover_keep(ed->doc, &ed->info, &where, &cause) < 0) {
		editor_message(ed, 1, "Not reloaded (your edits could not be kept aside): %s", cause);
		free(cause);
		return;
	}
	struct doc *d = store_open(ed->path, 1, &info, &cause);
	if (d == NULL) {
		editor_message(ed, 1, "Not reloaded: %s", cause);
	} else {
		editor_adopt(ed, d, &info);
		if (where != NULL)
			editor_message(ed, 0, "Reloaded %s; your edits are kept in %s", ed->path, where);
		else
			editor_message(ed, 0, "Reloaded %s", ed->path);
	}
	free(where);
	free(cause);
}

/* Answers to the questions, from any keyboard: the Latin letter, the
 * letter the same key gives on the Arabic, Persian and Hebrew layouts,
 * and the initial of the answer's word in those languages.
 *
 *   quit, y (save, quit):    y Y  غ (y key, Arabic and Persian)  ט (y key, Hebrew)
 *                            ن (نعم)  ب (بله)  כ (כן)
 *   quit, n (quit, discard): n N  ى (n key, Arabic)  د (n key, Persian)  מ (n key, Hebrew)
 *                            ل (لا; the Arabic لا key too)  خ (خیر)  ל (לא)
 *   recovery, r (restore):   r R  ق (r key, Arabic and Persian)  ר (r key, Hebrew)
 *   recovery, d (delete):    d D  ي (d key, Arabic)  ی (d key, Persian)  ג (d key, Hebrew)
 *
 * The one clash: ن begins نعم (Arabic yes) and نه (Persian no).  Because
 * taking a "no" for a "yes" saves what was meant to be thrown away (and
 * the other way round loses words), ن counts as yes except in a Persian
 * document, where it answers nothing and the question is dropped. */
static const struct {
	int prompt;
	char answer;
	uint32_t cp;
} editor_answers[] = {
	{EDITOR_PROMPT_QUIT, 'y', 'y'}, {EDITOR_PROMPT_QUIT, 'y', 'Y'},
	{EDITOR_PROMPT_QUIT, 'y', 0x063A}, {EDITOR_PROMPT_QUIT, 'y', 0x05D8},
	{EDITOR_PROMPT_QUIT, 'y', 0x0646}, {EDITOR_PROMPT_QUIT, 'y', 0x0628},
	{EDITOR_PROMPT_QUIT, 'y', 0x05DB},
	{EDITOR_PROMPT_QUIT, 'n', 'n'}, {EDITOR_PROMPT_QUIT, 'n', 'N'},
	{EDITOR_PROMPT_QUIT, 'n', 0x0649}, {EDITOR_PROMPT_QUIT, 'n', 0x062F},
	{EDITOR_PROMPT_QUIT, 'n', 0x05DE}, {EDITOR_PROMPT_QUIT, 'n', 0x0644},
	{EDITOR_PROMPT_QUIT, 'n', 0x062E}, {EDITOR_PROMPT_QUIT, 'n', 0x05DC},
	{EDITOR_PROMPT_RECOVER, 'r', 'r'}, {EDITOR_PROMPT_RECOVER, 'r', 'R'},
	{EDITOR_PROMPT_RECOVER, 'r', 0x0642}, {EDITOR_PROMPT_RECOVER, 'r', 0x05E8},
	{EDITOR_PROMPT_RECOVER, 'd', 'd'}, {EDITOR_PROMPT_RECOVER, 'd', 'D'},
	{EDITOR_PROMPT_RECOVER, 'd', 0x064A}, {EDITOR_PROMPT_RECOVER, 'd', 0x06CC},
	{EDITOR_PROMPT_RECOVER, 'd', 0x05D2},
	/* changed outside: r reload, o overwrite, s save as (the same keys) */
	{EDITOR_PROMPT_CHANGED, 'r', 'r'}, {EDITOR_PROMPT_CHANGED, 'r', 'R'},
	{EDITOR_PROMPT_CHANGED, 'r', 0x0642}, {EDITOR_PROMPT_CHANGED, 'r', 0x05E8},
	{EDITOR_PROMPT_CHANGED, 'o', 'o'}, {EDITOR_PROMPT_CHANGED, 'o', 'O'},
	{EDITOR_PROMPT_CHANGED, 'o', 0x062E}, {EDITOR_PROMPT_CHANGED, 'o', 0x05DD},
	{EDITOR_PROMPT_CHANGED, 's', 's'}, {EDITOR_PROMPT_CHANGED, 's', 'S'},
	{EDITOR_PROMPT_CHANGED, 's', 0x0633}, {EDITOR_PROMPT_CHANGED, 's', 0x05D3},
};

int editor_answer(int prompt, const char *text, size_t len, int lang)
{
	uint32_t cp;
	if (text == NULL || len == 0 || ustr_decode(text, len, &cp) == 0 || cp == USTR_INVALID)
		return 0;
	if (cp == 0x0646 && lang == DOC_LANG_FA)
		return 0;
	if (prompt == EDITOR_PROMPT_REPLACE)	/* a yes-or-no question too */
		prompt = EDITOR_PROMPT_QUIT;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(editor_answers); i++)
		if (editor_answers[i].prompt == prompt && editor_answers[i].cp == cp)
			return editor_answers[i].answer;
	return 0;
}

static void editor_lock(struct editor *ed);

/* Save to name and make it the file being edited; on failure everything
 * stays as it was. */
static void editor_save_to(struct editor *ed, const char *name)
{
	struct store_info old = ed->info;
	const char *old_path = ed->path;
	char *where = NULL, *cause = NULL;
	store_info_init(&ed->info, name);
	ed->info.text_missing = !fio_exists(name);
	/* Because a sidecar already there belongs to the file being replaced
	 * (or to none), it is backed up before it is overwritten, like one
	 * that could not be read; a recovery copy there is set aside. */
	if (fio_exists(ed->info.side_path))
		ed->info.side = STORE_SIDE_BROKEN;
	if (ed->info.recover && store_recover_set_aside(&ed->info, &where, &cause) < 0) {
		editor_message(ed, 1, "Not saved: %s", cause);
		goto fail;
	}
	char *path = xstrdup(name);
	ed->path = path;
	ed->overwrite = 1;	/* replacing name was asked, or it is new */
	int was_readonly = ed->readonly;
	ed->readonly = 0;	/* a copy under another name is not the locked file */
	int r = editor_save(ed);
	if (r < 0) {
		ed->readonly = was_readonly;
		free(path);
		goto fail;
	}
	free(ed->path_own);
	ed->path_own = path;
	/* The lock goes with the name (a read-only copy saved elsewhere is
	 * the user's to edit). */
	lock_release(ed->lock);
	ed->lock = NULL;
	ed->readonly = 0;
	editor_lock(ed);
	/* The old file's recovery copy holds what is now saved here. */
	if (old.recover_path != NULL && !was_readonly)	/* else it is the other mahdar's */
		store_recover_drop(&old, NULL);
	store_info_free(&old);
	if (r == 0 && (ed->info.backup_path != NULL || where != NULL))	/* r == 1: keep its warning */
		editor_message(ed, 0, "Saved %s (what was there is kept as %s)", ed->path,
			       ed->info.backup_path != NULL ? ed->info.backup_path : where);
	free(where);
	free(cause);
	return;
fail:
	store_info_free(&ed->info);
	ed->info = old;
	ed->path = old_path;
	free(where);
	free(cause);
}

void editor_save_as(struct editor *ed)
{
	free(ed->input);
	ed->input = xstrdup(ed->path);
	ed->prompt = EDITOR_PROMPT_SAVE_AS;
	editor_prompt_message(ed);
}

/* The file name typed for save-as is complete. */
static void editor_save_as_done(struct editor *ed)
{
	ed->prompt = EDITOR_PROMPT_NONE;
	editor_message_clear(ed);
	if (ed->input[0] == '\0') {
		editor_message(ed, 0, "No file name: not saved");
	} else if (strcmp(ed->input, ed->path) != 0 && fio_exists(ed->input)) {
		ed->prompt = EDITOR_PROMPT_REPLACE;
		editor_prompt_message(ed);
	} else {
		editor_save_to(ed, ed->input);
	}
}

/* Typing a file name: text and pastes (their first line) add to it,
 * backspace takes back a character, newline is done, cancel (Esc) or quit
 * gives up; other keys do nothing. */
static void editor_input_event(struct editor *ed, const struct ui_event *ev)
{
	if (ev->type == UI_EV_TEXT || ev->type == UI_EV_PASTE) {
		struct buf b = BUF_INIT;
		buf_puts(&b, ed->input);
		for (size_t i = 0; i < ev->len && ev->text[i] != '\n' && ev->text[i] != '\r'; i++)
			if ((unsigned char)ev->text[i] >= 0x20 && ev->text[i] != 0x7f)
				buf_putc(&b, ev->text[i]);
		free(ed->input);
		ed->input = buf_steal(&b, NULL);
	} else if (ev->type == UI_EV_KEY) {
		const char *cmd = keymap_lookup(ed->keymap, ev->key);
		if (cmd == NULL)
			return;
		if (strcmp(cmd, "backspace") == 0) {
			size_t n = strlen(ed->input);
			ed->input[ustr_grapheme_prev(ed->input, n, n)] = '\0';
		} else if (strcmp(cmd, "newline") == 0) {
			editor_save_as_done(ed);
			return;
		} else if (strcmp(cmd, "cancel") == 0 || strcmp(cmd, "quit") == 0) {
			ed->prompt = EDITOR_PROMPT_NONE;
			editor_message(ed, 0, "Not saved");
			return;
		}
	}
	editor_prompt_message(ed);
}

static void editor_prompt_answer(struct editor *ed, const struct ui_event *ev)
{
	const char *cmd = ev->type == UI_EV_KEY ? keymap_lookup(ed->keymap, ev->key) : NULL;
	int c = ev->type == UI_EV_TEXT ? editor_answer(ed->prompt, ev->text, ev->len, doc_language(ed->doc)) : 0;
	int prompt = ed->prompt;
	ed->prompt = EDITOR_PROMPT_NONE;
	editor_message_clear(ed);
	if (prompt == EDITOR_PROMPT_REPLACE) {
		if (c == 'y')
			editor_save_to(ed, ed->input);
		else
			editor_message(ed, 0, "Not saved");
		return;
	}
	if (prompt == EDITOR_PROMPT_CHANGED) {
		if (c == 'r') {
			editor_reload(ed);
		} else if (c == 'o') {
			ed->overwrite = 1;
			editor_save(ed);
		} else if (c == 's') {
			editor_save_as(ed);
		} else {
			editor_message(ed, 0, "Not saved");
		}
		return;
	}
	if (prompt == EDITOR_PROMPT_RECOVER) {
		if (c == 'r')
			editor_restore(ed);
		else if (c == 'd')
			editor_recover_drop(ed);
		else
			editor_recover_set_aside(ed);
		return;
	}
	if (c == 'y' || (cmd != NULL && strcmp(cmd, "save") == 0)) {
		if (editor_save(ed) == 0)
			ed->quit = 1;
	} else if (c == 'n' || (cmd != NULL && strcmp(cmd, "quit") == 0)) {
		editor_recover_drop(ed);	/* a deliberate discard */
		ed->quit = 1;
	} else {
		editor_message(ed, 0, "Not quitting");
	}
}

/* At start: offer back the unsaved changes a killed mahdar left (the
 * question is worded once the screen's width is known). */
static void editor_offer_recovery(struct editor *ed)
{
	/* Because a live mahdar's copy is its own: never offered, never deleted. */
	if (ed->readonly)
		return;
	free(ed->recover_when);
	ed->recover_when = NULL;
	int r = store_recover_check(ed->doc, &ed->info, &ed->recover_when);
	if (r < 0)
		editor_message(ed, 1, "%s", ed->recover_when);
	if (r > 0)
		ed->prompt = EDITOR_PROMPT_RECOVER;
}

/* Keys while a page is shown: the motion commands scroll it, any other key
 * (or a click) closes it. */
static void editor_page_event(struct editor *ed, const struct ui_event *ev)
{
	static const struct {
		const char *cmd;
		int dir;	/* -1 back, +1 on */
		int unit;	/* 0 a row, 1 a screen, 2 all the way */
	} scroll[] = {{"up", -1, 0}, {"down", 1, 0}, {"page-up", -1, 1}, {"page-down", 1, 1},
		      {"doc-start", -1, 2}, {"doc-end", 1, 2}};
	int dir = 0, unit = 0;
	size_t screen = view_text_rows(ed->view) > 1 ? (size_t)view_text_rows(ed->view) - 1 : 1;
	if (ev->type == UI_EV_MOUSE && (ev->button == 3 || ev->button == 4)) {
		dir = ev->button == 3 ? -1 : 1;
		screen = 3;
		unit = 1;
	} else if (ev->type == UI_EV_KEY) {
		const char *cmd = keymap_lookup(ed->keymap, ev->key);
		for (size_t i = 0; cmd != NULL && i < UTIL_ARRAY_LEN(scroll); i++)
			if (strcmp(cmd, scroll[i].cmd) == 0)
				dir = scroll[i].dir, unit = scroll[i].unit;
	} else if (ev->type == UI_EV_PASTE || (ev->type == UI_EV_MOUSE && ev->action != UI_MOUSE_PRESS)) {
		return;	/* neither a key nor a click */
	}
	if (dir == 0) {
		editor_page(ed, NULL, 0);
		return;
	}
	/* Because the page's length in rows depends on the width, going too
	 * far down is clamped by view_render_page(). */
	size_t by = unit == 0 ? 1 : unit == 1 ? screen : SIZE_MAX / 2;
	if (dir < 0)
		ed->page_top = by > ed->page_top ? 0 : ed->page_top - by;
	else
		ed->page_top = by > SIZE_MAX / 2 - ed->page_top ? SIZE_MAX / 2 : ed->page_top + by;
}

static void editor_mouse(struct editor *ed, const struct ui_event *ev)
{
	struct edit_pos p;
	if (ev->button == 3 || ev->button == 4) {
		/* Because reading on while the cursor stays (with its selection)
		 * is what the wheel is for; the next key brings the view back. */
		view_scroll(ed->view, ev->button == 3 ? -3 : 3);
		ed->scrolled = 1;
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
	unsigned long gen = ed->doc->gen;
	if (cmd_run(ed, cmd) < 0)
		editor_message(ed, 1, "%s: no such command \"%s\"", key, cmd);
	if (ed->readonly && ed->doc->gen != gen) {	/* an edit: taken back */
		edit_undo(ed->edit);
		editor_message(ed, 1, "Read-only: %s is open in %s", ed->path, ed->lock_who);
	}
}

static void editor_event(struct editor *ed, const struct ui_event *ev)
{
	if (ev->type == UI_EV_QUIT_SIGNAL) {
		/* The unsaved text first, with the deadly signals held off until
		 * it is safely written (a closed terminal sends SIGHUP after
		 * the EOF that brought us here); then the terminal. */
		sigset_t deadly;
		sigemptyset(&deadly);
		sigaddset(&deadly, SIGHUP);
		sigaddset(&deadly, SIGTERM);
		sigaddset(&deadly, SIGINT);
		sigaddset(&deadly, SIGQUIT);
		sigprocmask(SIG_BLOCK, &deadly, NULL);
		char *cause = NULL;
		int keep = ed->doc->modified && !ed->readonly;
		int r = keep ? store_recover_write(ed->doc, &ed->info, &cause) : 0;
		ui_free(ed->ui);
		ed->ui = NULL;
		if (keep && r == 0)
			fprintf(stderr, "mahdar: unsaved changes written to %s\n", ed->info.recover_path);
		else if (r < 0)
			fprintf(stderr, "mahdar: could not write %s: %s\n", ed->info.recover_path, cause);
		free(cause);
		ed->quit = 1;
		ed->status = 128 + ev->sig;
		return;
	}
	if (ev->type == UI_EV_RESIZE) {
		ed->disk_check_ms = 0;	/* resumed, perhaps: look at the file again */
		int rows, cols;
		ui_size(ed->ui, &rows, &cols);
		view_resize(ed->view, rows, cols);
		return;
	}
	/* Because what cannot be seen must not be edited: while the screen
	 * is too small, keys and the mouse do nothing. */
	if (view_too_small(ed->view))
		return;
	if (ev->type != UI_EV_MOUSE || (ev->button != 3 && ev->button != 4))
		ed->scrolled = 0;
	if (ed->page != NULL) {
		editor_page_event(ed, ev);
		return;
	}
	if (ed->prompt == EDITOR_PROMPT_SAVE_AS) {
		if (ev->type != UI_EV_MOUSE)
			editor_input_event(ed, ev);
		return;
	}
	if (ed->prompt != EDITOR_PROMPT_NONE) {
		if (ev->type == UI_EV_KEY || ev->type == UI_EV_TEXT)
			editor_prompt_answer(ed, ev);
		return;	/* no paste or click while a question is open */
	}
	if (ev->type != UI_EV_MOUSE)
		editor_message_clear(ed);
	if (ed->readonly && (ev->type == UI_EV_TEXT || ev->type == UI_EV_PASTE)) {
		editor_message(ed, 1, "Read-only: %s is open in %s", ed->path, ed->lock_who);
		return;
	}
	switch (ev->type) {
	case UI_EV_KEY:
		editor_key(ed, ev->key);
		break;
	case UI_EV_TEXT:
		edit_type(ed->edit, ev->text, ev->len);
		break;
	case UI_EV_PASTE: {
		size_t nul = edit_insert_text(ed->edit, ev->text, ev->len);
		if (nul > 0)
			editor_message(ed, 0, "Pasted without its %zu NUL byte%s (a text file cannot hold them)",
				       nul, nul == 1 ? "" : "s");
		break;
	}
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
	if (ed->prompt != EDITOR_PROMPT_NONE)
		editor_prompt_message(ed);	/* the width may have changed */
	view_set_message(v, ed->msg);
	if (ed->page != NULL) {
		ui_draw(ed->ui, view_render_page(v, (const char *const *)ed->page, ed->npage, &ed->page_top,
						 " mahdar help", "Arrows, PageUp, PageDown: scroll   "
						 "any other key: back to the text"));
		return;
	}
	ed->edit->page_rows = view_text_rows(v) > 1 ? view_text_rows(v) - 1 : 1;
	if (!view_too_small(v) && !ed->scrolled)
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
		.msg_cursor = ed->prompt == EDITOR_PROMPT_SAVE_AS,
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

/* Take the file's lock; a file another mahdar has open is read-only. */
static void editor_lock(struct editor *ed)
{
	char *who = NULL;
	int r = lock_take(ed->path, &ed->lock, &who);
	int was = ed->readonly;
	ed->readonly = r == LOCK_HELD;
	if (r == LOCK_HELD && !was) {
		free(ed->lock_who);
		ed->lock_who = who;
		editor_message(ed, 1, "%s is open in %s; opened read-only (save-as keeps a copy)", ed->path,
			       who);
		return;
	}
	if (r != LOCK_HELD && was) {
		editor_message(ed, 0, "%s is no longer open elsewhere: you can edit it now", ed->path);
		ed->info.recover = fio_exists(ed->info.recover_path);
		editor_offer_recovery(ed);
	}
	free(who);
}

/* The idle look at the disk: an outside change is told at once (and the
 * journal, whose base it was, starts again from the whole text); a
 * read-only editor takes the file once the other mahdar is gone. */
static void editor_check_disk(struct editor *ed)
{
	if (ed->readonly) {
		editor_lock(ed);
		return;
	}
	int r = store_disk_changed(&ed->info);
	if (r == 0 || ed->info.disk_reported)
		return;
	ed->info.disk_reported = 1;
	ed->info.journal_inline = 1;
	if (ed->doc->modified)
		editor_autosave(ed);
	if (ed->prompt == EDITOR_PROMPT_NONE)
		editor_message(ed, 1, r == 2 ? "%s was deleted outside mahdar; saving writes it again" :
				      "%s was changed outside mahdar; saving will ask what to do", ed->path);
}

/* Milliseconds until the next background job is due (-1: none), and run
 * the ones that are due now. */
static int editor_background(struct editor *ed, int due_only)
{
	long long now = editor_now_ms(), wait = -1;
	/* What the editor needs of the minutes structure between saves is
	 * the document's language and direction (the direction of lines with
	 * no letters); the title and headings are drawn bold from their own
	 * bytes (txt_line_kind).  Because analysing costs O(document), it
	 * waits until the typist pauses, and only while the document is small
	 * enough to be analysed without a noticeable wait: in a longer one a
	 * few edits cannot change the language, and a key pressed during the
	 * analysis would wait for it (200,000 lines: over 100 ms).  A save
	 * analyses any document. */
	if (ed->doc->stale && ed->doc->nlines <= EDITOR_ANALYSE_LINES) {
		long long at = ed->last_change_ms + EDITOR_ANALYSE_MS;
		if (at <= now && due_only)
			txt_analyse(ed->doc);
		else
			wait = at - now;
	}
	if (now - ed->disk_check_ms >= EDITOR_DISK_CHECK_MS && due_only) {
		ed->disk_check_ms = now;
		editor_check_disk(ed);
	}
	long long disk_at = ed->disk_check_ms + EDITOR_DISK_CHECK_MS - now;
	if (disk_at < 0)
		disk_at = 0;
	if (wait < 0 || disk_at < wait)
		wait = disk_at;
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
	lock_release(ed->lock);
	free(ed->lock_who);
	free(ed->msg);
	free(ed->hints);
	free(ed->keys_user);
	free(ed->keys_problems);
	free(ed->recover_when);
	free(ed->input);
	free(ed->path_own);
	editor_page(ed, NULL, 0);
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
	if (ed.info.side_msg != NULL && ed.msg == NULL) {
		char *where = xasprintf("mahdar check %s", path);
		editor_message_lines(&ed, ed.info.side == STORE_SIDE_BROKEN, ed.info.side_msg, where);
		free(where);
	}
	else if (ed.info.text_missing && ed.msg == NULL)
		editor_message(&ed, 0, "New file: %s", path);
	editor_lock(&ed);
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
