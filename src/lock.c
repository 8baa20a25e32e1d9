/* lock: one editor per file; see lock.h.
 *
 * Data model: struct lock is the open lock file (its fcntl() lock lives as
 * long as the descriptor) and its name.  Taking it: open or create the
 * file, try F_SETLK; on success check that the name still leads to the
 * file locked (a releasing mahdar may have removed it in between — then
 * try again), and write who we are into it.  On failure read who holds it. */
#define _POSIX_C_SOURCE 200809L

#include "mahdar/lock.h"
#include "mahdar/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct lock {
	int fd;
	char *path;
};

char *lock_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xasprintf(".%s.mahdar-lock", path);
	return xasprintf("%.*s/.%s.mahdar-lock", (int)(slash - path), path, slash + 1);
}

static int lock_set(int fd, int type, int cmd, struct flock *fl)
{
	memset(fl, 0, sizeof *fl);
	fl->l_type = (short)type;
	fl->l_whence = SEEK_SET;
	return fcntl(fd, cmd, fl);
}

/* Who we are, as written into the lock file: "pid user host since". */
static char *lock_me(void)
{
	char host[256] = "?";
	if (gethostname(host, sizeof host) < 0)
		snprintf(host, sizeof host, "?");
	host[sizeof host - 1] = '\0';
	const struct passwd *pw = getpwuid(getuid());
	time_t now = time(NULL);
	struct tm tm;
	char when[32] = "?";
	if (localtime_r(&now, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	return xasprintf("%ld %s %s %s\n", (long)getpid(), pw != NULL ? pw->pw_name : "?", host, when);
}

/* The holder, from the lock file's text (pid user host date time). */
static char *lock_who(int fd, const struct flock *fl)
{
	char buf[512];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	long pid;
	char user[128], host[256], day[32], hm[16];
	if (sscanf(buf, "%ld %127s %255s %31s %15s", &pid, user, host, day, hm) == 5)
		return xasprintf("mahdar (process %ld of %s on %s, since %s %s)", pid, user, host, day, hm);
	if (fl != NULL && fl->l_pid > 0)
		return xasprintf("another mahdar (process %ld)", (long)fl->l_pid);
	return xstrdup("another mahdar");
}

int lock_take(const char *path, struct lock **lk, char **who)
{
	/* Because the same file may be opened through a symbolic link, the
	 * lock lies beside the file itself. */
	char *real = realpath(path, NULL);
	char *lp = lock_path(real != NULL ? real : path);
	free(real);
	*lk = NULL;
	*who = NULL;
	for (int tries = 0; tries < 10; tries++) {
		int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
			fd = open(lp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);	/* only to see who */
		if (fd < 0) {
			*who = xasprintf("%s: %s", lp, strerror(errno));
			free(lp);
			return LOCK_NONE;
		}
		struct flock fl;
		if (lock_set(fd, F_WRLCK, F_SETLK, &fl) < 0) {
			int e = errno;
			if (e == EACCES || e == EAGAIN) {
				lock_set(fd, F_WRLCK, F_GETLK, &fl);
				*who = lock_who(fd, &fl);
				close(fd);
				free(lp);
				return LOCK_HELD;
			}
			/* A read-only descriptor (EBADF) or a file system
			 * without locks: see whether a mahdar wrote it. */
			if (e == EBADF) {
				lock_set(fd, F_WRLCK, F_GETLK, &fl);
				if (fl.l_type != F_UNLCK) {
					*who = lock_who(fd, &fl);
					close(fd);
					free(lp);
					return LOCK_HELD;
				}
			}
			*who = xasprintf("%s: %s", lp, strerror(e));
			close(fd);
			free(lp);
			return LOCK_NONE;
		}
		/* Still the file under that name? */
		struct stat a, b;
		if (fstat(fd, &a) < 0 || stat(lp, &b) < 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
			close(fd);
			continue;
		}
		char *me = lock_me();
		if (ftruncate(fd, 0) < 0 || pwrite(fd, me, strlen(me), 0) < 0)
			errno = 0;	/* the lock holds all the same; only the name is missing */
		free(me);
		*lk = xcalloc(1, sizeof **lk);
		(*lk)->fd = fd;
		(*lk)->path = lp;
		return LOCK_TAKEN;
	}
	*who = xasprintf("%s: the lock file keeps changing", lp);
	free(lp);
	return LOCK_NONE;
}

void lock_release(struct lock *lk)
{
	if (lk == NULL)
		return;
	/* Removed while still locked, so that no one takes a file that is
	 * about to go. */
	unlink(lk->path);
	close(lk->fd);
	free(lk->path);
	free(lk);
}
