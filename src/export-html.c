/* export-html: minutes as one standalone, printable HTML5 page.
 *
 * Every element that holds text — title, header cells, headings,
 * paragraphs, list items, table cells — carries lang and dir computed from
 * its own text (export_text_lang/export_text_dir), not from the file: a
 * Persian document quoting an English product name gets that cell
 * left-to-right.  The style sheet is in the page (no other file to send),
 * with a print section; action items are a real table. */
#include "mahdar/export.h"
#include "mahdar/buf.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char export_html_style[] =
	"body{font-family:\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;max-width:48em;"
	"margin:2em auto;padding:0 1em;line-height:1.5;color:#111}\n"
	"[dir=rtl]{text-align:right}\n[dir=ltr]{text-align:left}\n"
	"table{border-collapse:collapse;margin:.5em 0}\n"
	"th,td{border:1px solid #888;padding:.2em .6em;vertical-align:top}\n"
	"table.header th,table.header td{border:none;padding:0 .6em 0 0}\n"
	"caption{font-weight:bold;padding:.3em 0}\n"
	"@media print{body{margin:0;max-width:none;font-size:11pt}"
	"h1,h2{page-break-after:avoid}tr,li{page-break-inside:avoid}"
	"th,td{border-color:#000}}\n";

/* s, safe for the terminal and for HTML text and attribute values. */
static void export_html_text(const char *s, size_t n, struct buf *out)
{
	struct buf c = BUF_INIT;
	export_escape(s, n, &c);
	for (size_t i = 0; i < c.len; i++) {
		switch (c.s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, c.s[i]); break;
		}
	}
	buf_free(&c);
}

/* <tag lang=".." dir="..">text</tag>, lang and dir from the text itself;
 * attrs (or "") go in the start tag. */
static void export_html_elem_as(const char *tag, const char *attrs, const char *s, size_t n, int tl,
				int td, struct buf *out)
{
	buf_printf(out, "<%s%s lang=\"%s\" dir=\"%s\">", tag, attrs,
		   doc_lang_code(tl) != NULL ? doc_lang_code(tl) : "en", td == DOC_DIR_RTL ? "rtl" : "ltr");
	export_html_text(s, n, out);
	buf_printf(out, "</%s>", tag);
}

static void export_html_elem(const char *tag, const char *attrs, const char *s, size_t n,
			     int lang, int dir, struct buf *out)
{
	export_html_elem_as(tag, attrs, s, n, export_text_lang(s, n, lang), export_text_dir(s, n, dir), out);
}

static void export_html_str(const char *tag, const char *s, int lang, int dir, struct buf *out)
{
	export_html_elem(tag, "", s, strlen(s), lang, dir, out);
}

static void export_html_recs(const struct doc *d, int sec, int lang, int dir, struct buf *out)
{
	int list = 0;
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec || r->kind == DOC_REC_ACTION)
			continue;
		if (!list)
			buf_puts(out, "<ul>\n");
		list = 1;
		export_html_str("li", r->text, lang, dir, out);
		buf_putc(out, '\n');
	}
	if (list)
		buf_puts(out, "</ul>\n");
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
			buf_puts(out, "<table class=\"actions\">\n");
			export_html_str("caption", export_phrase(EXPORT_P_ACTIONS, lang), lang, dir, out);
			buf_puts(out, "\n<thead><tr>");
			for (int c = 0; c < 4; c++)
				export_html_elem("th", " scope=\"col\"", head[c], strlen(head[c]), lang, dir, out);
			buf_puts(out, "</tr></thead>\n<tbody>\n");
			table = 1;
		}
		const char *cell[4] = {
			r->text, r->owner != NULL ? r->owner : "", r->due != NULL ? r->due : "",
			export_status_word(export_line_status(d, r->line), lang),
		};
		buf_puts(out, "<tr>");
		for (int c = 0; c < 4; c++)
			export_html_str("td", cell[c], lang, dir, out);
		buf_puts(out, "</tr>\n");
	}
	if (table)
		buf_puts(out, "</tbody>\n</table>\n");
}

void export_html(const struct doc *d, struct buf *out)
{
	int lang = doc_language(d);
	if (lang == DOC_LANG_NONE)
		lang = DOC_LANG_EN;
	int dir = doc_lang_rtl(lang) || d->dir_detected == DOC_DIR_RTL ? DOC_DIR_RTL : DOC_DIR_LTR;
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"generator\" content=\"mahdar\">\n<title>", doc_lang_code(lang),
		   dir == DOC_DIR_RTL ? "rtl" : "ltr");
	const char *title = d->title != NULL ? d->title : "";
	export_html_text(title, strlen(title), out);
	buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", export_html_style);
	int header_done = 0, in_ol = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		if (in_ol && l->kind != DOC_K_AGENDA && l->kind != DOC_K_BLANK) {
			buf_puts(out, "</ol>\n");
			in_ol = 0;
		}
		switch (l->kind) {
		case DOC_K_TITLE:
			export_html_str("h1", d->title, lang, dir, out);
			buf_putc(out, '\n');
			break;
		case DOC_K_HEADER:
			if (header_done)
				break;
			buf_puts(out, "<table class=\"header\">\n<tbody>\n");
			for (size_t k = 0; k < d->nfields; k++) {
				buf_puts(out, "<tr>");
				export_html_elem("th", " scope=\"row\"", d->fields[k].label,
						 strlen(d->fields[k].label), lang, dir, out);
				export_html_str("td", d->fields[k].value, lang, dir, out);
				buf_puts(out, "</tr>\n");
			}
			buf_puts(out, "</tbody>\n</table>\n");
			header_done = 1;
			break;
		case DOC_K_HEADING:
			export_html_str("h2", d->sections[doc_line_section(d, i)].heading, lang, dir, out);
			buf_putc(out, '\n');
			break;
		case DOC_K_AGENDA: {
			long k = export_agenda_at(d, i);
			if (k < 0)
				break;
			if (!in_ol)
				buf_puts(out, "<ol>\n");
			in_ol = 1;
			char attrs[32];
			snprintf(attrs, sizeof attrs, " value=\"%ld\"", d->agenda[k].number);
			export_html_elem("li", attrs, d->agenda[k].text, strlen(d->agenda[k].text), lang,
					 dir, out);
			buf_putc(out, '\n');
			break;
		}
		case DOC_K_REC: {
			if (export_recs_start(d, i))
				export_html_recs(d, doc_line_section(d, i), lang, dir, out);
			break;
		}
		case DOC_K_BLANK:
			break;
		default:
			export_html_elem("p", "", doc_line_str(d, l), l->len, lang, dir, out);
			buf_putc(out, '\n');
			break;
		}
	}
	if (in_ol)
		buf_puts(out, "</ol>\n");
	char *s = export_approval(d, lang);
	if (s != NULL) {
		export_html_elem("p", " class=\"approved\"", s, strlen(s), lang, dir, out);
		buf_putc(out, '\n');
		free(s);
	}
	if (d->namends > 0) {
		export_html_str("h2", export_phrase(EXPORT_P_AMENDMENTS, lang), lang, dir, out);
		buf_puts(out, "\n<ul class=\"amendments\">\n");
		for (size_t i = 0; i < d->namends; i++) {
			const struct doc_amend *a = &d->amends[i];
			/* "DATE, WHO: REASON" in the reason's language and direction. */
			char *t = export_amendment(a, lang);
			size_t rn = strlen(a->reason);
			export_html_elem_as("li", "", t, strlen(t), export_text_lang(a->reason, rn, lang),
					    export_text_dir(a->reason, rn, dir), out);
			buf_putc(out, '\n');
			free(t);
		}
		buf_puts(out, "</ul>\n");
	}
	buf_puts(out, "</body>\n</html>\n");
}
