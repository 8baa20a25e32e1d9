/* export: a minutes document turned into text for people — plain text for
 * mail and print, Markdown, a standalone HTML page.  Pure: no files, no
 * terminal; every writer returns the bytes.  (JSON is the sidecar's own
 * writer, side_write().)
 *
 * One writer per file: export-text.c, export-md.c, export-html.c; this
 * header also holds what they share (export.c). */
#ifndef MAHDAR_EXPORT_H
#define MAHDAR_EXPORT_H

#include <stddef.h>

#include "mahdar/doc.h"

struct buf;

enum export_format { EXPORT_TEXT = 0, EXPORT_MARKDOWN, EXPORT_HTML, EXPORT_JSON };

struct export_opts {
	int format;	/* enum export_format (not EXPORT_JSON) */
	int width;	/* text: wrap paragraphs at this many columns (>= 20) */
	int visual;	/* text: visual order, right-to-left lines right-aligned */
	int shape;	/* text: Arabic presentation forms */
};

/* "text", "markdown" (or "md"), "html", "json" -> enum export_format, or -1. */
int export_format_parse(const char *name);

/* d as text in o->format; *len set.  Control characters and escape bytes
 * of the file never appear raw: they are written as visible symbols.
 * Caller frees. */
char *export_doc(const struct doc *d, const struct export_opts *o, size_t *len);

/* The writers. */
void export_text(const struct doc *d, const struct export_opts *o, struct buf *out);
void export_markdown(const struct doc *d, struct buf *out);
void export_html(const struct doc *d, struct buf *out);

/* Phrases of the exports, per document language. */
enum export_phrase {
	EXPORT_P_ITEM, EXPORT_P_OWNER, EXPORT_P_DUE, EXPORT_P_STATUS, EXPORT_P_OPEN, EXPORT_P_DONE, EXPORT_P_DROPPED,
	EXPORT_P_ACTIONS,	/* heading of the action table */
	EXPORT_P_APPROVED,	/* "Approved on %1$s by %2$s." */
	EXPORT_P_AMENDMENTS,	/* heading */
	EXPORT_P_AMENDMENT,	/* "%1$s, %2$s: %3$s" — date, by whom, reason */
	EXPORT_P_FOLLOWUP,	/* the carried-over agenda item */
	EXPORT_P_COUNT
};
const char *export_phrase(int phrase, int lang);
/* The status word of an action in lang. */
const char *export_status_word(int status, int lang);

/* Language and direction of a piece of text, from its own letters: "he"
 * for Hebrew, "fa" or "ar" for Arabic script (Persian when it has Persian
 * letters, or the document is Persian), "en" for Latin; fallback when it
 * has no letters.  Direction from its first strong character (UAX #9
 * P2-P3), fallback_dir when none. */
int export_text_lang(const char *s, size_t n, int fallback);
int export_text_dir(const char *s, size_t n, int fallback_dir);

/* Append s[0..n) to out with unsafe code points as symbols (ustr_escape). */
void export_escape(const char *s, size_t n, struct buf *out);

/* Status of the item on line i (open when it has none). */
int export_line_status(const struct doc *d, size_t line);
/* Index in d->agenda / d->recs of the item on line i, or -1. */
long export_agenda_at(const struct doc *d, size_t line);
long export_rec_at(const struct doc *d, size_t line);
/* Is line i the first recommendation of its section (where a writer puts
 * the section's list and table)? */
int export_recs_start(const struct doc *d, size_t line);
/* The approval sentence ("Approved on … by ….") in lang, or NULL when d is
 * not final; one amendment as a line.  Caller frees. */
char *export_approval(const struct doc *d, int lang);
char *export_amendment(const struct doc_amend *a, int lang);

#endif
