/* txt: the plain-text minutes format (FORMAT.md section 1), lossless.
 *
 * txt_read() splits bytes into lines, keeping each line's terminator, and
 * analyses the structure; txt_write() puts the lines back.  Reading then
 * writing any bytes at all gives the same bytes. */
#ifndef MAHDAR_TXT_H
#define MAHDAR_TXT_H

#include <stddef.h>
#include <stdint.h>

#include "mahdar/doc.h"

/* A new document from the bytes of a text file (any bytes).  Structure is
 * analysed.  Caller frees with doc_free(). */
struct doc *txt_read(const char *bytes, size_t len);

/* The document's lines as file bytes; caller frees. */
char *txt_write(const struct doc *d, size_t *len);
/* The same bytes handed to emit a megabyte or so at a time (emit returns 0,
 * or nonzero to stop), without a buffer of the whole text.  Their number,
 * or (size_t)-1 when emit stopped. */
size_t txt_write_to(const struct doc *d, int (*emit)(const char *bytes, size_t n, void *ctx), void *ctx);

/* Rebuild d's derived structure (title, fields, attendance, sections,
 * agenda, recommendations, detected language, problems) from its lines.
 * Items that have no id get a fresh one.  Clears d->stale. */
void txt_analyse(struct doc *d);

/* What line index (bytes s[0..n)) is as far as the line alone tells:
 * DOC_K_TITLE ("# " on the first line), DOC_K_HEADING ("## "), else
 * DOC_K_FREE.  txt_analyse() gives those lines the same kinds; this needs
 * no analysis of the whole document (the editor draws headings bold). */
int txt_line_kind(const char *s, size_t n, size_t index);

/* The label or heading a new document in this language uses. */
const char *txt_label(int key, int lang);
const char *txt_heading(int sec, int lang);

/* Which known label this is (trimmed, case-insensitive for Latin), or DOC_KEY_NONE. */
int txt_label_key(const char *s, size_t len);
/* Which known section this heading names, or DOC_SEC_NONE. */
int txt_heading_key(const char *s, size_t len);

/* Value of a digit in ASCII, Arabic-Indic or Extended Arabic-Indic
 * (Persian), else -1. */
int txt_digit(uint32_t c);

/* s[0..n) folded as labels and headings are matched (fold_char(),
 * FOLD_LOOSE; runs of spaces one space, none at the ends) into
 * out[0..max) as code points.
 * Returns the folded length, or max + 1 when it is longer than max. */
size_t txt_fold(const char *s, size_t n, uint32_t *out, size_t max);

/* For a heading s[0..n) (without "## ") that names no known section but
 * is close to one — a known heading with text typed onto its end
 * ("الختاماختتم"), or one or two letters off — the known heading it is
 * close to (a static string) and its section in *sec (may be NULL);
 * NULL otherwise.  For `check` and the editor's status line. */
const char *txt_heading_suggest(const char *s, size_t n, int *sec);

/* A new skeleton document in lang: title, header labels and section
 * headings of that language, the Date field holding date_text as given,
 * an empty body line under every heading.
 * Caller frees. */
struct doc *txt_skeleton(int lang, const char *date_text);

/* Where detail key (DOC_KEY_OWNER, DOC_KEY_DUE) of the recommendation line
 * s[0..n) ("- text — owner: X, due: Y") has its value: 1 and the value's
 * bytes [*start, *end).  0 when the line has details but not that one
 * (*start = *end = the end of the details, where ", due: Y" would go);
 * -1 when it has none (*start = *end = n, where " — owner: X" would go). */
int txt_rec_detail(const char *s, size_t n, int key, size_t *start, size_t *end);

/* Strip spaces, tabs and no-break spaces from both ends of s[0..*len);
 * returns the new start and updates *len. */
const char *txt_trim(const char *s, size_t *len);

/* The length of a recommendation's bullet ("- ", "* ", "• ") at the start
 * of s[0..n) (after blanks), or 0: in the recommendations section a line
 * with one is an item. */
size_t txt_bullet(const char *s, size_t n);

#endif
