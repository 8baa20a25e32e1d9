/* fio: whole-file reads that refuse what is not a text file, atomic saves
 * that leave the old file alone on any failure, backups. */
#define _GNU_SOURCE
#include "testutil.h"
#include "testfs.h"

#include "mahdar/fio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void expect_read_error(const char *path, const char *want)
{
	char *data = (char *)"untouched", *cause = NULL;
	size_t len = 77;
	assert_int_equal(fio_read(path, &data, &len, &cause), -1);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("cause \"%s\", want \"%s\"", cause, want);
	assert_string_equal(data, "untouched");
	free(cause);
}

static void test_read_whole_file(void **state)
{
	char *p = tf_path(state, "x.txt");
	static const char bytes[] = "# t\r\nline\0with NUL\xff\xfe\nend";
	tf_put_file(p, bytes, sizeof bytes - 1);
	char *data, *cause = NULL;
	size_t len;
	assert_int_equal(fio_read(p, &data, &len, &cause), 0);
	assert_null(cause);
	assert_int_equal(len, sizeof bytes - 1);
	assert_memory_equal(data, bytes, len);
	assert_int_equal(data[len], '\0');
	free(data);
	/* An empty file is a document too. */
	tf_put_file(p, "", 0);
	assert_int_equal(fio_read(p, &data, &len, &cause), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	free(p);
}

static void test_read_refuses(void **state)
{
	char *p = tf_path(state, "x.txt"), want[512];
	snprintf(want, sizeof want, "%s: No such file or directory", p);
	expect_read_error(p, want);
	snprintf(want, sizeof want, "%s: is a directory", (char *)*state);
	expect_read_error(*state, want);
	expect_read_error("/dev/null", "/dev/null: is a device, not a regular file");
	/* A FIFO with no writer: refused at once, not waited on. */
	char *fifo = tf_path(state, "pipe.txt");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);
	snprintf(want, sizeof want, "%s: is a FIFO (named pipe), not a regular file", fifo);
	expect_read_error(fifo, want);
	alarm(0);
	/* A path through a regular file. */
	tf_put_file(p, "a", 1);
	char *under = tf_path(state, "x.txt/y.txt");
	snprintf(want, sizeof want, "%s: Not a directory", under);
	expect_read_error(under, want);
	free(under);
	free(fifo);
	free(p);
}

static void test_read_too_large(void **state)
{
	char *p = tf_path(state, "big.txt"), want[512];
	/* A sparse file: 600 MB long, no disk used. */
	int fd = open(p, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)600 << 20), 0);
	close(fd);
	snprintf(want, sizeof want, "%s: file too large (600 MB; the limit is 512 MB)", p);
	expect_read_error(p, want);
	fd = open(p, O_WRONLY);
	assert_int_equal(ftruncate(fd, ((off_t)512 << 20) + 1), 0);
	close(fd);
	snprintf(want, sizeof want, "%s: file too large (513 MB; the limit is 512 MB)", p);
	expect_read_error(p, want);
	free(p);
}

static void test_write_new_and_replace(void **state)
{
	char *p = tf_path(state, "x.txt"), *cause = NULL;
	mode_t old = umask(022);
	assert_int_equal(fio_write_atomic(p, "first\n", 6, &cause), 0);
	assert_null(cause);
	tf_assert_file_is(p, "first\n", 6);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* Replacing keeps the file's own permissions. */
	assert_int_equal(chmod(p, 0640), 0);
	assert_int_equal(fio_write_atomic(p, "second, longer\n", 15, &cause), 0);
	tf_assert_file_is(p, "second, longer\n", 15);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	/* Shorter, then empty. */
	assert_int_equal(fio_write_atomic(p, "3", 1, &cause), 0);
	tf_assert_file_is(p, "3", 1);
	assert_int_equal(fio_write_atomic(p, "", 0, &cause), 0);
	tf_assert_file_is(p, "", 0);
	/* No temporary file left behind. */
	assert_int_equal(tf_count_entries(*state), 1);
	/* A bare file name writes in the current directory. */
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(*state), 0);
	assert_int_equal(fio_write_atomic("rel.txt", "r", 1, &cause), 0);
	assert_int_equal(chdir(cwd), 0);
	char *rel = tf_path(state, "rel.txt");
	tf_assert_file_is(rel, "r", 1);
	free(rel);
	umask(old);
	free(p);
}

static void test_write_through_symlink(void **state)
{
	char *target = tf_path(state, "real.txt"), *link = tf_path(state, "link.txt"), *cause = NULL;
	tf_put_file(target, "old", 3);
	assert_int_equal(symlink("real.txt", link), 0);
	assert_int_equal(fio_write_atomic(link, "new", 3, &cause), 0);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	tf_assert_file_is(target, "new", 3);
	assert_int_equal(tf_count_entries(*state), 2);
	free(target);
	free(link);
}

static void test_write_unwritable_location(void **state)
{
	/* As root no permission bit stops us, so use places that cannot hold a
	 * file at all: under a regular file, in a missing directory, over a
	 * directory. */
	char *file = tf_path(state, "x.txt"), *cause = NULL, want[512];
	tf_put_file(file, "keep", 4);
	char *under = tf_path(state, "x.txt/y.txt");
	assert_int_equal(fio_write_atomic(under, "data", 4, &cause), -1);
	snprintf(want, sizeof want, "%s: cannot save: Not a directory", under);
	assert_string_equal(cause, want);
	tf_assert_file_is(file, "keep", 4);

	char *missing = tf_path(state, "nodir/y.txt");
	assert_int_equal(fio_write_atomic(missing, "data", 4, &cause), -1);
	snprintf(want, sizeof want, "%s: cannot save: No such file or directory", missing);
	assert_string_equal(cause, want);

	char *dir = tf_path(state, "sub");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(fio_write_atomic(dir, "data", 4, &cause), -1);
	snprintf(want, sizeof want, "%s: cannot save: it is a directory", dir);
	assert_string_equal(cause, want);
	assert_int_equal(tf_count_entries(*state), 2);
	assert_int_equal(tf_count_entries(dir), 0);
	free(cause);
	free(dir);
	free(missing);
	free(under);
	free(file);
}

static void test_write_fails_midway(void **state)
{
	/* A file size limit makes write() fail part way through the new bytes
	 * (EFBIG), like a disk filling up: the old file must stay as it was and
	 * the partial temporary file must go. */
	char *p = tf_path(state, "x.txt"), *cause = NULL, want[512];
	tf_put_file(p, "old text\n", 9);
	size_t big = 1 << 20;
	char *data = malloc(big);
	memset(data, 'z', big);
	struct rlimit saved, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small = saved;
	small.rlim_cur = 65536;
	void (*oldsig)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int r = fio_write_atomic(p, data, big, &cause);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, oldsig);
	assert_int_equal(r, -1);
	snprintf(want, sizeof want, "%s: cannot save: %s (the file on disk is unchanged)", p,
		 strerror(EFBIG));
	assert_string_equal(cause, want);
	tf_assert_file_is(p, "old text\n", 9);
	assert_int_equal(tf_count_entries(*state), 1);
	free(cause);
	free(data);
	free(p);
}

/* In a child with its own mount namespace, fill a 64 KiB tmpfs.  Exit 0 if
 * the save failed cleanly, 77 if namespaces/mounts are not allowed here,
 * other codes for the first check that failed. */
static int full_disk_child(const char *dir)
{
	if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return 77;
	char mnt[512], p[600], want[800];
	snprintf(mnt, sizeof mnt, "%s/small", dir);
	if (mkdir(mnt, 0755) < 0 || mount("tmpfs", mnt, "tmpfs", 0, "size=64k") < 0)
		return 77;
	snprintf(p, sizeof p, "%s/x.txt", mnt);
	char *cause = NULL;
	if (fio_write_atomic(p, "old text\n", 9, &cause) < 0)
		return 2;
	size_t big = 1 << 20;
	char *data = malloc(big);
	memset(data, 'z', big);
	if (fio_write_atomic(p, data, big, &cause) != -1)
		return 3;
	snprintf(want, sizeof want,
		 "%s: cannot save: No space left on device (the file on disk is unchanged)", p);
	if (cause == NULL || strcmp(cause, want) != 0) {
		fprintf(stderr, "cause: %s\nwant:  %s\n", cause ? cause : "(null)", want);
		return 4;
	}
	char *back;
	size_t n;
	if (fio_read(p, &back, &n, &cause) < 0 || n != 9 || memcmp(back, "old text\n", 9) != 0)
		return 5;
	DIR *d = opendir(mnt);
	int entries = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		entries++;
	closedir(d);
	if (entries != 3)	/* ., .., x.txt */
		return 6;
	return 0;
}

static void test_write_full_disk(void **state)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(full_disk_child(*state));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		skip();	/* no mount namespace here; test_write_fails_midway covers the path */
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_stage_commit_abort(void **state)
{
	char *a = tf_path(state, "a.txt"), *b = tf_path(state, "b.json"), *cause = NULL;
	tf_put_file(a, "old a", 5);
	struct fio_stage *sa = fio_stage(a, "new a", 5, &cause);
	struct fio_stage *sb = fio_stage(b, "new b", 5, &cause);
	assert_non_null(sa);
	assert_non_null(sb);
	/* Staged bytes are not visible yet. */
	tf_assert_file_is(a, "old a", 5);
	assert_int_equal(fio_exists(b), 0);
	assert_int_equal(tf_count_entries(*state), 3);
	assert_int_equal(fio_commit(sa, &cause), 0);
	fio_abort(sb);
	fio_abort(NULL);
	tf_assert_file_is(a, "new a", 5);
	assert_int_equal(fio_exists(b), 0);
	assert_int_equal(tf_count_entries(*state), 1);
	free(a);
	free(b);
}

static void test_backup(void **state)
{
	char *p = tf_path(state, "x.json"), *cause = NULL, *b1 = NULL, *b2 = NULL;
	tf_put_file(p, "{ broken", 8);
	assert_int_equal(chmod(p, 0640), 0);
	assert_int_equal(fio_backup(p, &b1, &cause), 0);
	assert_int_equal(fio_backup(p, &b2, &cause), 0);
	assert_null(cause);
	assert_string_not_equal(b1, b2);
	for (char *b = b1; b != NULL; b = b == b1 ? b2 : NULL) {
		/* PATH.bak-YYYYMMDD-HHMMSS[-N] */
		size_t pl = strlen(p);
		assert_memory_equal(b, p, pl);
		assert_memory_equal(b + pl, ".bak-", 5);
		const char *s = b + pl + 5;
		for (int i = 0; i < 15; i++)
			assert_true(i == 8 ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9'));
		assert_true(s[15] == '\0' || s[15] == '-');
		tf_assert_file_is(b, "{ broken", 8);
		struct stat st;
		assert_int_equal(stat(b, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0640);
	}
	tf_assert_file_is(p, "{ broken", 8);
	assert_int_equal(tf_count_entries(*state), 3);
	free(b1);
	free(b2);
	char *missing = tf_path(state, "none.json"), want[512];
	assert_int_equal(fio_backup(missing, &b1, &cause), -1);
	snprintf(want, sizeof want, "%s: No such file or directory", missing);
	assert_string_equal(cause, want);
	free(cause);
	free(missing);
	free(p);
}

static void test_exists(void **state)
{
	char *p = tf_path(state, "x.txt"), *dangling = tf_path(state, "dangling");
	assert_int_equal(fio_exists(p), 0);
	tf_put_file(p, "", 0);
	assert_int_equal(fio_exists(p), 1);
	assert_int_equal(fio_exists(*state), 1);
	assert_int_equal(symlink("nowhere", dangling), 0);
	assert_int_equal(fio_exists(dangling), 1);
	free(dangling);
	free(p);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tf_setup_dir, tf_teardown_dir)
	const struct CMUnitTest tests[] = {
		T(test_read_whole_file),
		T(test_read_refuses),
		T(test_read_too_large),
		T(test_write_new_and_replace),
		T(test_write_through_symlink),
		T(test_write_unwritable_location),
		T(test_write_fails_midway),
		T(test_write_full_disk),
		T(test_stage_commit_abort),
		T(test_backup),
		T(test_exists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
