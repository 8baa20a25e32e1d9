/* draft: the pure logic behind drafting minutes live — what the header
 * form, the attendance editor, the agenda and the action-item form call.
 * No terminal, no files, no clock: the caller passes "now" in.
 *
 * Every function reads the document's structure (call txt_analyse() first
 * when d->stale) and writes text the way the document already does: its
 * language's labels, its digit system (ASCII, Arabic-Indic or Persian), its
 * calendar (Solar Hijri for a Persian document). */
#ifndef MAHDAR_DRAFT_H
#define MAHDAR_DRAFT_H

#include <stddef.h>

#include "mahdar/doc.h"

/* Digit systems. */
enum draft_digits { DRAFT_DIG_ASCII = 0, DRAFT_DIG_ARABIC, DRAFT_DIG_PERSIAN };

/* The wall clock, as the caller read it. */
struct draft_now {
	int y, m, d;		/* Gregorian date */
	int hh, mm;		/* time of day */
};

/* The language a new document gets from the locale: the first of LC_ALL,
 * LC_MESSAGES, LANG that is set ("ar_EG.UTF-8" -> ar, "iw" -> he); en when
 * none names ar, fa or he. */
int draft_locale_lang(void);

/* A new document in lang (any other value: en), dated now->y/m/d in the
 * language's calendar and digits, with a body line under every heading.
 * *line / *off (may be NULL) get where the cursor goes: the end of the
 * first header field that has no value yet.  Caller frees (doc_free). */
struct doc *draft_template(int lang, const struct draft_now *now, size_t *line, size_t *off);

/* The digit system the document writes numbers in: that of its agenda
 * numbers, else of its Date field, else its language's (Persian digits for
 * fa, ASCII otherwise). */
int draft_digits(const struct doc *d);

/* n (>= 0) written in digit system dig into out (NUL-terminated). */
void draft_number(long n, int dig, char *out, size_t outsz);

/* The Gregorian date gy-gm-gd written as the document writes dates: in
 * its Date field's calendar (Solar Hijri for a Persian document without
 * one) and digit system, "YYYY-MM-DD" or, for Solar Hijri, "YYYY/MM/DD". */
void draft_date_text(const struct doc *d, int gy, int gm, int gd, char *out, size_t outsz);

/* What a date field of a form holds when the user typed s[0..n):
 *   "today"/"اليوم"/"امروز"/"היום", "tomorrow" and its equivalents;
 *   "+3d", "+2w", "+3 days", "+٣ أيام", "+۲ هفته", "+2 שבועות" — days or
 *   weeks after the meeting's date (today when the document has none);
 *   "next meeting"/"الاجتماع القادم"/"جلسهٔ بعد"/"הישיבה הבאה" — the date
 *   of the document's "Next meeting" field.
 * On 0 out holds the date as draft_date_text() writes it.  1: s is not one
 * of these words (leave it as typed; it may be a date already).  -1: it
 * is, but names no date (no next meeting date yet): *cause says why
 * (caller frees). */
int draft_date_word(const struct doc *d, const char *s, size_t n, const struct draft_now *now,
		    char *out, size_t outsz, char **cause);

/* The same for a time field: "now"/"الآن"/"اکنون"/"עכשיו" -> "HH:MM" in the
 * document's digits (0); 1 when s is not such a word. */
int draft_time_word(const struct doc *d, const char *s, size_t n, const struct draft_now *now,
		    char *out, size_t outsz);

/* Quorum. */
struct draft_quorum {
	long present;		/* people in the Present field */
	long members;		/* from the Members field or the sidecar's meta.members; 0: unknown */
	long needed;		/* a majority of the members: members / 2 + 1; 0 when unknown */
	int met;		/* present >= needed (0 when unknown) */
};

/* How many members the body has: the Members field's number (any digits),
 * or the number of names it lists ("A; B; C"), else d->members; 0 if unknown. */
long draft_members(const struct doc *d);
void draft_quorum(const struct doc *d, struct draft_quorum *q);
/* The status line's "present 7 of 9 · quorum 5 ✓" in the document's
 * language and digits ("present 7" when the members are unknown).  Caller
 * frees. */
char *draft_quorum_text(const struct doc *d);

/* An edit list: replace del bytes at (line, off) by text.  Entries are in
 * document order and do not overlap; apply them last to first (or with
 * draft_edits_apply()) so that earlier offsets stay valid. */
struct draft_edit {
	size_t line, off, del;
	char *text;
};
struct draft_edits {
	struct draft_edit *v;
	size_t n, cap;
};
void draft_edits_free(struct draft_edits *e);
/* Apply e to d's lines (not undoable: the editor goes through edit.c). */
void draft_edits_apply(struct doc *d, const struct draft_edits *e);

/* Number the agenda items 1, 2, 3 … in the document's digit system,
 * keeping each item's "." or ")": the edits that make it so (none when
 * it already is).  Returns how many edits were added to *out. */
size_t draft_agenda_renumber(const struct doc *d, struct draft_edits *out);

/* What Enter at the end of agenda item `line` starts the next line with:
 * "N. " with N one more, in that item's digits and with its "." or ")".
 * 0 and the prefix in out; -1 when line is not an agenda item. */
int draft_agenda_next(const struct doc *d, size_t line, char *out, size_t outsz);

/* An action item or decision as the form's fields give it. */
struct draft_item {
	const char *text;	/* what is to be done / what was decided */
	const char *owner;	/* or NULL / "" for a decision */
	const char *due;	/* a date, a word of draft_date_word(), or NULL / "" */
	int has_votes;
	long votes[3];		/* for, against, abstain */
};

/* The recommendation line for it in the document's language and digits,
 * "- TEXT — OWNER-LABEL: X، DUE-LABEL: DATE، VOTES-LABEL: 7-1-0", without
 * terminator (caller frees).  NULL and *cause when the text is empty, the
 * due word names no date, or the votes add up to more than the people
 * present (when the Present field lists anyone). */
char *draft_item_line(const struct doc *d, const struct draft_item *it, const struct draft_now *now,
		      char **cause);

/* Status of action items: open -> done -> dropped -> open (the editor's
 * item-status command sets it as an undoable edit, edit_set_status()). */
int draft_status_next(int status);

/* People met in minutes, for completing names. */
struct draft_person {
	char *name;
	char *role;		/* the last role seen, or NULL */
	size_t count;		/* in how many places the name was seen */
};
struct draft_people {
	struct draft_person *v;
	size_t n, cap;
};
/* Add the people of d (chair, secretary, present, apologies, guests,
 * action owners); a name seen again is counted, not repeated. */
void draft_people_add(struct draft_people *p, const struct doc *d);
/* The same for the bytes of another minutes file (earlier minutes in the
 * same folder, read by the caller). */
void draft_people_add_text(struct draft_people *p, const char *bytes, size_t len);
/* Names starting with prefix[0..n) (case-insensitive for Latin; any word
 * of the name may match), most often seen first, at most max of them into
 * out[]; returns how many.  The strings stay p's. */
size_t draft_people_complete(const struct draft_people *p, const char *prefix, size_t n,
			     const char **out, size_t max);
void draft_people_free(struct draft_people *p);

/* Structure that holds.  The known sections d has, one bit per enum
 * doc_sec (1u << DOC_SEC_AGENDA, …). */
unsigned draft_section_mask(const struct doc *d);
/* What the status line says at once after an edit of line `line`, when
 * the edit hurt the structure: the line is a heading that names no known
 * section but is close to one ("did you mean"), or a known section that
 * d had before the edit (prev_mask, from draft_section_mask()) is gone.
 * NULL when all is well.  Caller frees. */
char *draft_structure_note(const struct doc *d, size_t line, unsigned prev_mask);

/* Elapsed meeting time "H:MM:SS" in the document's digits. */
void draft_elapsed_text(const struct doc *d, long seconds, char *out, size_t outsz);

#endif
