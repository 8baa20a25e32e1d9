/* mode-item: the action item and decision forms (one key each), over the
 * form mode.  The form's fields become a recommendation line written by
 * draft_item_line() in the document's language, digits and calendar, put
 * in the recommendations section as one undo step: after the cursor's
 * line when the cursor is in that section, else after the section's last
 * line with words (or on its empty body line).
 *
 * Data model: the form's context is the kind of item and the people the
 * owner field completes from (the document's attendance, chair and
 * secretary and earlier owners, from draft_people_add()). */
#include "mahdar/mode.h"

#include "mahdar/buffer.h"
#include "mahdar/doc.h"
#include "mahdar/draft.h"
#include "mahdar/edit.h"
#include "mahdar/editor.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

struct mode_item {
	int kind;			/* enum doc_rec_kind */
	struct draft_people people;
};

static void mode_item_ctx_free(void *ctx)
{
	struct mode_item *it = ctx;
	draft_people_free(&it->people);
	free(it);
}

static size_t mode_item_complete(struct editor *ed, void *ctx, size_t field, const char *prefix, size_t n,
				 const char **out, size_t max)
{
	(void)ed, (void)field;
	struct mode_item *it = ctx;
	return draft_people_complete(&it->people, prefix, n, out, max);
}

/* Put line (a recommendation) in the recommendations section. */
static char *mode_item_insert(struct editor *ed, const char *line)
{
	struct doc *d = buffer_doc(editor_buffer(ed));
	struct edit *e = editor_edit(ed);
	const struct doc_section *sec = NULL;
	for (size_t i = 0; i < d->nsections; i++)
		if (d->sections[i].key == DOC_SEC_RECOMMENDATIONS)
			sec = &d->sections[i];
	if (sec == NULL)
		return xasprintf(_("There is no \"## %s\" section to put it in."),
				 txt_heading(DOC_SEC_RECOMMENDATIONS, doc_language(d)));
	size_t at = (size_t)-1;	/* insert after this line */
	size_t cur = e->cur.line;
	if (cur >= sec->first && cur < sec->end) {
		at = cur;
	} else {
		for (size_t i = sec->first; i < sec->end; i++) {
			size_t n = d->lines[i].len;
			txt_trim(doc_line_text(d, i), &n);
			if (n > 0)
				at = i;
		}
		if (at == (size_t)-1)
			at = sec->first < sec->end ? sec->first : sec->line;
	}
	size_t n = d->lines[at].len;
	txt_trim(doc_line_text(d, at), &n);
	edit_break(e);
	if (n == 0 && at != sec->line) {	/* an empty body line: the item goes on it */
		edit_replace_range(e, (struct edit_pos){at, 0}, (struct edit_pos){at, d->lines[at].len}, line,
				   strlen(line));
	} else {
		char *s = xasprintf("\n%s", line);
		edit_replace_range(e, (struct edit_pos){at, d->lines[at].len}, (struct edit_pos){at, d->lines[at].len},
				   s, strlen(s));
		free(s);
	}
	edit_break(e);
	return NULL;
}

static char *mode_item_done(struct editor *ed, char **v, size_t n, void *ctx)
{
	struct mode_item *it = ctx;
	struct doc *d = buffer_doc(editor_buffer(ed));
	if (d->stale)
		txt_analyse(d);
	struct draft_item item = {.text = v[0]};
	if (it->kind == DOC_REC_ACTION && n >= 3) {
		item.owner = v[1];
		item.due = v[2];
	} else if (n >= 4) {
		for (int k = 0; k < 3; k++) {
			long x = mode_form_number(v[1 + k]);
			if (x == -1)
				return xasprintf(_("\"%s\" is not a number of votes."), v[1 + k]);
			if (x >= 0)
				item.has_votes = 1;
			item.votes[k] = x > 0 ? x : 0;
		}
	}
	struct draft_now now;
	mode_draft_now(&now);
	char *cause = NULL;
	char *line = draft_item_line(d, &item, &now, &cause);
	if (line == NULL)
		return cause != NULL ? cause : xstrdup(_("The item cannot be written."));
	char *why = mode_item_insert(ed, line);
	if (why == NULL)
		editor_message(ed, 0, it->kind == DOC_REC_ACTION ? _("Action item written.") : _("Decision written."));
	free(line);
	return why;
}

static int mode_item_open(struct editor *ed, struct mode *m, int kind, char **error)
{
	(void)m;
	struct buffer *b = editor_buffer(ed);
	if (buffer_readonly(b))
		return cmd_error(error, _("%s is open read-only."), buffer_path(b));
	struct doc *d = buffer_doc(b);
	if (d->stale)
		txt_analyse(d);
	struct mode_item *it = xcalloc(1, sizeof *it);
	it->kind = kind;
	draft_people_add(&it->people, d);
	if (kind == DOC_REC_ACTION) {
		const struct mode_form_field f[] = {
			{_("What is to be done"), NULL, 0},
			{_("Owner"), NULL, 1},
			{_("Due (a date, today, +3d, +2w, next meeting)"), NULL, 0},
		};
		mode_form_open(ed, _("Action item"), f, UTIL_ARRAY_LEN(f), mode_item_complete, mode_item_done, it,
			       mode_item_ctx_free);
	} else {
		const struct mode_form_field f[] = {
			{_("What was decided"), NULL, 0},
			{_("Votes for"), NULL, 0},
			{_("Votes against"), NULL, 0},
			{_("Abstentions"), NULL, 0},
		};
		mode_form_open(ed, _("Decision"), f, UTIL_ARRAY_LEN(f), mode_item_complete, mode_item_done, it,
			       mode_item_ctx_free);
	}
	return CMD_OK;
}

static int mode_item_cmd(struct editor *ed, struct mode *m, int arg, char **error)
{
	return mode_item_open(ed, m, arg, error);
}

static const struct cmd mode_item_cmds[] = {
	{"action-form", "Write an action item from a form: text, owner (Tab completes), due", mode_item_cmd,
	 DOC_REC_ACTION},
	{"decision-form", "Write a decision from a form: text, votes for, against, abstaining", mode_item_cmd,
	 DOC_REC_DECISION},
};

const struct cmd *mode_item_table(size_t *n)
{
	*n = UTIL_ARRAY_LEN(mode_item_cmds);
	return mode_item_cmds;
}
