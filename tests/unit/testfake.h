/* testfake: the editor driven without a terminal — a fake ui that hands
 * made-up events to editor_event(), the entry point the real loop uses,
 * and reads the grid editor_frame() builds (test_modes, test_browse). */
#ifndef MAHDAR_TESTFAKE_H
#define MAHDAR_TESTFAKE_H

#include "testutil.h"
#include "testfs.h"
#include "testgrid.h"

#include "mahdar/buffer.h"
#include "mahdar/editor.h"
#include "mahdar/ui.h"
#include "mahdar/view.h"
#include <time.h>

/* ---- the fake ui ---- */

struct fake {
	struct editor_opts opts;
	char keys[4096];
	struct editor *ed;
	const struct view_grid *g;
};

/* As the real loop does when no input waits: the background slices, then a frame. */
static inline void fake_frame(struct fake *f)
{
	editor_background(f->ed, 1);
	f->g = editor_frame(f->ed);
}

/* As the real loop does after the events that were waiting. */
static inline void fake_noted(struct fake *f)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	buffer_note_change(editor_buffer(f->ed), (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static inline void fake_key(struct fake *f, const char *key)
{
	struct ui_event ev = {.type = UI_EV_KEY};
	snprintf(ev.key, sizeof ev.key, "%s", key);
	editor_event(f->ed, &ev);
	fake_noted(f);
	fake_frame(f);
}

static inline void fake_type(struct fake *f, const char *s)
{
	struct ui_event ev = {.type = UI_EV_TEXT, .text = s, .len = strlen(s)};
	editor_event(f->ed, &ev);
	fake_noted(f);
	fake_frame(f);
}

static inline char *fake_row(const struct fake *f, int r)
{
	return tg_row(f->g, r, 0);
}

/* Does some row hold text? */
static inline int fake_shows(const struct fake *f, const char *text)
{
	for (int r = 0; r < f->g->rows; r++) {
		char *row = fake_row(f, r);
		int hit = strstr(row, text) != NULL;
		free(row);
		if (hit)
			return 1;
	}
	return 0;
}

static inline void fake_expect(const struct fake *f, const char *text)
{
	if (fake_shows(f, text))
		return;
	for (int r = 0; r < f->g->rows; r++) {
		char *row = fake_row(f, r);
		fprintf(stderr, "|%s|\n", row);
		free(row);
	}
	fail_msg("the screen does not show \"%s\"", text);
}

/* The text of the cells in row r that have attr, in screen order. */
static inline char *fake_cells_with(const struct fake *f, int r, unsigned attr)
{
	return tg_row(f->g, r, attr);
}

/* Open name (holding text, or missing when text is NULL: lang is then
 * the language of its template, as --lang gives it). */
static inline void fake_open_lang(struct fake *f, void **state, const char *name, const char *text, int lang)
{
	memset(f, 0, sizeof *f);
	snprintf(f->keys, sizeof f->keys, "%s/keymaps/default.keys", tu_srcdir());
	f->opts.keymap = f->keys;
	f->opts.lang = lang;
	char *cfg = tf_path(state, "config");
	setenv("XDG_CONFIG_HOME", cfg, 1);	/* no user keys */
	free(cfg);
	char *path = tf_path(state, name);
	if (text != NULL)
		tf_put_file(path, text, strlen(text));
	char *cause = NULL;
	f->ed = editor_new(&f->opts, &cause);
	if (f->ed == NULL || editor_open(f->ed, path, &cause) < 0)
		fail_msg("cannot open %s: %s", path, cause);
	free(path);
	editor_resize(f->ed, 12, 70);
	fake_frame(f);
}

static inline void fake_open(struct fake *f, void **state, const char *name, const char *text)
{
	fake_open_lang(f, state, name, text, 0);	/* English */
}

static inline void fake_close(struct fake *f)
{
	editor_free(f->ed);
}

static inline const struct edit_pos *fake_cur(const struct fake *f)
{
	return &editor_edit(f->ed)->cur;
}

#endif
