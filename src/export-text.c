/* export-text: minutes as plain text for mail and print.
 *
 * The title underlined, the header as an aligned block of "Label:  value"
 * rows, headings underlined, paragraphs wrapped at the width on line-break
 * opportunities (UAX #14), the agenda numbered, decisions as a list and the
 * action items as a table (item / owner / due / status) whose columns are
 * padded by display width — so combining marks, wide characters and
 * right-to-left cells line up.  Then the approval and the amendments.
 *
 * The text is built in logical order (what mail clients expect).  With
 * --visual each finished line is reordered on its own (UAX #9 L1-L2 and
 * mirroring, as `fribidi` does) and a right-to-left line is right-aligned
 * to the width; --shape gives Arabic letters their presentation forms. */
#include "mahdar/export.h"
#include "mahdar/bidi.h"
#include "mahdar/buf.h"
#include "mahdar/layout.h"
#include "mahdar/txt.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT_TEXT_GAP 2	/* spaces between table columns */

static int export_text_width(const char *s)
{
	return ustr_width(s, strlen(s));
}

static void export_text_spaces(struct buf *out, int n)
{
	for (int i = 0; i < n; i++)
		buf_putc(out, ' ');
}

/* Append s[0..n) (already escaped) wrapped at width: the first row after
 * prefix p1, the others after p2, each row ending in a newline.  Rows end
 * at line-break opportunities; a word longer than a row is cut between
 * graphemes. */
static void export_text_wrap(const char *s, size_t n, int width, const char *p1, const char *p2,
			     struct buf *out)
{
	char *brk = xmalloc(n + 1);
	ustr_line_breaks(s, n, brk);
	const char *prefix = p1;
	size_t start = 0;
	for (;;) {
		while (start < n && s[start] == ' ')
			start++;
		if (start >= n)
			break;
		if (export_text_width(prefix) >= width) {
			/* No room after the prefix: the prefix on rows of its own. */
			export_text_wrap(prefix, strlen(prefix), width, "", "", out);
			prefix = "";
		}
		int avail = width - export_text_width(prefix);
		size_t best = 0;
		for (size_t i = start + 1; i <= n; i++) {
			if (i < n && !brk[i])
				continue;
			size_t e = i;
			while (e > start && s[e - 1] == ' ')
				e--;
			if (ustr_width(s + start, e - start) > avail)
				break;
			best = i;
		}
		if (best == 0) {	/* nothing fits: cut between graphemes */
			size_t g = start;
			int w = 0;
			while (g < n) {
				size_t nx = ustr_grapheme_next(s, n, g);
				int gw = ustr_width(s + g, nx - g);
				if (w + gw > avail && g > start)
					break;
				w += gw;
				g = nx;
			}
			best = g;
		}
		size_t e = best;
		while (e > start && s[e - 1] == ' ')
			e--;
		buf_puts(out, prefix);
		buf_append(out, s + start, e - start);
		buf_putc(out, '\n');
		start = best;
		prefix = p2;
	}
	free(brk);
}

/* s escaped into a new string; caller frees. */
static char *export_text_clean(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	export_escape(s, n, &b);
	return buf_steal(&b, NULL);
}

/* One blank line before the next block, unless at the top. */
static void export_text_gap(struct buf *out, int *need)
{
	if (*need && out->len > 0)
		buf_putc(out, '\n');
	*need = 0;
}

static void export_text_underlined(const char *s, size_t n, int width, char ch, struct buf *out)
{
	char *c = export_text_clean(s, n);
	size_t from = out->len;
	export_text_wrap(c, strlen(c), width, "", "", out);
	int w = 0;
	for (size_t i = from; i < out->len;) {	/* the widest row */
		size_t e = i;
		while (e < out->len && out->s[e] != '\n')
			e++;
		int rw = ustr_width(out->s + i, e - i);
		w = rw > w ? rw : w;
		i = e + 1;
	}
	for (int i = 0; i < w; i++)
		buf_putc(out, ch);
	buf_putc(out, '\n');
	free(c);
}

/* The header fields as an aligned block. */
static void export_text_header(const struct doc *d, int width, struct buf *out)
{
	int lw = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		char *l = export_text_clean(d->fields[i].label, strlen(d->fields[i].label));
		int w = export_text_width(l) + 1;
		lw = w > lw ? w : lw;
		free(l);
	}
	/* Labels longer than half the width: "Label: value" rows, unaligned. */
	int aligned = lw + EXPORT_TEXT_GAP <= width / 2;
	for (size_t i = 0; i < d->nfields; i++) {
		const struct doc_field *f = &d->fields[i];
		if (!aligned) {
			struct buf row = BUF_INIT;
			export_escape(f->label, strlen(f->label), &row);
			buf_puts(&row, ": ");
			export_escape(f->value, strlen(f->value), &row);
			export_text_wrap(row.s, row.len, width, "", "  ", out);
			buf_free(&row);
			continue;
		}
		struct buf p = BUF_INIT;
		export_escape(f->label, strlen(f->label), &p);
		buf_putc(&p, ':');
		export_text_spaces(&p, lw + EXPORT_TEXT_GAP - export_text_width(p.s));
		char *pad = xmalloc((size_t)(lw + EXPORT_TEXT_GAP) + 1);
		memset(pad, ' ', (size_t)(lw + EXPORT_TEXT_GAP));
		pad[lw + EXPORT_TEXT_GAP] = '\0';
		char *v = export_text_clean(f->value, strlen(f->value));
		if (*v == '\0') {
			buf_append(out, p.s, p.len);
			while (out->len > 0 && out->s[out->len - 1] == ' ')
				out->len--;
			buf_putc(out, '\n');
		} else {
			export_text_wrap(v, strlen(v), width, p.s, pad, out);
		}
		free(v);
		free(pad);
		buf_free(&p);
	}
}

/* Rows of s wrapped at w columns, as an array of strings (NULL-ended). */
static char **export_text_cell(const char *s, int w, size_t *nrows)
{
	struct buf b = BUF_INIT;
	char *c = export_text_clean(s, strlen(s));
	export_text_wrap(c, strlen(c), w, "", "", &b);
	free(c);
	size_t n = 0;
	for (size_t i = 0; i < b.len; i++)
		n += b.s[i] == '\n';
	char **rows = xcalloc(n + 2, sizeof *rows);
	size_t k = 0, i = 0;
	while (i < b.len) {
		size_t e = i;
		while (b.s[e] != '\n')
			e++;
		rows[k++] = xstrndup(b.s + i, e - i);
		i = e + 1;
	}
	if (k == 0)
		rows[k++] = xstrdup("");
	*nrows = k;
	buf_free(&b);
	return rows;
}

static void export_text_rows_free(char **rows)
{
	for (size_t i = 0; rows != NULL && rows[i] != NULL; i++)
		free(rows[i]);
	free(rows);
}

/* One table row: cells wrapped to their columns, padded by display width. */
static void export_text_table_row(const char *const cell[4], const int w[4], struct buf *out)
{
	char **rows[4];
	size_t n[4], h = 0;
	for (int c = 0; c < 4; c++) {
		rows[c] = export_text_cell(cell[c], w[c], &n[c]);
		h = n[c] > h ? n[c] : h;
	}
	for (size_t r = 0; r < h; r++) {
		size_t line = out->len;
		for (int c = 0; c < 4; c++) {
			const char *t = r < n[c] ? rows[c][r] : "";
			buf_puts(out, t);
			if (c < 3)
				export_text_spaces(out, w[c] - export_text_width(t) + EXPORT_TEXT_GAP);
		}
		while (out->len > line && out->s[out->len - 1] == ' ')
			out->len--;
		buf_putc(out, '\n');
	}
	for (int c = 0; c < 4; c++)
		export_text_rows_free(rows[c]);
}

static int export_text_cell_width(const char *s)
{
	char *c = export_text_clean(s, strlen(s));
	int w = export_text_width(c);
	free(c);
	return w;
}

/* Too narrow for a table: each action as an item, then "Owner: …, Due:
 * …, Status: …" under it. */
static void export_text_action_list(const struct doc *d, int sec, int lang, int width, struct buf *out)
{
	const char *comma = lang == DOC_LANG_AR || lang == DOC_LANG_FA ? "، " : ", ";
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec || r->kind != DOC_REC_ACTION)
			continue;
		char *t = export_text_clean(r->text, strlen(r->text));
		export_text_wrap(t, strlen(t), width, "- ", "  ", out);
		free(t);
		struct buf m = BUF_INIT;
		buf_printf(&m, "%s: %s", export_phrase(EXPORT_P_OWNER, lang), r->owner != NULL ? r->owner : "");
		if (r->due != NULL)
			buf_printf(&m, "%s%s: %s", comma, export_phrase(EXPORT_P_DUE, lang), r->due);
		buf_printf(&m, "%s%s: %s", comma, export_phrase(EXPORT_P_STATUS, lang),
			   export_status_word(export_line_status(d, r->line), lang));
		char *c = export_text_clean(m.s, m.len);
		export_text_wrap(c, strlen(c), width, "  ", "  ", out);
		free(c);
		buf_free(&m);
	}
}

/* The decisions of section sec as a list, then its action items as a
 * table (or, when the width is too narrow for one, a list). */
static void export_text_recs(const struct doc *d, int sec, int lang, int width, struct buf *out,
			     int *need)
{
	size_t nact = 0, ndec = 0;
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec)
			continue;
		if (r->kind != DOC_REC_ACTION) {
			char *t = export_text_clean(r->text, strlen(r->text));
			if (r->has_votes) {
				char *v = xasprintf("%s (%s: %d-%d-%d)", t, txt_label(DOC_KEY_VOTES, lang),
						    r->votes[0], r->votes[1], r->votes[2]);
				free(t);
				t = v;
			}
			export_text_wrap(t, strlen(t), width, "- ", "  ", out);
			free(t);
			ndec++;
		} else {
			nact++;
		}
	}
	if (nact == 0)
		return;
	const char *head[4] = {
		export_phrase(EXPORT_P_ITEM, lang), export_phrase(EXPORT_P_OWNER, lang),
		export_phrase(EXPORT_P_DUE, lang), export_phrase(EXPORT_P_STATUS, lang),
	};
	int w[4];
	for (int c = 1; c < 4; c++)
		w[c] = export_text_width(head[c]);
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec || r->kind != DOC_REC_ACTION)
			continue;
		int ow = export_text_cell_width(r->owner != NULL ? r->owner : "");
		int dw = export_text_cell_width(r->due != NULL ? r->due : "");
		int sw = export_text_width(export_status_word(export_line_status(d, r->line), lang));
		w[1] = ow > w[1] ? ow : w[1];
		w[2] = dw > w[2] ? dw : w[2];
		w[3] = sw > w[3] ? sw : w[3];
	}
	/* Owner and due may wrap too, when long; the item takes the rest. */
	int cap = width / 4;
	w[1] = w[1] > cap ? cap : w[1];
	w[2] = w[2] > cap ? cap : w[2];
	w[0] = width - w[1] - w[2] - w[3] - 3 * EXPORT_TEXT_GAP;
	if (ndec > 0) {
		*need = 1;
		export_text_gap(out, need);
	}
	if (w[0] < 10) {
		export_text_action_list(d, sec, lang, width, out);
		return;
	}
	export_text_table_row(head, w, out);
	for (int c = 0; c < 4; c++) {
		for (int k = 0; k < w[c]; k++)
			buf_putc(out, '-');
		if (c < 3)
			export_text_spaces(out, EXPORT_TEXT_GAP);
	}
	buf_putc(out, '\n');
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct doc_rec *r = &d->recs[i];
		if (doc_line_section(d, r->line) != sec || r->kind != DOC_REC_ACTION)
			continue;
		const char *cell[4] = {
			r->text, r->owner != NULL ? r->owner : "", r->due != NULL ? r->due : "",
			export_status_word(export_line_status(d, r->line), lang),
		};
		export_text_table_row(cell, w, out);
	}
}

static void export_text_agenda_item(const struct doc *d, long k, int width, struct buf *out)
{
	int nw = 0;
	for (size_t i = 0; i < d->nagenda; i++) {
		int w = export_text_cell_width(d->agenda[i].number_text);
		nw = w > nw ? w : nw;
	}
	const struct doc_agenda *a = &d->agenda[k];
	struct buf p = BUF_INIT;
	char *num = export_text_clean(a->number_text, strlen(a->number_text));
	export_text_spaces(&p, nw - export_text_width(num));
	buf_puts(&p, num);
	buf_puts(&p, ". ");
	char *pad = xmalloc((size_t)nw + 3);
	memset(pad, ' ', (size_t)nw + 2);
	pad[nw + 2] = '\0';
	char *t = export_text_clean(a->text, strlen(a->text));
	export_text_wrap(t, strlen(t), width, p.s, pad, out);
	free(t);
	free(pad);
	free(num);
	buf_free(&p);
}

/* Approval and amendments, in lang. */
static void export_text_approval(const struct doc *d, int lang, int width, struct buf *out, int *need)
{
	char *s = export_approval(d, lang);
	if (s != NULL) {
		*need = 1;
		export_text_gap(out, need);
		char *c = export_text_clean(s, strlen(s));
		export_text_wrap(c, strlen(c), width, "", "", out);
		free(c);
		free(s);
	}
	if (d->namends == 0)
		return;
	*need = 1;
	export_text_gap(out, need);
	const char *h = export_phrase(EXPORT_P_AMENDMENTS, lang);
	export_text_underlined(h, strlen(h), width, '-', out);
	for (size_t i = 0; i < d->namends; i++) {
		const struct doc_amend *a = &d->amends[i];
		char *t = export_amendment(a, lang);
		char *c = export_text_clean(t, strlen(t));
		export_text_wrap(c, strlen(c), width, "- ", "  ", out);
		free(c);
		free(t);
	}
}

/* Reorder (and shape) every line of in into out; see the file comment. */
static void export_text_visual(const char *in, size_t len, int width, int visual, int shape,
			       struct buf *out)
{
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && in[e] != '\n')
			e++;
		size_t n = e - i;
		uint32_t *cp = xmalloc((n + 1) * sizeof *cp);
		uint32_t *types = xmalloc((n + 1) * sizeof *types);
		uint8_t *lev = xmalloc(n + 1), *scratch = xmalloc(n + 1);
		size_t *vis = xmalloc((n + 1) * sizeof *vis);
		size_t k = ustr_decode_all(in + i, n, cp, NULL);
		for (size_t j = 0; j < k; j++)
			if (cp[j] > 0x10FFFF)
				cp[j] = 0xFFFD;	/* cannot happen: the text is escaped */
		int dir = layout_reorder(cp, k, LAYOUT_AUTO, 1, lev, vis);
		if (shape) {
			bidi_classify(cp, k, types);
			bidi_shape(types, lev, k, scratch, cp);
		}
		struct buf line = BUF_INIT;
		for (size_t j = 0; j < k; j++) {
			size_t at = visual ? vis[j] : j;
			uint32_t c = cp[at];
			if (visual && (lev[at] & 1))
				c = bidi_mirror(c);
			char enc[4];
			buf_append(&line, enc, ustr_encode(c, enc));
		}
		if (visual && dir == LAYOUT_RTL)
			export_text_spaces(out, width - ustr_width(line.s != NULL ? line.s : "", line.len));
		buf_append(out, line.s != NULL ? line.s : "", line.len);
		buf_putc(out, '\n');
		buf_free(&line);
		free(cp);
		free(types);
		free(lev);
		free(scratch);
		free(vis);
		i = e + 1;
	}
}

/* In a right-to-left document, the rows the export lays out itself — title
 * and headings with their underlines, the header block, agenda items, the
 * action table, approval — are right-to-left rows even when one starts with
 * a Latin name or holds no letter at all: a RIGHT-TO-LEFT MARK starts
 * each row of out (from byte `from` on) that would otherwise be read
 * left-to-right, so that a bidi viewer (and --visual) keeps the columns,
 * the indents and the underlines on the document's side.  Paragraphs of
 * free text keep their own direction. */
static void export_text_rtl_rows(struct buf *out, size_t from)
{
	if (from >= out->len)
		return;
	char *tail = xstrndup(out->s + from, out->len - from);
	size_t n = out->len - from;
	out->len = from;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && tail[e] != '\n')
			e++;
		if (e > i && export_text_dir(tail + i, e - i, DOC_DIR_LTR) != DOC_DIR_RTL)
			buf_puts(out, "\xE2\x80\x8F");
		buf_append(out, tail + i, e - i + (e < n));
		i = e + 1;
	}
	free(tail);
}

void export_text(const struct doc *d, const struct export_opts *o, struct buf *out)
{
	int width = o->width >= 20 ? o->width : 72;
	int lang = doc_language(d);
	int rtl = doc_lang_rtl(lang) || d->dir_detected == DOC_DIR_RTL;
	struct buf b = BUF_INIT;
	int need = 0, header_done = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		size_t from = b.len;
		switch (l->kind) {
		case DOC_K_TITLE:
			export_text_gap(&b, &need);
			export_text_underlined(d->title, strlen(d->title), width, '=', &b);
			need = 1;
			break;
		case DOC_K_HEADER:
			if (!header_done) {
				export_text_gap(&b, &need);
				export_text_header(d, width, &b);
				header_done = 1;
				need = 1;
			}
			break;
		case DOC_K_HEADING: {
			need = 1;
			export_text_gap(&b, &need);
			const struct doc_section *s = &d->sections[doc_line_section(d, i)];
			export_text_underlined(s->heading, strlen(s->heading), width, '-', &b);
			break;
		}
		case DOC_K_AGENDA: {
			long k = export_agenda_at(d, i);
			if (k >= 0) {
				export_text_gap(&b, &need);
				export_text_agenda_item(d, k, width, &b);
			}
			break;
		}
		case DOC_K_REC: {
			/* The whole list and table at the section's first item. */
			if (export_recs_start(d, i)) {
				export_text_gap(&b, &need);
				export_text_recs(d, doc_line_section(d, i), lang, width, &b, &need);
			}
			break;
		}
		case DOC_K_BLANK:
			need = 1;
			break;
		default: {
			export_text_gap(&b, &need);
			char *c = export_text_clean(doc_line_str(d, l), l->len);
			export_text_wrap(c, strlen(c), width, "", "", &b);
			free(c);
			continue;	/* its own direction */
		}
		}
		if (rtl)
			export_text_rtl_rows(&b, from);
	}
	size_t from = b.len;
	export_text_approval(d, lang, width, &b, &need);
	if (rtl)
		export_text_rtl_rows(&b, from);
	if (o->visual || o->shape)
		export_text_visual(b.s != NULL ? b.s : "", b.len, width, o->visual, o->shape, out);
	else
		buf_append(out, b.s != NULL ? b.s : "", b.len);
	buf_free(&b);
}
