/* store: a minutes document on disk — its text file and its sidecar.
 * Opening reads the text (always enough), then applies the sidecar if there
 * is one; saving writes both atomically, backing up a sidecar that could not
 * be read before it is replaced, and saving the text even when the sidecar
 * cannot be written. */
#ifndef MAHDAR_STORE_H
#define MAHDAR_STORE_H

#include "mahdar/doc.h"

enum store_side {
	STORE_SIDE_NONE = 0,	/* no sidecar file */
	STORE_SIDE_OK,		/* applied, matched the text */
	STORE_SIDE_MERGED,	/* text edited elsewhere; matched items kept their data */
	STORE_SIDE_BROKEN,	/* unreadable JSON / unknown version: ignored, backed up before rewrite */
};

struct store_info {
	char *text_path;
	char *side_path;
	int side;		/* enum store_side */
	char *side_msg;		/* what to tell the user about the sidecar, or NULL */
	char *backup_path;	/* where a broken sidecar was copied on save, or NULL */
	int text_missing;	/* opened a file that does not exist yet (new document) */
	char *recover_path;	/* the recovery copy's name, "FILE.recover" */
	int recover;		/* a recovery copy existed when the file was opened */
	struct journal *journal;	/* the recovery journal being written */
	int journal_inline;	/* the document does not match the file: the next
				 * journal write starts with the whole text */
	/* The text file as last read or saved: identity and content. */
	int disk_known;		/* 0: there was no file */
	unsigned long long disk_dev, disk_ino, disk_size;
	long long disk_mtime_ns;
	char disk_sha[65];
	int disk_reported;	/* an outside change was already reported */
	/* The sections' text of the sidecar saved last, reused by the next
	 * save where the lines did not change (side.h), or NULL. */
	struct side_cache *side_cache;
	/* The file last found changed (its bytes differ from disk_sha): while
	 * it stays as it is, it is not read and hashed again. */
	int seen_known;
	unsigned long long seen_dev, seen_ino, seen_size;
	long long seen_mtime_ns;
	unsigned long disk_gen;		/* counts the disk_* versions */
	struct store_hash *hash;	/* the file being read and hashed (store_disk_watch), or NULL */
};

/* Open path.  A missing file gives an empty document with
 * info->text_missing set when allow_missing, else an error.  Fails (NULL and
 * *cause) for directories, unreadable or binary (NUL-containing) files.
 * Caller frees the doc and calls store_info_free(). */
struct doc *store_open(const char *path, int allow_missing, struct store_info *info, char **cause);

/* Write d's text and sidecar atomically (sidecar "modified" = now_iso).
 * 0: both saved.  1: the text was saved but the sidecar was not (it could
 * not be backed up or written); *cause says "saved FILE; the sidecar
 * FILE.json was not written: …" and the old sidecar, if any, is as it was.
 * Both clear d->modified.  -1 and *cause: nothing on disk changed (the
 * text could not be written, or there was no room for the sidecar). */
int store_save(struct doc *d, struct store_info *info, const char *now_iso, char **cause);

/* Has the text file changed on disk since it was last read or saved (by
 * another program)?  0 no, 1 changed, 2 deleted.  A stat() when nothing
 * changed; the content is read and hashed only when the file's size, time
 * or identity differ (a file touched but not changed is not a change), and
 * only once for each changed version (asked again, a stat()). */
int store_disk_changed(struct store_info *info);
/* The same answer without waiting for the read and hash: when the file's
 * stat says it must be read, a thread reads and hashes it, and this says
 * STORE_DISK_PENDING until it is done (ask again later). */
#define STORE_DISK_PENDING 3
int store_disk_watch(struct store_info *info);

/* Fill info with path's file names (text, sidecar, recovery copy) and
 * whether a recovery copy is there; nothing else is known yet. */
void store_info_init(struct store_info *info, const char *path);
void store_info_free(struct store_info *info);

/* Recovery copies.  While a document has unsaved changes the editor keeps
 * a recovery journal (journal.h) in "FILE.recover", mode 0600: what
 * changed, appended within a second of each change, also while typing
 * never pauses, and when mahdar is killed; a save or a deliberate discard
 * removes it.  The next open finds it (info->recover) and offers back the
 * text it gives (an older mahdar's plain-text copy is read too). */

/* Bring the recovery journal up to date with d (cheap: the changed lines). */
int store_recover_write(struct doc *d, struct store_info *info, char **cause);
/* The same for the editor's loop: a whole text to write (after an outside
 * change, a restore, a compaction) is written by a child process, and
 * until it is done this returns STORE_RECOVER_PENDING (ask again soon:
 * what changed meanwhile is written then). */
#define STORE_RECOVER_PENDING 1
int store_recover_write_bg(struct doc *d, struct store_info *info, char **cause);
/* The text the recovery copy at info->recover_path gives (*text, *len;
 * caller frees).  0, or -1 and *cause. */
int store_recover_text(const struct store_info *info, char **text, size_t *len, char **cause);
struct journal_attr;
/* The same, with the items' data the journal last wrote (*attrs NULL when
 * it wrote none); free with journal_attrs_free(). */
int store_recover_text_attrs(const struct store_info *info, char **text, size_t *len, struct journal_attr **attrs,
			     size_t *nattrs, char **cause);
/* Is there a recovery copy holding something else than d's text?  1 (and
 * *when, "2026-11-25 10:42", for the caller to free), or 0 — a copy that
 * holds exactly d's text is useless and is removed; -1 and *when saying
 * why when the copy cannot be read back (a journal whose text file changed
 * since): it is set aside under a backup name, never replaced. */
int store_recover_check(const struct doc *d, struct store_info *info, char **when);
/* Move the recovery copy out of the way, to a fresh backup name (*where,
 * for the caller to free), so that this session's copies do not replace it. */
int store_recover_set_aside(struct store_info *info, char **where, char **cause);
/* Keep d's text (plain) under a fresh backup name beside the recovery
 * copy (*where, for the caller to free), e.g. before reloading the file. */
int store_recover_keep(const struct doc *d, struct store_info *info, char **where, char **cause);
/* Remove the recovery copy, if there is one. */
int store_recover_drop(struct store_info *info, char **cause);
/* Open path with its text taken from the recovery copy instead: the
 * sidecar is applied as to a text edited elsewhere, and the document is
 * marked modified (it differs from the file on disk).  Same contract as
 * store_open() otherwise. */
struct doc *store_open_recover(const char *path, struct store_info *info, char **cause);

#endif
