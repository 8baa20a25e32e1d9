/* store: a minutes document on disk — its text file and its sidecar.
 *
 * Data model: struct store_info remembers the two paths and what was found
 * in the sidecar when the document was opened.  That memory matters on
 * save: a sidecar that could not be read (or that sat beside a text file
 * that did not exist) is backed up before anything is written, so its
 * bytes are never lost.  Saving stages both files under temporary names
 * first and only then renames them into place, so a full disk or a
 * read-only directory leaves both files as they were.  The text is the
 * document of record: a sidecar that cannot be written (or backed up)
 * does not stop the text from being saved.  The text file is watched for
 * changes made outside (store_disk_watch): a stat, and when that differs,
 * a read and hash by a thread, once for each version of the file. */
#include "mahdar/store.h"
#include "mahdar/buf.h"
#include "mahdar/fio.h"
#include "mahdar/journal.h"
#include "mahdar/side.h"
#include "mahdar/txt.h"
#include "mahdar/util.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void store_hash_free(struct store_hash *h);

void store_info_free(struct store_info *info)
{
	if (info == NULL)
		return;
	free(info->text_path);
	free(info->side_path);
	free(info->side_msg);
	free(info->backup_path);
	free(info->recover_path);
	journal_free(info->journal);
	side_cache_free(info->side_cache);
	store_hash_free(info->hash);
	memset(info, 0, sizeof *info);
}

/* The largest sidecar read beside a text of n bytes: 16 times the text
 * (it repeats each item's text with its data) plus 1 MB. */
#define STORE_SIDE_LIMIT(n) ((size_t)16 * (n) + ((size_t)1 << 20))

/* The sidecar cannot be used: remember to back it up, and say so. */
static void store_side_broken(struct store_info *info, const char *why)
{
	info->side = STORE_SIDE_BROKEN;
	free(info->side_msg);
	info->side_msg = xasprintf("%s — the document opened from the text alone; the sidecar will be "
				   "backed up before it is rewritten", why);
}

/* The sidecar, if any, read and parsed for a text of len bytes: NULL when
 * there is none or it cannot be used (info then says why).  Parsed before
 * the text is read, its bytes are gone when the text comes (a sidecar is
 * as large as its text). */
static struct side_parsed *store_parse_side(struct store_info *info, size_t len)
{
	if (!fio_exists(info->side_path))
		return NULL;
	char *json, *cause = NULL;
	size_t jlen;
	/* Because a sidecar grows with its document, one far larger is not
	 * read at all (a 100 MB one would take seconds and gigabytes). */
	struct stat st;
	size_t limit = STORE_SIDE_LIMIT(len);
	if (stat(info->side_path, &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > limit) {
		char *why = xasprintf("%s: %.1f MB, larger than a sidecar of this text can be (%.1f MB); not read",
				      info->side_path, (double)st.st_size / 1048576.0, (double)limit / 1048576.0);
		store_side_broken(info, why);
		free(why);
		return NULL;
	}
	if (fio_read(info->side_path, &json, &jlen, &cause) < 0) {
		store_side_broken(info, cause);
		free(cause);
		return NULL;
	}
	struct side_report rep;
	int r;
	struct side_parsed *p = side_parse(json, jlen, info->side_path, &rep, &r);
	free(json);
	if (p == NULL) {
		store_side_broken(info, rep.msg != NULL ? rep.msg : info->side_path);
		free(rep.msg);
	}
	return p;
}

/* Apply the sidecar p (store_parse_side(); NULL: none) to d, whose text's
 * hash is sha. */
static void store_apply_side(struct doc *d, struct store_info *info, struct side_parsed *p, const char sha[65])
{
	if (p == NULL)
		return;
	struct side_report rep;
	int r = side_apply_parsed(d, p, sha, info->side_path, &rep);
	/* The parsed sidecar (as large as the text) was freed in pieces among
	 * the document's: hand the pages back (a heap of 20 MB of holes). */
	malloc_trim(0);
	switch (r) {
	case SIDE_OK:
		info->side = STORE_SIDE_OK;
		info->side_msg = rep.msg;	/* normally NULL */
		break;
	case SIDE_MERGED:
		info->side = STORE_SIDE_MERGED;
		if (rep.matched + rep.unmatched == 0)	/* no items: nothing to count */
			info->side_msg = xasprintf("%s was changed outside mahdar; the text was read as it "
						   "is now%s%s", info->text_path, rep.msg != NULL ? "\n" : "",
						   rep.msg != NULL ? rep.msg : "");
		else
			info->side_msg = xasprintf("%s was changed outside mahdar: %zu of %zu items kept "
						   "their sidecar data%s%s", info->text_path, rep.matched,
						   rep.matched + rep.unmatched, rep.msg != NULL ? "\n" : "",
						   rep.msg != NULL ? rep.msg : "");
		free(rep.msg);
		break;
	default:
		store_side_broken(info, rep.msg != NULL ? rep.msg : info->side_path);
		free(rep.msg);
		break;
	}
}

/* Where path's recovery journal goes.  Beside the file ("FILE.recover"),
 * because that is where a user looks and it moves with the folder; but
 * when the folder cannot take a new file (a read-only share, another
 * user's folder) and none is there already, in $XDG_STATE_HOME/mahdar/
 * (~/.local/state/mahdar/), named after the file's full path with each
 * '/' as '%' — so that words typed there are not left without a copy.
 * Caller frees. */
static char *store_recover_path(const char *path)
{
	char *beside = xasprintf("%s.recover", path);
	if (fio_exists(beside) || fio_dir_writable(path))
		return beside;
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	char *dir = x != NULL && x[0] == '/' ? xasprintf("%s/mahdar", x)
		  : h != NULL && h[0] == '/' ? xasprintf("%s/.local/state/mahdar", h) : NULL;
	char *abs = fio_absolute(path);
	if (dir == NULL || abs == NULL || fio_mkdirs(dir) < 0) {
		free(dir);
		free(abs);
		return beside;	/* writing it will say why it cannot be */
	}
	for (char *p = abs; *p != '\0'; p++)
		if (*p == '/')
			*p = '%';
	char *state = xasprintf("%s/%s.recover", dir, abs);
	free(dir);
	free(abs);
	free(beside);
	return state;
}

void store_info_init(struct store_info *info, const char *path)
{
	memset(info, 0, sizeof *info);
	info->text_path = xstrdup(path);
	info->side_path = side_path(path);
	info->recover_path = store_recover_path(path);
	info->recover = fio_exists(info->recover_path);
	info->journal = journal_new();
}

/* Remember the text file as it is on disk, holding text[0..len) (or
 * nothing, when there is no file), and make d's lines the journal's base. */
/* What is on disk now: the file's identity and times, and sha (the hash of
 * its len bytes), which the journal builds on. */
static void store_note_disk_sha(struct store_info *info, struct doc *d, size_t len, const char sha[65])
{
	struct stat st;
	info->disk_known = stat(info->text_path, &st) == 0;
	if (info->disk_known) {
		info->disk_dev = (unsigned long long)st.st_dev;
		info->disk_ino = (unsigned long long)st.st_ino;
		info->disk_size = (unsigned long long)st.st_size;
		info->disk_mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	}
	memcpy(info->disk_sha, sha, 65);
	info->disk_reported = 0;
	info->seen_known = 0;
	info->disk_gen++;	/* a hash of the file before this is no answer any more */
	info->journal_inline = 0;
	journal_base(info->journal, d, len, info->disk_sha);
}

static void store_note_disk(struct store_info *info, struct doc *d, const char *text, size_t len)
{
	char sha[65];
	side_sha256_hex(text, len, sha);
	store_note_disk_sha(info, d, len, sha);
}

/* What stat() says of the text file: 0 unchanged, 1 the changed version
 * already read, 2 deleted; -1 when its bytes must be read (*st: its stat). */
static int store_disk_stat(struct store_info *info, struct stat *st)
{
	if (stat(info->text_path, st) < 0)
		return info->disk_known ? 2 : 0;
	long long mt = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	if (info->disk_known && (unsigned long long)st->st_dev == info->disk_dev &&
	    (unsigned long long)st->st_ino == info->disk_ino &&
	    (unsigned long long)st->st_size == info->disk_size && mt == info->disk_mtime_ns)
		return 0;
	/* Because the editor asks every two seconds, and hashing a 20 MB
	 * file takes 15-45 ms: a changed version is read once. */
	if (info->seen_known && (unsigned long long)st->st_dev == info->seen_dev &&
	    (unsigned long long)st->st_ino == info->seen_ino &&
	    (unsigned long long)st->st_size == info->seen_size && mt == info->seen_mtime_ns)
		return 1;
	return -1;
}

/* The file whose stat was st hashed to sha (ok: it could be read): 1 a
 * change (remembered by its stat), 0 the same bytes (touched, or written
 * back as they were: its stat is the disk's now). */
static int store_disk_hashed(struct store_info *info, const struct stat *st, int ok, const char *sha)
{
	long long mt = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	if (!ok)
		return 1;
	info->seen_known = 0;
	if (!info->disk_known || strcmp(sha, info->disk_sha) != 0) {
		info->seen_known = 1;
		info->seen_dev = (unsigned long long)st->st_dev;
		info->seen_ino = (unsigned long long)st->st_ino;
		info->seen_size = (unsigned long long)st->st_size;
		info->seen_mtime_ns = mt;
		return 1;
	}
	info->disk_dev = (unsigned long long)st->st_dev;
	info->disk_ino = (unsigned long long)st->st_ino;
	info->disk_size = (unsigned long long)st->st_size;
	info->disk_mtime_ns = mt;
	return 0;
}

/* Read path and hash its bytes: 1 and sha, or 0 when it cannot be read. */
static int store_hash_file(const char *path, char sha[65])
{
	char *text;
	size_t len;
	if (fio_read(path, &text, &len, NULL) < 0)
		return 0;
	side_sha256_hex(text, len, sha);
	free(text);
	return 1;
}

int store_disk_changed(struct store_info *info)
{
	struct stat st;
	int r = store_disk_stat(info, &st);
	if (r >= 0)
		return r;
	char sha[65];
	int ok = store_hash_file(info->text_path, sha);
	return store_disk_hashed(info, &st, ok, sha);
}

/* A read and hash of the text file by a thread (store_disk_watch). */
struct store_hash {
	pthread_t thread;
	char *path;
	struct stat st;		/* the file's stat when it started */
	unsigned long gen;	/* info->disk_gen then */
	_Atomic int done;
	int ok;
	char sha[65];
};

static void *store_hash_run(void *arg)
{
	struct store_hash *h = arg;
	h->ok = store_hash_file(h->path, h->sha);
	h->done = 1;
	return NULL;
}

static void store_hash_free(struct store_hash *h)
{
	if (h == NULL)
		return;
	pthread_join(h->thread, NULL);
	free(h->path);
	free(h);
}

int store_disk_watch(struct store_info *info)
{
	struct store_hash *h = info->hash;
	if (h != NULL) {
		if (!h->done)
			return STORE_DISK_PENDING;
		info->hash = NULL;
		/* Saved or read again meanwhile: the answer is about an older base. */
		int r = h->gen == info->disk_gen ? store_disk_hashed(info, &h->st, h->ok, h->sha) : -1;
		store_hash_free(h);
		if (r >= 0)
			return r;
	}
	struct stat st;
	int r = store_disk_stat(info, &st);
	if (r >= 0)
		return r;
	h = xcalloc(1, sizeof *h);
	h->path = xstrdup(info->text_path);
	h->st = st;
	h->gen = info->disk_gen;
	if (pthread_create(&h->thread, NULL, store_hash_run, h) != 0) {
		free(h->path);
		free(h);
		return store_disk_changed(info);
	}
	info->hash = h;
	return STORE_DISK_PENDING;
}

/* Hashing a text in a thread of its own, while the lines are analysed. */
struct store_arena_hash {
	const char *arena;
	size_t len;
	char sha[65];
};

static void *store_arena_hash_run(void *arg)
{
	struct store_arena_hash *h = arg;
	side_sha256_hex_arena(h->arena, h->len, h->sha);
	return NULL;
}

/* txt_read(text, len) made in text itself (doc_lines_adopt), which it
 * takes, and in sha the hash of text as read: made
 * from the lines' arena (the bytes cut into lines) in a second thread
 * while the first analyses them (both only read it), so that on two
 * cores first paint does not wait for the hash (13 ms of 20 MB). */
static struct doc *store_read_take(char *text, size_t len, char sha[65])
{
	struct doc *d = doc_new();
	doc_lines_adopt(d, text, len);
	struct store_arena_hash h = { .arena = d->arena, .len = d->arena_len };
	/* The thread takes no signal: the editor's handlers run in the first. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_t th;
	int threaded = pthread_sigmask(SIG_SETMASK, &all, &old) == 0;
	if (threaded) {
		threaded = pthread_create(&th, NULL, store_arena_hash_run, &h) == 0;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	if (!threaded)
		store_arena_hash_run(&h);
	txt_analyse(d);
	if (threaded)
		pthread_join(th, NULL);
	memcpy(sha, h.sha, 65);
	d->modified = 0;
	return d;
}

/* Open path, whose text is text[0..len) (read from text_from, for
 * messages) and whose sidecar is side (store_parse_side()); takes both. */
static struct doc *store_open_text(char *text, size_t len, const char *text_from, struct side_parsed *side,
				   struct store_info *info, char **cause)
{
	const char *nul = memchr(text, '\0', len);
	if (nul != NULL) {
		util_set_cause(cause, "%s: looks like a binary file (NUL byte at offset %zu), not minutes text",
			       text_from, (size_t)(nul - text));
		free(text);
		side_parsed_free(side);
		store_info_free(info);
		return NULL;
	}
	/* The lines are made in the bytes read (a 20 MB file is held once,
	 * not twice); the sidecar needs only their hash. */
	char sha[65];
	struct doc *d = store_read_take(text, len, sha);
	store_apply_side(d, info, side, sha);
	store_note_disk_sha(info, d, len, sha);
	d->modified = 0;
	return d;
}

struct doc *store_open(const char *path, int allow_missing, struct store_info *info, char **cause)
{
	store_info_init(info, path);
	if (!fio_exists(path) && allow_missing) {
		struct doc *d = txt_read("", 0);
		info->text_missing = 1;
		store_note_disk(info, d, "", 0);
		/* Because the sidecar alone is never enough, one without its
		 * text is not read; it is kept as a backup when we save. */
		if (fio_exists(info->side_path)) {
			char *why = xasprintf("%s has no text file %s", info->side_path, path);
			store_side_broken(info, why);
			free(why);
		}
		return d;
	}
	struct stat st;
	int sized = stat(path, &st) == 0 && (unsigned long long)st.st_size <= FIO_MAX_SIZE;
	struct side_parsed *side = store_parse_side(info, sized ? (size_t)st.st_size : 0);
	char *text;
	size_t len;
	if (fio_read(path, &text, &len, cause) < 0) {
		side_parsed_free(side);
		store_info_free(info);
		return NULL;
	}
	return store_open_text(text, len, path, side, info, cause);
}

/* The items' data the journal last wrote replaces the sidecar's: a status
 * changed after the last save is not lost with the process.  The new
 * journal writes it again (attrs_changed). */
static void store_apply_attrs(struct doc *d, const struct journal_attr *v, size_t n)
{
	for (size_t i = 0; i < d->nlines; i++)
		doc_attr_free(doc_line_attr_swap(d, i, NULL));
	for (size_t k = 0; k < n; k++) {
		if (v[k].line >= d->nlines)
			continue;
		struct doc_attr *a = doc_line_attr(d, v[k].line);
		a->status = v[k].status >= DOC_ST_OPEN && v[k].status <= DOC_ST_DROPPED ? v[k].status : DOC_ST_OPEN;
		a->id = v[k].id != NULL ? xstrdup(v[k].id) : NULL;
		a->from = v[k].from != NULL ? xstrdup(v[k].from) : NULL;
		a->stamp = v[k].stamp != NULL ? xstrdup(v[k].stamp) : NULL;
		if (a->id != NULL)
			doc_id_note(d, a->id);
	}
	d->attrs_changed = 1;
}

struct doc *store_open_recover(const char *path, struct store_info *info, char **cause)
{
	store_info_init(info, path);
	char *text;
	size_t len;
	struct journal_attr *attrs;
	size_t nattrs;
	if (store_recover_text_attrs(info, &text, &len, &attrs, &nattrs, cause) < 0) {
		store_info_free(info);
		return NULL;
	}
	struct doc *d = store_open_text(text, len, info->recover_path, store_parse_side(info, len), info, cause);
	if (d != NULL && attrs != NULL)
		store_apply_attrs(d, attrs, nattrs);
	journal_attrs_free(attrs, nattrs);
	if (d != NULL) {
		/* What is on disk is the file, not the text just read. */
		char *disk;
		size_t dlen;
		if (fio_read(path, &disk, &dlen, NULL) == 0) {
			side_sha256_hex(disk, dlen, info->disk_sha);
			free(disk);
		} else {
			info->disk_known = 0;
		}
		info->text_missing = !fio_exists(path);
		info->journal_inline = 1;
		d->modified = 1;
	}
	return d;
}

int store_recover_text(const struct store_info *info, char **text, size_t *len, char **cause)
{
	return store_recover_text_attrs(info, text, len, NULL, NULL, cause);
}

int store_recover_text_attrs(const struct store_info *info, char **text, size_t *len, struct journal_attr **attrs,
			     size_t *nattrs, char **cause)
{
	if (attrs != NULL)
		*attrs = NULL, *nattrs = 0;
	char *data;
	size_t dlen;
	if (fio_read(info->recover_path, &data, &dlen, cause) < 0)
		return -1;
	struct journal_head h;
	if (!journal_head(data, dlen, &h)) {	/* a plain copy of the text */
		*text = data;
		*len = dlen;
		return 0;
	}
	char *base = NULL, sha[65];
	size_t blen = 0;
	int r = -1;
	if (!h.inline_base) {
		if (fio_read(info->text_path, &base, &blen, NULL) < 0) {
			base = xstrdup("");
			blen = 0;
		}
		side_sha256_hex(base, blen, sha);
		if (blen != h.base_size || strcmp(sha, h.base_sha) != 0) {
			util_set_cause(cause, "%s: %s was changed since the recovery journal was started, so "
				       "the journal cannot be replayed on it", info->recover_path, info->text_path);
			goto out;
		}
	}
	char *why = NULL;
	r = journal_replay_attrs(data, dlen, base, blen, text, len, attrs, nattrs, &why);
	if (r < 0)
		util_set_cause(cause, "%s: %s", info->recover_path, why);
	free(why);
out:
	free(base);
	free(data);
	return r;
}

int store_recover_write(struct doc *d, struct store_info *info, char **cause)
{
	if (info->journal_inline) {
		if (journal_base_inline(info->journal, d, info->recover_path, cause) < 0)
			return -1;
		info->journal_inline = 0;
		return 0;
	}
	return journal_sync(info->journal, d, info->recover_path, cause);
}

_Static_assert(STORE_RECOVER_PENDING == JOURNAL_PENDING, "the journal's answer is passed on");

int store_recover_write_bg(struct doc *d, struct store_info *info, char **cause)
{
	if (info->journal_inline) {
		int r = journal_base_inline_bg(info->journal, d, info->recover_path, cause);
		if (r < 0)
			return -1;
		info->journal_inline = 0;
		return r;
	}
	return journal_sync_bg(info->journal, d, info->recover_path, cause);
}

static int store_str_differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/* Does the items' data the journal wrote differ from d's (on the same text)? */
static int store_attrs_differ(const struct doc *d, const struct journal_attr *v, size_t n)
{
	if (d->nattrs != n)
		return 1;
	for (size_t k = 0; k < n; k++) {
		const struct doc_attr *a = v[k].line < d->nlines ? doc_attr_of(d, v[k].line) : NULL;
		if (a == NULL || a->status != v[k].status || store_str_differ(a->id, v[k].id) ||
		    store_str_differ(a->from, v[k].from) || store_str_differ(a->stamp, v[k].stamp))
			return 1;
	}
	return 0;
}

int store_recover_check(const struct doc *d, struct store_info *info, char **when)
{
	char *copy;
	size_t clen;
	struct stat st;
	char *why = NULL, *where = NULL;
	if (!info->recover || stat(info->recover_path, &st) < 0)
		return 0;
	struct journal_attr *attrs;
	size_t nattrs;
	if (store_recover_text_attrs(info, &copy, &clen, &attrs, &nattrs, &why) < 0) {
		/* Never replaced by this session's journal: kept aside. */
		if (store_recover_set_aside(info, &where, NULL) == 0)
			*when = xasprintf("%s; it is kept as %s", why, where);
		else
			*when = xasprintf("%s", why);
		free(why);
		free(where);
		return -1;
	}
	size_t len;
	char *text = txt_write(d, &len);
	int differs = len != clen || memcmp(text, copy, len) != 0 ||
		      (attrs != NULL && store_attrs_differ(d, attrs, nattrs));
	free(text);
	free(copy);
	journal_attrs_free(attrs, nattrs);
	if (!differs) {
		store_recover_drop(info, NULL);
		return 0;
	}
	struct tm tm;
	char buf[32] = "";
	if (localtime_r(&st.st_mtime, &tm) != NULL)
		strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	*when = xstrdup(buf);
	return 1;
}

int store_recover_set_aside(struct store_info *info, char **where, char **cause)
{
	journal_detach(info->journal);
	/* Because a copy set aside is for people to read: plain text (a
	 * journal that cannot be replayed is kept as it is). */
	char *text;
	size_t len;
	if (store_recover_text(info, &text, &len, NULL) == 0) {
		fio_write_mode(info->recover_path, text, len, 0600, NULL);
		free(text);
	}
	if (fio_backup(info->recover_path, where, cause) < 0)
		return -1;
	return store_recover_drop(info, cause);
}

int store_recover_keep(const struct doc *d, struct store_info *info, char **where, char **cause)
{
	size_t len;
	char *text = txt_write(d, &len);
	journal_detach(info->journal);
	int r = fio_write_mode(info->recover_path, text, len, 0600, cause);
	free(text);
	return r < 0 ? -1 : store_recover_set_aside(info, where, cause);
}

int store_recover_drop(struct store_info *info, char **cause)
{
	info->recover = 0;
	journal_detach(info->journal);
	return fio_remove(info->recover_path, cause);
}

/* Did the failure that set errno come from a lack of room (a full disk, a
 * quota, a file size limit)? */
static int store_no_room(int e)
{
	return e == ENOSPC || e == EFBIG || e == EDQUOT;
}

/* why, a fio cause about path, without its leading "PATH: " and "cannot
 * save: ", because the message around it names the file already. */
static const char *store_why(const char *why, const char *path)
{
	size_t n = strlen(path);
	if (strncmp(why, path, n) == 0 && strncmp(why + n, ": ", 2) == 0)
		why += n + 2;
	if (strncmp(why, "cannot save: ", 13) == 0)
		why += 13;
	return why;
}

/* The text staged (written and synced under a temporary name) on a
 * thread of its own while the sidecar is made: the two take about as
 * long on a large document, and the disk's wait costs no CPU.  Written a
 * megabyte at a time from the lines (no copy of the whole text). */
struct store_text_job {
	const char *path;
	const struct doc *d;
	struct fio_stage *st;
	char *cause;
	int err;	/* errno of a failure */
};

static int store_text_emit(const char *s, size_t n, void *ctx)
{
	return fio_stage_append(ctx, s, n);
}

static void *store_stage_text(void *arg)
{
	struct store_text_job *j = arg;
	j->st = fio_stage_begin(j->path, -1, &j->cause);
	if (j->st != NULL) {
		txt_write_to(j->d, store_text_emit, j->st);	/* a failed write is kept for the end */
		j->st = fio_stage_end(j->st, &j->cause);
	}
	j->err = j->st == NULL ? errno : 0;
	return NULL;
}

static int store_hash_emit(const char *s, size_t n, void *ctx)
{
	side_sha256_add(ctx, s, n);
	return 0;
}

/* The sidecar written into its staged file as it is made, a megabyte at a
 * time (side_write_to()'s pieces are a few bytes to a few hundred KB). */
#define STORE_WRITE_BYTES ((size_t)1 << 20)

struct store_side_out {
	struct fio_stage *st;
	struct buf b;
};

static int store_side_emit(const char *s, size_t n, void *ctx)
{
	struct store_side_out *o = ctx;
	if (o->b.len > 0 && o->b.len + n > STORE_WRITE_BYTES) {
		if (fio_stage_append(o->st, o->b.s, o->b.len) < 0)
			return -1;
		buf_clear(&o->b);
	}
	if (n >= STORE_WRITE_BYTES)
		return fio_stage_append(o->st, s, n);
	buf_append(&o->b, s, n);
	return 0;
}

int store_save(struct doc *d, struct store_info *info, const char *now_iso, char **cause)
{
	if (d->stale)
		txt_analyse(d);
	char sha[65];
	int ret = -1;
	char *side_why = NULL;	/* why the sidecar is not written, once known */
	int no_backup = 0;
	struct fio_stage *st_text = NULL, *st_side = NULL;
	/* A sidecar we could not read is copied away before it is replaced.
	 * One that cannot even be copied (a directory, a FIFO, an unreadable
	 * file) is never replaced; because the text is the document of record,
	 * it is saved all the same. */
	if (info->side == STORE_SIDE_BROKEN && info->backup_path == NULL && fio_exists(info->side_path) &&
	    fio_backup(info->side_path, &info->backup_path, &side_why) < 0) {
		if (store_no_room(errno)) {
			util_set_cause(cause, "%s (nothing was saved)", side_why);
			goto out;
		}
		no_backup = 1;
	}
	/* Both files are staged before either is put in place.  Because a
	 * full disk passes, a lack of room for either one saves neither (so
	 * the two stay a pair); any other trouble with the sidecar leaves it
	 * as it was and saves the text.  The text is staged on a thread of
	 * its own while the sidecar is made and staged on this one. */
	struct store_text_job job = { info->text_path, d, NULL, NULL, 0 };
	pthread_t th;
	fio_ignore_sigxfsz();	/* before a second thread */
	int threaded = util_thread_start(&th, store_stage_text, &job) == 0;
	if (!threaded)
		store_stage_text(&job);
	/* The text's hash, from the lines as the thread writes them. */
	struct side_sha256 *h = side_sha256_new();
	size_t len = txt_write_to(d, store_hash_emit, h);
	side_sha256_end(h, sha);
	int side_err = 0;
	if (side_why == NULL) {
		/* Because the sidecar holds the text of every item: never
		 * more readable than the text itself. */
		struct stat ts, ss;
		int mode = -1;
		if (stat(info->text_path, &ts) == 0)
			mode = (int)(ts.st_mode & 0666) & (stat(info->side_path, &ss) == 0 ? (int)(ss.st_mode & 0666) : 0666);
		st_side = fio_stage_begin(info->side_path, mode, &side_why);
		side_err = errno;
	}
	if (st_side != NULL) {
		struct store_side_out o = { st_side, BUF_INIT };
		buf_reserve(&o.b, STORE_WRITE_BYTES);
		if (side_write_to(d, NULL, 0, now_iso, sha, &info->side_cache, store_side_emit, &o) == 0 && o.b.len > 0)
			fio_stage_append(st_side, o.b.s, o.b.len);
		buf_free(&o.b);
		st_side = fio_stage_end(st_side, &side_why);	/* a failed write says why */
		side_err = errno;
	}
	if (threaded)
		pthread_join(th, NULL);
	st_text = job.st;
	if (st_text == NULL) {
		if (cause != NULL) {
			free(*cause);
			*cause = job.cause;
		} else {
			free(job.cause);
		}
		errno = job.err;
		goto out;
	}
	if (st_side == NULL && side_why != NULL && !no_backup && store_no_room(side_err)) {
		/* Both files are unchanged: say so of both. */
		util_set_cause(cause, "%s: not saved, because its sidecar %s does not fit: %s (neither "
			       "file on disk was changed)", info->text_path, info->side_path, strerror(side_err));
		errno = side_err;
		goto out;
	}
	if (fio_commit(st_text, cause) < 0) {
		st_text = NULL;
		goto out;
	}
	st_text = NULL;
	if (st_side != NULL && fio_commit(st_side, &side_why) < 0 && side_why == NULL)
		side_why = xstrdup("unknown error");
	st_side = NULL;
	ret = 0;
	d->modified = 0;
	store_note_disk_sha(info, d, len, sha);
	if (d->created == NULL)
		d->created = xstrdup(now_iso);
	free(d->modified_at);
	d->modified_at = xstrdup(now_iso);
	info->text_missing = 0;
	if (side_why == NULL) {
		info->side = STORE_SIDE_OK;
	} else {
		ret = 1;
		util_set_cause(cause, "saved %s; the sidecar %s was not written: %s%s%s", info->text_path,
			       info->side_path, no_backup ? "it could not be backed up first (" : "",
			       store_why(side_why, info->side_path), no_backup ? ")" : "");
	}
out:
	fio_abort(st_text);
	fio_abort(st_side);
	free(side_why);
	return ret;
}
