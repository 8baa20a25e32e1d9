/* store: a minutes document on disk — its text file and its sidecar.
 * Opening reads the text (always enough), then applies the sidecar if there
 * is one; saving writes both atomically, backing up a sidecar that could not
 * be read before it is replaced. */
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
};

/* Open path.  A missing file gives an empty document with
 * info->text_missing set when allow_missing, else an error.  Fails (NULL and
 * *cause) for directories, unreadable or binary (NUL-containing) files.
 * Caller frees the doc and calls store_info_free(). */
struct doc *store_open(const char *path, int allow_missing, struct store_info *info, char **cause);

/* Write d's text and sidecar atomically (sidecar "modified" = now_iso).
 * Clears d->modified on success.  On failure nothing on disk changed. */
int store_save(struct doc *d, struct store_info *info, const char *now_iso, char **cause);

void store_info_free(struct store_info *info);

#endif
