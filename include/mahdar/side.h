/* side: the JSON sidecar (FORMAT.md section 2); the only user of jansson
 * and of the SHA-256 implementation (nettle).
 *
 * side_write() turns a document into the sidecar object (the same text is
 * `mahdar export --to json`); side_apply() reads a sidecar back onto a
 * document that was read from its text file. */
#ifndef MAHDAR_SIDE_H
#define MAHDAR_SIDE_H

#include <stddef.h>

#include "mahdar/doc.h"

/* Path of the sidecar for a text file: "x.txt" -> "x.json", otherwise the
 * full name plus ".json".  Caller frees. */
char *side_path(const char *text_path);

/* SHA-256 of data as 64 lowercase hex digits plus NUL. */
void side_sha256_hex(const void *data, size_t len, char out[65]);
/* The same over bytes given in pieces: side_sha256_add() each, then
 * side_sha256_end() (which frees h). */
struct side_sha256;
struct side_sha256 *side_sha256_new(void);
void side_sha256_add(struct side_sha256 *h, const void *data, size_t len);
void side_sha256_end(struct side_sha256 *h, char out[65]);
/* The same of the text doc_lines_adopt() made lines in, from its arena
 * arena[0..len): each NUL there was a terminator's first byte, "\r" when
 * a "\n" follows it, else "\n" (the text held no NUL byte). */
void side_sha256_hex_arena(const char *arena, size_t len, char out[65]);

/* The sidecar JSON for d (keys in the spec's order, then unknown keys kept
 * from the last sidecar read), text_sha256 taken over text[0..text_len),
 * "modified" set to now_iso (and "created" too if d has none).  Ends in a
 * newline.  Caller frees. */
char *side_write(const struct doc *d, const char *text, size_t text_len, const char *now_iso,
		 size_t *len);
/* What the sidecar written last held of the sections' text, for the next
 * write of the same document to reuse where its lines did not change. */
struct side_cache;
void side_cache_free(struct side_cache *c);
/* side_write(), and the text's SHA-256 (hex) in sha, for a caller that
 * needs it too (the text of a 20 MB document is hashed once, not twice).
 * When cache is not NULL, *cache (NULL at first) is what the last call
 * for d left, and gets what this one leaves: the bytes are the same with
 * or without it. */
char *side_write_hash(const struct doc *d, const char *text, size_t text_len, const char *now_iso, size_t *len,
		      char sha[65], struct side_cache **cache);
/* side_write_hash() handing the sidecar to emit piece by piece while it
 * is made, instead of in one buffer (a save writes it to the file as it
 * goes).  emit returns 0, or nonzero to stop.  0, or -1 when emit failed. */
typedef int (*side_emit_fn)(const char *bytes, size_t n, void *ctx);
int side_write_to(const struct doc *d, const char *text, size_t text_len, const char *now_iso, char sha[65],
		  struct side_cache **cache, side_emit_fn emit, void *ctx);
/* side_write() of a document whose text's SHA-256 (hex) is known already:
 * the one of the file it was read from, unchanged (an export). */
char *side_write_known(const struct doc *d, const char *sha, const char *now_iso, size_t *len);

enum side_result {
	SIDE_OK = 0,		/* applied; the text is what the sidecar describes */
	SIDE_MERGED = 1,	/* text changed elsewhere: matched items kept their data */
	SIDE_BROKEN = -1,	/* not JSON, or not a minutes sidecar: nothing applied */
	SIDE_VERSION = -2,	/* a version this mahdar does not know: nothing applied */
};

struct side_report {
	/* For SIDE_BROKEN/SIDE_VERSION: "NAME:LINE:COL: message".
	 * For SIDE_MERGED (and, rarely, SIDE_OK): one line per item or
	 * timestamp that could not be matched to the text, "NAME: …\n"…;
	 * NULL when everything matched.  Caller frees. */
	char *msg;
	size_t matched, unmatched;	/* items, for SIDE_MERGED */
};

/* Apply sidecar bytes json[0..json_len) (read from the file named name) to
 * d, which was just read from text[0..text_len): ids, status, carried-from,
 * timestamps, declared language, draft/final, created/modified and unknown
 * keys.  When text_sha256 does not match the text, items are matched by
 * their text instead of their place.  d is untouched unless the result is
 * SIDE_OK or SIDE_MERGED.  rep may be NULL; free rep->msg. */
int side_apply(struct doc *d, const char *json, size_t json_len, const char *text,
	       size_t text_len, const char *name, struct side_report *rep);
/* The same in two steps, so that the bytes of a large sidecar are gone
 * before its text is read: side_parse() checks json[0..json_len) and
 * returns it parsed (NULL: the result, SIDE_BROKEN or SIDE_VERSION, in
 * *result and why in rep->msg); side_apply_parsed() applies it to d,
 * given the hash of d's text, and frees p. */
struct side_parsed;
struct side_parsed *side_parse(const char *json, size_t json_len, const char *name,
			       struct side_report *rep, int *result);
int side_apply_parsed(struct doc *d, struct side_parsed *p, const char text_sha[65],
		      const char *name, struct side_report *rep);
void side_parsed_free(struct side_parsed *p);

/* Lists for the command line's --json (side-list.c): an array of nrows
 * objects with the keys keys[0..nkeys), row r's value of key k being
 * values[r * nkeys + k] (NULL: null).  A key written "#name" holds a whole
 * number given in decimal.  Ends in a newline.  Caller frees. */
char *side_list(const char *const *keys, size_t nkeys, const char *const *values, size_t nrows,
		size_t *len);

#endif
