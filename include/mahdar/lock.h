/* lock: one editor per file.  A lock file ".NAME.mahdar-lock" beside the
 * file holds an fcntl() write lock for as long as the mahdar editing it
 * runs, and says who that is (process, user, host, since when).  Because
 * the kernel (or the NFS lock manager) drops the lock when its process
 * dies, however it dies, a lock is never left stuck after a crash: the
 * next mahdar takes it over.  The lock file is removed on release. */
#ifndef MAHDAR_LOCK_H
#define MAHDAR_LOCK_H

struct lock;

enum lock_result {
	LOCK_TAKEN = 0,		/* *lk is ours */
	LOCK_HELD = 1,		/* another live process has it: *who says who */
	LOCK_NONE = -1,		/* no lock could be made (e.g. a read-only directory): *who says why */
};

/* Take the lock of the file at path.  *who (caller frees) is for the user:
 * "mahdar (process 4242 of leila on host1, since 2026-11-27 10:42)". */
int lock_take(const char *path, struct lock **lk, char **who);
/* Release the lock and remove the lock file; NULL is a no-op. */
void lock_release(struct lock *lk);
/* The lock file's name for path (caller frees); lock_take() uses the name
 * of the file a symbolic link points to. */
char *lock_path(const char *path);

#endif
