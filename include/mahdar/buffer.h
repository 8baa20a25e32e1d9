/* buffer: one open document — its path, what store found on disk, the
 * doc, the edit state (cursor, undo), the recovery copy and a read-only
 * flag.  The editor and the tests open documents only through
 * buffer_open().  No terminal: every failure is -1 plus a cause (caller
 * frees) and the caller decides how to show it. */
#ifndef MAHDAR_BUFFER_H
#define MAHDAR_BUFFER_H

#include "mahdar/edit.h"
#include "mahdar/store.h"

struct buffer;

enum buffer_flags {
	BUFFER_NEW_OK = 0x1,	/* a missing file opens as a new, empty document */
	BUFFER_READONLY = 0x2,	/* refuse edits and saves */
};

/* Open path: NULL and *cause when it cannot be read (a directory, a
 * binary file, no permission).  Free with buffer_free(). */
struct buffer *buffer_open(const char *path, int flags, char **cause);
void buffer_free(struct buffer *b);
/* A buffer holding d (taken), called name, read from no file (the archive
 * browser's list); flags as for buffer_open(). */
struct buffer *buffer_new(const char *name, struct doc *d, int flags);

const char *buffer_path(const struct buffer *b);
struct doc *buffer_doc(const struct buffer *b);
struct edit *buffer_edit(const struct buffer *b);
const struct store_info *buffer_info(const struct buffer *b);
int buffer_modified(const struct buffer *b);
int buffer_readonly(const struct buffer *b);
/* Refuse edits and saves from now on (on = 1), or allow them again. */
void buffer_set_readonly(struct buffer *b, int on);
/* Who lays out lines for the edit's visual motions (also after a restore). */
void buffer_set_layout(struct buffer *b, edit_layout_fn layout, void *ctx);

/* buffer_save() when the file was changed on disk by another program since
 * it was opened or saved: nothing saved, the user chooses — reload
 * (buffer_reload), overwrite (buffer_overwrite_once, then save again) or
 * save as. */
#define BUFFER_CHANGED (-2)

/* Save text + sidecar: 0; 1 when the text was saved but not the sidecar
 * (*cause: the warning); -1 and *cause when nothing was saved;
 * BUFFER_CHANGED. */
int buffer_save(struct buffer *b, char **cause);
/* The next save may replace a change made outside. */
void buffer_overwrite_once(struct buffer *b);
/* Read the file again as it is on disk; unsaved edits are first kept as
 * plain text under a fresh name *kept (caller frees; NULL when there were
 * none).  -1 and *cause leaves the buffer as it was. */
int buffer_reload(struct buffer *b, char **kept, char **cause);
/* Another mahdar has the file (so this buffer is read-only): who, for
 * messages; else NULL. */
const char *buffer_locked_by(const struct buffer *b);

/* ---- the disk, watched ---- */

enum buffer_watch_result {
	BUFFER_CHANGED_OUTSIDE = 1,	/* *msg: the file was changed or deleted */
	BUFFER_TAKEN_OVER = 2,		/* *msg: the other mahdar is gone; editable now */
};
/* Look at the disk every two seconds (with due_only, when due; *wait_ms
 * until then): a change made by another program is told once (0 or a
 * buffer_watch_result and *msg, caller frees); a file another mahdar had
 * is taken over once it is gone (its recovery copy may then be offered). */
int buffer_watch(struct buffer *b, long long now_ms, int due_only, int *wait_ms, char **msg);
/* Look again at the next buffer_watch() (after a resume). */
void buffer_watch_soon(struct buffer *b);
/* Save under name and go on editing that file: as buffer_save(); on
 * success *kept (caller frees, may be NULL) names where what was there
 * before was kept (a replaced sidecar, a recovery copy set aside).  On
 * failure the buffer is as it was. */
int buffer_save_as(struct buffer *b, const char *name, char **kept, char **cause);

/* ---- the recovery copy (FILE.recover) ---- */

/* Is a recovery copy there with other text than the file?  1 and *when
 * ("2026-11-25 10:42", caller frees). */
int buffer_recover_found(struct buffer *b, char **when);
/* Replace the document with the one in the recovery copy (modified, until
 * saved).  -1 and *cause leaves it as it was. */
int buffer_recover_restore(struct buffer *b, char **cause);
/* Remove the copy (after a deliberate discard). */
int buffer_recover_drop(struct buffer *b, char **cause);
/* Move the copy to a fresh backup name *where (caller frees). */
int buffer_recover_set_aside(struct buffer *b, char **where, char **cause);
/* Write the copy now if there are unsaved changes (mahdar must stop):
 * 1 written, 0 nothing to write, -1 and *cause. */
int buffer_recover_write(struct buffer *b, char **cause);

/* ---- background work: analysis and the recovery copy ---- */

/* Note a change since the last call (now_ms: a monotonic clock). */
void buffer_note_change(struct buffer *b, long long now_ms);
/* Ms until the next background job is due (-1: none); with due_only, run
 * the ones due now.  -1 and *cause (in *wait the next time) when the
 * recovery copy could not be written. */
int buffer_background(struct buffer *b, long long now_ms, int due_only, int *wait, char **cause);

#endif
