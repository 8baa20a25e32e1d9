/* editor: the loop — event -> top mode -> command; frame -> view -> ui.
 *
 * Data model (editor-int.h; its accessors, message line, mode stack, keys
 * and buffer are in editor-state.c): struct editor holds one buffer (buffer.c), its view, the
 * keymap, the terminal, the message line and a stack of modes (mode.h)
 * with text editing at the bottom.  The loop takes every event that is
 * already waiting (a whole bracketed paste, a burst of typing), applies
 * each, and only then builds one frame and draws it, so typing fast never
 * waits for the screen.  Keys become commands only through the keymap;
 * this file holds no key codes and knows no mode but the text one. */
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

/* Because the out-of-memory hook takes no argument, it finds the editor here. */
static struct editor *editor_current;

/* ------------------------------------------------------------ events */

/* A key: the first table that binds it, top mode first; else the first
 * mode whose key handler takes it. */
static void editor_key(struct editor *ed, const char *key)
{
	/* Because a handler may pop its mode, the next one down is taken first. */
	for (struct mode *m = ed->top, *below; m != NULL; m = below) {
		below = m->below;
		for (size_t t = 0; t < UTIL_ARRAY_LEN(m->ops->tables) && m->ops->tables[t] != NULL; t++) {
			const char *cmd = keymap_lookup_mode(ed->keymap, m->ops->tables[t], key);
			if (cmd == NULL)
				continue;
			char *error = NULL;
			if (cmd_run(ed, m, cmd, &error) != CMD_OK)
				editor_message(ed, 1, "%s", error != NULL ? error : cmd);
			free(error);
			return;
		}
		if (m->ops->key != NULL && m->ops->key(ed, m, key))
			return;
	}
	editor_message(ed, 0, _("%s is not bound to a command"), key);
}

/* Because the terminal is given back first, this may print. */
static void editor_recover_now(struct editor *ed)
{
	char *cause = NULL;
	int r = ed->buf != NULL ? buffer_recover_write(ed->buf, &cause) : 0;
	if (r > 0)
		fprintf(stderr, _("mahdar: unsaved changes written to %s\n"), buffer_info(ed->buf)->recover_path);
	else if (r < 0)
		fprintf(stderr, _("mahdar: could not write %s: %s\n"), buffer_info(ed->buf)->recover_path, cause);
	free(cause);
}

void editor_event(struct editor *ed, const struct ui_event *ev)
{
	if (ev->type == UI_EV_QUIT_SIGNAL) {
		/* The unsaved text first, with the deadly signals held off until
		 * it is safely written (a closed terminal sends SIGHUP after the
		 * end of input that brought us here); then the terminal. */
		sigset_t deadly;
		sigemptyset(&deadly);
		sigaddset(&deadly, SIGHUP);
		sigaddset(&deadly, SIGTERM);
		sigaddset(&deadly, SIGINT);
		sigaddset(&deadly, SIGQUIT);
		sigprocmask(SIG_BLOCK, &deadly, NULL);
		char *cause = NULL;
		int r = ed->buf != NULL ? buffer_recover_write(ed->buf, &cause) : 0;
		ui_free(ed->ui);
		ed->ui = NULL;
		if (r > 0)
			fprintf(stderr, _("mahdar: unsaved changes written to %s\n"), buffer_info(ed->buf)->recover_path);
		else if (r < 0)
			fprintf(stderr, _("mahdar: could not write %s: %s\n"), buffer_info(ed->buf)->recover_path, cause);
		free(cause);
		editor_quit_now(ed, 128 + ev->sig);
		return;
	}
	if (ev->type == UI_EV_RESIZE) {
		int rows, cols;
		buffer_watch_soon(ed->buf);	/* resumed, perhaps: look at the file again */
		if (ed->ui != NULL) {
			ui_size(ed->ui, &rows, &cols);
			editor_resize(ed, rows, cols);
		}
		return;
	}
	/* Because what cannot be seen must not be edited: while the screen
	 * is too small, keys and the mouse do nothing. */
	if (view_too_small(ed->view))
		return;
	if (ev->type != UI_EV_MOUSE || (ev->button != 3 && ev->button != 4))
		ed->scrolled = 0;
	if (ev->type != UI_EV_MOUSE)
		editor_message_clear(ed);
	ed->tick_wait = 0;	/* what a mode does with the event may give it work */
	if (cmd_input_event(ed, ev))
		return;
	if (ev->type == UI_EV_KEY) {
		editor_key(ed, ev->key);
		return;
	}
	for (struct mode *m = ed->top, *below; m != NULL; m = below) {
		below = m->below;
		int taken = 0;
		if (ev->type == UI_EV_TEXT || ev->type == UI_EV_PASTE)
			taken = m->ops->text != NULL && m->ops->text(ed, m, ev->text, ev->len, ev->type == UI_EV_PASTE);
		else if (ev->type == UI_EV_MOUSE)
			taken = m->ops->mouse != NULL && m->ops->mouse(ed, m, ev);
		if (taken)
			return;
	}
}

/* ------------------------------------------------------------ frames */

void editor_resize(struct editor *ed, int rows, int cols)
{
	view_resize(ed->view, rows, cols);
}

const struct view_grid *editor_frame(struct editor *ed)
{
	struct view *v = ed->view;
	struct edit *e = editor_edit(ed);
	struct view_frame f = {
		.st = {.name = buffer_path(ed->buf), .modified = buffer_modified(ed->buf),
		       .readonly = buffer_readonly(ed->buf), .msg = ed->msg, .msg_error = ed->msg_error},
		.cur_line = e->cur.line,
		.cur_off = e->cur.off,
	};
	mode_draw_all(ed->top, ed, &f);
	f.st.hints = cmd_input_hints(ed, f.st.hints);
	view_set_message(v, f.input != NULL ? "" : f.st.msg);
	edit_set_page_rows(e, view_text_rows(v) > 1 ? view_text_rows(v) - 1 : 1);
	if (!view_too_small(v) && !ed->scrolled && f.page == NULL)
		view_follow(v, f.cur_line, f.cur_off);
	f.st.line = f.cur_line + 1;
	f.st.col = view_column(v, f.cur_line, f.cur_off) + 1;
	f.st.rtl = view_layout(v, f.cur_line)->dir == LAYOUT_RTL;
	const struct view_grid *g = view_render_frame(v, &f);
	view_frame_free(&f);
	return g;
}

static long long editor_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int editor_background(struct editor *ed, int due_only)
{
	char *cause = NULL;
	int wait;
	/* Because the frame that shows a typed key is drawn before the modes'
	 * slices run, a search never delays the echo of its own term. */
	if (due_only)
		ed->tick_wait = mode_tick_all(ed->top, ed);
	editor_trace_mark(ed->trace, "ticks");
	int stale = buffer_doc(ed->buf)->stale;
	if (buffer_background(ed->buf, editor_now_ms(), due_only, &wait, &cause) < 0)
		editor_message(ed, 1, _("Recovery copy not written: %s"), cause);
	if (stale && !buffer_doc(ed->buf)->stale) {
		ed->changed = 1;	/* analysed: what the modes draw from the structure may differ */
		editor_trace_note(ed->trace, "analysed");
	}
	editor_trace_mark(ed->trace, "buffer");
	free(cause);
	/* The file on disk: changed by another program, or free again. */
	char *msg = NULL;
	int watch_wait, w = buffer_watch(ed->buf, editor_now_ms(), due_only, &watch_wait, &msg);
	if (w != 0 && ed->top != NULL && ed->top->ops == mode_text())	/* not over a question */
		editor_message(ed, 1, "%s", msg);
	if (w != 0)
		ed->changed = 1;
	if (w == BUFFER_TAKEN_OVER)
		cmd_file_opened(ed);	/* may offer the other mahdar's recovery copy */
	free(msg);
	editor_trace_mark(ed->trace, "watch");
	if (wait < 0 || watch_wait < wait)
		wait = watch_wait;
	if (ed->tick_wait >= 0 && (wait < 0 || ed->tick_wait < wait))
		wait = ed->tick_wait;
	return wait;
}

/* ------------------------------------------------------------ lifecycle */

static void editor_oom(void)
{
	struct editor *ed = editor_current;
	if (ed == NULL)
		return;
	ui_free(ed->ui);
	ed->ui = NULL;
	editor_recover_now(ed);
}

/* Between slices of background work a frame is drawn only when a mode
 * says the screen changed (a match found) or every EDITOR_IDLE_FRAME_MS
 * (a count going on), because drawing after every slice would double
 * the time a long search takes. */
#define EDITOR_IDLE_FRAME_MS 50

static void editor_loop(struct editor *ed)
{
	struct ui_event ev;
	long long drawn = 0;
	while (!ed->quit) {
		/* A turn: what came (or the background work due), then the
		 * frame, up to the next wait (traced: editor-trace.c). */
		if (ed->changed || editor_now_ms() - drawn >= EDITOR_IDLE_FRAME_MS) {
			const struct view_grid *g = editor_frame(ed);
			editor_trace_mark(ed->trace, "frame");
			ui_draw(ed->ui, g);
			editor_trace_mark(ed->trace, "draw");
			drawn = editor_now_ms();
			ed->changed = 0;
		}
		int wait = editor_background(ed, 0);
		editor_trace_end(ed->trace);
		int got = ui_next(ed->ui, &ev, wait);
		editor_trace_begin(ed->trace);
		if (got <= 0) {
			/* A mode whose slices change the screen says so
			 * (editor_changed): a key with no background work is
			 * drawn once, not a second time after its slice. */
			editor_background(ed, 1);
			continue;
		}
		ed->changed = 1;
		int n = 1;
		editor_event(ed, &ev);
		/* Drain what is already waiting before drawing again. */
		while (!ed->quit && ui_next(ed->ui, &ev, 0) > 0) {
			editor_event(ed, &ev);
			n++;
		}
		buffer_note_change(ed->buf, editor_now_ms());
		editor_trace_mark(ed->trace, "events");
		editor_trace_note(ed->trace, "%d events", n);
	}
	editor_trace_end(ed->trace);
}

int editor_run(const char *path, const struct editor_opts *opts)
{
	char *cause = NULL;
	struct editor *ed = NULL;
	if (ui_check(&cause) < 0 || (ed = editor_new(opts, &cause)) == NULL || editor_open(ed, path, &cause) < 0 ||
	    (ed->ui = ui_new(opts->term_bidi, &cause)) == NULL) {
		fprintf(stderr, "mahdar: %s\n", cause);
		free(cause);
		editor_free(ed);
		return 1;
	}
	editor_current = ed;
	ed->trace = editor_trace_open();
	util_set_oom_hook(editor_oom);
	int rows, cols;
	ui_size(ed->ui, &rows, &cols);
	editor_resize(ed, rows, cols);
	editor_loop(ed);
	int status = ed->status;
	editor_trace_free(ed->trace);
	ed->trace = NULL;
	editor_current = NULL;
	util_set_oom_hook(NULL);
	editor_free(ed);
	return status;
}

