/* fio: the one place that reads and writes files.
 *
 * Data model: none kept; each call is a whole-file operation.  Reads take
 * a regular file whole into memory.  Writes never touch the old file until
 * the new bytes are safely on disk: they go to a temporary file
 * ".NAME.XXXXXX" in the same directory (so that rename() is atomic), which
 * is fsync'ed, given the old file's mode and owner, and renamed over the
 * old name; the directory is then fsync'ed so the rename itself survives a
 * crash.  Every error names the file and says what happened. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "mahdar/fio.h"
#include "mahdar/buf.h"
#include "mahdar/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FIO_MB(n) (((n) + ((size_t)1 << 20) - 1) >> 20)

/* What kind of non-regular file st describes, for messages. */
static const char *fio_kind(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "is a directory";
	if (S_ISFIFO(st->st_mode))
		return "is a FIFO (named pipe), not a regular file";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "is a device, not a regular file";
	if (S_ISSOCK(st->st_mode))
		return "is a socket, not a regular file";
	return "is not a regular file";
}

int fio_read(const char *path, char **data, size_t *len, char **cause)
{
	/* Because opening a FIFO for reading blocks until someone writes to
	 * it, open without blocking and look at what it is first. */
	int fd, e;
	do
		fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		e = errno;
		util_set_cause(cause, "%s: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	struct stat st;
	struct buf b = BUF_INIT;
	if (fstat(fd, &st) < 0) {
		e = errno;
		util_set_cause(cause, "%s: %s", path, strerror(e));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		util_set_cause(cause, "%s: %s", path, fio_kind(&st));
		goto fail;
	}
	if ((unsigned long long)st.st_size > FIO_MAX_SIZE) {
		e = EOVERFLOW;
		util_set_cause(cause, "%s: file too large (%zu MB; the limit is %zu MB)", path,
			       FIO_MB((size_t)st.st_size), FIO_MB(FIO_MAX_SIZE));
		goto fail;
	}
	buf_reserve(&b, (size_t)st.st_size + 1);
	for (;;) {
		if (b.cap - b.len < 2)
			buf_reserve(&b, 65536);
		ssize_t n = read(fd, b.s + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			util_set_cause(cause, "%s: %s", path, strerror(e));
			goto fail;
		}
		if (n == 0) {
			close(fd);
			b.s[b.len] = '\0';
			*data = buf_steal(&b, len);
			return 0;
		}
		b.len += (size_t)n;
		/* The file may grow while we read it. */
		if (b.len > FIO_MAX_SIZE) {
			e = EOVERFLOW;
			util_set_cause(cause, "%s: file too large (more than %zu MB)", path,
				       FIO_MB(FIO_MAX_SIZE));
			goto fail;
		}
	}
fail:
	close(fd);
	buf_free(&b);
	errno = e;
	return -1;
}

/* Write all of data to fd, through EINTR and short writes. */
static int fio_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory part of path ("." when there is none); caller frees. */
static char *fio_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* fsync a directory so that a rename in it is on disk.  Because some file
 * systems cannot fsync a directory (EINVAL), that is not an error. */
static int fio_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	if (r < 0 && (errno == EINVAL || errno == EROFS))
		r = 0;
	int e = errno;
	close(fd);
	errno = e;
	return r;
}

/* Because a file size limit (ulimit -f) must be a failed write (EFBIG)
 * that leaves the old file as it was, not a SIGXFSZ that kills the
 * editor with everything unsaved. */
void fio_ignore_sigxfsz(void)
{
	static int done;	/* written once, before a save starts its thread */
	if (!done) {
		signal(SIGXFSZ, SIG_IGN);
		done = 1;
	}
}

/* The mode a new file gets: 0666 less the umask. */
static mode_t fio_new_mode(void)
{
	/* Because umask() can only be read by setting it, set it back at once. */
	mode_t mask = umask(022);
	umask(mask);
	return 0666 & ~mask;
}

/* A new version of a file, written and synced under a temporary name. */
struct fio_stage {
	char *path;	/* as the caller named it, for messages */
	char *dest;	/* where it goes (a symbolic link's target) */
	char *dir;
	char *tmp;
	int existed;
	int linked;	/* the file has other names (hard links): rewrite it in place */
	int fd;		/* the temporary file while it is written, or -1 */
	int mode;	/* permission bits to give it, or -1 (the old file's, or new) */
	mode_t old_mode;
	int err;	/* errno of a failed write, 0 */
};

static void fio_stage_free(struct fio_stage *st)
{
	if (st->fd >= 0)
		close(st->fd);
	free(st->path);
	free(st->dest);
	free(st->dir);
	free(st->tmp);
	free(st);
}

static const char *fio_unchanged(const struct fio_stage *st)
{
	return st->existed ? " (the file on disk is unchanged)" : "";
}

struct fio_stage *fio_stage(const char *path, const char *data, size_t len, char **cause)
{
	return fio_stage_mode(path, data, len, -1, cause);
}

struct fio_stage *fio_stage_mode(const char *path, const char *data, size_t len, int mode, char **cause)
{
	struct fio_stage *st = fio_stage_begin(path, mode, cause);
	if (st == NULL)
		return NULL;
	fio_stage_append(st, data, len);
	return fio_stage_end(st, cause);
}

struct fio_stage *fio_stage_begin(const char *path, int mode, char **cause)
{
	fio_ignore_sigxfsz();
	struct fio_stage *st = xcalloc(1, sizeof *st);
	st->fd = -1;
	st->mode = mode;
	st->path = xstrdup(path);
	/* Because renaming over a symbolic link would replace the link with a
	 * file, write where the link points. */
	struct stat sb;
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		st->dest = realpath(path, NULL);
		if (st->dest == NULL && errno != ENOENT) {
			int e = errno;
			util_set_cause(cause, "%s: cannot save: %s", path, strerror(e));
			fio_stage_free(st);
			errno = e;
			return NULL;
		}
	}
	if (st->dest == NULL)
		st->dest = xstrdup(path);
	if (stat(st->dest, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			util_set_cause(cause, "%s: cannot save: it %s", path, fio_kind(&sb));
			fio_stage_free(st);
			errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
			return NULL;
		}
		st->existed = 1;
		st->linked = sb.st_nlink > 1;
		st->old_mode = sb.st_mode & 07777;
	}
	st->dir = fio_dirname(st->dest);
	const char *slash = strrchr(st->dest, '/');
	st->tmp = xasprintf("%s/.%s.XXXXXX", st->dir, slash != NULL ? slash + 1 : st->dest);
	st->fd = mkstemp(st->tmp);
	if (st->fd < 0) {
		int e = errno;
		util_set_cause(cause, "%s: cannot save: %s%s", path, strerror(e), fio_unchanged(st));
		fio_stage_free(st);
		errno = e;
		return NULL;
	}
	/* Best effort: keep the owner when root saves a user's file; anyone
	 * else may not give files away, and the mode below still applies. */
	if (st->existed && fchown(st->fd, sb.st_uid, sb.st_gid) < 0)
		errno = 0;
	return st;
}

int fio_stage_append(struct fio_stage *st, const void *data, size_t len)
{
	if (st->err == 0 && fio_write_all(st->fd, data, len) < 0)
		st->err = errno != 0 ? errno : EIO;
	return st->err == 0 ? 0 : -1;
}

struct fio_stage *fio_stage_end(struct fio_stage *st, char **cause)
{
	int bad = st->err != 0, e = st->err;
	if (!bad && (fsync(st->fd) < 0 ||
		     fchmod(st->fd, st->mode >= 0 ? (mode_t)st->mode : st->existed ? st->old_mode : fio_new_mode()) < 0))
		bad = 1, e = errno;
	if (close(st->fd) < 0 && !bad)	/* NFS reports write errors at close */
		bad = 1, e = errno;
	st->fd = -1;
	if (bad) {
		util_set_cause(cause, "%s: cannot save: %s%s", st->path, strerror(e), fio_unchanged(st));
		fio_abort(st);
		errno = e;
		return NULL;
	}
	return st;
}

/* Commit by copying the new bytes, safe in st->tmp, into the file itself:
 * for a file with other names (hard links), so that every name keeps
 * showing the same text, and for one that may be written but not
 * replaced.  Because the copy in place is not atomic, a failure keeps the
 * staged copy under a name the message gives. */
static int fio_commit_in_place(struct fio_stage *st, char **cause)
{
	char *data;
	size_t len;
	if (fio_read(st->tmp, &data, &len, cause) < 0) {
		fio_abort(st);
		return -1;
	}
	int fd = open(st->dest, O_WRONLY | O_CLOEXEC);
	int bad = fd < 0 || ftruncate(fd, 0) < 0 || fio_write_all(fd, data, len) < 0 || fsync(fd) < 0;
	int e = errno;
	if (fd >= 0 && close(fd) < 0 && !bad)
		bad = 1, e = errno;
	free(data);
	if (!bad) {
		fio_abort(st);	/* removes the staged copy */
		return 0;
	}
	char *keep = xasprintf("%s.saved-%ld", st->dest, (long)getpid());
	util_set_cause(cause, "%s: cannot save in place: %s; the text to save is in %s", st->path, strerror(e),
		       rename(st->tmp, keep) == 0 ? keep : st->tmp);
	free(keep);
	fio_stage_free(st);
	errno = e;
	return -1;
}

int fio_commit(struct fio_stage *st, char **cause)
{
	if (st->linked)
		return fio_commit_in_place(st, cause);
	if (rename(st->tmp, st->dest) < 0) {
		int e = errno;
		/* In a sticky directory (like /tmp) only a file's owner may
		 * replace it: one we may write is rewritten in place instead. */
		struct stat ds, fs;
		int sticky = (e == EPERM || e == EACCES) && stat(st->dir, &ds) == 0 && (ds.st_mode & S_ISVTX) &&
			     stat(st->dest, &fs) == 0 && fs.st_uid != geteuid();
		if (sticky && access(st->dest, W_OK) == 0)
			return fio_commit_in_place(st, cause);
		if (sticky)
			util_set_cause(cause, "%s: cannot save: %s (the directory %s is sticky, and only the "
				       "file's owner may replace it; save it under another name)%s", st->path,
				       strerror(e), st->dir, fio_unchanged(st));
		else
			util_set_cause(cause, "%s: cannot save: %s%s", st->path, strerror(e), fio_unchanged(st));
		fio_abort(st);
		errno = e;
		return -1;
	}
	/* Because the new file is in place by now, a directory that cannot be
	 * flushed does not make the save a failure (failure promises the old
	 * file, which is no longer possible). */
	fio_sync_dir(st->dir);
	fio_stage_free(st);
	return 0;
}

void fio_abort(struct fio_stage *st)
{
	if (st == NULL)
		return;
	unlink(st->tmp);
	fio_stage_free(st);
}

int fio_write_mode(const char *path, const char *data, size_t len, int mode, char **cause)
{
	struct fio_stage *st = fio_stage_mode(path, data, len, mode, cause);
	return st != NULL ? fio_commit(st, cause) : -1;
}

int fio_write_atomic(const char *path, const char *data, size_t len, char **cause)
{
	struct fio_stage *st = fio_stage(path, data, len, cause);
	return st != NULL ? fio_commit(st, cause) : -1;
}

int fio_backup(const char *path, char **backup, char **cause)
{
	char *data;
	size_t len;
	int e;
	if (fio_read(path, &data, &len, cause) < 0)
		return -1;
	struct stat st;
	mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 0777) : 0600;
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	if (localtime_r(&now, &tm) == NULL || strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	char *name = NULL;
	int fd = -1;
	/* O_EXCL: never overwrite an earlier backup; count up instead. */
	for (int n = 0; n < 1000; n++) {
		free(name);
		name = n == 0 ? xasprintf("%s.bak-%s", path, stamp)
			      : xasprintf("%s.bak-%s-%d", path, stamp, n);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		e = errno;
		goto fail;
	}
	if (fio_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(name);
		goto fail;
	}
	if (close(fd) < 0) {
		e = errno;
		unlink(name);
		goto fail;
	}
	char *dir = fio_dirname(name);
	fio_sync_dir(dir);
	free(dir);
	free(data);
	if (backup != NULL)
		*backup = name;
	else
		free(name);
	return 0;
fail:
	util_set_cause(cause, "%s: cannot back up to %s: %s", path, name, strerror(e));
	free(data);
	free(name);
	errno = e;
	return -1;
}

int fio_remove(const char *path, char **cause)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	util_set_cause(cause, "%s: cannot remove: %s", path, strerror(errno));
	return -1;
}

int fio_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int fio_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int fio_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fio_dir_writable(const char *path)
{
	char *dir = fio_dirname(path);
	int ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

char *fio_absolute(const char *path)
{
	char *dir = fio_dirname(path), *real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return NULL;
	const char *slash = strrchr(path, '/'), *base = slash != NULL ? slash + 1 : path;
	char *abs = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
	free(real);
	return abs;
}

int fio_mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		if (c == '\0')
			break;
		*s = c;
	}
	free(p);
	return 0;
}
