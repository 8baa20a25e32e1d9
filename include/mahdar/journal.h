/* journal: the recovery journal of a document being edited — an
 * append-only file of what changed, cheap enough to bring up to date
 * every second while typing never pauses, on a document of any size, and
 * readable by a second process (a later mahdar, or one tailing it).
 *
 * The file: "mahdar-journal 1", then "B size sha256 inline" naming its
 * base — the text file as it was last read or saved, by size and SHA-256,
 * or (inline = 1) that text itself, following the line, when the document
 * no longer matches the file on disk.  Then records, one per sync:
 * "S lo old_hi n", n lines "L eol len" each followed by its len bytes and
 * a newline, and "E": the base's lines [lo, old_hi), as the records before
 * left them, are replaced by these n lines (eol: 0 none, 1 LF, 2 CRLF).
 * Replaying the whole records on the base gives the text; a record cut
 * short by a crash is ignored.  Once an item's sidecar data (status, id,
 * carried-from, timestamp) has changed, every sync also writes it whole:
 * "A n", n entries "I line status idlen fromlen stamplen" each followed by
 * those bytes and a newline, and "E" — the last whole one is what the
 * items were (line numbers as the records before left the text).
 * What changed comes from the doc's marked
 * range (doc_mark_clear()), so a sync costs the changed lines only. */
#ifndef MAHDAR_JOURNAL_H
#define MAHDAR_JOURNAL_H

#include <stddef.h>

struct doc;
struct journal;

/* What a journal file says of its base. */
struct journal_head {
	size_t base_size;
	char base_sha[65];	/* hex SHA-256 of the base text */
	int inline_base;	/* the base text is in the journal itself */
};

struct journal *journal_new(void);
/* Close the file (it stays on disk) and free; NULL is a no-op. */
void journal_free(struct journal *j);

/* From now on d's lines as they are are the base, which is the text file
 * as on disk (size bytes, hex SHA-256 sha).  Any journal file open is
 * closed; the next journal_sync() starts a new one. */
void journal_base(struct journal *j, struct doc *d, size_t size, const char *sha);
/* The same, for a document that does not match its file on disk: the
 * whole text goes into a new journal at path now (written atomically). */
int journal_base_inline(struct journal *j, struct doc *d, const char *path, char **cause);
/* Append to the journal at path what changed in d since the base or the
 * last sync (creating the file, 0600, on the first change).  0, or -1 and
 * *cause (the file is then as it was before this call). */
int journal_sync(struct journal *j, struct doc *d, const char *path, char **cause);

/* The same without making the caller wait for a whole text: a child
 * process writes it from its copy of d as it is now (journal_base_inline
 * and, in journal_sync_bg, a compaction), and until it is done both
 * return JOURNAL_PENDING — ask again soon; what changed meanwhile stays
 * marked in d (and a child that failed makes the next call write the
 * whole text itself, and say why it cannot).  Every other call waits for
 * the child first. */
#define JOURNAL_PENDING 1
int journal_base_inline_bg(struct journal *j, struct doc *d, const char *path, char **cause);
int journal_sync_bg(struct journal *j, struct doc *d, const char *path, char **cause);
/* The journal file was removed or moved away: the next journal_sync()
 * starts a new one (with the whole text inline, if changes had been
 * written since the base). */
void journal_detach(struct journal *j);
/* Is a journal file open (has a change been written since the base)? */
int journal_started(const struct journal *j);

/* 1 and *h if data[0..len) is a journal, else 0. */
int journal_head(const char *data, size_t len, struct journal_head *h);
/* The text journal data[0..len) gives (*text, *tlen; caller frees): base
 * is the text file's bytes when the base is not inline.  0, or -1 and
 * *cause when the journal is damaged. */
int journal_replay(const char *data, size_t len, const char *base, size_t base_len, char **text,
		   size_t *tlen, char **cause);

/* An item's sidecar data as the journal last wrote it. */
struct journal_attr {
	size_t line;		/* 0-based, in the replayed text */
	int status;		/* enum doc_status */
	char *id, *from, *stamp;	/* or NULL */
};
/* journal_replay(), also giving the items' data of the last whole "A"
 * record (*attrs, *nattrs; *attrs NULL when there is none: the sidecar's
 * data stands).  Free with journal_attrs_free(). */
int journal_replay_attrs(const char *data, size_t len, const char *base, size_t base_len, char **text,
			 size_t *tlen, struct journal_attr **attrs, size_t *nattrs, char **cause);
void journal_attrs_free(struct journal_attr *v, size_t n);

#endif
