/* export: what the writers (export-text.c, export-md.c, export-html.c)
 * share — the phrases of each language, the language and direction of a
 * piece of text, and finding the item on a line.
 *
 * Data model: a writer walks the document's lines in file order, using the
 * kinds txt_analyse() gave them (title, header, heading, agenda item,
 * recommendation, free text, blank), so that the export keeps the file's
 * order, extra sections included. */
#include "mahdar/export.h"
#include "mahdar/buf.h"
#include "mahdar/layout.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* [phrase][lang]: en, ar, fa, he. */
static const char *const export_phrases[EXPORT_P_COUNT][DOC_LANG_COUNT] = {
	[EXPORT_P_ITEM] = { "Item", "البند", "مورد", "פריט" },
	[EXPORT_P_OWNER] = { "Owner", "المسؤول", "مسئول", "אחראי" },
	[EXPORT_P_DUE] = { "Due", "الموعد", "مهلت", "מועד" },
	[EXPORT_P_STATUS] = { "Status", "الحالة", "وضعیت", "סטטוס" },
	[EXPORT_P_OPEN] = { "open", "مفتوح", "باز", "פתוח" },
	[EXPORT_P_DONE] = { "done", "منجز", "انجام‌شده", "בוצע" },
	[EXPORT_P_DROPPED] = { "dropped", "ملغى", "لغوشده", "בוטל" },
	[EXPORT_P_ACTIONS] = { "Action items", "المهام", "اقدامات", "משימות" },
	[EXPORT_P_APPROVED] = {
		"Approved on %1$s by %2$s.", "صودق عليه في %1$s من قبل %2$s.",
		"در تاریخ %1$s توسط %2$s تصویب شد.", "אושר ב-%1$s על ידי %2$s.",
	},
	[EXPORT_P_AMENDMENTS] = { "Amendments", "التعديلات", "اصلاحیه‌ها", "תיקונים" },
	[EXPORT_P_AMENDMENT] = { "%1$s, %2$s: %3$s", "%1$s، %2$s: %3$s", "%1$s، %2$s: %3$s",
				 "%1$s, %2$s: %3$s" },
	[EXPORT_P_FOLLOWUP] = {
		"Follow-up of the previous meeting's actions", "متابعة مهام الاجتماع السابق",
		"پیگیری اقدامات جلسهٔ قبل", "מעקב אחר משימות הישיבה הקודמת",
	},
};

const char *export_phrase(int phrase, int lang)
{
	if (lang < 0 || lang >= DOC_LANG_COUNT)
		lang = DOC_LANG_EN;
	return export_phrases[phrase][lang];
}

const char *export_status_word(int status, int lang)
{
	int p = status == DOC_ST_DONE ? EXPORT_P_DONE : status == DOC_ST_DROPPED ? EXPORT_P_DROPPED
									      : EXPORT_P_OPEN;
	return export_phrase(p, lang);
}

int export_format_parse(const char *name)
{
	if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
		return EXPORT_TEXT;
	if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
		return EXPORT_MARKDOWN;
	if (strcmp(name, "html") == 0)
		return EXPORT_HTML;
	if (strcmp(name, "json") == 0)
		return EXPORT_JSON;
	return -1;
}

int export_text_lang(const char *s, size_t n, int fallback)
{
	size_t latin = 0, arabic = 0, persian = 0, hebrew = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += ustr_decode(s + i, n - i, &cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F))
			latin++;
		else if (cp >= 0x05D0 && cp <= 0x05EA)
			hebrew++;
		else if ((cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3))
			arabic++;
		/* Letters Arabic does not use: پ چ ژ گ ک ی */
		if (cp == 0x067E || cp == 0x0686 || cp == 0x0698 || cp == 0x06AF || cp == 0x06A9 || cp == 0x06CC)
			persian++;
	}
	if (hebrew == 0 && arabic == 0 && latin == 0)
		return fallback;
	if (hebrew >= arabic && hebrew >= latin)
		return DOC_LANG_HE;
	if (arabic >= latin)
		return persian > 0 || fallback == DOC_LANG_FA ? DOC_LANG_FA : DOC_LANG_AR;
	return DOC_LANG_EN;
}

int export_text_dir(const char *s, size_t n, int fallback_dir)
{
	uint32_t *cp = xmalloc((n + 1) * sizeof *cp);
	size_t k = ustr_decode_all(s, n, cp, NULL);
	/* P2-P3: the first strong character decides; none: the fallback. */
	int dir = layout_reorder(cp, k, LAYOUT_AUTO, 0, NULL, NULL);
	int any = 0;
	for (size_t i = 0; i < k; i++) {
		uint32_t c = cp[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x0590 && c <= 0x08FF) ||
		    (c >= 0xC0 && c <= 0x24F) || (c >= 0xFB1D && c <= 0xFEFC)) {
			any = 1;
			break;
		}
	}
	free(cp);
	if (!any)
		return fallback_dir;
	return dir == LAYOUT_RTL ? DOC_DIR_RTL : DOC_DIR_LTR;
}

void export_escape(const char *s, size_t n, struct buf *out)
{
	ustr_escape(s, n, 0, out);
}

int export_line_status(const struct doc *d, size_t line)
{
	const struct doc_attr *a = line < d->nlines ? doc_attr_of(d, line) : NULL;
	return a != NULL ? a->status : DOC_ST_OPEN;
}

long export_agenda_at(const struct doc *d, size_t line)
{
	for (size_t i = 0; i < d->nagenda; i++)
		if (d->agenda[i].line == line)
			return (long)i;
	return -1;
}

long export_rec_at(const struct doc *d, size_t line)
{
	for (size_t i = 0; i < d->nrecs; i++)
		if (d->recs[i].line == line)
			return (long)i;
	return -1;
}

int export_recs_start(const struct doc *d, size_t line)
{
	long k = export_rec_at(d, line);
	return k >= 0 && (k == 0 || doc_line_section(d, d->recs[k - 1].line) != doc_line_section(d, line));
}

char *export_approval(const struct doc *d, int lang)
{
	if (!d->final || (d->approved_on == NULL && d->approved_by == NULL))
		return NULL;
	return xasprintf(export_phrase(EXPORT_P_APPROVED, lang), d->approved_on != NULL ? d->approved_on : "?",
			 d->approved_by != NULL ? d->approved_by : "?");
}

char *export_amendment(const struct doc_amend *a, int lang)
{
	return xasprintf(export_phrase(EXPORT_P_AMENDMENT, lang), a->on, a->by != NULL ? a->by : "?",
			 a->reason);
}

char *export_doc(const struct doc *d, const struct export_opts *o, size_t *len)
{
	struct buf b = BUF_INIT;
	switch (o->format) {
	case EXPORT_MARKDOWN: export_markdown(d, &b); break;
	case EXPORT_HTML: export_html(d, &b); break;
	default: export_text(d, o, &b); break;
	}
	return buf_steal(&b, len);
}
