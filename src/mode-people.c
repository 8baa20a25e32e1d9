/* mode-people: the attendance editor (M-p) — the Present, Apologies and
 * Guests header fields as a list: add a person with a role (Enter, or
 * start typing a name), move the chosen one to the next group with one
 * key (Tab: present -> apologies -> guests -> present), remove (Delete).
 * Names complete from the document and from the earlier minutes in the
 * same folder.  The page's title shows the quorum.
 *
 * Data model: the state is only the chosen row; the people are read
 * from the document (txt_analyse) each time, and every change rewrites
 * the three fields' values as one undo step (a field that is missing is
 * added after the last header line, with its label in the document's
 * language, "؛ " between names in Arabic and Persian, "; " otherwise). */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/mode.h"

#include "mahdar/buf.h"
#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/draft.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/fio.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* Earlier minutes read for names, at most. */
#define MODE_PEOPLE_FILES 200

struct mode_people {
	size_t sel;			/* the chosen person, in page order */
	char **lines;			/* the page */
	size_t nlines;
	size_t top;
	char *title;
	struct draft_people known;	/* for completing names */
	int known_read;
};

/* One person as the lists hold them: "Name (role)". */
struct mode_people_lists {
	char **v[DOC_ATT_COUNT];
	size_t n[DOC_ATT_COUNT];
};

static void mode_people_lists_free(struct mode_people_lists *l)
{
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		for (size_t i = 0; i < l->n[g]; i++)
			free(l->v[g][i]);
		free(l->v[g]);
	}
}

static void mode_people_lists_add(struct mode_people_lists *l, int g, const char *s)
{
	l->v[g] = xrealloc(l->v[g], (l->n[g] + 1) * sizeof *l->v[g]);
	l->v[g][l->n[g]++] = xstrdup(s);
}

static struct doc *mode_people_doc(struct editor *ed)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale)
		txt_analyse(d);
	return d;
}

static void mode_people_read(const struct doc *d, struct mode_people_lists *l)
{
	memset(l, 0, sizeof *l);
	for (int g = 0; g < DOC_ATT_COUNT; g++)
		for (size_t i = 0; i < d->att[g].n; i++) {
			const struct doc_person *p = &d->att[g].v[i];
			char *s = p->role != NULL ? xasprintf("%s (%s)", p->name, p->role) : xstrdup(p->name);
			mode_people_lists_add(l, g, s);
			free(s);
		}
}

/* Which group and index row `sel` is; -1 when there is nobody. */
static int mode_people_at(const struct mode_people_lists *l, size_t sel, size_t *i)
{
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		if (sel < l->n[g]) {
			*i = sel;
			return g;
		}
		sel -= l->n[g];
	}
	return -1;
}

/* Write l back into the three fields, as one undo step. */
static void mode_people_write(struct editor *ed, const struct mode_people_lists *l)
{
	struct doc *d = mode_people_doc(ed);
	struct edit *e = editor_edit(ed);
	int lang = doc_language(d);
	const char *sep = lang == DOC_LANG_AR || lang == DOC_LANG_FA ? "\xD8\x9B " : "; ";
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		const struct doc_field *fl = doc_field_get(d, DOC_KEY_PRESENT + g);
		if (fl != NULL && strstr(doc_line_text(d, fl->line), "\xD8\x9B") != NULL)
			sep = "\xD8\x9B ";
	}
	char *values[DOC_ATT_COUNT];
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		struct buf b = BUF_INIT;
		buf_puts(&b, "");
		for (size_t i = 0; i < l->n[g]; i++)
			buf_printf(&b, "%s%s", i ? sep : "", l->v[g][i]);
		values[g] = buf_steal(&b, NULL);
	}
	struct edit_pos cur = e->cur;
	edit_break(e);
	edit_group_begin(e);
	size_t after = (size_t)-1;	/* the last header line, for a field that is missing */
	for (size_t i = 0; i < d->nfields; i++)
		if (after == (size_t)-1 || d->fields[i].line > after)
			after = d->fields[i].line;
	size_t field_line[DOC_ATT_COUNT];
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		const struct doc_field *fl = doc_field_get(d, DOC_KEY_PRESENT + g);
		field_line[g] = fl != NULL ? fl->line : (size_t)-1;
	}
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		if (field_line[g] != (size_t)-1) {
			mode_draft_field_set(ed, field_line[g], values[g]);
		} else if (values[g][0] != '\0') {
			if (after == (size_t)-1)
				after = d->title != NULL ? d->title_line : 0;
			char *s = xasprintf("\n%s: %s", txt_label(DOC_KEY_PRESENT + g, lang), values[g]);
			size_t len = d->lines[after].len;
			edit_replace_range(e, (struct edit_pos){after, len}, (struct edit_pos){after, len}, s, strlen(s));
			free(s);
			if (cur.line > after)
				cur.line++;
			after++;
		}
		free(values[g]);
	}
	edit_group_end(e);
	edit_break(e);
	edit_set_cursor(e, cur, 0);
}

/* ------------------------------------------------------------ names */

/* The people of this document and of the other minutes in its folder. */
static void mode_people_known(struct editor *ed, struct mode_people *st)
{
	if (st->known_read)
		return;
	st->known_read = 1;
	draft_people_add(&st->known, mode_people_doc(ed));
	const char *path = buffer_path(editor_buffer(ed));
	const char *slash = strrchr(path, '/');
	char *dir = slash != NULL ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	DIR *dh = opendir(dir);
	size_t files = 0;
	for (struct dirent *de; dh != NULL && files < MODE_PEOPLE_FILES && (de = readdir(dh)) != NULL;) {
		size_t n = strlen(de->d_name);
		if (de->d_name[0] == '.' || n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
			continue;
		char *p = xasprintf("%s/%s", dir, de->d_name);
		char *bytes = NULL;
		size_t len = 0;
		if (!fio_same_file(p, path) && fio_read(p, &bytes, &len, NULL) == 0) {
			draft_people_add_text(&st->known, bytes, len);
			files++;
		}
		free(bytes);
		free(p);
	}
	if (dh != NULL)
		closedir(dh);
	free(dir);
}

static size_t mode_people_complete(struct editor *ed, void *ctx, size_t field, const char *prefix, size_t n,
				   const char **out, size_t max)
{
	(void)ed;
	struct mode_people *st = ctx;
	if (field != 0)
		return 0;
	return draft_people_complete(&st->known, prefix, n, out, max);
}

/* The person typed in the form goes to the present. */
static char *mode_people_added(struct editor *ed, char **v, size_t n, void *ctx)
{
	struct mode_people *st = ctx;
	size_t nn = strlen(v[0]);
	const char *name = txt_trim(v[0], &nn);
	if (nn == 0)
		return xstrdup(_("A name, please (Esc: add nobody)."));
	size_t rn = n > 1 ? strlen(v[1]) : 0;
	const char *role = n > 1 ? txt_trim(v[1], &rn) : "";
	/* No role typed: the one the person had last time, if any. */
	for (size_t i = 0; rn == 0 && i < st->known.n; i++)
		if (st->known.v[i].role != NULL && strlen(st->known.v[i].name) == nn &&
		    memcmp(st->known.v[i].name, name, nn) == 0) {
			role = st->known.v[i].role;
			rn = strlen(role);
		}
	char *s = rn > 0 ? xasprintf("%.*s (%.*s)", (int)nn, name, (int)rn, role) : xstrndup(name, nn);
	struct mode_people_lists l;
	mode_people_read(mode_people_doc(ed), &l);
	mode_people_lists_add(&l, DOC_ATT_PRESENT, s);
	mode_people_write(ed, &l);
	mode_people_lists_free(&l);
	editor_message(ed, 0, _("%s is present."), s);
	free(s);
	return NULL;
}

static void mode_people_add(struct editor *ed, struct mode_people *st, const char *name)
{
	mode_people_known(ed, st);
	const struct mode_form_field f[] = {
		{_("Name (Tab completes)"), name, 1},
		{_("Role (or nothing)"), NULL, 0},
	};
	mode_form_open(ed, _("Add a person"), f, UTIL_ARRAY_LEN(f), mode_people_complete, mode_people_added, st,
		       NULL);
}

/* ------------------------------------------------------------ the mode */

static void mode_people_page_free(struct mode_people *st)
{
	for (size_t i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	st->lines = NULL;
	st->nlines = 0;
}

static void mode_people_line(struct mode_people *st, char *s)
{
	st->lines = xrealloc(st->lines, (st->nlines + 1) * sizeof *st->lines);
	st->lines[st->nlines++] = s;
}

static void mode_people_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_people *st = m->state;
	struct doc *d = mode_people_doc(ed);
	static const char *const groups[DOC_ATT_COUNT] = {N_("Present"), N_("Apologies"), N_("Guests")};
	mode_people_page_free(st);
	size_t total = 0, row = 0, sel_line = 0;
	for (int g = 0; g < DOC_ATT_COUNT; g++)
		total += d->att[g].n;
	if (total > 0 && st->sel >= total)
		st->sel = total - 1;
	for (int g = 0; g < DOC_ATT_COUNT; g++) {
		mode_people_line(st, xasprintf("%s (%zu)", _(groups[g]), d->att[g].n));
		for (size_t i = 0; i < d->att[g].n; i++, row++) {
			const struct doc_person *p = &d->att[g].v[i];
			if (row == st->sel)
				sel_line = st->nlines;
			mode_people_line(st, xasprintf("%s %s%s%s%s", row == st->sel ? "\xE2\x96\xB8" : " ", p->name,
						       p->role != NULL ? " (" : "", p->role != NULL ? p->role : "",
						       p->role != NULL ? ")" : ""));
		}
		mode_people_line(st, xstrdup(""));
	}
	mode_people_line(st, xstrdup(_("Enter or typing: add a person   Tab: to the next group   "
				       "Delete: remove   Esc: back to the text")));
	int h = view_text_rows(editor_view(ed));
	if (h > 2 && sel_line >= st->top + (size_t)h - 1)
		st->top = sel_line - (size_t)h + 2;
	if (sel_line < st->top)
		st->top = sel_line;
	char *q = draft_quorum_text(d);
	free(st->title);
	st->title = xasprintf(_("Attendance: %s"), q);
	free(q);
	f->page = (const char *const *)st->lines;
	f->npage = st->nlines;
	f->page_top = &st->top;
	f->page_title = st->title;
}

static int mode_people_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)paste;
	char *name = xstrndup(s, len);
	mode_people_add(ed, m->state, name);
	free(name);
	return 1;
}

static int mode_people_key(struct editor *ed, struct mode *m, const char *key)
{
	return mode_form_pass_key(ed, m, key);
}

static int mode_people_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	(void)ed, (void)m, (void)ev;
	return 1;
}

static void mode_people_free(void *state)
{
	struct mode_people *st = state;
	mode_people_page_free(st);
	draft_people_free(&st->known);
	free(st->title);
	free(st);
}

static const struct mode_ops mode_people_ops = {
	.name = "people",
	.tables = {"people", NULL, NULL},
	.key = mode_people_key,
	.text = mode_people_text,
	.mouse = mode_people_mouse,
	.draw = mode_people_draw,
	.free = mode_people_free,
};

/* ------------------------------------------------------------ commands */

enum { MODE_PEOPLE_OPEN, MODE_PEOPLE_UP, MODE_PEOPLE_DOWN, MODE_PEOPLE_ADD, MODE_PEOPLE_MOVE,
       MODE_PEOPLE_REMOVE, MODE_PEOPLE_CLOSE };

static int mode_people_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (arg == MODE_PEOPLE_OPEN) {
		struct buffer *b = editor_buffer(ed);
		if (buffer_readonly(b))
			return cmd_error(error, _("%s is open read-only."), buffer_path(b));
		editor_push(ed, &mode_people_ops, xcalloc(1, sizeof(struct mode_people)));
		return CMD_OK;
	}
	if (m->ops != &mode_people_ops)
		return cmd_error(error, _("The attendance is not open."));
	struct mode_people *st = m->state;
	struct mode_people_lists l;
	size_t i = 0;
	int g;
	switch (arg) {
	case MODE_PEOPLE_UP:
		if (st->sel > 0)
			st->sel--;
		break;
	case MODE_PEOPLE_DOWN:
		st->sel++;	/* clamped when drawn */
		break;
	case MODE_PEOPLE_ADD:
		mode_people_add(ed, st, NULL);
		break;
	case MODE_PEOPLE_MOVE:
	case MODE_PEOPLE_REMOVE:
		mode_people_read(mode_people_doc(ed), &l);
		g = mode_people_at(&l, st->sel, &i);
		if (g < 0) {
			mode_people_lists_free(&l);
			return cmd_error(error, _("Nobody is listed yet: Enter adds a person."));
		}
		char *who = l.v[g][i];
		memmove(&l.v[g][i], &l.v[g][i + 1], (l.n[g] - i - 1) * sizeof *l.v[g]);
		l.n[g]--;
		if (arg == MODE_PEOPLE_MOVE) {
			int to = (g + 1) % DOC_ATT_COUNT;
			mode_people_lists_add(&l, to, who);
			/* The chosen row follows the person. */
			st->sel = l.n[to] - 1;
			for (int k = 0; k < to; k++)
				st->sel += l.n[k];
			static const char *const moved[DOC_ATT_COUNT] = {
				N_("%s is present."), N_("%s sent apologies."), N_("%s is a guest.")};
			editor_message(ed, 0, _(moved[to]), who);
		} else {
			editor_message(ed, 0, _("%s was taken off the attendance."), who);
		}
		free(who);
		mode_people_write(ed, &l);
		mode_people_lists_free(&l);
		break;
	case MODE_PEOPLE_CLOSE:
		editor_pop(ed, m);
		break;
	}
	return CMD_OK;
}

static const struct cmd mode_people_open_cmds[] = {
	{"attendance", "The attendance: add people, move them between present, apologies and guests",
	 mode_people_cmd, MODE_PEOPLE_OPEN},
};

static const struct cmd mode_people_cmds[] = {
	{"people-up", "The person above", mode_people_cmd, MODE_PEOPLE_UP},
	{"people-down", "The person below", mode_people_cmd, MODE_PEOPLE_DOWN},
	{"people-add", "Add a person (name, role)", mode_people_cmd, MODE_PEOPLE_ADD},
	{"people-move", "Move the person to the next group: present, apologies, guests", mode_people_cmd,
	 MODE_PEOPLE_MOVE},
	{"people-remove", "Take the person off the attendance", mode_people_cmd, MODE_PEOPLE_REMOVE},
	{"people-close", "Back to the text", mode_people_cmd, MODE_PEOPLE_CLOSE},
};

const struct cmd *mode_people_open_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_people_open_cmds);
	return mode_people_open_cmds;
}

const struct cmd *mode_people_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_people_cmds);
	return mode_people_cmds;
}
