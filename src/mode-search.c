/* mode-search: Ctrl-F search and Ctrl-R replace, as modes over the text.
 *
 * Data model: the typed term (a line input, with the "[prompt]" commands),
 * the position the search started from (Esc goes back there), the current
 * match, a find in progress (struct search_scan) and the count of all
 * matches (struct search).  Typing only changes the input; the search runs
 * in the mode's tick, before each frame, in slices of a few milliseconds,
 * so the prompt answers at once even in a 200,000-line document and the
 * count ("3 of 17") fills in over the next frames.  Replace is the same
 * mode under another name (its Enter asks for the replacement), then a
 * y/n/a/q question per match; "a" replaces the rest as one undo step. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/mode.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/input.h"
#include "mahdar/keymap.h"
#include "mahdar/search.h"
#include "mahdar/ui.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A tick works this long at most ... */
#define MODE_SEARCH_BUDGET_NS 3000000L
/* ... in slices of this many lines. */
#define MODE_SEARCH_SLICE 500

struct mode_search {
	struct mode *mode;
	int replace;			/* Ctrl-R: the mode named "replace" */
	struct input in;
	struct view_input shown;
	char *label, *note;
	int exact;
	struct edit_pos origin;		/* where the search started */
	unsigned long term_gen;		/* in.gen the search was made for */
	int term_exact;			/* and its exact */
	struct search *s;		/* NULL: no term */
	struct search_scan scan;
	int found;
	size_t line, start, end;	/* the current match, when found */
	int wrapped;			/* the find that found it went round: +1 past the end, -1 the start */
	/* Replacing. */
	char *with;
	struct edit_pos stop;		/* where the walk round the document ends */
	int walked_round;		/* a find went past the end since the walk began */
	size_t replaced;
};

static long long mode_search_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct input *mode_search_input(struct mode *m)
{
	return &((struct mode_search *)m->state)->in;
}

/* The term or the exact switch changed: search again from the start point. */
static void mode_search_restart(struct editor *ed, struct mode_search *ms)
{
	search_free(ms->s);
	ms->s = NULL;
	ms->found = 0;
	ms->wrapped = 0;
	ms->scan.active = 0;
	ms->term_gen = ms->in.gen;
	ms->term_exact = ms->exact;
	if (input_len(&ms->in) > 0) {
		ms->s = search_new(input_text(&ms->in), input_len(&ms->in), ms->exact);
		search_scan_start(&ms->scan, ms->origin.line, ms->origin.off, 1);
	}
	edit_set_cursor(editor_edit(ed), ms->origin, 0);
}

/* Look for the next (dir > 0) or previous match from the current one (or
 * the start point). */
static void mode_search_step(struct mode_search *ms, int dir)
{
	if (ms->s == NULL)
		return;
	if (ms->found)
		search_scan_start(&ms->scan, ms->line, dir > 0 ? ms->end : ms->start, dir);
	else
		search_scan_start(&ms->scan, ms->origin.line, ms->origin.off, dir);
}

static int mode_search_tick(struct editor *ed, struct mode *m)
{
	struct mode_search *ms = m->state;
	const struct doc *d = buffer_doc(editor_buffer(ed));
	if (ms->term_gen != ms->in.gen || ms->term_exact != ms->exact)
		mode_search_restart(ed, ms);
	if (ms->s == NULL)
		return -1;
	long long t0 = mode_search_ns();
	while (ms->scan.active && mode_search_ns() - t0 < MODE_SEARCH_BUDGET_NS) {
		size_t line, a, b;
		int r = search_scan_step(ms->s, d, &ms->scan, MODE_SEARCH_SLICE, &line, &a, &b);
		if (r == 1) {
			ms->found = 1;
			ms->line = line, ms->start = a, ms->end = b;
			ms->wrapped = ms->scan.wrapped ? ms->scan.dir : 0;
			edit_set_cursor(editor_edit(ed), (struct edit_pos){line, a}, 0);
		} else if (r == 0) {
			ms->found = 0;
		}
		if (r >= 0)
			editor_changed(ed);
	}
	while (!search_counted(ms->s, d) && mode_search_ns() - t0 < MODE_SEARCH_BUDGET_NS)
		if (search_count_step(ms->s, d, MODE_SEARCH_SLICE))
			editor_changed(ed);
	return ms->scan.active || !search_counted(ms->s, d) ? 0 : -1;
}

/* "3 of 17", and whether the last find went round the end. */
static char *mode_search_note(struct mode_search *ms, const struct doc *d)
{
	if (ms->s == NULL)
		return NULL;
	if (ms->scan.active)
		return xstrdup(_("searching…"));
	if (!ms->found)
		return xstrdup(_("no match"));
	size_t i = search_index(ms->s, d, ms->line, ms->start), n = search_total(ms->s);
	if (i == 0)
		return xstrdup(_("counting…"));
	if (!search_counted(ms->s, d))
		return xasprintf(_("%zu of %zu or more"), i, n);
	if (ms->wrapped > 0)
		return xasprintf(_("%zu of %zu, wrapped to the top"), i, n);
	if (ms->wrapped < 0)
		return xasprintf(_("%zu of %zu, wrapped to the bottom"), i, n);
	return xasprintf(_("%zu of %zu"), i, n);
}

struct mode_search_spans {
	struct view_frame *f;
	size_t line;
};

static void mode_search_span(void *ctx, size_t start, size_t end)
{
	struct mode_search_spans *sp = ctx;
	view_frame_span(sp->f, sp->line, start, sp->line, end, VIEW_A_MATCH);
}

/* Highlight the matches on lines [from, to). */
static void mode_search_mark(struct mode_search *ms, const struct doc *d, size_t from, size_t to,
			     struct view_frame *f)
{
	struct mode_search_spans sp = {f, 0};
	for (size_t l = from; l < to && l < d->nlines; l++) {
		sp.line = l;
		search_line(ms->s, d, l, mode_search_span, &sp);
	}
}

static void mode_search_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_search *ms = m->state;
	const struct doc *d = buffer_doc(editor_buffer(ed));
	struct view *v = editor_view(ed);
	const char *k = keymap_key_for_mode(editor_keymap(ed), "search", "search-exact");
	char key[40] = "";
	if (k != NULL)
		keymap_hint(k, key, sizeof key);
	free(ms->label);
	if (ms->replace)
		ms->label = xasprintf(ms->exact ? _("Replace, exact (%s: loose): ") : _("Replace (%s: exact): "), key);
	else
		ms->label = xasprintf(ms->exact ? _("Search, exact (%s: loose): ") : _("Search (%s: exact): "), key);
	free(ms->note);
	ms->note = mode_search_note(ms, d);
	ms->shown = (struct view_input){ms->label, NULL, input_text(&ms->in), input_len(&ms->in), ms->in.cur,
					ms->note, 0};
	f->input = &ms->shown;
	if (ms->s == NULL)
		return;
	/* Because the view scrolls to the cursor only after the modes have
	 * drawn, the lines a screen around the cursor and the current top
	 * are the ones that can be on screen. */
	size_t h = (size_t)view_text_rows(v) + 1, cur = f->cur_line;
	size_t a0 = cur > h ? cur - h : 0, a1 = cur + h, b0 = v->top_line, b1 = v->top_line + h;
	mode_search_mark(ms, d, a0, a1, f);
	if (b1 <= a0 || b0 >= a1)
		mode_search_mark(ms, d, b0, b1, f);
	if (ms->found)
		view_frame_span(f, ms->line, ms->start, ms->line, ms->end, VIEW_A_CURRENT);
}

/* Leave the search: the cursor stays on the match (back == 0) or goes
 * back to where the search started. */
static void mode_search_leave(struct editor *ed, struct mode *m, int back)
{
	struct mode_search *ms = m->state;
	if (back)
		edit_set_cursor(editor_edit(ed), ms->origin, 0);
	if (input_len(&ms->in) > 0)
		input_history_add(editor_history(ed, "search"), input_text(&ms->in));
	editor_pop(ed, m);
}

/* A key neither the search nor the prompt binds (Ctrl-S, PageDown…):
 * the search ends there, the cursor on the match, and the key does its
 * job in the text. */
static int mode_search_key(struct editor *ed, struct mode *m, const char *key)
{
	(void)key;
	mode_search_leave(ed, m, 0);
	return 0;
}

static int mode_search_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)ed, (void)paste;
	input_insert(&((struct mode_search *)m->state)->in, s, len);
	return 1;
}

/* The wheel scrolls the text under the search; a click ends the search
 * (the cursor on the match) and then places the cursor. */
static int mode_search_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	if (ev->button != 3 && ev->button != 4)
		mode_search_leave(ed, m, 0);
	return 0;
}

static void mode_search_cancel(struct editor *ed, struct mode *m)
{
	mode_search_leave(ed, m, 1);
}

static void mode_search_free(void *state)
{
	struct mode_search *ms = state;
	input_free(&ms->in);
	search_free(ms->s);
	free(ms->label);
	free(ms->note);
	free(ms->with);
	free(ms);
}

/* ------------------------------------------------------------ replacing */

static void mode_search_replace_ask(struct editor *ed, struct mode_search *ms);

/* The replacing is over: say how much, end the mode. */
static void mode_search_replace_end(struct editor *ed, struct mode_search *ms)
{
	size_t n = ms->replaced;
	editor_pop(ed, ms->mode);
	if (n == 0)
		editor_message(ed, 0, _("Nothing replaced"));
	else if (n == 1)
		editor_message(ed, 0, _("Replaced 1 match"));
	else
		editor_message(ed, 0, _("Replaced %zu matches"), n);
}

/* The next match from (line, off) that is not past the stop: 1, or 0. */
static int mode_search_replace_next(struct editor *ed, struct mode_search *ms, size_t line, size_t off)
{
	const struct doc *d = buffer_doc(editor_buffer(ed));
	struct search_scan sc;
	size_t l, a, b;
	search_scan_start(&sc, line, off, 1);
	if (search_scan_step(ms->s, d, &sc, (size_t)-1, &l, &a, &b) != 1)
		return 0;
	ms->walked_round |= sc.wrapped;
	if (ms->walked_round && (l > ms->stop.line || (l == ms->stop.line && a >= ms->stop.off)))
		return 0;
	ms->line = l, ms->start = a, ms->end = b;
	ms->found = 1;
	edit_set_cursor(editor_edit(ed), (struct edit_pos){l, a}, 0);
	return 1;
}

/* Replace the current match; the walk goes on after the new text. */
static void mode_search_replace_one(struct editor *ed, struct mode_search *ms)
{
	size_t wlen = strlen(ms->with);
	edit_replace_range(editor_edit(ed), (struct edit_pos){ms->line, ms->start},
			   (struct edit_pos){ms->line, ms->end}, ms->with, wlen);
	if (ms->walked_round && ms->line == ms->stop.line && ms->start < ms->stop.off)
		ms->stop.off = ms->stop.off + wlen - (ms->end - ms->start);
	ms->end = ms->start + wlen;
	ms->replaced++;
}

static size_t mode_search_replace_words(struct editor *ed, void *ctx, char *f[4])
{
	(void)ed, (void)ctx;
	f[0] = xstrdup(_("Replace this match? y: replace it  n: skip it  a: this and all the rest  q: stop"));
	f[1] = xstrdup(_("Replace? y: yes  n: skip  a: all  q: stop"));
	f[2] = xstrdup(_("Replace? y/n/a/q"));
	return 3;
}

static void mode_search_replace_done(struct editor *ed, int answer, void *ctx)
{
	struct mode_search *ms = ctx;
	struct edit *e = editor_edit(ed);
	if (answer == 'a') {
		edit_group_begin(e);
		do
			mode_search_replace_one(ed, ms);
		while (mode_search_replace_next(ed, ms, ms->line, ms->end));
		edit_group_end(e);
		mode_search_replace_end(ed, ms);
		return;
	}
	if (answer != 'y' && answer != 'n') {
		mode_search_replace_end(ed, ms);
		return;
	}
	if (answer == 'y')
		mode_search_replace_one(ed, ms);
	if (mode_search_replace_next(ed, ms, ms->line, ms->end))
		mode_search_replace_ask(ed, ms);
	else
		mode_search_replace_end(ed, ms);
}

static void mode_search_replace_ask(struct editor *ed, struct mode_search *ms)
{
	mode_ask_open(ed, MODE_ASK_REPLACE, 0, 1, mode_search_replace_words, mode_search_replace_done, ms, NULL);
}

/* The replacement is typed (NULL: Esc, back to the term). */
static void mode_search_with_done(struct editor *ed, const char *text, void *ctx)
{
	struct mode_search *ms = ctx;
	if (text == NULL)
		return;
	free(ms->with);
	ms->with = xstrdup(text);
	ms->stop = (struct edit_pos){ms->line, ms->start};
	ms->walked_round = 0;
	ms->replaced = 0;
	mode_search_replace_ask(ed, ms);
}

/* Enter in replace: the term is complete, ask what to put instead. */
static void mode_search_accept(struct editor *ed, struct mode *m)
{
	struct mode_search *ms = m->state;
	if (!ms->replace) {
		mode_search_leave(ed, m, 0);
		return;
	}
	mode_search_tick(ed, m);
	if (ms->scan.active) {
		editor_message(ed, 0, _("Still searching; press Enter again in a moment."));
		return;
	}
	if (!ms->found) {
		editor_message(ed, 0, _("Nothing to replace: no match."));
		return;
	}
	input_history_add(editor_history(ed, "search"), input_text(&ms->in));
	mode_prompt_open(ed, _("Replace with: "), NULL, "", "replace-with", mode_search_with_done, ms);
}

/* Search and replace differ only in their name and key tables. */
#define MODE_SEARCH_OPS(NAME, T0, T1, T2) { \
	.name = NAME, .tables = {T0, T1, T2}, .key = mode_search_key, .text = mode_search_text, \
	.mouse = mode_search_mouse, .tick = mode_search_tick, .draw = mode_search_draw, \
	.input = mode_search_input, .accept = mode_search_accept, .cancel = mode_search_cancel, \
	.free = mode_search_free, \
}

static const struct mode_ops mode_search_ops = MODE_SEARCH_OPS("search", "search", "prompt", NULL);
static const struct mode_ops mode_replace_ops = MODE_SEARCH_OPS("replace", "replace", "search", "prompt");

void mode_search_open(struct editor *ed, int replace)
{
	struct mode_search *ms = xcalloc(1, sizeof *ms);
	struct edit *e = editor_edit(ed);
	ms->replace = replace;
	input_init(&ms->in, NULL, editor_history(ed, "search"));
	ms->origin = e->cur;
	ms->term_gen = ms->in.gen;
	edit_select_none(e);
	ms->mode = editor_push(ed, replace ? &mode_replace_ops : &mode_search_ops, ms);
}

/* ------------------------------------------------------------ commands */

static int mode_search_is(const struct mode *m)
{
	return m->ops == &mode_search_ops || m->ops == &mode_replace_ops;
}

enum { MODE_SEARCH_FIND, MODE_SEARCH_REPLACE, MODE_SEARCH_NEXT, MODE_SEARCH_PREV, MODE_SEARCH_EXACT,
       MODE_SEARCH_DONE };

static int mode_search_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (arg == MODE_SEARCH_FIND || arg == MODE_SEARCH_REPLACE) {
		if (arg == MODE_SEARCH_REPLACE && buffer_readonly(editor_buffer(ed)))
			return cmd_error(error, _("%s is open read-only."), buffer_path(editor_buffer(ed)));
		mode_search_open(ed, arg == MODE_SEARCH_REPLACE);
		return CMD_OK;
	}
	if (!mode_search_is(m))
		return cmd_error(error, _("No search is open (Ctrl-F starts one)."));
	struct mode_search *ms = m->state;
	switch (arg) {
	case MODE_SEARCH_NEXT:
	case MODE_SEARCH_PREV:
		/* Ctrl-F Ctrl-F: the term searched for last. */
		if (input_len(&ms->in) == 0 && input_history_walk(&ms->in, -1) == 0)
			return CMD_OK;
		mode_search_tick(ed, m);
		mode_search_step(ms, arg == MODE_SEARCH_NEXT ? 1 : -1);
		break;
	case MODE_SEARCH_EXACT:
		ms->exact = !ms->exact;
		break;
	case MODE_SEARCH_DONE:
		mode_search_leave(ed, m, 0);
		break;
	}
	return CMD_OK;
}

static const struct cmd mode_search_open_cmds[] = {
	{"search", "Search as you type, from the cursor (script-aware: harakat, niqqud, letter forms)",
	 mode_search_cmd, MODE_SEARCH_FIND},
	{"replace", "Replace: the term, Enter, the new text, Enter, then y/n/a/q per match",
	 mode_search_cmd, MODE_SEARCH_REPLACE},
};

const struct cmd *mode_search_open_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_search_open_cmds);
	return mode_search_open_cmds;
}

static const struct cmd mode_search_cmds[] = {
	{"search-next", "The next match (wraps round the end)", mode_search_cmd, MODE_SEARCH_NEXT},
	{"search-prev", "The previous match (wraps round the start)", mode_search_cmd, MODE_SEARCH_PREV},
	{"search-exact", "Search exactly as typed, or script-aware again", mode_search_cmd, MODE_SEARCH_EXACT},
	{"search-done", "End the search with the cursor on the match", mode_search_cmd, MODE_SEARCH_DONE},
};

const struct cmd *mode_search_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_search_cmds);
	return mode_search_cmds;
}
