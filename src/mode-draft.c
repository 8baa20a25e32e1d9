/* mode-draft: the drafting layer — what helps a secretary fill in the
 * minutes while people talk.  It sits under the text mode (pushed first;
 * its commands' keys are in "[text]") and draws before it: the status
 * line's quorum and meeting clock, the structure note, and the spans
 * that set the header labels, agenda numbers and item bullets apart and
 * dim done items.
 *
 * Data model: the state is what the last frame knew about the structure
 * (the sections the document had, the note that edit earned) and the
 * meeting clock (running, when it started, the document generation then
 * and the one whose lines were stamped last).  The pure work — words for
 * dates, the quorum, numbering, the template — is draft.c's; this file
 * only turns it into edits, through edit.c, so each is an undo step.
 *
 * Tab in the text: in the header block it goes to the next field (and
 * writes "today"/"now" and their ar/fa/he words as a date or time in the
 * field it leaves); anywhere else it types a TAB, as it always did. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/mode.h"

#include "mahdar/buf.h"
#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/draft.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"
#include "mahdar/view.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Structure is analysed on every frame only in documents this small;
 * bigger ones wait for the background analysis (keys stay fast). */
#define MODE_DRAFT_ANALYSE_MAX 5000

struct mode_draft {
	unsigned long seen_gen;		/* doc->gen the note was made for */
	unsigned mask;			/* the sections the document had then */
	size_t seen_lines;
	int cur_heading;		/* the cursor's line was a heading then */
	char *note;			/* the structure note, or NULL */
	char *status;			/* what this layer puts in the status line */
	/* The meeting clock. */
	int running;
	time_t started;
	unsigned long stamped_gen;	/* lines changed after this generation get a stamp */
	/* The spans over every structural line and the quorum, from the
	 * analysis of generation an_gen: kept while the lines edited since are
	 * plain text (mode_draft_reusable), so that typing a sentence does not
	 * analyse the whole document at every key. */
	int an_valid;
	unsigned long an_gen;
	size_t an_nlines;
	unsigned long stands_gen;	/* found to stand for this generation (no scan again) */
	struct mode_draft_span *spans;
	size_t nspans, spans_cap;
	char *quorum;			/* or NULL */
};

/* A span over line `line`, which was `l` with item data `a` (of status
 * `status`) then; attr 0: none, the line only watched (an item whose
 * status may change). */
struct mode_draft_span {
	uint32_t stamp;		/* of the line marked, when marked */
	const struct doc_attr *a;
	int status;
	size_t line, off1;
	unsigned attr;
};

void mode_draft_now(struct draft_now *now)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	*now = (struct draft_now){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min};
}

static struct doc *mode_draft_doc(struct editor *ed)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale)
		txt_analyse(d);
	return d;
}

/* ------------------------------------------------------------ header fields */

size_t mode_draft_value_off(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t after = 0;
		if (s[i] == ':')
			after = i + 1;
		else if (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x9A", 3) == 0)	/* full-width colon */
			after = i + 3;
		if (after) {
			while (after < n && s[after] == ' ')
				after++;
			return after;
		}
	}
	return n;
}

void mode_draft_field_set(struct editor *ed, size_t line, const char *value)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	const struct doc_line *l = &d->lines[line];
	size_t off = mode_draft_value_off(doc_line_str(d, l), l->len);
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	if (off == l->len && (off == 0 || doc_line_str(d, l)[off - 1] != ' '))
		buf_putc(&b, ' ');	/* "Time:" from the template: a space after the colon */
	buf_puts(&b, value);
	edit_replace_range(editor_edit(ed), (struct edit_pos){line, off}, (struct edit_pos){line, l->len}, b.s, b.len);
	buf_free(&b);
}

/* The header field on this line, or NULL. */
static const struct doc_field *mode_draft_field_at(const struct doc *d, size_t line)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].line == line)
			return &d->fields[i];
	return NULL;
}

/* "today", "+3d", "now" … typed in a date or time field become the date
 * or time; 0 when nothing was to be done, 1 written, -1 *error said why. */
static int mode_draft_field_words(struct editor *ed, size_t line, char **error)
{
	struct doc *d = mode_draft_doc(ed);
	const struct doc_field *fl = mode_draft_field_at(d, line);
	if (fl == NULL || fl->value[0] == '\0')
		return 0;
	struct draft_now now;
	mode_draft_now(&now);
	char out[128];
	char *cause = NULL;
	int r = 1;
	if (fl->key == DOC_KEY_DATE || fl->key == DOC_KEY_NEXT)
		r = draft_date_word(d, fl->value, strlen(fl->value), &now, out, sizeof out, &cause);
	else if (fl->key == DOC_KEY_TIME)
		r = draft_time_word(d, fl->value, strlen(fl->value), &now, out, sizeof out);
	if (r < 0) {
		cmd_error(error, "%s", cause);
		free(cause);
		return -1;
	}
	if (r > 0)
		return 0;
	mode_draft_field_set(ed, line, out);
	return 1;
}

/* Tab / Shift-Tab: to the next / previous header field's value. */
static int mode_draft_field_move(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m;
	struct edit *e = editor_edit(ed);
	struct doc *d = mode_draft_doc(ed);
	size_t line = e->cur.line;
	int in_header = mode_draft_field_at(d, line) != NULL ||
			(line == d->title_line && d->title != NULL && d->nfields > 0);
	if (!in_header) {
		if (arg < 0)
			return CMD_OK;
		return cmd_run(ed, m, "tab", error);
	}
	if (buffer_readonly(editor_buffer(ed)))
		return cmd_error(error, _("%s is open read-only."), buffer_path(editor_buffer(ed)));
	if (mode_draft_field_words(ed, line, error) < 0)
		return CMD_ERROR;
	d = mode_draft_doc(ed);
	size_t to = (size_t)-1;
	for (size_t i = 0; i < d->nfields; i++) {
		size_t fl = d->fields[i].line;
		if (arg > 0 && fl > line && (to == (size_t)-1 || fl < to))
			to = fl;
		if (arg < 0 && fl < line && (to == (size_t)-1 || fl > to))
			to = fl;
	}
	if (to == (size_t)-1)
		to = arg > 0 ? d->fields[0].line : d->fields[d->nfields - 1].line;
	const struct doc_line *l = &d->lines[to];
	if (mode_draft_value_off(doc_line_str(d, l), l->len) == l->len && l->len > 0 && doc_line_str(d, l)[l->len - 1] != ' ')
		mode_draft_field_set(ed, to, "");
	edit_break(e);
	edit_set_cursor(e, (struct edit_pos){to, d->lines[to].len}, 0);
	return CMD_OK;
}

/* ------------------------------------------------------------ Enter */

/* Is line `line` of the agenda section only a number ("4. ", "٤)")? */
static int mode_draft_bare_number(const struct doc *d, size_t line)
{
	int sec = doc_line_section(d, line);
	if (sec < 0 || (size_t)sec >= d->nsections || d->sections[sec].key != DOC_SEC_AGENDA)
		return 0;
	size_t n = d->lines[line].len, i = 0, digits = 0;
	const char *s = txt_trim(doc_line_text(d, line), &n);
	while (i < n) {
		uint32_t c;
		size_t k = ustr_decode(s + i, n - i, &c);
		if (txt_digit(c) < 0)
			break;
		i += k;
		digits++;
	}
	return digits > 0 && i + 1 == n && (s[i] == '.' || s[i] == ')');
}

/* Enter: in a date or time field, its words become a date first; at the
 * end of an agenda item the next line starts with the next number, and
 * on a number alone the number goes (the list ends there). */
static int mode_draft_newline(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)arg;
	if (buffer_readonly(editor_buffer(ed)))
		return cmd_run(ed, m, "newline", error);
	struct edit *e = editor_edit(ed);
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale && d->nlines > MODE_DRAFT_ANALYSE_MAX)
		return cmd_run(ed, m, "newline", error);	/* no analysis on each Enter of a long text */
	if (mode_draft_field_words(ed, e->cur.line, error) < 0)
		return CMD_ERROR;
	d = mode_draft_doc(ed);
	size_t line = e->cur.line;
	if (!e->sel && e->cur.off == d->lines[line].len && mode_draft_bare_number(d, line)) {
		/* Enter on a number alone ends the list, as in a word processor. */
		edit_replace_range(e, (struct edit_pos){line, 0}, (struct edit_pos){line, d->lines[line].len}, "", 0);
		edit_break(e);
		return CMD_OK;
	}
	char next[32];
	int agenda = !e->sel && e->cur.off == d->lines[line].len && d->lines[line].kind == DOC_K_AGENDA &&
		     draft_agenda_next(d, line, next, sizeof next) == 0;
	if (!agenda)
		return cmd_run(ed, m, "newline", error);
	edit_group_begin(e);	/* the line and its number: one undo step */
	edit_newline(e);
	edit_type(e, next, strlen(next));
	edit_group_end(e);
	edit_break(e);
	return CMD_OK;
}

/* ------------------------------------------------------------ agenda, time */

static int mode_draft_renumber(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg;
	if (buffer_readonly(editor_buffer(ed)))
		return cmd_error(error, _("%s is open read-only."), buffer_path(editor_buffer(ed)));
	struct doc *d = mode_draft_doc(ed);
	struct edit *e = editor_edit(ed);
	struct draft_edits ed_list = {0};
	size_t n = draft_agenda_renumber(d, &ed_list);
	if (n == 0) {
		draft_edits_free(&ed_list);
		editor_message(ed, 0, _("The agenda is numbered already."));
		return CMD_OK;
	}
	struct edit_pos cur = e->cur;
	edit_group_begin(e);
	for (size_t i = ed_list.n; i-- > 0;) {
		const struct draft_edit *x = &ed_list.v[i];
		edit_replace_range(e, (struct edit_pos){x->line, x->off}, (struct edit_pos){x->line, x->off + x->del},
				   x->text, strlen(x->text));
	}
	edit_group_end(e);
	edit_set_cursor(e, cur, 0);
	draft_edits_free(&ed_list);
	editor_message(ed, 0, _("The agenda is numbered again (one undo step)."));
	return CMD_OK;
}

static int mode_draft_insert_time(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg;
	if (buffer_readonly(editor_buffer(ed)))
		return cmd_error(error, _("%s is open read-only."), buffer_path(editor_buffer(ed)));
	struct draft_now now;
	mode_draft_now(&now);
	char out[64];
	draft_time_word(mode_draft_doc(ed), "now", 3, &now, out, sizeof out);
	edit_type(editor_edit(ed), out, strlen(out));
	edit_break(editor_edit(ed));
	return CMD_OK;
}

/* ------------------------------------------------------------ the meeting clock */

static struct mode_draft *mode_draft_find(struct editor *ed);

/* The Time field's start (starting) or end (stopping) time. */
static void mode_draft_clock_field(struct editor *ed, int stopping)
{
	struct doc *d = mode_draft_doc(ed);
	const struct doc_field *fl = doc_field_get(d, DOC_KEY_TIME);
	if (fl == NULL)
		return;
	struct draft_now now;
	mode_draft_now(&now);
	char t[64];
	draft_time_word(d, "now", 3, &now, t, sizeof t);
	char *v = NULL;
	if (!stopping && fl->value[0] == '\0')
		v = xstrdup(t);
	else if (stopping && fl->value[0] != '\0' && strchr(fl->value, '-') == NULL &&
		 strstr(fl->value, "\xE2\x80\x93") == NULL)
		v = xasprintf("%s\xE2\x80\x93%s", fl->value, t);	/* an en dash between */
	if (v != NULL) {
		struct edit *e = editor_edit(ed);
		struct edit_pos cur = e->cur;
		mode_draft_field_set(ed, fl->line, v);
		edit_break(e);
		edit_set_cursor(e, cur, 0);
	}
	free(v);
}

static int mode_draft_meeting(struct editor *ed, struct mode *m, int arg, char **error)
{
	(void)m, (void)arg;
	struct mode_draft *st = mode_draft_find(ed);
	if (st == NULL)
		return cmd_error(error, _("The meeting clock works only on minutes opened for editing."));
	if (buffer_readonly(editor_buffer(ed)))
		return cmd_error(error, _("%s is open read-only."), buffer_path(editor_buffer(ed)));
	if (!st->running) {
		mode_draft_clock_field(ed, 0);
		st->running = 1;
		st->started = time(NULL);
		st->stamped_gen = buffer_doc(editor_buffer(ed))->gen;
		editor_message(ed, 0, _("The meeting has started: each line written now gets its time."));
	} else {
		st->running = 0;
		mode_draft_clock_field(ed, 1);
		char el[64];
		draft_elapsed_text(buffer_doc(editor_buffer(ed)), (long)(time(NULL) - st->started), el, sizeof el);
		editor_message(ed, 0, _("The meeting has ended after %s."), el);
	}
	return CMD_OK;
}

/* Every line changed since the last look that has words and no stamp
 * gets the time now (the sidecar's "timestamps"). */
static void mode_draft_stamp(struct editor *ed, struct mode_draft *st)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->gen == st->stamped_gen)
		return;
	char now[32];
	util_now_iso(now);
	for (size_t i = 0; i < d->nlines; i++) {
		struct doc_line *l = &d->lines[i];
		const struct doc_attr *a = doc_attr_of(d, i);
		if (l->stamp <= st->stamped_gen || (a != NULL && a->stamp != NULL))
			continue;
		size_t n = l->len;
		txt_trim(doc_line_str(d, l), &n);
		if (n == 0 || l->kind == DOC_K_HEADING || l->kind == DOC_K_HEADER || l->kind == DOC_K_TITLE)
			continue;
		doc_line_attr(d, i)->stamp = xstrdup(now);
	}
	st->stamped_gen = d->gen;
}

static int mode_draft_tick(struct editor *ed, struct mode *m)
{
	struct mode_draft *st = m->state;
	if (!st->running)
		return -1;
	mode_draft_stamp(ed, st);
	editor_changed(ed);	/* the clock moved */
	return 1000;
}

/* ------------------------------------------------------------ drawing */

/* The structure note after an edit, when the edit hurt the structure. */
static void mode_draft_check(struct editor *ed, struct mode_draft *st)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->gen == st->seen_gen)
		return;
	size_t line = editor_edit(ed)->cur.line;
	const struct doc_line *l = &d->lines[line];
	int heading = txt_line_kind(doc_line_str(d, l), l->len, line) == DOC_K_HEADING;
	int involved = heading || st->cur_heading || d->nlines != st->seen_lines;
	st->seen_gen = d->gen;
	st->seen_lines = d->nlines;
	st->cur_heading = heading;
	if (!involved || (d->stale && d->nlines > MODE_DRAFT_ANALYSE_MAX)) {
		if (!involved) {
			free(st->note);
			st->note = NULL;
		}
		return;
	}
	if (d->stale)
		txt_analyse(d);
	free(st->note);
	st->note = draft_structure_note(d, line, st->mask);
	st->mask = draft_section_mask(d);
}

static void mode_draft_span_add(struct mode_draft *st, const struct doc *d, size_t line, size_t off1,
				unsigned attr)
{
	st->spans = xgrow(st->spans, &st->spans_cap, st->nspans + 1, sizeof *st->spans);
	const struct doc_attr *a = doc_attr_of(d, line);
	st->spans[st->nspans++] = (struct mode_draft_span){d->lines[line].stamp, a, a != NULL ? a->status : -1,
							   line, off1, attr};
}

/* Bold header labels, agenda numbers and action bullets, a decision's
 * bullet reversed; done and dropped items dimmed: the spans of the
 * analysed document d, and its quorum. */
static void mode_draft_remember(struct mode_draft *st, const struct doc *d)
{
	st->nspans = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		const struct doc_line *l = &d->lines[d->fields[i].line];
		mode_draft_span_add(st, d, d->fields[i].line, mode_draft_value_off(doc_line_str(d, l), l->len), VIEW_A_BOLD);
	}
	for (size_t i = 0; i < d->nagenda; i++) {
		const struct doc_agenda *a = &d->agenda[i];
		const char *s = doc_line_text(d, a->line);
		const char *p = strstr(s, a->number_text);
		size_t end = p != NULL ? (size_t)(p - s) + strlen(a->number_text) + 1 : 0;
		if (end <= d->lines[a->line].len)
			mode_draft_span_add(st, d, a->line, end, VIEW_A_BOLD);
	}
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		const struct doc_line *l = &d->lines[r->line];
		size_t bullet = l->len >= 2 && (doc_line_str(d, l)[0] == '-' || doc_line_str(d, l)[0] == '*') ? 1 : 0;
		/* The markers: an action's bullet bold, a decision's reversed. */
		if (bullet)
			mode_draft_span_add(st, d, r->line, bullet,
					    r->kind == DOC_REC_ACTION ? VIEW_A_BOLD : VIEW_A_REVERSE);
		const struct doc_attr *a = doc_attr_of(d, r->line);
		if (a != NULL && a->status != DOC_ST_OPEN && r->kind == DOC_REC_ACTION)
			mode_draft_span_add(st, d, r->line, l->len, VIEW_A_DIM);
		else
			mode_draft_span_add(st, d, r->line, 0, 0);
	}
	free(st->quorum);
	st->quorum = NULL;
	if (d->att[DOC_ATT_PRESENT].line != (size_t)-1 || draft_members(d) > 0)
		st->quorum = draft_quorum_text(d);
	st->an_valid = 1;
	st->an_gen = st->stands_gen = d->gen;
	st->an_nlines = d->nlines;
}

/* May the spans and quorum of the last analysis stand for the edited d?
 * Yes while it has as many lines, the lines they mark are those lines
 * still, unchanged, and every line changed since is a non-heading line
 * outside the header and the agenda that was not an item and has no
 * item's bullet now: such a line is not part of the structure.  An item's
 * status changed (F6) is a change of the structure too. */
static int mode_draft_reusable(struct mode_draft *st, const struct doc *d)
{
	if (!st->an_valid || d->nlines != st->an_nlines)
		return 0;
	if (st->stands_gen == d->gen)	/* a frame without an edit since */
		return 1;
	for (size_t i = 0; i < st->nspans; i++) {
		const struct mode_draft_span *sp = &st->spans[i];
		if (d->lines[sp->line].stamp != sp->stamp || doc_attr_of(d, sp->line) != sp->a ||
		    (sp->a != NULL && sp->a->status != sp->status))
			return 0;
	}
	/* The headings where they were (a line's section is found by index). */
	for (size_t k = 0; k < d->nsections; k++) {
		size_t h = d->sections[k].line;
		if (h != (size_t)-1 && (d->lines[h].stamp > st->an_gen || d->lines[h].kind != DOC_K_HEADING))
			return 0;
	}
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		if (l->stamp <= st->an_gen)
			continue;
		int sec = doc_line_section(d, i);
		if (sec < 0 || l->kind == DOC_K_HEADING || l->kind == DOC_K_TITLE || l->kind == DOC_K_HEADER)
			return 0;
		int key = d->sections[sec].key;
		if (key == DOC_SEC_AGENDA || l->kind == DOC_K_REC ||
		    (key == DOC_SEC_RECOMMENDATIONS && txt_bullet(doc_line_str(d, l), l->len) > 0))
			return 0;
		int kind = txt_line_kind(doc_line_str(d, l), l->len, i);
		if (kind != DOC_K_FREE && kind != DOC_K_BLANK)
			return 0;
	}
	st->stands_gen = d->gen;
	return 1;
}

/* The spans over the lines on screen. */
static void mode_draft_spans(struct editor *ed, struct mode_draft *st, struct view_frame *f)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	int small = d->nlines <= MODE_DRAFT_ANALYSE_MAX;
	int stands = d->stale && small && mode_draft_reusable(st, d);
	if (d->stale && small && !stands)
		txt_analyse(d);
	if (!d->stale) {
		if (!st->an_valid || st->an_gen != d->gen)
			mode_draft_remember(st, d);
	} else if (!stands) {
		st->an_valid = 0;
		return;
	}
	struct view *v = editor_view(ed);
	size_t lo = v->top_line, hi = lo + (size_t)(view_text_rows(v) > 0 ? view_text_rows(v) : 0) + 1;
	for (size_t i = 0; i < st->nspans; i++) {
		const struct mode_draft_span *sp = &st->spans[i];
		if (sp->attr != 0 && sp->line >= lo && sp->line < hi)
			view_frame_span(f, sp->line, 0, sp->line, sp->off1, sp->attr);
	}
}

static void mode_draft_draw(struct editor *ed, struct mode *m, struct view_frame *f)
{
	struct mode_draft *st = m->state;
	mode_draft_check(ed, st);
	if (st->running)	/* a line typed just before a save is stamped too */
		mode_draft_stamp(ed, st);
	mode_draft_spans(ed, st, f);
	struct doc *d = buffer_doc(editor_buffer(ed));
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	if (st->an_valid && st->quorum != NULL)
		buf_puts(&b, st->quorum);
	if (st->running) {
		char el[64];
		draft_elapsed_text(d, (long)(time(NULL) - st->started), el, sizeof el);
		buf_printf(&b, "%s\xE2\x8F\xB1 %s", b.len ? " \xC2\xB7 " : "", el);	/* ⏱ */
	}
	free(st->status);
	st->status = buf_steal(&b, NULL);
	f->st.info = st->status[0] != '\0' ? st->status : NULL;
	if (st->note != NULL && f->st.msg == NULL)
		f->st.msg = st->note;
}

static void mode_draft_free(void *state)
{
	struct mode_draft *st = state;
	free(st->note);
	free(st->status);
	free(st->spans);
	free(st->quorum);
	free(st);
}

static const struct mode_ops mode_draft_ops = {
	.name = "draft",
	.tables = {NULL, NULL, NULL},	/* its commands' keys are in [text] */
	.tick = mode_draft_tick,
	.draw = mode_draft_draw,
	.free = mode_draft_free,
};

static struct mode_draft *mode_draft_find(struct editor *ed)
{
	for (struct mode *m = editor_top(ed); m != NULL; m = m->below)
		if (m->ops == &mode_draft_ops)
			return m->state;
	return NULL;
}

/* A missing file starts from the template of the language (--lang, else
 * the locale's), the cursor in its first empty header field.  Not
 * modified: quitting at once leaves no file behind. */
static void mode_draft_template(struct editor *ed)
{
	struct buffer *b = editor_buffer(ed);
	struct doc *d = buffer_doc(b);
	if (!buffer_info(b)->text_missing || buffer_readonly(b) || d->nlines > 1 ||
	    (d->nlines == 1 && d->lines[0].len > 0))
		return;
	int lang = editor_opts(ed)->lang;
	if (lang <= DOC_LANG_NONE || lang >= DOC_LANG_COUNT)
		lang = draft_locale_lang();
	struct draft_now now;
	mode_draft_now(&now);
	size_t cl = 0, co = 0;
	struct doc *t = draft_template(lang, &now, &cl, &co);
	while (d->nlines > 0)
		doc_line_delete(d, d->nlines - 1);
	for (size_t i = 0; i < t->nlines; i++) {
		const struct doc_line *l = &t->lines[i];
		/* "Time:" gets its space now, so that what is typed is its value. */
		int space = l->kind == DOC_K_HEADER && l->len > 0 && doc_line_str(t, l)[l->len - 1] == ':';
		char *s = xasprintf("%.*s%s", (int)l->len, doc_line_str(t, l), space ? " " : "");
		doc_line_insert(d, i, s, strlen(s), l->eol);
		if (i == cl && space)
			co++;
		free(s);
	}
	d->lang = t->lang;
	d->stale = 1;
	d->modified = 0;
	doc_free(t);
	txt_analyse(d);
	edit_set_cursor(editor_edit(ed), (struct edit_pos){cl, co}, 0);
}

void mode_draft_open(struct editor *ed)
{
	struct mode_draft *st = xcalloc(1, sizeof *st);
	mode_draft_template(ed);
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale && d->nlines <= MODE_DRAFT_ANALYSE_MAX)
		txt_analyse(d);
	st->mask = draft_section_mask(d);
	st->seen_gen = d->gen;
	st->seen_lines = d->nlines;
	editor_push(ed, &mode_draft_ops, st);
}

/* ------------------------------------------------------------ commands */

static const struct cmd mode_draft_cmds[] = {
	{"field-next", "In the header: the next field (today/now become a date/time); elsewhere a TAB",
	 mode_draft_field_move, 1},
	{"field-prev", "In the header: the previous field", mode_draft_field_move, -1},
	{"newline-item", "Split the line; after an agenda item the next number follows", mode_draft_newline, 0},
	{"agenda-renumber", "Number the agenda items 1, 2, 3 … again (one undo step)", mode_draft_renumber, 0},
	{"insert-time", "Type the time now", mode_draft_insert_time, 0},
	{"meeting-clock", "Start or stop the meeting clock (fills the Time field, stamps each line)",
	 mode_draft_meeting, 0},
};

const struct cmd *mode_draft_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_draft_cmds);
	return mode_draft_cmds;
}
