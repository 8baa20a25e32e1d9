/* mode-outline: finding one's way in the minutes — the outline panel
 * (M-o: the sections, the agenda items under theirs, the open action
 * items; Enter jumps), go to line (M-g, typed in the message line) and
 * a key per known section (M-1 … M-5, or S-F1 … S-F5 where the terminal
 * takes Alt for itself).
 *
 * Data model: the outline's state is its rows (a text and the line each
 * jumps to), rebuilt from the document's structure on every frame, and
 * the chosen row. */
#include "mahdar/mode.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>

struct mode_outline {
	char **rows;
	size_t *to;		/* the line each row jumps to */
	size_t n;
	size_t sel, top;
	char *title;
};

static struct doc *mode_outline_doc(struct editor *ed)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale)
		txt_analyse(d);
	return d;
}

static void mode_outline_rows_free(struct mode_outline *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->rows[i]);
	free(o->rows);
	free(o->to);
	o->rows = NULL;
	o->to = NULL;
	o->n = 0;
}

static void mode_outline_add(struct mode_outline *o, size_t line, char *text)
{
	o->rows = xrealloc(o->rows, (o->n + 1) * sizeof *o->rows);
	o->to = xrealloc(o->to, (o->n + 1) * sizeof *o->to);
	o->rows[o->n] = text;
	o->to[o->n++] = line;
}

/* The rows: every section, then under it its agenda items and open
 * action items, in the order of the text. */
static void mode_outline_build(const struct doc *d, struct mode_outline *o)
{
	mode_outline_rows_free(o);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		if (sec->line == (size_t)-1)
			continue;
		mode_outline_add(o, sec->line, xasprintf("%s", sec->heading != NULL ? sec->heading : ""));
		for (size_t i = 0; i < d->nagenda; i++)
			if (d->agenda[i].line > sec->line && d->agenda[i].line < sec->end)
				mode_outline_add(o, d->agenda[i].line,
						 xasprintf("    %s. %s", d->agenda[i].number_text, d->agenda[i].text));
		for (size_t i = 0; i < d->nrecs; i++) {
			const struct doc_rec *r = &d->recs[i];
			const struct doc_attr *a = doc_attr_of(d, r->line);
			if (r->line <= sec->line || r->line >= sec->end || r->kind != DOC_REC_ACTION ||
			    (a != NULL && a->status != DOC_ST_OPEN))
				continue;
			mode_outline_add(o, r->line, xasprintf("    \xE2\x80\xA2 %s \xE2\x80\x94 %s", r->text,
							       r->owner != NULL ? r->owner : ""));
		}
	}
}

static void mode_outline_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_outline *o = m->state;
	mode_outline_build(mode_outline_doc(ed), o);
	if (o->n > 0 && o->sel >= o->n)
		o->sel = o->n - 1;
	for (size_t i = 0; i < o->n; i++) {
		char *r = xasprintf("%s %s", i == o->sel ? "\xE2\x96\xB8" : " ", o->rows[i]);
		free(o->rows[i]);
		o->rows[i] = r;
	}
	int h = view_text_rows(editor_view(ed));
	if (h > 1 && o->sel >= o->top + (size_t)h)
		o->top = o->sel - (size_t)h + 1;
	if (o->sel < o->top)
		o->top = o->sel;
	free(o->title);
	o->title = xstrdup(o->n > 0 ? _("Outline (Enter: go there  Esc: back)")
				    : _("Outline: no sections yet (Esc: back)"));
	f->page = (const char *const *)o->rows;
	f->npage = o->n;
	f->page_top = &o->top;
	f->page_title = o->title;
}

static int mode_outline_key(struct editor *ed, struct mode *m, const char *key)
{
	(void)ed, (void)m, (void)key;
	return 1;
}

static int mode_outline_text(struct editor *ed, struct mode *m, const char *s, size_t len, int paste)
{
	(void)ed, (void)m, (void)s, (void)len, (void)paste;
	return 1;
}

static int mode_outline_mouse(struct editor *ed, struct mode *m, const struct ui_event *ev)
{
	(void)ed, (void)m, (void)ev;
	return 1;
}

static void mode_outline_free(void *state)
{
	struct mode_outline *o = state;
	mode_outline_rows_free(o);
	free(o->title);
	free(o);
}

static const struct mode_ops mode_outline_ops = {
	.name = "outline",
	.tables = {"outline", NULL, NULL},
	.key = mode_outline_key,
	.text = mode_outline_text,
	.mouse = mode_outline_mouse,
	.draw = mode_outline_draw,
	.free = mode_outline_free,
};

/* ------------------------------------------------------------ going places */

static void mode_outline_go(struct editor *ed, size_t line)
{
	struct edit *e = editor_edit(ed);
	edit_set_cursor(e, (struct edit_pos){line, 0}, 0);
}

static void mode_outline_goto_done(struct editor *ed, const char *text, void *ctx)
{
	(void)ctx;
	if (text == NULL)
		return;
	long v = mode_form_number(text);
	size_t lines = buffer_doc(editor_buffer(ed))->nlines;
	if (v < 1) {
		editor_message(ed, 1, _("\"%s\" is not a line number."), text);
		return;
	}
	if ((size_t)v > lines) {
		editor_message(ed, 0, _("The document has %zu lines; here is the last."), lines);
		v = (long)lines;
	}
	mode_outline_go(ed, (size_t)v - 1);
}

enum { MODE_OUTLINE_OPEN, MODE_OUTLINE_UP, MODE_OUTLINE_DOWN, MODE_OUTLINE_JUMP, MODE_OUTLINE_CLOSE,
       MODE_OUTLINE_GOTO, MODE_OUTLINE_SECTION = 0x10 };

static int mode_outline_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	if (arg == MODE_OUTLINE_OPEN) {
		editor_push(ed, &mode_outline_ops, xcalloc(1, sizeof(struct mode_outline)));
		/* Start on the row of the cursor's section. */
		struct mode_outline *o = editor_top(ed)->state;
		struct doc *d = mode_outline_doc(ed);
		mode_outline_build(d, o);
		for (size_t i = 0; i < o->n; i++)
			if (o->to[i] <= editor_edit(ed)->cur.line)
				o->sel = i;
		return CMD_OK;
	}
	if (arg == MODE_OUTLINE_GOTO) {
		mode_prompt_open(ed, _("Go to line (Enter: go  Esc: stay): "), _("Line: "), "", "goto-line",
				 mode_outline_goto_done, NULL);
		return CMD_OK;
	}
	if (arg & MODE_OUTLINE_SECTION) {
		int key = arg & 0xF;
		struct doc *d = mode_outline_doc(ed);
		for (size_t s = 0; s < d->nsections; s++)
			if (d->sections[s].key == key) {
				size_t l = d->sections[s].line;
				mode_outline_go(ed, l + 1 < d->nlines && l + 1 < d->sections[s].end ? l + 1 : l);
				return CMD_OK;
			}
		return cmd_error(error, _("There is no \"%s\" section."), txt_heading(key, doc_language(d)));
	}
	if (m->ops != &mode_outline_ops)
		return cmd_error(error, _("The outline is not open."));
	struct mode_outline *o = m->state;
	switch (arg) {
	case MODE_OUTLINE_UP:
		if (o->sel > 0)
			o->sel--;
		break;
	case MODE_OUTLINE_DOWN:
		if (o->sel + 1 < o->n)
			o->sel++;
		break;
	case MODE_OUTLINE_JUMP:
		if (o->n > 0) {
			size_t line = o->to[o->sel];
			editor_pop(ed, m);
			mode_outline_go(ed, line);
		}
		break;
	case MODE_OUTLINE_CLOSE:
		editor_pop(ed, m);
		break;
	}
	return CMD_OK;
}

static const struct cmd mode_nav_cmds[] = {
	{"outline", "The outline: sections, agenda items, open actions (Enter jumps)", mode_outline_cmd,
	 MODE_OUTLINE_OPEN},
	{"goto-line", "Go to a line (its number typed in the message line)", mode_outline_cmd, MODE_OUTLINE_GOTO},
	{"section-opening", "To the opening section", mode_outline_cmd, MODE_OUTLINE_SECTION | DOC_SEC_OPENING},
	{"section-agenda", "To the agenda", mode_outline_cmd, MODE_OUTLINE_SECTION | DOC_SEC_AGENDA},
	{"section-discussion", "To the discussion", mode_outline_cmd, MODE_OUTLINE_SECTION | DOC_SEC_DISCUSSION},
	{"section-recommendations", "To the recommendations", mode_outline_cmd,
	 MODE_OUTLINE_SECTION | DOC_SEC_RECOMMENDATIONS},
	{"section-closing", "To the closing section", mode_outline_cmd, MODE_OUTLINE_SECTION | DOC_SEC_CLOSING},
};

static const struct cmd mode_outline_cmds[] = {
	{"outline-up", "The row above", mode_outline_cmd, MODE_OUTLINE_UP},
	{"outline-down", "The row below", mode_outline_cmd, MODE_OUTLINE_DOWN},
	{"outline-jump", "Go to the chosen row's line", mode_outline_cmd, MODE_OUTLINE_JUMP},
	{"outline-close", "Back to the text, the cursor where it was", mode_outline_cmd, MODE_OUTLINE_CLOSE},
};

const struct cmd *mode_nav_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_nav_cmds);
	return mode_nav_cmds;
}

const struct cmd *mode_outline_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_outline_cmds);
	return mode_outline_cmds;
}
