/* review: carry-over, approval and amendments on a document.
 *
 * Data model: all three change the document through its lines (carry-over
 * writes plain-text lines into the skeleton and re-analyses it, so the file
 * says what the sidecar says) and through the sidecar fields of struct doc
 * (attr->from, final/approved_*, amends). */
#include "mahdar/review.h"
#include "mahdar/buf.h"
#include "mahdar/export.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

/* Line index of the first header field with key, or (size_t)-1. */
static size_t review_field_line(const struct doc *d, int key)
{
	const struct doc_field *f = doc_field_get(d, key);
	return f != NULL ? f->line : (size_t)-1;
}

/* Index of the line after the heading of section sec (its first body
 * line), or d->nlines when the section is missing (a new one is added). */
static size_t review_section_body(struct doc *d, int sec, int lang)
{
	for (size_t i = 0; i < d->nsections; i++)
		if (d->sections[i].key == sec && d->sections[i].line != (size_t)-1)
			return d->sections[i].line + 1;
	struct buf b = BUF_INIT;
	buf_printf(&b, "## %s", txt_heading(sec, lang));
	doc_line_insert(d, d->nlines, "", 0, DOC_EOL_LF);
	doc_line_insert(d, d->nlines, b.s, b.len, DOC_EOL_LF);
	buf_free(&b);
	txt_analyse(d);
	return d->nlines;
}

size_t review_carry_over(struct doc *d, const struct doc *prev, const char *from_id)
{
	int lang = doc_language(d);
	const char *sep = lang == DOC_LANG_AR || lang == DOC_LANG_FA ? "؛ " : "; ";
	const char *comma = lang == DOC_LANG_AR || lang == DOC_LANG_FA ? "، " : ", ";

	/* Everyone who was expected last time is present, for the secretary
	 * to adjust. */
	struct buf b = BUF_INIT;
	for (int a = 0; a < DOC_ATT_COUNT; a++)
		for (size_t i = 0; i < prev->att[a].n; i++) {
			const struct doc_person *p = &prev->att[a].v[i];
			if (b.len > 0)
				buf_puts(&b, sep);
			buf_puts(&b, p->name);
			if (p->role != NULL)
				buf_printf(&b, " (%s)", p->role);
		}
	size_t pl = review_field_line(d, DOC_KEY_PRESENT);
	if (b.len > 0 && pl != (size_t)-1) {
		struct buf line = BUF_INIT;
		buf_printf(&line, "%s: %s", txt_label(DOC_KEY_PRESENT, lang), b.s);
		doc_line_set(d, pl, line.s, line.len);
		buf_free(&line);
	}
	buf_free(&b);
	txt_analyse(d);

	size_t at = review_section_body(d, DOC_SEC_AGENDA, lang);
	struct buf item = BUF_INIT;
	buf_printf(&item, "1. %s", export_phrase(EXPORT_P_FOLLOWUP, lang));
	doc_line_insert(d, at, item.s, item.len, DOC_EOL_LF);
	buf_free(&item);
	txt_analyse(d);

	size_t carried = 0;
	at = review_section_body(d, DOC_SEC_RECOMMENDATIONS, lang);
	for (size_t i = 0; i < prev->nrecs; i++) {
		const struct doc_rec *r = &prev->recs[i];
		const struct doc_attr *pa = doc_attr_of(prev, r->line);
		if (r->kind != DOC_REC_ACTION || (pa != NULL && pa->status != DOC_ST_OPEN))
			continue;
		struct buf l = BUF_INIT;
		buf_printf(&l, "- %s — %s: %s", r->text, txt_label(DOC_KEY_OWNER, lang), r->owner);
		if (r->due != NULL)
			buf_printf(&l, "%s%s: %s", comma, txt_label(DOC_KEY_DUE, lang), r->due);
		doc_line_insert(d, at + carried, l.s, l.len, DOC_EOL_LF);
		struct doc_attr *na = doc_line_attr(d, at + carried);
		free(na->from);
		na->from = xstrdup(from_id);
		na->status = DOC_ST_OPEN;
		buf_free(&l);
		carried++;
	}
	txt_analyse(d);
	d->modified = 1;
	return carried;
}

int review_finalize(struct doc *d, const char *on, const char *by, char **cause)
{
	if (d->final) {
		util_set_cause(cause, _("already final (approved on %s by %s)"),
			       d->approved_on != NULL ? d->approved_on : "?",
			       d->approved_by != NULL ? d->approved_by : "?");
		return -1;
	}
	d->final = 1;
	free(d->approved_on);
	free(d->approved_by);
	d->approved_on = xstrdup(on);
	d->approved_by = xstrdup(by);
	d->modified = 1;
	return 0;
}

int review_amend(struct doc *d, const char *on, const char *by, const char *reason, char **cause)
{
	if (!d->final) {
		util_set_cause(cause, "%s", _("not final: a draft is edited without amendments"));
		return -1;
	}
	size_t n = strlen(reason);
	if (txt_trim(reason, &n) == NULL || n == 0) {
		util_set_cause(cause, "%s", _("an amendment needs a reason"));
		return -1;
	}
	doc_amend_add(d, on, by, reason);
	d->modified = 1;
	return 0;
}
