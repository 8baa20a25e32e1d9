/* txt-int.h: what the files of the txt module (txt.c names, reading and
 * writing; txt-items.c agenda items, recommendations and people;
 * txt-analyse.c the walk over the lines) share.  Private to src/txt*.c. */
#ifndef MAHDAR_TXT_INT_H
#define MAHDAR_TXT_INT_H

#include "mahdar/txt.h"

#include <stddef.h>
#include <stdint.h>

#define TXT_LABEL_MAX_CHARS 40	/* longer "X: y" lines are sentences, not labels */

/* ------------------------------------------------------------ analysis */

/* What a heading's text (after "## ") was found to be: a document repeats
 * its few headings (a 200,000-line archive has 7,000 headings of 8 kinds),
 * and matching and suggesting fold the text each time. */
struct txt_head_memo {
	const char *s;			/* the text, in the line (unchanged during an analysis) */
	size_t n;
	int key, lang;			/* txt_lookup_heading()'s */
	const char *near;		/* txt_heading_suggest()'s, when key < 0 */
};
#define TXT_HEAD_MEMO 32

struct txt_scan {
	struct doc *d;
	struct txt_head_memo heads[TXT_HEAD_MEMO];
	size_t nheads;
	int votes[DOC_LANG_COUNT];	/* languages of matched labels and headings */
	size_t script[4];		/* strong letters: Latin, Arabic, Persian-only, Hebrew */
	/* Where the walk over the lines is (txt_analyse). */
	int in_header;			/* before the first "## " */
	int headed;			/* the file has a "## " heading somewhere */
	size_t si;			/* index of the current section, or (size_t)-1 */
	int seen[DOC_SEC_COUNT];	/* known sections met so far */
};

/* txt.c */
int txt_is_space(uint32_t c);
/* A trimmed copy of s[0..n).  Caller frees. */
char *txt_dup_trim(const char *s, size_t n);
/* Does s[0..n) start with prefix? */
int txt_starts(const char *s, size_t n, const char *prefix);
/* The length of a "Label:" at the start of s (0: none); *value gets where
 * the value starts and *nospace whether no space followed the colon. */
size_t txt_split_label(const char *s, size_t n, size_t *value, int *nospace);
/* Which known label / heading s[0..n) is (-1: none); *lang the language of
 * the alias that matched (may be NULL). */
int txt_lookup_label(const char *s, size_t n, int *lang);
int txt_lookup_heading(const char *s, size_t n, int *lang);

/* txt-items.c */
/* Is s[0..n) white space only? */
int txt_blank(const char *s, size_t n);
/* Read an attendance list into p. */
void txt_people(struct doc_people *p, const char *s, size_t n);
/* A recommendation (the text after its bullet) / an agenda item on line li. */
void txt_rec(struct txt_scan *sc, size_t li, const char *s, size_t n);
int txt_agenda(struct txt_scan *sc, size_t li, const char *s, size_t n);

#endif
