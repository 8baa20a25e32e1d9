/* doc: the minutes document model.  No I/O, no terminal, no JSON.
 *
 * A document is an array of lines; the lines are the document of record and
 * hold the exact bytes of the file (invalid UTF-8 included) and each line's
 * own terminator, so writing them back gives the same bytes.
 *
 * The minutes structure (title, header fields, attendance, sections, agenda,
 * recommendations) is *derived* from the lines by txt_analyse() and is
 * rebuilt after edits; it refers to lines by index.
 *
 * What plain text cannot carry (item ids, action status, carried-from,
 * per-line timestamps) lives in a struct doc_attr in a side table of the
 * document, keyed by line and moved with its line as other lines come and
 * go: an edit elsewhere, or an edit of the item's own text, keeps its id
 * and status.
 */
#ifndef MAHDAR_DOC_H
#define MAHDAR_DOC_H

#include <stddef.h>
#include <stdint.h>

enum doc_eol { DOC_EOL_NONE = 0, DOC_EOL_LF = 1, DOC_EOL_CRLF = 2 };

/* What txt_analyse() found on a line. */
enum doc_kind {
	DOC_K_FREE = 0,	/* free text */
	DOC_K_BLANK,	/* empty or only spaces */
	DOC_K_TITLE,	/* "# title" on line 1 */
	DOC_K_HEADER,	/* "Label: value" before the first section */
	DOC_K_HEADING,	/* "## heading" */
	DOC_K_AGENDA,	/* "N. text" in the agenda section */
	DOC_K_REC,	/* "- text — owner: …" in the recommendations section */
};

/* Known labels (FORMAT.md "Known labels"), in table order. */
enum doc_key {
	DOC_KEY_NONE = -1,
	DOC_KEY_DATE, DOC_KEY_TIME, DOC_KEY_PLACE, DOC_KEY_CHAIR, DOC_KEY_SECRETARY,
	DOC_KEY_PRESENT, DOC_KEY_APOLOGIES, DOC_KEY_GUESTS, DOC_KEY_NEXT,
	DOC_KEY_OWNER, DOC_KEY_DUE, DOC_KEY_VOTES,
	DOC_KEY_MEMBERS,	/* how many members the body has (for the quorum); after the spec's keys */
	DOC_KEY_COUNT
};

/* Known sections, in table order. */
enum doc_sec {
	DOC_SEC_NONE = -1,
	DOC_SEC_OPENING, DOC_SEC_AGENDA, DOC_SEC_DISCUSSION, DOC_SEC_RECOMMENDATIONS,
	DOC_SEC_CLOSING,
	DOC_SEC_COUNT
};

enum doc_lang { DOC_LANG_NONE = -1, DOC_LANG_EN, DOC_LANG_AR, DOC_LANG_FA, DOC_LANG_HE, DOC_LANG_COUNT };
enum doc_dir { DOC_DIR_LTR = 0, DOC_DIR_RTL = 1 };
enum doc_att { DOC_ATT_PRESENT, DOC_ATT_APOLOGIES, DOC_ATT_GUESTS, DOC_ATT_COUNT };
enum doc_status { DOC_ST_OPEN = 0, DOC_ST_DONE, DOC_ST_DROPPED };
enum doc_rec_kind { DOC_REC_ACTION = 0, DOC_REC_DECISION };
enum doc_severity { DOC_NOTE = 0, DOC_ERROR = 1 };
/* Calendar of a written date. */
enum doc_cal { DOC_CAL_GREGORIAN = 0, DOC_CAL_PERSIAN, DOC_CAL_ISLAMIC, DOC_CAL_HEBREW };

/* Sidecar data attached to one line. */
struct doc_attr {
	char *id;	/* item id ("a2", "r5"), or NULL */
	int status;	/* enum doc_status (recommendations) */
	char *from;	/* meeting id an action was carried from, or NULL */
	char *stamp;	/* ISO 8601 time the line was written, or NULL */
};

/* One line: 16 bytes, so that a 200,000-line document's records take
 * 3.2 MB.  d->lines holds them by value: a record moves when lines are
 * inserted or deleted before it, so a struct doc_line * is valid only
 * until the next change of the document, and a record's address is no
 * identity (its stamp is).  A line is shorter than 4 GiB (DOC_LINE_MAX; a
 * file is at most FIO_MAX_SIZE, and an edit that would make a longer line
 * stops mahdar like an allocation that fails, its recovery journal written
 * first). */
struct doc_line {
	uint32_t at;		/* where the bytes are, NUL-terminated (NUL not
				 * counted): an offset in doc->arena (doc_lines_load)
				 * until first changed, then DOC_LINE_OWN | the index of
				 * a buffer of the line's own in doc->own (its size
				 * follows from len: doc.c) */
	uint32_t len;
	uint32_t stamp;		/* the line version's own number: every line gets one
				 * at load and a fresh one (++doc->gen) at every change
				 * of its bytes, so stamp > G means changed after doc
				 * gen G, and equal stamps mean the same bytes (a cache
				 * key) */
	unsigned eol : 2;	/* enum doc_eol: this line's own terminator */
	unsigned kind : 3;	/* enum doc_kind, derived */
	unsigned invalid : 1;	/* holds invalid UTF-8; derived (valid while !doc->stale) */
	unsigned scanned : 1;	/* letters holds txt's count of this line's letters per
				 * script (cleared when the bytes change) */
	unsigned letters : 24;	/* txt's, packed (txt-analyse.c) */
};
_Static_assert(sizeof(struct doc_line) == 16, "a line record is 16 bytes");

/* doc_line.at of a line with a buffer of its own. */
#define DOC_LINE_OWN UINT32_C(0x80000000)

/* The longest line, in bytes. */
#define DOC_LINE_MAX ((size_t)UINT32_MAX - 1)

struct doc_field {		/* a header line "Label: value" */
	int key;		/* enum doc_key, DOC_KEY_NONE for an extra label */
	char *label;		/* as written */
	char *value;		/* as written */
	size_t line;
};

struct doc_person {
	char *name;
	char *role;		/* text in parentheses after the name, or NULL */
};

struct doc_people {
	struct doc_person *v;
	size_t n, cap;
	size_t line;		/* header line it came from, or (size_t)-1 */
};

struct doc_section {
	int key;		/* enum doc_sec, DOC_SEC_NONE for an extra section */
	char *heading;		/* as written after "## ", NULL for text before the first heading */
	size_t line;		/* heading line, (size_t)-1 for the preamble */
	size_t first, end;	/* body lines [first, end) */
};

struct doc_agenda {
	size_t line;
	long number;		/* value of N, whatever its digits */
	char *number_text;	/* N as written */
	char *text;
};

struct doc_rec {
	size_t line;
	int kind;		/* enum doc_rec_kind */
	char *text;		/* without bullet and metadata */
	char *owner, *due;	/* as written, or NULL */
	char *due_iso;		/* normalised Gregorian date, or NULL */
	int has_votes;
	int votes[3];		/* for, against, abstain */
};

/* A change made to final minutes (sidecar "amendments"). */
struct doc_amend {
	char *on;		/* ISO date */
	char *by;		/* who, or NULL */
	char *reason;
};

struct doc_problem {
	size_t line;		/* 0-based; (size_t)-1 for the whole file */
	int severity;		/* enum doc_severity */
	char *msg;
};

/* A line's item data, in doc->attrs (sorted by line). */
struct doc_attr_at {
	size_t line;
	struct doc_attr *a;
};

struct doc {
	struct doc_line *lines;
	size_t nlines, cap;
	uint32_t gen;		/* bumped by every change of the lines (a cache
				 * key; wraps after 4 billion changes) */
	/* The last change of a line's bytes (doc_line_splice): the version
	 * it replaced, which no line holds any more, and the new one; so
	 * that a cache keyed by stamps gives the old one's place to the new
	 * (a key typed). */
	uint32_t replaced_stamp, replacing_stamp;
	/* The lines changed, inserted or deleted since doc_mark_clear(): every
	 * line outside [mark_lo, mark_hi) (today's indices) is as it was, in
	 * the same order, before and after the range (for the recovery
	 * journal: what to write costs nothing to find). */
	int marked;
	size_t mark_lo, mark_hi;
	int attrs_changed;	/* item data (doc_line_attr_swap) changed since the recovery
				 * journal last wrote it */
	int modified;		/* changed since loaded or saved */
	int stale;		/* structure out of date: call txt_analyse() */

	/* Derived by txt_analyse(). */
	char *title;		/* NULL when line 1 is not "# …" */
	size_t title_line;
	struct doc_field *fields;
	size_t nfields, fields_cap;
	struct doc_people att[DOC_ATT_COUNT];
	struct doc_section *sections;
	size_t nsections, sections_cap;
	struct doc_agenda *agenda;
	size_t nagenda, agenda_cap;
	struct doc_rec *recs;
	size_t nrecs, recs_cap;
	char *date_iso;		/* of the Date field, or NULL */
	char *date_end_iso;	/* last day when the Date field is a range, or NULL */
	int calendar;		/* enum doc_cal of the Date field */
	int lang_detected;	/* enum doc_lang */
	int dir_detected;	/* enum doc_dir */
	struct doc_problem *problems;
	size_t nproblems, problems_cap;

	/* Carried by the sidecar. */
	int lang;		/* declared language, DOC_LANG_NONE if none */
	int final;		/* status "final" rather than "draft" */
	char *approved_on, *approved_by;
	struct doc_amend *amends;	/* in the order they were made */
	size_t namends, amends_cap;
	char *created, *modified_at;
	long members;		/* meta.members as a number, for a text without a Members field; 0: none */
	/* What the last sidecar read held beyond what mahdar writes (other
	 * tools' keys, at any depth), for side_write() to keep: opaque JSON
	 * text, or NULL. */
	char *side_kept;

	/* The bytes of the lines read at once (doc_lines_load), one
	 * allocation for the whole file; and the buffers of lines changed
	 * since (a free slot is NULL, its index on the free list). */
	char *arena;
	size_t arena_len;
	char **own;
	size_t nown, own_cap;
	uint32_t *own_free;
	size_t nown_free, own_free_cap;

	/* Item data of the lines that have some (sparse), by line index:
	 * inserting or deleting lines moves the entries after them, so the
	 * data follows its line. */
	struct doc_attr_at *attrs;
	size_t nattrs, attrs_cap;

	/* Item ids: highest number ever given or seen, per prefix ('a', 'r');
	 * see doc_id_new(). */
	unsigned long id_mark_a, id_mark_r;
};

/* A new empty document (no lines).  Free with doc_free(). */
struct doc *doc_new(void);
void doc_free(struct doc *d);

/* Forget the marked range: nothing has changed since now. */
void doc_mark_clear(struct doc *d);

/* Insert a line before index at (at == nlines appends).  Returns it. */
struct doc_line *doc_line_insert(struct doc *d, size_t at, const char *s, size_t len, int eol);
void doc_line_delete(struct doc *d, size_t at);
/* Append the lines of bytes[0..len) as a text file holds them: each ends at
 * a LF (its terminator DOC_EOL_LF, or DOC_EOL_CRLF after a CR), the last one
 * perhaps at the end (DOC_EOL_NONE).  One copy of the bytes and one block of
 * lines for the lot, however many lines. */
void doc_lines_load(struct doc *d, const char *bytes, size_t len);
/* The same, made in bytes itself, which d takes (a malloc'd block of at
 * least len + 1 bytes; freed with d): no copy of a 20 MB file. */
void doc_lines_adopt(struct doc *d, char *bytes, size_t len);
/* Replace the bytes of line i. */
void doc_line_set(struct doc *d, size_t i, const char *s, size_t len);
/* Replace del bytes at off in line i with len bytes of s. */
void doc_line_splice(struct doc *d, size_t i, size_t off, size_t del, const char *s, size_t len);
/* Set line i's terminator. */
void doc_line_set_eol(struct doc *d, size_t i, int eol);
/* Free attributes detached from their line (NULL is a no-op). */
void doc_attr_free(struct doc_attr *a);
/* A copy of a (NULL for NULL); free with doc_attr_free(). */
struct doc_attr *doc_attr_dup(const struct doc_attr *a);
/* Give line i the attributes a (NULL: none) and return its old ones (the
 * caller's now); a change of the document like one of its bytes. */
struct doc_attr *doc_line_attr_swap(struct doc *d, size_t i, struct doc_attr *a);
/* The same without counting as a change (for undo, which moves item data
 * with the lines it takes out and puts back). */
struct doc_attr *doc_attr_set(struct doc *d, size_t i, struct doc_attr *a);
/* The line's attributes, created empty on first use. */
struct doc_attr *doc_line_attr(struct doc *d, size_t i);
/* Terminator to give new lines: the most common one, LF if none. */
int doc_eol_default(const struct doc *d);
/* Item ids are "a<n>" (agenda) and "r<n>" (recommendations).  d keeps a
 * high-water mark per prefix, so an id once given or seen is never given
 * again, even after its item is deleted. */
/* A fresh id "<prefix><n>", n one past the mark of prefix ('a' or 'r');
 * raises the mark.  Caller frees. */
char *doc_id_new(struct doc *d, char prefix);
/* Raise the mark to cover id, if it has the form "a<n>" or "r<n>". */
void doc_id_note(struct doc *d, const char *id);
/* Raise the mark of prefix to at least n. */
void doc_id_reserve(struct doc *d, char prefix, unsigned long n);
/* The mark of prefix: the highest number given or seen (0 if none). */
unsigned long doc_id_mark(const struct doc *d, char prefix);
/* Line index of the item with this id, or (size_t)-1. */
size_t doc_find_id(const struct doc *d, const char *id);
/* Language the document is in: declared, else detected. */
int doc_language(const struct doc *d);

/* Record an amendment (copies the strings; by may be NULL). */
void doc_amend_add(struct doc *d, const char *on, const char *by, const char *reason);
void doc_amends_clear(struct doc *d);

/* Derived-structure builders, for txt_analyse(). */
void doc_structure_clear(struct doc *d);
struct doc_field *doc_field_add(struct doc *d);
struct doc_person *doc_person_add(struct doc_people *p);
struct doc_section *doc_section_add(struct doc *d);
struct doc_agenda *doc_agenda_add(struct doc *d);
struct doc_rec *doc_rec_add(struct doc *d);
void doc_problem_add(struct doc *d, size_t line, int severity, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The first header field with this key, or NULL. */
const struct doc_field *doc_field_get(const struct doc *d, int key);

/* Names used in the sidecar and on the command line. */
const char *doc_key_name(int key);		/* "date", … */
const char *doc_sec_name(int sec);		/* "opening", …; NULL for DOC_SEC_NONE */
const char *doc_lang_code(int lang);		/* "en", "ar", "fa", "he"; NULL for none */
int doc_lang_parse(const char *code);		/* DOC_LANG_NONE if unknown */
int doc_lang_rtl(int lang);			/* 1 for a right-to-left language (ar, fa, he) */
const char *doc_status_name(int status);	/* "open", "done", "dropped" */
int doc_status_parse(const char *s);		/* -1 if unknown */
const char *doc_att_name(int att);		/* "present", "apologies", "guests" */
const char *doc_cal_name(int cal);		/* NULL, "persian", "islamic-civil", "hebrew" */

/* Access to the lines.  A pointer returned is valid until the next change
 * of the document. */
static inline const char *doc_line_str(const struct doc *d, const struct doc_line *l)
{
	return (l->at & DOC_LINE_OWN) ? d->own[l->at & ~DOC_LINE_OWN] : d->arena + l->at;
}

static inline const char *doc_line_text(const struct doc *d, size_t i)
{
	return doc_line_str(d, &d->lines[i]);
}

static inline size_t doc_line_len(const struct doc *d, size_t i)
{
	return d->lines[i].len;
}

static inline struct doc_line *doc_line_at(const struct doc *d, size_t i)
{
	return &d->lines[i];
}

/* Line i's item data, or NULL. */
struct doc_attr *doc_attr_of(const struct doc *d, size_t i);
/* Index in d->sections of the section line i belongs to (its heading or
 * body, as of the last txt_analyse()), -1 for none (title, header). */
int doc_line_section(const struct doc *d, size_t i);

#endif
