/* buffer: one open document.
 *
 * Data model: struct buffer owns the doc, its edit state and its store
 * info (paths, what was found on disk).  The recovery copy is kept up to
 * date from buffer_background(): the doc's generation says when the text
 * changed, a change is appended to the recovery journal FILE.recover
 * (journal.h: microseconds, on any document) within a second, also while
 * typing never pauses, and a save or an undo back to the saved state
 * removes it.  The file is locked (lock.h) while it is open: a file
 * another mahdar has is read-only here, and buffer_watch() takes it over
 * when that one is gone; buffer_watch() also notices changes made on disk
 * by other programs, and a save over one is refused with BUFFER_CHANGED
 * until the user chose (reload, overwrite, save as).  The recovery
 * functions are kept together at the end, one job each. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/buffer.h"

#include "mahdar/doc.h"
#include "mahdar/fio.h"
#include "mahdar/lock.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <stdlib.h>
#include <string.h>

/* Pause in typing after which the structure is analysed again ... */
#define BUFFER_ANALYSE_MS 300
/* ... in a document of at most this many lines (about 6 ms of analysis). */
#define BUFFER_ANALYSE_LINES 10000
/* Unsaved text reaches the recovery journal this long after typing stops ... */
#define BUFFER_RECOVER_IDLE_MS 1000
/* ... and at the latest this long after its first unsaved change. */
#define BUFFER_RECOVER_MAX_MS 1000
/* The file on disk is looked at (a stat) this often, for outside changes
 * and, when another mahdar has it, whether that one is gone. */
#define BUFFER_WATCH_MS 2000
/* While a child writes the whole text to the recovery journal, it is
 * asked this often whether it is done. */
#define BUFFER_RECOVER_RETRY_MS 20
/* While a thread reads and hashes the file, it is asked this often. */
#define BUFFER_WATCH_HASH_MS 20

struct buffer {
	char *path;
	struct store_info info;
	struct doc *doc;
	struct edit *edit;
	int readonly;
	edit_layout_fn layout;
	void *layout_ctx;
	unsigned long seen_gen;		/* doc->gen when last noted */
	unsigned long recover_gen;	/* doc->gen last written to the recovery copy (or saved) */
	long long last_change_ms;	/* when the text last changed */
	long long pending_since_ms;	/* first change not yet in the recovery copy, or 0 */
	long long recover_retry_ms;	/* a child writes the recovery journal: ask then, or 0 */
	struct lock *lock;		/* the file's lock (lock.h), or NULL */
	char *lock_who;			/* who has the file when another mahdar does, or NULL */
	int overwrite;			/* the next save may replace an outside change */
	long long watch_ms;		/* when the disk was last looked at */
};

/* Take the file's lock; one another mahdar has makes the buffer read-only
 * (1, and who has it in b->lock_who). */
static int buffer_lock(struct buffer *b)
{
	char *who = NULL;
	int r = lock_take(b->path, &b->lock, &who);
	free(b->lock_who);
	b->lock_who = NULL;
	if (r == LOCK_HELD) {
		b->lock_who = who;
		b->readonly = 1;
		return 1;
	}
	free(who);
	return 0;
}

/* Take d (opened for path with info) as b's document, with a fresh edit state. */
static void buffer_adopt(struct buffer *b, struct doc *d, struct store_info *info)
{
	int logical = b->edit != NULL ? edit_logical(b->edit) : 0;
	edit_free(b->edit);
	doc_free(b->doc);
	store_info_free(&b->info);
	b->doc = d;
	b->info = *info;
	b->edit = edit_new(d, b->layout, b->layout_ctx);
	edit_set_logical(b->edit, logical);
	b->seen_gen = b->recover_gen = d->gen;
	b->recover_retry_ms = 0;
}

struct buffer *buffer_open(const char *path, int flags, char **cause)
{
	struct store_info info;
	struct doc *d = store_open(path, (flags & BUFFER_NEW_OK) != 0, &info, cause);
	if (d == NULL)
		return NULL;
	struct buffer *b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->readonly = (flags & BUFFER_READONLY) != 0;
	buffer_adopt(b, d, &info);
	fio_ignore_sigxfsz();	/* a size limit is a failed write, from the lock file on */
	if (!b->readonly)
		buffer_lock(b);
	return b;
}

struct buffer *buffer_new(const char *name, struct doc *d, int flags)
{
	struct store_info info;
	store_info_init(&info, name);
	struct buffer *b = xcalloc(1, sizeof *b);
	b->path = xstrdup(name);
	b->readonly = (flags & BUFFER_READONLY) != 0;
	buffer_adopt(b, d, &info);
	return b;
}

void buffer_free(struct buffer *b)
{
	if (b == NULL)
		return;
	edit_free(b->edit);
	doc_free(b->doc);
	store_info_free(&b->info);
	lock_release(b->lock);
	free(b->lock_who);
	free(b->path);
	free(b);
}

const char *buffer_locked_by(const struct buffer *b)
{
	return b->lock_who;
}

void buffer_overwrite_once(struct buffer *b)
{
	b->overwrite = 1;
}

const char *buffer_path(const struct buffer *b)
{
	return b->path;
}

struct doc *buffer_doc(const struct buffer *b)
{
	return b->doc;
}

struct edit *buffer_edit(const struct buffer *b)
{
	return b->edit;
}

const struct store_info *buffer_info(const struct buffer *b)
{
	return &b->info;
}

int buffer_modified(const struct buffer *b)
{
	return b->doc->modified;
}

int buffer_readonly(const struct buffer *b)
{
	return b->readonly;
}

void buffer_set_readonly(struct buffer *b, int on)
{
	b->readonly = on;
}

void buffer_set_layout(struct buffer *b, edit_layout_fn layout, void *ctx)
{
	b->layout = layout;
	b->layout_ctx = ctx;
	edit_set_layout(b->edit, layout, ctx);
}

int buffer_save(struct buffer *b, char **cause)
{
	if (b->readonly && b->lock_who != NULL) {
		util_set_cause(cause, _("%s is open in %s; save it under another name"), b->path, b->lock_who);
		return -1;
	}
	if (b->readonly) {
		util_set_cause(cause, _("%s is open read-only"), b->path);
		return -1;
	}
	/* Because saving over what another program wrote would lose it
	 * without a word: the user chooses first. */
	if (!b->overwrite && store_disk_changed(&b->info) == 1) {
		util_set_cause(cause, _("%s was changed outside mahdar"), b->path);
		return BUFFER_CHANGED;
	}
	b->overwrite = 0;
	char now[32];
	util_now_iso(now);
	if (b->doc->stale)
		txt_analyse(b->doc);
	int r = store_save(b->doc, &b->info, now, cause);
	if (r < 0)
		return -1;
	/* Saved, maybe without its sidecar (r == 1): the text on disk is the
	 * document's, so the recovery copy has done its work either way. */
	edit_mark_saved(b->edit);
	b->recover_gen = b->doc->gen;
	b->pending_since_ms = b->recover_retry_ms = 0;
	store_recover_drop(&b->info, NULL);
	return r;
}

int buffer_save_as(struct buffer *b, const char *name, char **kept, char **cause)
{
	struct store_info old = b->info;
	char *old_path = b->path;
	char *where = NULL;
	*kept = NULL;
	store_info_init(&b->info, name);
	b->info.text_missing = !fio_exists(name);
	/* Because a sidecar already there belongs to the file being replaced
	 * (or to none), it is backed up before it is overwritten, like one
	 * that could not be read; a recovery copy there is set aside. */
	if (fio_exists(b->info.side_path))
		b->info.side = STORE_SIDE_BROKEN;
	if (b->info.recover && store_recover_set_aside(&b->info, &where, cause) < 0)
		goto fail;
	b->path = xstrdup(name);
	/* A copy of a file another mahdar has is the user's to edit; the
	 * name (replaced only when asked) is saved over as it is. */
	int locked_elsewhere = b->lock_who != NULL;
	if (locked_elsewhere)
		b->readonly = 0;
	b->overwrite = 1;
	int r = buffer_save(b, cause);
	if (r < 0) {
		b->readonly |= locked_elsewhere;
		free(b->path);
		goto fail;
	}
	free(old_path);
	/* The old file's recovery copy holds what is now saved here (unless
	 * it is the other mahdar's). */
	if (old.recover_path != NULL && !locked_elsewhere)
		store_recover_drop(&old, NULL);
	lock_release(b->lock);	/* the lock goes with the name */
	b->lock = NULL;
	buffer_lock(b);
	store_info_free(&old);
	if (b->info.backup_path != NULL)
		*kept = xstrdup(b->info.backup_path);
	else if (where != NULL)
		*kept = xstrdup(where);
	free(where);
	return r;
fail:
	store_info_free(&b->info);
	b->info = old;
	b->path = old_path;
	free(where);
	return -1;
}

/* ------------------------------------------------------------ background */

void buffer_note_change(struct buffer *b, long long now_ms)
{
	if (b->doc->gen == b->seen_gen)
		return;
	b->seen_gen = b->doc->gen;
	b->last_change_ms = now_ms;
	if (b->pending_since_ms == 0)
		b->pending_since_ms = now_ms;
}

/* What store_recover_write_bg() said (r): a child still writing the
 * whole text is asked again soon (what changed meanwhile goes then). */
static void buffer_recover_retry(struct buffer *b, int r, long long now)
{
	b->recover_retry_ms = r == STORE_RECOVER_PENDING ? now + BUFFER_RECOVER_RETRY_MS : 0;
}

/* Keep the recovery copy up to date, quietly. */
static int buffer_autosave(struct buffer *b, long long now, char **cause)
{
	b->pending_since_ms = b->recover_retry_ms = 0;
	b->recover_gen = b->doc->gen;
	if (!b->doc->modified) {	/* undone back to the saved text */
		if (b->info.recover)
			return store_recover_drop(&b->info, cause);
		return 0;
	}
	int r = store_recover_write_bg(b->doc, &b->info, cause);
	if (r < 0)
		return -1;
	b->info.recover = 1;
	buffer_recover_retry(b, r, now);
	return 0;
}

int buffer_background(struct buffer *b, long long now, int due_only, int *wait_ms, char **cause)
{
	long long wait = -1;
	int r = 0;
	/* What the editor needs of the minutes structure between saves is
	 * the document's language and direction (the direction of lines with
	 * no letters); the title and headings are drawn bold from their own
	 * bytes (txt_line_kind).  Because analysing costs O(document), it
	 * waits until the typist pauses, and only while the document is small
	 * enough to be analysed without a noticeable wait: in a longer one a
	 * few edits cannot change the language, and a key pressed during the
	 * analysis would wait for it (200,000 lines: over 100 ms).  A save
	 * analyses any document. */
	if (b->doc->stale && b->doc->nlines <= BUFFER_ANALYSE_LINES) {
		long long at = b->last_change_ms + BUFFER_ANALYSE_MS;
		if (at <= now && due_only)
			txt_analyse(b->doc);
		else
			wait = at - now;
	}
	if ((b->doc->gen != b->recover_gen || b->recover_retry_ms != 0) && !b->readonly) {
		long long at = b->last_change_ms + BUFFER_RECOVER_IDLE_MS;
		if (b->pending_since_ms + BUFFER_RECOVER_MAX_MS < at)
			at = b->pending_since_ms + BUFFER_RECOVER_MAX_MS;
		if (b->recover_retry_ms != 0)
			at = b->recover_retry_ms;	/* nothing is written before the child is done */
		if (at <= now && due_only)
			r = buffer_autosave(b, now, cause);
		else if (wait < 0 || at - now < wait)
			wait = at - now;
	}
	*wait_ms = wait < 0 ? -1 : (int)(wait > 0 ? wait : 0);
	return r;
}

/* ------------------------------------------------------------ the disk */

void buffer_watch_soon(struct buffer *b)
{
	b->watch_ms = 0;
}

int buffer_watch(struct buffer *b, long long now, int due_only, int *wait_ms, char **msg)
{
	long long at = b->watch_ms + BUFFER_WATCH_MS - now;
	*wait_ms = at < 0 ? 0 : (int)at;
	if (!due_only || at > 0 || (b->readonly && b->lock_who == NULL))
		return 0;
	b->watch_ms = now;
	*wait_ms = BUFFER_WATCH_MS;
	if (b->lock_who != NULL) {
		/* Is the other mahdar gone (however it ended)? */
		lock_release(b->lock);
		b->lock = NULL;
		char *who = xstrdup(b->lock_who);
		if (buffer_lock(b)) {
			free(who);
			return 0;
		}
		b->readonly = 0;
		*msg = xasprintf(_("%s is no longer open in %s: you can edit it now"), b->path, who);
		free(who);
		b->info.recover = fio_exists(b->info.recover_path);
		return BUFFER_TAKEN_OVER;
	}
	int r = store_disk_watch(&b->info);
	if (r == STORE_DISK_PENDING) {
		b->watch_ms = now - BUFFER_WATCH_MS + BUFFER_WATCH_HASH_MS;
		*wait_ms = BUFFER_WATCH_HASH_MS;
		return 0;
	}
	if (r == 0 || b->info.disk_reported)
		return 0;
	b->info.disk_reported = 1;
	/* The journal's base is gone: it starts again from the whole text. */
	b->info.journal_inline = 1;
	int rw = b->doc->modified ? store_recover_write_bg(b->doc, &b->info, NULL) : -1;
	if (rw >= 0) {
		b->recover_gen = b->doc->gen;
		buffer_recover_retry(b, rw, now);
	}
	*msg = xasprintf(r == 2 ? _("%s was deleted outside mahdar; saving writes it again") :
			 _("%s was changed outside mahdar; saving will ask what to do"), b->path);
	return BUFFER_CHANGED_OUTSIDE;
}

int buffer_reload(struct buffer *b, char **kept, char **cause)
{
	*kept = NULL;
	if (b->doc->modified && store_recover_keep(b->doc, &b->info, kept, cause) < 0)
		return -1;
	struct store_info info;
	struct doc *d = store_open(b->path, 1, &info, cause);
	if (d == NULL)
		return -1;
	buffer_adopt(b, d, &info);
	return 0;
}

/* ------------------------------------------------------------ recovery */

int buffer_recover_found(struct buffer *b, char **when)
{
	/* Because a live mahdar's copy is its own: never offered, never deleted. */
	if (b->lock_who != NULL)
		return 0;
	return store_recover_check(b->doc, &b->info, when);
}

int buffer_recover_restore(struct buffer *b, char **cause)
{
	struct store_info info;
	struct doc *d = store_open_recover(b->path, &info, cause);
	if (d == NULL)
		return -1;
	buffer_adopt(b, d, &info);
	return 0;
}

int buffer_recover_drop(struct buffer *b, char **cause)
{
	return store_recover_drop(&b->info, cause);
}

int buffer_recover_set_aside(struct buffer *b, char **where, char **cause)
{
	return store_recover_set_aside(&b->info, where, cause);
}

int buffer_recover_write(struct buffer *b, char **cause)
{
	if (b->doc == NULL || !b->doc->modified || b->readonly)
		return 0;
	return store_recover_write(b->doc, &b->info, cause) < 0 ? -1 : 1;
}
