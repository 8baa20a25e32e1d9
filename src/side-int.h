/* side-int.h: what the files of the side module (side.c writing,
 * side-keep.c unknown keys, side-check.c limits and types, side-match.c
 * matching after an outside edit, side-apply.c reading) share.  Private to
 * them: nothing outside src/side*.c includes it. */
#ifndef MAHDAR_SIDE_INT_H
#define MAHDAR_SIDE_INT_H

#include "mahdar/side.h"
#include "mahdar/buf.h"
#include "mahdar/doc.h"
#include "mahdar/ustr.h"
#include "mahdar/util.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define SIDE_FORMAT "minutes"
#define SIDE_VERSION_NUMBER 1
#define SIDE_NO_MATCH ((size_t)-1)
/* Dice similarity needed to take an edited item for the old one: lower
 * when the owner is the same person, because then the item is much more
 * likely to be the same task reworded. */
#define SIDE_SIM_SAME_OWNER 0.5
#define SIDE_SIM_ANY 0.7
/* Lists longer than this many old*new pairs compare similar texts only
 * within SIDE_SIM_WINDOW places of where the item was. */
#define SIDE_SIM_ALL_PAIRS ((size_t)1 << 20)
#define SIDE_SIM_WINDOW 256
#define SIDE_QUOTE_CHARS 32
/* A timestamp keeps this many characters of its line (spaces folded), to
 * find the line again after an outside edit. */
#define SIDE_STAMP_TEXT_CHARS 60


/* One agenda item or recommendation: as the sidecar has it (old) or as the
 * text has it (new), reduced to what matching needs. */
struct side_item {
	char *norm;		/* text, whitespace normalised */
	char *owner;		/* normalised, or NULL */
	uint64_t *bigrams;	/* sorted code-point bigrams of norm */
	size_t nbigrams;
	size_t match;		/* index in the other list, or SIDE_NO_MATCH */
	json_t *obj;		/* old items: the sidecar object */
	size_t line;		/* new items: the line */
};

/* ---- item ids taken, to keep them unique: a small open-addressing set,
 * because looking each id up with doc_find_id() would cost a pass over
 * every line per item.  Fresh ids come from doc_id_new(). */
struct side_ids {
	const char **slot;
	size_t cap;
};

/* side.c: writing, and what it knows of the sidecar's shape */
/* s[0..n) as valid UTF-8, each invalid byte replaced by U+FFFD, appended to b. */
void side_sanitize(struct buf *b, const char *s, size_t n);
/* A JSON string of s (NULL: JSON null). */
json_t *side_str(const char *s);
/* String member of o, or NULL (also when it is not a string). */
const char *side_get_str(const json_t *o, const char *key);
/* Replace *dst (freed) with a copy of s, or NULL. */
void side_set_str(char **dst, const char *s);
/* json_dump_callback's writer into a struct buf. */
int side_dump_cb(const char *buffer, size_t size, void *data);
/* What a timestamp keeps of line i.  Caller frees. */
char *side_stamp_text(const struct doc *d, size_t i);
/* Last body line (exclusive) of sec, trailing blank lines left out. */
size_t side_body_end(const struct doc *d, const struct doc_section *sec);
/* Is sec written into the sidecar's "sections"? */
int side_sec_written(const struct doc *d, const struct doc_section *sec);
/* Title and header lines the sidecar root describes / d has, counted alike. */
size_t side_old_header_lines(const json_t *root);
size_t side_new_header_lines(const struct doc *d);

/* side-text.c: the sections' text, dumped apart and kept between saves */
struct side_texts {
	const struct doc *d;
	struct side_chunk *v;	/* every written section's chunks, in order */
	size_t n, cap;
	size_t *todo;		/* the chunks to dump (not taken from the cache) */
	size_t ntodo, todo_cap;
	size_t bytes;		/* of text to dump */
	atomic_size_t next;	/* the next of todo to dump */
	atomic_int failed;	/* jansson could not (out of memory) */
	char nonce[17];
	char nl[8];		/* jansson's dump of "\n", without the quotes */
	size_t nl_len;
	pthread_t thread;
	int threaded;
	pthread_mutex_t lock;	/* with cond: a chunk was dumped */
	pthread_cond_t cond;
};
/* Cut d's sections into chunks, take those unchanged from *cache (may be
 * NULL), and start dumping the others on a second thread. */
void side_texts_start(struct side_texts *t, const struct doc *d, struct side_cache **cache);
/* The placeholder for section s's text in the tree. */
json_t *side_texts_placeholder(const struct side_texts *t, size_t s);
/* Emit the sidecar through emit: skel[0..n), the tree's dump, with the
 * texts in place of the placeholders, then a newline, while the dumps are
 * finished.  0; -1 when emit (or jansson) failed; 1 when a placeholder is
 * not there exactly once, nothing emitted (then dump the tree with the
 * texts in it). */
int side_texts_emit(struct side_texts *t, const char *skel, size_t n, side_emit_fn emit, void *ctx);
/* Wait for the dumps, keep them in *cache (may be NULL), free what t holds. */
void side_texts_end(struct side_texts *t, struct side_cache **cache);
/* Append to b the text of lines [first, end) of a section whose body
 * starts at sec_first (joined by "\n", made valid UTF-8). */
void side_sec_text(struct buf *b, const struct doc *d, size_t sec_first, size_t first, size_t end);

/* side-keep.c: unknown keys */
/* What of the sidecar root holds unknown keys (a new reference), or NULL. */
json_t *side_keep_root(json_t *root);
/* Add the unknown keys kept as JSON text (NULL: none) to the fresh tree top. */
void side_graft_text(json_t *top, const char *kept);

/* side-check.c: limits and types, before anything is applied */
/* Set rep->msg to "NAME:LINE:COL: message" for byte pos of json. */
void side_fail_at(struct side_report *rep, const char *name, const char *json, size_t pos,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Offset of the first member named key in json[0..n) (for messages), or n. */
size_t side_member_pos(const char *s, size_t n, const char *key);
/* A sidecar nested deeper than this is not parsed (jansson recurses). */
#define SIDE_MAX_DEPTH 64
/* Offset where json nests deeper than SIDE_MAX_DEPTH, or (size_t)-1. */
size_t side_too_deep(const char *json, size_t len);
/* 0 when every known field of root has its type; else -1 and *why. */
int side_check_types(const json_t *root, char **why);

/* side-match.c: items matched by text, ids, timestamps after an outside edit */
/* Normalised copy of s[0..n): valid UTF-8, white space runs one space, none at the ends. */
char *side_norm(const char *s, size_t n);
void side_item_init(struct side_item *it, const char *text, size_t n, const char *owner);
void side_items_free(struct side_item *v, size_t n);
/* Pair old and new items: by place (same text) or by text (after an outside edit). */
void side_match(struct side_item *old, size_t nold, struct side_item *nw, size_t nnew, int by_place);
/* The sidecar's items of one list (array arr) as old items. */
struct side_item *side_old_items(json_t *arr, size_t *n);
void side_ids_init(struct side_ids *ids, size_t n);
/* Add id to the set: 1, or 0 when it was there already. */
int side_ids_add(struct side_ids *ids, const char *id);
/* Put the sidecar root's timestamps on d's lines (same_text: by line number). */
void side_apply_stamps(struct doc *d, const json_t *root, int same_text, const char *name,
		       struct buf *msg, json_t *kept);

#endif
