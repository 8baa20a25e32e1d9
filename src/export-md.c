/* export-md: minutes as Markdown (CommonMark with GFM tables).
 *
 * Bidi safety: a Markdown viewer lays a paragraph out by its first strong
 * character, and the syntax around it ("1. ", "**", a trailing "|") is
 * neutral — so an Arabic line ending in "." or starting with a Latin name
 * would come out broken.  Every right-to-left paragraph, list item, heading
 * and cell therefore starts and ends with RIGHT-TO-LEFT MARK (U+200F),
 * inside the syntax; and the text's own Markdown characters are escaped so
 * that the text stays text. */
#include "mahdar/export.h"
#include "mahdar/buf.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT_MD_RLM "\xE2\x80\x8F"

/* s (escaped for the terminal) with Markdown's characters escaped (and a
 * leading "-", "+", "=", "~" or "N." that would start a block), between
 * RLMs when rtl. */
static void export_md_text_as(const char *s, size_t n, int rtl, struct buf *out)
{
	struct buf c = BUF_INIT;
	export_escape(s, n, &c);
	if (rtl)
		buf_puts(out, EXPORT_MD_RLM);
	for (size_t i = 0; i < c.len; i++) {
		char ch = c.s[i];
		if (strchr("\\`*_[]<>|#", ch) != NULL ||
		    (i == 0 && strchr("-+=~", ch) != NULL) ||
		    ((ch == '.' || ch == ')') && i > 0 && c.s[i - 1] >= '0' && c.s[i - 1] <= '9' &&
		     strspn(c.s, "0123456789") == i))
			buf_putc(out, '\\');
		buf_putc(out, ch);
	}
	if (rtl)
		buf_puts(out, EXPORT_MD_RLM);
	buf_free(&c);
}

/* The same, right-to-left when its first strong character says so. */
static void export_md_text(const char *s, size_t n, int fallback_dir, struct buf *out)
{
	export_md_text_as(s, n, export_text_dir(s, n, fallback_dir) == DOC_DIR_RTL, out);
}

static void export_md_str(const char *s, int fallback_dir, struct buf *out)
{
	export_md_text(s, strlen(s), fallback_dir, out);
}

static void export_md_recs(const struct doc *d, int sec, int lang, int dir, struct buf *out)
{
	int any = 0;
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec || r->kind == DOC_REC_ACTION)
			continue;
		buf_puts(out, "- ");
		export_md_str(r->text, dir, out);
		buf_putc(out, '\n');
		any = 1;
	}
	const char *head[4] = {
		export_phrase(EXPORT_P_ITEM, lang), export_phrase(EXPORT_P_OWNER, lang),
		export_phrase(EXPORT_P_DUE, lang), export_phrase(EXPORT_P_STATUS, lang),
	};
	int table = 0;
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec || r->kind != DOC_REC_ACTION)
			continue;
		if (!table) {
			if (any)
				buf_putc(out, '\n');
			buf_puts(out, "|");
			for (int c = 0; c < 4; c++) {
				buf_putc(out, ' ');
				export_md_str(head[c], dir, out);
				buf_puts(out, " |");
			}
			buf_puts(out, "\n|---|---|---|---|\n");
			table = 1;
		}
		const char *cell[4] = {
			r->text, r->owner != NULL ? r->owner : "", r->due != NULL ? r->due : "",
			export_status_word(export_line_status(d, r->line), lang),
		};
		buf_puts(out, "|");
		for (int c = 0; c < 4; c++) {
			buf_putc(out, ' ');
			export_md_str(cell[c], dir, out);
			buf_puts(out, " |");
		}
		buf_putc(out, '\n');
	}
}

void export_markdown(const struct doc *d, struct buf *out)
{
	int lang = doc_language(d);
	int dir = doc_lang_rtl(lang) || d->dir_detected == DOC_DIR_RTL ? DOC_DIR_RTL : DOC_DIR_LTR;
	int header_done = 0, prev = -1;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		int kind = l->kind;
		/* A blank line between blocks of different kinds. */
		if (kind != DOC_K_BLANK && prev != -1 && (prev != kind || kind == DOC_K_HEADING) &&
		    !(kind == DOC_K_HEADER && header_done))
			buf_putc(out, '\n');
		switch (kind) {
		case DOC_K_TITLE:
			buf_puts(out, "# ");
			export_md_str(d->title, dir, out);
			buf_putc(out, '\n');
			break;
		case DOC_K_HEADER:
			if (header_done)
				continue;
			for (size_t k = 0; k < d->nfields; k++) {
				/* "**Label:** value" rows, each a hard line break. */
				buf_puts(out, "**");
				export_md_str(d->fields[k].label, dir, out);
				buf_puts(out, ":** ");
				export_md_str(d->fields[k].value, dir, out);
				buf_puts(out, k + 1 < d->nfields ? "  \n" : "\n");
			}
			header_done = 1;
			break;
		case DOC_K_HEADING:
			buf_puts(out, "## ");
			export_md_str(d->sections[doc_line_section(d, i)].heading, dir, out);
			buf_putc(out, '\n');
			break;
		case DOC_K_AGENDA: {
			long k = export_agenda_at(d, i);
			if (k < 0)
				continue;
			buf_printf(out, "%ld. ", d->agenda[k].number);
			export_md_str(d->agenda[k].text, dir, out);
			buf_putc(out, '\n');
			break;
		}
		case DOC_K_REC: {
			if (export_recs_start(d, i))
				export_md_recs(d, doc_line_section(d, i), lang, dir, out);
			break;
		}
		case DOC_K_BLANK:
			continue;
		default:
			/* Each line of the file is a paragraph of its own. */
			if (prev == DOC_K_FREE)
				buf_putc(out, '\n');
			export_md_text(doc_line_str(d, l), l->len, dir, out);
			buf_putc(out, '\n');
			break;
		}
		prev = kind;
	}
	char *s = export_approval(d, lang);
	if (s != NULL) {
		buf_putc(out, '\n');
		export_md_str(s, dir, out);
		buf_putc(out, '\n');
		free(s);
	}
	if (d->namends > 0) {
		buf_puts(out, "\n## ");
		export_md_str(export_phrase(EXPORT_P_AMENDMENTS, lang), dir, out);
		buf_puts(out, "\n\n");
		for (size_t i = 0; i < d->namends; i++) {
			const struct doc_amend *a = &d->amends[i];
			/* "DATE, WHO: REASON" reads in the reason's direction. */
			char *t = export_amendment(a, lang);
			buf_puts(out, "- ");
			export_md_text_as(t, strlen(t), export_text_dir(a->reason, strlen(a->reason), dir) == DOC_DIR_RTL,
					  out);
			buf_putc(out, '\n');
			free(t);
		}
	}
}
